/**
 * The part of the detection map worth running the detector on: the page's ink with a margin.
 * The detector's cost grows with its input's area, and most pages leave a good part of theirs blank
 * (margins, the empty lower half of a short invoice). The window is cut from the map already
 * resized for the whole page, so the text inside it is the same pixels at the same scale, and what
 * is left out differs from the page's background by less than the faintest ink. The probabilities
 * are not bit for bit the page's (the detector's squeeze-excitation blocks average over their whole
 * input; boxes move by a pixel or two), and accuracy measured the same: synthetic pages' CER, SROIE
 * end to end, words found in bench/throughput.ts. A photo, a page with a dark border or a tinted
 * background keeps the whole map. Pure; tested without a model.
 */
import type { RgbImage } from '../types';

export interface MapWindow {
	x: number;
	y: number;
	width: number;
	height: number;
}

/** Blocks of 2 × 2 map pixels are compared: a scan's grain averages out, a stroke does not. */
const BLOCK = 2;
/** A block this much darker or lighter than the background holds ink (grey levels, 0–255). */
const INK_CONTRAST = 24;
/** Blocks of ink a row or column of blocks needs, so that a lone speck does not widen the window. */
const INK_BLOCKS = 2;
/** Blank map pixels kept around the ink: the detector reads a line from its surroundings too. */
export const WINDOW_MARGIN = 64;
/** The DB network's input sides are multiples of 32. */
const ALIGN = 32;
/** A window must save at least this share of the map to be worth a different input shape. */
const MIN_SAVING = 0.1;

/**
 * The window of `map` (the page resized for detection, sides multiples of 32) that holds its ink,
 * widened by WINDOW_MARGIN and aligned to 32; the whole map when that saves little.
 */
export function inkWindow(map: RgbImage): MapWindow {
	const whole = { x: 0, y: 0, width: map.width, height: map.height };
	const bw = Math.floor(map.width / BLOCK);
	const bh = Math.floor(map.height / BLOCK);
	if (bw < 2 || bh < 2) return whole;
	const grey = blockGrey(map, bw, bh);
	const background = histogramMode(grey);
	const rows = new Uint32Array(bh);
	const cols = new Uint32Array(bw);
	for (let by = 0; by < bh; by++) {
		for (let bx = 0; bx < bw; bx++) {
			if (Math.abs(grey[by * bw + bx]! - background) > INK_CONTRAST) {
				rows[by]!++;
				cols[bx]!++;
			}
		}
	}
	const inked = (counts: Uint32Array) => {
		let first = -1;
		let last = -1;
		counts.forEach((n, i) => {
			if (n >= INK_BLOCKS) {
				if (first < 0) first = i;
				last = i;
			}
		});
		return first < 0 ? null : [first * BLOCK, (last + 1) * BLOCK] as const;
	};
	const ys = inked(rows);
	const xs = inked(cols);
	if (!xs || !ys) return whole;
	const span = (lo: number, hi: number, size: number) => {
		const a = Math.max(0, Math.floor((lo - WINDOW_MARGIN) / ALIGN) * ALIGN);
		const b = Math.min(size, Math.ceil((hi + WINDOW_MARGIN) / ALIGN) * ALIGN);
		return [a, b] as const;
	};
	const [x0, x1] = span(xs[0], xs[1], map.width);
	const [y0, y1] = span(ys[0], ys[1], map.height);
	const win = { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
	return win.width * win.height > (1 - MIN_SAVING) * map.width * map.height ? whole : win;
}

/** Mean grey of each BLOCK × BLOCK block. */
function blockGrey(map: RgbImage, bw: number, bh: number): Uint8Array {
	const out = new Uint8Array(bw * bh);
	const { width, data } = map;
	for (let by = 0; by < bh; by++) {
		for (let bx = 0; bx < bw; bx++) {
			let sum = 0;
			for (let dy = 0; dy < BLOCK; dy++) {
				let p = ((by * BLOCK + dy) * width + bx * BLOCK) * 3;
				for (let dx = 0; dx < BLOCK; dx++, p += 3) sum += data[p]! * 299 + data[p + 1]! * 587 + data[p + 2]! * 114;
			}
			out[by * bw + bx] = Math.round(sum / (1000 * BLOCK * BLOCK));
		}
	}
	return out;
}

/** The commonest grey level: the page's background, whether it is paper or a dark screen. */
function histogramMode(grey: Uint8Array): number {
	const hist = new Uint32Array(256);
	for (const g of grey) hist[g]!++;
	// Neighbouring levels pooled: grain spreads the background over a few levels.
	const pooled = (i: number) => hist[i - 1]! + hist[i]! + hist[i + 1]!;
	let best = 1;
	for (let i = 2; i < 255; i++) if (pooled(i) > pooled(best)) best = i;
	return best;
}
