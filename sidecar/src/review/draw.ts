/**
 * A review picture: the pages as read, with what was found outlined and labelled, so that a person
 * sees at a glance what was read where (as the cloud invoice services' consoles show it). The
 * overlay is SVG built by pure functions; sharp lays the pages out and writes one PNG.
 */
import sharp from 'sharp';
import type { Box } from '../ocr/types';
import type { ReviewPage } from './pages';

/** ok: read with confidence; check: a person should look; region: a table's outline; cell: a table cell. */
export type MarkTone = 'ok' | 'check' | 'region' | 'cell';

export interface Mark {
	page: number;
	/** In the page's box coordinates (as ReviewPage.factor expects). */
	box: Box;
	label: string;
	tone: MarkTone;
}

/** Pages in one picture at most: the pages with marks first found, in page order. */
export const REVIEW_PICTURE_PAGES = 4;
const GAP = 12;
const LABEL_PX = 13;
const COLOURS: Record<MarkTone, string> = { ok: '#15803d', check: '#c2410c', region: '#1d4ed8', cell: '#60a5fa' };

export const escapeXml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Text that a label shows: one line, at most 60 characters. */
export function labelText(s: string): string {
	const line = s.replace(/\s+/g, ' ').trim();
	return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

type Rect = { x: number; y: number; w: number; h: number };
const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * Where a label's tab goes: above its box, else below it, else to its right, else to its left, the
 * first place inside the page that covers nothing in `placed` (tabs drawn before, other fields'
 * boxes: stacked totals keep every value and label readable); above when every place is taken.
 */
export function placeTab(box: Box, w: number, h: number, width: number, height: number, placed: readonly Rect[]): Rect {
	const [x0, y0, x1, y1] = box;
	const clampX = (x: number) => Math.max(0, Math.min(x, width - w));
	const tries: Rect[] = [
		{ x: clampX(x0), y: y0 - h, w, h },
		{ x: clampX(x0), y: y1, w, h },
		{ x: x1 + 4, y: y0, w, h },
		{ x: x0 - 4 - w, y: y0, w, h },
	];
	const inside = (r: Rect) => r.x >= 0 && r.y >= 0 && r.x + r.w <= width && r.y + r.h <= height;
	return tries.find((r) => inside(r) && !placed.some((p) => overlaps(p, r))) ?? tries.find(inside) ?? { x: clampX(x0), y: Math.max(0, Math.min(y0 - h, height - h)), w, h };
}

/** The overlay of one page: outlines, and each label on a filled tab next to its box. */
export function overlaySvg(width: number, height: number, factor: number, pageNumber: number, marks: readonly Mark[]): string {
	const parts: string[] = [];
	const scaled = (b: Box) => b.map((v) => Math.round(v * factor * 10) / 10) as Box;
	// Field boxes are kept clear of other fields' tabs (cells and regions may be covered: they fill the table).
	const fields = marks.filter((m) => m.tone === 'ok' || m.tone === 'check').map((m) => scaled(m.box));
	const asRect = ([x0, y0, x1, y1]: Box): Rect => ({ x: x0, y: y0, w: x1 - x0, h: y1 - y0 });
	const placed: Rect[] = [];
	// Cells first, so that regions and fields are drawn over them.
	const order: MarkTone[] = ['cell', 'region', 'ok', 'check'];
	for (const tone of order) {
		for (const m of marks.filter((k) => k.tone === tone)) {
			const [x0, y0, x1, y1] = scaled(m.box);
			const colour = COLOURS[tone];
			parts.push(`<rect x="${x0}" y="${y0}" width="${Math.max(1, x1 - x0)}" height="${Math.max(1, y1 - y0)}" fill="none" stroke="${colour}" stroke-width="${tone === 'cell' ? 1 : 2.5}"/>`);
			const text = labelText(m.label);
			if (!text) continue;
			const others = fields.filter((b) => b[0] !== x0 || b[1] !== y0 || b[2] !== x1 || b[3] !== y1).map(asRect);
			const tab = placeTab([x0, y0, x1, y1], Math.round(text.length * LABEL_PX * 0.6 + 8), LABEL_PX + 6, width, height, [...placed, ...others]);
			placed.push(tab);
			parts.push(`<rect x="${tab.x}" y="${tab.y}" width="${tab.w}" height="${tab.h}" fill="${colour}" opacity="0.9"/>`);
			parts.push(`<text x="${tab.x + 4}" y="${tab.y + LABEL_PX + 1}" font-family="DejaVu Sans, Liberation Sans, sans-serif" font-size="${LABEL_PX}" fill="#ffffff">${escapeXml(text)}</text>`);
		}
	}
	const tag = `Page ${pageNumber}`;
	parts.push(`<rect x="0" y="0" width="${tag.length * 9 + 10}" height="22" fill="#111827" opacity="0.75"/><text x="5" y="16" font-family="DejaVu Sans, Liberation Sans, sans-serif" font-size="14" fill="#ffffff">${tag}</text>`);
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`;
}

/** Which kept pages the picture shows: those with marks (at most REVIEW_PICTURE_PAGES), else the first. */
export function picturePages(pages: readonly ReviewPage[], marks: readonly Mark[]): ReviewPage[] {
	const marked = pages.filter((p) => marks.some((m) => m.page === p.page));
	return (marked.length ? marked : pages.slice(0, 1)).slice(0, REVIEW_PICTURE_PAGES);
}

/** The picture as PNG, pages one under another; null when no page was kept (a bare e-invoice XML). */
export async function reviewPng(pages: readonly ReviewPage[], marks: readonly Mark[]): Promise<{ png: Buffer; pages: number[] } | null> {
	const shown = picturePages(pages, marks);
	if (shown.length === 0) return null;
	const width = Math.max(...shown.map((p) => p.width));
	const height = shown.reduce((s, p) => s + p.height, 0) + GAP * (shown.length - 1);
	const layers: sharp.OverlayOptions[] = [];
	let top = 0;
	for (const p of shown) {
		layers.push({ input: p.jpeg, top, left: 0 });
		const svg = overlaySvg(p.width, p.height, p.factor, p.page, marks.filter((m) => m.page === p.page));
		layers.push({ input: Buffer.from(svg), top, left: 0 });
		top += p.height + GAP;
	}
	const png = await sharp({ create: { width, height, channels: 3, background: '#d1d5db' } }).composite(layers).png({ compressionLevel: 6 }).toBuffer();
	return { png, pages: shown.map((p) => p.page) };
}

export interface ReviewAttachment {
	fileName: string;
	mimeType: 'image/png';
	/** The pages the picture shows, top to bottom. */
	pages: number[];
	base64: string;
}

/** The picture as the JSON answers carry it, named after the document; null when there is no page to show. */
export async function reviewAttachment(documentName: string, pages: readonly ReviewPage[], marks: readonly Mark[]): Promise<ReviewAttachment | null> {
	const picture = await reviewPng(pages, marks);
	if (!picture) return null;
	const stem = documentName.replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '_') || 'document';
	return { fileName: `${stem}-review.png`, mimeType: 'image/png', pages: picture.pages, base64: picture.png.toString('base64') };
}
