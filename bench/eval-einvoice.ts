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

const unescape = (s: string) => s.replace(/&(lt|gt|amp|quot|apos);/g, (_m, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e]!);
/** The first element named `tag` (any prefix) with everything inside it, or ''. */
const block = (xml: string, tag: string) => new RegExp(`<(?:[\\w-]+:)?${tag}[\\s>][\\s\\S]*?</(?:[\\w-]+:)?${tag}>`).exec(xml)?.[0] ?? '';
/** The text of the first element named `tag` that holds text only. */
const value = (xml: string, tag: string) => {
	const m = new RegExp(`<(?:[\\w-]+:)?${tag}(?:\\s[^>]*)?>([^<]*)</`).exec(xml);
	return m ? unescape(m[1]!.trim()) : null;
};
const amount = (s: string | null) => (s === null ? null : Number(s));
const isoDate = (s: string | null) => (s && /^\d{8}$/.test(s) ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6)}` : s);
const CREDIT_CODES = ['381', '396', '532'];

/** What the XML says, read by patterns: UBL keeps its header elements before the first aggregate. */
function expected(xml: string): Record<string, string | number | null> {
	const head = xml.slice(0, 4096);
	if (/<(?:[\w-]+:)?CrossIndustry(Invoice|Document)[\s>]/.test(head)) {
		const doc = block(xml, 'ExchangedDocument') || block(xml, 'HeaderExchangedDocument');
		const credit = CREDIT_CODES.includes(value(doc, 'TypeCode') ?? '');
		const sums = block(xml, 'SpecifiedTradeSettlementHeaderMonetarySummation') || block(xml, 'SpecifiedTradeSettlementMonetarySummation');
		const currency = value(xml, 'InvoiceCurrencyCode');
		const taxes = [...sums.matchAll(/<(?:[\w-]+:)?TaxTotalAmount([^>]*)>([^<]*)</g)];
		const tax = taxes.find((m) => !m[1]!.includes('currencyID') || m[1]!.includes(`"${currency}"`)) ?? taxes[0];
		const money = (v: number | null) => (v !== null && credit ? -Math.abs(v) : v);
		return {
			invoiceNumber: value(doc, 'ID'),
			invoiceDate: isoDate(value(block(doc, 'IssueDateTime'), 'DateTimeString')),
			dueDate: isoDate(value(block(xml, 'DueDateDateTime'), 'DateTimeString')),
			currency,
			vendorName: value(block(xml, 'SellerTradeParty'), 'Name'),
			billTo: value(block(xml, 'BuyerTradeParty'), 'Name'),
			subtotal: money(amount(value(sums, 'TaxBasisTotalAmount'))),
			tax: money(tax ? Number(tax[2]) : null),
			total: money(amount(value(sums, 'GrandTotalAmount'))),
			lineItems: (xml.match(/<(?:[\w-]+:)?IncludedSupplyChainTradeLineItem>/g) ?? []).length,
			lineItemsSum: money(amount(value(sums, 'LineTotalAmount'))),
		};
	}
	const header = xml.slice(0, xml.search(/<(?:[\w-]+:)?(UBLExtensions|AccountingSupplierParty|InvoicePeriod|OrderReference|BillingReference|AdditionalDocumentReference|Signature)[\s>]/));
	const credit = /<(?:[\w-]+:)?CreditNote[\s>]/.test(head) || CREDIT_CODES.includes(value(header, 'InvoiceTypeCode') ?? '');
	const party = (tag: string) => {
		const p = block(xml, tag);
		return value(p, 'RegistrationName') ?? value(block(p, 'PartyName'), 'Name');
	};
	const totals = block(xml, 'LegalMonetaryTotal');
	const money = (v: number | null) => (v !== null && credit ? -Math.abs(v) : v);
	return {
		invoiceNumber: value(header, 'ID'),
		invoiceDate: value(header, 'IssueDate'),
		dueDate: value(header, 'DueDate') ?? value(block(xml, 'PaymentMeans'), 'PaymentDueDate'),
		currency: value(header, 'DocumentCurrencyCode'),
		vendorName: party('AccountingSupplierParty'),
		billTo: party('AccountingCustomerParty'),
		subtotal: money(amount(value(totals, 'TaxExclusiveAmount'))),
		tax: money(amount(value(block(xml, 'TaxTotal'), 'TaxAmount'))),
		total: money(amount(value(totals, 'TaxInclusiveAmount'))),
		lineItems: (xml.match(/<(?:[\w-]+:)?(InvoiceLine|CreditNoteLine)>/g) ?? []).length,
		lineItemsSum: money(amount(value(totals, 'LineExtensionAmount'))),
	};
}

interface Answer {
	source?: string;
	fields?: Record<string, unknown>;
	lineItems?: Array<{ amount: number | null }>;
}

async function main(): Promise<void> {
	const files = folders.flatMap(walk).sort();
	const sidecar = await startSidecar(loadConfig({ PORT: '0', HOST: '127.0.0.1', DEVICE: 'cpu', PRELOAD_MODELS: 'pp-ocrv4' }), { logger: createLogger('error') });
	await sidecar.ready;
	const hits = new Map<string, { ok: number; n: number }>();
	const count = (key: string, ok: boolean) => {
		const h = hits.get(key) ?? { ok: 0, n: 0 };
		h.n++;
		if (ok) h.ok++;
		hits.set(key, h);
	};
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
	const pct = (h: { ok: number; n: number }) => `${((h.ok / h.n) * 100).toFixed(1)}% (${h.ok}/${h.n})`;
	for (const [key, h] of [...hits].sort()) console.log(`${key.padEnd(30)} ${pct(h)}`);
	await sidecar.close();
}

void main();
