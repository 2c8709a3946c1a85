/**
 * Structured e-invoices: UN/CEFACT Cross Industry Invoice (ZUGFeRD 1 and 2, Factur-X, XRechnung CII) and
 * OASIS UBL 2.1 (XRechnung UBL, Peppol BIS) read into the same fields and line items OCR gives,
 * exactly as the seller's system wrote them. Credit notes (CII type 381, UBL CreditNote) give their
 * amounts negative, as a spreadsheet of money owed expects. Pure.
 */
import type { InvoiceFields } from '../invoice/extract';
import type { LineItem } from '../invoice/lineItems';
import { find, findAll, parseXml, textAt, XmlError, type XmlElement } from './xml';

export type DocumentType = 'invoice' | 'credit-note';

export interface EInvoice {
	format: 'CII' | 'UBL';
	/** The specification the document says it follows (e.g. urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0). */
	profile: string | null;
	documentType: DocumentType;
	fields: InvoiceFields;
	lineItems: LineItem[];
}

export { XmlError };

const num = (s: string | null): number | null => {
	if (s === null) return null;
	const v = Number(s.trim());
	return Number.isFinite(v) ? v : null;
};

/** CII dates: format 102 is YYYYMMDD; ISO dates pass as they are. */
function ciiDate(el: XmlElement | undefined): string | null {
	const raw = el?.text ?? null;
	if (!raw) return null;
	const m = /^(\d{4})(\d{2})(\d{2})$/.exec(raw.trim());
	if (m) return `${m[1]}-${m[2]}-${m[3]}`;
	return /^\d{4}-\d{2}-\d{2}/.test(raw) ? raw.slice(0, 10) : null;
}

const joinAddress = (parts: Array<string | null>) => {
	const kept = parts.filter((p): p is string => p !== null && p.trim() !== '');
	return kept.length ? kept.join(', ') : null;
};

function sign(fields: InvoiceFields, items: LineItem[], credit: boolean): void {
	if (!credit) return;
	const neg = (v: number | null) => (v === null ? null : -Math.abs(v));
	fields.subtotal = neg(fields.subtotal);
	fields.tax = neg(fields.tax);
	fields.total = neg(fields.total);
	fields.amountDue = neg(fields.amountDue);
	for (const li of items) li.amount = neg(li.amount);
}

const lineItem = (description: string | null, quantity: number | null, unitPrice: number | null, amount: number | null): LineItem => ({
	description,
	quantity,
	unitPrice,
	amount,
	check: quantity === null || unitPrice === null || amount === null ? 'not-checked' : Math.abs(quantity * unitPrice - amount) <= Math.max(0.02, Math.abs(amount) * 0.001) ? 'pass' : 'fail',
	page: 1,
	confidence: 1,
});

/**
 * Element names of the two CII generations, same meaning: ZUGFeRD 1.0 (root CrossIndustryDocument,
 * 2013) and D16B onwards (root CrossIndustryInvoice: ZUGFeRD 2, Factur-X, XRechnung CII).
 */
const CII_NAMES = {
	CrossIndustryInvoice: {
		context: 'ExchangedDocumentContext',
		document: 'ExchangedDocument',
		transaction: 'SupplyChainTradeTransaction',
		agreement: 'ApplicableHeaderTradeAgreement',
		delivery: 'ApplicableHeaderTradeDelivery',
		settlement: 'ApplicableHeaderTradeSettlement',
		summation: 'SpecifiedTradeSettlementHeaderMonetarySummation',
		lineAgreement: 'SpecifiedLineTradeAgreement',
		lineDelivery: 'SpecifiedLineTradeDelivery',
		lineSettlement: 'SpecifiedLineTradeSettlement',
		lineSummation: 'SpecifiedTradeSettlementLineMonetarySummation',
	},
	CrossIndustryDocument: {
		context: 'SpecifiedExchangedDocumentContext',
		document: 'HeaderExchangedDocument',
		transaction: 'SpecifiedSupplyChainTradeTransaction',
		agreement: 'ApplicableSupplyChainTradeAgreement',
		delivery: 'ApplicableSupplyChainTradeDelivery',
		settlement: 'ApplicableSupplyChainTradeSettlement',
		summation: 'SpecifiedTradeSettlementMonetarySummation',
		lineAgreement: 'SpecifiedSupplyChainTradeAgreement',
		lineDelivery: 'SpecifiedSupplyChainTradeDelivery',
		lineSettlement: 'SpecifiedSupplyChainTradeSettlement',
		lineSummation: 'SpecifiedTradeSettlementMonetarySummation',
	},
} as const;
type CiiRoot = keyof typeof CII_NAMES;
const isCiiRoot = (name: string): name is CiiRoot => name in CII_NAMES;

/** The amount in the invoice's currency where several are given (a second one may be in the accounting currency). */
const inCurrency = (els: XmlElement[], currency: string | null) => (els.find((e) => !e.attrs.currencyID || e.attrs.currencyID === currency) ?? els[0])?.text ?? null;

function fromCii(root: XmlElement, names: (typeof CII_NAMES)[CiiRoot]): EInvoice {
	const doc = find(root, names.document);
	const trade = find(root, names.transaction);
	const agreement = find(trade, names.agreement);
	const settlement = find(trade, names.settlement);
	const seller = find(agreement, 'SellerTradeParty');
	const buyer = find(agreement, 'BuyerTradeParty');
	const sums = find(settlement, names.summation);
	const address = find(seller, 'PostalTradeAddress');
	// VAT number (scheme VA) before a fiscal number (FC).
	const taxIds = findAll(seller, 'SpecifiedTaxRegistration').map((r) => find(r, 'ID')).filter((e): e is XmlElement => !!e);
	const taxId = (taxIds.find((e) => e.attrs.schemeID === 'VA') ?? taxIds[0])?.text ?? null;
	const currency = textAt(settlement, 'InvoiceCurrencyCode');
	// Without a tax total, the tax is the sum of the per-rate amounts.
	const perRate = findAll(settlement, 'ApplicableTradeTax').map((t) => num(textAt(t, 'CalculatedAmount')));
	const taxSum = perRate.length && perRate.every((v) => v !== null) ? Math.round(perRate.reduce((s: number, v) => s + v!, 0) * 100) / 100 : null;
	const credit = ['381', '396', '532'].includes(textAt(doc, 'TypeCode') ?? '');
	// Payment terms may come several times (a discount term first); the due date is in whichever has one.
	const due = findAll(settlement, 'SpecifiedTradePaymentTerms').map((t) => ciiDate(find(t, 'DueDateDateTime/DateTimeString'))).find((d) => d !== null) ?? null;
	const fields: InvoiceFields = {
		invoiceNumber: textAt(doc, 'ID'),
		invoiceDate: ciiDate(find(doc, 'IssueDateTime/DateTimeString')),
		dueDate: due,
		deliveryDate: ciiDate(find(trade, `${names.delivery}/ActualDeliverySupplyChainEvent/OccurrenceDateTime/DateTimeString`)),
		vendorName: textAt(seller, 'Name'),
		vendorAddress: joinAddress([textAt(address, 'LineOne'), textAt(address, 'LineTwo'), joinAddress([textAt(address, 'PostcodeCode'), textAt(address, 'CityName')])?.replace(', ', ' ') ?? null, textAt(address, 'CountryID')]),
		vendorTaxId: taxId,
		billTo: textAt(buyer, 'Name'),
		currency,
		subtotal: num(textAt(sums, 'TaxBasisTotalAmount')) ?? num(textAt(sums, 'LineTotalAmount')),
		tax: num(inCurrency(findAll(sums, 'TaxTotalAmount'), currency)) ?? taxSum,
		total: num(inCurrency(findAll(sums, 'GrandTotalAmount'), currency)) ?? num(textAt(sums, 'DuePayableAmount')),
		amountDue: num(textAt(sums, 'DuePayableAmount')) ?? num(inCurrency(findAll(sums, 'GrandTotalAmount'), currency)),
	};
	const lineItems = findAll(trade, 'IncludedSupplyChainTradeLineItem').map((li) => {
		const basis = num(textAt(li, `${names.lineAgreement}/NetPriceProductTradePrice/BasisQuantity`)) ?? 1;
		const price = num(textAt(li, `${names.lineAgreement}/NetPriceProductTradePrice/ChargeAmount`));
		return lineItem(
			textAt(li, 'SpecifiedTradeProduct/Name'),
			num(textAt(li, `${names.lineDelivery}/BilledQuantity`)),
			price === null ? null : price / (basis || 1),
			num(textAt(li, `${names.lineSettlement}/${names.lineSummation}/LineTotalAmount`)),
		);
	});
	sign(fields, lineItems, credit);
	return { format: 'CII', profile: textAt(find(root, names.context), 'GuidelineSpecifiedDocumentContextParameter/ID'), documentType: credit ? 'credit-note' : 'invoice', fields, lineItems };
}

function fromUbl(root: XmlElement): EInvoice {
	const credit = root.name === 'CreditNote' || ['381', '396', '532'].includes(textAt(root, 'InvoiceTypeCode') ?? '');
	const supplier = find(root, 'AccountingSupplierParty/Party');
	const customer = find(root, 'AccountingCustomerParty/Party');
	const address = find(supplier, 'PostalAddress');
	const totals = find(root, 'LegalMonetaryTotal');
	const currency = textAt(root, 'DocumentCurrencyCode');
	const tax = inCurrency(findAll(root, 'TaxTotal').map((t) => find(t, 'TaxAmount')).filter((e): e is XmlElement => !!e), currency);
	// The VAT registration before another tax scheme's (a Norwegian seller lists its TAX scheme too).
	const schemes = findAll(supplier, 'PartyTaxScheme');
	const vatScheme = schemes.find((t) => textAt(t, 'TaxScheme/ID')?.toUpperCase() === 'VAT') ?? schemes[0];
	const name = (party: XmlElement | undefined) => textAt(party, 'PartyLegalEntity/RegistrationName') ?? textAt(party, 'PartyName/Name');
	const fields: InvoiceFields = {
		invoiceNumber: textAt(root, 'ID'),
		invoiceDate: textAt(root, 'IssueDate'),
		dueDate: textAt(root, 'DueDate') ?? textAt(find(root, 'PaymentMeans'), 'PaymentDueDate'),
		deliveryDate: textAt(find(root, 'Delivery'), 'ActualDeliveryDate'),
		vendorName: name(supplier),
		vendorAddress: joinAddress([textAt(address, 'StreetName') ?? textAt(address, 'AddressLine/Line'), textAt(address, 'AdditionalStreetName'), joinAddress([textAt(address, 'PostalZone'), textAt(address, 'CityName')])?.replace(', ', ' ') ?? null, textAt(address, 'Country/IdentificationCode')]),
		vendorTaxId: textAt(vatScheme, 'CompanyID') ?? textAt(find(supplier, 'PartyLegalEntity'), 'CompanyID'),
		billTo: name(customer),
		currency,
		subtotal: num(textAt(totals, 'TaxExclusiveAmount')) ?? num(textAt(totals, 'LineExtensionAmount')),
		tax: num(tax),
		total: num(textAt(totals, 'TaxInclusiveAmount')) ?? num(textAt(totals, 'PayableAmount')),
		amountDue: num(textAt(totals, 'PayableAmount')) ?? num(textAt(totals, 'TaxInclusiveAmount')),
	};
	const lineItems = [...findAll(root, 'InvoiceLine'), ...findAll(root, 'CreditNoteLine')].map((li) => {
		const basis = num(textAt(li, 'Price/BaseQuantity')) ?? 1;
		const price = num(textAt(li, 'Price/PriceAmount'));
		return lineItem(textAt(li, 'Item/Name'), num(textAt(li, 'InvoicedQuantity') ?? textAt(li, 'CreditedQuantity')), price === null ? null : price / (basis || 1), num(textAt(li, 'LineExtensionAmount')));
	});
	sign(fields, lineItems, credit);
	return { format: 'UBL', profile: textAt(root, 'CustomizationID'), documentType: credit ? 'credit-note' : 'invoice', fields, lineItems };
}

/** UBL's two document roots. */
const UBL_ROOTS = ['Invoice', 'CreditNote'];
const isInvoiceRoot = (name: string) => isCiiRoot(name) || UBL_ROOTS.includes(name);
const ROOT_TAG = new RegExp(`<(?:[\\w-]+:)?(${[...Object.keys(CII_NAMES), ...UBL_ROOTS].join('|')})[\\s>]`);

/** Is this text an e-invoice (by its root element)? Cheap: looks at the first 4 KB only. */
export function looksLikeEInvoice(text: string): boolean {
	return ROOT_TAG.test(text.slice(0, 4096));
}

/** Reads an e-invoice (by itself or in a Peppol envelope); throws XmlError when it is not well-formed, or not CII or UBL. */
export function readEInvoice(text: string): EInvoice {
	const parsed = parseXml(text.replace(/^\uFEFF/, ''));
	// A Peppol transmission wraps the invoice in a Standard Business Document (its header, then the invoice).
	const root = parsed.name === 'StandardBusinessDocument' ? (parsed.children.find((c) => isInvoiceRoot(c.name)) ?? parsed) : parsed;
	if (isCiiRoot(root.name)) return fromCii(root, CII_NAMES[root.name]);
	if (UBL_ROOTS.includes(root.name)) return fromUbl(root);
	throw new XmlError(`its root element <${root.name}> is neither a CII CrossIndustryInvoice (or ZUGFeRD 1.0 CrossIndustryDocument) nor a UBL Invoice or CreditNote`);
}
