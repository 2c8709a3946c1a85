/**
 * Invoice/receipt field accuracy on SROIE (official Task 3 style: exact match after whitespace
 * normalisation, per field):
 *   node --import tsx bench/eval-invoice.ts ../shared/data [--verbose]
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../sidecar/src/config/config';
import { parseAmount } from '../sidecar/src/invoice/amounts';
import { findDates } from '../sidecar/src/invoice/dates';
import { extractInvoice } from '../sidecar/src/invoice/extract';
import { createLogger } from '../sidecar/src/log/logger';
import { ocrDocument } from '../sidecar/src/ocr/document';
import { OCR_DEFAULTS } from '../sidecar/src/ocr/options';
import { sniffMedia } from '../sidecar/src/media/sniff';
import { startSidecar } from '../sidecar/src/server';
import { standalonePdfPool } from '../sidecar/src/pdf/workers';

/** PDFs are read in a worker thread, as in the sidecar. */
const pdfPool = standalonePdfPool();

const root = process.argv[2];
if (!root) {
	console.error('usage: node --import tsx bench/eval-invoice.ts <data-root>');
	process.exit(2);
}
const verbose = process.argv.includes('--verbose');
const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim().toUpperCase();
// SROIE's keys were typed apart from the print and differ from it in spaces ("27, JALAN" for a
// printed "27,JALAN", "NO.53,JALAN" for "NO.53, JALAN"): a second figure ignores spaces.
const bare = (s: string | null | undefined) => norm(s).replace(/ /g, '');

async function main(): Promise<void> {
	const sroie = path.resolve(root!, 'receipts', 'sroie');
	const sidecar = await startSidecar(loadConfig({ PORT: '0', DEVICE: 'cpu', PRELOAD_MODELS: 'pp-ocrv4' }), { logger: createLogger('error') });
	await sidecar.ready;
	const engine = sidecar.ctx.engines.ocr();
	const hits = { company: 0, date: 0, address: 0, total: 0 };
	const bareHits = { company: 0, address: 0 };
	// What a flow uses: the total as a number (the key's "RM 13.30" or "$8.20" is 13.30 or 8.20).
	let totalValueHits = 0;
	// The date as a flow gets it (ISO), with the day/month order the route assumes for an English page.
	let isoDateHits = 0;
	let dated = 0;
	let n = 0;
	for (const name of fs.readdirSync(path.join(sroie, 'img')).sort()) {
		const stem = name.replace(/\.jpg$/, '');
		const key = JSON.parse(fs.readFileSync(path.join(sroie, 'key', `${stem}.json`), 'utf8')) as Record<'company' | 'date' | 'address' | 'total', string>;
		const buffer = fs.readFileSync(path.join(sroie, 'img', name));
		const doc = await ocrDocument(engine, { filename: name, buffer, media: sniffMedia(buffer)! }, { ...OCR_DEFAULTS, lang: 'none' }, { maxPages: 1, pdf: pdfPool });
		const r = extractInvoice(doc.pages, { dateOrder: 'dmy', language: null });
		const got = {
			company: r.fields.vendorName,
			date: r.details.invoiceDate?.raw ?? null,
			address: r.fields.vendorAddress,
			total: r.details.total?.raw ?? null,
		};
		const want = findDates(key.date ?? '', 'dmy')[0]?.iso;
		if (want) {
			dated++;
			if (extractInvoice(doc.pages, { dateOrder: 'auto', language: 'en' }).fields.invoiceDate === want) isoDateHits++;
		}
		const keyTotal = parseAmount(key.total.replace(/^[^\d-]*/, ''));
		if (keyTotal !== null && r.fields.total !== null && Math.abs(keyTotal - r.fields.total) < 0.005) totalValueHits++;
		for (const f of Object.keys(hits) as Array<keyof typeof hits>) {
			const ok = norm(got[f]) === norm(key[f]);
			if (ok) hits[f]++;
			const spaced = f === 'company' || f === 'address';
			if (spaced && bare(got[f]) === bare(key[f])) bareHits[f]++;
			else if (verbose && !ok) console.log(`${stem} ${f}: ${JSON.stringify(got[f])} ≠ ${JSON.stringify(key[f])}`);
		}
		n++;
	}
	const pct = (k: keyof typeof hits) => ((hits[k] / n) * 100).toFixed(0);
	console.log(`SROIE key fields (${n} receipts, exact after whitespace normalisation): company ${pct('company')}%, date ${pct('date')}%, address ${pct('address')}%, total ${pct('total')}%`);
	console.log(`spaces ignored: company ${((bareHits.company / n) * 100).toFixed(0)}%, address ${((bareHits.address / n) * 100).toFixed(0)}%; total as a number: ${((totalValueHits / n) * 100).toFixed(0)}%; date as ISO with the route's order for English: ${((isoDateHits / Math.max(1, dated)) * 100).toFixed(0)}% of ${dated}`);
	await sidecar.close();
}

void main();
