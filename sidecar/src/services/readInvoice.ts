/**
 * Reading an invoice: its fields, line items and checks, from whatever the client sent.
 * - A PDF carrying a ZUGFeRD / Factur-X / XRechnung XML, or a bare CII or UBL XML file: fields and
 *   line items come from the XML exactly (`source: "e-invoice"`, confidence 1). A PDF's printed
 *   page is read too, and where it disagrees with the XML the XML wins and `validation.eInvoice`
 *   lists the differences.
 * - Otherwise: the pages are read (text layer or OCR) and the fields found by their labels.
 */
import { EInvoiceError } from '../errors';
import { xmlText } from '../einvoice/decode';
import { readEInvoice, XmlError, looksLikeEInvoice, type EInvoice } from '../einvoice/read';
import type { DateOrder } from '../invoice/dates';
import { extractInvoice, type FieldDetail, type FieldName, type InvoiceFields, type InvoiceResult } from '../invoice/extract';
import { itemsAddUp, lineItemsFrom, type LineItem } from '../invoice/lineItems';
import { closeTo } from '../invoice/payment';
import { taxIdCheck } from '../invoice/taxIds';
import type { InputFile } from '../media/file';
import type { DocumentReaders, OcrDocument } from '../ocr/document';
import type { OcrEngine } from '../ocr/engine';
import type { OcrRequestOptions } from '../ocr/options';
import type { ReviewPages } from '../review/pages';
import { tableDocument, TEXT_READING } from '../table/document';
import { TABLE_DEFAULTS } from '../table/extract';

export type DateOrderOption = DateOrder | 'auto';

export interface EInvoiceCheck {
	/** pass: the printed page says the same; fail: `differences` lists where not; not-checked: no printed page to compare. */
	matchesPrint: 'pass' | 'fail' | 'not-checked';
	differences: Array<{ field: FieldName; eInvoice: string | number | null; printed: string | number | null }>;
	format: EInvoice['format'];
	profile: string | null;
	/** Where an embedded XML was found but could not be read (the printed page was used instead). */
	unreadable?: string;
}

export interface InvoiceReading extends InvoiceResult {
	source: 'e-invoice' | 'document';
	documentType: 'invoice' | 'credit-note';
	lineItems: LineItem[];
	validation: InvoiceResult['validation'] & {
		lineItemsSum: 'pass' | 'fail' | 'not-checked';
		lineAmounts: 'pass' | 'fail' | 'not-checked';
		eInvoice?: EInvoiceCheck | { unreadable: string };
	};
	/** The document as read (pages in the upright frame; empty for a bare XML file). */
	doc: OcrDocument;
}

/** Fields the printed page must agree on with the XML (what a person would check). */
const COMPARED: FieldName[] = ['invoiceNumber', 'invoiceDate', 'dueDate', 'deliveryDate', 'currency', 'subtotal', 'tax', 'total', 'amountDue'];

function same(a: string | number | null, b: string | number | null): boolean {
	if (a === null || b === null) return true;
	if (typeof a === 'number' && typeof b === 'number') return closeTo(Math.abs(a), Math.abs(b));
	return String(a).replace(/\s+/g, '').toLowerCase() === String(b).replace(/\s+/g, '').toLowerCase();
}

/** Checks as the OCR path gives them, from the XML's own figures. */
function checks(fields: InvoiceFields, lineItems: LineItem[]) {
	const { subtotal, tax, total } = fields;
	return {
		subtotalPlusTax: subtotal === null || tax === null || total === null ? ('not-checked' as const) : closeTo(subtotal + tax, total) ? ('pass' as const) : ('fail' as const),
		vendorTaxId: taxIdCheck(fields.vendorTaxId),
		lineItemsSum: itemsAddUp(lineItems, subtotal, total),
		lineAmounts: lineItems.length === 0 || lineItems.every((i) => i.check === 'not-checked') ? ('not-checked' as const) : lineItems.some((i) => i.check === 'fail') ? ('fail' as const) : ('pass' as const),
	};
}

function fromEInvoice(e: EInvoice, doc: OcrDocument, printed: InvoiceResult | null): InvoiceReading {
	const details: Partial<Record<FieldName, FieldDetail>> = {};
	for (const [k, v] of Object.entries(e.fields) as Array<[FieldName, string | number | null]>) {
		if (v !== null) details[k] = { raw: String(v), confidence: 1, page: 0, box: null };
	}
	const differences = printed ? COMPARED.filter((f) => !same(e.fields[f], printed.fields[f])).map((f) => ({ field: f, eInvoice: e.fields[f], printed: printed.fields[f] })) : [];
	return {
		source: 'e-invoice',
		documentType: e.documentType,
		fields: e.fields,
		details,
		lineItems: e.lineItems,
		validation: { ...checks(e.fields, e.lineItems), eInvoice: { matchesPrint: printed ? (differences.length ? 'fail' : 'pass') : 'not-checked', differences, format: e.format, profile: e.profile } },
		doc,
	};
}

const EMPTY_DOC = (file: InputFile): OcrDocument => ({ filename: file.filename, mediaType: file.media.mediaType, pageCount: 0, pages: [], timings: { decodeMs: 0, ocrMs: 0, textLayerMs: 0 } });

export async function readInvoice(engine: OcrEngine, file: InputFile, ocr: OcrRequestOptions, dateOrder: DateOrderOption, readers: DocumentReaders, review?: ReviewPages): Promise<InvoiceReading> {
	if (file.media.kind === 'xml') {
		try {
			return fromEInvoice(readEInvoice(xmlText(file.buffer)), EMPTY_DOC(file), null);
		} catch (err) {
			if (err instanceof XmlError) throw new EInvoiceError(`${file.filename} is not a readable e-invoice: ${err.message}`);
			throw err;
		}
	}
	// An e-invoice inside a PDF: its embedded XML (ZUGFeRD / Factur-X / XRechnung).
	let embedded: EInvoice | null = null;
	let unreadable: string | null = null;
	if (file.media.kind === 'pdf') {
		const pdf = await readers.pdf.open(file.buffer, file.filename, readers.signal);
		try {
			for (const a of await pdf.attachments()) {
				const text = xmlText(a.content);
				if (!looksLikeEInvoice(text)) continue;
				try {
					embedded = readEInvoice(text);
					break;
				} catch (err) {
					if (!(err instanceof XmlError)) throw err;
					unreadable = `${a.name}: ${err.message}`;
				}
			}
		} finally {
			await pdf.close();
		}
	}
	// The printed pages: read as for fields alone; their tables give the line items.
	const { doc, tables } = await tableDocument(engine, file, ocr, TABLE_DEFAULTS, readers, TEXT_READING, review);
	const language = ocr.lang !== 'auto' && ocr.lang !== 'none' ? ocr.lang : (doc.pages.find((p) => p.language)?.language ?? null);
	const printed = extractInvoice(doc.pages, { dateOrder, language });
	if (embedded) return fromEInvoice(embedded, doc, printed);
	const lineItems = lineItemsFrom(tables);
	const { lineItemsSum, lineAmounts } = checks(printed.fields, lineItems);
	return {
		...printed,
		source: 'document',
		documentType: printed.documentType,
		lineItems,
		validation: { ...printed.validation, lineItemsSum, lineAmounts, ...(unreadable ? { eInvoice: { unreadable } } : {}) },
		doc,
	};
}
