/**
 * A header printed over several lines between rulings: a full-width rule under the header, and
 * perhaps partial rules inside it (under a group header such as "Star Magnitude 1" over its three
 * columns). Lines of a column between the same two rules are one cell; a cell with no rule under
 * it down to the header's last rule spans the header rows beside it ("Saturation Charge" beside
 * both the group header and the sub-headers). Without this, each printed line of a three-line
 * header cell was a header row of its own. Pure.
 */
import type { Box } from '../ocr/types';
import { overlap, union } from './geometry';
import { isNumeric } from './header';
import { wordsText } from './rows';
import type { HRule, Word } from './types';

export interface DraftRow {
	y0: number;
	y1: number;
	cells: Array<{ col: number; colSpan: number; words: Word[] }>;
}

/** A cell spanning several rows (its words and grid position). */
export interface SpanCell {
	first: number;
	rowSpan: number;
	col: number;
	colSpan: number;
	words: Word[];
}

export interface RuledHeader {
	header: DraftRow[];
	spans: SpanCell[];
	body: DraftRow[];
}

/** Most printed lines a header band may hold. */
const MAX_HEADER_LINES = 8;

export function ruledHeader(rows: readonly DraftRow[], rules: readonly HRule[], box: Box, h: number): RuledHeader | null {
	const width = box[2] - box[0];
	const between = (y: number, k: number) => y > rows[k - 1]!.y1 - 2 && y < rows[k]!.y0 + 2;
	const full = rules.filter((r) => overlap(r.x0, r.x1, box[0], box[2]) >= 0.7 * width);
	// The header's lines: those above the first full-width rule between rows (at least two lines, two rows below).
	let lines = 0;
	for (let k = 1; k <= Math.min(MAX_HEADER_LINES, rows.length - 2); k++) {
		if (full.some((r) => between(r.y, k))) {
			lines = k;
			break;
		}
	}
	if (lines < 2) return null;
	const band = rows.slice(0, lines);
	// Labels, not values: a line may hold one number ("Magnitude 6" cut at a column), not more.
	if (band.some((r) => r.cells.filter((c) => isNumeric(wordsText(c.words))).length > 1)) return null;
	const bottom = Math.min(...full.filter((r) => between(r.y, lines)).map((r) => r.y));
	const topRules = rules.filter((r) => r.y <= band[0]!.y0 + 2 && r.y >= band[0]!.y0 - 3 * h && overlap(r.x0, r.x1, box[0], box[2]) >= 0.5 * width);
	const top = topRules.length ? Math.max(...topRules.map((r) => r.y)) : -Infinity;
	const bandWords = band.flatMap((l) => l.cells.flatMap((c) => c.words));
	// Partial rules inside the band, between its lines (through no word), as levels (a double rule is one level).
	const inner = rules
		.filter((r) => r.y > top + 2 && r.y < bottom - 2 && r.x1 - r.x0 >= 2 * h && overlap(r.x0, r.x1, box[0], box[2]) > 0)
		.filter((r) => bandWords.every((w) => r.y <= w.box[1] + 2 || r.y >= w.box[3] - 2 || overlap(r.x0, r.x1, w.box[0], w.box[2]) === 0))
		.sort((a, b) => a.y - b.y);
	const levels: Array<{ y: number; segments: HRule[] | null }> = [{ y: top, segments: null }];
	for (const r of inner) {
		const last = levels[levels.length - 1]!;
		if (last.segments && r.y - last.y <= h / 2) last.segments.push(r);
		else levels.push({ y: r.y, segments: [r] });
	}
	levels.push({ y: bottom, segments: null });
	// A partial level bounds a cell only where its rule runs under (or over) most of the cell.
	const bounds = (level: (typeof levels)[number], x0: number, x1: number) => level.segments === null || level.segments.some((s) => overlap(s.x0, s.x1, x0, x1) >= 0.5 * (x1 - x0));
	const groups: Array<{ above: number; below: number; col: number; colSpan: number; words: Word[] }> = [];
	for (const line of band) {
		const y = (line.y0 + line.y1) / 2;
		for (const c of line.cells) {
			const [x0, , x1] = union(c.words.map((w) => w.box));
			let above = 0;
			for (let i = 1; i < levels.length - 1; i++) if (levels[i]!.y < y && bounds(levels[i]!, x0, x1)) above = i;
			let below = levels.length - 1;
			for (let i = levels.length - 2; i > 0; i--) if (levels[i]!.y > y && bounds(levels[i]!, x0, x1)) below = i;
			const same = groups.find((g) => g.above === above && g.below === below && overlap(g.col, g.col + g.colSpan, c.col, c.col + c.colSpan) > 0);
			// Lines of one cell cut into different columns: the columns are not sure enough to join them.
			if (same && (same.col !== c.col || same.colSpan !== c.colSpan)) return null;
			if (same) same.words.push(...c.words);
			else groups.push({ above, below, col: c.col, colSpan: c.colSpan, words: [...c.words] });
		}
	}
	const nRows = levels.length - 1;
	// Every header row must start at least one cell, or the levels are not rows of this header.
	if (Array.from({ length: nRows }, (_, i) => groups.some((g) => g.above === i)).some((has) => !has)) return null;
	const header: DraftRow[] = Array.from({ length: nRows }, (_, i) => {
		const starting = groups.filter((g) => g.above === i);
		const b = union(starting.flatMap((g) => g.words.map((w) => w.box)));
		return { y0: b[1], y1: b[3], cells: starting.filter((g) => g.below - g.above === 1).map(({ col, colSpan, words }) => ({ col, colSpan, words })) };
	});
	const spans = groups.filter((g) => g.below - g.above > 1).map((g) => ({ first: g.above, rowSpan: g.below - g.above, col: g.col, colSpan: g.colSpan, words: g.words }));
	return { header, spans, body: rows.slice(lines) };
}
