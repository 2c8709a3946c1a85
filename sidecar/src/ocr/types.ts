/** Shared OCR shapes: raw RGB pages, quadrilaterals, recognised lines. */
import type { z } from 'zod';
import type { OcrPage as OcrPageSchema, TextLine as TextLineSchema } from '../contract/ocr';
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
/** A recognised line: text, confidence, bounds, quadrilateral and (with words=true) its words. */
export type TextLine = z.output<typeof TextLineSchema>;

/** The facts an answer adds about how the page was made upright (ocr/page/output.ts). */
type UprightFacts = 'orientation' | 'orientationDecided' | 'skewDegrees' | 'dewarped' | 'quad';

/**
 * A page as the contract's OcrPage says, while it is worked on: the upright facts come only with the
 * answer, and `frame` (how the upright reading was made from the page as sent) only before it.
 */
export type OcrPage = Omit<z.output<typeof OcrPageSchema>, UprightFacts> &
	Partial<Pick<z.output<typeof OcrPageSchema>, UprightFacts>> & { frame?: PageFrame };

export function quadBounds(q: Quad): Box {
	const xs = q.map((p) => p[0]);
	const ys = q.map((p) => p[1]);
	return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}
