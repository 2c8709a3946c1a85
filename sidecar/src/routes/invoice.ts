/** POST /v1/ocr/invoice: invoice and receipt fields from an image or PDF. */
import { Router } from 'express';
import type { SidecarContext } from '../context';
import { OCR_MODEL_ID } from '../engines';
import { enumField } from '../http/formFields';
import { uploadFiles } from '../http/upload';
import { extractInvoice } from '../invoice/extract';
import type { DateOrder } from '../invoice/dates';
import { itemsAddUp, lineItemsFrom } from '../invoice/lineItems';
import { tableDocument } from '../table/document';
import { TABLE_DEFAULTS } from '../table/extract';
import { parseOcrOptions } from '../ocr/options';
import { runJob } from './job';
import { boxOnSentPage, pageInSentPixels } from '../ocr/page/output';
import { documentReaders, uploadLimits } from './limits';

export function invoiceRoutes(ctx: SidecarContext): Router {
	const router = Router();
	router.post('/ocr/invoice', ...uploadFiles({ ...uploadLimits(ctx), accept: ['image', 'pdf'], maxFiles: 1 }), async (req, res) => {
		const fields = (req.body ?? {}) as Record<string, unknown>;
		const ocrOptions = parseOcrOptions(fields);
		const dateOrder = enumField(fields, 'dateOrder', ['auto', 'dmy', 'mdy', 'ymd'] as const, 'auto, dmy, mdy or ymd') ?? 'auto';
		const file = req.uploads![0]!;
		const started = performance.now();
		const { doc, tables, provider } = await runJob(ctx, req, res, async (signal, control) => {
			const engine = ctx.engines.ocr();
			// The pages are read as for fields alone; their tables give the line items.
			const read = await tableDocument(engine, file, ocrOptions, TABLE_DEFAULTS, documentReaders(ctx, signal, control, req.id), {});
			return { ...read, provider: engine.provider };
		});
		const language = ocrOptions.lang !== 'auto' && ocrOptions.lang !== 'none' ? ocrOptions.lang : (doc.pages.find((p) => p.language)?.language ?? null);
		// US English documents write month/day; everyone else day/month.
		const order: DateOrder = dateOrder === 'auto' ? (language === 'en' ? 'mdy' : 'dmy') : dateOrder;
		const result = extractInvoice(doc.pages, { dateOrder: order, language });
		const lineItems = lineItemsFrom(tables);
		const validation = {
			...result.validation,
			lineItemsSum: itemsAddUp(lineItems, result.fields.subtotal, result.fields.total),
			lineAmounts: lineItems.length === 0 || lineItems.every((i) => i.check === 'not-checked') ? 'not-checked' : lineItems.some((i) => i.check === 'fail') ? 'fail' : 'pass',
		};
		// Where each field was found, in the pixels of the page as sent.
		const details = Object.fromEntries(Object.entries(result.details).map(([k, d]) => [k, d ? { ...d, box: boxOnSentPage(doc.pages, d.page, d.box) } : d]));
		res.json({
			model: OCR_MODEL_ID,
			device: provider,
			filename: doc.filename,
			pageCount: doc.pageCount,
			...result,
			details,
			validation,
			lineItems,
			timings: { ...doc.timings, totalMs: Math.round(performance.now() - started) },
			pages: doc.pages.map(pageInSentPixels),
		});
	});
	return router;
}
