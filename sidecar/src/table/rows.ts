/**
 * Text rows and chunks: words sharing a line, and within a line the runs of words separated by
 * gaps wider than a word space. A line with two or more chunks may be a table row. Pure.
 */
import { bh, cy, median } from './geometry';
import type { Word } from './types';

export interface TextRow {
	words: Word[];
	y0: number;
	y1: number;
	/** Median word height on the row. */
	height: number;
	chunks: Word[][];
}

/** Gap (in text heights) between words that separates chunks: wider than any word space. */
export const CHUNK_GAP = 0.8;

export function splitChunks(words: readonly Word[], height: number, gap = CHUNK_GAP): Word[][] {
	const sorted = [...words].sort((a, b) => a.box[0] - b.box[0]);
	const chunks: Word[][] = [];
	for (const w of sorted) {
		const cur = chunks[chunks.length - 1];
		const last = cur?.[cur.length - 1];
		if (cur && last && w.box[0] - last.box[2] <= gap * height) cur.push(w);
		else chunks.push([w]);
	}
	return chunks;
}

export function textRows(words: readonly Word[]): TextRow[] {
	const sorted = [...words].sort((a, b) => cy(a.box) - cy(b.box) || a.box[0] - b.box[0]);
	const groups: Word[][] = [];
	for (const w of sorted) {
		const g = groups[groups.length - 1];
		if (g) {
			const mid = g.reduce((s, x) => s + cy(x.box), 0) / g.length;
			const h = median(g.map((x) => bh(x.box)));
			if (Math.abs(cy(w.box) - mid) <= 0.5 * Math.min(h, bh(w.box))) {
				g.push(w);
				continue;
			}
		}
		groups.push([w]);
	}
	return groups.map((g) => {
		const height = median(g.map((x) => bh(x.box)), 10);
		return { words: g, y0: Math.min(...g.map((x) => x.box[1])), y1: Math.max(...g.map((x) => x.box[3])), height, chunks: splitChunks(g, height) };
	});
}

/** Words as text: their lines top to bottom, each left to right, joined by single spaces. */
export function wordsText(words: readonly Word[]): string {
	return textRows(words)
		.map((r) => [...r.words].sort((a, b) => a.box[0] - b.box[0]).map((w) => w.text).join(' '))
		.join(' ')
		.replace(/\s+/g, ' ')
		.trim();
}
