/**
 * Recognition input: each crop resized to height 48 keeping its aspect, placed left-aligned in the
 * smallest width bucket that holds it, zero-padded (0 is mid-grey after normalisation, as in
 * PaddleOCR). Fixed buckets keep the set of input shapes small: a CUDA provider then reuses its
 * cuDNN plans instead of re-searching per width (onnxruntime-node cannot turn that search off).
 */
import { resize } from '../crop';
import type { RgbImage } from '../types';

export const REC_HEIGHT = 48;

export function bucketFor(width: number, buckets: readonly number[]): number {
	for (const b of buckets) if (width <= b) return b;
	return buckets[buckets.length - 1]!;
}

/** Width the crop takes at height 48 (capped at the largest bucket, squeezing longer lines). */
export function scaledWidth(crop: RgbImage, height: number, maxWidth: number): number {
	return Math.max(1, Math.min(maxWidth, Math.ceil((crop.width * height) / crop.height)));
}

/** Normalised BGR planes for one crop written into a batch tensor at `offset` (size 3×height×bucket). */
export function writeNormalised(img: RgbImage, bucketWidth: number, out: Float32Array, offset: number): void {
	const plane = img.height * bucketWidth;
	for (let y = 0; y < img.height; y++) {
		for (let x = 0; x < img.width; x++) {
			const i = (y * img.width + x) * 3;
			const o = offset + y * bucketWidth + x;
			out[o] = img.data[i + 2]! / 127.5 - 1;
			out[plane + o] = img.data[i + 1]! / 127.5 - 1;
			out[2 * plane + o] = img.data[i]! / 127.5 - 1;
		}
	}
}

export interface RecInput {
	width: number;
	image: RgbImage;
}

export function prepareRecCrop(crop: RgbImage, height: number, buckets: readonly number[]): RecInput {
	const w = scaledWidth(crop, height, buckets[buckets.length - 1]!);
	return { width: w, image: resize(crop, w, height) };
}
