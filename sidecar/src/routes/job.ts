/**
 * Admission for work on /v1 routes: refused while shutting down, bounded by the queue and
 * REQUEST_TIMEOUT_MS, and cancelled when the client goes away before its answer is sent.
 */
import type { Request, Response } from 'express';
import type { SidecarContext } from '../context';
import { JobCancelledError } from '../errors';
import { problems } from '../http/problem';
import type { JobControl } from '../queue/workQueue';

export function runJob<T>(ctx: SidecarContext, req: Request, res: Response, job: (signal: AbortSignal, control: JobControl) => Promise<T>): Promise<T> {
	if (ctx.state.shuttingDown) throw problems.shuttingDown();
	const client = new AbortController();
	const onClose = () => {
		if (!res.writableFinished) client.abort(new JobCancelledError('client-gone'));
	};
	res.once('close', onClose);
	// The request may already be gone (its body took a while to upload and the client gave up).
	if (req.socket.destroyed) onClose();
	ctx.progress.queued(req.id, req.path);
	const run = ctx.queue.run(
		(signal, control) => {
			ctx.progress.running(req.id);
			return job(signal, control);
		},
		ctx.config.requestTimeoutMs,
		{ signal: client.signal },
	);
	run.then(
		() => ctx.progress.finish(req.id, true),
		() => ctx.progress.finish(req.id, false),
	);
	return run;
}
