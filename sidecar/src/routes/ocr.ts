/** POST /v1/ocr: text lines with boxes from images and PDFs. The work is services/readText.ts. */
import { Router } from 'express';
import type { SidecarContext } from '../context';
import { OCR_MODEL_ID } from '../engines';
import { parseOcrOptions } from '../http/requestOptions';
import { uploadFiles } from '../http/upload';
import { readText } from '../services/readText';
import { runJob } from './job';
import { documentReaders, uploadLimits } from './limits';

export function ocrRoutes(ctx: SidecarContext): Router {
	const router = Router();
	router.post('/ocr', ...uploadFiles({ ...uploadLimits(ctx), accept: ['image', 'pdf'], maxFiles: 20 }), async (req, res) => {
		const options = parseOcrOptions((req.body ?? {}) as Record<string, unknown>);
		const started = performance.now();
		const result = await runJob(ctx, req, res, async (signal, control) => {
			const engine = ctx.engines.ocr();
			return { ...(await readText(engine, req.uploads ?? [], options, documentReaders(ctx, signal, control, req.id))), device: engine.provider };
		});
		const { documents } = result;
		res.json({
			model: OCR_MODEL_ID,
			device: result.device,
			options,
			timings: { totalMs: Math.round((performance.now() - started) * 10) / 10, ...result.timings },
			documents,
			...(documents.length === 1 ? { pages: documents[0]!.pages } : {}),
		});
	});
	return router;
}
