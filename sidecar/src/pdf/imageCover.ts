/**
 * How much of a page its images cover, from its drawing operations (pdfjs operator list): each image
 * is painted into the unit square under the current transform, and the box it lands in is marked on a
 * coarse grid over the page. A scan is one image over the whole page (about 1); a logo or a photo in a
 * digital page covers a little of it. Pure.
 */
import { apply, IDENTITY, multiply, type Matrix } from './matrix';
import type { OperatorList } from '../table/rulings/pdf';

/** The pdfjs operator codes the walk below reads (pdfjs's `OPS`). */
export type ImageOperatorCodes = Record<
	'save' | 'restore' | 'transform' | 'paintFormXObjectBegin' | 'paintFormXObjectEnd' | 'paintImageXObject' | 'paintInlineImageXObject' | 'paintImageMaskXObject',
	number
>;

/** Cells of the grid on each side: a cover to within a few per cent is all the decision needs. */
const GRID = 40;

/** The share (0–1) of a `width` × `height` page (viewport pixels; `view` maps PDF space to them) that images cover. */
export function imageCover(list: OperatorList, OPS: ImageOperatorCodes, view: Matrix, width: number, height: number): number {
	if (width <= 0 || height <= 0) return 0;
	const covered = new Uint8Array(GRID * GRID);
	const painted = new Set([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject]);
	const stack: Matrix[] = [];
	let ctm: Matrix = IDENTITY;
	for (let k = 0; k < list.fnArray.length; k++) {
		const fn = list.fnArray[k]!;
		const args = list.argsArray[k] as unknown[];
		if (fn === OPS.save) stack.push(ctm);
		else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
		else if (fn === OPS.transform) ctm = multiply(ctm, args as Matrix);
		else if (fn === OPS.paintFormXObjectBegin) {
			stack.push(ctm);
			if (Array.isArray(args[0])) ctm = multiply(ctm, args[0] as Matrix);
		} else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
		else if (painted.has(fn)) {
			const m = multiply(view, ctm);
			const corners = [apply(m, 0, 0), apply(m, 1, 0), apply(m, 0, 1), apply(m, 1, 1)];
			const xs = corners.map((c) => c[0]);
			const ys = corners.map((c) => c[1]);
			const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
			// A cell is covered when its centre lies in the image's box.
			for (let gy = 0; gy < GRID; gy++) {
				const cy = ((gy + 0.5) * height) / GRID;
				if (cy < y0 || cy > y1) continue;
				for (let gx = 0; gx < GRID; gx++) {
					const cx = ((gx + 0.5) * width) / GRID;
					if (cx >= x0 && cx <= x1) covered[gy * GRID + gx] = 1;
				}
			}
		}
	}
	return covered.reduce((n, c) => n + c, 0) / (GRID * GRID);
}
