/**
 * The parties, each read as a block under its label: the buyer ("Bill To", "Rechnung an"), the
 * seller where a label names it ("From", "Lieferant", "Fournisseur"), and others (where the goods
 * go: "Ship To", "Lieferadresse"). A block's name is what follows its label, else the first name
 * in the label's own column below it; a contact person's line ("Attn:", "z. Hd.", "À l'attention
 * de") is passed over, since the party is the organisation; another block's label or another
 * field's label ends it. The seller is never taken from another party's block. Pure given the lines.
 */
import { cy, h, LABEL_RES, labelAlone, labelsOf, misreadLabel, rightOf, startsWithLabel, type Label, type PLine } from './candidates';
import { findDates, type DateOrder } from './dates';
import { COMPANY_SUFFIX } from './labels';
import { cleanName } from './vendorName';
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

/**
 * Words that head a section about a party in form-style printouts (an e-invoice viewer, an ERP's
 * form: "Information about the seller", "Informationen zum Käufer", "Données du vendeur", "Datos del
 * comprador"): a label after them still names the party when it ends the line.
 */
const SECTION_WORDS = new Set(['information', 'informations', 'informationen', 'info', 'details', 'detail', 'data', 'daten', 'angaben', 'donnees', 'datos', 'dati', 'dados', 'gegevens', 'dane', 'uppgifter', 'oplysninger', 'udaje', 'informacion', 'informazioni', 'informacoes', 'about', 'on', 'of', 'for', 'the', 'zum', 'zur', 'des', 'der', 'dem', 'die', 'du', 'de', 'la', 'le', 'l', 'sur', 'del', 'della', 'dello', 'do', 'da', 'van', 'het', 'over', 'o', 'om', 'til', 'pro']);
const sectionLead = (before: string) => before.trim() !== '' && before.split(/[^\p{L}]+/u).filter(Boolean).every((w) => SECTION_WORDS.has(w));

/**
 * A row that labels its value ("Adresszeile 1: Storkower Straße 207", "ZIP: 10369"): inside a
 * party's section, only a name label's value is the party's name.
 */
const LABELLED_ROW = /^\s*[^\d:]{2,40}:\s*\S/;
const NAME_ROW = /^\s*(company name|business name|legal name|registered name|trading name|name|firmenname|firma|unternehmen|nom|raison sociale|denomination|nom de l'entreprise|nombre|razon social|denominacion|ragione sociale|denominazione|nome|naam|bedrijfsnaam|handelsnaam|nazwa|nazwa firmy|namn|foretagsnamn|firmanamn|navn|firmanavn|nazev|obchodni jmeno)\s*:\s*/;

/** Where a second "Label: value" pair begins on a row: a capital, then a word or two ("Country code:", "Adresszeile 1:"). */
const NEXT_PAIR = /\s+(?=\p{Lu}[\p{L}\d\-.]*(?: [\p{Ll}\d][\p{L}\d\-.]*)?\s?:\s)/u;

// (Nor a line holding a run of eight digits or more: an identifier, "GLN 4333741000005", not a name.)
// (Not a label alone, "Kennung:" or "Country code:", where a form's value was left empty or not read.)
const isName = (text: string, order: DateOrder) => /\p{L}{2}/u.test(text) && !/:\s*$/.test(text) && !findDates(text, order).length && !CONTACT.test(text.toLowerCase()) && !/\d{8}/.test(text);
/**
 * A party's word that only qualifies what follows in small letters ("Buyer reference:", "Buyer
 * accounting reference", "Customer service"): an attribute of the party, not a label naming it
 * (but "Customer name:" is one).
 */
function attributeAfter(line: PLine, end: number): boolean {
	return /^(?:'s)?\s+(?!(?:name|nom|nombre|nome|naam|navn|namn)\b)\p{Ll}/u.test(line.text.slice(end));
}
/** Where a line begins with one of the labels: as a label (true), as an attribute of the party (false), or not at all (null). */
function partyWordAt(labels: readonly Label[], l: PLine): boolean | null {
	for (const { re } of labels) {
		const m = re.exec(l.folded);
		if (m?.index === 0) return !attributeAfter(l, m[0].length);
	}
	return null;
}
const PARTY_LABELS = [...LABEL_RES.billTo, ...SELLER];
// A line that begins with a party's word as an attribute ("Buyer reference: …") stays in the block;
// the next party's section heading ("Information about the seller") ends it.
const endsBlock = (l: PLine) => OTHER_PARTY.test(l.folded) || (startsWithLabel(l) && partyWordAt(PARTY_LABELS, l) !== false) || partyWordAt(SELLER, l) === true || partyHeading(l);

/** Lines below a label in its column (left edges near the label's, or overlapping it), top down, within a few rows. */
function columnBelow(label: PLine, lines: readonly PLine[]): PLine[] {
	const rh = h(label);
	return lines
		.filter((o) => o.page === label.page && cy(o) > label.box[3] && o.box[1] - label.box[3] < 6 * rh && (Math.abs(o.box[0] - label.box[0]) < 2 * rh || (o.box[0] < label.box[2] && o.box[2] > label.box[0] && o.box[0] >= label.box[0] - 2 * rh)))
		// Row by row, left to right within a row: a value box a little taller than its label's ("Firmenname:" |
		// "Seller GmbH") is not above it.
		.sort((a, b) => (Math.abs(cy(a) - cy(b)) < 0.5 * Math.min(h(a), h(b)) ? a.box[0] - b.box[0] : a.box[1] - b.box[1]));
}

/**
 * The lines of the first rows of a column (as columnBelow orders them). Rows, not lines: a form prints
 * each label and its value as two boxes on one row ("ZIP:" | "60388"), and five lines would hold only
 * half of its address.
 */
function firstRows(column: readonly PLine[], rows: number): PLine[] {
	const out: PLine[] = [];
	let count = 0;
	for (const l of column) {
		const prev = out[out.length - 1];
		if (!prev || Math.abs(cy(l) - cy(prev)) >= 0.5 * Math.min(h(l), h(prev))) count++;
		if (count > rows) break;
		out.push(l);
	}
	return out;
}

/** A party's section heading: its word after words that head sections, nothing after it ("Informationen zum Käufer"). */
function partyHeading(l: PLine): boolean {
	return PARTY_LABELS.some(({ re }) => {
		const m = re.exec(l.folded);
		return !!m && m.index > 0 && sectionLead(l.folded.slice(0, m.index)) && !/[\p{L}\d]/u.test(l.folded.slice(m.index + m[0].length));
	});
}

/** Lines that begin with one of the labels, the longest (most specific) first, then in reading order; with where the label ends. */
function labelLines(labels: readonly Label[], lines: readonly PLine[]): Array<{ line: PLine; end: number }> {
	const found: Array<{ line: PLine; end: number; length: number }> = [];
	for (const line of lines) {
		const misread = misreadLabel(labels, line);
		for (const { label, re } of misread ? [...labels, misread] : labels) {
			const m = re.exec(line.folded);
			// At the start of its box: "Thank you, valued customer" names no buyer; but a section's
			// heading may end with it ("Informationen zum Käufer").
			const lead = m ? line.folded.slice(0, m.index) : '';
			if (m && !attributeAfter(line, m.index + m[0].length) && (!/[\p{L}\d]/u.test(lead) || (sectionLead(lead) && !/[\p{L}\d]/u.test(line.folded.slice(m.index + m[0].length))))) {
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
		const block = (at: PLine, name: string, placement: number) => out.push({ label: line, line: at, name, placement, lines: [line, ...firstRows(below, 5)] });
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
		// A form's section names the party on a name row ("Firmenname: …", "Company name: …"): the value
		// after the label in its box, or in the next box on its row (a form's value column), up to another
		// label's pair on the row ("Name: Buyercompany ltd   Ländercode: DK"). Its other labelled rows
		// (address lines, ids) are not names.
		const named = below.find((l) => NAME_ROW.test(l.folded));
		const labelEnd = named ? named.folded.match(NAME_ROW)![0].length : 0;
		const valueText = named && (labelEnd >= named.text.trim().length ? rightOf(named, lines)[0]?.text : named.text.slice(labelEnd));
		const rowValue = valueText?.split(NEXT_PAIR)[0]!.trim();
		if (named && rowValue && isName(rowValue, order)) {
			// A name broken at a hyphen goes on at the start of the next row ("… di Reg-" / "gio Emilia").
			const next = below.slice(below.indexOf(named) + 1).find((l) => cy(l) > named.box[3]);
			const broken = /\p{L}-$/u.test(rowValue) && next && /^\p{Ll}/u.test(next.text.trim()) ? next.text.trim().split(NEXT_PAIR)[0]! : null;
			block(named, broken ? rowValue.slice(0, -1) + broken : rowValue, 0.85);
			continue;
		}
		// (Nor a label standing alone in its box, "Käuferreferenz:", nor the value right of one.)
		const valueOfLabel = (l: PLine) => lines.some((o) => o !== l && labelAlone(o) && rightOf(o, lines)[0] === l);
		const name = below.find((l) => !CONTACT.test(l.folded) && !LABELLED_ROW.test(l.folded) && !labelAlone(l) && !valueOfLabel(l) && isName(l.text, order));
		if (name) block(name, name.text.replace(/^[:\s]+/, ''), 0.85);
	}
	return out;
}

/**
 * The parts of a sender line over a window envelope's address field, as European letters print it
 * ("Brandt GmbH · Venloer Straße 41 · 50672 Köln"): parted by dots, bars or dashes (OCR may read the
 * middle dot as a full stop between spaces).
 */
export const SENDER_PARTS = /\s*[·•●∙⋅◦▪■◆♦|]\s*|\s+[.\-–]\s+/;
/** The same dots and bars alone: a sender line read as printed, where a dash may be part of a name. */
export const SENDER_DOTS = /\s*[·•●∙⋅◦▪■◆♦|]\s*/;

/** A word that only addresses the recipient ("Herrn", "Firma", "Mr"), on a line of its own above the name. */
const SALUTATION_ONLY = /^\s*(herrn?|frau|firma|familie|an|to|mr|mrs|ms|m|mme|dhr|mevr|sr|sra|fa)\.?\s*$/;

/** A line with a postcode: five or four digits, or a British one. */
const POSTCODE = /\b\d{4,5}\b|\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b/;

/** The first page's lines, and the top and bottom of its printed text. */
function firstPage(lines: readonly PLine[]): { first: PLine[]; top: number; bottom: number } {
	const page = Math.min(...lines.map((l) => l.page));
	const first = lines.filter((l) => l.page === page);
	return { first, top: Math.min(...first.map((l) => l.box[1])), bottom: Math.max(...first.map((l) => l.box[3])) };
}

/**
 * The recipient in a window envelope's address field, where no label names the buyer: the block of
 * lines right under a sender line (a name and an address with a number, in two parts or more, in the
 * upper half of the first page), left-aligned with it. Its first name is the buyer.
 */
function windowRecipient(lines: readonly PLine[], order: DateOrder): PartyBlock | null {
	const { first: onPage, top, bottom } = firstPage(lines);
	if (!onPage.length) return null;
	const first = onPage.sort((a, b) => a.box[0] - b.box[0]);
	// Text laid out across a letter-sized page, not down a till roll (receipts have no window).
	const pageShaped = Math.max(...first.map((l) => l.box[2])) - Math.min(...first.map((l) => l.box[0])) > 0.55 * (bottom - top);
	// Type size as the width of a character: boxes are padded, so their heights differ less than the type does.
	const pitch = (ls: readonly PLine[]) => ls.reduce((w, l) => w + l.box[2] - l.box[0], 0) / Math.max(1, ls.reduce((n, l) => n + l.text.length, 0));
	const seen = new Set<PLine>();
	for (const start of first) {
		if (seen.has(start)) continue;
		// Small type is often detected in pieces: the row's boxes, each near the last, read together.
		const pieces = [start];
		for (const o of first) {
			const last = pieces[pieces.length - 1]!;
			// (Not another block's label on the same row: "Rechnungsnummer" in the information block.)
			if (o !== start && !pieces.includes(o) && Math.abs(cy(o) - cy(start)) < 0.5 * Math.min(h(o), h(start)) && o.box[0] >= last.box[0] && o.box[0] - last.box[2] < 8 * h(start) && !startsWithLabel(o)) pieces.push(o);
		}
		pieces.forEach((p) => seen.add(p));
		const text = pieces.map((p) => p.text).join(' ');
		const sender: PLine = { ...start, text, folded: pieces.map((p) => p.folded).join(' '), box: [start.box[0], Math.min(...pieces.map((p) => p.box[1])), pieces[pieces.length - 1]!.box[2], Math.max(...pieces.map((p) => p.box[3]))] };
		const parts = text.split(SENDER_PARTS).filter((p) => p.trim());
		// A name, then an address with a number in it (a street or a postcode beside a town), not a label's
		// value; OCR may lose the small separators, and then a company word says the line begins with a name.
		const parted = parts.length >= 2 && /\p{L}{3}/u.test(parts[0]!) && (parts.length >= 3 || parts.slice(1).some((p) => /\d/.test(p) && /\p{L}{3}/u.test(p)));
		const legal = COMPANY_SUFFIX.exec(text);
		const after = legal ? text.slice(legal.index + legal[0].length) : '';
		// (An address after it: a street and a number, not a registration number in brackets.)
		const company = legal !== null && /\p{L}{3}/u.test(after) && /\d/.test(after);
		// Or small type OCR garbled (a scan): the shape of a window address under it decides (below).
		const garbled = pageShaped && /\p{L}{3}/u.test(text) && /\d/.test(text);
		// (Not a label's value: "Lieferadresse: Beispiel Lager AG | Feldstraße 39 | 54321 Hithausen".)
		if (!(parted || company || garbled) || startsWithLabel(sender) || /\p{L}:\s/u.test(parts[0] ?? '') || cy(sender) > top + 0.5 * (bottom - top)) continue;
		const block: PLine[] = [];
		let last = sender;
		for (const l of first.filter((o) => cy(o) > sender.box[3]).sort((a, b) => a.box[1] - b.box[1])) {
			// The address is left-aligned; the sender line over it may be set in a little ("Bei Spiel GmbH ●
			// Ecke 12 ● …" over "Theodor Est"), or be read only in its right part, its small type lost at the
			// left ("oad York YO24 1AA" over "The Old Mill Bakery"): the address's first line starts left of it.
			if (block.length ? Math.abs(l.box[0] - block[0]!.box[0]) > 2 * h(l) : l.box[0] - sender.box[0] > 3 * h(l)) continue;
			if (l.box[1] - last.box[3] > 1.5 * h(l)) break;
			block.push(l);
			last = l;
			if (block.length >= 5) break;
		}
		const name = block.find((l) => !SALUTATION_ONLY.test(l.folded) && isName(l.text, order) && !startsWithLabel(l));
		// The sender line is printed small over the address it sends to.
		const small = block.length > 0 && pitch(pieces) < 0.8 * block.map((l) => pitch([l])).sort((a, b) => a - b)[block.length >> 1]!;
		// A postal address: a name without digits, then lines, the last with a postcode.
		const postal = block.length >= 3 && !/\d/.test(block[0]!.text) && POSTCODE.test(block[block.length - 1]!.text);
		if (block.length >= 2 && name && small && (parted || company || (garbled && postal))) return { label: start, line: name, name: name.text.trim(), placement: 0.9, lines: block };
	}
	return null;
}

/** A personal title before a name, initials allowed: the person a letter is addressed to ("Mrs Fiona Clarke", "Herrn Markus Vogt", "M. Julien Lambert", "Dhr. J. Bakker"). */
const TITLED_NAME = /^\s*(?:Mr|Mrs|Ms|Miss|Dr|Herrn?|Frau|M|Mme|Mlle|Dhr|Mevr|Sr|Sra|Srta)\.?\s+(?:\p{Lu}\.\s*)*\p{Lu}\p{Ll}+/u;
/**
 * The recipient of a letter whose sender line over the window was not read (garbled small type): a
 * person's name with a title, in the upper half of the first page, over the lines of a postal address
 * left-aligned under it, the last with a postcode.
 */
function titledRecipient(lines: readonly PLine[], exclude: ReadonlySet<PLine>): PartyBlock | null {
	const { first, top, bottom } = firstPage(lines);
	if (!first.length) return null;
	for (const name of first.filter((l) => TITLED_NAME.test(l.text) && !/\d/.test(l.text) && !exclude.has(l) && cy(l) < top + 0.5 * (bottom - top)).sort((a, b) => a.box[1] - b.box[1])) {
		const block = [name];
		for (const l of first.filter((o) => cy(o) > name.box[3]).sort((a, b) => a.box[1] - b.box[1])) {
			if (Math.abs(l.box[0] - name.box[0]) > 2 * h(l)) continue;
			if (l.box[1] - block[block.length - 1]!.box[3] > 1.5 * h(l) || block.length > 4) break;
			block.push(l);
		}
		const last = block.reduce((at, l, i) => (POSTCODE.test(l.text) ? i : at), -1);
		if (last >= 1 && !block.slice(1, last + 1).some((l) => startsWithLabel(l))) return { label: name, line: name, name: name.text.trim(), placement: 0.85, lines: block.slice(0, last + 1) };
	}
	return null;
}

export interface Parties {
	buyer: PartyBlock | null;
	seller: PartyBlock | null;
	/** Every line of the buyer's and the other parties' blocks: none of them is the seller's. */
	notSeller: ReadonlySet<PLine>;
}

export function findParties(lines: readonly PLine[], order: DateOrder): Parties {
	const buyers = blocks(LABEL_RES.billTo, lines, order);
	const others = lines.filter((l) => OTHER_PARTY.test(l.folded)).map((line) => [line, ...firstRows(columnBelow(line, lines), 5)]);
	const notSeller = new Set<PLine>([...buyers.flatMap((b) => b.lines), ...others.flat()]);
	const seller = blocks(SELLER, lines, order).find((b) => !notSeller.has(b.line)) ?? null;
	// No label names the buyer: the recipient in a window envelope's address field, where the letter has
	// one, else a person addressed by a title over a postal address.
	const buyer = buyers[0] ?? windowRecipient(lines, order) ?? titledRecipient(lines, new Set([...notSeller, ...(seller?.lines ?? [])]));
	if (buyer && !buyers.length) buyer.lines.forEach((l) => notSeller.add(l));
	return { buyer, seller, notSeller };
}

/** The buyer's name and where it was read. */
export function buyerFields(parties: Parties): Found {
	const b = parties.buyer;
	if (!b) return { fields: {}, details: {} };
	// A company's name as the seller's is read: its legal form read back ("Buyercompany Itd").
	return { fields: { billTo: cleanName(b.name) }, details: { billTo: detail({ text: b.name, line: b.line, label: b.label, score: b.placement, placement: b.placement }, b.name, b.placement) } };
}
