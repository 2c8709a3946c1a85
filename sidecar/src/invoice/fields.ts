/** What extraction gives: the fields, where each was read and how sure, and the cross-checks. */
import type { Candidate } from './candidates';

export interface FieldDetail {
	raw: string;
	confidence: number;
	/** 1-based page; 0 for a value from an e-invoice's XML. */
	page: number;
	/** Where on the page (null for a value from an e-invoice's XML). */
	box: [number, number, number, number] | null;
}

export interface InvoiceFields {
	invoiceNumber: string | null;
	invoiceDate: string | null;
	dueDate: string | null;
	vendorName: string | null;
	vendorAddress: string | null;
	vendorTaxId: string | null;
	billTo: string | null;
	currency: string | null;
	subtotal: number | null;
	tax: number | null;
	total: number | null;
}

export type FieldName = keyof InvoiceFields;

export interface Validation {
	/** subtotal + tax ≈ total (within 0.02 or 0.1 %). */
	subtotalPlusTax: 'pass' | 'fail' | 'not-checked';
}

export interface InvoiceResult {
	fields: InvoiceFields;
	details: Partial<Record<FieldName, FieldDetail>>;
	validation: Validation;
}

/** A field's detail from the candidate it was read from; its confidence is also the OCR line's. */
export function detail(c: Candidate, raw: string, confidence: number): FieldDetail {
	return { raw, confidence: Math.round(Math.min(1, confidence * c.line.confidence) * 1000) / 1000, page: c.line.page, box: c.line.box };
}
