/**
 * E-invoices written by others: every XML file under the given folders (CII and UBL, ZUGFeRD 1 and 2,
 * XRechnung, Peppol) through POST /v1/ocr/invoice twice, as the bare file and embedded in a PDF as
 * Factur-X carries it. Each field is scored against the value read from the same XML by a few
 * independent patterns here (not the sidecar's reader), credit notes negative:
 *   node --import tsx bench/eval-einvoice.ts <folder> [<folder> …] [--verbose]
 * The sets measured so far (bench/README.md says how to fetch them): KoSIT's XRechnung test suite
 * (itplr-kosit/xrechnung-testsuite, src/test, Apache-2.0) and the EN 16931 examples
 * (ConnectingEurope/eInvoicing-EN16931, cii/examples and ubl/examples, EUPL-1.2).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../sidecar/src/config/config';
import { createLogger } from '../sidecar/src/log/logger';
import { startSidecar } from '../sidecar/src/server';
import { pdfWithEmbeddedXml } from '../test/helpers/einvoice';
import { multipart } from '../test/helpers/fixtures';
import { expected } from './einvoiceTruth';
import { tally } from './tally';

const verbose = process.argv.includes('--verbose');
const folders = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!folders.length) {
	console.error('usage: node --import tsx bench/eval-einvoice.ts <folder with XML e-invoices> [...]');
	process.exit(2);
}

const walk = (dir: string): string[] =>
	readdirSync(dir).flatMap((f) => {
		const p = join(dir, f);
		return statSync(p).isDirectory() ? walk(p) : /\.xml$/i.test(f) ? [p] : [];
	});

interface Answer {
	source?: string;
	fields?: Record<string, unknown>;
	lineItems?: Array<{ amount: number | null }>;
}

async function main(): Promise<void> {
	const files = folders.flatMap(walk).sort();
	const sidecar = await startSidecar(loadConfig({ PORT: '0', HOST: '127.0.0.1', DEVICE: 'cpu', PRELOAD_MODELS: 'pp-ocrv4' }), { logger: createLogger('error') });
	await sidecar.ready;
	const { count, print } = tally();
	for (const file of files) {
		const bytes = readFileSync(file);
		const want = expected(bytes.toString('utf8').replace(/^\uFEFF/, ''));
		const sent = [
			{ as: 'xml', name: 'invoice.xml', data: bytes },
			{ as: 'pdf', name: 'invoice.pdf', data: pdfWithEmbeddedXml(['Rechnung / Invoice', `Nr. ${String(want.invoiceNumber)}`], bytes) },
		];
		for (const { as, name, data } of sent) {
			const res = await fetch(`${sidecar.url}/v1/ocr/invoice`, { method: 'POST', body: multipart([{ name, data }]) });
			const body = (await res.json()) as Answer;
			const got: Record<string, unknown> = {
				...body.fields,
				lineItems: body.lineItems?.length ?? null,
				lineItemsSum: body.lineItems ? Math.round(body.lineItems.reduce((s, li) => s + (li.amount ?? 0), 0) * 100) / 100 : null,
			};
			const read = res.status === 200 && body.source === 'e-invoice';
			count(`${as}: read as an e-invoice`, read);
			for (const [field, w] of Object.entries(want)) {
				if (w === null) continue; // the XML has no such field
				const g = got[field];
				const ok = read && (typeof w === 'number' ? typeof g === 'number' && Math.abs(g - w) < 0.005 : g === w);
				count(`${as}: ${field}`, ok);
				count(`${as}: all fields`, ok);
				if (!ok && verbose) console.log(`${as} ${file}: ${field} ${JSON.stringify(g)} ≠ ${JSON.stringify(w)}${read ? '' : ` (HTTP ${res.status}, source ${String(body.source)})`}`);
			}
		}
	}
	console.log(`${files.length} XML files`);
	print(30);
	await sidecar.close();
}

void main();
