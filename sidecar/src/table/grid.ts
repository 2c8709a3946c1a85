/**
 * From a draft grid (cells with spans and the words inside them) to the table the API returns:
 * empty grid rows/columns removed, every position covered by a cell, cell text joined, header
 * rows chosen, body rows as strings. Shared by the lattice and stream finders. Pure.
 */
import type { Box } from '../ocr/types';
import { overlap, union } from './geometry';
import { wordsText } from './rows';
import { chooseHeaderRows, headerNames, isNumeric } from './header';
import type { HeaderMode, Table, TableCell, TableMethod, Word } from './types';

export interface DraftCell {
	row: number;
	col: number;
	rowSpan: number;
	colSpan: number;
	words: Word[];
	/** Cell bounds when known (lattice); derived from rows/columns otherwise. */
	box?: Box;
}

export interface Draft {
	method: TableMethod;
	/** [y0, y1] of each grid row and [x0, x1] of each grid column. */
	rowBounds: Array<[number, number]>;
	colBounds: Array<[number, number]>;
	cells: DraftCell[];
	/** Rows with a ruling right below them (0-based), a hint for the header. */
	rulesBelow: ReadonlySet<number>;
}

/** Indices (rows or columns) that hold no text of their own and can go without losing any. */
function removable(count: number, cells: DraftCell[], axis: 'row' | 'col'): Set<number> {
	const out = new Set<number>();
	for (let i = 0; i < count; i++) {
		const start = axis === 'row' ? (c: DraftCell) => c.row : (c: DraftCell) => c.col;
		const span = axis === 'row' ? (c: DraftCell) => c.rowSpan : (c: DraftCell) => c.colSpan;
		const touching = cells.filter((c) => start(c) <= i && i < start(c) + span(c));
		if (touching.every((c) => c.words.length === 0 || span(c) > 1)) out.add(i);
	}
	// Keep one index of every multi-index cell: a spanned cell must not vanish entirely.
	for (const c of cells) {
		const s = axis === 'row' ? c.row : c.col;
		const n = axis === 'row' ? c.rowSpan : c.colSpan;
		if (c.words.length > 0 && Array.from({ length: n }, (_, k) => s + k).every((i) => out.has(i))) out.delete(s);
	}
	return out;
}

function reindex(cells: DraftCell[], drop: Set<number>, axis: 'row' | 'col'): DraftCell[] {
	const newIndex = (i: number) => i - [...drop].filter((d) => d < i).length;
	return cells
		.map((c) => {
			const s = axis === 'row' ? c.row : c.col;
			const n = axis === 'row' ? c.rowSpan : c.colSpan;
			const kept = Array.from({ length: n }, (_, k) => s + k).filter((i) => !drop.has(i));
			if (kept.length === 0) return null;
			const ns = newIndex(kept[0]!);
			return axis === 'row' ? { ...c, row: ns, rowSpan: kept.length } : { ...c, col: ns, colSpan: kept.length };
		})
		.filter((c): c is DraftCell => c !== null);
}

export function finishTable(draft: Draft, page: number, header: HeaderMode): Table | null {
	const rowDrop = removable(draft.rowBounds.length, draft.cells, 'row');
	const colDrop = removable(draft.colBounds.length, draft.cells, 'col');
	let cells = reindex(reindex(draft.cells, rowDrop, 'row'), colDrop, 'col');
	const rowBounds = draft.rowBounds.filter((_, i) => !rowDrop.has(i));
	const colBounds = draft.colBounds.filter((_, i) => !colDrop.has(i));
	const nRows = rowBounds.length;
	const nCols = colBounds.length;
	if (nRows === 0 || nCols === 0) return null;
	const keptRow = draft.rowBounds.map((_, i) => i).filter((i) => !rowDrop.has(i));
	const rulesBelow = new Set(keptRow.map((old, i) => (draft.rulesBelow.has(old) ? i : -1)).filter((i) => i >= 0));

	// Every grid position gets a cell: uncovered ones become empty 1×1 cells.
	const covered = Array.from({ length: nRows }, () => new Array<boolean>(nCols).fill(false));
	for (const c of cells) for (let r = c.row; r < c.row + c.rowSpan; r++) for (let k = c.col; k < c.col + c.colSpan; k++) covered[r]![k] = true;
	for (let r = 0; r < nRows; r++) for (let k = 0; k < nCols; k++) if (!covered[r]![k]) cells.push({ row: r, col: k, rowSpan: 1, colSpan: 1, words: [] });
	cells = cells.sort((a, b) => a.row - b.row || a.col - b.col);

	let out: TableCell[] = cells.map((c) => {
		const box: Box = c.box ?? [colBounds[c.col]![0], rowBounds[c.row]![0], colBounds[c.col + c.colSpan - 1]![1], rowBounds[c.row + c.rowSpan - 1]![1]];
		const confidence = c.words.length ? Math.min(...c.words.map((w) => w.confidence)) : 1;
		return { row: c.row, col: c.col, rowSpan: c.rowSpan, colSpan: c.colSpan, text: wordsText(c.words), box: box.map(Math.round) as Box, confidence: Math.round(confidence * 1000) / 1000 };
	});
	const grid: string[][] = Array.from({ length: nRows }, () => new Array<string>(nCols).fill(''));
	for (const c of out) grid[c.row]![c.col] = c.text;
	const headerRows = chooseHeaderRows(grid, out, rulesBelow, header);
	if (draft.method === 'stream' && headerRows === 1) {
		const joined = joinUnnamedColumns({ ...draft, rowBounds, colBounds, cells, rulesBelow }, out);
		if (joined) return finishTable(joined, page, header);
	}
	if (draft.method === 'stream') out = stackHeaderCells(out, headerRows);
	const box = union(out.map((c) => c.box));
	return {
		page,
		box,
		method: draft.method,
		headerRows,
		header: headerRows > 0 ? headerNames(out, headerRows, nCols) : null,
		rows: grid.slice(headerRows),
		cells: out,
	};
}

/**
 * A column label printed over several lines reads as several header rows in a borderless table:
 * within the header, a one-column cell directly above another one-column cell joins it (a group
 * label spanning columns stays on its own row).
 */
function stackHeaderCells(cells: TableCell[], headerRows: number): TableCell[] {
	if (headerRows < 2) return cells;
	const at = (r: number, k: number) => cells.find((c) => c.row === r && c.col === k);
	const gone = new Set<TableCell>();
	for (let r = headerRows - 2; r >= 0; r--) {
		for (const top of cells.filter((c) => c.row === r && c.colSpan === 1 && c.text !== '' && !gone.has(c))) {
			const below = at(r + top.rowSpan, top.col);
			if (!below || gone.has(below) || below.colSpan !== 1 || below.text === '' || below.row >= headerRows) continue;
			top.text = `${top.text} ${below.text}`;
			top.rowSpan += below.rowSpan;
			top.box = [Math.min(top.box[0], below.box[0]), top.box[1], Math.max(top.box[2], below.box[2]), below.box[3]];
			top.confidence = Math.min(top.confidence, below.confidence);
			gone.add(below);
		}
	}
	return cells.filter((c) => !gone.has(c));
}

/**
 * A borderless table's one header row where a label spans several columns with no labels of their
 * own under it ("Intensity (% HRR)" over "50 – 60" whose dash the OCR lost, so a river opened in
 * the range): those columns are one column. The body's cells under it are joined row by row; a
 * body cell reaching outside the label's columns leaves the table as it is.
 */
function joinUnnamedColumns(draft: Draft, cells: readonly TableCell[]): Draft | null {
	if (cells.filter((c) => c.row === 0 && c.text !== '').length < 2) return null;
	// Values only under the label: a word there (a second header line the header missed) names the columns.
	const value = (t: string) => t.split(/\s+[-–—]?\s*/).every(isNumeric);
	const groups = cells.filter(
		(g) => g.row === 0 && g.rowSpan === 1 && g.colSpan > 1 && g.text !== '' && cells.every((c) => c.row === 0 || c.text === '' || c.col + c.colSpan <= g.col || c.col >= g.col + g.colSpan || value(c.text)),
	);
	if (groups.length === 0) return null;
	const body = draft.cells.filter((c) => c.row > 0);
	const within = (g: TableCell, c: DraftCell) => c.col >= g.col && c.col + c.colSpan <= g.col + g.colSpan;
	const crosses = (g: TableCell, c: DraftCell) => overlap(c.col, c.col + c.colSpan, g.col, g.col + g.colSpan) > 0;
	if (groups.some((g) => body.some((c) => crosses(g, c) && !within(g, c)))) return null;
	const groupOf = (col: number) => groups.find((g) => col >= g.col && col < g.col + g.colSpan);
	// Old column → new column: a group's columns collapse onto its first.
	const newCol = new Map<number, number>();
	let next = 0;
	for (let k = 0; k < draft.colBounds.length; k++) {
		const g = groupOf(k);
		if (g && k > g.col) newCol.set(k, newCol.get(g.col)!);
		else newCol.set(k, next++);
	}
	const merged = new Map<string, DraftCell>();
	for (const c of draft.cells) {
		const g = groupOf(c.col);
		const col = newCol.get(c.col)!;
		const colSpan = g && (c.row === 0 || within(g, c)) ? 1 : newCol.get(c.col + c.colSpan - 1)! - col + 1;
		const key = `${c.row}:${col}`;
		const same = merged.get(key);
		if (same && g) same.words = [...same.words, ...c.words];
		else merged.set(key, { ...c, col, colSpan, box: undefined, words: [...c.words] });
	}
	const colBounds: Array<[number, number]> = [];
	draft.colBounds.forEach((b, k) => {
		const n = newCol.get(k)!;
		colBounds[n] = colBounds[n] ? [colBounds[n]![0], b[1]] : [b[0], b[1]];
	});
	return { ...draft, colBounds, cells: [...merged.values()] };
}
