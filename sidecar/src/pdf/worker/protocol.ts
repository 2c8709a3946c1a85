/**
 * Messages between the sidecar and its PDF worker threads. Everything crossing is plain data:
 * text runs, rulings, and rendered pixels (transferred, not copied).
 */
import type { Rulings } from '../../table/types';

/** A run of text from the text layer, in viewport pixels (y down) at the requested scale. */
export interface TextRun {
	text: string;
	x0: number;
	x1: number;
	baseline: number;
	size: number;
}

/** Limits the worker applies while parsing and rendering (pdfjs options and our own checks). */
export interface PdfWorkerLimits {
	/** Images inside a page larger than this (pixels) are left out, as pdfjs's `maxImageSize` does. */
	maxImagePixels: number;
	/** The largest bitmap a page is rendered to (pixels); the scale is lowered to fit. */
	maxRenderPixels: number;
}

export type WorkerRequest =
	| { id: number; op: 'open'; data: Uint8Array; limits: PdfWorkerLimits }
	| { id: number; op: 'page'; page: number; scale: number; text: boolean; rulings: boolean; images?: boolean }
	| { id: number; op: 'render'; page: number; scale: number }
	| { id: number; op: 'attachments' }
	| { id: number; op: 'close' }
	| { id: number; op: 'warm' };

/** A request before the pool numbers it. */
export type WorkerCall = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export interface PageFacts {
	/** The page's size at the requested scale, in the frame where its text is upright. */
	width: number;
	height: number;
	/** The clockwise turn from the page as shown (its /Rotate applied) to that frame: 0 unless most text is drawn rotated. */
	turn: 0 | 90 | 180 | 270;
	/** The page's size as shown. */
	shownWidth: number;
	shownHeight: number;
	runs?: TextRun[];
	rulings?: Rulings;
	/** The share (0–1) of the page its images cover: about 1 for a scan. */
	imageCover?: number;
}

export interface RenderedPage {
	width: number;
	height: number;
	/** Packed RGB. */
	data: Uint8Array;
	/** The scale actually used (lower than asked when the page would exceed maxRenderPixels). */
	scale: number;
}

/** A file embedded in the PDF (e.g. the XML of a ZUGFeRD / Factur-X invoice). */
export interface Attachment {
	name: string;
	content: Uint8Array;
}

export type WorkerFailure = { kind: 'encrypted' | 'corrupt'; message: string };

export type WorkerResponse =
	| { id: number; ok: true; value: { pageCount: number } | PageFacts | RenderedPage | Attachment[] | { heldMb: number } | null }
	| { id: number; ok: false; error: WorkerFailure };
