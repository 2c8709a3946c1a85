/** Admission for work on /v1 routes: refused while shutting down, bounded by the queue and REQUEST_TIMEOUT_MS. */
import type { SidecarContext } from '../context';
import { problems } from '../http/problem';

export function runJob<T>(ctx: SidecarContext, job: () => Promise<T>): Promise<T> {
	if (ctx.state.shuttingDown) throw problems.shuttingDown();
	return ctx.queue.run(job, ctx.config.requestTimeoutMs);
}
