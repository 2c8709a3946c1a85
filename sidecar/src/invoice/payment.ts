/**
 * Arithmetic checks on a receipt's total from amounts printed elsewhere on it: the payment block
 * ("CASH 50.00" / "CHANGE 9.70": the amount due is what was paid less the change) and the
 * subtotal plus tax. They decide where the labelled total is missing, misread ("TOT*1", "TAtal"),
 * or read from the wrong row of a curled or skewed receipt. Pure given the page lines.
 */
import { findAmounts } from './amounts';
import { candidatesOf, labelOf, labelsOf, type Candidate, type Label, type PLine } from './candidates';

/** What was handed over: cash, or a card (whose amount is the amount due, no change given). */
const PAID = labelsOf([
	'cash tendered', 'amount tendered', 'tendered', 'amount paid', 'cash', 'tunai', 'paid', 'efectivo', 'especes', 'contanti', 'dinheiro', 'bargeld',
	'total payment', 'visa', 'mastercard', 'master card', 'amex', 'credit card', 'debit card', 'kartenzahlung', 'ec karte', 'carte bancaire', 'tarjeta',
]);
const CHANGE = labelsOf(['change due', 'change', 'baki', 'kembali', 'cambio', 'wechselgeld', 'ruckgeld', 'rendu', 'troco']);

export interface PrintedAmount {
	value: number;
	raw: string;
	line: PLine;
}

export const closeTo = (x: number, y: number) => Math.abs(x - y) <= Math.max(0.02, Math.abs(y) * 0.001);
const round2 = (v: number) => Math.round(v * 100) / 100;

/** OCR slips inside printed money: "RM 14-10" (a dot read as a dash), "2. 83" (a space after the dot), a box of just "10 00" (the dot lost). */
export function repairAmountText(text: string): string {
	return text
		.replace(/((?:RM|\$|€|£)\s*\d+)-(\d{2})\b/g, '$1.$2')
		.replace(/(\d)\.\s(\d{2})\b/g, '$1.$2')
		// A space read before the decimal mark ("12 .30", "RM8 .35").
		.replace(/(\d) ([.,]\d{2})(?!\d)/g, '$1$2')
		// An I, l or | read for a 1 right after a currency code ("RMI11.90").
		.replace(/(RM|\$|€|£)\s*[Il|](?=\d)/g, (_m, code: string) => `${code}1`)
		.replace(/^(\s*(?:RM|\$|€|£)?\s*\d{1,5}) (\d{2})\s*$/, '$1.$2');
}

/** Money is printed with two decimals; anything else near a label is a count, a rate or a code. */
export const isMoney = (raw: string) => /[.,]\d{2}\)?$/.test(raw);

/** Every two-decimal amount on the page, in reading order. */
export function printedAmounts(lines: readonly PLine[]): PrintedAmount[] {
	return lines.flatMap((line) =>
		findAmounts(repairAmountText(line.text))
			.filter((a) => isMoney(a.raw))
			.map((a) => ({ value: a.value, raw: a.raw, line })),
	);
}

/** The amount of the last labelled line printed (the payment block ends a receipt). */
function lastAmount(cands: readonly Candidate[], skip: (label: PLine) => boolean): (PrintedAmount & { label: PLine }) | null {
	let best: (PrintedAmount & { label: PLine }) | null = null;
	for (const c of cands) {
		const label = labelOf(c);
		if (skip(label)) continue;
		const a = findAmounts(repairAmountText(c.text)).filter((x) => isMoney(x.raw)).pop();
		if (!a) continue;
		// Strictly later: on one label, the same-line value beats the one below (candidates come best first).
		const later = !best || label.page > best.label.page || (label.page === best.label.page && label.box[1] > best.label.box[1]);
		if (later) best = { value: a.value, raw: a.raw, line: c.line, label };
	}
	return best;
}

export interface Payment {
	/** Cash tendered less change. */
	due: number;
	cash: PrintedAmount & { label: PLine };
	change: (PrintedAmount & { label: PLine }) | null;
}

/**
 * The amount right of a payment label on a curled receipt, where it sits half a row lower: the
 * money box to the right whose height overlaps the label's at all, the nearest in height.
 */
function looseRight(labelled: readonly Label[], lines: readonly PLine[], skip: (label: PLine) => boolean): (PrintedAmount & { label: PLine }) | null {
	const labels = lines.filter((l) => labelled.some(({ re }) => re.test(l.folded)) && !skip(l)).sort((a, b) => b.page - a.page || b.box[1] - a.box[1]);
	for (const label of labels) {
		const centre = (label.box[1] + label.box[3]) / 2;
		const right = lines
			.filter((o) => o !== label && o.page === label.page && o.box[0] >= label.box[2] && o.box[1] < label.box[3] && o.box[3] > label.box[1])
			.flatMap((o) => printedAmounts([o]))
			.sort((a, b) => Math.abs((a.line.box[1] + a.line.box[3]) / 2 - centre) - Math.abs((b.line.box[1] + b.line.box[3]) / 2 - centre));
		if (right[0]) return { ...right[0], label };
	}
	return null;
}

export function paymentOf(lines: PLine[]): Payment | null {
	const changeLines = new Set(candidatesOf(CHANGE, lines).map(labelOf));
	const change = lastAmount(candidatesOf(CHANGE, lines), () => false);
	// "CASH CHANGE 71.40" is the change, not the cash.
	const cash = lastAmount(candidatesOf(PAID, lines), (label) => changeLines.has(label)) ?? looseRight(PAID, lines, (label) => changeLines.has(label));
	if (!cash) return null;
	const due = round2(cash.value - (change?.value ?? 0));
	return due > 0 ? { due, cash, change } : null;
}

/**
 * The amount due as printed before the payment block: the last printed amount equal to cash less
 * change above the cash line (not the cash amount itself).
 */
export function dueAsPrinted(payment: Payment, amounts: readonly PrintedAmount[]): PrintedAmount | null {
	const at = payment.cash.label;
	// Cash less change is exact to the cent: a total 0.01 off is another amount (before rounding).
	const before = amounts.filter(
		(a) => Math.abs(a.value - payment.due) < 0.005 && a.line !== payment.cash.line && a.line !== at && (a.line.page < at.page || (a.line.page === at.page && a.line.box[3] <= at.box[3])),
	);
	return byPosition(before).pop() ?? null;
}

/** Page order top to bottom (OCR's reading order may read a column of amounts on its own). */
const byPosition = (amounts: readonly PrintedAmount[]) => [...amounts].sort((a, b) => a.line.page - b.line.page || a.line.box[1] - b.line.box[1]);

/** A printed amount equal to subtotal + tax, below the subtotal's line. */
export function sumAsPrinted(subtotal: number, tax: number, after: PLine, amounts: readonly PrintedAmount[]): PrintedAmount | null {
	const want = round2(subtotal + tax);
	const below = byPosition(amounts.filter((a) => closeTo(a.value, want) && (a.line.page > after.page || (a.line.page === after.page && a.line.box[1] > after.box[1]))));
	return below.find((a) => Math.abs(a.value - want) < 0.005) ?? below[0] ?? null;
}
