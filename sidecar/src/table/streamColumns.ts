/**
 * A borderless table's columns: the vertical "rivers" of white space that (almost) no body row
 * crosses, vertical rulings where no river holds one, and each row's words placed on the columns
 * they cover. Pure.
 */
import type { Box } from '../ocr/types';
import { cx, median, overlap } from './geometry';
import { tabular, type Region } from './streamRegions';
import { splitChunks, type TextRow } from './rows';
import type { VRule, Word } from './types';

/** A column boundary and the width of the white space (river) the body leaves around it (0 for a ruling). */
export interface Separator {
	x: number;
	river: number;
}

/** Column separators: in the white-space intervals that (almost) no body row crosses (the widest ones for a known count). */
export function columnSeparators(region: Region, h: number, columns: number | null): Separator[] {
	const words = region.rows.flatMap((r) => r.words);
	const x0 = Math.floor(Math.min(...words.map((w) => w.box[0])));
	const x1 = Math.ceil(Math.max(...words.map((w) => w.box[2])));
	const span = x1 - x0 + 1;
	// The body decides the columns: leading rows with fewer chunks than usual are headers (group
	// labels centred over several columns would break the rivers).
	const typical = median(region.rows.filter(tabular).map((r) => r.chunks.length), 2);
	const counted = region.rows.filter((r, i) => tabular(r) && !(i < 4 && r.chunks.length < typical));
	const basis = counted.length >= 2 ? counted : region.rows;
	const cover = new Int32Array(span);
	for (const r of basis) {
		const mask = new Uint8Array(span);
		for (const w of r.words) for (let x = Math.max(0, Math.floor(w.box[0]) - x0); x <= Math.min(span - 1, Math.ceil(w.box[2]) - x0); x++) mask[x] = 1;
		for (let x = 0; x < span; x++) cover[x]! += mask[x]!;
	}
	const gapsAt = (allowed: number, minWidth: number) => {
		const gaps: Array<{ a: number; b: number }> = [];
		let start = -1;
		for (let x = 0; x < span; x++) {
			if (cover[x]! <= allowed) {
				if (start < 0) start = x;
			} else if (start >= 0) {
				if (x - start >= minWidth) gaps.push({ a: start + x0, b: x + x0 });
				start = -1;
			}
		}
		return gaps;
	};
	if (columns !== null && columns > 1) {
		// A known column count: the widest gaps, allowing more rows to cross until there are enough.
		for (let allowed = 0; allowed <= basis.length; allowed++) {
			const gaps = gapsAt(allowed, 2);
			if (gaps.length >= columns - 1) {
				return gaps
					.sort((p, q) => q.b - q.a - (p.b - p.a))
					.slice(0, columns - 1)
					.map((g) => ({ x: (g.a + g.b) / 2, river: g.b - g.a }))
					.sort((a, b) => a.x - b.x);
			}
		}
	}
	// Group headers over several columns cross the rivers of the body: let a few rows do so.
	const allowed = Math.max(Math.floor(0.1 * basis.length), Math.min(3, Math.floor(0.25 * basis.length)));
	return gapsAt(allowed, 0.6 * h).map((g) => ({ x: placeSeparator(g.a, g.b, region.rows, h), river: g.b - g.a }));
}

/**
 * Where in a river [a, b] the column boundary goes. Other rows (headers mostly) have phrases that
 * reach into it: a phrase that starts left of the river and ends inside it belongs to the left
 * column; one that starts inside belongs to the right column (a label left-aligned over
 * right-aligned numbers). The boundary goes between the two kinds; where they overlap, the
 * phrases starting inside win (the other kind is usually a group label spanning both columns).
 */
function placeSeparator(a: number, b: number, rows: readonly TextRow[], h: number): number {
	let left = a;
	let right = b;
	for (const r of rows) {
		for (const p of splitChunks(r.words, h, 0.45)) {
			const x0 = p[0]!.box[0];
			const x1 = Math.max(...p.map((w) => w.box[2]));
			if (x0 < a && x1 > a && x1 < b) left = Math.max(left, x1);
			else if (x0 >= a && x0 < b) right = Math.min(right, x0);
		}
	}
	return left < right ? (left + right) / 2 : right > a ? (a + right) / 2 : (a + b) / 2;
}

/** The cells of one text row: words grouped where they sit close, each group on the columns it covers. */
export function rowCells(row: TextRow, seps: Separator[], h: number): Array<{ col: number; colSpan: number; words: Word[] }> {
	const colOf = (x: number) => seps.filter((s) => s.x < x).length;
	// Two words a space apart form one phrase, even across a separator (a group label over several
	// columns), unless the space is a good part of the river there: then they are neighbouring cells.
	const phrase = (a: Word, b: Word) => {
		const gap = b.box[0] - a.box[2];
		return gap < 0.45 * h && seps.every((s) => s.x <= cx(a.box) || s.x >= cx(b.box) || gap < 0.5 * s.river);
	};
	const words = [...row.words].sort((a, b) => a.box[0] - b.box[0]);
	const groups: Word[][] = [];
	for (const w of words) {
		const g = groups[groups.length - 1];
		const last = g?.[g.length - 1];
		// Same cell: a word space apart, or in the same column.
		if (g && last && (phrase(last, w) || colOf(cx(w.box)) === colOf(cx(last.box)))) g.push(w);
		else groups.push([w]);
	}
	const cells = groups.map((g) => {
		const cols = g.map((w) => colOf(cx(w.box)));
		const col = Math.min(...cols);
		return { col, colSpan: Math.max(...cols) - col + 1, words: g };
	});
	// A span must not run into a neighbour's column: cut it back at the separators instead.
	const out: Array<{ col: number; colSpan: number; words: Word[] }> = [];
	for (const c of cells) {
		const clash = c.colSpan > 1 && cells.some((o) => o !== c && o.col <= c.col + c.colSpan - 1 && o.col + o.colSpan - 1 >= c.col);
		if (!clash) out.push(c);
		else {
			const byCol = new Map<number, Word[]>();
			for (const w of c.words) {
				const k = colOf(cx(w.box));
				byCol.set(k, [...(byCol.get(k) ?? []), w]);
			}
			for (const [col, ws] of byCol) out.push({ col, colSpan: 1, words: ws });
		}
	}
	return out;
}

/** Vertical rulings crossing most of the region that no river already holds: column separators too. */
export function ruledSeparators(seps: Separator[], vrules: readonly VRule[], box: Box, h: number): Separator[] {
	const height = box[3] - box[1];
	const extra = vrules.filter((v) => v.x > box[0] + h && v.x < box[2] - h && overlap(v.y0, v.y1, box[1], box[3]) >= 0.6 * height && seps.every((s) => Math.abs(s.x - v.x) > h)).map((v) => ({ x: v.x, river: 0 }));
	return [...seps, ...extra].sort((a, b) => a.x - b.x);
}

