/**
 * The document's own references, found by their labels: its number, the seller's tax id, its issue
 * and due dates. Pure given the page lines.
 */
import { candidatesFor, type PLine } from './candidates';
import { findDates, type DateOrder } from './dates';
import { detail, type Found } from './fields';

/**
 * The document number in a label's value: letters, digits and - / . joined, with a short series
 * prefix printed apart ("FT 2023/0142", Portuguese style). An amount ("5.930,00") is not one.
 */
export function firstId(text: string): string | null {
	const m = /(?:\b[A-Z]{1,4} (?=[A-Z]*\d))?[A-Z0-9][A-Z0-9\-/.]{1,}[A-Z0-9]/i.exec(text);
	if (!m || !/\d/.test(m[0]) || /^\d{1,3}(?:[.,\s]\d{3})*(?:[.,]\d{2})?$/.test(m[0])) return null;
	return m[0];
}

/** The invoice number (a labelled id that is not a date) and the seller's tax id. */
export function findIdentifiers(lines: PLine[], order: DateOrder): Found {
	const found: Found = { fields: {}, details: {} };
	for (const c of candidatesFor('invoiceNumber', lines)) {
		const id = firstId(c.text);
		if (id && !findDates(id, order).length) {
			found.fields.invoiceNumber = id;
			found.details.invoiceNumber = detail(c, c.text, c.placement);
			break;
		}
	}
	for (const c of candidatesFor('vendorTaxId', lines)) {
		const id = firstId(c.text);
		if (id) {
			found.fields.vendorTaxId = id;
			found.details.vendorTaxId = detail(c, c.text, c.placement);
			break;
		}
	}
	return found;
}

/** The due date by its label, then the issue date by its own (another date than the due one), else the first date on the page. */
export function findDocumentDates(lines: PLine[], order: DateOrder): Found {
	const found: Found = { fields: {}, details: {} };
	const dueCands = candidatesFor('dueDate', lines);
	for (const c of dueCands) {
		const d = findDates(c.text, order)[0];
		if (d) {
			found.fields.dueDate = d.iso;
			found.details.dueDate = detail(c, d.raw, c.placement * (d.ambiguous ? 0.8 : 1));
			break;
		}
	}
	const dueLines = new Set(dueCands.map((c) => c.line));
	for (const c of candidatesFor('invoiceDate', lines).filter((c) => !dueLines.has(c.line) || c.text !== c.line.text)) {
		const d = findDates(c.text, order)[0];
		if (d && d.iso !== found.fields.dueDate) {
			found.fields.invoiceDate = d.iso;
			found.details.invoiceDate = detail(c, d.raw, c.placement * (d.ambiguous ? 0.8 : 1));
			return found;
		}
	}
	// Receipts often print the date without a label: the first date on the page.
	for (const line of lines) {
		const d = findDates(line.text, order)[0];
		if (d && d.iso !== found.fields.dueDate) {
			found.fields.invoiceDate = d.iso;
			found.details.invoiceDate = detail({ text: line.text, line, score: 0.6, placement: 0.6 }, d.raw, 0.6);
			break;
		}
	}
	return found;
}

/** The buyer: the value of its label (or the line below it) that has words and is not a date. */
export function findBuyer(lines: PLine[], order: DateOrder): Found {
	for (const c of candidatesFor('billTo', lines)) {
		if (/\p{L}{2}/u.test(c.text) && !findDates(c.text, order).length) {
			const billTo = c.text.replace(/^[:\s]+/, '');
			return { fields: { billTo }, details: { billTo: detail(c, c.text, c.placement) } };
		}
	}
	return { fields: {}, details: {} };
}
