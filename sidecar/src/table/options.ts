/** What table reading can be asked to do. The request's fields are the contract's TableOptions (contract/requests.ts). */
import type { ATTACH_CHOICES, TABLE_FORMATS, TABLE_SELECTIONS } from '../contract/vocab';
import type { OcrRequestOptions } from '../ocr/options';
import type { TableOptions } from './types';

export type TableFormat = (typeof TABLE_FORMATS)[number];
export type TableSelection = (typeof TABLE_SELECTIONS)[number];

export interface TableRequestOptions extends TableOptions {
	/** Which tables to return. */
	tables: TableSelection;
	/** The answer: JSON, or one file with every returned table. */
	format: TableFormat;
	/** With format=json: also embed this file (base64), so one request gives rows and a file. */
	attach: (typeof ATTACH_CHOICES)[number];
	/** How PDF pages are read (the /v1/ocr `mode`): text layer when it has text, always OCR, or text layer only. */
	pdfMode: OcrRequestOptions['mode'];
	/** With format=json: also return a PNG of the pages with each table and its cells outlined. */
	review: boolean;
}
