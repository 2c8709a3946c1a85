/**
 * Ink in a 48-px recognition crop, for the stages that read what the recogniser cannot: commas and
 * stops (punctuation.ts) and accents (diacritics.ts). Darkness per pixel, runs of inked columns,
 * connected blobs, and the line's baseline. Pure.
 */
import { charCentre, type DecodedChar } from './ctc';
import type { InkLevels } from './glyphs';

/** A run of columns with ink, and the rows its ink fills (rows holding a fifth of its peak row's ink). */
export interface InkRun {
	x0: number;
	x1: number;
	top: number;
	bottom: number;
	/** Darkest pixel (0 paper … 1 ink). */
	peak: number;
}

/** A pixel darker than this (as a fraction of paper→ink) puts its column in a run. */
export const RUN_INK = 0.35;

/** Darkness of each pixel: 0 paper … 1 ink. */
export function darkness(gray: Uint8Array, levels: InkLevels): Float32Array {
	const span = Math.max(1, levels.paper - levels.ink);
	// A plain loop: Float32Array.from with a mapping function cost ~10 ms per line.
	const out = new Float32Array(gray.length);
	for (let i = 0; i < gray.length; i++) out[i] = Math.min(1, Math.max(0, (levels.paper - gray[i]!) / span));
	return out;
}

/**
 * Runs of inked columns separated by blank ones, each with the vertical extent of its ink.
 * @param ink darkness that puts a column in a run (higher: touching glyphs come apart)
 * @param from first column searched; `to` the last
 */
export function inkRuns(dark: Float32Array, width: number, height: number, ink = RUN_INK, from = 0, to = width - 1): InkRun[] {
	const inked = (x: number) => {
		for (let y = 0; y < height; y++) if (dark[y * width + x]! >= ink) return true;
		return false;
	};
	const runs: InkRun[] = [];
	let x = from;
	while (x <= to) {
		if (!inked(x)) {
			x++;
			continue;
		}
		const x0 = x;
		while (x <= to && inked(x)) x++;
		const x1 = x - 1;
		const rows = new Float32Array(height);
		let peak = 0;
		for (let y = 0; y < height; y++) {
			for (let k = x0; k <= x1; k++) {
				const d = dark[y * width + k]!;
				rows[y]! += d;
				peak = Math.max(peak, d);
			}
		}
		const most = Math.max(...rows);
		let top = 0;
		while (rows[top]! < 0.2 * most) top++;
		let bottom = height - 1;
		while (rows[bottom]! < 0.2 * most) bottom--;
		runs.push({ x0, x1, top, bottom, peak });
	}
	return runs;
}

/** The upper median of pixel rows (a row that is there, not a half-way between two). */
export const upperMedian = (v: readonly number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;

/** The line's baseline and capital height, from the runs of glyph size (null when too few). */
export function baseline(runs: readonly InkRun[], height: number): { base: number; size: number } | null {
	const glyphs = runs.filter((r) => r.bottom - r.top + 1 >= 0.35 * height);
	if (glyphs.length < 2) return null;
	const base = upperMedian(glyphs.map((r) => r.bottom));
	return { base, size: base - upperMedian(glyphs.map((r) => r.top)) + 1 };
}

/** A connected blob of ink (8-neighbours) and its bounding box. */
export interface InkComponent {
	x0: number;
	y0: number;
	x1: number;
	y1: number;
}

/** Blobs found per crop: the marks, accents and case stages each ask for them. */
const componentsOf = new WeakMap<Float32Array, InkComponent[]>();

/** Connected blobs of ink in the crop (found once per darkness map). */
export function inkComponents(dark: Float32Array, width: number, height: number): InkComponent[] {
	const known = componentsOf.get(dark);
	if (known) return known;
	const found = findComponents(dark, width, height);
	componentsOf.set(dark, found);
	return found;
}

function findComponents(dark: Float32Array, width: number, height: number): InkComponent[] {
	const n = width * height;
	// Typed arrays and plain comparisons: this runs on every crop (it was ~3 % of a page's time).
	const seen = new Uint8Array(n);
	const stack = new Int32Array(n);
	const out: InkComponent[] = [];
	for (let start = 0; start < n; start++) {
		if (seen[start] || dark[start]! < RUN_INK) continue;
		let x0 = width;
		let y0 = height;
		let x1 = -1;
		let y1 = -1;
		seen[start] = 1;
		let top = 0;
		stack[top++] = start;
		while (top > 0) {
			const p = stack[--top]!;
			const y = (p / width) | 0;
			const x = p - y * width;
			if (x < x0) x0 = x;
			if (x > x1) x1 = x;
			if (y < y0) y0 = y;
			if (y > y1) y1 = y;
			const xa = x > 0 ? x - 1 : 0;
			const xb = x < width - 1 ? x + 1 : x;
			const ya = y > 0 ? y - 1 : 0;
			const yb = y < height - 1 ? y + 1 : y;
			for (let ny = ya; ny <= yb; ny++) {
				for (let q = ny * width + xa, end = ny * width + xb; q <= end; q++) {
					if (!seen[q] && dark[q]! >= RUN_INK) {
						seen[q] = 1;
						stack[top++] = q;
					}
				}
			}
		}
		out.push({ x0, y0, x1, y1 });
	}
	return out;
}

/**
 * A decoded character's letter body: the tallest blob within `reach` px of its centre `cx`, where
 * that blob holds no other character's centre (two letters run together give no body).
 */
export function letterBody(blobs: readonly InkComponent[], cx: number, reach: number, centres: readonly number[]): InkComponent | undefined {
	const body = blobs.filter((b) => cx >= b.x0 - reach && cx <= b.x1 + reach).sort((p, q) => q.y1 - q.y0 - (p.y1 - p.y0))[0];
	return body && centres.filter((x) => x >= body.x0 && x <= body.x1).length <= 1 ? body : undefined;
}

/** Each decoded character's letter body (a decoded step's centre falls within a quarter step of its glyph). */
export function charBodies(chars: readonly DecodedChar[], dark: Float32Array, width: number, height: number, stepPx: number): Map<number, InkComponent> {
	const blobs = inkComponents(dark, width, height);
	const centres = chars.map((c) => (c.char === ' ' ? Number.NaN : charCentre(c, stepPx)));
	const out = new Map<number, InkComponent>();
	centres.forEach((cx, i) => {
		const body = Number.isNaN(cx) ? undefined : letterBody(blobs, cx, 0.25 * stepPx, centres);
		if (body) out.set(i, body);
	});
	return out;
}
