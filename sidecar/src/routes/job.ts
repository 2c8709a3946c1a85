/**
 * Admission for work on /v1 routes: refused while shutting down, bounded by the queue and
 * REQUEST_TIMEOUT_MS, and cancelled when the client goes away before its answer is sent.
 */
import type { Request, Response } from 'express';
import type { SidecarContext } from '../context';
import { JobCancelledError } from '../errors';
import { problems } from '../http/problem';

export function runJob<T>(ctx: SidecarContext, req: Request, res: Response, job: (signal: AbortSignal) => Promise<T>): Promise<T> {
	if (ctx.state.shuttingDown) throw problems.shuttingDown();
	const client = new AbortController();
	const onClose = () => {
		if (!res.writableFinished) client.abort(new JobCancelledError('client-gone'));
	};
	res.once('close', onClose);
	// The request may already be gone (its body took a while to upload and the client gave up).
	if (req.socket.destroyed) onClose();
	return ctx.queue.run(job, ctx.config.requestTimeoutMs, { signal: client.signal });
}
