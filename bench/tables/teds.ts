/**
 * TEDS (tree-edit-distance similarity, PubTabNet's table metric), after the reference
 * implementation in PubTabNet's teds/metric.py: an HTML table as a tree (table, thead/tbody, tr,
 * td with colspan/rowspan and its content as tokens), Zhang–Shasha edit distance with insert and
 * delete costing 1 and renaming 1 unless tag and spans agree (then, for cells, the normalised
 * Levenshtein distance of their tokens); TEDS = 1 − distance / (elements of the larger table).
 */
import { editDistance } from '../../sidecar/src/invoice/editDistance';

export interface TNode {
	tag: string;
	colspan: number;
	rowspan: number;
	content: string[];
	children: TNode[];
}

const attr = (tag: string, name: string) => Number(new RegExp(`${name}="?(\\d+)`).exec(tag)?.[1] ?? 1);

/** Parses the <table> of well-formed HTML (as PubTabNet writes it) into a tree, and counts its elements. */
export function parseTable(html: string, ignoreTags: readonly string[] = []): { tree: TNode; elements: number } {
	const start = html.indexOf('<table');
	const end = html.lastIndexOf('</table>');
	const body = html.slice(html.indexOf('>', start) + 1, end);
	const root: TNode = { tag: 'table', colspan: 1, rowspan: 1, content: [], children: [] };
	const stack: TNode[] = [root];
	let elements = 0;
	const re = /<(\/?)([a-zA-Z]+)([^>]*)>|([^<]+)/g;
	let m: RegExpExecArray | null;
	let cell: TNode | null = null;
	while ((m = re.exec(body)) !== null) {
		const [, close, tagRaw, attrs, text] = m;
		if (text !== undefined) {
			if (cell) cell.content.push(...[...text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>')]);
			continue;
		}
		const tag = tagRaw!.toLowerCase();
		if (cell && tag !== 'td') {
			if (ignoreTags.includes(tag)) continue;
			cell.content.push(`<${close}${tag}>`);
			if (!close) elements++;
			continue;
		}
		if (close) {
			if (tag === 'td') cell = null;
			if (stack.length > 1) stack.pop();
			continue;
		}
		elements++;
		const node: TNode = { tag, colspan: attr(attrs!, 'colspan'), rowspan: attr(attrs!, 'rowspan'), content: [], children: [] };
		stack[stack.length - 1]!.children.push(node);
		stack.push(node);
		if (tag === 'td') cell = node;
	}
	return { tree: root, elements };
}

function rename(a: TNode, b: TNode): number {
	if (a.tag !== b.tag || a.colspan !== b.colspan || a.rowspan !== b.rowspan) return 1;
	if (a.tag === 'td' && (a.content.length || b.content.length)) return editDistance(a.content, b.content) / Math.max(a.content.length, b.content.length);
	return 0;
}

interface Indexed {
	nodes: TNode[];
	/** Postorder index of each node's leftmost leaf. */
	lml: number[];
	keyroots: number[];
}

function index(root: TNode): Indexed {
	const nodes: TNode[] = [];
	const lml: number[] = [];
	const walk = (n: TNode): number => {
		let first = -1;
		for (const c of n.children) {
			const l = walk(c);
			if (first < 0) first = l;
		}
		nodes.push(n);
		const me = nodes.length - 1;
		lml[me] = first < 0 ? me : first;
		return lml[me]!;
	};
	walk(root);
	const seen = new Map<number, number>();
	nodes.forEach((_, i) => seen.set(lml[i]!, i));
	return { nodes, lml, keyroots: [...seen.values()].sort((a, b) => a - b) };
}

/** Zhang–Shasha tree edit distance. */
export function treeEditDistance(a: TNode, b: TNode): number {
	const A = index(a);
	const B = index(b);
	const td = Array.from({ length: A.nodes.length }, () => new Float64Array(B.nodes.length));
	for (const i of A.keyroots) {
		for (const j of B.keyroots) {
			const li = A.lml[i]!;
			const lj = B.lml[j]!;
			const m = i - li + 2;
			const n = j - lj + 2;
			const fd = Array.from({ length: m }, () => new Float64Array(n));
			for (let x = 1; x < m; x++) fd[x]![0] = fd[x - 1]![0]! + 1;
			for (let y = 1; y < n; y++) fd[0]![y] = fd[0]![y - 1]! + 1;
			for (let x = 1; x < m; x++) {
				for (let y = 1; y < n; y++) {
					const ai = li + x - 1;
					const bj = lj + y - 1;
					if (A.lml[ai] === li && B.lml[bj] === lj) {
						fd[x]![y] = Math.min(fd[x - 1]![y]! + 1, fd[x]![y - 1]! + 1, fd[x - 1]![y - 1]! + rename(A.nodes[ai]!, B.nodes[bj]!));
						td[ai]![bj] = fd[x]![y]!;
					} else {
						const px = A.lml[ai]! - li;
						const py = B.lml[bj]! - lj;
						fd[x]![y] = Math.min(fd[x - 1]![y]! + 1, fd[x]![y - 1]! + 1, fd[px]![py]! + td[ai]![bj]!);
					}
				}
			}
		}
	}
	return td[A.nodes.length - 1]![B.nodes.length - 1]!;
}

export function teds(predHtml: string, trueHtml: string, ignoreTags: readonly string[] = []): number {
	if (!predHtml || !trueHtml) return 0;
	const p = parseTable(predHtml, ignoreTags);
	const t = parseTable(trueHtml, ignoreTags);
	return 1 - treeEditDistance(p.tree, t.tree) / Math.max(p.elements, t.elements);
}
