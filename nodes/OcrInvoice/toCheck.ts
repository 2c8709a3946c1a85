/** The one line a reviewer reads: which fields to look at, and why, in plain words. */
import type { InvoiceResponse } from '../shared/types';

const WORDS: Record<string, string> = {
	invoiceNumber: 'invoice number',
	invoiceDate: 'invoice date',
	dueDate: 'due date',
	deliveryDate: 'delivery date',
	vendorName: 'vendor name',
	vendorAddress: 'vendor address',
	vendorTaxId: 'vendor tax ID',
	billTo: 'bill-to',
	currency: 'currency',
	subtotal: 'subtotal',
	tax: 'tax',
	total: 'total',
	amountDue: 'amount due',
	lineItems: 'line items',
};
const SUMS = ['subtotal', 'tax', 'total'];

function why(result: InvoiceResponse, field: string): string {
	const words = WORDS[field] ?? field;
	if (field === 'lineItems')
		return result.validation.lineItemsSum === 'fail'
			? `${words} (they do not add up to the subtotal)`
			: `${words} (quantity × unit price is not the amount on a line)`;
	const differs = result.validation.eInvoice?.differences?.find((d) => d.field === field);
	if (differs) return `${words} (the e-invoice says ${String(differs.eInvoice)}, the printed page ${String(differs.printed)})`;
	const value = (result.fields as unknown as Record<string, unknown>)[field];
	if (value === null || value === undefined) return `${words} (not found)`;
	if (SUMS.includes(field) && result.validation.subtotalPlusTax === 'fail') return `${words} ${String(value)} (subtotal + tax is not the total)`;
	if (field === 'vendorTaxId' && result.validation.vendorTaxId === 'fail') return `${words} ${String(value)} (its check digits do not add up)`;
	const detail = result.details[field as keyof InvoiceResponse['details']];
	return detail ? `${words} "${detail.raw}" (read with confidence ${detail.confidence.toFixed(2)})` : `${words} ${String(value)}`;
}

/** "" when nothing needs a look; else "Check the total (not found), the invoice date "05-01-2024" (…)". */
export function toCheck(result: InvoiceResponse, weakFields: readonly string[]): string {
	if (weakFields.length === 0) return '';
	return `Check the ${weakFields.map((f) => why(result, f)).join('; the ')}`;
}
