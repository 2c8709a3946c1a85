/** Angle-classifier input: 48×192, aspect kept, left-aligned, same normalisation as recognition. */
import { resize } from '../crop';
import { writeNormalised } from '../rec/preprocess';
import type { RgbImage } from '../types';

export const CLS_HEIGHT = 48;
export const CLS_WIDTH = 192;

export function clsBatch(crops: readonly RgbImage[]): Float32Array {
	const size = 3 * CLS_HEIGHT * CLS_WIDTH;
	const out = new Float32Array(crops.length * size);
	crops.forEach((crop, i) => {
		const w = Math.max(1, Math.min(CLS_WIDTH, Math.ceil((crop.width * CLS_HEIGHT) / crop.height)));
		writeNormalised(resize(crop, w, CLS_HEIGHT), CLS_WIDTH, out, i * size);
	});
	return out;
}

/** Indices of crops the classifier says are upside down (class 1 = 180°) with at least `threshold`. */
export function upsideDown(scores: Float32Array, count: number, threshold: number): number[] {
	const flip: number[] = [];
	for (let i = 0; i < count; i++) if (scores[i * 2 + 1]! > scores[i * 2]! && scores[i * 2 + 1]! >= threshold) flip.push(i);
	return flip;
}
