/**
 * Tables on one page from its words and rulings: ruled grids first (lattice), then borderless
 * tables (stream) among the words no grid took, each finished into rows, header and cells. The
 * same code serves text-layer PDFs and OCR'd images: only where words and rulings come from differs.
 */
import { inside } from './geometry';
import { finishTable } from './grid';
import { findLattices } from './lattice';
import { mergeOptionsFor, mergeRulings } from './rulings/merge';
import { findStreamTables } from './stream';
import type { Rulings, Table, TableOptions, Word } from './types';

export const TABLE_DEFAULTS: TableOptions = { mode: 'auto', header: 'auto', columns: null };

/**
 * @param pxPerPt pixels per PDF point of the page's frame (dpi / 72), which sets the tolerances
 */
export function extractTables(words: readonly Word[], raw: Rulings, page: number, pxPerPt: number, opts: TableOptions = TABLE_DEFAULTS): Table[] {
	const rulings = mergeRulings(raw, mergeOptionsFor(pxPerPt * 72));
	const tol = Math.max(2, 2 * pxPerPt);
	const tables: Table[] = [];
	const lattice = opts.mode === 'stream' ? { drafts: [], regions: [] } : findLattices(rulings, words, tol);
	let rest = [...words];
	for (const { draft, box } of lattice.drafts) {
		const t = finishTable(draft, page, opts.header);
		if (!t) continue;
		tables.push(t);
		rest = rest.filter((w) => !inside(w.box, box));
	}
	if (opts.mode !== 'lattice') {
		for (const { draft } of findStreamTables(rest, rulings.horizontal, rulings.vertical, lattice.regions, { columns: opts.columns })) {
			const t = finishTable(draft, page, opts.header);
			if (t && t.cells.some((c) => c.text !== '')) tables.push(t);
		}
	}
	return tables.sort((a, b) => a.box[1] - b.box[1] || a.box[0] - b.box[0]);
}
