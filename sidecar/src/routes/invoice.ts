/** POST /v1/ocr/invoice: invoice and receipt fields from an image, a PDF (e-invoice XML inside read exactly) or a CII/UBL XML file. */
import { Router } from 'express';
import type { SidecarContext } from '../context';
import { OCR_MODEL_ID } from '../engines';
import { uploadFiles } from '../http/upload';
import { parseInvoiceOptions } from '../http/requestOptions';
import { boxOnSentPage, pageInSentPixels } from '../ocr/page/output';
import { reviewAttachment } from '../review/draw';
import { invoiceMarks } from '../review/marks';
import { ReviewPages } from '../review/pages';
import { readInvoice } from '../services/readInvoice';
import { runJob } from './job';
import { documentReaders, uploadLimits } from './limits';

export function invoiceRoutes(ctx: SidecarContext): Router {
	const router = Router();
	router.post('/ocr/invoice', ...uploadFiles({ ...uploadLimits(ctx), accept: ['image', 'pdf', 'xml'], maxFiles: 1 }), async (req, res) => {
		const { ocr: ocrOptions, dateOrder, review: wantsReview } = parseInvoiceOptions((req.body ?? {}) as Record<string, unknown>);
		const review = wantsReview ? new ReviewPages() : undefined;
		const file = req.uploads![0]!;
		const started = performance.now();
		const { reading, provider } = await runJob(ctx, req, res, async (signal, control) => {
			const engine = ctx.engines.ocr();
			return { reading: await readInvoice(engine, file, ocrOptions, dateOrder, documentReaders(ctx, signal, control, req.id), review), provider: engine.provider };
		});
		const { doc, details, ...result } = reading;
		// Drawn in the upright frame the fields were found in, before their boxes are mapped to the page as sent.
		const picture = review ? await reviewAttachment(doc.filename, review.pages, invoiceMarks(reading.fields, details, reading.validation)) : null;
		res.json({
			model: OCR_MODEL_ID,
			device: provider,
			filename: doc.filename,
			pageCount: doc.pageCount,
			...result,
			// Where each field was found, in the pixels of the page as sent (none for an e-invoice's XML).
			details: Object.fromEntries(Object.entries(details).map(([k, d]) => [k, d && d.box ? { ...d, box: boxOnSentPage(doc.pages, d.page, d.box) } : d])),
			timings: { ...doc.timings, totalMs: Math.round(performance.now() - started) },
			pages: doc.pages.map(pageInSentPixels),
			...(picture ? { review: picture } : {}),
		});
	});
	return router;
}
