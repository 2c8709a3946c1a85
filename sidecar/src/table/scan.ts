/**
 * Tables in OCR'd pixels. A scan's 1–3° skew moves a row by more than its height across a page,
 * so the page is first turned upright by the median angle of its text lines; words and rulings
 * are read in that upright frame and the table boxes are mapped back to the page's pixels.
 */
import sharp from 'sharp';
import type { Box, OcrPage, RgbImage } from '../ocr/types';
import { extractTables } from './extract';
import { bh, coverage, cx, cy, median } from './geometry';
import { imageRulings } from './rulings/image';
import type { Rulings, Table, TableOptions, Word } from './types';

/**
 * Median angle (radians, y down) of the page's long text lines; 0 when there are too few. A short
 * line's corners are a pixel off as often as not, which alone reads as half a degree: only lines
 * long enough for a pixel to matter little count.
 */
export function skewAngle(page: Pick<OcrPage, 'lines'>): number {
	const angles = page.lines
		.map((l) => l.polygon)
		.filter(([tl, tr, , bl]) => {
			const w = Math.hypot(tr[0] - tl[0], tr[1] - tl[1]);
			return w >= 150 && w >= 4 * Math.hypot(bl[0] - tl[0], bl[1] - tl[1]);
		})
		.map(([tl, tr]) => Math.atan2(tr[1] - tl[1], tr[0] - tl[0]));
	return angles.length >= 3 ? median(angles) : 0;
}

/** Maps points between a page and the same page turned by -angle about its centre (sharp's expanded canvas). */
export class UprightFrame {
	readonly width: number;
	readonly height: number;
	private readonly cos: number;
	private readonly sin: number;
	constructor(
		readonly angle: number,
		private readonly pageWidth: number,
		private readonly pageHeight: number,
	) {
		this.cos = Math.cos(-angle);
		this.sin = Math.sin(-angle);
		const c = Math.abs(this.cos);
		const s = Math.abs(this.sin);
		this.width = Math.round(pageWidth * c + pageHeight * s);
		this.height = Math.round(pageWidth * s + pageHeight * c);
	}
	toUpright(x: number, y: number): [number, number] {
		const dx = x - this.pageWidth / 2;
		const dy = y - this.pageHeight / 2;
		return [dx * this.cos - dy * this.sin + this.width / 2, dx * this.sin + dy * this.cos + this.height / 2];
	}
	toPage(x: number, y: number): [number, number] {
		const dx = x - this.width / 2;
		const dy = y - this.height / 2;
		return [dx * this.cos + dy * this.sin + this.pageWidth / 2, -dx * this.sin + dy * this.cos + this.pageHeight / 2];
	}
	boxToPage(b: Box): Box {
		const pts = [this.toPage(b[0], b[1]), this.toPage(b[2], b[1]), this.toPage(b[2], b[3]), this.toPage(b[0], b[3])];
		return [Math.round(Math.min(...pts.map((p) => p[0]))), Math.round(Math.min(...pts.map((p) => p[1]))), Math.round(Math.max(...pts.map((p) => p[0]))), Math.round(Math.max(...pts.map((p) => p[1])))];
	}
}

/**
 * OCR word boxes include the detector's margin around the glyphs; shrunk to the middle part they
 * behave like text-layer boxes (about one em tall), so the same gap rules apply to both.
 */
export const OCR_BOX_HEIGHT = 0.6;

export function scanWords(page: Pick<OcrPage, 'lines'>, frame: UprightFrame): Word[] {
	return page.lines.flatMap((l) =>
		(l.words ?? [{ text: l.text, box: l.box }]).map((w) => {
			const [x, y] = frame.toUpright(cx(w.box), cy(w.box));
			const halfW = (w.box[2] - w.box[0]) / 2;
			const halfH = (Math.min(bh(w.box), bh(l.box)) * OCR_BOX_HEIGHT) / 2;
			return { text: w.text, box: [x - halfW, y - halfH, x + halfW, y + halfH] as Box, confidence: l.confidence };
		}),
	);
}

/**
 * Dark runs that are glyphs, not rules: small bold print merges into a horizontal run through the
 * middle of its words, and a descender touching the ascender below makes a short vertical one.
 * A rule runs between words: a run lying mostly within OCR'd words is dropped (a short vertical
 * one only; a long column rule may pass a word box the OCR stretched over two cells).
 */
export function withoutTextStrokes(rulings: Rulings, words: readonly Word[], textH: number): Rulings {
	return {
		horizontal: rulings.horizontal.filter((r) => coverage(words.filter((w) => r.y > w.box[1] && r.y < w.box[3]).map((w) => [w.box[0], w.box[2]] as const), r.x0, r.x1) < 0.5),
		vertical: rulings.vertical.filter((r) => r.y1 - r.y0 >= 4 * textH || coverage(words.filter((w) => r.x > w.box[0] && r.x < w.box[2]).map((w) => [w.box[1], w.box[3]] as const), r.y0, r.y1) < 0.5),
	};
}

async function uprightGray(img: RgbImage, frame: UprightFrame): Promise<Uint8Array> {
	let pipeline = sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } });
	if (frame.angle !== 0) pipeline = pipeline.rotate((-frame.angle * 180) / Math.PI, { background: '#ffffff' });
	const { data, info } = await pipeline.greyscale().raw().toBuffer({ resolveWithObject: true });
	if (info.width !== frame.width || info.height !== frame.height || info.channels !== 1) throw new Error(`upright page is ${info.width}×${info.height}×${info.channels}, expected ${frame.width}×${frame.height}×1`);
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Tables of an OCR'd page; `pxPerPt` is the page's resolution in pixels per point (dpi / 72). */
export async function scanTables(img: RgbImage, page: OcrPage, pxPerPt: number, opts: TableOptions): Promise<Table[]> {
	const angle = skewAngle(page);
	// Below ~0.1° a row drifts less than a pixel per 600 px: not worth resampling the page.
	const frame = new UprightFrame(Math.abs(angle) < 0.0017 ? 0 : angle, img.width, img.height);
	const words = scanWords(page, frame);
	if (words.length === 0) return [];
	const gray = await uprightGray(img, frame);
	const textH = median(words.map((w) => bh(w.box)), 10);
	const rulings = imageRulings(gray, frame.width, frame.height, Math.max(20, Math.round(3 * textH)), Math.max(12, Math.round(1.5 * textH)));
	const tables = extractTables(words, withoutTextStrokes(rulings, words, textH), page.page, pxPerPt, opts);
	return tables.map((t) => ({ ...t, box: frame.boxToPage(t.box), cells: t.cells.map((c) => ({ ...c, box: frame.boxToPage(c.box) })) }));
}
