/** Small geometry and statistics helpers for the table engine. Pure. */
import type { Box } from '../ocr/types';

export const cx = (b: Box) => (b[0] + b[2]) / 2;
export const cy = (b: Box) => (b[1] + b[3]) / 2;
export const bh = (b: Box) => b[3] - b[1];

export function median(values: readonly number[], fallback = 0): number {
	if (values.length === 0) return fallback;
	const s = [...values].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function union(boxes: readonly Box[]): Box {
	return [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
}

/** Length of the overlap of [a0, a1] and [b0, b1] (0 when apart). */
export const overlap = (a0: number, a1: number, b0: number, b1: number) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

/** Fraction of [a, b] covered by the given intervals. */
export function coverage(intervals: ReadonlyArray<readonly [number, number]>, a: number, b: number): number {
	const sorted = intervals.map(([s, e]) => [Math.max(s, a), Math.min(e, b)] as [number, number]).filter(([s, e]) => e > s).sort((p, q) => p[0] - q[0]);
	let covered = 0;
	let end = a;
	for (const [s, e] of sorted) {
		if (e <= end) continue;
		covered += e - Math.max(s, end);
		end = e;
	}
	return b > a ? covered / (b - a) : 1;
}

export const inside = (b: Box, region: Box, margin = 0) => cx(b) >= region[0] - margin && cx(b) <= region[2] + margin && cy(b) >= region[1] - margin && cy(b) <= region[3] + margin;


export class UnionFind {
	private readonly parent: number[];
	constructor(n: number) {
		this.parent = Array.from({ length: n }, (_, i) => i);
	}
	find(i: number): number {
		while (this.parent[i] !== i) {
			this.parent[i] = this.parent[this.parent[i]!]!;
			i = this.parent[i]!;
		}
		return i;
	}
	join(a: number, b: number): void {
		const ra = this.find(a);
		const rb = this.find(b);
		if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
	}
	groups(): number[][] {
		const m = new Map<number, number[]>();
		this.parent.forEach((_, i) => {
			const r = this.find(i);
			const g = m.get(r);
			if (g) g.push(i);
			else m.set(r, [i]);
		});
		return [...m.values()];
	}
}
