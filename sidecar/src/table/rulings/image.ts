/**
 * Ruling lines in a scanned page: long runs of dark pixels along rows (horizontal rules) and
 * along columns (vertical rules) of a deskewed greyscale image. Runs much longer than any glyph
 * stroke are lines; small breaks (scan dropouts, dashes) are bridged when runs are merged. Pure.
 */
import { darkThreshold } from '../../ocr/threshold';
import type { HRule, Rulings, VRule } from '../types';

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
