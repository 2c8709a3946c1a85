/**
 * Real US broadcast invoices, orders and contracts (political ad buys filed with the FCC: WideOrbit,
 * Sinclair, Nexstar and other stations' systems, text-layer PDFs and scans, 1–12 pages) through
 * POST /v1/ocr/invoice, the total against the gross amount people typed for each file. Also counted:
 * the amount due where the page takes an agency's commission off the gross, the number against the
 * contract number typed (an invoice's own number is often another: informational), and silent errors
 * (a wrong total the OCR Invoice node does not flag).
 *   node --import tsx bench/eval-adbuy.ts <folder with pdfs/ and manifest.csv> [--split all|tune|heldout] [--limit 150] [--verbose]
 * The set (not committed; bench/README.md says how to rebuild it): the PDFs of VRDU's ad-buy forms
 * (github.com/google-research-datasets/vrdu, ad-buy-form/main/pdfs, public FCC files) and DeepForm's
 * typed labels for them (github.com/jstray/deepform, data/fcc-data-2020-labeled-manifest.csv, MIT).
 * --split: files fall in `tune` or `heldout` by a hash of their id.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../sidecar/src/config/config';
import { createLogger } from '../sidecar/src/log/logger';
import { startSidecar } from '../sidecar/src/server';
import { weakFields } from '../nodes/OcrInvoice/execute';
import type { InvoiceResponse } from '../nodes/shared/types';
import { multipart } from '../test/helpers/fixtures';
import { tally } from './tally';

const option = (name: string, dflt: string) => {
	const i = process.argv.indexOf(name);
	return i > 0 ? process.argv[i + 1]! : dflt;
};
const folder = process.argv[2];
if (!folder || folder.startsWith('--') || !existsSync(join(folder, 'manifest.csv'))) {
	console.error('usage: node --import tsx bench/eval-adbuy.ts <folder with pdfs/ and manifest.csv> [--split all|tune|heldout] [--limit 150] [--verbose]');
	process.exit(2);
}
const split = option('--split', 'all');
const limit = Number(option('--limit', '150'));
const verbose = process.argv.includes('--verbose');

/** A stable half of the set by id (FNV-1a, low bit), as the other real sets split. */
const half = (name: string) => {
	let h = 0x811c9dc5;
	for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
	return h & 1 ? 'heldout' : 'tune';
};

/** RFC 4180 rows: quoted fields may hold commas, doubled quotes and line breaks. */
function csvRows(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (quoted) {
			if (c !== '"') field += c;
			else if (text[i + 1] === '"') field += text[++i];
			else quoted = false;
		} else if (c === '"') quoted = true;
		else if (c === ',') (row.push(field), (field = ''));
		else if (c === '\n') (row.push(field), rows.push(row), (row = []), (field = ''));
		else if (c !== '\r') field += c;
	}
	if (field || row.length) rows.push([...row, field]);
	return rows;
}

const compact = (s: unknown) => String(s ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');

async function main(): Promise<void> {
	const [header, ...rows] = csvRows(readFileSync(join(folder!, 'manifest.csv'), 'utf8'));
	const col = (name: string) => header!.indexOf(name);
	// Files the labellers flagged ("issues") or gave no amount are left out.
	const files = rows
		.map((r) => ({ id: r[col('file_id')]!, gross: r[col('gross_amount')] ?? '', number: r[col('contract_num')] ?? '', issues: r[col('issues')] ?? '' }))
		.filter((f) => f.gross && !f.issues && existsSync(join(folder!, 'pdfs', `${f.id}.pdf`)) && (split === 'all' || half(f.id) === split))
		.sort((a, b) => a.id.localeCompare(b.id))
		.slice(0, limit);
	const sidecar = await startSidecar(loadConfig({ PORT: '0', HOST: '127.0.0.1', DEVICE: 'cpu', PRELOAD_MODELS: 'pp-ocrv4', MAX_PAGES: '20' }), { logger: createLogger('error') });
	await sidecar.ready;
	const { count, print } = tally();
	const started = Date.now();
	for (const f of files) {
		const res = await fetch(`${sidecar.url}/v1/ocr/invoice`, { method: 'POST', body: multipart([{ name: `${f.id}.pdf`, data: readFileSync(join(folder!, 'pdfs', `${f.id}.pdf`)) }]) });
		const body = (await res.json()) as InvoiceResponse;
		const gross = Number(f.gross.replace(/[$,\s]/g, ''));
		const ok = res.status === 200 && typeof body.fields.total === 'number' && Math.abs(body.fields.total - gross) < 0.005;
		const flagged = res.status !== 200 || weakFields(body, 0.8).includes('total') || body.fields.total === null;
		count('answered 200', res.status === 200);
		count('total = gross amount', ok);
		count('silent error (total wrong, not flagged)', !ok && !flagged);
		if (ok) count('flagged, total right', weakFields(body, 0.8).length > 0);
		count('amount due below the total (something taken off)', res.status === 200 && body.fields.amountDue !== body.fields.total);
		count('number = contract number typed (informational)', compact(body.fields.invoiceNumber) === compact(f.number));
		if (!ok && verbose) console.log(`${f.id}: total ${JSON.stringify(body.fields?.total)} ≠ ${gross}${flagged ? '' : ' (not flagged)'}`);
	}
	console.log(`${files.length} ad-buy files (split ${split}), ${((Date.now() - started) / 1000).toFixed(0)} s`);
	print(52);
	await sidecar.close();
}

void main();
