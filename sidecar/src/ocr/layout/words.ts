/**
 * Word boxes inside a recognised line. Recognition gives each word the span of time steps its
 * characters cover; as a fraction of the crop's width that span maps linearly onto the detected
 * quadrilateral. Tables need these: one detected line often holds several cells. Pure.
 */
import type { Box, Quad } from '../types';

export interface LineWord {
	text: string;
	box: Box;
}

/** A word as fractions [f0, f1] of the crop's width, in reading direction. */
export interface WordFraction {
	text: string;
	f0: number;
	f1: number;
}

const lerp = (a: [number, number], b: [number, number], f: number): [number, number] => [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f];

export function wordBoxes(quad: Quad, words: readonly WordFraction[]): LineWord[] {
	const [tl, tr, br, bl] = quad;
	return words.map((w) => {
		const f0 = Math.max(0, Math.min(1, w.f0));
		const f1 = Math.max(f0, Math.min(1, w.f1));
		const pts = [lerp(tl, tr, f0), lerp(tl, tr, f1), lerp(bl, br, f1), lerp(bl, br, f0)];
		const xs = pts.map((p) => p[0]);
		const ys = pts.map((p) => p[1]);
		return { text: w.text, box: [Math.round(Math.min(...xs)), Math.round(Math.min(...ys)), Math.round(Math.max(...xs)), Math.round(Math.max(...ys))] };
	});
}

/**
 * After a line's text is rewritten (width normalisation, word repair), its words take the new
 * texts when the word count is unchanged; otherwise the line is re-cut in proportion to length.
 */
export function syncWords(text: string, words: readonly LineWord[], lineBox: Box): LineWord[] {
	const tokens = text.split(' ').filter((t) => t !== '');
	if (tokens.length === words.length) return words.map((w, i) => ({ ...w, text: tokens[i]! }));
	return proportionalWords(text, lineBox);
}

/**
 * Words placed by character count along a box (text-layer runs, or when nothing better is known);
 * `pieces` says what a word is (a global pattern; by default a run of non-spaces).
 */
export function proportionalWords(text: string, box: Box, pieces = /\S+/g): LineWord[] {
	const out: LineWord[] = [];
	const width = box[2] - box[0];
	const n = Math.max(1, text.length);
	const re = new RegExp(pieces.source, 'g');
	let m: RegExpExecArray | null;
	while ((m = re.exec(text)) !== null) {
		const x0 = box[0] + (width * m.index) / n;
		const x1 = box[0] + (width * (m.index + m[0].length)) / n;
		out.push({ text: m[0], box: [Math.round(x0), box[1], Math.round(x1), box[3]] });
	}
	return out;
}
