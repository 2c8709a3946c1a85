/**
 * What the worker reads from one PDF page: its size, its text runs and ruling lines (plain data),
 * or its pixels. Coordinates are viewport pixels at `scale` = dpi / 72, upright as the page is
 * shown (its /Rotate applied), y down.
 */
import { imageCover, type ImageOperatorCodes } from '../imageCover';
import { multiply, type Matrix } from '../matrix';
import { pdfjs, type PdfDocument, type PdfPage } from '../pdfjs';
import { pdfRulings, type OperatorCodes, type OperatorList } from '../../table/rulings/pdf';
import type { PageFacts, RenderedPage, TextRun } from './protocol';

interface TextItem {
	str: string;
	transform: number[];
	width: number;
	height: number;
}

function isTextItem(item: unknown): item is TextItem {
	return typeof (item as TextItem).str === 'string' && Array.isArray((item as TextItem).transform);
}

type Viewport = ReturnType<PdfPage['getViewport']>;

/**
 * The clockwise turn that makes most of the page's text upright: text drawn rotated on the shown
 * page (a landscape table on a portrait page) is read in its own upright frame, not sent to OCR.
 * Each run votes with its length for the right angle its baseline is closest to (within 5°).
 */
function dominantTurn(items: readonly TextItem[], viewport: Viewport): 0 | 90 | 180 | 270 {
	const votes = new Map<number, number>();
	for (const item of items) {
		if (item.str.trim() === '') continue;
		const m = multiply(viewport.transform as Matrix, item.transform as Matrix);
		const deg = (Math.atan2(m[1], m[0]) * 180) / Math.PI;
		const right = Math.round(deg / 90) * 90;
		if (Math.abs(deg - right) > 5) continue;
		// The baseline points along `right` (y down): turning the page by -right makes it point right.
		const turn = (((-right % 360) + 360) % 360) as 0 | 90 | 180 | 270;
		votes.set(turn, (votes.get(turn) ?? 0) + item.str.length);
	}
	let best: 0 | 90 | 180 | 270 = 0;
	for (const [turn, n] of votes) if (n > (votes.get(best) ?? 0)) best = turn as 0 | 90 | 180 | 270;
	return best;
}

/** Text runs upright in `viewport`, in its pixels (y down). */
function textRuns(items: readonly TextItem[], viewport: Viewport, scale: number): TextRun[] {
	const runs: TextRun[] = [];
	for (const item of items) {
		if (item.str === '') continue;
		const m = multiply(viewport.transform as Matrix, item.transform as Matrix);
		// Only text upright in this frame: runs at other angles (a stamp, a margin note) are left out.
		if (Math.abs(m[1]) > 1e-3 * Math.abs(m[0]) || Math.abs(m[2]) > 1e-3 * Math.abs(m[3]) || m[0] <= 0 || m[3] >= 0) continue;
		const size = Math.abs(m[3]);
		runs.push({ text: item.str, x0: m[4], x1: m[4] + item.width * scale, baseline: m[5], size });
	}
	return runs;
}

export async function pageFacts(doc: PdfDocument, pageNumber: number, scale: number, want: { text: boolean; rulings: boolean; images?: boolean }): Promise<PageFacts> {
	const page = await doc.getPage(pageNumber);
	try {
		const shown = page.getViewport({ scale });
		const items = ((await page.getTextContent()).items as unknown[]).filter(isTextItem);
		// Read in the frame where most text is upright: the shown page turned by `turn` (clockwise).
		const turn = dominantTurn(items, shown);
		const viewport = turn === 0 ? shown : page.getViewport({ scale, rotation: (page.rotate + turn) % 360 });
		const facts: PageFacts = { width: Math.round(viewport.width), height: Math.round(viewport.height), turn, shownWidth: Math.round(shown.width), shownHeight: Math.round(shown.height) };
		if (want.text) facts.runs = textRuns(items, viewport, scale);
		if (want.rulings || want.images) {
			const { OPS } = await pdfjs();
			const list = (await page.getOperatorList()) as OperatorList;
			if (want.rulings) facts.rulings = pdfRulings(list, OPS as unknown as OperatorCodes, viewport.transform as Matrix, scale);
			if (want.images) facts.imageCover = imageCover(list, OPS as unknown as ImageOperatorCodes, viewport.transform as Matrix, viewport.width, viewport.height);
		}
		return facts;
	} finally {
		page.cleanup();
	}
}

interface CanvasLike {
	width: number;
	height: number;
}
interface ContextLike {
	getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
	fillStyle: unknown;
	fillRect(x: number, y: number, w: number, h: number): void;
}
interface CanvasFactoryLike {
	create(width: number, height: number): { canvas: CanvasLike; context: ContextLike };
	destroy(entry: { canvas: CanvasLike; context: ContextLike }): void;
}

/** The scale lowered so that the bitmap stays within `maxPixels` (posters and plans render at a lower DPI). */
export function fittedScale(width: number, height: number, scale: number, maxPixels: number): number {
	const pixels = width * height;
	return pixels > maxPixels ? scale * Math.sqrt(maxPixels / pixels) * 0.999 : scale;
}

/** Renders a page on white and returns packed RGB. */
export async function renderPage(doc: PdfDocument, pageNumber: number, scale: number, maxPixels: number): Promise<RenderedPage> {
	const page = await doc.getPage(pageNumber);
	try {
		const asked = page.getViewport({ scale });
		const used = fittedScale(asked.width, asked.height, scale, maxPixels);
		const viewport = page.getViewport({ scale: used });
		const factory = (doc as unknown as { canvasFactory: CanvasFactoryLike }).canvasFactory;
		const entry = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
		try {
			const { canvas, context } = entry;
			context.fillStyle = '#ffffff';
			context.fillRect(0, 0, canvas.width, canvas.height);
			await page.render({ canvasContext: context, viewport, canvas } as unknown as Parameters<PdfPage['render']>[0]).promise;
			// Read back in bands of rows: a whole-page RGBA copy next to the canvas and the RGB result
			// would add 70 MB at the 18-megapixel cap.
			const rgb = new Uint8Array(canvas.width * canvas.height * 3);
			const bandRows = Math.max(1, Math.floor(4_000_000 / (canvas.width * 4)));
			for (let y0 = 0; y0 < canvas.height; y0 += bandRows) {
				const rows = Math.min(bandRows, canvas.height - y0);
				const rgba = context.getImageData(0, y0, canvas.width, rows).data;
				for (let i = 0, j = y0 * canvas.width * 3; i < rgba.length; i += 4, j += 3) {
					rgb[j] = rgba[i]!;
					rgb[j + 1] = rgba[i + 1]!;
					rgb[j + 2] = rgba[i + 2]!;
				}
			}
			return { width: canvas.width, height: canvas.height, data: rgb, scale: used };
		} finally {
			factory.destroy(entry);
		}
	} finally {
		page.cleanup();
	}
}
