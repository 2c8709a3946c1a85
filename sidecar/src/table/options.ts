/** /v1/ocr/table options from multipart form fields, validated with messages that name the field. */
import { boolField, enumField, formField, numberField, type FormFields } from '../http/formFields';
import { parseOcrOptions, type OcrRequestOptions } from '../ocr/options';
import { TABLE_DEFAULTS } from './extract';
import type { TableOptions } from './types';

export const TABLE_FORMATS = ['json', 'csv', 'xlsx', 'html', 'markdown'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];
export const TABLE_SELECTIONS = ['all', 'first', 'largest'] as const;
export type TableSelection = (typeof TABLE_SELECTIONS)[number];

export interface TableRequestOptions extends TableOptions {
	/** Which tables to return. */
	tables: TableSelection;
	/** The answer: JSON, or one file with every returned table. */
	format: TableFormat;
	/** With format=json: also embed this file (base64), so one request gives rows and a file. */
	attach: 'none' | 'csv' | 'xlsx';
	/** How PDF pages are read (the /v1/ocr `mode`): text layer when it has text, always OCR, or text layer only. */
	pdfMode: OcrRequestOptions['mode'];
	/** With format=json: also return a PNG of the pages with each table and its cells outlined. */
	review: boolean;
}

export function parseTableOptions(fields: FormFields): { table: TableRequestOptions; ocr: OcrRequestOptions } {
	// `mode` is the table finder here; the PDF reading mode is `pdfMode`.
	const ocr = parseOcrOptions({ ...fields, mode: formField(fields, 'pdfMode') });
	const table: TableRequestOptions = {
		mode: enumField(fields, 'mode', ['auto', 'lattice', 'stream'] as const, 'auto, lattice or stream') ?? TABLE_DEFAULTS.mode,
		header: enumField(fields, 'header', ['auto', 'first-row', 'none'] as const, 'auto, first-row or none') ?? TABLE_DEFAULTS.header,
		columns: numberField(fields, 'columns', 2, 200, true) ?? null,
		tables: enumField(fields, 'tables', TABLE_SELECTIONS) ?? 'all',
		format: enumField(fields, 'format', TABLE_FORMATS) ?? 'json',
		attach: enumField(fields, 'attach', ['none', 'csv', 'xlsx'] as const) ?? 'none',
		pdfMode: ocr.mode,
		review: boolField(fields, 'review') ?? false,
	};
	return { table, ocr };
}
