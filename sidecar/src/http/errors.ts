/** Maps every error to a problem+json answer; unknown errors are logged with their stack and sent as a bare 500. */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { DependencyError, InputError, JobCancelledError, OptionError } from '../errors';
import { QueueFullError } from '../queue/workQueue';
import { ModelNotDownloadedError, ModelNotLoadedError } from '../runtime/modelPool';
import { errorFields } from '../log/logger';
import { HttpProblem, PROBLEM_CONTENT_TYPE, problems } from './problem';

export function toProblem(err: unknown): HttpProblem {
	if (err instanceof HttpProblem) return err;
	if (err instanceof QueueFullError) return problems.queueFull(err.retryAfterSeconds);
	if (err instanceof OptionError) return problems.badRequest(err.message);
	if (err instanceof InputError) return problems.unprocessable(err.slug, err.title, err.message);
	if (err instanceof JobCancelledError) {
		if (err.reason === 'deadline') return problems.timeout(err.timeoutMs);
		return err.reason === 'shutdown' ? problems.shuttingDown() : problems.clientGone();
	}
	if (err instanceof DependencyError) return problems.dependency(err.slug, err.message);
	if (err instanceof ModelNotDownloadedError) return problems.notDownloaded(err.message);
	if (err instanceof ModelNotLoadedError) return problems.notReady(err.message);
	const e = err as { type?: string; status?: number };
	// body-parser style errors from express itself (e.g. a malformed body on a future JSON route)
	if (e && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
		return new HttpProblem(e.status, 'bad-request', 'Bad Request', `request rejected (${e.type ?? 'invalid request'})`);
	}
	return problems.internal();
}

export function sendProblem(res: Parameters<RequestHandler>[1], problem: HttpProblem, instance: string, requestId: string): void {
	for (const [k, v] of Object.entries(problem.headers)) res.setHeader(k, v);
	res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem.body(instance, requestId)));
}

export const errorHandler: ErrorRequestHandler = (err, req, res, next) => {
	if (res.headersSent) return next(err);
	const problem = toProblem(err);
	// Only failures nobody planned for are logged with their stack; cancellations and dependency problems are expected.
	if (problem.status === 500 && !(err instanceof HttpProblem)) req.log?.error('request failed', errorFields(err));
	sendProblem(res, problem, req.originalUrl, req.id);
};
