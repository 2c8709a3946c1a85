/** Projective transforms between four point pairs (a photographed page and its flat rectangle). Pure. */
import type { Point } from '../types';

/**
 * The 3×3 projective transform (row-major, h33 = 1) taking each `from` point to its `to` point:
 * four correspondences, solved by Gaussian elimination. Pure.
 */
export function homography(from: ReadonlyArray<Point>, to: ReadonlyArray<Point>): number[] {
	const A: number[][] = [];
	for (let i = 0; i < 4; i++) {
		const [x, y] = from[i]!;
		const [u, v] = to[i]!;
		A.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
		A.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
	}
	for (let c = 0; c < 8; c++) {
		let p = c;
		for (let r = c + 1; r < 8; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[p]![c]!)) p = r;
		[A[c], A[p]] = [A[p]!, A[c]!];
		for (let r = 0; r < 8; r++) {
			if (r === c) continue;
			const f = A[r]![c]! / A[c]![c]!;
			for (let k = c; k < 9; k++) A[r]![k]! -= f * A[c]![k]!;
		}
	}
	return [...Array.from({ length: 8 }, (_, i) => A[i]![8]! / A[i]![i]!), 1];
}

/** Applies a homography (row-major 3×3, from `homography`) to a point. */
export function project(h: readonly number[], x: number, y: number): Point {
	const d = h[6]! * x + h[7]! * y + h[8]!;
	return [(h[0]! * x + h[1]! * y + h[2]!) / d, (h[3]! * x + h[4]! * y + h[5]!) / d];
}
