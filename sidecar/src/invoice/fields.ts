/** What extraction gives: the fields, where each was read and how sure, and the cross-checks. */
import type { FieldDetail, InvoiceFields } from '../contract/invoice';
import type { Candidate } from './candidates';

export type { FieldDetail, InvoiceFields };

export type FieldName = keyof InvoiceFields;

export interface Validation {
	/** subtotal + tax ≈ total (within 0.02 or 0.1 %). */
	subtotalPlusTax: 'pass' | 'fail' | 'not-checked';
	/** The seller's tax id by its format's check digits (a wrong or made-up number printed, or a misread one). */
	vendorTaxId: 'pass' | 'fail' | 'not-checked';
}

export interface InvoiceResult {
	/** A credit note gives its amounts negative. */
	documentType: 'invoice' | 'credit-note';
	fields: InvoiceFields;
	details: Partial<Record<FieldName, FieldDetail>>;
	validation: Validation;
}

/** What one finder found: some fields, and where each was read. */
export interface Found {
	fields: Partial<InvoiceFields>;
	details: Partial<Record<FieldName, FieldDetail>>;
}

/** A field's detail from the candidate it was read from; its confidence is also the OCR line's. */
export function detail(c: Candidate, raw: string, confidence: number): FieldDetail {
	return { raw, confidence: Math.round(Math.min(1, confidence * c.line.confidence) * 1000) / 1000, page: c.line.page, box: c.line.box };
}
