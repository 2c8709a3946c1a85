/**
 * Image decoding for OCR: every format sharp reads, EXIF orientation applied, every TIFF page,
 * the first GIF frame, alpha flattened on white, and a pixel limit against decompression bombs.
 */
import sharp from 'sharp';
import { problems } from '../http/problem';
import type { RgbImage } from './types';

/** Largest page the OCR decodes (pixels): a 30000×30000 image is refused before decoding. */
export const MAX_PAGE_PIXELS = 60_000_000;

async function toRgb(pipeline: sharp.Sharp): Promise<RgbImage> {
	const { data, info } = await pipeline.rotate().flatten({ background: '#ffffff' }).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
	if (info.channels !== 3) throw new Error(`expected 3 channels, got ${info.channels}`);
	return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

export interface DecodedImage {
	pages: RgbImage[];
	/** Density from the file's metadata when it has one (scans usually do). */
	dpi: number | null;
}

export async function decodeImage(buffer: Buffer, filename: string, maxPages: number): Promise<DecodedImage> {
	let meta: sharp.Metadata;
	try {
		meta = await sharp(buffer, { limitInputPixels: false }).metadata();
	} catch (err) {
		throw problems.unprocessable('corrupt-image', 'Unreadable Image', `${filename} cannot be decoded (${(err as Error).message})`);
	}
	const width = meta.width ?? 0;
	const height = meta.pageHeight ?? meta.height ?? 0;
	if (width * height > MAX_PAGE_PIXELS) {
		throw problems.unprocessable('image-too-large', 'Image Too Large', `${filename} is ${width}×${height} pixels; the limit is ${MAX_PAGE_PIXELS.toLocaleString('en')} pixels per page`);
	}
	// TIFF: every page; GIF/WebP animations: the first frame only.
	const pageCount = meta.format === 'tiff' ? Math.min(meta.pages ?? 1, maxPages) : 1;
	const pages: RgbImage[] = [];
	try {
		for (let page = 0; page < pageCount; page++) {
			pages.push(await toRgb(sharp(buffer, { page, limitInputPixels: MAX_PAGE_PIXELS })));
		}
	} catch (err) {
		throw problems.unprocessable('corrupt-image', 'Unreadable Image', `${filename} cannot be decoded (${(err as Error).message})`);
	}
	const dpi = meta.density && meta.density > 30 ? Math.round(meta.density) : null;
	return { pages, dpi };
}
