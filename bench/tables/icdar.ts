/**
 * ICDAR 2013 table competition ground truth (-str.xml, -reg.xml) and its measures: cell
 * adjacency relations (structure) and table regions (detection). Used by bench/eval-tables.ts.
 */
import fs from 'node:fs';

export interface GtCell {
	row: number;
	col: number;
	rowSpan: number;
	colSpan: number;
	text: string;
}

export interface GtTable {
	page: number;
	/** PDF points, origin bottom-left: [x1, y1, x2, y2]. */
	box: [number, number, number, number];
	cells: GtCell[];
}

const attr = (tag: string, name: string) => new RegExp(`${name}=['"]([^'"]*)['"]`).exec(tag)?.[1];
const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Tables of a -str.xml file, one per region (a table split over pages gives one per page). */
export function readStructure(file: string): GtTable[] {
	const xml = fs.readFileSync(file, 'utf8');
	const out: GtTable[] = [];
	for (const region of xml.matchAll(/<region\b([^>]*)>([\s\S]*?)<\/region>/g)) {
		const page = Number(attr(region[1]!, 'page'));
		const cells: GtCell[] = [];
		for (const cell of region[2]!.matchAll(/<cell\b([^>]*)>([\s\S]*?)<\/cell>/g)) {
			const a = cell[1]!;
			const sr = Number(attr(a, 'start-row'));
			const sc = Number(attr(a, 'start-col'));
			const er = Number(attr(a, 'end-row') ?? sr);
			const ec = Number(attr(a, 'end-col') ?? sc);
			const content = /<content>([\s\S]*?)<\/content>/.exec(cell[2]!)?.[1] ?? '';
			cells.push({ row: sr, col: sc, rowSpan: er - sr + 1, colSpan: ec - sc + 1, text: decode(content) });
		}
		out.push({ page, box: [0, 0, 0, 0], cells });
	}
	return out;
}

/** Table regions of a -reg.xml file: page and bounding box in PDF points. */
export function readRegions(file: string): Array<{ page: number; box: [number, number, number, number] }> {
	const xml = fs.readFileSync(file, 'utf8');
	const out: Array<{ page: number; box: [number, number, number, number] }> = [];
	for (const region of xml.matchAll(/<region\b([^>]*)>([\s\S]*?)<\/region>/g)) {
		const bb = /<bounding-box\b([^>]*)\/>/.exec(region[2]!)?.[1] ?? '';
		out.push({ page: Number(attr(region[1]!, 'page')), box: [Number(attr(bb, 'x1')), Number(attr(bb, 'y1')), Number(attr(bb, 'x2')), Number(attr(bb, 'y2'))] });
	}
	return out;
}

export const normText = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

export interface RelCell {
	row: number;
	col: number;
	rowSpan: number;
	colSpan: number;
	text: string;
}

/** Adjacency relations: each non-empty cell with its nearest non-empty neighbour to the right and below (a multiset). */
export function relations(cells: readonly RelCell[]): Map<string, number> {
	const full = cells.filter((c) => normText(c.text) !== '');
	const at = new Map<string, RelCell>();
	let maxR = 0;
	let maxC = 0;
	for (const c of full) {
		for (let r = c.row; r < c.row + c.rowSpan; r++) for (let k = c.col; k < c.col + c.colSpan; k++) at.set(`${r},${k}`, c);
		maxR = Math.max(maxR, c.row + c.rowSpan);
		maxC = Math.max(maxC, c.col + c.colSpan);
	}
	const rel = new Map<string, number>();
	const add = (a: RelCell, b: RelCell, dir: string) => {
		const key = `${normText(a.text)}|${normText(b.text)}|${dir}`;
		rel.set(key, (rel.get(key) ?? 0) + 1);
	};
	for (const a of full) {
		const right = new Set<RelCell>();
		for (let r = a.row; r < a.row + a.rowSpan; r++) {
			for (let k = a.col + a.colSpan; k < maxC; k++) {
				const b = at.get(`${r},${k}`);
				if (b && b !== a) {
					right.add(b);
					break;
				}
			}
		}
		const below = new Set<RelCell>();
		for (let k = a.col; k < a.col + a.colSpan; k++) {
			for (let r = a.row + a.rowSpan; r < maxR; r++) {
				const b = at.get(`${r},${k}`);
				if (b && b !== a) {
					below.add(b);
					break;
				}
			}
		}
		right.forEach((b) => add(a, b, 'H'));
		below.forEach((b) => add(a, b, 'V'));
	}
	return rel;
}

export function countMatches(gt: Map<string, number>, det: Map<string, number>): { correct: number; gt: number; det: number } {
	let correct = 0;
	for (const [k, n] of det) correct += Math.min(n, gt.get(k) ?? 0);
	const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
	return { correct, gt: sum(gt), det: sum(det) };
}

export const f1 = (p: number, r: number) => (p + r > 0 ? (2 * p * r) / (p + r) : 0);

export function iou(a: readonly number[], b: readonly number[]): number {
	const ix = Math.max(0, Math.min(a[2]!, b[2]!) - Math.max(a[0]!, b[0]!));
	const iy = Math.max(0, Math.min(a[3]!, b[3]!) - Math.max(a[1]!, b[1]!));
	const inter = ix * iy;
	const area = (x: readonly number[]) => (x[2]! - x[0]!) * (x[3]! - x[1]!);
	return inter > 0 ? inter / (area(a) + area(b) - inter) : 0;
}
