/**
 * Tables whose columns split amounts into base, tax and gross: a hotel's or a German invoice's tax
 * breakdown ("MwSt.-Satz | Netto | MwSt. | Brutto"), a marketplace's item rows ("Net Amount | Tax
 * Rate | Tax Amount | Total Amount"), a receipt's GST summary ("GST Summary | Amount(RM) | Tax(RM)").
 * A row's label ("VAT 20 %") says which rate it is, but its amounts are told apart by the column
 * headers they stand under, not by their order. Every row must check (base + tax = gross, or the tax
 * is the rate's share of the base or of the gross); the sums of the rows are then the invoice's
 * subtotal, tax and total. A row that only repeats the sums above it is the table's total row and
 * ends it. Pure given the page lines.
 */
import { findAmounts } from './amounts';
import { cy, h, type PLine } from './candidates';
import { RATE, TAX_TABLE_HEADING } from './labels';
import { closeTo, repairAmountText } from './payment';

type Column = 'rate' | 'net' | 'gross' | 'tax' | 'base' | 'other';

/** What a header cell holds, tried in this order: "Tax rate" is a rate, "Total HT" a net amount, "Total incl. VAT" a gross one. */
const HEADS: Array<[Exclude<Column, 'other'>, RegExp]> = [
	['rate', /\b(rate|satz|taux|tipo|aliquota|tarief|stawka|sats|sazba)\b|%|-satz\b/],
	['net', /\b(net|nett|netto|neto|ht|hors taxes?|excl|exkl|taxable|imponible|imponibile|base|liquido|zaklad|subtotal|sub total|zwischensumme|sous-total|subtotaal)\b/],
	['gross', /\b(gross|brutto|bruto|lordo|ttc|total|totale|totaal|gesamt|incl|inkl|including|celkem|razem)\b/],
	['tax', /\b(vat|tax|gst|igst|cgst|sgst|utgst|sst|mwst|ust|tva|iva|btw|moms|dph|steuer|steuerbetrag|imposta|podatek|cuota)\b/],
	// An amount column beside a tax column: the base or the gross, which the rows' rates decide.
	['base', /\b(amount|amt|betrag|montant|importe|importo|bedrag|valor|belopp|belob|kwota|castka)\b/],
];

/** A header cell's column; the table's own heading on its header row ("GST Summary", "VAT analysis") names none. */
const classOf = (folded: string): Column => (folded.split(/\s+/).length > 4 || TAX_TABLE_HEADING.test(folded) ? 'other' : (HEADS.find(([, re]) => re.test(folded))?.[0] ?? 'other'));


/** A column's sum, and its cells as printed (joined by " + " where there are several rows). */
export interface ColumnSum {
	value: number;
	raw: string;
}

export interface TaxTable {
	net: ColumnSum | null;
	tax: ColumnSum;
	gross: ColumnSum | null;
	/** The last row's tax cell, and the tax column's header. */
	line: PLine;
	header: PLine;
	/** The header row's cells: they label columns, not one amount each. */
	headers: readonly PLine[];
	rows: number;
}

interface Row {
	net?: number;
	tax?: number;
	gross?: number;
	base?: number;
	rate?: number;
	raw: Partial<Record<'net' | 'tax' | 'gross' | 'base', string>>;
	taxLine?: PLine;
}

/** The header cell a row's box stands under: the one it overlaps most, else the nearest within two row heights. */
function columnOf(box: PLine, header: readonly PLine[]): PLine | undefined {
	let best: PLine | undefined;
	let score = -Infinity;
	for (const cell of header) {
		const overlap = Math.min(box.box[2], cell.box[2]) - Math.max(box.box[0], cell.box[0]);
		const s = overlap > 0 ? overlap : -Math.abs((box.box[0] + box.box[2]) / 2 - (cell.box[0] + cell.box[2]) / 2);
		if (s > score) [best, score] = [cell, s];
	}
	return best && (score > 0 || -score < 2 * h(box) + (best.box[2] - best.box[0]) / 2) ? best : undefined;
}

/** A row's amounts by the column they stand under; its rate from its rate column or from anywhere on the row ("SR @ 6%"). */
function readRow(boxes: readonly PLine[], header: readonly PLine[], kinds: ReadonlyMap<PLine, Column>): Row {
	const row: Row = { raw: {} };
	for (const b of boxes) {
		const kind = kinds.get(columnOf(b, header)!);
		const text = repairAmountText(b.text);
		const rate = RATE.exec(text);
		if (rate && row.rate === undefined) row.rate = Number(rate[1]!.replace(',', '.'));
		if (!kind || kind === 'rate' || kind === 'other') continue;
		const amounts = findAmounts(text).filter((a) => !/^\s*%/.test(text.slice(a.at + a.raw.length)) && /[.,]\d{2}$/.test(a.raw));
		const a = amounts[amounts.length - 1];
		if (!a || row[kind] !== undefined) continue;
		row[kind] = a.value;
		row.raw[kind] = a.raw;
		if (kind === 'tax') row.taxLine = b;
	}
	// An amount column beside the tax is the base where the tax is its rate's share of it, the gross where the tax is inside it.
	if (row.base !== undefined && row.tax !== undefined && row.rate) {
		if (row.net === undefined && closeTo((row.base * row.rate) / 100, row.tax)) [row.net, row.raw.net] = [row.base, row.raw.base];
		else if (row.gross === undefined && closeTo((row.base * row.rate) / (100 + row.rate), row.tax)) [row.gross, row.raw.gross] = [row.base, row.raw.base];
	}
	return row;
}

function checks(r: Row): boolean {
	if (r.tax === undefined) return false;
	if (r.net !== undefined && r.gross !== undefined) return closeTo(r.net + r.tax, r.gross);
	if (!r.rate) return false;
	if (r.net !== undefined) return closeTo((r.net * r.rate) / 100, r.tax);
	if (r.gross !== undefined) return closeTo((r.gross * r.rate) / (100 + r.rate), r.tax);
	return false;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The first table on the pages whose header names a tax column and a base or gross column, and whose rows all check. */
export function findTaxTable(lines: readonly PLine[]): TaxTable | null {
	for (const head of lines) {
		if (classOf(head.folded) !== 'tax') continue;
		const header = lines.filter((o) => o.page === head.page && Math.abs(cy(o) - cy(head)) < 0.5 * Math.min(h(o), h(head))).sort((a, b) => a.box[0] - b.box[0]);
		const kinds = new Map(header.map((c) => [c, classOf(c.folded)] as const));
		// A tax word over a column of rates ("MwSt | Netto | Steuer | Brutto" over "A 7% | …") heads the rates.
		const firstRow = lines.filter((o) => o.page === head.page && cy(o) > Math.max(...header.map((c) => c.box[3])) && cy(o) - Math.max(...header.map((c) => c.box[3])) < 2 * h(head));
		for (const [cell, kind] of kinds) if (kind === 'tax' && firstRow.some((o) => columnOf(o, header) === cell && RATE.test(o.text) && !/\d[.,]\d{2}(?!\s*%)/.test(o.text.replace(RATE, '')))) kinds.set(cell, 'rate');
		// One tax column: a row of several ("CGST | SGST") is read by the labels, line by line.
		if ([...kinds.values()].filter((k) => k === 'tax').length !== 1 || ![...kinds.values()].some((k) => k === 'net' || k === 'gross' || k === 'base')) continue;
		const table = readTable(head, header, kinds, lines);
		if (table) return table;
	}
	return null;
}

function readTable(head: PLine, header: readonly PLine[], kinds: ReadonlyMap<PLine, Column>, lines: readonly PLine[]): TaxTable | null {
	const bottom = Math.max(...header.map((c) => c.box[3]));
	const below = lines.filter((o) => o.page === head.page && cy(o) > bottom).sort((a, b) => cy(a) - cy(b));
	const rows: Row[] = [];
	const sums = { net: 0, tax: 0, gross: 0 };
	let last = bottom;
	for (let i = 0; i < below.length; ) {
		const first = below[i]!;
		// Rows follow one another: a gap of more than three rows ends the table.
		if (first.box[1] - last > 3 * h(first)) break;
		const boxes = below.filter((o) => Math.abs(cy(o) - cy(first)) < 0.5 * Math.min(h(o), h(first)));
		i = below.indexOf(boxes[boxes.length - 1]!) + 1;
		const row = readRow(boxes, header, kinds);
		const present = (['net', 'tax', 'gross'] as const).filter((k) => row[k] !== undefined);
		if (present.length === 0) {
			if (rows.length > 0) break;
			continue;
		}
		// The table's own total row: every amount it prints is the sum of the rows above.
		// (A second row that repeats a single row is its total too, more often than an item bought twice.)
		if (rows.length > 0 && present.every((k) => closeTo(row[k]!, round2(sums[k])))) break;
		if (!checks(row)) return null;
		rows.push(row);
		for (const k of present) sums[k] += row[k]!;
		last = Math.max(...boxes.map((b) => b.box[3]));
	}
	if (rows.length === 0) return null;
	const column = (k: 'net' | 'tax' | 'gross'): ColumnSum | null => (rows.every((r) => r[k] !== undefined) ? { value: round2(sums[k]), raw: rows.map((r) => r.raw[k]!).join(' + ') } : null);
	return { net: column('net'), tax: column('tax')!, gross: column('gross'), line: rows[rows.length - 1]!.taxLine!, header: head, headers: header, rows: rows.length };
}
