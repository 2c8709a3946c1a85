/**
 * The buyer, read as a block: the name after its label ("Bill To: Contoso GmbH"), else the first
 * name in the label's own column below it. A contact person's line ("Attn:", "z. Hd.", "À
 * l'attention de") is passed over, since the buyer is the organisation; another party's block
 * ("Ship To", "Lieferadresse") or another field's label ("Invoice No:") is never the value, on the
 * label's row or below it, and ends the block. Pure given the page lines.
 */
import { cy, h, LABEL_RES, misreadLabel, rightOf, startsWithLabel, type PLine } from './candidates';
import { findDates, type DateOrder } from './dates';
import { detail, type Found } from './fields';

/** A contact person inside a party's block (en, de, fr, es, it, nl, pt). */
const CONTACT = /^\s*(attn|attention|fao|c\/o|z\s*\.?\s*hd|zu handen|zhd|a l ?'?\s*attention de|a la atencion de|all ?'?\s*attenzione|alla c\.?\s?a\.?|t\.?\s?a\.?\s?v\.?|ter attentie|ansprechpartner(in)?|contact( person)?|a\/c)\b/;

/** Labels of another party: where the goods go, or who else is named. A block that starts so is not the buyer. */
const OTHER_PARTY = /^\s*(ship(ped)? to|deliver(y|ed)? to|delivery address|consignee|lieferadresse|lieferanschrift|lieferung an|versandadresse|warenempfanger|livre a|livraison|adresse de livraison|enviar a|direccion de entrega|entregar a|spedire a|indirizzo di consegna|consegna a|afleveradres|leveradres|leveransadress|adres dostawy|remit to|pay to|payee)\b/;

/** A label followed by a number ("Customer No: 12345", "Kunde Nr."): an id, not the buyer's block. */
const ID_AFTER = /^\s*[:.]?\s*(no\b|nr\b|n[oº°]\b|number|num\b|id\b|ref|#|nummer|numero|code|vat|tax|ust)/;

const isName = (text: string, order: DateOrder) => /\p{L}{2}/u.test(text) && !findDates(text, order).length && !CONTACT.test(text.toLowerCase());
const endsBlock = (l: PLine) => OTHER_PARTY.test(l.folded) || startsWithLabel(l);

/** Lines below a label in its column (left edges near the label's, or overlapping it), top down, within a few rows. */
function columnBelow(label: PLine, lines: readonly PLine[]): PLine[] {
	const rh = h(label);
	return lines
		.filter((o) => o.page === label.page && cy(o) > label.box[3] && o.box[1] - label.box[3] < 6 * rh && (Math.abs(o.box[0] - label.box[0]) < 2 * rh || (o.box[0] < label.box[2] && o.box[2] > label.box[0] && o.box[0] >= label.box[0] - 2 * rh)))
		.sort((a, b) => a.box[1] - b.box[1]);
}

/** Lines that begin with a buyer label, the longest (most specific) label first, then in reading order. */
function labelLines(lines: readonly PLine[]): Array<{ line: PLine; end: number }> {
	const found: Array<{ line: PLine; end: number; length: number }> = [];
	for (const line of lines) {
		const misread = misreadLabel(LABEL_RES.billTo, line);
		for (const { label, re } of misread ? [...LABEL_RES.billTo, misread] : LABEL_RES.billTo) {
			const m = re.exec(line.folded);
			// At the start of its box: "Thank you, valued customer" names no buyer.
			if (m && !/[\p{L}\d]/u.test(line.folded.slice(0, m.index))) {
				found.push({ line, end: m.index + m[0].length, length: label.length * (label === misread?.label && re === misread.re ? 0.9 : 1) });
				break;
			}
		}
	}
	return found.sort((a, b) => b.length - a.length);
}

/** The buyer: the value of its label (on its line, or the next box on its row), or the first name in the label's column below it. */
export function findBuyer(lines: PLine[], order: DateOrder): Found {
	for (const { line, end } of labelLines(lines)) {
		if (ID_AFTER.test(line.folded.slice(end))) continue;
		const rest = line.text.slice(end).replace(/^[\s:.\-–]+/, '').trim();
		if (rest && isName(rest, order) && !OTHER_PARTY.test(rest.toLowerCase())) {
			return { fields: { billTo: rest }, details: { billTo: detail({ text: rest, line, score: 1, placement: 1 }, rest, 1) } };
		}
		const next = rightOf(line, lines)[0];
		if (!rest && next && next.box[0] - line.box[2] < 8 * h(line) && !endsBlock(next) && isName(next.text, order)) {
			return { fields: { billTo: next.text }, details: { billTo: detail({ text: next.text, line: next, label: line, score: 0.95, placement: 0.95 }, next.text, 0.95) } };
		}
		for (const below of columnBelow(line, lines)) {
			if (endsBlock(below)) break;
			if (CONTACT.test(below.folded)) continue;
			if (isName(below.text, order)) {
				const billTo = below.text.replace(/^[:\s]+/, '');
				return { fields: { billTo }, details: { billTo: detail({ text: billTo, line: below, label: line, score: 0.85, placement: 0.85 }, billTo, 0.85) } };
			}
		}
	}
	return { fields: {}, details: {} };
}
