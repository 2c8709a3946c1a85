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
import { proportionalWords } from '../ocr/layout/words';
import { fold } from '../ocr/repair/fold';
import { findAmounts } from './amounts';
import { cy, h, type PLine } from './candidates';
import { RATE, TAX_TABLE_HEADING } from './labels';
import { closeTo, repairAmountText } from './payment';

type Column = 'rate' | 'net' | 'gross' | 'tax' | 'base' | 'other';

/**
 * What a header cell holds, tried in this order: "Tax rate" is a rate, "Total HT" a net amount,
 * "Total incl. VAT" a gross one. German, Dutch and Nordic heads are compounds of these words
 * ("Nettobetrag", "MwSt-Betrag", "Endbetrag", "Steuersatz", "Momsbelopp", "Bruttobelopp").
 */
const HEADS: Array<[Exclude<Column, 'other'>, RegExp]> = [
	['rate', /\b(rate|satz|taux|tipo|aliquota|tarief|stawka|sats|sazba)\b|%|(steuer|mwst|ust)satz\b/],
	['net', /\b(net|nett|neto|ht|hors taxes?|excl|exkl|taxable|imponible|imponibile|base|liquido|zaklad|subtotal|sub total|zwischensumme|sous-total|subtotaal)\b|\bnetto|netto\b/],
	['gross', /\b(gross|bruto|lordo|ttc|total|totale|totaal|gesamt|gesamtbetrag|gesamtsumme|endbetrag|endsumme|rechnungsbetrag|zahlbetrag|incl|inkl|including|celkem|razem)\b|\bbrutto|brutto\b/],
	['tax', /\b(vat|tax|gst|igst|cgst|sgst|utgst|sst|iva|imposta|podatek|cuota|mwst|ust|tva|btw|dph)\b|\b(moms|mwst|ust|steuer|umsatzsteuer|mehrwertsteuer)(betrag|belopp|bedrag|belob)?\b/],
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

/** A number as printed, with its thousands groups ("8 000,00", "1.234,56"), a rate ("19,0", "7 %"), or any other word. */
const TOKEN = /-?\d{1,3}(?:[ .,\u00a0]\d{3})*(?:[.,]\d{1,4})?(?:\s?%)?|-?\d+(?:[.,]\d+)?(?:\s?%)?|\S+/g;

/** A box cut into its words and numbers, each given the share of the box's width its characters take. */
const cut = (line: PLine): PLine[] =>
	proportionalWords(line.text, line.box, TOKEN).map(({ text, box }) => ({ ...line, text, folded: fold(text), box, polygon: [[box[0], box[1]], [box[2], box[1]], [box[2], box[3]], [box[0], box[3]]], words: undefined }));

const isNumber = (t: string) => /^-?\d/.test(t);

/** A rate as a column prints it: with its sign ("7 %", "A 7%"), or bare and never with cents ("19,0", its % sign misread). */
const isRate = (text: string) => (RATE.test(text) && !/\d[.,]\d{2}(?!\s*%)/.test(text.replace(RATE, ''))) || /^\s*\d{1,2}(?:[.,]\d)?\s*$/.test(text);

/**
 * Cells that one box holds together: a text layer's run or a detected line spans neighbouring
 * columns where they stand close ("MwSt-Betrag MwSt-%" over "61,07 19,0" in a fixed-width print).
 * A box of two to four words that each name a column of their own (a rate, net, gross or tax) is cut
 * into one cell per word when the first row under it holds as many numbers; the boxes under the cut
 * cells that span several of them are cut into their numbers. A head of several words stands over
 * one number ("Tax Rate", "VAT %") and stays whole, as does one whose word only says it is an
 * amount ("Tax Amount"). `whole` maps each piece back to the box it was cut from.
 */
function splitMergedCells(lines: readonly PLine[]): { cells: PLine[]; whole: Map<PLine, PLine> } {
	const whole = new Map<PLine, PLine>();
	let cells = [...lines];
	for (const head of lines) {
		const heads = cut(head);
		if (heads.length < 2 || heads.length > 4 || heads.some((c) => isNumber(c.text) || ['other', 'base'].includes(classOf(c.folded)))) continue;
		const under = cells.filter((o) => o.page === head.page && cy(o) > head.box[3] && o.box[0] < head.box[2] && o.box[2] > head.box[0] && o.box[1] - head.box[3] < 2 * h(head));
		const top = Math.min(...under.map((o) => cy(o)));
		const firstRow = under.filter((o) => Math.abs(cy(o) - top) < 0.5 * h(o));
		if (firstRow.flatMap(cut).filter((p) => isNumber(p.text)).length !== heads.length) continue;
		const spans = (o: PLine) => heads.filter((c) => Math.min(o.box[2], c.box[2]) > Math.max(o.box[0], c.box[0])).length > 1;
		const pieces = new Map<PLine, PLine[]>([[head, heads]]);
		for (const o of cells) {
			if (o.page !== head.page || cy(o) <= head.box[3] || !spans(o)) continue;
			const parts = cut(o);
			if (parts.length > 1) pieces.set(o, parts);
		}
		cells = cells.flatMap((o) => pieces.get(o) ?? [o]);
		for (const [o, ps] of pieces) for (const p of ps) whole.set(p, whole.get(o) ?? o);
	}
	return { cells, whole };
}

/** The first table on the pages whose header names a tax column and a base or gross column, and whose rows all check. */
export function findTaxTable(pageLines: readonly PLine[]): TaxTable | null {
	const { cells: lines, whole } = splitMergedCells(pageLines);
	for (const head of lines) {
		if (classOf(head.folded) !== 'tax') continue;
		const header = lines.filter((o) => o.page === head.page && Math.abs(cy(o) - cy(head)) < 0.5 * Math.min(h(o), h(head))).sort((a, b) => a.box[0] - b.box[0]);
		const kinds = new Map(header.map((c) => [c, classOf(c.folded)] as const));
		// A tax word over a column of rates ("MwSt | Netto | Steuer | Brutto" over "A 7% | …", "MwSt-%" read "MwSt-8" over "19,0") heads the rates.
		const firstRow = lines.filter((o) => o.page === head.page && cy(o) > Math.max(...header.map((c) => c.box[3])) && cy(o) - Math.max(...header.map((c) => c.box[3])) < 2 * h(head));
		for (const [cell, kind] of kinds) if (kind === 'tax' && firstRow.some((o) => columnOf(o, header) === cell && isRate(o.text))) kinds.set(cell, 'rate');
		// One tax column: a row of several ("CGST | SGST") is read by the labels, line by line.
		if ([...kinds.values()].filter((k) => k === 'tax').length !== 1 || ![...kinds.values()].some((k) => k === 'net' || k === 'gross' || k === 'base')) continue;
		const table = readTable(head, header, kinds, lines);
		// (The boxes the header was cut from label its columns too, not an amount of their own.)
		if (table) return { ...table, headers: [...new Set(header.flatMap((c) => [c, whole.get(c) ?? c]))] };
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
