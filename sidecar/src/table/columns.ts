/**
 * Spreadsheet-ready columns: each body column is typed as a whole, so a spreadsheet gets numbers as
 * numbers and dates as dates, and one odd cell never turns a column half text. Pure.
 * - number: every non-empty cell reads as a number in one decimal convention, detected per column
 *   (a cell with two digits after a comma settles "1.234,56"; ambiguous columns take the document's);
 *   currency signs and codes around the figure are ignored, a figure in brackets is negative, and
 *   codes with leading zeros (postcodes, article numbers) keep the column text;
 * - date: every non-empty cell is one whole date, in one day/month order → ISO YYYY-MM-DD;
 * - text: anything else, cells as read.
 */
import { findDates, type DateOrder } from '../invoice/dates';

export type ColumnType = 'number' | 'date' | 'text';

export interface ColumnInfo {
	type: ColumnType;
	/** Numbers: the decimal mark the column was read with. */
	decimal?: ',' | '.';
}

export type CellValue = string | number | null;

const CURRENCY = /^(?:[$€£¥₹]|US\$|CHF|EUR|USD|GBP|JPY|INR|CAD|AUD|Fr\.?|Rs\.?|kr)\s*|\s*(?:[$€£¥₹]|CHF|EUR|USD|GBP|JPY|INR|CAD|AUD|kr)$/gi;

/** A number when the text is one in the given convention (currency around it ignored); else null. */
export function readNumber(text: string, decimal: ',' | '.'): number | null {
	const s = text.trim().replace(CURRENCY, '').trim().replace(/^\((.*)\)$/, '-$1').replace(/^[−–]/, '-').replace(/\s(?=\d{3}\b)/g, decimal === ',' ? '.' : ',');
	const pattern = decimal === ',' ? /^[-+]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$/ : /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
	if (!pattern.test(s)) return null;
	const plain = decimal === ',' ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
	if (/^[-+]?0\d/.test(plain)) return null;
	const n = Number(plain);
	return Number.isFinite(n) ? n : null;
}

/** Evidence of a column's decimal mark: a cell whose last separator has exactly two digits after it. */
function decimalEvidence(cells: string[]): ',' | '.' | null {
	let comma = 0;
	let dot = 0;
	for (const c of cells) {
		const m = /[.,](\d+)\D*$/.exec(c.trim());
		if (!m || m[1]!.length === 3) continue;
		if (m[0]!.startsWith(',')) comma++;
		else dot++;
	}
	return comma > dot ? ',' : dot > comma ? '.' : null;
}

function isoDate(text: string, order: DateOrder): string | null {
	const t = text.trim();
	const found = findDates(t, order);
	// The whole cell must be the date (not a date inside a description).
	return found.length === 1 && found[0]!.raw.length >= t.length - 1 ? found[0]!.iso : null;
}

function typeColumn(cells: string[], documentDecimal: ',' | '.', dateOrder: DateOrder): { info: ColumnInfo; values: CellValue[] } {
	const filled = cells.filter((c) => c.trim() !== '');
	if (filled.length === 0) return { info: { type: 'text' }, values: cells.map((c) => c || null) };
	const marks: Array<',' | '.'> = [decimalEvidence(filled) ?? documentDecimal];
	marks.push(marks[0] === ',' ? '.' : ',');
	for (const decimal of marks) {
		const numbers = cells.map((c) => (c.trim() === '' ? null : readNumber(c, decimal)));
		if (filled.length === numbers.filter((n) => n !== null).length) return { info: { type: 'number', decimal }, values: numbers };
	}
	const orders: DateOrder[] = [dateOrder, ...(['dmy', 'mdy', 'ymd'] as DateOrder[]).filter((o) => o !== dateOrder)];
	for (const order of orders) {
		const dates = cells.map((c) => (c.trim() === '' ? null : isoDate(c, order)));
		if (filled.length === dates.filter((d) => d !== null).length) return { info: { type: 'date' }, values: dates };
	}
	return { info: { type: 'text' }, values: cells.map((c) => (c.trim() === '' ? null : c)) };
}

/** A document's conventions from its language: English writes 1,234.56 and month/day; most others 1.234,56 and day/month. */
export function conventionsFor(language: string | null): { decimal: ',' | '.'; dateOrder: DateOrder } {
	if (language === null) return { decimal: '.', dateOrder: 'dmy' };
	return language === 'en' ? { decimal: '.', dateOrder: 'mdy' } : { decimal: ',', dateOrder: 'dmy' };
}

/**
 * Types each column of `rows` (body rows, one string per column) and gives the rows' values:
 * numbers, ISO dates, text, or null for an empty cell.
 */
export function typeColumns(rows: readonly string[][], opts: { decimal: ',' | '.'; dateOrder: DateOrder }): { columns: ColumnInfo[]; values: CellValue[][] } {
	const width = Math.max(0, ...rows.map((r) => r.length));
	const columns: ColumnInfo[] = [];
	const values: CellValue[][] = rows.map(() => new Array<CellValue>(width).fill(null));
	for (let c = 0; c < width; c++) {
		const typed = typeColumn(rows.map((r) => r[c] ?? ''), opts.decimal, opts.dateOrder);
		columns.push(typed.info);
		typed.values.forEach((v, r) => (values[r]![c] = v));
	}
	return { columns, values };
}
