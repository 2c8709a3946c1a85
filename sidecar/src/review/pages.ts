/**
 * The pages a review picture is drawn on, kept while the document is read: each page in the frame
 * its boxes are given in (the upright page the OCR read; a text-layer page rendered and turned as
 * its text was), reduced to REVIEW_WIDTH and held as a JPEG so that a long document costs little.
 */
import sharp from 'sharp';
import type { PageSource } from '../ocr/document';
import type { OcrPage, RgbImage } from '../ocr/types';

/** Pages beyond this are not kept (a review picture shows where the fields of the first pages were found). */
export const REVIEW_MAX_PAGES = 8;
/** Width of a page in the picture, pixels: labels stay legible and the PNG stays a few hundred KB. */
export const REVIEW_WIDTH = 1000;

export interface ReviewPage {
	page: number;
	jpeg: Buffer;
	width: number;
	height: number;
	/** Picture pixels per pixel of the page's box coordinates. */
	factor: number;
}

/** The page as a JPEG: shrunk by `factor` (pixels OCR'd) or turned clockwise by `turn` (a rendered text-layer page), never both. */
async function reduced(img: RgbImage, factor: number, turn: number): Promise<{ jpeg: Buffer; width: number; height: number }> {
	let pipeline = sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } });
	if (factor < 1) pipeline = pipeline.resize(Math.max(1, Math.round(img.width * factor)), Math.max(1, Math.round(img.height * factor)), { fit: 'fill' });
	if (turn) pipeline = pipeline.rotate(turn);
	const { data, info } = await pipeline.jpeg({ quality: 85 }).toBuffer({ resolveWithObject: true });
	return { jpeg: data, width: info.width, height: info.height };
}

export class ReviewPages {
	private readonly kept: ReviewPage[] = [];

	/** A DocumentHooks.visit companion: keeps `page` while its pixels or PDF page are at hand. */
	async keep(page: OcrPage, source: PageSource): Promise<void> {
		if (this.kept.length >= REVIEW_MAX_PAGES) return;
		if (source.image) {
			const factor = Math.min(1, REVIEW_WIDTH / source.image.width);
			this.kept.push({ page: page.page, factor, ...(await reduced(source.image, factor, 0)) });
		} else if (source.pdf) {
			// Box coordinates are at `source.scale` in the upright frame; the page is rendered as shown.
			const turn = page.frame?.orientation ?? 0;
			const wanted = source.scale * Math.min(1, REVIEW_WIDTH / page.width);
			const img = await source.pdf.file.render(source.pdf.page, wanted);
			this.kept.push({ page: page.page, factor: img.scale / source.scale, ...(await reduced(img, 1, turn)) });
		}
	}

	get pages(): readonly ReviewPage[] {
		return this.kept;
	}
}
