/**
 * Table accuracy on public data (not part of npm test; the data stays outside the repo):
 *   node --import tsx bench/eval-tables.ts ../shared/data [--source text|image] [--dpi 200] [--only eu-001] [--verbose]
 * ICDAR 2013 (tables/icdar2013): cell adjacency relations (the competition's structure measure)
 * for each ground-truth table against the detected table that overlaps it most, summed over all
 * tables, and table-region detection (IoU ≥ 0.5). `--source text` reads the PDFs' text layer;
 * `--source image` renders the same pages at --dpi and reads them through OCR.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../sidecar/src/config/config';
import { createLogger } from '../sidecar/src/log/logger';
import { sniffMedia } from '../sidecar/src/media/sniff';
import { OCR_DEFAULTS } from '../sidecar/src/ocr/options';
import { startSidecar } from '../sidecar/src/server';
import { tableDocument } from '../sidecar/src/table/document';
import { TABLE_DEFAULTS } from '../sidecar/src/table/extract';
import type { Table } from '../sidecar/src/table/types';
import { countMatches, f1, iou, readRegions, readStructure, relations } from './tables/icdar';
import { standalonePdfPool } from '../sidecar/src/pdf/workers';

/** PDFs are read in a worker thread, as in the sidecar. */
const pdfPool = standalonePdfPool();

const args = process.argv.slice(2);
const root = args[0];
const flag = (name: string) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? args[i + 1] : undefined;
};
if (!root || root.startsWith('--')) {
	console.error('usage: node --import tsx bench/eval-tables.ts <data-root> [--source text|image] [--dpi 200] [--only NAME] [--verbose]');
	process.exit(2);
}
const source = flag('source') ?? 'text';
const dpi = Number(flag('dpi') ?? 200);
const only = flag('only');
const verbose = args.includes('--verbose');

async function main(): Promise<void> {
	const dir = path.join(root!, 'tables', 'icdar2013');
	const sidecar = await startSidecar(loadConfig({ PORT: '0', DEVICE: 'cpu', PRELOAD_MODELS: 'pp-ocrv4', MAX_PAGES: '1000' }), { logger: createLogger('error') });
	await sidecar.ready;
	const engine = sidecar.ctx.engines.ocr();
	const totals = { correct: 0, gt: 0, det: 0, detAll: 0 };
	const regions = { tp: 0, gt: 0, det: 0 };
	const perDoc: Array<[string, number, number]> = [];
	let pages = 0;
	const started = performance.now();
	for (const sub of fs.readdirSync(dir).sort()) {
		for (const name of fs.readdirSync(path.join(dir, sub)).filter((f) => f.endsWith('.pdf')).sort()) {
			const stem = name.replace(/\.pdf$/, '');
			if (only && stem !== only) continue;
			const gtTables = readStructure(path.join(dir, sub, `${stem}-str.xml`));
			const gtRegions = readRegions(path.join(dir, sub, `${stem}-reg.xml`));
			const gtPages = [...new Set([...gtTables.map((t) => t.page), ...gtRegions.map((r) => r.page)])].sort((a, b) => a - b);
			const buffer = fs.readFileSync(path.join(dir, sub, name));
			const file = { filename: name, buffer, media: sniffMedia(buffer)! };
			const ocr = { ...OCR_DEFAULTS, dpi, mode: source === 'image' ? ('ocr' as const) : ('auto' as const), pages: gtPages.join(','), words: true };
			const { doc, tables } = await tableDocument(engine, file, ocr, TABLE_DEFAULTS, { maxPages: 1000, pdf: pdfPool });
			pages += doc.pages.length;
			const scale = dpi / 72;
			const heightPt = new Map(doc.pages.map((p) => [p.page, p.height / (p.dpi ? p.dpi / 72 : scale)]));
			const toPt = (t: Table): number[] => {
				const s = doc.pages.find((p) => p.page === t.page)?.dpi ? doc.pages.find((p) => p.page === t.page)!.dpi! / 72 : scale;
				const hPt = heightPt.get(t.page)!;
				return [t.box[0] / s, hPt - t.box[3] / s, t.box[2] / s, hPt - t.box[1] / s];
			};
			// Regions: one-to-one matches with IoU ≥ 0.5.
			const usedR = new Set<Table>();
			for (const g of gtRegions) {
				const hit = tables.filter((t) => t.page === g.page && !usedR.has(t)).find((t) => iou(toPt(t), g.box) >= 0.5);
				if (hit) {
					usedR.add(hit);
					regions.tp++;
				}
			}
			regions.gt += gtRegions.length;
			regions.det += tables.length;
			// Structure: each GT table against the detected table overlapping its region most.
			let dc = 0;
			let dg = 0;
			let dd = 0;
			const usedS = new Set<Table>();
			gtTables.forEach((g, i) => {
				const reg = gtRegions[i] ?? gtRegions.find((r) => r.page === g.page);
				const cands = tables.filter((t) => t.page === g.page && !usedS.has(t));
				const best = reg ? cands.map((t) => [t, iou(toPt(t), reg.box)] as const).sort((a, b) => b[1] - a[1])[0] : undefined;
				const gtRel = relations(g.cells);
				const det = best && best[1] > 0 ? best[0] : undefined;
				if (det) usedS.add(det);
				const m = countMatches(gtRel, det ? relations(det.cells) : new Map());
				dc += m.correct;
				dg += m.gt;
				dd += m.det;
			});
			totals.correct += dc;
			totals.gt += dg;
			totals.det += dd;
			totals.detAll += tables.reduce((n, t) => n + [...relations(t.cells).values()].reduce((a, b) => a + b, 0), 0);
			const p = dd ? dc / dd : 0;
			const r = dg ? dc / dg : 0;
			perDoc.push([stem, f1(p, r), dg]);
			if (verbose) {
				console.log(`${stem}: ${gtTables.length} GT tables, ${tables.length} found; relations P ${(100 * p).toFixed(1)} R ${(100 * r).toFixed(1)} F1 ${(100 * f1(p, r)).toFixed(1)}`);
				for (const t of tables) console.log(`  p${t.page} ${t.method} ${t.cells.length} cells, ${t.rows.length}+${t.headerRows} rows × ${t.rows[0]?.length ?? 0}: ${JSON.stringify(t.rows.slice(0, 3)).slice(0, 300)}`);
			}
		}
	}
	const P = totals.det ? totals.correct / totals.det : 0;
	const R = totals.gt ? totals.correct / totals.gt : 0;
	const rp = regions.det ? regions.tp / regions.det : 0;
	const rr = regions.gt ? regions.tp / regions.gt : 0;
	const seconds = (performance.now() - started) / 1000;
	console.log(`ICDAR 2013, source=${source}${source === 'image' ? ` at ${dpi} DPI` : ''}: ${perDoc.length} documents, ${pages} pages in ${seconds.toFixed(1)} s`);
	console.log(`structure (adjacency relations, matched tables): precision ${(100 * P).toFixed(1)} %, recall ${(100 * R).toFixed(1)} %, F1 ${(100 * f1(P, R)).toFixed(1)} %  (${totals.correct} of ${totals.gt} GT relations; ${totals.det} detected in matched tables, ${totals.detAll} in all)`);
	console.log(`structure, every detected table counted: precision ${(100 * (totals.detAll ? totals.correct / totals.detAll : 0)).toFixed(1)} %`);
	console.log(`regions (IoU ≥ 0.5): precision ${(100 * rp).toFixed(1)} %, recall ${(100 * rr).toFixed(1)} %, F1 ${(100 * f1(rp, rr)).toFixed(1)} %  (${regions.tp} of ${regions.gt} GT, ${regions.det} found)`);
	console.log(`worst documents: ${perDoc.sort((a, b) => a[1] - b[1]).slice(0, 12).map(([n, f, g]) => `${n} ${(100 * f).toFixed(0)}% (${g})`).join(', ')}`);
	await sidecar.close();
}

void main();
