/**
 * Per-field accuracy of POST /v1/ocr/invoice on invoices generated from known data, clean at
 * 200 DPI, as degraded scans (1–2.5° skew, noise, JPEG 40) and as phone photos (the page in
 * perspective on a desk, uneven light, blur, a 10-megapixel JPEG; test/helpers/variants.ts).
 * Needs no data folder:
 *   node --import tsx bench/eval-invoice-generated.ts [--per 2] [--set main|issuers] [--as clean,scan,photo] [--verbose]
 * --set main (default): test/helpers/invoiceGen.ts, six languages, four layouts, three fonts;
 *   line items are scored per invoice (every row, with its quantity, unit price and amount).
 * --set issuers: test/helpers/invoiceGenIssuers.ts, layouts as real issuers print them (a SaaS
 *   invoice, a marketplace order, a business letter, a hotel folio, an energy bill, a till
 *   receipt), four languages each.
 * --per: invoices per language × layout × condition (default 2 → 96 invoices for main, 96 for issuers, per two conditions).
 * --as: the conditions (default clean,scan,photo); each condition gets its own seeds.
 */
import { loadConfig } from '../sidecar/src/config/config';
import { createLogger } from '../sidecar/src/log/logger';
import { startSidecar } from '../sidecar/src/server';
import { degrade, renderPage } from '../test/helpers/documents';
import { photographed } from '../test/helpers/variants';
import { multipart } from '../test/helpers/fixtures';
import { weakFields } from '../nodes/OcrInvoice/execute';
import type { InvoiceResponse } from '../nodes/shared/types';
import { fieldMatches, GEN_FONTS, GEN_LANGS, GEN_LAYOUTS, generatedInvoice } from '../test/helpers/invoiceGen';
import { ISSUER_LANGS, ISSUER_LAYOUTS, issuerInvoice } from '../test/helpers/invoiceGenIssuers';
import type { DocLine } from '../test/helpers/documents';
import { tally } from './tally';

const arg = (name: string, dflt: number) => {
	const i = process.argv.indexOf(name);
	return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const per = arg('--per', 2);
const verbose = process.argv.includes('--verbose');
const set = process.argv.includes('--set') ? process.argv[process.argv.indexOf('--set') + 1] : 'main';
const conditions = (process.argv.includes('--as') ? process.argv[process.argv.indexOf('--as') + 1]! : 'clean,scan,photo').split(',');
const FILE_NAMES: Record<string, string> = { clean: 'invoice.png', scan: 'scan.jpg', photo: 'photo.jpg' };

interface Case {
	lang: string;
	layout: string;
	lines: DocLine[];
	page?: { widthMm: number; heightMm: number };
	expected: Record<string, string | number | null>;
	aliases?: Record<string, string[] | undefined>;
	/** Scored where the generator knows them. */
	items?: Array<{ quantity: number; unitPrice: number; amount: number }>;
}

/** The generated set's invoices for one condition, seeds counted on from `seed`. */
function cases(seed: number): Array<Case & { font: string; seed: number }> {
	const out: Array<Case & { font: string; seed: number }> = [];
	const pairs = set === 'issuers' ? ISSUER_LAYOUTS.flatMap((layout) => ISSUER_LANGS[layout].map((lang) => [lang, layout] as const)) : GEN_LANGS.flatMap((lang) => GEN_LAYOUTS.map((layout) => [lang, layout] as const));
	for (const [lang, layout] of pairs) {
		for (let k = 0; k < per; k++) {
			const font = GEN_FONTS[(seed + k) % GEN_FONTS.length]!;
			const inv = set === 'issuers' ? issuerInvoice(seed, lang as never, layout as never, font) : generatedInvoice(seed, lang as never, layout as never, font);
			out.push({ ...(inv as unknown as Case), lang, layout, font, seed: seed++ });
		}
	}
	return out;
}

async function main(): Promise<void> {
	const sidecar = await startSidecar(loadConfig({ PORT: '0', HOST: '127.0.0.1', DEVICE: 'cpu', PRELOAD_MODELS: 'pp-ocrv4' }), { logger: createLogger('error') });
	await sidecar.ready;
	const { count, print } = tally();
	let seed = 1;
	// Seeds run on across the conditions in this order, whichever are measured, so clean and scan keep
	// the invoices they had before photos were added.
	for (const condition of ['clean', 'scan', 'photo']) {
		const batch = cases(seed);
		seed += batch.length;
		if (!conditions.includes(condition)) continue;
		for (const inv of batch) {
			const { lang, layout, font } = inv;
			let image = await renderPage(inv.lines, { dpi: 200, ...inv.page });
			if (condition === 'scan') image = await degrade(image, { angleDeg: 1 + ((inv.seed + 1) % 4) * 0.5, noise: 25, jpegQuality: 40, seed: inv.seed + 1 });
			if (condition === 'photo') image = (await photographed(image, { seed: inv.seed, megapixels: 10 })).jpeg;
			const res = await fetch(`${sidecar.url}/v1/ocr/invoice`, { method: 'POST', body: multipart([{ name: FILE_NAMES[condition]!, data: image }]) });
			const body = (await res.json()) as { fields: Record<string, unknown>; lineItems?: Array<{ quantity: number | null; unitPrice: number | null; amount: number | null }> };
			if (inv.items) {
				// Line items: every row found, each with its quantity, unit price and amount.
				const got = body.lineItems ?? [];
				const itemsOk = got.length === inv.items.length && inv.items.every((w, i) => fieldMatches(got[i]!.quantity, w.quantity) && fieldMatches(got[i]!.unitPrice, w.unitPrice) && fieldMatches(got[i]!.amount, w.amount));
				count('line items (whole table)', itemsOk);
				if (!itemsOk && verbose) console.log(`${condition} ${lang} ${layout} ${font} seed ${inv.seed} lineItems: ${JSON.stringify(got.map((g) => [g.quantity, g.unitPrice, g.amount]))} ≠ ${JSON.stringify(inv.items.map((w) => [w.quantity, w.unitPrice, w.amount]))}`);
			}
			const matches = (field: string) => res.status === 200 && [inv.expected[field]!, ...(inv.aliases?.[field] ?? [])].some((want) => fieldMatches(body.fields?.[field], want ?? null));
			// Review flags as the OCR Invoice node sets them (default threshold 0.8): a silent error is a
			// wrong key field (number, date, vendor, total) on an invoice not flagged for review.
			const keyRight = ['invoiceNumber', 'invoiceDate', 'vendorName', 'total'].every(matches);
			const flagged = res.status !== 200 || weakFields(body as unknown as InvoiceResponse, 0.8).length > 0;
			count('review: silent error (key field wrong, not flagged)', !keyRight && !flagged);
			count(`key fields all right`, keyRight);
			if (keyRight) count('review: flagged, key fields all right', flagged);
			if (keyRight && flagged && verbose) console.log(`flagged ${condition} ${lang} ${layout} seed ${inv.seed}: ${weakFields(body as unknown as InvoiceResponse, 0.8).map((f) => `${f} ${JSON.stringify((body as unknown as InvoiceResponse).details[f]?.confidence ?? null)}`).join(', ')}`);
			for (const [field, want] of Object.entries(inv.expected)) {
				const ok = matches(field);
				count(`field ${field}`, ok);
				count(`${condition}`, ok);
				count(`lang ${lang}`, ok);
				count(`layout ${layout}`, ok);
				count('all', ok);
				if (!ok && verbose) console.log(`${condition} ${lang} ${layout} ${font} seed ${inv.seed} ${field}: ${JSON.stringify(body.fields?.[field])} ≠ ${JSON.stringify(want)}`);
			}
		}
	}
	print(22);
	await sidecar.close();
}

void main();
