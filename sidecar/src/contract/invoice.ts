/** The invoice answer: normalised fields, where each was found, cross-checks, line items. */
import { z } from 'zod';
import { Box, OcrPage } from './ocr';
import { answer, answers, int, named } from './schema';
import { ReviewPicture, Timings } from './tables';
import { CHECKS, DEVICES, DOCUMENT_TYPES, INVOICE_SOURCES } from './vocab';
const check = (description?: string) => (description ? z.enum(CHECKS).describe(description) : z.enum(CHECKS));
const text = () => z.string().nullable();
const amount = () => z.number().nullable();

export const InvoiceFields = named(
	answers,
	'InvoiceFields',
	z
		.object({
			invoiceNumber: text(),
			invoiceDate: text(),
			dueDate: text(),
			deliveryDate: text().describe('When the goods were delivered or the service performed (Lieferdatum, Leistungsdatum, date de livraison, tax point …)'),
			vendorName: text(),
			vendorAddress: text(),
			vendorTaxId: text(),
			billTo: text(),
			currency: text(),
			subtotal: amount(),
			tax: amount(),
			total: amount().describe('The invoice total, tax included, before anything already paid or taken off (an e-invoice\'s GrandTotalAmount)'),
			amountDue: amount().describe('What is left to pay: the total less a deposit, prepayment, payment made or agency commission printed after it (an e-invoice\'s DuePayableAmount); the total where nothing is taken off'),
		})
		.describe('Normalised values (dates ISO YYYY-MM-DD, amounts as numbers, currency ISO 4217, a tax id of a known format written compact: "GB 980 7806 84" as GB980780684), null when absent'),
);
export type InvoiceFields = z.output<typeof InvoiceFields>;

export const FieldDetail = answer('FieldDetail', {
	raw: z.string().describe('The text as printed'),
	confidence: z.number(),
	page: int().describe('0 for a value from an e-invoice XML'),
	box: Box.nullable().describe('Where on the page (null for a value from an e-invoice XML)'),
});
export type FieldDetail = z.output<typeof FieldDetail>;

export const LineItem = answer('LineItem', {
	description: text(),
	quantity: amount(),
	unitPrice: amount(),
	amount: amount(),
	check: check('quantity × unit price ≈ amount'),
	page: int(),
	confidence: z.number(),
});
export type LineItem = z.output<typeof LineItem>;

const scalar = z.union([z.string(), z.number(), z.null()]);

export const InvoiceValidation = answer('InvoiceValidation', {
	subtotalPlusTax: check(),
	vendorTaxId: check("The seller's tax id by its format's check digits (EU VAT numbers, GSTIN, ABN …): fail where they do not add up, a wrong or made-up number as printed; not-checked where the format has none"),
	lineItemsSum: check('Σ line amounts ≈ subtotal (or total)'),
	lineAmounts: check('quantity × unit price ≈ amount on every line that has all three'),
	eInvoice: z
		.object({
			matchesPrint: check().optional(),
			differences: z.array(z.object({ field: z.string(), eInvoice: scalar, printed: scalar })).optional(),
			format: z.enum(['CII', 'UBL']).optional(),
			profile: z.string().nullable().optional(),
			unreadable: z.string().optional(),
		})
		.optional()
		.describe('With an e-invoice: whether the printed page agrees with its XML (the XML wins) and where not; or why an embedded XML could not be read'),
});

export const InvoiceResult = answer('InvoiceResult', {
	model: z.string(),
	device: z.enum(DEVICES),
	filename: z.string(),
	pageCount: int(),
	source: z.enum(INVOICE_SOURCES).describe('e-invoice: fields and line items from the CII/UBL XML (a ZUGFeRD / Factur-X / XRechnung PDF, or an XML file), exactly; document: read from the pages'),
	documentType: z.enum(DOCUMENT_TYPES).describe('A credit note gives its amounts negative'),
	fields: InvoiceFields,
	details: z.record(z.string(), FieldDetail).describe('Per found field: the text as printed, confidence, page and box'),
	validation: InvoiceValidation,
	lineItems: z.array(LineItem).describe('From the table whose header names a description and an amount (or a quantity and a price); totals rows left out'),
	timings: Timings,
	pages: z.array(OcrPage),
	review: ReviewPicture.optional(),
});
