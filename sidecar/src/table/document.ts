/**
 * One uploaded file → its pages (the /v1/ocr structure) and the tables on them. Digital PDF pages
 * give words from the text layer and rulings from the drawing operations; images and scanned
 * pages give OCR words and rulings found in the pixels.
 */
import type { InputFile } from '../media/file';
import { ocrDocument, type DocumentReaders, type OcrDocument } from '../ocr/document';
import type { OcrEngine } from '../ocr/engine';
import type { OcrRequestOptions } from '../ocr/options';
import type { OcrPage } from '../ocr/types';
import type { ReviewPages } from '../review/pages';
import { extractTables } from './extract';
import { scanTables } from './scan';
import type { Table, TableOptions, Word } from './types';

/** Small table print needs a finer detection map than running text (measured on ICDAR 2013 renders). */
export const TABLE_DET_LIMIT = 1600;
/** Cropped table images (screenshots, figures of papers) are enlarged to this longer side before OCR. */
export const ENLARGE_BELOW = 1200;

export function textLayerWords(page: Pick<OcrPage, 'lines'>): Word[] {
	return page.lines.flatMap((l) => (l.words ?? [{ text: l.text, box: l.box }]).map((w) => ({ text: w.text, box: w.box, confidence: l.confidence })));
}

/** How pages are read for tables; the invoice route reads its pages as it would without tables. */
export interface TableReading {
	detLimitSide?: number;
	enlargeBelow?: number;
}

export const TABLE_READING: TableReading = { detLimitSide: TABLE_DET_LIMIT, enlargeBelow: ENLARGE_BELOW };
/** Pages read as /v1/ocr reads them (the invoice service: its fields come from the same lines a text read gives). */
export const TEXT_READING: TableReading = {};

export async function tableDocument(engine: OcrEngine, file: InputFile, ocr: OcrRequestOptions, opts: TableOptions, readers: DocumentReaders, reading: TableReading = TABLE_READING, review?: ReviewPages): Promise<{ doc: OcrDocument; tables: Table[]; tableMs: number }> {
	const tables: Table[] = [];
	let tableMs = 0;
	const doc = await ocrDocument(engine, file, ocr, readers, {
		engine: reading.detLimitSide ? { detLimitSide: reading.detLimitSide } : {},
		enlargeBelow: reading.enlargeBelow,
		visit: async (page, source) => {
			const t = performance.now();
			if (source.image) {
				const pxPerPt = (page.dpi ?? 150) / 72;
				tables.push(...(await scanTables(source.image, page, pxPerPt, opts)));
			} else if (source.pdf) {
				const { rulings } = await source.pdf.file.page(source.pdf.page, source.scale, { text: false, rulings: true });
				tables.push(...extractTables(textLayerWords(page), rulings ?? { horizontal: [], vertical: [] }, page.page, source.scale, opts));
			}
			tableMs += performance.now() - t;
			await review?.keep(page, source);
		},
	});
	return { doc, tables, tableMs: Math.round(tableMs * 10) / 10 };
}
