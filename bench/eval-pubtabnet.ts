/**
 * PubTabNet table images (not part of npm test; the data stays outside the repo):
 *   node --import tsx bench/eval-pubtabnet.ts ../shared/data [--verbose]
 * Each image is one cropped table: the largest table found is written as HTML and compared with
 * the ground truth by TEDS (bench/tables/teds.ts), with and without the formatting tags
 * (<b>, <i>, <sup>, <sub>) the ground truth carries inside cells.
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
import { teds } from './tables/teds';
import { standalonePdfPool } from '../sidecar/src/pdf/workers';

/** PDFs are read in a worker thread, as in the sidecar. */
const pdfPool = standalonePdfPool();

const root = process.argv[2];
if (!root || root.startsWith('--')) {
	console.error('usage: node --import tsx bench/eval-pubtabnet.ts <data-root> [--verbose]');
	process.exit(2);
}
const verbose = process.argv.includes('--verbose');
const FORMAT_TAGS = ['b', 'i', 'sup', 'sub', 'overline', 'underline', 'strike'];

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The prediction in PubTabNet's HTML dialect: td everywhere, header rows in thead. */
function toHtml(t: Table | undefined): string {
	if (!t) return '<html><body><table></table></body></html>';
	const rows = new Map<number, string[]>();
	for (const c of [...t.cells].sort((a, b) => a.row - b.row || a.col - b.col)) {
		const spans = `${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}`;
		rows.set(c.row, [...(rows.get(c.row) ?? []), `<td${spans}>${escape(c.text)}</td>`]);
	}
	const n = Math.max(0, ...t.cells.map((c) => c.row + c.rowSpan));
	const tr = (r: number) => `<tr>${(rows.get(r) ?? []).join('')}</tr>`;
	const head = Array.from({ length: t.headerRows }, (_, r) => tr(r)).join('');
	const body = Array.from({ length: n - t.headerRows }, (_, i) => tr(i + t.headerRows)).join('');
	return `<html><body><table>${head ? `<thead>${head}</thead>` : ''}<tbody>${body}</tbody></table></body></html>`;
}

/** Ground truth HTML from the examples' structure tokens and cell tokens. */
function exampleHtml(line: { html: { structure: { tokens: string[] }; cells: Array<{ tokens: string[] }> } }): string {
	let k = 0;
	const out = line.html.structure.tokens.map((tok) => (tok === '</td>' ? `${line.html.cells[k++]?.tokens.map((t) => (t.length === 1 ? escape(t) : t)).join('') ?? ''}</td>` : tok));
	return `<html><body><table>${out.join('')}</table></body></html>`;
}

async function main(): Promise<void> {
	const dir = path.join(root!, 'tables', 'pubtabnet');
	const cases: Array<{ file: string; html: string }> = [];
	const gt = JSON.parse(fs.readFileSync(path.join(dir, 'teds', 'sample_gt.json'), 'utf8')) as Record<string, { html: string }>;
	for (const [name, v] of Object.entries(gt)) cases.push({ file: path.join(dir, 'val_mini', 'mini_val', name), html: v.html });
	for (const l of fs.readFileSync(path.join(dir, 'examples', 'PubTabNet_Examples.jsonl'), 'utf8').split('\n').filter(Boolean)) {
		const line = JSON.parse(l) as { filename: string } & Parameters<typeof exampleHtml>[0];
		cases.push({ file: path.join(dir, 'examples', line.filename), html: exampleHtml(line) });
	}
	const sidecar = await startSidecar(loadConfig({ PORT: '0', DEVICE: 'cpu', PRELOAD_MODELS: 'pp-ocrv4' }), { logger: createLogger('error') });
	await sidecar.ready;
	const engine = sidecar.ctx.engines.ocr();
	let sum = 0;
	let sumPlain = 0;
	let ms = 0;
	for (const c of cases.filter((x) => fs.existsSync(x.file))) {
		const buffer = fs.readFileSync(c.file);
		const t0 = performance.now();
		const { tables } = await tableDocument(engine, { filename: path.basename(c.file), buffer, media: sniffMedia(buffer)! }, { ...OCR_DEFAULTS }, TABLE_DEFAULTS, { maxPages: 1, pdf: pdfPool });
		ms += performance.now() - t0;
		const area = (t: Table) => (t.box[2] - t.box[0]) * (t.box[3] - t.box[1]);
		const best = tables.sort((a, b) => area(b) - area(a))[0];
		const pred = toHtml(best);
		const score = teds(pred, c.html);
		const plain = teds(pred, c.html, FORMAT_TAGS);
		sum += score;
		sumPlain += plain;
		if (verbose) console.log(`${path.basename(c.file)}: TEDS ${score.toFixed(3)} (no formatting tags ${plain.toFixed(3)}), ${tables.length} tables, ${best ? `${best.rows.length + best.headerRows}×${best.rows[0]?.length ?? 0}, ${best.headerRows} header rows, ${best.method}` : "-"}`);
	}
	const n = cases.length;
	console.log(`PubTabNet: ${n} table images, ${(ms / n).toFixed(0)} ms each`);
	console.log(`TEDS ${(sum / n).toFixed(3)}; without formatting tags in cells ${(sumPlain / n).toFixed(3)}`);
	await sidecar.close();
}

void main();
