/**
 * E-invoices as a viewer prints them, read without their XML: each <name>.pdf made by
 * bench/xrechnung-print.sh (KoSIT's XRechnung visualisation, a layout designed by others) through
 * POST /v1/ocr/invoice as the digital PDF (its text layer) and scanned (every page at 200 DPI, 1–2.5°
 * skew, noise, JPEG 40, in a PDF of those images as a scanner writes it). Fields are scored against <name>.xml, read by
 * bench/einvoiceTruth.ts; key fields all right, and silent errors (a wrong key field the OCR Invoice
 * node does not flag), as bench/eval-invoice-generated.ts counts them. Placeholders in the test
 * suite's data ("[Seller name]") are not scored.
 *   node --import tsx bench/eval-einvoice-print.ts <out of xrechnung-print.sh> [--as pdf,scan] [--split all|tune|heldout] [--verbose]
 * --split: files fall in `tune` or `heldout` by a hash of their name, so a change can be made
 *   looking at one half and measured on the other.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { loadConfig } from '../sidecar/src/config/config';
import { createLogger } from '../sidecar/src/log/logger';
import { openPdf } from '../sidecar/src/pdf/pdfjs';
import { renderPage } from '../sidecar/src/pdf/worker/page';
import { startSidecar } from '../sidecar/src/server';
import { weakFields } from '../nodes/OcrInvoice/execute';
import type { InvoiceResponse } from '../nodes/shared/types';
import { degrade } from '../test/helpers/documents';
import { buildPdf, multipart, type PdfPageSpec } from '../test/helpers/fixtures';
import { fieldMatches } from '../test/helpers/invoiceGen';
import { expected } from './einvoiceTruth';
import { tally } from './tally';

const option = (name: string, dflt: string) => {
	const i = process.argv.indexOf(name);
	return i > 0 ? process.argv[i + 1]! : dflt;
};
const folder = process.argv[2];
if (!folder || folder.startsWith('--')) {
	console.error('usage: node --import tsx bench/eval-einvoice-print.ts <folder made by bench/xrechnung-print.sh> [--as pdf,scan] [--split all|tune|heldout] [--verbose]');
	process.exit(2);
}
const modes = option('--as', 'pdf,scan').split(',');
const split = option('--split', 'all');
const verbose = process.argv.includes('--verbose');
const FIELDS = ['invoiceNumber', 'invoiceDate', 'dueDate', 'currency', 'vendorName', 'billTo', 'subtotal', 'tax', 'total', 'amountDue'];
const KEY = ['invoiceNumber', 'invoiceDate', 'vendorName', 'total'];

/** A stable half of the set by name (FNV-1a, low bit). */
const half = (name: string) => {
	let h = 0x811c9dc5;
	for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
	return h & 1 ? 'heldout' : 'tune';
};

/** Every page at 200 DPI as a degraded scan (JPEG), in a PDF of those images as a scanner writes it. */
async function scanned(pdf: Buffer, seed: number): Promise<Buffer> {
	const doc = await openPdf(new Uint8Array(pdf), 100_000_000);
	const pages: PdfPageSpec[] = [];
	try {
		for (let n = 1; n <= doc.numPages; n++) {
			const page = await renderPage(doc, n, 200 / 72, 40_000_000);
			const png = await sharp(Buffer.from(page.data), { raw: { width: page.width, height: page.height, channels: 3 } }).png().toBuffer();
			const jpeg = await degrade(png, { angleDeg: 1 + ((seed + n) % 4) * 0.5, noise: 25, jpegQuality: 40, seed: seed * 100 + n });
			const { width, height } = await sharp(jpeg).metadata();
			// Each page takes three objects (page, content, image): this page's image is the third.
			const image = 4 + 3 * (n - 1) + 2;
			pages.push({
				mediaBox: '0 0 595 842',
				resources: `<< /XObject << /Im1 ${image} 0 R >> >>`,
				content: 'q 595 0 0 842 0 0 cm /Im1 Do Q',
				extra: () => [Buffer.concat([Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>\nstream\n`, 'latin1'), jpeg, Buffer.from('\nendstream', 'latin1')])],
			});
		}
	} finally {
		await doc.destroy();
	}
	return buildPdf(pages);
}

async function main(): Promise<void> {
	const names = readdirSync(folder!)
		.filter((f) => f.endsWith('.pdf'))
		.map((f) => f.slice(0, -4))
		.filter((n) => split === 'all' || half(n) === split)
		.sort();
	const sidecar = await startSidecar(loadConfig({ PORT: '0', HOST: '127.0.0.1', DEVICE: 'cpu', PRELOAD_MODELS: 'pp-ocrv4' }), { logger: createLogger('error') });
	await sidecar.ready;
	const { count, print } = tally();
	for (const [i, name] of names.entries()) {
		const pdf = readFileSync(join(folder!, `${name}.pdf`));
		const want = expected(readFileSync(join(folder!, `${name}.xml`), 'utf8').replace(/^\uFEFF/, ''));
		for (const mode of modes) {
			const upload = mode === 'scan' ? { name: 'scan.pdf', data: await scanned(pdf, i + 1) } : { name: 'invoice.pdf', data: pdf };
			const res = await fetch(`${sidecar.url}/v1/ocr/invoice`, { method: 'POST', body: multipart([upload]) });
			const body = (await res.json()) as InvoiceResponse & { fields: Record<string, unknown> };
			const right = (field: string) => res.status === 200 && fieldMatches(body.fields[field], want[field] ?? null);
			// The XML has no such field, or a test suite's placeholder ("[Seller name]"), which names nobody.
			const scored = (field: string) => want[field] !== null && want[field] !== undefined && !/^\[.*\]$/.test(String(want[field]));
			const keyRight = KEY.filter(scored).every(right);
			const flagged = res.status !== 200 || weakFields(body, 0.8).length > 0;
			count(`${mode}: key fields all right`, keyRight);
			count(`${mode}: silent error (key field wrong, not flagged)`, !keyRight && !flagged);
			if (keyRight) count(`${mode}: flagged, key fields all right`, flagged);
			if (keyRight && flagged && verbose) console.log(`${mode} ${name}: flagged though right: ${weakFields(body, 0.8).map((f) => `${f} ${JSON.stringify(body.details[f as keyof typeof body.details]?.confidence ?? null)}`).join(', ')}`);
			for (const field of FIELDS) {
				if (!scored(field)) continue;
				const ok = right(field);
				count(`${mode}: field ${field}`, ok);
				count(`${mode}: all fields`, ok);
				if (!ok && verbose) console.log(`${mode} ${name}: ${field} ${JSON.stringify(body.fields?.[field])} ≠ ${JSON.stringify(want[field])}${flagged ? '' : ' (not flagged)'}`);
			}
		}
	}
	console.log(`${names.length} printed e-invoices (split ${split})`);
	print(48);
	await sidecar.close();
}

void main();
