/**
 * Header rows: the leading rows that name the columns. `auto` looks for a ruling under the first
 * rows, then for where numbers start in the columns that hold numbers, then for a first row of
 * labels. Pure.
 */
import type { HeaderMode, TableCell } from './types';

const NUMBER = /^[([]?[-−–+]?\s?[$€£¥]?\s?\d[\d\s.,'’]*(?:[.,]\d+)?\s?(?:%|‰|[$€£¥]|[kKmMbB]n?)?[)\]]?\*?$/;
const NUMERICISH = /^(?:[-−–—]|n\.?a\.?|\.\.|:|x)$/i;

export const isNumeric = (text: string) => NUMBER.test(text.trim());

/** Columns whose body cells are mostly numbers (dashes and n/a count as neither). */
function numericColumns(grid: string[][], from: number): Set<number> {
	const out = new Set<number>();
	const nCols = grid[0]?.length ?? 0;
	for (let k = 0; k < nCols; k++) {
		const values = grid
			.slice(from)
			.map((r) => r[k]!.trim())
			.filter((t) => t !== '' && !NUMERICISH.test(t));
		if (values.length >= 2 && values.filter(isNumeric).length >= 0.6 * values.length) out.add(k);
	}
	return out;
}

/** Extends a header to the bottom of any header cell that spans further down. */
function coverSpans(n: number, cells: readonly TableCell[]): number {
	let h = n;
	for (let changed = true; changed; ) {
		changed = false;
		for (const c of cells) {
			if (c.row < h && c.row + c.rowSpan > h) {
				h = c.row + c.rowSpan;
				changed = true;
			}
		}
	}
	return h;
}

export function chooseHeaderRows(grid: string[][], cells: readonly TableCell[], rulesBelow: ReadonlySet<number>, mode: HeaderMode): number {
	const nRows = grid.length;
	if (mode === 'none' || nRows < 2) return 0;
	const limit = (h: number) => (h > 0 && h < nRows ? h : 0);
	if (mode === 'first-row') return limit(coverSpans(1, cells));
	// Where numbers start in the number columns; else a rule under one of the first rows (the last
	// such rule: group headers may have their own partial rules above it), unless every row is ruled.
	const numeric = numericColumns(grid, 1);
	if (numeric.size > 0) {
		// A row of values has more numbers than words in the number columns; a header cell cut at a
		// column ("Star Magnitude | 6") puts one number in a row of labels.
		const count = (row: string[], test: (t: string) => boolean) => [...numeric].filter((k) => row[k]!.trim() !== '' && test(row[k]!.trim())).length;
		const label = (t: string) => !isNumeric(t) && !NUMERICISH.test(t);
		let firstData = grid.findIndex((row) => count(row, isNumeric) > count(row, label));
		// A row with only a label in the first column just above the numbers starts a section of the body.
		const sectionLabel = (row: string[]) => row[0]!.trim() !== '' && row.slice(1).every((t) => t.trim() === '');
		while (firstData > 1 && sectionLabel(grid[firstData - 1]!)) firstData--;
		if (firstData > 0 && firstData <= 5) return limit(coverSpans(firstData, cells));
		if (firstData === 0) return 0;
	}
	const ruled = [...rulesBelow].filter((r) => r < nRows - 1).sort((a, b) => a - b);
	const everyRow = ruled.length >= nRows - 2 && nRows > 3;
	const early = ruled.filter((r) => r <= 3);
	if (!everyRow && early.length > 0) return limit(coverSpans(early[early.length - 1]! + 1, cells));
	const first = grid[0]!;
	const labels = first.filter((t) => t.trim() !== '');
	if (labels.length >= Math.max(2, 0.5 * first.length) && labels.every((t) => !isNumeric(t))) return limit(coverSpans(1, cells));
	return 0;
}

/** One name per column: the header cells above it, top to bottom, spanned cells repeated. */
export function headerNames(cells: readonly TableCell[], headerRows: number, nCols: number): string[] {
	return Array.from({ length: nCols }, (_, k) => {
		const parts: string[] = [];
		for (const c of [...cells].sort((a, b) => a.row - b.row)) {
			if (c.row >= headerRows || k < c.col || k >= c.col + c.colSpan || c.text === '') continue;
			if (parts[parts.length - 1] !== c.text) parts.push(c.text);
		}
		return parts.join(' ');
	});
}
