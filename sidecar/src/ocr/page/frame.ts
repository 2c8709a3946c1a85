/**
 * How the upright page the OCR reads was made from the image as sent, and the way back: an
 * optional flattening of a photographed page (a homography from its corners), a turn by a right
 * angle, then a rotation by the skew about the centre on a canvas grown to hold it (as sharp's
 * rotate does). Output coordinates are mapped back with `toSent`, so boxes stay in the pixels of
 * the image the client sent. Pure.
 */
import { project } from './homography';
import type { Box, Point, Quad } from '../types';

export type Orientation = 0 | 90 | 180 | 270;

export interface PageFrame {
	/** Size of the image as sent. */
	sentWidth: number;
	sentHeight: number;
	/** A tight crop (a single line) given a white margin and enlarged first: the sent image sits at (left, top), scaled. */
	pad: { left: number; top: number; scale: number; width: number; height: number } | null;
	/** A photographed page flattened: its corners in the sent image, and the flat page's size. */
	dewarp: { quad: Quad; width: number; height: number; toSent: number[] } | null;
	/** The clockwise turn that made the page's text upright. */
	orientation: Orientation;
	/** The clockwise tilt of the text lines that was taken out (degrees). */
	skewDegrees: number;
	/** Whether the orientation was settled by evidence (false: too little text to tell, kept as sent). */
	orientationDecided: boolean;
	/** After deskewing, the canvas (`width` × `height` as sharp made it) cut to the text's area, from (left, top). */
	crop: { left: number; top: number; width: number; height: number } | null;
	/** Size of the upright image the OCR read. */
	width: number;
	height: number;
}

export function identityFrame(width: number, height: number): PageFrame {
	return { sentWidth: width, sentHeight: height, pad: null, dewarp: null, orientation: 0, skewDegrees: 0, orientationDecided: true, crop: null, width, height };
}

/** Size after a clockwise turn by a right angle. */
export function turnedSize(width: number, height: number, orientation: Orientation): { width: number; height: number } {
	return orientation === 90 || orientation === 270 ? { width: height, height: width } : { width, height };
}

/** Size of the canvas a rotation by `degrees` needs (what sharp's rotate produces). */
export function rotatedSize(width: number, height: number, degrees: number): { width: number; height: number } {
	const r = (Math.abs(degrees) * Math.PI) / 180;
	return { width: Math.round(width * Math.cos(r) + height * Math.sin(r)), height: Math.round(width * Math.sin(r) + height * Math.cos(r)) };
}

/** A point of the upright image in the sent image's pixels. */
export function toSent(frame: PageFrame, q: Point): Point {
	// Undo the crop, then the skew rotation: rotate back by +skew about the centres.
	const p: Point = frame.crop ? [q[0] + frame.crop.left, q[1] + frame.crop.top] : q;
	const canvas = frame.crop ?? frame;
	const turned = turnedSize(frame.dewarp?.width ?? frame.pad?.width ?? frame.sentWidth, frame.dewarp?.height ?? frame.pad?.height ?? frame.sentHeight, frame.orientation);
	const r = (frame.skewDegrees * Math.PI) / 180;
	const dx = p[0] - canvas.width / 2;
	const dy = p[1] - canvas.height / 2;
	const x = turned.width / 2 + dx * Math.cos(r) - dy * Math.sin(r);
	const y = turned.height / 2 + dx * Math.sin(r) + dy * Math.cos(r);
	// Undo the turn (the turn was clockwise by `orientation`).
	const base = { width: frame.dewarp?.width ?? frame.pad?.width ?? frame.sentWidth, height: frame.dewarp?.height ?? frame.pad?.height ?? frame.sentHeight };
	let u: Point;
	switch (frame.orientation) {
		case 90:
			u = [y, base.height - x];
			break;
		case 180:
			u = [base.width - x, base.height - y];
			break;
		case 270:
			u = [base.width - y, x];
			break;
		default:
			u = [x, y];
	}
	const flat: Point = frame.dewarp ? project(frame.dewarp.toSent, u[0], u[1]) : u;
	return frame.pad ? [(flat[0] - frame.pad.left) / frame.pad.scale, (flat[1] - frame.pad.top) / frame.pad.scale] : flat;
}

export const isIdentity = (f: PageFrame): boolean => f.pad === null && f.dewarp === null && f.orientation === 0 && f.skewDegrees === 0 && f.crop === null;

export function quadToSent(frame: PageFrame, q: Quad): Quad {
	return q.map((p) => toSent(frame, p).map((v) => Math.round(v * 10) / 10)) as Quad;
}

/** The axis-aligned bounds, in sent pixels, of an upright box. */
export function boxToSent(frame: PageFrame, b: Box): Box {
	if (isIdentity(frame)) return b;
	const pts = quadToSent(frame, [
		[b[0], b[1]],
		[b[2], b[1]],
		[b[2], b[3]],
		[b[0], b[3]],
	]);
	const xs = pts.map((p) => p[0]);
	const ys = pts.map((p) => p[1]);
	return [Math.round(Math.min(...xs)), Math.round(Math.min(...ys)), Math.round(Math.max(...xs)), Math.round(Math.max(...ys))];
}
