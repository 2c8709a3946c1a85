/**
 * Ruling lines in a scanned page: long runs of dark pixels along rows (horizontal rules) and
 * along columns (vertical rules) of a deskewed greyscale image. Runs much longer than any glyph
 * stroke are lines; small breaks (scan dropouts, dashes) are bridged when runs are merged. Pure.
 */
import type { HRule, Rulings, VRule } from '../types';

/** Otsu's threshold on a greyscale histogram, kept in a range where paper stays white. */
export function darkThreshold(gray: Uint8Array): number {
	const hist = new Float64Array(256);
	for (let i = 0; i < gray.length; i++) hist[gray[i]!]!++;
	const total = gray.length;
	let sum = 0;
	for (let t = 0; t < 256; t++) sum += t * hist[t]!;
	let sumB = 0;
	let wB = 0;
	let best = 0;
	let threshold = 128;
	for (let t = 0; t < 256; t++) {
		wB += hist[t]!;
		if (wB === 0) continue;
		const wF = total - wB;
		if (wF === 0) break;
		sumB += t * hist[t]!;
		const mB = sumB / wB;
		const mF = (sum - sumB) / wF;
		const between = wB * wF * (mB - mF) * (mB - mF);
		if (between > best) {
			best = between;
			threshold = t;
		}
	}
	return Math.min(200, Math.max(80, threshold));
}

/**
 * @param minH shortest horizontal run that counts as a line (px)
 * @param minV shortest vertical run that counts as a line (px)
 * @param bridge light pixels inside a run that are still part of it (noise, thin breaks)
 */
export function imageRulings(gray: Uint8Array, width: number, height: number, minH: number, minV: number, bridge = 2): Rulings {
	const t = darkThreshold(gray);
	const horizontal: HRule[] = [];
	const vertical: VRule[] = [];
	for (let y = 0; y < height; y++) {
		let start = -1;
		let lastDark = -1;
		const row = y * width;
		for (let x = 0; x <= width; x++) {
			const dark = x < width && gray[row + x]! < t;
			if (dark) {
				if (start < 0) start = x;
				lastDark = x;
			} else if (start >= 0 && (x - lastDark > bridge || x === width)) {
				if (lastDark - start + 1 >= minH) horizontal.push({ y, x0: start, x1: lastDark });
				start = -1;
			}
		}
	}
	for (let x = 0; x < width; x++) {
		let start = -1;
		let lastDark = -1;
		for (let y = 0; y <= height; y++) {
			const dark = y < height && gray[y * width + x]! < t;
			if (dark) {
				if (start < 0) start = y;
				lastDark = y;
			} else if (start >= 0 && (y - lastDark > bridge || y === height)) {
				if (lastDark - start + 1 >= minV) vertical.push({ x, y0: start, y1: lastDark });
				start = -1;
			}
		}
	}
	return { horizontal, vertical };
}
