/** Shared OCR shapes: raw RGB pages, quadrilaterals, recognised lines. */
import type { PageFrame } from './page/frame';

/** Packed 8-bit RGB, row-major, 3 bytes per pixel. */
export interface RgbImage {
	width: number;
	height: number;
	data: Uint8Array;
}

export type Point = [number, number];
/** Four corners: top-left, top-right, bottom-right, bottom-left (in reading direction). */
export type Quad = [Point, Point, Point, Point];
export type Box = [number, number, number, number];

export interface TextLine {
	text: string;
	confidence: number;
	/** Axis-aligned bounds [x0, y0, x1, y1] in page pixels. */
	box: Box;
	/** The detected quadrilateral (or the box's corners for text-layer lines). */
	polygon: Quad;
	/** Words with their bounds; sent only when asked for (`words=true`), used by the table engine. */
	words?: Array<{ text: string; box: Box }>;
}

export interface OcrPage {
	page: number;
	width: number;
	height: number;
	source: 'ocr' | 'text-layer';
	/** Render/scan resolution the coordinates refer to (null for images of unknown DPI). */
	dpi: number | null;
	lines: TextLine[];
	text: string;
	/** Language guessed from the page's words (en/es/de/fr), null when unclear. */
	language: string | null;
	/**
	 * While the page is worked on: how its upright reading (the coordinates above) was made from the
	 * page as sent. Answers carry sent pixels and these facts instead (ocr/page/output.ts).
	 */
	frame?: PageFrame;
	/** In answers: the clockwise turn taken out, the skew taken out (degrees), whether a photo was flattened and where its page was. */
	orientation?: 0 | 90 | 180 | 270;
	orientationDecided?: boolean;
	skewDegrees?: number;
	dewarped?: boolean;
	quad?: Quad | null;
}

export function quadBounds(q: Quad): Box {
	const xs = q.map((p) => p[0]);
	const ys = q.map((p) => p[1]);
	return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}
