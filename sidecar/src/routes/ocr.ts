/** POST /v1/ocr: text lines with boxes from images and PDFs. */
import { Router } from 'express';
import type { SidecarContext } from '../context';
import { uploadFiles } from '../http/upload';
import { ocrDocument } from '../ocr/document';
import { OCR_MODEL_ID } from '../engines';
import { parseOcrOptions } from '../http/requestOptions';
import { runJob } from './job';
import { pageInSentPixels } from '../ocr/page/output';
import { documentReaders, uploadLimits } from './limits';

export function ocrRoutes(ctx: SidecarContext): Router {
	const router = Router();
	router.post('/ocr', ...uploadFiles({ ...uploadLimits(ctx), accept: ['image', 'pdf'], maxFiles: 20 }), async (req, res) => {
		const options = parseOcrOptions((req.body ?? {}) as Record<string, unknown>);
		const uploads = req.uploads ?? [];
		const started = performance.now();
		const result = await runJob(ctx, req, res, async (signal, control) => {
			const engine = ctx.engines.ocr();
			const documents = [];
			for (const file of uploads) documents.push(await ocrDocument(engine, file, options, documentReaders(ctx, signal, control, req.id)));
			return { engine, documents };
		});
		const totalMs = Math.round((performance.now() - started) * 10) / 10;
		const documents = result.documents.map(({ timings: _t, ...doc }) => ({ ...doc, pages: doc.pages.map(pageInSentPixels) }));
		res.json({
			model: OCR_MODEL_ID,
			device: result.engine.provider,
			options,
			timings: {
				totalMs,
				decodeMs: sum(result.documents.map((d) => d.timings.decodeMs)),
				ocrMs: sum(result.documents.map((d) => d.timings.ocrMs)),
				textLayerMs: sum(result.documents.map((d) => d.timings.textLayerMs)),
			},
			documents,
			...(documents.length === 1 ? { pages: documents[0]!.pages } : {}),
		});
	});
	return router;
}

const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 10) / 10;
