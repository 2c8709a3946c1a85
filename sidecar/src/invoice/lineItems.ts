/**
 * Line items from the tables on an invoice: a table whose header names a description and an
 * amount (or a quantity and a price) in one of the supported languages. Its columns get roles by
 * those names, each body row becomes an item, and quantity × unit price ≈ amount and
 * Σ amounts ≈ subtotal are checked. Rows that are the invoice's totals are left out. Pure.
 */
import type { LineItem } from '../contract/invoice';
import { fold } from '../ocr/repair/fold';

export type { LineItem };
import type { Table } from '../table/types';
import { parseAmount } from './amounts';

type Role = 'description' | 'quantity' | 'unitPrice' | 'amount';

/** Header words per role (accent-folded, lower-case), tried in this order for each column. */
const ROLE_LABELS: Array<[Role, RegExp]> = [
	// A column named for the net alone ("Base", "Netto", "Imponibile") is an amount: the line's, before its tax.
	['amount', /\b(amount|line total|total|montant|importe|betrag|gesamt(preis|betrag)?|summe|importo|totale|valor(?! unit)|subtotal)\b|^\s*(base( imponible)?|imponibile|netto|neto|net|nettobetrag)\s*$|金额/],
	['unitPrice', /\b(unit ?price|price|rate|unit cost|prix( unitaire)?|p\.? ?u\.?|precio( unitario)?|einzelpreis|e-?preis|preis|stuckpreis|prezzo( unitario)?|preco( unitario)?|valor unitario)\b|单价/],
	['quantity', /\b(qty|quantity|quant|qte|quantite|cantidad|cant|unidades|uds|menge|anzahl|stk|quantita|q\.? ?ta|quantidade|qtd|units?|hours|hrs)\b|数量/],
	// Prefixes: the recogniser may misread an accent further on (Descripci6n).
	['description', /\b(descri|item|article|product|service|detail|designa|libell|concept|articul|articol|artigo|produ|beschreib|bezeichn|artikel|leistung|position|servi[cz])|品名|描述|项目/],
];
/** Among several description-like columns (an item code and a description), the description. */
const DESCRIPTION = /descri|designa|bezeichn|beschreib|concept|libell|leistung|品名|描述/;

/** Rows of an items table that are the invoice's own totals, not items. */
const SUMMARY_ROW = /\b(sub-?total|total|tax|vat|iva|tva|mwst|ust|netto|brutto|totale|base imponible|imponibile|sous-total)\b|summe|gesamt/;

function roles(header: readonly string[]): Map<Role, number> {
	const out = new Map<Role, number>();
	header.forEach((name, col) => {
		const f = fold(name).toLowerCase();
		const role = ROLE_LABELS.find(([, re]) => re.test(f))?.[0];
		if (!role) return;
		if (!out.has(role) || (role === 'description' && DESCRIPTION.test(f) && !DESCRIPTION.test(fold(header[out.get(role)!]!).toLowerCase()))) out.set(role, col);
	});
	return out;
}

const near = (a: number, b: number) => Math.abs(a - b) <= Math.max(0.02, Math.abs(b) * 0.001);

const withoutSign = (text: string) => text.replace(/[€$£¥]/g, '');

/** Quantities may be "2", "2 pcs", "1,5 h"; amounts and prices may carry a currency sign. */
function number(text: string | undefined): number | null {
	if (!text) return null;
	const m = /-?\(?\d[\d.,'’ \u00a0]*\)?/.exec(withoutSign(text));
	return m ? parseAmount(m[0].trim()) : null;
}

/**
 * A quantity read into the price's cell ("12 218,18" for 12 × 218,18) parses as one number grouped
 * by a space; the split is taken where it multiplies out to the amount.
 */
function quantityInPrice(cell: string | undefined, amount: number): { quantity: number; unitPrice: number } | null {
	const m = /^\s*(\d{1,4})\s+(\d[\d.,]*)\s*$/.exec(withoutSign(cell ?? ''));
	const unitPrice = m ? parseAmount(m[2]!) : null;
	return m && unitPrice !== null && near(Number(m[1]) * unitPrice, amount) ? { quantity: Number(m[1]), unitPrice } : null;
}

export function lineItemsFrom(tables: readonly Table[]): LineItem[] {
	for (const t of tables) {
		if (!t.header) continue;
		const r = roles(t.header);
		const isItems = r.has('description') && (r.has('amount') || (r.has('quantity') && r.has('unitPrice')));
		if (!isItems) continue;
		const items: LineItem[] = [];
		t.rows.forEach((row, i) => {
			const description = r.has('description') ? row[r.get('description')!]!.trim() : '';
			let quantity = number(row[r.get('quantity') ?? -1]);
			let unitPrice = number(row[r.get('unitPrice') ?? -1]);
			const amount = number(row[r.get('amount') ?? -1]);
			const split = quantity === null && amount !== null ? quantityInPrice(row[r.get('unitPrice') ?? -1], amount) : null;
			if (split) ({ quantity, unitPrice } = split);
			if (amount === null && unitPrice === null) {
				// A description continuing on a line of its own belongs to the item above.
				const last = items[items.length - 1];
				if (last && description && quantity === null) last.description = `${last.description ?? ''} ${description}`.trim();
				return;
			}
			// Every cell but the amount: a totals label may sit over the price column ("MwSt. 7 %").
			const label = fold(row.filter((_, c) => c !== r.get('amount')).join(' ')).toLowerCase();
			if (quantity === null && SUMMARY_ROW.test(label)) return;
			const check = quantity !== null && unitPrice !== null && amount !== null ? (near(quantity * unitPrice, amount) ? 'pass' : 'fail') : 'not-checked';
			const cells = t.cells.filter((c) => c.row === t.headerRows + i);
			items.push({ description: description || null, quantity, unitPrice, amount, check, page: t.page, confidence: cells.length ? Math.min(...cells.map((c) => c.confidence)) : 1 });
		});
		if (items.length > 0) return items;
	}
	return [];
}

/** Σ line amounts ≈ subtotal (or ≈ total when there is no subtotal). */
export function itemsAddUp(items: readonly LineItem[], subtotal: number | null, total: number | null): 'pass' | 'fail' | 'not-checked' {
	const amounts = items.map((i) => i.amount);
	if (items.length === 0 || amounts.some((a) => a === null)) return 'not-checked';
	const sum = amounts.reduce<number>((s, a) => s + a!, 0);
	const target = subtotal ?? total;
	if (target === null) return 'not-checked';
	return near(sum, target) || (total !== null && near(sum, total)) ? 'pass' : 'fail';
}
