/**
 * Whether a printed document is a credit note: its title says so ("Credit Note", "Gutschrift",
 * "Rechnungskorrektur", "Avoir", "Nota de crédito", "Creditnota", "Faktura korygująca" …), or it
 * prints the EN 16931 document type code 381 against a type label ("Rechnungsart: 381", "Invoice
 * type: 381"), as e-invoice viewers do. A credit note's amounts are money going back: negative, as
 * an e-invoice's are. Pure given the lines.
 */
import { cy, h, rightOf, type PLine } from './candidates';

/** Credit-note titles, folded (en, de, fr, es, it, pt, nl, pl, sv, da, cs). */
const CREDIT_TITLE = /^\W*(credit note|credit memo|creditnote|gutschrift|rechnungskorrektur|stornorechnung|avoir|facture d'avoir|nota de credito|factura rectificativa|nota di credito|nota de credito|creditnota|creditfactuur|faktura korygujaca|korekta faktury|kreditnota|kreditfaktura|opravny danovy doklad|dobropis)\b(?!\s+(card|karte|kaart|erfolgt|wird|will|has|is))/;

/** A document-type label followed by the credit note's code. */
const TYPE_CODE_LABEL = /^\W*(invoice type|document type|type code|rechnungsart|belegart|dokumentart|type de facture|type de document|tipo de factura|tipo de documento|tipo documento|factuursoort|factuurtype)\s*(code)?\s*:?\s*$/;

export function isCreditNote(lines: readonly PLine[]): boolean {
	const first = Math.min(...lines.map((l) => l.page));
	const onFirst = lines.filter((l) => l.page === first);
	if (!onFirst.length) return false;
	const top = Math.min(...onFirst.map((l) => l.box[1]));
	const height = Math.max(...onFirst.map((l) => l.box[3])) - top;
	// A title: a line that begins with the words, in the upper half of the first page (not "Die
	// Gutschrift erfolgt …" in a sentence, nor "Credit card" in the payment block below), by itself
	// or with its number ("Gutschrift Nr. 17"), not a column's header among others on its row (a
	// hotel folio's "Belastung | Gutschrift").
	const title = (l: PLine) => {
		const m = CREDIT_TITLE.exec(l.folded);
		if (!m) return false;
		const alone = !onFirst.some((o) => o !== l && Math.abs(cy(o) - cy(l)) < 0.5 * Math.min(h(o), h(l)));
		return alone || /\d/.test(l.folded.slice(m[0].length));
	};
	if (onFirst.some((l) => l.box[1] < top + 0.5 * height && title(l))) return true;
	return lines.some((l) => {
		const m = /^(.*?)[:\s]\s*(\d{3})\s*$/.exec(l.folded);
		if (m && TYPE_CODE_LABEL.test(`${m[1]}:`)) return m[2] === '381';
		return TYPE_CODE_LABEL.test(l.folded) && /^\s*381\s*$/.test(rightOf(l, lines)[0]?.text ?? '');
	});
}
