/**
 * Ruling lines of a digital PDF page from its drawing operations (pdfjs operator list): stroked
 * horizontal/vertical segments, thin filled rectangles (how many producers draw rules), and the
 * edges of filled (shaded) cell rectangles. White paint is ignored: it draws nothing on paper.
 * Coordinates come out in viewport pixels at `scale`, the same frame as the text-layer words.
 */
import { apply, IDENTITY, multiply, type Matrix } from '../../pdf/matrix';
import type { Rulings } from '../types';

/** pdfjs's operator list of a page: operator codes and their arguments. */
export interface OperatorList {
	fnArray: ArrayLike<number>;
	argsArray: ArrayLike<unknown>;
}

/** The pdfjs operator codes the walk below reads (pdfjs's `OPS`). */
export type OperatorCodes = Record<'save' | 'restore' | 'transform' | 'paintFormXObjectBegin' | 'paintFormXObjectEnd' | 'setFillRGBColor' | 'setStrokeRGBColor' | 'constructPath' | 'stroke' | 'closeStroke' | 'fillStroke' | 'eoFillStroke' | 'closeFillStroke' | 'closeEOFillStroke' | 'fill' | 'eoFill', number>;
/** Paint that shows nothing on white paper. */
function invisible(hex: string | undefined): boolean {
	if (!hex || !/^#[0-9a-f]{6}$/i.test(hex)) return false;
	return [1, 3, 5].every((i) => parseInt(hex.slice(i, i + 2), 16) >= 0xf4);
}

/** Drawing path operators inside a pdfjs 5 constructPath buffer. */
const MOVE = 0;
const LINE = 1;
const CURVE = 2;
const CLOSE = 3;

/**
 * Adds one painted path's axis-aligned pieces to `out`, in device pixels. `thin` is the largest
 * thickness (px) of a filled rectangle that is drawn as a rule rather than as a shaded cell.
 */
export function addPath(path: ArrayLike<number>, m: Matrix, mode: 'stroke' | 'fill', thin: number, out: Rulings): void {
	const tol = 0.75;
	let i = 0;
	let start: [number, number] | null = null;
	let cur: [number, number] | null = null;
	let sub: Array<[number, number]> = [];
	const segments: Array<[[number, number], [number, number]]> = [];
	const subpaths: Array<Array<[number, number]>> = [];
	const endSub = () => {
		if (sub.length > 1) subpaths.push(sub);
		sub = [];
	};
	while (i < path.length) {
		const op = path[i++];
		if (op === MOVE) {
			endSub();
			cur = start = apply(m, path[i++]!, path[i++]!);
			sub.push(cur);
		} else if (op === LINE) {
			const p = apply(m, path[i++]!, path[i++]!);
			if (cur) segments.push([cur, p]);
			cur = p;
			sub.push(p);
		} else if (op === CURVE) {
			i += 6;
			cur = null;
			sub = [];
		} else if (op === CLOSE) {
			if (cur && start) segments.push([cur, start]);
			cur = start;
			endSub();
		} else break;
	}
	endSub();
	if (mode === 'stroke') {
		for (const [a, b] of segments) pushSegment(a, b, tol, out);
		return;
	}
	// Filled: rectangles only (a rule drawn as a thin box, or a shaded cell whose edges bound it).
	for (const pts of subpaths) {
		const xs = pts.map((p) => p[0]);
		const ys = pts.map((p) => p[1]);
		const x0 = Math.min(...xs);
		const x1 = Math.max(...xs);
		const y0 = Math.min(...ys);
		const y1 = Math.max(...ys);
		const axisAligned = pts.every((p) => (Math.abs(p[0] - x0) < tol || Math.abs(p[0] - x1) < tol) && (Math.abs(p[1] - y0) < tol || Math.abs(p[1] - y1) < tol));
		if (!axisAligned) continue;
		const w = x1 - x0;
		const h = y1 - y0;
		if (h <= thin && w > h) out.horizontal.push({ y: (y0 + y1) / 2, x0, x1 });
		else if (w <= thin && h > w) out.vertical.push({ x: (x0 + x1) / 2, y0, y1 });
		else if (w > thin && h > thin) {
			out.horizontal.push({ y: y0, x0, x1 }, { y: y1, x0, x1 });
			out.vertical.push({ x: x0, y0, y1 }, { x: x1, y0, y1 });
		}
	}
}

function pushSegment(a: [number, number], b: [number, number], tol: number, out: Rulings): void {
	if (Math.abs(a[1] - b[1]) <= tol && Math.abs(a[0] - b[0]) > tol) out.horizontal.push({ y: (a[1] + b[1]) / 2, x0: Math.min(a[0], b[0]), x1: Math.max(a[0], b[0]) });
	else if (Math.abs(a[0] - b[0]) <= tol && Math.abs(a[1] - b[1]) > tol) out.vertical.push({ x: (a[0] + b[0]) / 2, y0: Math.min(a[1], b[1]), y1: Math.max(a[1], b[1]) });
}

/**
 * Raw (unmerged) rulings of a page at `scale` (= dpi / 72), from its operator list; `view` is the
 * viewport transform at that scale. Runs in the PDF worker thread, where the list is made.
 */
export function pdfRulings(list: OperatorList, OPS: OperatorCodes, view: Matrix, scale: number): Rulings {
	const out: Rulings = { horizontal: [], vertical: [] };
	const stack: Array<{ ctm: Matrix; fill?: string; stroke?: string }> = [];
	let ctm: Matrix = IDENTITY;
	let fill: string | undefined;
	let stroke: string | undefined;
	const thin = 3 * scale;
	for (let k = 0; k < list.fnArray.length; k++) {
		const fn = list.fnArray[k]!;
		const args = list.argsArray[k] as unknown[];
		switch (fn) {
			case OPS.save:
				stack.push({ ctm, fill, stroke });
				break;
			case OPS.restore: {
				const s = stack.pop();
				if (s) ({ ctm, fill, stroke } = s);
				break;
			}
			case OPS.transform:
				ctm = multiply(ctm, args as Matrix);
				break;
			case OPS.paintFormXObjectBegin:
				stack.push({ ctm, fill, stroke });
				if (Array.isArray(args[0])) ctm = multiply(ctm, args[0] as Matrix);
				break;
			case OPS.paintFormXObjectEnd: {
				const s = stack.pop();
				if (s) ({ ctm, fill, stroke } = s);
				break;
			}
			case OPS.setFillRGBColor:
				fill = typeof args[0] === 'string' ? args[0] : undefined;
				break;
			case OPS.setStrokeRGBColor:
				stroke = typeof args[0] === 'string' ? args[0] : undefined;
				break;
			case OPS.constructPath: {
				const paint = args[0] as number;
				const data = (args[1] as unknown[] | undefined)?.[0];
				if (!data || typeof (data as ArrayLike<number>).length !== 'number') break;
				const m = multiply(view, ctm);
				const strokes = [OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke].includes(paint);
				const fills = [OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke].includes(paint);
				if (strokes && !invisible(stroke)) addPath(data as ArrayLike<number>, m, 'stroke', thin, out);
				if (fills && !invisible(fill)) addPath(data as ArrayLike<number>, m, 'fill', thin, out);
				break;
			}
			default:
				break;
		}
	}
	return out;
}
