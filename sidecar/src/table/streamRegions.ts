/**
 * Where borderless tables are on a page: runs of text rows that split into several chunks (not two
 * columns of prose), with wide vertical gaps between runs; a caption or a header line above and a
 * last cell wrapping below are taken in. Pure.
 */
import { overlap, union } from './geometry';
import type { TextRow } from './rows';
import type { HRule, Word } from './types';

const CAPTION = /^(table|tab\.|tabla|tableau|tabelle|tabella|figure|fig\.|source|note)\b/i;

/** Rows of a candidate table region, in order. */
export interface Region {
	rows: TextRow[];
	/** Forced regions (ruled frames) take every row inside, with no region tests. */
	forced: boolean;
}

/** Two text columns of prose also split into chunks, but their chunks are long. */
const prose = (r: TextRow) => r.chunks.filter((c) => c.length >= 5).length >= 2;
export const tabular = (r: TextRow) => r.chunks.length >= 2 && !prose(r);

/** Runs of tabular rows (with at most two plain rows between them) separated by wide vertical gaps. */
export function findRegions(rows: TextRow[], h: number): Region[] {
	const regions: Region[] = [];
	let i = 0;
	while (i < rows.length) {
		if (!tabular(rows[i]!)) {
			i++;
			continue;
		}
		let end = i;
		let misses = 0;
		for (let j = i + 1; j < rows.length; j++) {
			if (rows[j]!.y0 - rows[j - 1]!.y1 > 2.5 * h) break;
			if (tabular(rows[j]!)) {
				end = j;
				misses = 0;
			} else if (++misses > 2) break;
		}
		regions.push({ rows: rows.slice(i, end + 1), forced: false });
		i = end + 1;
	}
	return regions;
}

/**
 * Header rows above a region: rows close above it whose chunks sit within its width (group headers
 * over several columns), not captions; or every row below a ruling that spans the region.
 */
export function extendUp(region: Region, rows: TextRow[], rules: readonly HRule[], h: number): void {
	const first = region.rows[0]!;
	let idx = rows.indexOf(first);
	const box = union(region.rows.flatMap((r) => r.words.map((w) => w.box)));
	const width = box[2] - box[0];
	// The top rule of a header band (booktabs: a rule above the header, one under it).
	const rule = rules.filter((r) => r.y < first.y0 && first.y0 - r.y < 6 * h && overlap(r.x0, r.x1, box[0], box[2]) >= 0.7 * width).sort((a, b) => a.y - b.y)[0];
	let added = 0;
	while (idx > 0 && added < 4) {
		const above = rows[idx - 1]!;
		const top = region.rows[0]!;
		if (top.y0 - above.y1 > 1.5 * h) break;
		const text = above.words.map((w) => w.text).join(' ');
		const underRule = rule !== undefined && above.y0 > rule.y;
		const within = above.words.every((w) => w.box[0] >= box[0] - h && w.box[2] <= box[2] + h);
		if (CAPTION.test(text) || !(underRule || (within && tabular(above)))) break;
		region.rows.unshift(above);
		idx--;
		added++;
	}
}

/** A line that continues the cell above: lower case, or a bracket opening a word ("(continued)", not an item label "(b)"). */
export const startsLower = (words: Word[]) => /^(?:[a-zà-ÿ]|\([a-zà-ÿ]{2})/.test([...words].sort((a, b) => a.box[0] - b.box[0])[0]?.text ?? '');

/** A last cell wrapping onto lines below the last tabular row: close, inside the table's width, in lower case. */
export function extendDown(region: Region, rows: TextRow[], h: number): void {
	const box = union(region.rows.flatMap((r) => r.words.map((w) => w.box)));
	for (let idx = rows.indexOf(region.rows[region.rows.length - 1]!) + 1; idx < rows.length; idx++) {
		const next = rows[idx]!;
		const last = region.rows[region.rows.length - 1]!;
		if (next.y0 - last.y1 > h || !startsLower(next.words) || next.words.some((w) => w.box[0] < box[0] - h || w.box[2] > box[2] + h)) break;
		region.rows.push(next);
	}
}

