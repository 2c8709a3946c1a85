/**
 * Per-field accuracy of POST /v1/ocr/invoice on invoices generated from known data
 * (test/helpers/invoiceGen.ts: six languages, four layouts, three fonts), clean at 200 DPI and
 * as degraded scans (1–2.5° skew, noise, JPEG 40). Needs no data folder:
 *   node --import tsx bench/eval-invoice-generated.ts [--per 2] [--verbose]
 * --per: invoices per language × layout × condition (default 2 → 96 invoices); line items are scored per invoice (every row, with its quantity, unit price and amount).
 */
import { loadConfig } from '../sidecar/src/config/config';
import { createLogger } from '../sidecar/src/log/logger';
import { startSidecar } from '../sidecar/src/server';
import { degrade, renderPage } from '../test/helpers/documents';
import { multipart } from '../test/helpers/fixtures';
import { weakFields } from '../nodes/OcrInvoice/execute';
import type { InvoiceResponse } from '../nodes/shared/types';
import { fieldMatches, GEN_FONTS, GEN_LANGS, GEN_LAYOUTS, generatedInvoice, type GeneratedFields } from '../test/helpers/invoiceGen';

const arg = (name: string, dflt: number) => {
	const i = process.argv.indexOf(name);
	return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const per = arg('--per', 2);
const verbose = process.argv.includes('--verbose');

async function main(): Promise<void> {
	const sidecar = await startSidecar(loadConfig({ PORT: '0', HOST: '127.0.0.1', DEVICE: 'cpu', PRELOAD_MODELS: 'pp-ocrv4' }), { logger: createLogger('error') });
	await sidecar.ready;
	const hits = new Map<string, { ok: number; n: number }>();
	const count = (key: string, ok: boolean) => {
		const h = hits.get(key) ?? { ok: 0, n: 0 };
		h.n++;
		if (ok) h.ok++;
		hits.set(key, h);
	};
	let seed = 1;
	for (const condition of ['clean', 'scan'] as const) {
		for (const lang of GEN_LANGS) {
			for (const layout of GEN_LAYOUTS) {
				for (let k = 0; k < per; k++) {
					const font = GEN_FONTS[(seed + k) % GEN_FONTS.length]!;
					const inv = generatedInvoice(seed++, lang, layout, font);
					let image = await renderPage(inv.lines, { dpi: 200 });
					if (condition === 'scan') image = await degrade(image, { angleDeg: 1 + (seed % 4) * 0.5, noise: 25, jpegQuality: 40, seed });
					const res = await fetch(`${sidecar.url}/v1/ocr/invoice`, { method: 'POST', body: multipart([{ name: condition === 'scan' ? 'scan.jpg' : 'invoice.png', data: image }]) });
					const body = (await res.json()) as { fields: Record<string, unknown>; lineItems?: Array<{ quantity: number | null; unitPrice: number | null; amount: number | null }> };
					// Line items: every row found, each with its quantity, unit price and amount.
					const got = body.lineItems ?? [];
					const itemsOk = got.length === inv.items.length && inv.items.every((w, i) => fieldMatches(got[i]!.quantity, w.quantity) && fieldMatches(got[i]!.unitPrice, w.unitPrice) && fieldMatches(got[i]!.amount, w.amount));
					count('line items (whole table)', itemsOk);
					if (!itemsOk && verbose) console.log(`${condition} ${lang} ${layout} ${font} seed ${seed - 1} lineItems: ${JSON.stringify(got.map((g) => [g.quantity, g.unitPrice, g.amount]))} ≠ ${JSON.stringify(inv.items.map((w) => [w.quantity, w.unitPrice, w.amount]))}`);
					// Review flags as the OCR Invoice node sets them (default threshold 0.8): a silent error is a
					// wrong key field (number, date, vendor, total) on an invoice not flagged for review.
					const keyRight = (['invoiceNumber', 'invoiceDate', 'vendorName', 'total'] as const).every((f) => fieldMatches(body.fields?.[f], inv.expected[f]));
					const flagged = res.status !== 200 || weakFields(body as unknown as InvoiceResponse, 0.8).length > 0;
					count('review: silent error (key field wrong, not flagged)', !keyRight && !flagged);
					if (keyRight) count('review: flagged, key fields all right', flagged);
					if (keyRight && flagged && verbose) console.log(`flagged ${condition} ${lang} ${layout} seed ${seed - 1}: ${weakFields(body as unknown as InvoiceResponse, 0.8).map((f) => `${f} ${JSON.stringify((body as unknown as InvoiceResponse).details[f]?.confidence ?? null)}`).join(', ')}`);
					for (const [field, want] of Object.entries(inv.expected) as Array<[keyof GeneratedFields, string | number | null]>) {
						const ok = res.status === 200 && fieldMatches(body.fields?.[field], want);
						count(`field ${field}`, ok);
						count(`${condition}`, ok);
						count(`lang ${lang}`, ok);
						count(`layout ${layout}`, ok);
						count('all', ok);
						if (!ok && verbose) console.log(`${condition} ${lang} ${layout} ${font} seed ${seed - 1} ${field}: ${JSON.stringify(body.fields?.[field])} ≠ ${JSON.stringify(want)}`);
					}
				}
			}
		}
	}
	const pct = (h: { ok: number; n: number }) => `${((h.ok / h.n) * 100).toFixed(1)}% (${h.ok}/${h.n})`;
	for (const [key, h] of [...hits].sort()) console.log(`${key.padEnd(22)} ${pct(h)}`);
	await sidecar.close();
}

void main();
