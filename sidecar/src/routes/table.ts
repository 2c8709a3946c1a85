/** POST /v1/ocr/table: tables from PDFs and images, as JSON or as a CSV/XLSX/HTML/Markdown file. The work is services/readTables.ts. */
import path from 'node:path';
import { Router, type Response } from 'express';
import type { SidecarContext } from '../context';
import { OCR_MODEL_ID } from '../engines';
import { parseTableOptions } from '../http/requestOptions';
import { uploadFiles } from '../http/upload';
import { pageInSentPixels } from '../ocr/page/output';
import { reviewAttachment } from '../review/draw';
import { tableMarks } from '../review/marks';
import { ReviewPages } from '../review/pages';
import { readTables, tablesFile, type TableFileFormat } from '../services/readTables';
import { runJob } from './job';
import { documentReaders, uploadLimits } from './limits';

const MEDIA: Record<TableFileFormat, { type: string; ext: string }> = {
	csv: { type: 'text/csv; charset=utf-8', ext: 'csv' },
	xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' },
	html: { type: 'text/html; charset=utf-8', ext: 'html' },
	markdown: { type: 'text/markdown; charset=utf-8', ext: 'md' },
};

function sendFile(res: Response, format: TableFileFormat, name: string, body: Buffer, count: number): void {
	res.setHeader('Content-Type', MEDIA[format].type);
	res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
	res.setHeader('X-Tables-Found', String(count));
	res.send(body);
}

export function tableRoutes(ctx: SidecarContext): Router {
	const router = Router();
	router.post('/ocr/table', ...uploadFiles({ ...uploadLimits(ctx), accept: ['image', 'pdf'], maxFiles: 1 }), async (req, res) => {
		const { table: options, ocr, echo } = parseTableOptions((req.body ?? {}) as Record<string, unknown>);
		const file = req.uploads![0]!;
		const review = options.review && options.format === 'json' ? new ReviewPages() : undefined;
		const started = performance.now();
		const result = await runJob(ctx, req, res, async (signal, control) => {
			const engine = ctx.engines.ocr();
			return { ...(await readTables(engine, file, ocr, options, documentReaders(ctx, signal, control, req.id), review)), provider: engine.provider };
		});
		const { doc, tables, decimalComma } = result;
		const stem = path.parse(file.filename).name.replace(/[^\w.-]+/g, '_') || 'tables';
		if (options.format !== 'json') {
			sendFile(res, options.format, `${stem}-tables.${MEDIA[options.format].ext}`, await tablesFile(options.format, tables, decimalComma), tables.length);
			return;
		}
		const attachment =
			options.attach === 'none'
				? undefined
				: { format: options.attach, fileName: `${stem}-tables.${MEDIA[options.attach].ext}`, mimeType: MEDIA[options.attach].type.split(';')[0]!, base64: (await tablesFile(options.attach, tables, decimalComma)).toString('base64') };
		// Drawn in the upright frame the tables were found in.
		const picture = review ? await reviewAttachment(doc.filename, review.pages, tableMarks(result.found)) : null;
		res.json({
			model: OCR_MODEL_ID,
			device: result.provider,
			filename: doc.filename,
			pageCount: doc.pageCount,
			options: echo,
			timings: { ...doc.timings, tableMs: result.tableMs, totalMs: Math.round(performance.now() - started) },
			tables,
			...(attachment ? { file: attachment } : {}),
			...(picture ? { review: picture } : {}),
			pages: doc.pages.map(pageInSentPixels),
		});
	});
	return router;
}
