/**
 * Invoice and receipt fields from OCR lines with boxes, each group by its own finder (references.ts,
 * totals.ts, vendor.ts). Labels are found in the folded text; a
 * label's value is read from the rest of its line, the nearest line to its right on the same row,
 * or the line below it. Amount fields are cross-checked (subtotal + tax ≈ total) to pick between
 * candidates and to set confidence. Pure given the page lines.
 */
import { fold } from '../ocr/repair/fold';
import type { OcrPage } from '../ocr/types';
import { detectCurrency } from './amounts';
import { isCreditNote } from './documentType';
import { joinWordPieces, type PLine } from './candidates';
import { dayFirstCurrency, englishDateOrder, orderOf, type DateOrder } from './dates';
import type { FieldDetail, FieldName, InvoiceFields, InvoiceResult } from './fields';
import { buyerFields, findParties } from './parties';
import { findDocumentDates, findIdentifiers } from './references';
import { readTaxId, taxIdCheck, taxIdCurrency } from './taxIds';
import { findTotals } from './totals';
import { findVendor } from './vendor';

export type * from './fields';

export interface ExtractOptions {
	/**
	 * Day/month order when a date could be read both ways and the document does not tell. `auto`:
	 * day first, but for English pages from the US (englishDateOrder: by currency and country signs).
	 */
	dateOrder: DateOrder | 'auto';
	/** Page language (from OCR word repair), for a currency fallback. */
	language: string | null;
}

const EURO_LANGUAGES = new Set(['es', 'de', 'fr', 'it', 'pt', 'nl']);

export function extractInvoice(pages: OcrPage[], opts: ExtractOptions): InvoiceResult {
	// "N° TVA", "Nº de factura": the number sign's ° or º stands where the labels have a space (one for one, so positions still map back).
	const lines: PLine[] = joinWordPieces(pages.flatMap((p) => p.lines.map((l) => ({ ...l, page: p.page, folded: fold(l.text).replace(/[°º]/g, ' '), textLayer: p.source === 'text-layer' }))));
	const allText = lines.map((l) => l.text).join('\n');
	const currency = detectCurrency(allText, opts.language);
	// The currency the page is in, printed or (where OCR could not write its sign: ₹, £) that of a checked tax id on it.
	const moneyOf = currency ?? taxIdCurrency(lines.map((l) => readTaxId(l.text)).find((t) => t?.format && t.valid === true)?.id ?? null);
	const hint = opts.dateOrder !== 'auto' ? opts.dateOrder : opts.language === 'en' ? englishDateOrder(allText, moneyOf) : 'dmy';
	const { order, settled: byDates } = orderOf(allText, hint);
	// Every language but English writes the day first: a page in one of them settles the order too, and
	// so does an English page, or one in a language the reader does not guess (Dutch, Polish …), in the
	// money of a country that writes the day first (euros, pounds, rupees).
	const settled = byDates || (order === 'dmy' && ((opts.language !== null && opts.language !== 'en') || (opts.dateOrder === 'auto' && dayFirstCurrency(moneyOf))));
	const totals = findTotals(lines);
	// One finder per group of fields, each pure; none reads another's result but the parties' blocks.
	const parties = findParties(lines, order);
	const groups = [findIdentifiers(lines, order, parties.notSeller), findDocumentDates(lines, order, settled), totals, buyerFields(parties), findVendor(pages, lines, order, parties)];
	const fields: InvoiceFields = { invoiceNumber: null, invoiceDate: null, dueDate: null, deliveryDate: null, vendorName: null, vendorAddress: null, vendorTaxId: null, billTo: null, currency: null, subtotal: null, tax: null, total: null, amountDue: null };
	const details: Partial<Record<FieldName, FieldDetail>> = {};
	for (const group of groups) {
		Object.assign(fields, group.fields);
		Object.assign(details, group.details);
	}
	// No sign or code read (OCR cannot write ₹ or £, and often drops them): the country of the seller's tax id, then the language's.
	fields.currency = currency ?? taxIdCurrency(fields.vendorTaxId) ?? (opts.language && EURO_LANGUAGES.has(opts.language) ? 'EUR' : null);
	// A credit note's amounts go back to the buyer: negative, as printed or not ("Gutschrift … 119,00").
	const credit = isCreditNote(lines);
	if (credit) for (const f of ['subtotal', 'tax', 'total', 'amountDue'] as const) if (fields[f] !== null) fields[f] = -Math.abs(fields[f]!);
	return { documentType: credit ? 'credit-note' : 'invoice', fields, details, validation: { subtotalPlusTax: totals.validation, vendorTaxId: taxIdCheck(fields.vendorTaxId) } };
}
