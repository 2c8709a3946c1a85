/**
 * Reading order by recursive XY-cut. A block is cut horizontally at empty bands (top to bottom),
 * then vertically at empty gutters (left to right) — but only where the two sides do not share
 * baselines: aligned left/right lines are label–value pairs or table rows, read row by row, while
 * unaligned tall sides are newspaper-style columns, read one after the other. Pure.
 */
import type { TextLine } from '../types';

const height = (l: TextLine) => l.box[3] - l.box[1];
const midY = (l: TextLine) => (l.box[1] + l.box[3]) / 2;

/** Lines sharing a text row (vertical centres within half a line height), each row left to right. */
export function groupRows(lines: readonly TextLine[]): TextLine[][] {
	const sorted = [...lines].sort((a, b) => midY(a) - midY(b) || a.box[0] - b.box[0]);
	const rows: TextLine[][] = [];
	for (const l of sorted) {
		const row = rows[rows.length - 1];
		if (row) {
			const rowMid = row.reduce((s, x) => s + midY(x), 0) / row.length;
			const rowH = Math.max(...row.map(height));
			if (Math.abs(midY(l) - rowMid) <= 0.5 * Math.min(rowH, height(l))) {
				row.push(l);
				continue;
			}
		}
		rows.push([l]);
	}
	for (const row of rows) row.sort((a, b) => a.box[0] - b.box[0]);
	return rows;
}

/** Empty intervals along one axis between the boxes' projections, widest first. */
function gaps(lines: readonly TextLine[], axis: 0 | 1, minGap: number): Array<[number, number]> {
	const spans = lines.map((l) => [l.box[axis], l.box[axis + 2]] as [number, number]).sort((a, b) => a[0] - b[0]);
	const out: Array<[number, number]> = [];
	let end = spans[0]?.[1] ?? 0;
	for (const [s, e] of spans.slice(1)) {
		if (s - end >= minGap) out.push([end, s]);
		end = Math.max(end, e);
	}
	return out.sort((a, b) => b[1] - b[0] - (a[1] - a[0]));
}

/**
 * Fraction of the smaller side's lines that have a partner on the same baseline on the other side.
 * Label–value pairs and table rows share baselines almost exactly; text columns only by chance.
 */
function rowAlignment(left: readonly TextLine[], right: readonly TextLine[]): number {
	const [small, big] = left.length <= right.length ? [left, right] : [right, left];
	if (small.length === 0) return 0;
	const paired = small.filter((a) => big.some((b) => Math.abs(midY(a) - midY(b)) <= 0.25 * Math.min(height(a), height(b)))).length;
	return paired / small.length;
}

function xyCut(lines: TextLine[], depth: number): TextLine[][] {
	if (lines.length <= 1 || depth > 12) return [lines];
	const medianH = [...lines].map(height).sort((a, b) => a - b)[Math.floor(lines.length / 2)] ?? 10;
	// Horizontal cut: a band clearly taller than line spacing.
	const hGap = gaps(lines, 1, 1.2 * medianH)[0];
	if (hGap) {
		const cut = (hGap[0] + hGap[1]) / 2;
		return [...xyCut(lines.filter((l) => midY(l) < cut), depth + 1), ...xyCut(lines.filter((l) => midY(l) >= cut), depth + 1)];
	}
	// Vertical cut: a gutter at least 1.5 line heights wide, with unaligned sides.
	for (const [g0, g1] of gaps(lines, 0, 1.5 * medianH)) {
		const cut = (g0 + g1) / 2;
		const left = lines.filter((l) => l.box[2] <= cut);
		const right = lines.filter((l) => l.box[0] >= cut);
		if (left.length + right.length !== lines.length || left.length < 2 || right.length < 2) continue;
		if (rowAlignment(left, right) >= 0.6) continue;
		return [...xyCut(left, depth + 1), ...xyCut(right, depth + 1)];
	}
	return [lines];
}

/** Blocks in reading order, each block's rows top to bottom and left to right. */
export function readingBlocks(lines: readonly TextLine[]): TextLine[][][] {
	return xyCut([...lines], 0).map(groupRows);
}

/** Lines in reading order. */
export function orderLines(lines: readonly TextLine[]): TextLine[] {
	return readingBlocks(lines).flat(2);
}

/** Page text: rows joined by spaces, rows and blocks by newlines. */
export function pageText(lines: readonly TextLine[]): string {
	return readingBlocks(lines)
		.flatMap((block) => block.map((row) => row.map((l) => l.text).join(' ')))
		.join('\n');
}
