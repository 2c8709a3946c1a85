/**
 * DB (differentiable binarisation) post-processing: probability map → text quadrilaterals in
 * original-image pixels. Components of the thresholded map stand in for OpenCV's contours; each
 * one's minimum-area rectangle is scored, unclipped and mapped back. Pure; tested on synthetic maps.
 */
import type { Point, Quad } from '../types';
import { minAreaRect, rectCorners, unclipRect, type RotatedRect } from './geometry';

export interface DbOptions {
	/** Pixel probability above which a pixel is text. */
	threshold: number;
	/** Mean probability a component needs to be kept. */
	boxThreshold: number;
	unclipRatio: number;
	/** Shortest side (in map pixels) a box may have before unclipping. */
	minSize: number;
	maxCandidates: number;
}

export const DB_DEFAULTS: DbOptions = { threshold: 0.3, boxThreshold: 0.6, unclipRatio: 1.5, minSize: 3, maxCandidates: 1000 };

export interface DetectedBox {
	quad: Quad;
	score: number;
	rect: RotatedRect;
}

interface Component {
	count: number;
	sum: number;
	/** Per row: leftmost and rightmost pixel, enough for the convex hull. */
	rows: Map<number, [number, number]>;
}

/**
 * The flood fill's scratch, kept between calls: a page's map is about a million pixels, and 4.6 MB
 * of fresh buffers a page is that much more for the garbage collector to reclaim. Safe to share:
 * `components` runs start to end without yielding. Kept up to a first pass's size (960 × 960); a
 * larger second pass gets buffers of its own, so that one large page does not hold 30 MB for good.
 */
const SCRATCH_MAX = 1 << 20;
let scratch = { visited: new Uint8Array(0), stack: new Int32Array(0) };

/** 8-connected components of `prob > threshold`, scanned with an explicit stack (no recursion). */
function components(prob: Float32Array, width: number, height: number, threshold: number): Component[] {
	const size = width * height;
	const fresh = () => ({ visited: new Uint8Array(size), stack: new Int32Array(size) });
	if (scratch.visited.length < size && size <= SCRATCH_MAX) scratch = fresh();
	const { visited, stack } = size <= SCRATCH_MAX ? scratch : fresh();
	visited.fill(0, 0, size);
	const out: Component[] = [];
	for (let start = 0; start < prob.length; start++) {
		if (visited[start] || prob[start]! <= threshold) continue;
		const comp: Component = { count: 0, sum: 0, rows: new Map() };
		let top = 0;
		stack[top++] = start;
		visited[start] = 1;
		while (top > 0) {
			const idx = stack[--top]!;
			const x = idx % width;
			const y = (idx - x) / width;
			comp.count++;
			comp.sum += prob[idx]!;
			const row = comp.rows.get(y);
			if (row) {
				if (x < row[0]) row[0] = x;
				if (x > row[1]) row[1] = x;
			} else comp.rows.set(y, [x, x]);
			for (let dy = -1; dy <= 1; dy++) {
				const ny = y + dy;
				if (ny < 0 || ny >= height) continue;
				for (let dx = -1; dx <= 1; dx++) {
					const nx = x + dx;
					if (nx < 0 || nx >= width || (dx === 0 && dy === 0)) continue;
					const n = ny * width + nx;
					if (!visited[n] && prob[n]! > threshold) {
						visited[n] = 1;
						stack[top++] = n;
					}
				}
			}
		}
		out.push(comp);
	}
	return out;
}

function hullPoints(comp: Component): Point[] {
	const pts: Point[] = [];
	for (const [y, [x0, x1]] of comp.rows) {
		// pixel extents, so a one-pixel-wide stroke still has area
		pts.push([x0, y], [x0, y + 1], [x1 + 1, y], [x1 + 1, y + 1]);
	}
	return pts;
}

/**
 * @param prob the network's probability map, H×W
 * @param scaleX original width / map width (likewise scaleY)
 * @param offset where `prob` sits in the whole map, when it covers only a window of it (map pixels)
 */
export function dbPostprocess(prob: Float32Array, width: number, height: number, scaleX: number, scaleY: number, origWidth: number, origHeight: number, opts: DbOptions = DB_DEFAULTS, offset = { x: 0, y: 0 }): DetectedBox[] {
	const comps = components(prob, width, height, opts.threshold)
		.filter((c) => c.count >= opts.minSize)
		.sort((a, b) => b.count - a.count)
		.slice(0, opts.maxCandidates);
	const boxes: DetectedBox[] = [];
	for (const comp of comps) {
		const rect = minAreaRect(hullPoints(comp));
		if (Math.min(rect.width, rect.height) < opts.minSize) continue;
		const score = comp.sum / comp.count;
		if (score < opts.boxThreshold) continue;
		const grown = unclipRect(rect, opts.unclipRatio);
		if (Math.min(grown.width, grown.height) < opts.minSize + 2) continue;
		const clampX = (v: number) => Math.min(Math.max((v + offset.x) * scaleX, 0), origWidth);
		const clampY = (v: number) => Math.min(Math.max((v + offset.y) * scaleY, 0), origHeight);
		const quad = rectCorners(grown).map(([x, y]) => [clampX(x), clampY(y)] as Point) as Quad;
		const mapped: RotatedRect = { cx: (grown.cx + offset.x) * scaleX, cy: (grown.cy + offset.y) * scaleY, width: grown.width * scaleX, height: grown.height * scaleY, angle: grown.angle };
		boxes.push({ quad, score, rect: mapped });
	}
	return boxes;
}
