/** The sidecar's limits as the route handlers hand them to uploads and document readers. */
import type { SidecarContext } from '../context';
import type { DocumentReaders } from '../ocr/document';

export function uploadLimits(ctx: SidecarContext): { maxUploadMb: number; maxRequestMb: number; budget: SidecarContext['uploads'] } {
	return { maxUploadMb: ctx.config.maxUploadMb, maxRequestMb: ctx.config.maxRequestMb, budget: ctx.uploads };
}

export function documentReaders(ctx: SidecarContext, signal: AbortSignal): DocumentReaders {
	return { maxPages: ctx.config.maxPages, pdf: ctx.pdf, signal };
}
