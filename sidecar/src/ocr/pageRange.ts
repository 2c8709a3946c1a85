/** Page selections like "1-3,5" (1-based, inclusive), checked against the document's page count. Pure. */
export class PageRangeError extends Error {}

export function parsePageRange(spec: string | undefined, pageCount: number): number[] {
	if (spec === undefined || spec.trim() === '' || spec.trim().toLowerCase() === 'all') {
		return Array.from({ length: pageCount }, (_, i) => i + 1);
	}
	const pages = new Set<number>();
	for (const part of spec.split(',')) {
		const m = /^\s*(\d+)\s*(?:-\s*(\d+)?\s*)?$/.exec(part);
		if (!m) throw new PageRangeError(`invalid page range "${spec}" (use e.g. 1-3,5)`);
		const from = Number(m[1]);
		const to = m[2] !== undefined ? Number(m[2]) : part.includes('-') ? pageCount : from;
		if (from < 1 || to < from) throw new PageRangeError(`invalid page range "${part.trim()}"`);
		if (from > pageCount) throw new PageRangeError(`page ${from} is outside the document (${pageCount} page${pageCount === 1 ? '' : 's'})`);
		for (let p = from; p <= Math.min(to, pageCount); p++) pages.add(p);
		if (to > pageCount) throw new PageRangeError(`page ${to} is outside the document (${pageCount} page${pageCount === 1 ? '' : 's'})`);
	}
	return [...pages].sort((a, b) => a - b);
}
