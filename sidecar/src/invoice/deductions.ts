/**
 * What is left to pay where amounts are taken off the total after it: a deposit or prepayment, an
 * agency's commission, a credit, a payment already made ("Gross Total 23,125.00 / Agency Commission
 * 3,468.75 / Net Amount Due 19,656.25"; "Gesamtbetrag 119,00 / Anzahlung -50,00 / Noch zu zahlen 69,00").
 * The total is the gross, as an e-invoice's GrandTotalAmount; what is left is its DuePayableAmount.
 * Found by arithmetic alone, to the cent: the gross less one or two amounts printed between the two.
 * Pure given the page lines.
 */
import { findAmounts } from './amounts';
import { candidatesOf, cy, h, LABEL_RES, labelOf, labelsOf, rightOf, type Candidate, type PLine } from './candidates';
import { isMoney, printedAmounts, repairAmountText } from './payment';

export interface Printed {
	c: Candidate;
	a: { value: number; raw: string };
}

export interface Settled {
	gross: Printed;
	due: Printed;
}

const cents = (v: number) => Math.round(v * 100);

/**
 * The label of what is left to pay, on a line read as a total ("Net Amount Due", "Net Total", "Balance
 * due", "Noch zu zahlen", "Net à payer"): a plain "Total" under another is a tax summary's row or a sum
 * of some lines, not the due.
 */
const LEFT_TO_PAY = /\b(due|payable|balance|outstanding|zu zahlen|zahlbetrag|restbetrag|a payer|reste a payer|a pagar|da pagare|te betalen)\b|\bnet+ (total|amount)\b|\btotal net+\b/;

/**
 * A column header that names a gross and, to its right on its row, a net amount ("# of Spots | Gross
 * Amount | Agency Comm. | Net Amount"): a totals row under it gives the gross, what is taken off, the net.
 */
const GROSS = /\b(gross|brutto|brut)\b/;
const NET = /\b(net|netto)\b/;

/**
 * Labels of what is left to pay that are not read as a total ("Fälliger Betrag", "Restbetrag", "Reste à
 * payer", "Balance"), in the languages the labels cover.
 */
const DUE_LABELS = labelsOf([
	'net amount due', 'amount due', 'balance due', 'total due', 'amount payable', 'balance', 'outstanding',
	'noch zu zahlen', 'zu zahlen', 'zahlbetrag', 'restbetrag', 'falliger betrag', 'offener betrag',
	'net a payer', 'reste a payer', 'montant du', 'importe pendiente', 'a pagar', 'da pagare', 'valor a pagar',
	'te betalen', 'att betala', 'at betale', 'do zaplaty', 'k uhrade',
]);

/** Amounts printed against a label of what is left to pay (the last one with decimals on its line). */
function dueAmounts(lines: PLine[]): Printed[] {
	return candidatesOf(DUE_LABELS, lines).flatMap((c) => {
		const a = findAmounts(repairAmountText(c.text)).filter((x) => isMoney(x.raw)).pop();
		return a ? [{ c, a: { value: a.value, raw: a.raw } }] : [];
	});
}

/**
 * The gross and the amount due where the total chosen is one of them: a labelled total and, below it on
 * its page, what is left to pay, with the difference printed between them as one or two amounts; or one
 * totals row that prints gross, deduction and net under a gross/net header. Null where nothing is
 * taken off (the amount due is then the total).
 */
export function settleDue(lines: PLine[], totals: readonly Printed[], chosen: number): Settled | null {
	const inRow = rowDeduction(lines, totals, chosen);
	if (inRow) return inRow;
	const dues = [...totals.filter((t) => LEFT_TO_PAY.test(labelOf(t.c).folded)), ...dueAmounts(lines)];
	// What may be taken off: the page's amounts not labelled as another total, subtotal or tax ("Total 6%
	// supplies (Inc. GST) -18.80" between "Total 0% supplies 39.01" and "Total Payable 20.21" is a sum,
	// returns), read once when a pair first needs them.
	let offs: ReturnType<typeof printedAmounts> | undefined;
	for (const g of totals)
		for (const d of dues) {
			if (g.a.value !== chosen && d.a.value !== chosen) continue;
			const [gl, dl] = [labelOf(g.c), labelOf(d.c)];
			// (What is left may be nothing, or less: a deposit larger than the invoice.)
			const taken = cents(g.a.value) - cents(d.a.value);
			// A cash rounding ("Total 48.16 / Rounding -0.01 / Total 48.15") is not a deduction.
			if (gl === dl || gl.page !== dl.page || taken < 10 || cy(gl) >= cy(dl) - 1) continue;
			offs ??= printedAmounts(lines.filter((l) => !labelsASum(rowText(l, lines))));
			const between = offs.filter(({ line: l }) => l.page === gl.page && cy(l) > cy(gl) + 1 && cy(l) < cy(dl) - 1).map((x) => cents(Math.abs(x.value)));
			const fits = between.some((x, i) => x === taken || between.some((y, j) => j > i && x + y === taken));
			if (fits) return { gross: g, due: d };
		}
	return null;
}

/** The folded text of a line's row, left to right. */
function rowText(line: PLine, lines: readonly PLine[]): string {
	return lines
		.filter((o) => o.page === line.page && Math.abs(cy(o) - cy(line)) < 0.5 * Math.min(h(o), h(line)))
		.sort((a, b) => a.box[0] - b.box[0])
		.map((o) => o.folded)
		.join(' ');
}

const SUM_LABELS = [...LABEL_RES.total, ...LABEL_RES.subtotal, ...LABEL_RES.tax];
const labelsASum = (folded: string) => SUM_LABELS.some(({ re }) => re.test(folded));

/** "Totals | 124 | $31,190.00 | ($4,678.50) | $26,511.50" under "Gross Amount … Net Amount": gross less deduction is the net, to the cent. */
function rowDeduction(lines: readonly PLine[], totals: readonly Printed[], chosen: number): Settled | null {
	const t = totals.find((x) => x.a.value === chosen);
	if (!t) return null;
	const amounts = findAmounts(repairAmountText(t.c.text)).slice(-3);
	if (amounts.length < 3) return null;
	const [gross, off, net] = amounts as [(typeof amounts)[0], (typeof amounts)[0], (typeof amounts)[0]];
	if (net.value !== chosen || cents(Math.abs(gross.value)) - cents(Math.abs(off.value)) !== cents(net.value) || off.value === 0) return null;
	const label = labelOf(t.c);
	const above = (l: PLine) => l.page === label.page && l.box[3] <= label.box[1] && label.box[1] - l.box[3] < 12 * (label.box[3] - label.box[1]);
	// "Net" after "gross" in the header's box, or in a box to its right on its row.
	const netAfter = (l: PLine) => NET.test(l.folded.slice(GROSS.exec(l.folded)!.index)) || rightOf(l, lines).some((o) => NET.test(o.folded));
	const header = lines.some((l) => above(l) && GROSS.test(l.folded) && netAfter(l));
	return header ? { gross: { c: t.c, a: { value: gross.value, raw: gross.raw } }, due: t } : null;
}
