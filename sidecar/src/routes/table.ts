/** POST /v1/ocr/table: tables from PDFs and images, as JSON or as a CSV/XLSX/HTML/Markdown file. */
import path from 'node:path';
import { Router, type Response } from 'express';
import type { SidecarContext } from '../context';
import { OCR_MODEL_ID } from '../engines';
import { uploadFiles } from '../http/upload';
import { tablesCsv } from '../table/export/csv';
import { tablesHtml } from '../table/export/html';
import { tablesMarkdown } from '../table/export/markdown';
import { tablesXlsx } from '../table/export/xlsx';
import { tableDocument } from '../table/document';
import { parseTableOptions } from '../http/requestOptions';
import type { TableFormat, TableSelection } from '../table/options';
import type { Table } from '../table/types';
import { conventionsFor, typeColumns } from '../table/columns';
import { boxOnSentPage, pageInSentPixels } from '../ocr/page/output';
import { reviewAttachment } from '../review/draw';
import { tableMarks } from '../review/marks';
import { ReviewPages } from '../review/pages';
import { runJob } from './job';
import { documentReaders, uploadLimits } from './limits';

const MEDIA: Record<Exclude<TableFormat, 'json'>, { type: string; ext: string }> = {
	csv: { type: 'text/csv; charset=utf-8', ext: 'csv' },
	xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' },
	html: { type: 'text/html; charset=utf-8', ext: 'html' },
	markdown: { type: 'text/markdown; charset=utf-8', ext: 'md' },
};

const area = (t: Table) => (t.box[2] - t.box[0]) * (t.box[3] - t.box[1]);

export function selectTables(tables: Table[], which: TableSelection): Table[] {
	if (which === 'first') return tables.slice(0, 1);
	if (which === 'largest') return tables.length ? [tables.reduce((a, b) => (area(b) > area(a) ? b : a))] : [];
	return tables;
}

async function fileOf(format: Exclude<TableFormat, 'json'>, tables: Table[], decimalComma: boolean): Promise<Buffer> {
	if (format === 'xlsx') return await tablesXlsx(tables, decimalComma);
	const text = format === 'csv' ? tablesCsv(tables) : format === 'html' ? tablesHtml(tables) : tablesMarkdown(tables);
	return Buffer.from(text, 'utf8');
}

function sendFile(res: Response, format: Exclude<TableFormat, 'json'>, name: string, body: Buffer, count: number): void {
	res.setHeader('Content-Type', MEDIA[format].type);
	res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
	res.setHeader('X-Tables-Found', String(count));
	res.send(body);
}

export function tableRoutes(ctx: SidecarContext): Router {
	const router = Router();
	router.post('/ocr/table', ...uploadFiles({ ...uploadLimits(ctx), accept: ['image', 'pdf'], maxFiles: 1 }), async (req, res) => {
		const { table: options, ocr } = parseTableOptions((req.body ?? {}) as Record<string, unknown>);
		const file = req.uploads![0]!;
		const review = options.review && options.format === 'json' ? new ReviewPages() : undefined;
		const started = performance.now();
		const result = await runJob(ctx, req, res, async (signal, control) => {
			const engine = ctx.engines.ocr();
			return { ...(await tableDocument(engine, file, ocr, options, documentReaders(ctx, signal, control, req.id), undefined, review)), provider: engine.provider };
		});
		const conventions = conventionsFor(result.doc.pages.find((p) => p.language)?.language ?? null);
		// Boxes in the pixels of the page as sent (a turned or skewed scan was read upright).
		const onPage = (t: Table, box: Table['box']) => boxOnSentPage(result.doc.pages, t.page, box);
		const selected = selectTables(result.tables, options.tables);
		const tables = selected.map((t) => ({ ...t, box: onPage(t, t.box), cells: t.cells.map((c) => ({ ...c, box: onPage(t, c.box) })), ...typeColumns(t.rows, conventions) }));
		const decimalComma = conventions.decimal === ',';
		const stem = path.parse(file.filename).name.replace(/[^\w.-]+/g, '_') || 'tables';
		if (options.format !== 'json') {
			sendFile(res, options.format, `${stem}-tables.${MEDIA[options.format].ext}`, await fileOf(options.format, tables, decimalComma), tables.length);
			return;
		}
		const attachment =
			options.attach === 'none'
				? undefined
				: { format: options.attach, fileName: `${stem}-tables.${MEDIA[options.attach].ext}`, mimeType: MEDIA[options.attach].type.split(';')[0]!, base64: (await fileOf(options.attach, tables, decimalComma)).toString('base64') };
		// Drawn in the upright frame the tables were found in.
		const picture = review ? await reviewAttachment(result.doc.filename, review.pages, tableMarks(selected)) : null;
		res.json({
			model: OCR_MODEL_ID,
			device: result.provider,
			filename: result.doc.filename,
			pageCount: result.doc.pageCount,
			options: { ...options, pages: ocr.pages, dpi: ocr.dpi, lang: ocr.lang },
			timings: { ...result.doc.timings, tableMs: result.tableMs, totalMs: Math.round(performance.now() - started) },
			tables,
			...(attachment ? { file: attachment } : {}),
			...(picture ? { review: picture } : {}),
			pages: result.doc.pages.map(pageInSentPixels),
		});
	});
	return router;
}
