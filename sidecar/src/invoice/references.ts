/**
 * The document's own references, found by their labels: its number, the seller's tax id (kept
 * whole and checked: taxIds.ts), its issue and due dates. Pure given the page lines.
 */
import { fold } from '../ocr/repair/fold';
import { candidatesFor, h, labelOf, type Candidate, type PLine } from './candidates';
import { findDates, type DateOrder } from './dates';
import { detail, type Found } from './fields';
import { brokenFormat, readTaxId, type TaxId } from './taxIds';

/**
 * The document number in a label's value: letters, digits and - / . joined, with a short series
 * prefix printed apart ("FT 2023/0142", Portuguese style). An amount ("5.930,00") is not one.
 */
export function firstId(text: string): string | null {
	const m = /(?:\b[A-Z]{1,4} (?=[A-Z]*\d))?[A-Z0-9][A-Z0-9\-/._]{1,}[A-Z0-9]/i.exec(text);
	if (!m || !/\d/.test(m[0]) || AMOUNT.test(m[0])) return null;
	// A number of one or two digits before a spaced separator starts the id ("12 / 2024", Italian style).
	const lead = /(?<![\p{L}\p{N}])\d{1,2}(?=\s*[/-]\s*$)/u.exec(text.slice(0, m.index));
	const start = lead && /\s/.test(text.slice(lead.index + lead[0].length, m.index)) ? lead.index : m.index;
	let id = text.slice(start, m.index + m[0].length);
	for (let rest = text.slice(m.index + m[0].length); ; ) {
		const piece = SPACED_PIECE.exec(rest);
		if (!piece) break;
		const [whole, separator, p] = piece as unknown as [string, string, string];
		const after = rest.slice(separator.length);
		if (!/\s/.test(separator) || !/\d/.test(p) || /[.,]\d{2}$/.test(p) || findDates(after, 'dmy').some((d) => after.startsWith(d.raw))) break;
		id += whole;
		rest = rest.slice(whole.length);
	}
	return id;
}

const AMOUNT = /^\d{1,3}(?:[.,\s]\d{3})*(?:[.,]\d{2})?$/;
/**
 * A further piece of the same number after a slash or dash printed with spaces ("018304 / 28865",
 * "2024 - 0012", "FT 12 / 2024"): taken when it holds a digit and is neither a date ("4711 / 12.03.2024",
 * a number and its date under "No. / Date") nor an amount (it ends in cents). Pieces of one character stay apart.
 */
const SPACED_PIECE = /^(\s*[/-]\s*)([A-Z0-9][A-Z0-9\-/._]*[A-Z0-9])(?![\p{L}\p{N}]|[.,]\d)/iu;

/** A label that says a number follows (no, nr, n°, #, number, numéro …), not just "Invoice". */
const NUMBER_LABEL = /\b(no|nr|n|num|number|nummer|numero|numer|cislo|#)\b|#|号/;

/**
 * Words that make a date another kind than the issue date: delivery or service, order, shipping,
 * a period or its start and end, an expiry or validity (en, de, fr, es, it, pt, nl, pl, sv/da). "Delivery date" and
 * "Exp 12/27" also match the plain "date" label or come first on a receipt; they are not its date.
 */
const OTHER_DATE = /\b(deliver(y|ed)?|ship(ping|ped)?|dispatch(ed)?|order(ed)?|expir(y|es|ed|ation)|exp|valid|period|service|supply|performance|liefer\w*|leistung\w*|versand\w*|bestell\w*|auftrag\w*|gultig\w*|zeitraum|ablauf\w*|livraison|expedition|commande|validite|periode|prestation|entrega|envio|pedido|caducidad|vence|validez|periodo|consegna|spedizione|ordine|validita|fornitura|prestazione|levering|verzend\w*|bestel\w*|geldig\w*|dostawy|wysylki|zamowienia|sprzedazy|leverans\w*|leveringsdato|ordre|start|end|begin|beginn|ende|debut|fin|inicio|inizio|fine|einde|poczatek|koniec)\b/;

/**
 * A payment asked for by a date in a sentence, where no label names the due date: "Bitte überweisen
 * Sie den Betrag bis zum 19.03.2024", "Règlement au plus tard le 26/01/2024", "Wij verzoeken u het
 * bedrag vóór 26-01-2024 over te maken", "Payment is expected before 5 March 2024". The line speaks of
 * paying, and the words right before the date say "by". Folded text (no accents).
 */
const PAYMENT_WORD = /\b(zahl\w*|uberweis\w*|bezahl\w*|pay\w*|remit\w*|regl\w*|payer|paiement|virement|betal\w*|overmak\w*|over te maken|voldoen|pag[aou]\w*|abon\w*|scaden\w*|bonific\w*|transfer\w*|wplac\w*|zaplac\w*|splat\w*|\w*betrag|bedrag|amount|montant|importe?|importo|balance)\b/;
const BY_DATE = /\b(bis zum|bis spatestens|bis|spatestens am|spatestens|au plus tard le|au plus tard|avant le|d'ici le|voor|uiterlijk op|uiterlijk|antes del|antes de|a mas tardar el|entro il|entro|ate|by|before|no later than|do dnia|do)\s*[:,]?\s*$/;

/** The due date a sentence asks payment by, with its line. */
function dueInSentence(lines: readonly PLine[], order: DateOrder): { line: PLine; raw: string; iso: string; ambiguous: boolean } | null {
	for (const line of lines) {
		if (!PAYMENT_WORD.test(line.folded)) continue;
		for (const d of findDates(line.text, order)) {
			const at = line.text.indexOf(d.raw);
			if (at > 0 && BY_DATE.test(fold(line.text.slice(0, at)).toLowerCase())) return { line, ...d };
		}
	}
	return null;
}

/** The two words printed right before a date on its line ("Delivery date:", "Exp", "de livraison"): what kind of date it is. */
function kindWords(folded: string): string {
	// A compound joined by hyphens is one word here, all its parts kept: "Auftrag-Datum-Lief" is an order's date.
	return folded.split(/[^\p{L}\p{N}-]+/u).map((w) => w.replace(/^-+|-+$/g, '')).filter(Boolean).slice(-2).join(' ');
}

/** The words before a candidate's date: its label as printed (with any qualifier) and what stands between label and date. */
function wordsBefore(c: Candidate, raw: string): string {
	const label = labelOf(c);
	const inText = c.text.indexOf(raw);
	const between = fold(c.text.slice(0, Math.max(0, inText)));
	if (label !== c.line) return `${label.folded} ${between}`;
	const at = label.text.lastIndexOf(c.text);
	return `${at > 0 ? label.folded.slice(0, at) : ''} ${between}`;
}

/**
 * Where no label was read (OCR split "intracommunautaire" into three boxes), a VAT number whose format
 * and check digits both hold ("FR24253596610", "NL003920699B01") is the seller's all the same: it
 * cannot be a phone or an account number. Only ids with their country's letters in front.
 */
function unlabelledTaxId(lines: readonly PLine[], notSeller: ReadonlySet<PLine>): { c: Candidate; tax: TaxId } | undefined {
	for (const line of lines) {
		if (notSeller.has(line)) continue;
		const tax = readTaxId(line.text);
		// Check digits that pass make it nearly as sure as a label would; a format without them less so.
		const sure = tax?.valid === true ? 0.9 : 0.75;
		if (tax?.format && tax.valid !== false && /^[A-Z]{2}/.test(tax.id)) return { c: { text: line.text, line, score: sure, placement: sure }, tax };
	}
	return undefined;
}

/** Words that make a number another document's: the invoice it corrects, credits or follows (en, de, fr, es, it, nl). */
const OTHER_DOCUMENT = /\b(bezug|bezugnehmend|zu|zur|referenz|related|original|corrected|correcting|preceding|previous|vorausgegangene\w*|vorherige\w*|ursprungliche\w*|urspr|stornierte\w*|liee|liees|associee|associees|associe|d'origine|initiale|rectificada|riferimento|originale|oorspronkelijke|gerelateerde|dotyczy|korygowanej)\b/;
/** Headings of a section listing other invoices (EN 16931's preceding invoice references, as viewers print them). */
const OTHER_DOCUMENTS_HEADING = /^\W*(vorausgegangene rechnungen?|preceding invoices?|previous invoices?|related invoices?|referenced invoices?|factures? (precedentes|liees|anterieures)|facturas? (anteriores|rectificadas)|fatture precedenti|voorgaande facturen|eerdere facturen)\W*$/;

/** A number label that names another document: words before it on its line, or a section about others above it. */
function refersToAnother(label: PLine, lines: readonly PLine[]): boolean {
	const at = label.folded.search(/\b(rechnung|invoice|facture|factura|fattura|factuur|faktura)/);
	const before = at > 0 ? label.folded.slice(0, at) : '';
	if (before && OTHER_DOCUMENT.test(before)) return true;
	// Or the two words right after it, where the language puts them there ("Facture liée FA-2017-0010",
	// "Factura rectificada", "Fattura di riferimento").
	const after = at >= 0 ? /^\p{L}+\s+([\p{L}']+(?:\s+[\p{L}']+)?)/u.exec(label.folded.slice(at))?.[1] : undefined;
	if (after && OTHER_DOCUMENT.test(after)) return true;
	// The nearest heading above in the label's column, within a few rows.
	const rowH = h(label);
	const above = lines.filter((l) => l.page === label.page && l.box[3] <= label.box[1] + 0.2 * rowH && label.box[1] - l.box[3] < 3 * rowH && Math.abs(l.box[0] - label.box[0]) < 2 * rowH);
	return above.some((l) => OTHER_DOCUMENTS_HEADING.test(l.folded));
}

/**
 * An O or 0, I, l or 1 between two letters of a run where letters and digits alternate more than once,
 * as in a generated code ("Q0TJ5E3V", "7Z0CT538"): neither the glyph nor the context says which was
 * printed, and recognisers read such runs either way. Between digits ("A34209"), or in a prefix of
 * letters before the digits ("TOSL108", "PIR1234567890"), the context settles it.
 */
function lookAlikeInLetters(id: string): boolean {
	return id.split(/[^\p{L}\p{N}]+/u).some((run) => (run.match(/\p{L}(?=\d)|\d(?=\p{L})/gu)?.length ?? 0) >= 2 && /\p{L}[O0Il1]\p{L}/u.test(run));
}

/**
 * The invoice number (a labelled id that is not itself a date) and the seller's tax id: not one printed in
 * the buyer's or another party's block (`notSeller`), which is theirs.
 */
export function findIdentifiers(lines: PLine[], order: DateOrder, notSeller: ReadonlySet<PLine> = new Set()): Found {
	const found: Found = { fields: {}, details: {} };
	// A number label ("Invoice No.: 42") may hold a short bare number, which alone reads like an amount:
	// taken only when no candidate holds a number of the usual kind.
	const short = (c: Candidate) => (NUMBER_LABEL.test(labelOf(c).folded) ? (/^[\s:.#°º-]*(\d{1,3})(?![\d.,])/.exec(c.text)?.[1] ?? null) : null);
	// Another invoice's number (the one corrected or credited, "Bezug: Rechnung …", a "Preceding
	// invoices" section) is this document's only where no other is printed.
	const all = [...candidatesFor('invoiceNumber', lines), ...candidatesFor('receiptNumber', lines)];
	const another = new Set(all.filter((c) => refersToAnother(labelOf(c), lines)));
	const candidates = [...all.filter((c) => !another.has(c)), ...another];
	pass: for (const read of [(c: Candidate) => firstId(c.text), short]) {
		for (const c of candidates) {
			const id = read(c);
			// A date is not a number, but a number may hold one ("FV/2024/03/15", Polish style).
			if (id && !findDates(id, order).some((d) => d.raw.length >= id.length - 1)) {
				found.fields.invoiceNumber = id;
				found.details.invoiceNumber = detail(c, c.text, c.placement * (!c.line.textLayer && lookAlikeInLetters(id) ? 0.75 : 1));
				break pass;
			}
		}
	}
	// A tax id of a known format (a VAT number, a GSTIN) before a registry number printed above it
	// ("KvK 12345678" over "BTW NL001234560B01"); among equals, the first.
	const taxIds = candidatesFor('vendorTaxId', lines)
		.filter((c) => !notSeller.has(c.line) && !notSeller.has(labelOf(c)))
		.flatMap((c) => {
			const tax = readTaxId(c.text);
			return tax ? [{ c, tax }] : [];
		});
	// A known format whose check fails (a made-up id, a misread digit) is still a tax id, more than a number of no format.
	const best = taxIds.find((t) => t.tax.format !== null && t.tax.valid !== false) ?? taxIds.find((t) => t.tax.format !== null) ?? taxIds[0] ?? unlabelledTaxId(lines, notSeller);
	if (best) {
		found.fields.vendorTaxId = best.tax.id;
		// On a recognised line, check digits that fail mean a misread digit: worth a look. In a text
		// layer the id is as printed, and failing digits are the id's fault, not the reading's: they are
		// reported in validation.vendorTaxId instead. So are they where the id is read alike in another
		// box. An id with a country's prefix on digits that fit none of its formats (a digit lost or
		// doubled) is doubted as a failing check is. A format without check digits is a weaker sign than a pass.
		const misread = (best.tax.valid === false || (best.tax.format === null && brokenFormat(best.tax.id))) && !best.c.line.textLayer && !readElsewhere(best.tax.id, best.c.line, lines);
		found.details.vendorTaxId = detail(best.c, best.c.text, best.c.placement * (misread ? 0.5 : best.tax.valid === null ? 0.95 : 1));
	}
	return found;
}

/**
 * Whether an id is read the same in another box of the document (a letterhead and the seller's
 * section, a header and a footer), spaced or not. Two readings of one print that agree were not
 * both misread, so check digits that fail there are the id's own fault.
 */
function readElsewhere(id: string, at: PLine, lines: readonly PLine[]): boolean {
	const spaced = new RegExp(`(?<![\\p{L}\\d])${[...id].map((ch) => ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('\\s?')}(?![\\p{L}\\d])`, 'iu');
	const apart = (l: PLine) => l.page !== at.page || l.box[2] <= at.box[0] || l.box[0] >= at.box[2] || l.box[3] <= at.box[1] || l.box[1] >= at.box[3];
	return lines.some((l) => apart(l) && spaced.test(l.text));
}

/**
 * The due and delivery dates by their labels, then the issue date by its own (not a due, delivery,
 * order, period or expiry date), else the first such date on the page. `settled`: the document told its day/month
 * order (its own unambiguous dates, its language), so a date that reads both ways is not in doubt.
 */
export function findDocumentDates(lines: PLine[], order: DateOrder, settled = false): Found {
	const doubt = (d: { ambiguous: boolean }) => (d.ambiguous && !settled ? 0.8 : 1);
	const found: Found = { fields: {}, details: {} };
	// Where the due date was read: that printed date is not the issue date, though the issue date may
	// be the same day (due on receipt).
	let due: { line: PLine; raw: string } | null = null;
	const dueCands = candidatesFor('dueDate', lines);
	for (const c of dueCands) {
		const d = findDates(c.text, order)[0];
		if (d) {
			found.fields.dueDate = d.iso;
			found.details.dueDate = detail(c, d.raw, c.placement * doubt(d));
			due = { line: c.line, raw: d.raw };
			break;
		}
	}
	if (!found.fields.dueDate) {
		const sentence = dueInSentence(lines, order);
		if (sentence) {
			found.fields.dueDate = sentence.iso;
			found.details.dueDate = detail({ text: sentence.line.text, line: sentence.line, score: 0.85, placement: 0.85 }, sentence.raw, 0.85 * doubt(sentence));
			due = { line: sentence.line, raw: sentence.raw };
		}
	}
	const isDue = (line: PLine, raw: string) => due !== null && due.line === line && due.raw === raw;
	for (const c of candidatesFor('deliveryDate', lines)) {
		const d = findDates(c.text, order)[0];
		if (d) {
			found.fields.deliveryDate = d.iso;
			found.details.deliveryDate = detail(c, d.raw, c.placement * doubt(d));
			break;
		}
	}
	const dueLines = new Set(dueCands.map((c) => c.line));
	for (const c of candidatesFor('invoiceDate', lines).filter((c) => !dueLines.has(c.line) || c.text !== c.line.text)) {
		const d = findDates(c.text, order)[0];
		// (Nor another document's date: "Date de facture associée : 30/11/2018".)
		const kind = d ? kindWords(wordsBefore(c, d.raw)) : '';
		if (d && !isDue(c.line, d.raw) && !OTHER_DATE.test(kind) && !OTHER_DOCUMENT.test(kind)) {
			found.fields.invoiceDate = d.iso;
			found.details.invoiceDate = detail(c, d.raw, c.placement * doubt(d));
			return found;
		}
	}
	// Receipts often print the date without a label: the first date on the page that no word makes
	// another kind. It is as sure as a labelled one when it is the only date the page prints (however
	// often), since there is then no other date it could be; else it may be any of them.
	const dated = lines.map((l) => findDates(l.text, order));
	const printed = new Set(dated.flat().map((x) => x.iso));
	for (const [i, line] of lines.entries()) {
		const d = dated[i]![0];
		if (d && !isDue(line, d.raw) && !OTHER_DATE.test(kindWords(line.folded.slice(0, Math.max(0, line.text.indexOf(d.raw)))))) {
			const sure = printed.size === 1 ? 0.95 * doubt(d) : 0.6;
			found.fields.invoiceDate = d.iso;
			found.details.invoiceDate = detail({ text: line.text, line, score: sure, placement: sure }, d.raw, sure);
			break;
		}
	}
	return found;
}
