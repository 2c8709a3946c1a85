/**
 * What a review picture outlines: invoice fields where they were found (labelled with the value as
 * read, in orange when a person should check it), or each table with its cells (cells read with
 * low confidence in orange, with their text). Boxes stay in the upright frame the pages were read
 * in, which is the frame ReviewPages keeps. Pure.
 */
import type { FieldDetail, FieldName, InvoiceFields, Validation } from '../invoice/extract';
import type { Table } from '../table/types';
import type { Mark } from './draw';

/** Below this confidence a field or cell is marked for checking (the nodes' default review threshold). */
export const REVIEW_CONFIDENCE = 0.8;

const SUMS: FieldName[] = ['subtotal', 'tax', 'total'];

export function invoiceMarks(fields: InvoiceFields, details: Partial<Record<FieldName, FieldDetail>>, validation: Pick<Validation, 'subtotalPlusTax'>): Mark[] {
	const marks: Mark[] = [];
	for (const [name, d] of Object.entries(details) as Array<[FieldName, FieldDetail | undefined]>) {
		if (!d?.box) continue;
		const value = fields[name];
		const doubtful = d.confidence < REVIEW_CONFIDENCE || (validation.subtotalPlusTax === 'fail' && SUMS.includes(name));
		marks.push({ page: d.page, box: d.box, label: `${name}: ${value ?? d.raw}`, tone: doubtful ? 'check' : 'ok' });
	}
	return marks;
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

export function tableMarks(tables: readonly Table[]): Mark[] {
	return tables.flatMap((t, i) => {
		const columns = t.rows[0]?.length ?? t.header?.length ?? 0;
		const region: Mark = { page: t.page, box: t.box, label: `Table ${i + 1} · ${t.method} · ${plural(t.rows.length, 'row')} × ${plural(columns, 'column')}`, tone: 'region' };
		const cells = t.cells.map((c): Mark => (c.confidence < REVIEW_CONFIDENCE && c.text ? { page: t.page, box: c.box, label: c.text, tone: 'check' } : { page: t.page, box: c.box, label: '', tone: 'cell' }));
		return [region, ...cells];
	});
}
