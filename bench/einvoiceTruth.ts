/**
 * What an e-invoice XML says, read by a few patterns of its own (not the sidecar's reader), for the
 * benches that score the sidecar against it: the fields OCR Invoice returns, credit notes negative,
 * and the line items' count and sum. CII (ZUGFeRD 1 and 2, Factur-X, XRechnung) and UBL.
 */
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
export function expected(xml: string): Record<string, string | number | null> {
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
			amountDue: money(amount(value(sums, 'DuePayableAmount'))),
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
		amountDue: money(amount(value(totals, 'PayableAmount'))),
		lineItems: (xml.match(/<(?:[\w-]+:)?(InvoiceLine|CreditNoteLine)>/g) ?? []).length,
		lineItemsSum: money(amount(value(totals, 'LineExtensionAmount'))),
	};
}
