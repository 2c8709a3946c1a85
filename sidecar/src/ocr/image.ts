/**
 * Image decoding for OCR: every format sharp reads, EXIF orientation applied, alpha flattened on
 * white, and limits against decompression bombs: the pixel limit per page is checked from the
 * header before any pixel is decoded, and a multi-page TIFF is counted first and decoded one
 * selected page at a time (a 1000-page TIFF with pages=1 costs one page).
 */
import sharp from 'sharp';
import { InputError } from '../errors';
import type { RgbImage } from './types';

/** Largest page the OCR decodes (pixels): a 30000×30000 image is refused before decoding. */
export const MAX_PAGE_PIXELS = 60_000_000;

async function toRgb(pipeline: sharp.Sharp): Promise<RgbImage> {
	const { data, info } = await pipeline.rotate().flatten({ background: '#ffffff' }).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
	if (info.channels !== 3) throw new Error(`expected 3 channels, got ${info.channels}`);
	return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

const unreadable = (filename: string, err: unknown) => new InputError('corrupt-image', 'Unreadable Image', `${filename} cannot be decoded (${(err as Error).message.split('\n')[0]})`);

/** An image file whose header was read: how many pages it has, and each page on demand. */
export interface ImageFile {
	/** TIFF: its pages; GIF/WebP animations: 1 (the first frame). */
	pageCount: number;
	/** Density from the file's metadata when it has one (scans usually do). */
	dpi: number | null;
	/** Decodes page `index` (0-based). */
	page(index: number): Promise<RgbImage>;
}

export async function openImage(buffer: Buffer, filename: string): Promise<ImageFile> {
	let meta: sharp.Metadata;
	try {
		meta = await sharp(buffer, { limitInputPixels: false }).metadata();
	} catch (err) {
		throw unreadable(filename, err);
	}
	const width = meta.width ?? 0;
	const height = meta.pageHeight ?? meta.height ?? 0;
	if (width * height > MAX_PAGE_PIXELS) {
		throw new InputError('image-too-large', 'Image Too Large', `${filename} is ${width}×${height} pixels; the limit is ${MAX_PAGE_PIXELS.toLocaleString('en')} pixels per page`);
	}
	return {
		pageCount: meta.format === 'tiff' ? Math.max(1, meta.pages ?? 1) : 1,
		dpi: meta.density && meta.density > 30 ? Math.round(meta.density) : null,
		page: async (index) => {
			try {
				// Each TIFF page has its own size: the pixel limit holds for every one.
				return await toRgb(sharp(buffer, { page: index, limitInputPixels: MAX_PAGE_PIXELS }));
			} catch (err) {
				throw unreadable(filename, err);
			}
		},
	};
}

/** The first `maxPages` pages decoded (tests and benches that want pixels at once). */
export async function decodeImage(buffer: Buffer, filename: string, maxPages: number): Promise<{ pages: RgbImage[]; dpi: number | null }> {
	const file = await openImage(buffer, filename);
	const pages: RgbImage[] = [];
	for (let i = 0; i < Math.min(file.pageCount, maxPages); i++) pages.push(await file.page(i));
	return { pages, dpi: file.dpi };
}
