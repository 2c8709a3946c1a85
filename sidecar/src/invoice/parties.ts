/**
 * The parties, each read as a block under its label: the buyer ("Bill To", "Rechnung an"), the
 * seller where a label names it ("From", "Lieferant", "Fournisseur"), and others (where the goods
 * go: "Ship To", "Lieferadresse"). A block's name is what follows its label, else the first name
 * in the label's own column below it; a contact person's line ("Attn:", "z. Hd.", "À l'attention
 * de") is passed over, since the party is the organisation; another block's label or another
 * field's label ends it. The seller is never taken from another party's block. Pure given the lines.
 */
import { cy, h, LABEL_RES, labelsOf, misreadLabel, rightOf, startsWithLabel, type Label, type PLine } from './candidates';
import { findDates, type DateOrder } from './dates';
import { COMPANY_SUFFIX } from './labels';
import { detail, type Found } from './fields';

/** A contact person inside a party's block (en, de, fr, es, it, nl, pt). */
const CONTACT = /^\s*(attn|attention|fao|c\/o|z\s*\.?\s*hd|zu handen|zhd|a l ?'?\s*attention de|a la atencion de|all ?'?\s*attenzione|alla c\.?\s?a\.?|t\.?\s?a\.?\s?v\.?|ter attentie|ansprechpartner(in)?|contact( person)?|a\/c)\b/;

/** Labels of another party: where the goods go, or who is paid. */
const OTHER_PARTY = /^\s*(ship(ped)? to|deliver(y|ed)? to|delivery address|consignee|lieferadresse|lieferanschrift|lieferung an|versandadresse|warenempfanger|livre a|livraison|adresse de livraison|enviar a|direccion de entrega|entregar a|spedire a|indirizzo di consegna|consegna a|afleveradres|leveradres|leveransadress|adres dostawy|remit to|pay to|payee)\b/;

/** Labels that name the seller (en, de, fr, es, it, pt, nl, pl, sv, da, cs, zh). */
const SELLER: Label[] = labelsOf([
	'from', 'seller', 'supplier', 'vendor', 'sold by', 'issued by', 'bill from',
	// A marketplace's page names the business that sold the goods, not the marketplace.
	'verkauft von', 'verkauft durch', 'vendu par', 'vendido por', 'venduto da', 'verkocht door', 'sprzedawane przez', 'sald av', 'solgt af', 'prodava',
	'lieferant', 'verkaufer', 'rechnungssteller', 'fournisseur', 'vendeur', 'emetteur', 'proveedor', 'vendedor', 'emisor',
	'fornitore', 'cedente', 'fornecedor', 'leverancier', 'verkoper', 'sprzedawca', 'dostawca', 'saljare', 'leverantor', 'leverandor', 'saelger', 'dodavatel', '销售方',
]);

/** A company word (a legal form, a trade word) first. */
const COMPANY_FIRST = new RegExp(String.raw`^(?:${COMPANY_SUFFIX.source})`, 'iu');

/** A label followed by a number ("Customer No: 12345", "Kunde Nr."): an id, not a party's block. */
const ID_AFTER = /^\s*[:.]?\s*(no\b|nr\b|n[oº°]\b|number|num\b|id\b|ref|#|nummer|numero|code|vat|tax|ust)/;

const isName = (text: string, order: DateOrder) => /\p{L}{2}/u.test(text) && !findDates(text, order).length && !CONTACT.test(text.toLowerCase());
const endsBlock = (l: PLine) => OTHER_PARTY.test(l.folded) || startsWithLabel(l) || SELLER.some(({ re }) => re.exec(l.folded)?.index === 0);

/** Lines below a label in its column (left edges near the label's, or overlapping it), top down, within a few rows. */
function columnBelow(label: PLine, lines: readonly PLine[]): PLine[] {
	const rh = h(label);
	return lines
		.filter((o) => o.page === label.page && cy(o) > label.box[3] && o.box[1] - label.box[3] < 6 * rh && (Math.abs(o.box[0] - label.box[0]) < 2 * rh || (o.box[0] < label.box[2] && o.box[2] > label.box[0] && o.box[0] >= label.box[0] - 2 * rh)))
		.sort((a, b) => a.box[1] - b.box[1]);
}

/** Lines that begin with one of the labels, the longest (most specific) first, then in reading order; with where the label ends. */
function labelLines(labels: readonly Label[], lines: readonly PLine[]): Array<{ line: PLine; end: number }> {
	const found: Array<{ line: PLine; end: number; length: number }> = [];
	for (const line of lines) {
		const misread = misreadLabel(labels, line);
		for (const { label, re } of misread ? [...labels, misread] : labels) {
			const m = re.exec(line.folded);
			// At the start of its box: "Thank you, valued customer" names no buyer.
			if (m && !/[\p{L}\d]/u.test(line.folded.slice(0, m.index))) {
				found.push({ line, end: m.index + m[0].length, length: label.length * (re === misread?.re ? 0.9 : 1) });
				break;
			}
		}
	}
	return found.sort((a, b) => b.length - a.length);
}

export interface PartyBlock {
	label: PLine;
	/** The line the name was read from (the label's own line when the name follows the label). */
	line: PLine;
	name: string;
	placement: number;
	/** The label, the name and what follows in the label's column, up to the next block. */
	lines: PLine[];
}

/** The block under each label that holds a name: the name after the label, the next box on its row, or the first name in its column below. */
function blocks(labels: readonly Label[], lines: readonly PLine[], order: DateOrder): PartyBlock[] {
	const out: PartyBlock[] = [];
	for (const { line, end } of labelLines(labels, lines)) {
		if (ID_AFTER.test(line.folded.slice(end))) continue;
		const rest = line.text.slice(end).replace(/^[\s:.\-–]+/, '').trim();
		// "Lieferant GmbH", "Supplier Services Ltd · 12 Mill Lane": no colon, and a company word next,
		// so the label word is the start of a company's name.
		if (rest && !/^\s*:/.test(line.text.slice(end)) && COMPANY_FIRST.test(rest)) continue;
		const below: PLine[] = [];
		for (const l of columnBelow(line, lines)) {
			// A party's own tax id ("USt-IdNr.: …" under the buyer's name) is the last line of its block.
			if (endsBlock(l)) {
				if (LABEL_RES.vendorTaxId.some(({ re }) => re.exec(l.folded)?.index === 0)) below.push(l);
				break;
			}
			below.push(l);
		}
		const block = (at: PLine, name: string, placement: number) => out.push({ label: line, line: at, name, placement, lines: [line, ...below.slice(0, 5)] });
		// A label whose value is something else ("From: 01/03/2024", "Customer: 12345") heads no block.
		if (rest) {
			if (isName(rest, order) && !OTHER_PARTY.test(rest.toLowerCase())) block(line, rest, 1);
			continue;
		}
		const next = rightOf(line, lines)[0];
		if (next && next.box[0] - line.box[2] < 8 * h(line) && !endsBlock(next) && isName(next.text, order)) {
			block(next, next.text, 0.95);
			continue;
		}
		const name = below.find((l) => !CONTACT.test(l.folded) && isName(l.text, order));
		if (name) block(name, name.text.replace(/^[:\s]+/, ''), 0.85);
	}
	return out;
}

export interface Parties {
	buyer: PartyBlock | null;
	seller: PartyBlock | null;
	/** Every line of the buyer's and the other parties' blocks: none of them is the seller's. */
	notSeller: ReadonlySet<PLine>;
}

export function findParties(lines: readonly PLine[], order: DateOrder): Parties {
	const buyers = blocks(LABEL_RES.billTo, lines, order);
	const others = lines.filter((l) => OTHER_PARTY.test(l.folded)).map((line) => [line, ...columnBelow(line, lines).slice(0, 5)]);
	const notSeller = new Set<PLine>([...buyers.flatMap((b) => b.lines), ...others.flat()]);
	const seller = blocks(SELLER, lines, order).find((b) => !notSeller.has(b.line)) ?? null;
	return { buyer: buyers[0] ?? null, seller, notSeller };
}

/** The buyer's name and where it was read. */
export function buyerFields(parties: Parties): Found {
	const b = parties.buyer;
	if (!b) return { fields: {}, details: {} };
	return { fields: { billTo: b.name }, details: { billTo: detail({ text: b.name, line: b.line, label: b.label, score: b.placement, placement: b.placement }, b.name, b.placement) } };
}
