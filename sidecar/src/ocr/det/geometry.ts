/** Plane geometry for text boxes: convex hull, minimum-area rectangle, rectangle corners. Pure. */
import type { Point, Quad } from '../types';

export interface RotatedRect {
	cx: number;
	cy: number;
	/** Extent along the rectangle's direction (the text direction for horizontal text). */
	width: number;
	height: number;
	/** Direction of `width`, radians, in (-π/4, π/4]. */
	angle: number;
}

const cross = (o: Point, a: Point, b: Point) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

/** Andrew's monotone chain; returns the hull counter-clockwise (in y-down coordinates: clockwise on screen). */
export function convexHull(points: Point[]): Point[] {
	const pts = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	if (pts.length <= 2) return pts;
	const lower: Point[] = [];
	for (const p of pts) {
		while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0) lower.pop();
		lower.push(p);
	}
	const upper: Point[] = [];
	for (let i = pts.length - 1; i >= 0; i--) {
		const p = pts[i]!;
		while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0) upper.pop();
		upper.push(p);
	}
	upper.pop();
	lower.pop();
	return lower.concat(upper);
}

/** Normalises a rectangle so that its angle lies in (-π/4, π/4], swapping width and height as needed. */
export function normaliseRect(r: RotatedRect): RotatedRect {
	let { width, height, angle } = r;
	while (angle > Math.PI / 4) {
		angle -= Math.PI / 2;
		[width, height] = [height, width];
	}
	while (angle <= -Math.PI / 4) {
		angle += Math.PI / 2;
		[width, height] = [height, width];
	}
	return { cx: r.cx, cy: r.cy, width, height, angle };
}

/** Minimum-area enclosing rectangle by rotating calipers over the hull's edges. */
export function minAreaRect(points: Point[]): RotatedRect {
	const hull = convexHull(points);
	if (hull.length === 0) return { cx: 0, cy: 0, width: 0, height: 0, angle: 0 };
	if (hull.length === 1) return { cx: hull[0]![0], cy: hull[0]![1], width: 0, height: 0, angle: 0 };
	let best: RotatedRect | undefined;
	let bestArea = Infinity;
	for (let i = 0; i < hull.length; i++) {
		const a = hull[i]!;
		const b = hull[(i + 1) % hull.length]!;
		const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
		if (len === 0) continue;
		const ux = (b[0] - a[0]) / len;
		const uy = (b[1] - a[1]) / len;
		let minU = Infinity;
		let maxU = -Infinity;
		let minV = Infinity;
		let maxV = -Infinity;
		for (const p of hull) {
			const u = p[0] * ux + p[1] * uy;
			const v = -p[0] * uy + p[1] * ux;
			if (u < minU) minU = u;
			if (u > maxU) maxU = u;
			if (v < minV) minV = v;
			if (v > maxV) maxV = v;
		}
		const area = (maxU - minU) * (maxV - minV);
		if (area < bestArea - 1e-9) {
			bestArea = area;
			const cu = (minU + maxU) / 2;
			const cv = (minV + maxV) / 2;
			best = { cx: cu * ux - cv * uy, cy: cu * uy + cv * ux, width: maxU - minU, height: maxV - minV, angle: Math.atan2(uy, ux) };
		}
	}
	return normaliseRect(best!);
}

/** Corners in reading order: top-left, top-right, bottom-right, bottom-left. */
export function rectCorners(r: RotatedRect): Quad {
	const ux = Math.cos(r.angle);
	const uy = Math.sin(r.angle);
	const vx = -uy;
	const vy = ux;
	const hw = r.width / 2;
	const hh = r.height / 2;
	const at = (su: number, sv: number): Point => [r.cx + su * hw * ux + sv * hh * vx, r.cy + su * hw * uy + sv * hh * vy];
	return [at(-1, -1), at(1, -1), at(1, 1), at(-1, 1)];
}

/**
 * DB "unclip": grows the shrunk text kernel back to the text's extent. For a rectangle, offsetting
 * the polygon by d = area·ratio/perimeter and taking the minimum rectangle again adds d per side.
 */
export function unclipRect(r: RotatedRect, ratio: number): RotatedRect {
	const area = r.width * r.height;
	const perimeter = 2 * (r.width + r.height);
	const d = perimeter > 0 ? (area * ratio) / perimeter : 0;
	return { ...r, width: r.width + 2 * d, height: r.height + 2 * d };
}
