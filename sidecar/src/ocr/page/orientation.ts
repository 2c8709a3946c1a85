/**
 * Which way up a page is, and how far it is tilted, from its detected text lines. Pure.
 * - A page turned by a right angle shows its lines as tall boxes: most long boxes tall → ±90°.
 * - Upside down (0 vs 180°) is left to the angle classifier and recognition (see the engine).
 * - Skew: the median angle of the long lines' top edges, within ±45° (beyond, it is a turn).
 */
import type { Quad } from '../types';

const len = (a: readonly number[], b: readonly number[]) => Math.hypot(b[0]! - a[0]!, b[1]! - a[1]!);

/**
 * A detected line's reading length, thickness and direction: its longer side runs along the text,
 * whichever corner the detector started from. The angle is folded into (-90°, 90°] (y down, clockwise positive).
 */
export function lineExtent(q: Quad): { along: number; across: number; angle: number } {
	const top = len(q[0], q[1]);
	const side = len(q[0], q[3]);
	const [from, to] = top >= side ? [q[0], q[1]] : [q[0], q[3]];
	let angle = (Math.atan2(to[1] - from[1], to[0] - from[0]) * 180) / Math.PI;
	if (angle > 90) angle -= 180;
	if (angle <= -90) angle += 180;
	return { along: Math.max(top, side), across: Math.min(top, side), angle };
}

/** Lines long and thin enough for their direction to be trusted. */
const elongated = (quads: readonly Quad[], minLength: number, ratio: number) =>
	quads.map(lineExtent).filter((e) => e.along >= minLength && e.along >= ratio * e.across);

/**
 * Share of the page's elongated boxes (three times as long as thick) whose text runs closer to
 * vertical than to horizontal. `null` with fewer than three such boxes.
 */
export function tallShare(quads: readonly Quad[]): number | null {
	const lines = elongated(quads, 40, 3);
	return lines.length >= 3 ? lines.filter((e) => Math.abs(e.angle) > 45).length / lines.length : null;
}

/**
 * Median tilt (degrees, clockwise positive, y down) of the lines that run closer to horizontal,
 * long enough for a pixel to matter little (≥ 60 px and ≥ 3× their thickness); null with fewer
 * than three. Within ±45°: beyond, the page is turned, which tallShare tells.
 */
export function skewDegrees(quads: readonly Quad[]): number | null {
	const angles = elongated(quads, 60, 3)
		.map((e) => e.angle)
		.filter((a) => Math.abs(a) <= 45)
		.sort((x, y) => x - y);
	return angles.length >= 3 ? angles[Math.floor(angles.length / 2)]! : null;
}

/** The longest `n` lines by reading length: the best evidence of which way up the text is. */
export function longestLines(quads: readonly Quad[], n: number): Quad[] {
	return [...quads].sort((a, b) => lineExtent(b).along - lineExtent(a).along).slice(0, n);
}

/** Quads of an image turned 180°: each corner mirrored through the centre, corners kept in reading order. */
export function quadsTurned180(quads: readonly Quad[], width: number, height: number): Quad[] {
	return quads.map((q) => {
		const m = q.map(([x, y]) => [width - x, height - y] as [number, number]);
		return [m[2]!, m[3]!, m[0]!, m[1]!] as Quad;
	});
}

/**
 * Skew to a tenth of a degree by the projection profile: dark pixels (on a copy at most 1000 px
 * across) projected across the text for each candidate angle; at the page's true skew the rows of
 * text and the gaps between them are sharpest, so the profile's sum of squares peaks. Searches
 * `around` ± `range` degrees in `step`s. Null on a page with too little ink to tell.
 */
export function profileSkew(img: { width: number; height: number; data: Uint8Array }, around: number, range: number, step: number): number | null {
	const scale = Math.min(1, 1000 / Math.max(img.width, img.height));
	const stride = Math.max(1, Math.round(1 / scale));
	const xs: number[] = [];
	const ys: number[] = [];
	for (let y = 0; y < img.height; y += stride) {
		for (let x = 0; x < img.width; x += stride) {
			const i = (y * img.width + x) * 3;
			if (img.data[i]! + img.data[i + 1]! + img.data[i + 2]! < 3 * 110) {
				xs.push(x / stride);
				ys.push(y / stride);
			}
		}
	}
	if (xs.length < 200) return null;
	// At most ~60k points: a thinned sample decides as well.
	const every = Math.max(1, Math.floor(xs.length / 60_000));
	const span = Math.ceil(Math.hypot(img.width, img.height) / stride) + 2;
	const bins = new Float64Array(2 * span);
	let best = around;
	let bestScore = -1;
	for (let a = around - range; a <= around + range + 1e-9; a += step) {
		const r = (a * Math.PI) / 180;
		const sin = Math.sin(r);
		const cos = Math.cos(r);
		bins.fill(0);
		for (let k = 0; k < xs.length; k += every) bins[Math.round(-xs[k]! * sin + ys[k]! * cos) + span]!++;
		let score = 0;
		for (const b of bins) score += b * b;
		if (score > bestScore) {
			bestScore = score;
			best = a;
		}
	}
	return Math.round(best * 100) / 100;
}
