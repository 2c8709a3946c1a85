/**
 * XLSX workbooks written with write-excel-file: one sheet per table, header cells bold with their
 * spans merged, and cells that are plain numbers in the document's convention stored as numbers.
 */
import type { Cell, SheetData } from 'write-excel-file/node' with { 'resolution-mode': 'import' };
import type { Table } from '../types';
import { tableGrid } from './grid';

/** A number when the text is one, read with the page's decimal convention; else null. */
export function cellNumber(text: string, decimalComma: boolean): number | null {
	const s = text.trim().replace(/^\((.*)\)$/, '-$1').replace(/[−–]/, '-');
	const pattern = decimalComma ? /^-?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$/ : /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
	if (!pattern.test(s)) return null;
	const plain = decimalComma ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
	const n = Number(plain);
	// Leading zeros (codes, postcodes) stay text.
	return Number.isFinite(n) && !/^-?0\d/.test(plain) ? n : null;
}

function sheet(t: Table, decimalComma: boolean): SheetData {
	const grid = tableGrid(t);
	const spans = new Map(t.cells.map((c) => [`${c.row},${c.col}`, c]));
	// Positions a spanned cell covers (other than its own) must be empty for the merge.
	const hidden = new Set(t.cells.flatMap((c) => Array.from({ length: c.rowSpan * c.colSpan }, (_, i) => `${c.row + Math.floor(i / c.colSpan)},${c.col + (i % c.colSpan)}`).slice(1)));
	return grid.map((row, r) =>
		row.map((text, k): Cell => {
			if (hidden.has(`${r},${k}`)) return null;
			const c = spans.get(`${r},${k}`);
			const header = r < t.headerRows;
			const n = header ? null : cellNumber(text, decimalComma);
			const base = n !== null ? { value: n, type: Number } : text === '' ? { value: undefined } : { value: text, type: String };
			return { ...base, ...(header ? { fontWeight: 'bold' as const } : {}), ...(c && c.colSpan > 1 ? { columnSpan: c.colSpan } : {}), ...(c && c.rowSpan > 1 ? { rowSpan: c.rowSpan } : {}) } as Cell;
		}),
	);
}

/** `decimalComma`: the document writes 1.234,56 (es/de/fr) rather than 1,234.56. */
export async function tablesXlsx(tables: readonly Table[], decimalComma: boolean): Promise<Buffer> {
	const sheets = tables.length
		? tables.map((t, i) => ({ data: sheet(t, decimalComma), sheet: `Table ${i + 1} (p${t.page})` }))
		: [{ data: [[{ value: 'No table found' }]] as SheetData, sheet: 'No tables' }];
	// The package is ESM only: loaded with a real dynamic import from this CommonJS build.
	const { default: writeXlsxFile } = await import('write-excel-file/node');
	return await writeXlsxFile(sheets).toBuffer();
}
