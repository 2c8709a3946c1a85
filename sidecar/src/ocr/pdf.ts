/**
 * PDF pages for OCR. A page with a real text layer is read exactly from it (characters and
 * positions, no OCR); otherwise it is rendered with pdfjs (on @napi-rs/canvas) and OCR'd.
 * Coordinates are pixels at the requested DPI in both cases, so callers see one structure.
 */
import type { PdfDocument } from '../pdf/pdfjs';
import { multiply, type Matrix } from '../pdf/matrix';
import { orderLines } from './layout/readingOrder';
import type { Box, Quad, RgbImage, TextLine } from './types';

type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;

interface TextItem {
	str: string;
	transform: number[];
	width: number;
	height: number;
	hasEOL?: boolean;
}

export interface Run {
	text: string;
	x0: number;
	x1: number;
	baseline: number;
	size: number;
}

/** Non-space characters a page needs in its text layer to be read without OCR. */
export const MIN_TEXT_LAYER_CHARS = 8;

function isTextItem(item: unknown): item is TextItem {
	return typeof (item as TextItem).str === 'string' && Array.isArray((item as TextItem).transform);
}

/** Text runs in viewport pixels (y down) at `scale` = dpi / 72, upright as the page is shown (its /Rotate applied). */
export async function textRuns(page: PdfPage, scale: number): Promise<Run[]> {
	const viewport = page.getViewport({ scale });
	const content = await page.getTextContent();
	const runs: Run[] = [];
	for (const item of content.items) {
		if (!isTextItem(item) || item.str === '') continue;
		const m = multiply(viewport.transform as Matrix, item.transform as Matrix);
		// Only text upright on the shown page: rotated runs are rare in business documents and left to OCR mode.
		if (Math.abs(m[1]) > 1e-3 * Math.abs(m[0]) || Math.abs(m[2]) > 1e-3 * Math.abs(m[3]) || m[0] <= 0 || m[3] >= 0) continue;
		const size = Math.abs(m[3]);
		runs.push({ text: item.str, x0: m[4], x1: m[4] + item.width * scale, baseline: m[5], size });
	}
	return runs;
}

/** Groups runs sharing a baseline into lines, splitting where a horizontal gap shows a new column. */
export function runsToLines(runs: Run[]): TextLine[] {
	const sorted = [...runs].sort((p, q) => p.baseline - q.baseline || p.x0 - q.x0);
	const rows: Run[][] = [];
	for (const r of sorted) {
		const row = rows[rows.length - 1];
		if (row && Math.abs(row[0]!.baseline - r.baseline) <= 0.35 * Math.max(row[0]!.size, r.size)) row.push(r);
		else rows.push([r]);
	}
	const lines: TextLine[] = [];
	for (const row of rows) {
		row.sort((p, q) => p.x0 - q.x0);
		let cur: Run[] = [];
		const flush = () => {
			const text = joinRuns(cur).trim();
			if (text !== '') lines.push(lineOf(text, cur));
			cur = [];
		};
		for (const r of row) {
			const prev = cur[cur.length - 1];
			// A gap of more than ~2 em between runs on one baseline separates columns or table cells.
			if (prev && r.x0 - prev.x1 > 2 * Math.max(prev.size, r.size) && prev.text.trim() !== '' && r.text.trim() !== '') flush();
			cur.push(r);
		}
		flush();
	}
	return orderLines(lines);
}

function joinRuns(runs: Run[]): string {
	let text = '';
	let prev: Run | undefined;
	for (const r of runs) {
		if (prev && !/\s$/.test(text) && !/^\s/.test(r.text) && r.x0 - prev.x1 > 0.15 * Math.max(prev.size, r.size)) text += ' ';
		text += r.text;
		prev = r;
	}
	return text.replace(/\s+/g, ' ');
}

function lineOf(text: string, runs: Run[]): TextLine {
	const size = Math.max(...runs.map((r) => r.size));
	const x0 = Math.min(...runs.map((r) => r.x0));
	const x1 = Math.max(...runs.map((r) => r.x1));
	const baseline = Math.max(...runs.map((r) => r.baseline));
	// Typical Latin fonts: ascent ≈ 0.8 em above the baseline, descent ≈ 0.2 em below.
	const box: Box = [Math.round(x0), Math.round(baseline - 0.8 * size), Math.round(x1), Math.round(baseline + 0.2 * size)];
	const polygon: Quad = [
		[box[0], box[1]],
		[box[2], box[1]],
		[box[2], box[3]],
		[box[0], box[3]],
	];
	return { text, confidence: 1, box, polygon, words: runWords(runs, box) };
}

/**
 * Words of a line's runs: each run's characters placed in proportion along its width (pdfjs
 * gives a run's width, not each glyph's), and pieces that touch across runs joined into one word.
 */
function runWords(runs: Run[], lineBox: Box): Array<{ text: string; box: Box }> {
	const words: Array<{ text: string; box: Box; gapAfter: boolean }> = [];
	for (const r of runs) {
		// A space is about 0.28 em in common fonts; the other characters share the rest of the width.
		const spaces = (r.text.match(/\s/g) ?? []).length;
		const spaceW = Math.min(0.28 * r.size, (0.5 * (r.x1 - r.x0)) / Math.max(1, spaces));
		const cw = (r.x1 - r.x0 - spaces * spaceW) / Math.max(1, r.text.length - spaces);
		const at = (i: number) => r.x0 + [...r.text.slice(0, i)].reduce((x, c) => x + (/\s/.test(c) ? spaceW : cw), 0);
		const re = /\S+/g;
		let m: RegExpExecArray | null;
		while ((m = re.exec(r.text)) !== null) {
			const x0 = at(m.index);
			const x1 = at(m.index + m[0].length);
			const prev = words[words.length - 1];
			const touches = prev && !prev.gapAfter && m.index === 0 && x0 - prev.box[2] <= 0.15 * r.size;
			if (prev && touches) {
				prev.text += m[0];
				prev.box[2] = Math.round(x1);
			} else words.push({ text: m[0], box: [Math.round(x0), lineBox[1], Math.round(x1), lineBox[3]], gapAfter: false });
			words[words.length - 1]!.gapAfter = m.index + m[0].length < r.text.length;
		}
	}
	return words.map(({ text, box }) => ({ text, box }));
}

export function hasRealText(lines: TextLine[]): boolean {
	return lines.reduce((n, l) => n + l.text.replace(/\s/g, '').length, 0) >= MIN_TEXT_LAYER_CHARS;
}

export function pageSize(page: PdfPage, scale: number): { width: number; height: number } {
	const v = page.getViewport({ scale });
	return { width: Math.round(v.width), height: Math.round(v.height) };
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

/** Renders a page on white at `scale` and returns packed RGB. */
export async function renderPage(doc: PdfDocument, page: PdfPage, scale: number): Promise<RgbImage> {
	const viewport = page.getViewport({ scale });
	const factory = (doc as unknown as { canvasFactory: CanvasFactoryLike }).canvasFactory;
	const entry = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
	try {
		const { canvas, context } = entry;
		context.fillStyle = '#ffffff';
		context.fillRect(0, 0, canvas.width, canvas.height);
		await page.render({ canvasContext: context, viewport, canvas } as unknown as Parameters<PdfPage['render']>[0]).promise;
		const rgba = context.getImageData(0, 0, canvas.width, canvas.height).data;
		const rgb = new Uint8Array(canvas.width * canvas.height * 3);
		for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
			rgb[j] = rgba[i]!;
			rgb[j + 1] = rgba[i + 1]!;
			rgb[j + 2] = rgba[i + 2]!;
		}
		return { width: canvas.width, height: canvas.height, data: rgb };
	} finally {
		factory.destroy(entry);
	}
}
