/** The sidecar's limits as the route handlers hand them to uploads and document readers. */
import type { SidecarContext } from '../context';
import type { DocumentReaders } from '../ocr/document';
import { workDeadlineMs } from '../queue/budget';
import type { JobControl } from '../queue/workQueue';

export function uploadLimits(ctx: SidecarContext): { maxUploadMb: number; maxRequestMb: number; budget: SidecarContext['uploads'] } {
	return { maxUploadMb: ctx.config.maxUploadMb, maxRequestMb: ctx.config.maxRequestMb, budget: ctx.uploads };
}

/** Readers for one job: its signal, and its deadline growing with the pages of each document. */
export function documentReaders(ctx: SidecarContext, signal: AbortSignal, control: JobControl, requestId: string): DocumentReaders {
	let pages = 0;
	let done = 0;
	const provider = ctx.engines.ocr().provider;
	return {
		maxPages: ctx.config.maxPages,
		pdf: ctx.pdf,
		signal,
		pagesAhead: (n) => {
			pages += n;
			control.extendDeadline(workDeadlineMs(ctx.config.requestTimeoutMs, provider, { pages }));
			ctx.progress.update(requestId, { total: pages, unit: 'pages' });
		},
		pageDone: () => ctx.progress.update(requestId, { done: ++done, unit: 'pages' }),
	};
}
