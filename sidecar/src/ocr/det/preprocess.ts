/**
 * Detection input: resize so the longer side is at most `limitSide` (and the shorter at least 32),
 * both sides multiples of 32 as the DB network needs, then ImageNet normalisation in BGR order
 * (PaddleOCR's models were trained on OpenCV's BGR images).
 */
import type { RgbImage } from '../types';
import type { MapWindow } from './window';

export interface DetResize {
	width: number;
	height: number;
	scaleX: number;
	scaleY: number;
}

export function detResize(width: number, height: number, limitSide: number): DetResize {
	const longer = Math.max(width, height);
	const ratio = longer > limitSide ? limitSide / longer : 1;
	const round32 = (v: number) => Math.max(32, Math.round((v * ratio) / 32) * 32);
	const w = round32(width);
	const h = round32(height);
	return { width: w, height: h, scaleX: width / w, scaleY: height / h };
}

const MEAN_BGR = [0.485, 0.456, 0.406];
const STD_BGR = [0.229, 0.224, 0.225];

/** Each byte's normalised value per BGR plane: the page's ~650 000 pixels then cost a lookup each. */
const PLANE_LUT = MEAN_BGR.map((mean, c) => Float32Array.from({ length: 256 }, (_, v) => (v / 255 - mean) / STD_BGR[c]!));

/** RGB bytes (already resized), or a window of them → float32 NCHW [1, 3, H, W] in BGR channel order. */
export function detTensorData(img: RgbImage, win: MapWindow = { x: 0, y: 0, width: img.width, height: img.height }): Float32Array {
	const plane = win.width * win.height;
	const out = new Float32Array(3 * plane);
	const [lutB, lutG, lutR] = PLANE_LUT as [Float32Array, Float32Array, Float32Array];
	const data = img.data;
	for (let y = 0, i = 0; y < win.height; y++) {
		for (let x = 0, j = ((win.y + y) * img.width + win.x) * 3; x < win.width; x++, i++, j += 3) {
			out[i] = lutB[data[j + 2]!]!;
			out[plane + i] = lutG[data[j + 1]!]!;
			out[2 * plane + i] = lutR[data[j]!]!;
		}
	}
	return out;
}

/** Median box height in the detection map below which a page is detected again, larger. */
export const SMALL_TEXT_PX = 18;
/** Box height the second detection aims for. */
const TARGET_TEXT_PX = 21;
/** Boxes at least this tall in the image's own pixels are large print scaled down, which detects well. */
const LARGE_PRINT_PX = 28;

/**
 * The longer side for a second detection pass, or null when the first was fine. Faint or thin
 * small print (a receipt photographed with its margins) loses strokes when scaled into a map where
 * its lines are under SMALL_TEXT_PX tall, and comes out cut short or merged; measured on SROIE, a
 * second pass at TARGET_TEXT_PX more than halves those receipts' errors. Large print scaled down (an
 * A4 page at 150–300 DPI) detects well at the first scale and is not run twice. Never above the
 * image's own pixels, nor beyond `maxSide`.
 * @param heights box heights of the first pass, in the image's pixels
 */
export function detRescaleSide(heights: readonly number[], first: DetResize, width: number, height: number, maxSide: number): number | null {
	if (heights.length < 3) return null;
	const sorted = [...heights].sort((a, b) => a - b);
	const median = sorted[sorted.length >> 1]!;
	const inMap = median / first.scaleY;
	if (inMap >= SMALL_TEXT_PX || median >= LARGE_PRINT_PX) return null;
	const longer = Math.max(width, height);
	const side = Math.min(longer, maxSide, Math.round(Math.max(first.width, first.height) * (TARGET_TEXT_PX / inMap)));
	return side > Math.max(first.width, first.height) + 32 ? side : null;
}
