/**
 * Subtotal, tax and total: every labelled candidate of each, then the combination that adds up
 * (subtotal + tax ≈ total); the printed rounded total or a cash rounding after the total; where the
 * labels do not settle it, an unlabelled sum and the payment block (cash less change). Pure given
 * the page lines.
 */
import { findAmounts } from './amounts';
import { editDistance } from './editDistance';
import { candidatesFor, candidatesOf, cy, labelOf, rightOf, type Candidate, type Label, type PLine } from './candidates';
import { detail, type FieldDetail, type InvoiceFields, type Validation } from './fields';
import { NOT_GRAND_TOTAL, RATE, TAX_ID_LABEL, TAX_TABLE_HEADING } from './labels';
import { closeTo, dueAsPrinted, paymentOf, printedAmounts, repairAmountText, sumAsPrinted } from './payment';
import { findTaxTable, type ColumnSum } from './taxTable';
import { settleDue } from './deductions';
import { readTaxId } from './taxIds';

/** Labels of the final amount: including tax, rounded, due. */
const FINAL_TOTAL = /\binc[l1i](?:usive|uding|\b)|rounded|grand|due|payable|a pagar|a payer|zu zahlen|ttc|gesamtbetrag|endbetrag/;

/**
 * Words of a final total's label as OCR may misspell them on a receipt ("Inciucive", "Incucive"):
 * within two edits of the word (one for shorter words), from their first two letters.
 */
const FINAL_WORDS = ['inclusive', 'including', 'payable', 'rounded'];

/**
 * A total whose label names the money it is in ("Total $: 2,120.00", "Total (EUR):", "Total USD"): an
 * amount of money for sure, beside totals of other things on the page ("Total Spots: 8", "Total CPP: $160.61").
 */
const TOTAL_IN_MONEY = /\btotal\s*\(?\s*(\$|€|£|usd|eur|gbp|chf|cad|aud)\s*\)?\s*:/;

const saysFinal = (folded: string) =>
	FINAL_TOTAL.test(folded) || TOTAL_IN_MONEY.test(folded) || folded.split(/[^a-z]+/).some((w) => w.length >= 6 && FINAL_WORDS.some((f) => w.slice(0, 2) === f.slice(0, 2) && editDistance(w, f) <= (f.length >= 8 ? 2 : 1)));

/**
 * An amount said to include the tax, whatever the amount is called ("Amt paid incl GST", "Betrag
 * inkl. MwSt", "Montant TVA incluse"): the total, though no total label names it.
 */
const TAX_INCLUSIVE: Label[] = [
	{ label: 'amount including tax', re: /\b(amt|amount|sum|summe|betrag|price|paid|montant|importe)\b[^0-9]{0,24}\b(inc[l1i]|inkl|including|inclusive|incluse?|incluido)\b\.?[^0-9]{0,6}\b(gst|vat|tax|mwst|ust|tva|iva|btw|moms|sst)\b/ },
];

const NET_TOTAL = /\bnet+ total\b|\btotal net+\b/;

const ROUNDING = /\bro[uv]nd(ing|lng|ed)?\b(?! total)/;

/** Cash totals are rounded to 5 or 10 cents (Malaysia, Switzerland, Australia, the Nordics …). */
const isCashRounded = (v: number) => Math.abs(Math.round(v * 100) % 5) === 0;

/** The tax is the share of a tax-inclusive total its printed rate gives (6 % of 106.00 is 6.00). */
function taxInside(total: number, tax: { a: { value: number }; c: Candidate }): boolean {
	const m = RATE.exec(`${labelOf(tax.c).text} ${tax.c.text}`);
	const rate = m ? Number(m[1]!.replace(',', '.')) : 0;
	return rate > 0 && tax.a.value > 0 && closeTo((total * rate) / (100 + rate), tax.a.value);
}


/** The amount as printed, with the currency written against it in the same box ("$8.20", "RM28.05", "RM 13.30"). */
function withCurrency(text: string, raw: string, sameBox = true): string {
	const at = text.indexOf(raw);
	const before = at > 0 ? text[at - 1]! : '';
	if (/[$€£¥]/.test(before)) return `${before}${raw}`;
	const code = sameBox ? /(?:^|[^\p{L}])((?:RM|Rs\.?|Rp|S\$|HK\$|CHF|EUR|USD|GBP|MYR|SGD|INR) ?)$/u.exec(text.slice(0, Math.max(0, at))) : null;
	return code ? `${code[1]}${raw}` : raw;
}

/** A bare integer that numbers something: long, led by a zero ("000944312320"), or the tail of an id ("01-148409"). */
function numberOfSomething(text: string, raw: string): boolean {
	return /^\D*(0\d|\d{7,})/.test(raw) || /\d[-/]$/.test(text.slice(0, text.indexOf(raw.replace(/^-/, ''))));
}

type AmountField = 'subtotal' | 'tax' | 'total';

/** The amounts found here: the three that add up, and what is left to pay. */
type TotalsField = AmountField | 'amountDue';

/** The word before an amount a rate is applied to: "auf", "on", "sur", "su", "sobre", "op", "von", "from", "na", "på", "af" (as printed). */
const BASE_WORD = /(?<![\p{L}\p{N}])(auf|on|sur|su|sobre|op|von|from|na|på|pa|af)\s*[€$£]?\s*$/iu;

export interface Totals {
	fields: Pick<InvoiceFields, TotalsField>;
	details: Partial<Record<TotalsField, FieldDetail>>;
	validation: Validation['subtotalPlusTax'];
}

export function findTotals(lines: PLine[]): Totals {
	const fields: Totals['fields'] = { subtotal: null, tax: null, total: null, amountDue: null };
	const details: Totals['details'] = {};
	// Amounts: every candidate per field, then the combination that adds up.
	// A table that splits amounts into base, tax and gross, every row checked: its sums come first, and
	// its header cells ("Net Amount", "Tax Amount") label its columns, not the amount under them.
	const table = findTaxTable(lines);
	const amountCands = (field: 'subtotal' | 'tax' | 'total') => {
		const labelled = field === 'total' ? [...candidatesFor(field, lines), ...candidatesOf(TAX_INCLUSIVE, lines)] : candidatesFor(field, lines);
		const found = labelled
			.filter((c) => !table?.headers.includes(labelOf(c)))
			.filter((c) => field !== 'total' || !NOT_GRAND_TOTAL.test(labelOf(c).folded) || saysFinal(labelOf(c).folded) || NET_TOTAL.test(labelOf(c).folded))
			.filter((c) => field !== 'tax' || !/\b(total|sub)\b/.test(labelOf(c).folded) || /\btotal (tax|vat|gst|sales tax)\b|\b(tax|vat|gst) total\b/.test(labelOf(c).folded))
			// The heading of a tax table ("GST Summary", "VAT analysis") labels its columns, not an amount.
			.filter((c) => field !== 'tax' || !TAX_TABLE_HEADING.test(labelOf(c).folded))
			// "GST Registration No: 27AAPFU0939F1ZV" labels the seller's id.
			.filter((c) => field !== 'tax' || !TAX_ID_LABEL.test(labelOf(c).folded))
			// "TVA : FR11999999998 - SIRET … - capital de 120 000,00 €": a tax label whose value is a tax id labels the id.
			.filter((c) => field !== 'tax' || !/^\W*[A-Z]{2}\s?[0-9A-Z]{8,}/.test(c.text) || !readTaxId(c.text.split(/\s+[-–|]\s+/)[0]!)?.format)
			// An amount said to include or exclude the tax ("Amt paid incl GST", "excl. VAT") is not the tax;
			// a line that adds it ("zzgl. 19 % MwSt.", "plus VAT") is.
			// An amount before the tax ("Charges before VAT", "Total hors TVA") is not it either.
			.filter((c) => field !== 'tax' || /^\W*(zzgl|zuzuglich|plus)\b/.test(labelOf(c).folded) || !/\b(inc[l1i]|exc[l1i]|inclusive|exclusive|including|excluding|inkl|exkl|zzgl|before|prior to|ohne|vor|hors|sans|sin|senza|zonder)\b/.test(labelOf(c).folded))
			.flatMap((c) => {
				// Percentages ("VAT 20 %") are rates, not amounts.
				// Where each amount stands: "Sales Tax 8.25% $8.25" prints the same figure as a rate and as the tax.
				const text = repairAmountText(c.text);
				// An amount the tax is worked out on ("USt. 19,00% auf 804,35 €", "VAT 20% on 100.00") is its base.
				const amounts = findAmounts(text).filter((a) => !/^\s*%/.test(text.slice(a.at + a.raw.length)) && (field !== 'tax' || !BASE_WORD.test(text.slice(0, a.at))));
				const a = amounts[amounts.length - 1];
				// A value joined from several boxes of its row ("RM" | "12.37") has no printed spacing to keep.
				return a ? [{ c, a: { ...a, raw: withCurrency(c.text, a.raw, c.placement !== 0.95) } }] : [];
			});
		// Money is printed with decimals; bare integers next to a label are counts ("Total: 2 items"),
		// and a long run of digits or one led by a zero is a number of something ("GST No: 000944312320").
		const decimal = found.filter((f) => /[.,]\d{2}\)?$/.test(f.a.raw));
		return decimal.length > 0 ? decimal : found.filter((f) => !numberOfSomething(f.c.text, f.a.raw));
	};
	const labelledTaxes = amountCands('tax');
	const fromTable = (sum: ColumnSum | null) => (table && sum ? [{ c: { text: sum.raw, line: table.line, label: table.header, score: 1, placement: 1 } as Candidate, a: { raw: sum.raw, value: sum.value, at: 0 } }] : []);
	const subs = [...fromTable(table?.net ?? null), ...amountCands('subtotal')];
	const taxes = [...fromTable(table?.tax ?? null), ...labelledTaxes];
	// The amount due: a total that says it includes tax, is rounded or is due wins; among equals the
	// last one printed (after subtotals, tax and rounding), but not a tax-summary row of several amounts.
	// "Net total" is the amount before tax on an invoice but the amount paid on many receipts: it
	// comes last, after every plain total.
	const tier = (c: Candidate) => (saysFinal(labelOf(c).folded) ? 2 : NET_TOTAL.test(labelOf(c).folded) ? -1 : findAmounts(repairAmountText(c.text)).length > 1 ? 0 : 1);
	// A total of 0.00 is a row read off by one (or an empty tax summary) while any other is not.
	const zeroLast = (a: { a: { value: number } }) => (a.a.value === 0 ? 1 : 0);
	const totals = [
		...amountCands('total').sort(
			(x, y) => zeroLast(x) - zeroLast(y) || tier(y.c) - tier(x.c) || labelOf(y.c).page - labelOf(x.c).page || labelOf(y.c).box[1] - labelOf(x.c).box[1] || y.c.placement - x.c.placement,
		),
		// The table's gross column, where no labelled total is its base plus its tax.
		...fromTable(table?.gross ?? null),
	];
	// The total rounded for cash, printed under the one chosen ("Total Sales (Incl GST) 48.16" /
	// "Rounding Adj -0.01" / "Total 48.15"), is the amount due.
	const cashRounded = (t: (typeof totals)[number]) => {
		const at = labelOf(t.c);
		return isCashRounded(t.a.value) ? undefined : totals.find((o) => labelOf(o.c).page === at.page && labelOf(o.c).box[1] > at.box[1] && o.a.value !== t.a.value && Math.abs(o.a.value - t.a.value) < 0.05 && isCashRounded(o.a.value));
	};
	let validation: Validation['subtotalPlusTax'] = 'not-checked';
	let doubtful: (typeof totals)[number] | undefined;
	// The tax is one tax line, else several rates on lines of their own ("USt 7 % … 19,25", "USt 19 % …
	// 37,62") added up: every combination of up to six such lines, tried only when no single line fits.
	const single = taxes.map((x) => ({ value: x.a.value, raw: x.a.raw, c: x.c }));
	const summed = sumsOfSeveral(labelledTaxes, 6);
	// Where no subtotal label fits, a total printed above the one chosen is its base: forms print
	// "Total 10.00 / VAT 1.90 / Total 11.90" or "Gesamtsumme" twice, net then gross (the same
	// figure twice where the tax is nil).
	const netAbove = (t: (typeof totals)[number]) => totals.filter((o) => labelOf(o.c).page === labelOf(t.c).page && labelOf(o.c).box[3] <= cy(labelOf(t.c)));
	// For each total in turn, a combination that adds up to the cent beats one that does within
	// rounding ("Umsatzsteuerbetrag 365,13" of one rate beside "Summe Umsatzsteuer 365,28" over
	// "Gesamtsumme 1.801,78"); a total above as the base only to the cent, as it is a guess.
	const toTheCent = (x: number, y: number) => Math.abs(x - y) < 0.005;
	const labelled = () => subs;
	// Or several net amounts on lines of their own ("Positionen netto 804,35", "Versandkosten netto 4,99")
	// added up, each taxed on a line of its own: tried after every single subtotal, and only to the cent.
	const netSums = sumsOfSeveral(subs, 5).map(({ c, value, raw }) => ({ c, a: { value, raw, at: 0 } }));
	const summedNets = () => netSums;
	// Each pass: where the base comes from, the taxes tried, the sums that count. A nil tax comes after
	// every tax that is not: with it, any subtotal printed with the total's figure adds up (a net amount
	// read as the total beside "0.00" of an exempt line checks nothing), so it decides only where no
	// real tax fits.
	const [taxed, nil] = [single.filter((x) => x.value !== 0), single.filter((x) => x.value === 0)];
	const passes = [
		[labelled, taxed, [toTheCent, closeTo]],
		[labelled, summed, [toTheCent, closeTo]],
		[summedNets, summed, [toTheCent]],
		[netAbove, taxed, [toTheCent]],
		[netAbove, summed, [toTheCent]],
		[labelled, nil, [toTheCent, closeTo]],
		[netAbove, nil, [toTheCent]],
	] as const;
	outer: for (const [subsOf, options, sums] of passes)
		for (const t of totals)
			for (const addsUp of sums)
				for (const s of subsOf(t))
					for (const x of options) {
						// (One printed amount read as both the subtotal and the total, "NET TOTAL $845.75" with a nil tax, checks nothing.)
						if (!addsUp(s.a.value + x.value, t.a.value) || (s.c.line === t.c.line && s.a.value === t.a.value)) continue;
						const paid = cashRounded(t) ?? t;
						[fields.total, fields.subtotal, fields.tax] = [paid.a.value, s.a.value, x.value];
						details.total = detail(paid.c, paid.a.raw, 1);
						details.subtotal = detail(s.c, s.a.raw, 1);
						details.tax = detail(x.c, x.raw, 1);
						validation = 'pass';
						break outer;
					}
	// No labelled total adds up, but a subtotal and a tax do to an amount printed on a labelled line below
	// them ("Due payable: 571.04 €" under "Net total: 496.00 €" and "VAT total: 75.04 €", a label we do not
	// know): that amount is the total, found by the arithmetic alone, so worth a look.
	if (validation !== 'pass') {
		const gross = grossByArithmetic(lines, [...subs, ...netSums], [...single, ...summed]);
		if (gross) {
			[fields.total, fields.subtotal, fields.tax] = [gross.total.value, gross.s.a.value, gross.x.value];
			details.total = detail({ text: gross.line.text, line: gross.line, score: 0.75, placement: 0.75 }, gross.total.raw, 0.75);
			details.subtotal = detail(gross.s.c, gross.s.a.raw, 0.9);
			details.tax = detail(gross.x.c, gross.x.raw, 0.9);
			validation = 'pass';
		}
	}
	// The payment block (cash less change), read once for the checks below when the labels leave the total open.
	const payment = validation !== 'pass' ? paymentOf(lines) : null;
	if (validation !== 'pass') {
		const s = subs[0];
		const x = taxes[0];
		// The amount due is not nothing, not less than the tax, and not negative where the subtotal and
		// the tax are positive: a labelled total that is ("TOTAL : 4 50" read apart, a row read off by
		// one) is not taken, and the arithmetic below (subtotal + tax printed, the payment block) decides.
		// Not "at least the subtotal": a discount printed after the subtotal makes the total less. Sizes
		// are compared, since a credit note is negative throughout and a receipt with goods returned
		// prints a negative tax beside a positive total.
		// Nor less than half the subtotal: a discount does not take half ("TOTAL : 4 50" for 41.50, a digit lost).
		const plausible = (v: number) => v !== 0 && (!x || Math.abs(v) >= Math.abs(x.a.value) - 0.005) && !(v < 0 && s && s.a.value > 0 && (!x || x.a.value > 0)) && !(s && v > 0 && v < 0.5 * s.a.value);
		const first = totals.find((c) => plausible(c.a.value));
		const t = first && (cashRounded(first) ?? first);
		// Without subtotal + tax to check it (a receipt prints the tax inside its total, often with no
		// subtotal), a total is as sure as its label only when other printed figures confirm it: the
		// amount paid less the change, or a tax that is the printed rate's share of it.
		const inside = t && x ? taxInside(t.a.value, x) : false;
		const confirmed = t ? inside || (payment !== null && Math.abs(payment.due - t.a.value) < 0.005) : false;
		if (t) [fields.total, details.total] = [t.a.value, detail(t.c, t.a.raw, t.c.placement * (confirmed ? 1 : 0.8))];
		// Kept for when the arithmetic finds nothing better: a doubtful total beats none.
		else if (totals[0]) doubtful = totals[0];
		if (s) [fields.subtotal, details.subtotal] = [s.a.value, detail(s.c, s.a.raw, s.c.placement * 0.7)];
		if (x) [fields.tax, details.tax] = [x.a.value, detail(x.c, x.a.raw, x.c.placement * (inside ? 1 : 0.7))];
		if (t && s && x) validation = 'fail';
	}

	// The rounded total printed on a rounding row under the total ("Rounding 42.35" under "Total incl.
	// GST 42.33") is the total. A cash rounding printed as an adjustment ("Rounding adj. -0.02") is not
	// applied: the total is the one printed, as receipts' own keys give it (on the SROIE tuning split,
	// 3 receipts of 3 with such a row; none of the other splits has one that changes the figure).
	const chosen = fields.total !== null ? totals.find((t) => t.a.value === fields.total) : undefined;
	if (chosen && details.total) {
		const at = labelOf(chosen.c);
		// Rows below the total that say "rounding", in order, up to the next total: the first that
		// carries the rounded total itself decides; an adjustment or a heading without an amount does not.
		const roundings = lines.filter((l) => l.page === at.page && l.box[1] > at.box[1] && ROUNDING.test(l.folded)).sort((a, b) => a.box[1] - b.box[1]);
		const finalAfter = (l: PLine) => totals.some((t) => t !== chosen && labelOf(t.c).page === at.page && labelOf(t.c).box[1] > l.box[1]);
		for (const rounding of roundings) {
			if (finalAfter(rounding)) break;
			const row = [rounding, ...rightOf(rounding, lines)];
			const rowText = row.map((l) => l.text).join(' ');
			const found = findAmounts(repairAmountText(rowText)).pop();
			const r = found?.value;
			if (found === undefined || r === undefined || r === 0) continue;
			if (r !== chosen.a.value && Math.abs(r - chosen.a.value) < 0.1 && isCashRounded(r)) {
				// The rounding row carries the rounded total itself ("Rounding  42.35" under "Total incl. GST  42.33"): that is the amount due.
				fields.total = r;
				details.total = detail({ text: rowText, line: row[row.length - 1]!, label: rounding, score: 0.8, placement: 0.9 }, withCurrency(rowText, found.raw), 0.9);
				break;
			}
		}
	}

	// Arithmetic where the labels did not settle it: an unlabelled (or unreadable) total that equals
	// subtotal + tax, then the payment block (cash less change) against the total chosen.
	if (validation !== 'pass') {
		const amounts = printedAmounts(lines);
		const sub = subs.find((x) => x.a.value === fields.subtotal);
		const sum = fields.total === null && sub && fields.tax !== null ? sumAsPrinted(sub.a.value, fields.tax, labelOf(sub.c), amounts) : null;
		if (sum) {
			fields.total = sum.value;
			details.total = detail({ text: sum.line.text, line: sum.line, score: 0.8, placement: 0.8 }, withCurrency(sum.line.text, sum.raw), 0.8);
			validation = 'pass';
		} else if (payment && (fields.total === null || Math.abs(fields.total - payment.due) >= 0.005)) {
			const printed = dueAsPrinted(payment, amounts);
			if (printed) {
				fields.total = printed.value;
				details.total = detail({ text: printed.line.text, line: printed.line, score: 0.75, placement: 0.75 }, withCurrency(printed.line.text, printed.raw), 0.75);
			} else if (fields.total === null && !payment.change) {
				// Nothing says "total": what was paid, with no change given.
				fields.total = payment.due;
				details.total = detail({ text: payment.cash.line.text, line: payment.cash.line, score: 0.5, placement: 0.5 }, payment.cash.raw, 0.5);
			}
		}
	}
	if (fields.total === null && doubtful) [fields.total, details.total] = [doubtful.a.value, detail(doubtful.c, doubtful.a.raw, doubtful.c.placement * 0.5)];
	// Amounts taken off after the total (a deposit, a commission, a payment made): the total is the gross,
	// what is left the amount due, the three printed figures agreeing to the cent (as sure as subtotal +
	// tax = total); else the total is due.
	const settled = fields.total !== null ? settleDue(lines, totals, fields.total) : null;
	if (settled) {
		// (A gross already chosen keeps its detail: the arithmetic that chose it may be surer than this one.)
		if (settled.gross.a.value !== fields.total) [fields.total, details.total] = [settled.gross.a.value, detail(settled.gross.c, settled.gross.a.raw, 1)];
		[fields.amountDue, details.amountDue] = [settled.due.a.value, detail(settled.due.c, settled.due.a.raw, 1)];
	} else [fields.amountDue, details.amountDue] = [fields.total, details.total];
	return { fields, details, validation };
}

/**
 * Every way of adding up two or more of the candidates, each on a line of its own (at most `max` lines):
 * several tax rates, or several nets (goods, shipping), each on its own line.
 */
function sumsOfSeveral(items: ReadonlyArray<{ c: Candidate; a: { value: number; raw: string } }>, max: number): Array<{ c: Candidate; value: number; raw: string }> {
	const distinct = items.filter((x, i) => items.findIndex((y) => y.c.line === x.c.line) === i).slice(0, max);
	return Array.from({ length: (1 << distinct.length) - 1 }, (_, k) => distinct.filter((_, i) => (k + 1) & (1 << i)))
		.filter((picked) => picked.length >= 2)
		.map((picked) => ({ value: Math.round(picked.reduce((acc, x) => acc + x.a.value, 0) * 100) / 100, raw: picked.map((x) => x.a.raw).join(' + '), c: picked[0]!.c }));
}

/**
 * The total where no label for it was read: an amount equal to a subtotal plus a tax, to the cent, on a
 * line with words, below both on their page (the last such line, as totals come last). A zero sum is none.
 */
function grossByArithmetic(
	lines: readonly PLine[],
	subs: ReadonlyArray<{ c: Candidate; a: { value: number; raw: string } }>,
	taxes: ReadonlyArray<{ c: Candidate; value: number; raw: string }>,
): { line: PLine; total: { value: number; raw: string }; s: (typeof subs)[number]; x: (typeof taxes)[number] } | undefined {
	// The page's amounts, read once for every pair tried.
	const amounts = printedAmounts(lines.filter((l) => /\p{L}{3}/u.test(l.text)));
	let best: ReturnType<typeof grossByArithmetic>;
	for (const s of subs)
		for (const x of taxes) {
			const want = Math.round((s.a.value + x.value) * 100) / 100;
			if (want === 0 || x.value === 0 || s.c.line.page !== x.c.line.page) continue;
			const under = Math.max(s.c.line.box[3], x.c.line.box[3]);
			for (const a of amounts) {
				const line = a.line;
				if (line.page === s.c.line.page && line.box[1] >= under && Math.abs(a.value - want) < 0.005 && (!best || line.box[1] > best.line.box[1])) best = { line, total: { value: a.value, raw: a.raw }, s, x };
			}
		}
	return best;
}
