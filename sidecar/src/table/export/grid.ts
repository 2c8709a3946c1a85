/** A table as the rectangular grid of strings the flat formats write: header rows, then body rows. Pure. */
import type { Table } from '../types';

/** Every row of the table (header rows first), a spanned cell's text in its first position only. */
export function tableGrid(t: Table): string[][] {
	const nCols = Math.max(0, ...t.cells.map((c) => c.col + c.colSpan));
	const nRows = Math.max(0, ...t.cells.map((c) => c.row + c.rowSpan));
	const grid = Array.from({ length: nRows }, () => new Array<string>(nCols).fill(''));
	for (const c of t.cells) grid[c.row]![c.col] = c.text;
	return grid;
}

/** Rows for a flat file: the joined header names (when there is a header), then the body rows. */
export function flatRows(t: Table): string[][] {
	return t.header ? [t.header, ...t.rows] : t.rows;
}
