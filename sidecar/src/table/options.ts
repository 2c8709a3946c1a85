/** What table reading can be asked to do. Parsed from a request by http/requestOptions.ts. */
import type { OcrRequestOptions } from '../ocr/options';
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
