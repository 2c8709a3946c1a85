/**
 * Ruled tables. Horizontal and vertical rulings that touch form clusters; a cluster with at least
 * two of each is a grid: its distinct line positions cut it into grid cells, and neighbouring grid
 * cells without a ruling between them merge into one spanned cell. A cluster too thin to be a grid
 * (a frame, shaded rows with no column lines) is handed back as a region for the stream finder. Pure.
 */
import type { Box } from '../ocr/types';
import { coverage, cx, cy, UnionFind } from './geometry';
import { textRows } from './rows';
import type { Draft, DraftCell } from './grid';
import type { HRule, Rulings, VRule, Word } from './types';

export interface LatticeResult {
	drafts: Array<{ draft: Draft; box: Box }>;
	/** Ruled areas that are not grids (one column or one row): regions for the stream finder. */
	regions: Box[];
}

function clusters(r: Rulings, tol: number): Array<{ h: HRule[]; v: VRule[] }> {
	const n = r.horizontal.length;
	const uf = new UnionFind(n + r.vertical.length);
	r.horizontal.forEach((h, i) =>
		r.vertical.forEach((v, j) => {
			if (v.x >= h.x0 - tol && v.x <= h.x1 + tol && h.y >= v.y0 - tol && h.y <= v.y1 + tol) uf.join(i, n + j);
		}),
	);
	return uf.groups().map((g) => ({ h: g.filter((i) => i < n).map((i) => r.horizontal[i]!), v: g.filter((i) => i >= n).map((i) => r.vertical[i - n]!) }));
}

/** Sorted distinct positions, those within `tol` of each other merged. */
function positions(values: number[], tol: number): number[] {
	const out: number[][] = [];
	for (const v of [...values].sort((a, b) => a - b)) {
		const g = out[out.length - 1];
		if (g && v - g[g.length - 1]! <= tol) g.push(v);
		else out.push([v]);
	}
	return out.map((g) => g.reduce((a, b) => a + b, 0) / g.length);
}

/** Most grid positions one ruled cluster may have (a 400 × 250 grid). */
export const MAX_GRID_CELLS = 100_000;

/** Index of the interval [edges[i], edges[i+1]) holding v, or -1 outside (binary search). */
function slot(edges: readonly number[], v: number): number {
	if (v < edges[0]! || v >= edges[edges.length - 1]!) return -1;
	let lo = 0;
	let hi = edges.length - 1;
	while (hi - lo > 1) {
		const mid = (lo + hi) >> 1;
		if (edges[mid]! <= v) lo = mid;
		else hi = mid;
	}
	return lo;
}

export function findLattices(rulings: Rulings, words: readonly Word[], tol: number): LatticeResult {
	const result: LatticeResult = { drafts: [], regions: [] };
	for (const { h, v } of clusters(rulings, tol)) {
		if (h.length === 0 || v.length === 0) continue;
		const x0 = Math.min(...h.map((l) => l.x0), ...v.map((l) => l.x));
		const x1 = Math.max(...h.map((l) => l.x1), ...v.map((l) => l.x));
		const y0 = Math.min(...v.map((l) => l.y0), ...h.map((l) => l.y));
		const y1 = Math.max(...v.map((l) => l.y1), ...h.map((l) => l.y));
		const box: Box = [x0, y0, x1, y1];
		const xs = positions([x0, x1, ...v.map((l) => l.x)], tol);
		const ys = positions([y0, y1, ...h.map((l) => l.y)], tol);
		if (xs.length < 3 || ys.length < 3) {
			if (x1 - x0 > 4 * tol && y1 - y0 > 4 * tol) result.regions.push(box);
			continue;
		}
		const nR = ys.length - 1;
		const nC = xs.length - 1;
		// Hatching or a chart's grid, not a table a person fills in: leave it to the stream finder.
		if (nR * nC > MAX_GRID_CELLS) continue;
		// A boundary exists where rulings cover most of the grid edge (broken scan lines still count).
		const vAt = (x: number) => v.filter((l) => Math.abs(l.x - x) <= tol).map((l) => [l.y0 - tol, l.y1 + tol] as [number, number]);
		const hAt = (y: number) => h.filter((l) => Math.abs(l.y - y) <= tol).map((l) => [l.x0 - tol, l.x1 + tol] as [number, number]);
		const vLines = xs.map(vAt);
		const hLines = ys.map(hAt);
		const uf = new UnionFind(nR * nC);
		for (let r = 0; r < nR; r++) {
			for (let c = 0; c < nC; c++) {
				if (c + 1 < nC && coverage(vLines[c + 1]!, ys[r]!, ys[r + 1]!) < 0.6) uf.join(r * nC + c, r * nC + c + 1);
				if (r + 1 < nR && coverage(hLines[r + 1]!, xs[c]!, xs[c + 1]!) < 0.6) uf.join(r * nC + c, (r + 1) * nC + c);
			}
		}
		const groups = uf.groups();
		const cellOf = new Int32Array(nR * nC);
		groups.forEach((g, k) => g.forEach((i) => (cellOf[i] = k)));
		const cells: DraftCell[] = groups.map((g) => {
			const rows = g.map((i) => Math.floor(i / nC));
			const cols = g.map((i) => i % nC);
			const row = Math.min(...rows);
			const col = Math.min(...cols);
			const rowSpan = Math.max(...rows) - row + 1;
			const colSpan = Math.max(...cols) - col + 1;
			const cellBox: Box = [xs[col]!, ys[row]!, xs[col + colSpan]!, ys[row + rowSpan]!];
			return { row, col, rowSpan, colSpan, box: cellBox, words: [] as Word[] };
		});
		for (const w of words) {
			const c = slot(xs, cx(w.box));
			const r = slot(ys, cy(w.box));
			if (c >= 0 && r >= 0) cells[cellOf[r * nC + c]!]!.words.push(w);
		}
		// Text in at most one cell (a framed block), or rules only around the header or the frame:
		// the body's columns and rows are not ruled; the stream finder decides whether it is a table.
		if (cells.filter((c) => c.words.length > 0).length < 2 || underRuled(cells)) {
			result.regions.push(box);
			continue;
		}
		const rulesBelow = new Set<number>();
		for (let r = 0; r < nR - 1; r++) if (coverage(hLines[r + 1]!, x0, x1) >= 0.6) rulesBelow.add(r);
		result.drafts.push({
			box,
			draft: {
				method: 'lattice',
				rowBounds: ys.slice(0, -1).map((y, i) => [y, ys[i + 1]!]),
				colBounds: xs.slice(0, -1).map((x, i) => [x, xs[i + 1]!]),
				cells,
				rulesBelow,
			},
		});
	}
	return result;
}

/**
 * A grid whose cells hold what should be several cells: lines with column gaps inside one cell,
 * or a band where two or more cells each stack the same number of lines (records sharing a band).
 */
export function underRuled(cells: readonly DraftCell[]): boolean {
	const filled = cells.filter((c) => c.words.length > 0);
	const rowsOf = new Map(filled.map((c) => [c, textRows(c.words)]));
	const gapped = filled.filter((c) => rowsOf.get(c)!.some((r) => r.chunks.length >= 2)).length;
	if (gapped >= Math.max(1, 0.2 * filled.length)) return true;
	const bands = new Map<number, DraftCell[]>();
	for (const c of filled) if (c.rowSpan === 1) bands.set(c.row, [...(bands.get(c.row) ?? []), c]);
	for (const band of bands.values()) {
		const stacked = band.map((c) => rowsOf.get(c)!.length).filter((n) => n >= 2);
		if (stacked.length >= 2 && (stacked.every((n) => n === stacked[0]) || (Math.max(...stacked) <= 1.5 * Math.min(...stacked) && Math.max(...stacked) >= 3))) return true;
	}
	return false;
}
