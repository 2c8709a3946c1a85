/**
 * Reading the tables of one document: the pages read (text layer or OCR), tables found on each,
 * the ones asked for selected, their boxes mapped to the pixels of the page as sent, their columns
 * typed by the page's number conventions, and the export files (CSV, XLSX, HTML, Markdown). Free of HTTP.
 */
import type { InputFile } from '../media/file';
import type { DocumentReaders, OcrDocument } from '../ocr/document';
import type { OcrEngine } from '../ocr/engine';
import type { OcrRequestOptions } from '../ocr/options';
import { boxOnSentPage } from '../ocr/page/output';
import type { ReviewPages } from '../review/pages';
import { conventionsFor, typeColumns } from '../table/columns';
import { tableDocument } from '../table/document';
import { tablesCsv } from '../table/export/csv';
import { tablesHtml } from '../table/export/html';
import { tablesMarkdown } from '../table/export/markdown';
import { tablesXlsx } from '../table/export/xlsx';
import type { TableFormat, TableRequestOptions, TableSelection } from '../table/options';
import type { Table } from '../table/types';

export type TableFileFormat = Exclude<TableFormat, 'json'>;

const area = (t: Table) => (t.box[2] - t.box[0]) * (t.box[3] - t.box[1]);

export function selectTables(tables: Table[], which: TableSelection): Table[] {
	if (which === 'first') return tables.slice(0, 1);
	if (which === 'largest') return tables.length ? [tables.reduce((a, b) => (area(b) > area(a) ? b : a))] : [];
	return tables;
}

export interface TablesRead {
	doc: OcrDocument;
	tableMs: number;
	/** The tables asked for, in the upright frame they were found in (what a review picture draws). */
	found: Table[];
	/** The same, in the pixels of the page as sent, with their columns typed: what the answer carries. */
	tables: Array<Table & ReturnType<typeof typeColumns>>;
	/** The document's decimal mark is a comma (German, French, …): numbers in the files are written so. */
	decimalComma: boolean;
}

export async function readTables(engine: OcrEngine, file: InputFile, ocr: OcrRequestOptions, options: TableRequestOptions, readers: DocumentReaders, review?: ReviewPages): Promise<TablesRead> {
	const { doc, tables: all, tableMs } = await tableDocument(engine, file, ocr, options, readers, undefined, review);
	const conventions = conventionsFor(doc.pages.find((p) => p.language)?.language ?? null);
	// Boxes in the pixels of the page as sent (a turned or skewed scan was read upright).
	const onPage = (t: Table, box: Table['box']) => boxOnSentPage(doc.pages, t.page, box);
	const found = selectTables(all, options.tables);
	const tables = found.map((t) => ({ ...t, box: onPage(t, t.box), cells: t.cells.map((c) => ({ ...c, box: onPage(t, c.box) })), ...typeColumns(t.rows, conventions) }));
	return { doc, tableMs, found, tables, decimalComma: conventions.decimal === ',' };
}

/** One file holding every table: CSV, HTML and Markdown as UTF-8 text, XLSX with a sheet per table. */
export async function tablesFile(format: TableFileFormat, tables: Table[], decimalComma: boolean): Promise<Buffer> {
	if (format === 'xlsx') return await tablesXlsx(tables, decimalComma);
	const text = format === 'csv' ? tablesCsv(tables) : format === 'html' ? tablesHtml(tables) : tablesMarkdown(tables);
	return Buffer.from(text, 'utf8');
}
