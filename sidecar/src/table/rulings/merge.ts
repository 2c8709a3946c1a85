/**
 * Ruling lines cleaned up for the grid: nearly collinear pieces snapped to one position and
 * joined across small breaks (dashed or broken scan lines, cell-by-cell strokes), short
 * leftovers dropped. Pure.
 */
import type { HRule, Rulings, VRule } from '../types';

export interface MergeOptions {
	/** Pieces whose positions differ by at most this many pixels are one line. */
	snap: number;
	/** Breaks up to this long are bridged. */
	gap: number;
	/** Lines shorter than this are dropped after joining. */
	minLength: number;
}

interface Span {
	at: number;
	from: number;
	to: number;
}

function mergeSpans(spans: Span[], opts: MergeOptions): Span[] {
	const sorted = [...spans].sort((a, b) => a.at - b.at);
	// Group by position: a new group starts when the position jumps by more than `snap`.
	const groups: Span[][] = [];
	for (const s of sorted) {
		const g = groups[groups.length - 1];
		if (g && s.at - g[g.length - 1]!.at <= opts.snap) g.push(s);
		else groups.push([s]);
	}
	const out: Span[] = [];
	for (const g of groups) {
		g.sort((a, b) => a.from - b.from);
		let cur: Span[] = [];
		let end = -Infinity;
		const flush = () => {
			if (cur.length === 0) return;
			const from = cur[0]!.from;
			const to = Math.max(...cur.map((s) => s.to));
			// Position weighted by length: a long stroke outweighs a stray tick.
			const weight = cur.reduce((w, s) => w + (s.to - s.from + 1), 0);
			const at = cur.reduce((a, s) => a + s.at * (s.to - s.from + 1), 0) / weight;
			if (to - from >= opts.minLength) out.push({ at, from, to });
			cur = [];
		};
		for (const s of g) {
			if (s.from - end > opts.gap) flush();
			cur.push(s);
			end = Math.max(end, s.to);
		}
		flush();
	}
	return out;
}

export function mergeRulings(raw: Rulings, opts: MergeOptions): Rulings {
	const h = mergeSpans(
		raw.horizontal.map((r) => ({ at: r.y, from: Math.min(r.x0, r.x1), to: Math.max(r.x0, r.x1) })),
		opts,
	).map((s): HRule => ({ y: s.at, x0: s.from, x1: s.to }));
	const v = mergeSpans(
		raw.vertical.map((r) => ({ at: r.x, from: Math.min(r.y0, r.y1), to: Math.max(r.y0, r.y1) })),
		opts,
	).map((s): VRule => ({ x: s.at, y0: s.from, y1: s.to }));
	return { horizontal: h, vertical: v };
}

/** Default merge tolerances for a page at `dpi`. */
export function mergeOptionsFor(dpi: number): MergeOptions {
	const pt = dpi / 72;
	return { snap: Math.max(2, 2 * pt), gap: Math.max(3, 4 * pt), minLength: Math.max(8, 8 * pt) };
}
