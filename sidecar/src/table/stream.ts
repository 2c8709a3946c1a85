/**
 * Borderless tables from the alignment of words. Table regions are runs of text rows that split
 * into several chunks; columns are the vertical "rivers" of white space that (almost) no row of
 * the region crosses; a phrase that crosses a river without a real gap is a spanned cell (a
 * group header). Wrapped cell text (a row continuing in lower case, or rows between the same two
 * rulings of a row-ruled table) is joined into one row. Regions are found by streamRegions.ts,
 * columns and each row's cells by streamColumns.ts; this file builds the rows and the table. Pure.
 */
import type { Box } from '../ocr/types';
import { inside, median, overlap, union } from './geometry';
import type { Draft, DraftCell } from './grid';
import { ruledHeader, type DraftRow, type SpanCell } from './ruledHeader';
import { textRows } from './rows';
import type { HRule, VRule, Word } from './types';
import { extendDown, extendUp, findRegions, startsLower, type Region } from './streamRegions';
import { columnSeparators, ruledSeparators, rowCells } from './streamColumns';

export interface StreamOptions {
	/** Known column count (optional). */
	columns: number | null;
}


function mergeRows(into: DraftRow, from: DraftRow): DraftRow {
	const cells = [...into.cells];
	for (const c of from.cells) {
		const same = cells.find((o) => o.col === c.col && o.colSpan === c.colSpan);
		if (same) same.words = [...same.words, ...c.words];
		else cells.push({ ...c });
	}
	return { y0: Math.min(into.y0, from.y0), y1: Math.max(into.y1, from.y1), cells };
}

/** Whether `b` can be folded into `a` without two values landing in one cell of a number column. */
function compatible(a: DraftRow, b: DraftRow): boolean {
	return b.cells.every((c) => {
		const other = a.cells.find((o) => overlap(o.col, o.col + o.colSpan, c.col, c.col + c.colSpan) > 0);
		return !other || (other.col === c.col && other.colSpan === c.colSpan && !/\d/.test(c.words.map((w) => w.text).join('')));
	});
}

/** Joins wrapped rows: rows between the same two rulings, or a row that continues in lower case. */
function joinWrapped(rows: DraftRow[], rules: readonly HRule[], box: Box): DraftRow[] {
	const width = box[2] - box[0];
	const inner = rules.filter((r) => r.y > box[1] && r.y < box[3] && overlap(r.x0, r.x1, box[0], box[2]) >= 0.7 * width).map((r) => r.y);
	const boundaries = rows.slice(1).filter((r, i) => inner.some((y) => y > rows[i]!.y1 - 2 && y < r.y0 + 2)).length;
	// Rulings between most rows: a row-ruled table, where a band between two rulings is one row.
	const banded = inner.length >= 3 && boundaries >= 0.4 * (rows.length - 1);
	const out: DraftRow[] = [];
	for (const r of rows) {
		const prev = out[out.length - 1];
		if (prev) {
			const ruleBetween = inner.some((y) => y > prev.y1 - 2 && y < r.y0 + 2);
			const first = [...r.cells].sort((a, b) => a.col - b.col)[0];
			const continues = first !== undefined && startsLower(first.words) && prev.cells.some((c) => c.col === first.col);
			if ((banded && !ruleBetween) || (!ruleBetween && continues && compatible(prev, r))) {
				out[out.length - 1] = mergeRows(prev, r);
				continue;
			}
		}
		out.push({ ...r, cells: r.cells.map((c) => ({ ...c })) });
	}
	return out;
}

/**
 * A label alone in the first column, centred on rows whose first column is empty, names those rows
 * ("Improved FCM" beside its two result rows): it takes no row of its own but one cell spanning
 * them. A section heading differs: it has a row of its own above its rows; a header line between
 * two others is no label either (the rows around a label hold numbers).
 */
function centredLabels(rows: DraftRow[]): { rows: DraftRow[]; spans: SpanCell[] } {
	// Row pitch among rows of values (a label row sits between two of them).
	const full = rows.filter((r) => r.cells.length >= 2);
	const pitch = median(full.slice(1).map((r, i) => r.y0 - full[i]!.y0), 0);
	// Rows of values: first column empty, numbers elsewhere (a header line between two others is no group).
	const emptyFirst = (r: DraftRow | undefined) => r !== undefined && r.cells.length >= 2 && !r.cells.some((c) => c.col === 0) && r.cells.some((c) => c.words.some((w) => /\d/.test(w.text)));
	// A label: text in the first column, perhaps running on into the second ("Improved | FCM"), no numbers.
	const isLabel = (r: DraftRow) =>
		r.cells.some((c) => c.col === 0) && r.cells.every((c) => c.col + c.colSpan <= 2) && r.cells.length <= 2 && !/\d/.test(r.cells.flatMap((c) => c.words.map((w) => w.text)).join(''));
	const labels = new Map<number, { up: number; down: number }>();
	for (let j = 1; j < rows.length - 1 && pitch > 0; j++) {
		const r = rows[j]!;
		if (!isLabel(r) || labels.has(j - 1)) continue;
		if (!emptyFirst(rows[j - 1]) || !emptyFirst(rows[j + 1]) || rows[j + 1]!.y0 - rows[j - 1]!.y0 > 1.5 * pitch) continue;
		// The largest group around it (at most one row more on one side) whose middle is the label's.
		const centre = (r.y0 + r.y1) / 2;
		let best = { up: 1, down: 1 };
		for (let up = 1; emptyFirst(rows[j - up]) && !labels.has(j - up); up++) {
			for (let down = Math.max(1, up - 1); down <= up + 1 && emptyFirst(rows[j + down]); down++) {
				const middle = (rows[j - up]!.y0 + rows[j + down]!.y1) / 2;
				if (Math.abs(middle - centre) < 0.35 * pitch && up + down > best.up + best.down) best = { up, down };
			}
		}
		labels.set(j, best);
	}
	// A label broken over lines, each between two value rows, is one label over all of them.
	const groups: Array<{ from: number; to: number; lines: number[] }> = [];
	for (const [j, { up, down }] of [...labels].sort((x, y) => x[0] - y[0])) {
		const last = groups[groups.length - 1];
		if (last && j - up <= last.to) {
			last.to = Math.max(last.to, j + down);
			last.lines.push(j);
		} else groups.push({ from: j - up, to: j + down, lines: [j] });
	}
	const labelRows = new Set(groups.flatMap((g) => g.lines));
	const newIndex = new Map<number, number>();
	const kept: DraftRow[] = [];
	rows.forEach((r, j) => {
		if (labelRows.has(j)) return;
		newIndex.set(j, kept.length);
		kept.push(r);
	});
	const spans = groups.map((g) => ({
		first: newIndex.get(g.from)!,
		rowSpan: newIndex.get(g.to)! - newIndex.get(g.from)! + 1,
		col: 0,
		colSpan: 1,
		words: g.lines.flatMap((j) => rows[j]!.cells.flatMap((c) => c.words)),
	}));
	return { rows: kept, spans };
}

/**
 * Tables printed side by side (a long list wrapped into column groups) share rows but repeat their
 * header: a first row whose labels repeat with period k splits the draft into groups of k columns.
 */
export function splitRepeated(draft: Draft): Draft[] {
	const nCols = draft.colBounds.length;
	const norm = (ws: Word[]) => ws.map((w) => w.text.toLowerCase()).join(' ');
	for (let r = 0; r < Math.min(3, draft.rowBounds.length); r++) {
		const row = draft.cells.filter((c) => c.row === r);
		if (row.length < 4 || row.some((c) => c.colSpan > 1)) continue;
		const texts = Array.from({ length: nCols }, (_, k) => norm(row.find((c) => c.col === k)?.words ?? []));
		for (let k = 2; k <= nCols / 2; k++) {
			if (nCols % k !== 0 || texts.slice(0, k).filter((t) => t !== '').length < 2 || !texts.every((t, i) => t === texts[i % k])) continue;
			return Array.from({ length: nCols / k }, (_, g) => ({
				...draft,
				colBounds: draft.colBounds.slice(g * k, (g + 1) * k),
				cells: draft.cells.filter((c) => c.col >= g * k && c.col + c.colSpan <= (g + 1) * k).map((c) => ({ ...c, col: c.col - g * k })),
			}));
		}
	}
	return [draft];
}

function toDraft(region: Region, rules: readonly HRule[], vrules: readonly VRule[], h: number, opts: StreamOptions): { draft: Draft; box: Box } | null {
	const words = region.rows.flatMap((r) => r.words);
	const box = union(words.map((w) => w.box));
	const seps = ruledSeparators(columnSeparators(region, h, opts.columns), opts.columns === null ? vrules : [], box, h);
	if (seps.length === 0) return null;
	const lines = region.rows.map((r) => ({ y0: r.y0, y1: r.y1, cells: rowCells(r, seps, h) }));
	const head = ruledHeader(lines, rules, box, h);
	const body = centredLabels(joinWrapped(head ? head.body : lines, rules, box));
	const top = head?.header.length ?? 0;
	const rows = [...(head?.header ?? []), ...body.rows];
	const spans = [...(head?.spans ?? []), ...body.spans.map((s) => ({ ...s, first: s.first + top }))];
	const multi = rows.filter((r) => r.cells.length >= 2).length;
	if (region.forced ? multi < Math.max(1, 0.5 * rows.length) : rows.length < 2 || multi < Math.max(2, 0.5 * rows.length)) return null;
	// Prose in two columns is not a table: real cells are short.
	const wordsPerCell = words.length / rows.reduce((n, r) => n + r.cells.length, 0);
	if (!region.forced && seps.length === 1 && wordsPerCell > 5) return null;
	const bounds = [box[0], ...seps.map((sep) => sep.x), box[2]];
	const cells: DraftCell[] = [
		...rows.flatMap((r, i) => r.cells.map((c) => ({ row: i, col: c.col, rowSpan: 1, colSpan: c.colSpan, words: c.words }))),
		...spans.map((s) => ({ row: s.first, col: s.col, rowSpan: s.rowSpan, colSpan: s.colSpan, words: s.words })),
	];
	const rulesBelow = new Set<number>();
	rows.forEach((r, i) => {
		const next = rows[i + 1];
		if (next && rules.some((u) => u.y > r.y1 - 2 && u.y < next.y0 + 2 && overlap(u.x0, u.x1, box[0], box[2]) >= 0.5 * (box[2] - box[0]))) rulesBelow.add(i);
	});
	return {
		box,
		draft: {
			method: 'stream',
			rowBounds: rows.map((r) => [r.y0, r.y1]),
			colBounds: bounds.slice(0, -1).map((x, i) => [x, bounds[i + 1]!]),
			cells,
			rulesBelow,
		},
	};
}

/**
 * Stream tables among `words`. `forced` regions (ruled frames without a grid) are tables whatever
 * their rows look like; elsewhere regions are found from the rows.
 */
export function findStreamTables(words: readonly Word[], rules: readonly HRule[], vrules: readonly VRule[], forced: readonly Box[], opts: StreamOptions): Array<{ draft: Draft; box: Box }> {
	if (words.length === 0) return [];
	const h = median(words.map((w) => w.box[3] - w.box[1]), 10);
	const out: Array<{ draft: Draft; box: Box }> = [];
	const used = new Set<Word>();
	for (const f of forced) {
		const held = words.filter((w) => inside(w.box, f));
		if (held.length < 2) continue;
		const t = toDraft({ rows: textRows(held), forced: true }, rules, vrules, h, opts);
		if (t) {
			out.push(...splitRepeated(t.draft).map((draft) => ({ draft, box: t.box })));
			held.forEach((w) => used.add(w));
		}
	}
	const rows = textRows(words.filter((w) => !used.has(w)));
	for (const region of findRegions(rows, h)) {
		extendUp(region, rows, rules, h);
		extendDown(region, rows, h);
		const t = toDraft(region, rules, vrules, h, opts);
		if (t) out.push(...splitRepeated(t.draft).map((draft) => ({ draft, box: t.box })));
	}
	return out;
}
