/**
 * Where a labelled value sits on the page: labels found in the folded OCR text, and the value read
 * from the rest of the label's line, the boxes to its right on the same row, or the line below.
 * Pure given the page lines.
 */
import { editDistance } from './editDistance';
import type { TextLine } from '../ocr/types';
import { LABELS, type LabelledField } from './labels';

export interface PLine extends TextLine {
	page: number;
	folded: string;
	/** Read from a PDF's text layer: the characters as printed, which no misreading can have changed. */
	textLayer?: boolean;
}

export interface Candidate {
	text: string;
	/** The line the value was read from. */
	line: PLine;
	/** The line holding the label (the same line, or the one left of or above the value). */
	label?: PLine;
	/** Ranking among candidates: label specificity × where the value sat. */
	score: number;
	/** How sure the value belongs to the label: same line 1, to its right 0.95, its row's partner a little off the row 0.9, below 0.85. */
	placement: number;
}

export interface Label {
	label: string;
	re: RegExp;
}

export const h = (l: TextLine) => l.box[3] - l.box[1];
export const cy = (l: TextLine) => (l.box[1] + l.box[3]) / 2;
export const labelOf = (c: Candidate): PLine => c.label ?? c.line;

function labelRegex(label: string): RegExp {
	// An abbreviation's dot or a hyphen may sit between a label's words: "Summa exkl. moms", "Rechnung Nr. 4711", "Btw-nr.".
	const escaped = label.replace(/[.*+?^${}()|[\]\\#]/g, '\\$&').replace(/\s+/g, '[.\\-]?\\s*');
	if (!/^[\x00-\x7f]+$/.test(label)) return new RegExp(escaped);
	// A capital I and a small l are one glyph in most sans-serif fonts: "USt-IdNr." reads "USt-ldNr.".
	// The recogniser has no ł (Polish) and reads it t or l: "płatności" comes as "ptatnosci".
	const letters = escaped.replace(/[il]/g, (c) => (c === 'l' ? '[ilłt]' : '[il]'));
	// Czech and Slovak "č." (number) ending a label is a letter the recogniser has no class for: it
	// comes as c or as an unread sign ("doklad ?. 2024001"), which the dot after it still marks.
	const abbreviated = / c$/.test(label) ? `${letters.slice(0, -1)}(?:c|[^\\s\\w]\\.)` : letters;
	return new RegExp(`(?:^|[^a-z0-9])${abbreviated}(?![a-z])`, 'i');
}

export const labelsOf = (labels: readonly string[]): Label[] => labels.map((label) => ({ label, re: labelRegex(label) }));

export const LABEL_RES: Record<LabelledField, Label[]> = Object.fromEntries(Object.entries(LABELS).map(([field, labels]) => [field, labelsOf(labels)])) as Record<LabelledField, Label[]>;

/** A line that begins with a field label ("Invoice date: …") is not a name. */
export function startsWithLabel(line: PLine): boolean {
	return Object.values(LABEL_RES).some((res) => res.some(({ re }) => re.exec(line.folded)?.index === 0));
}

/** Where the label ends in the line's original text (folding keeps lengths except for ß, œ, æ). */
function afterLabel(line: PLine, re: RegExp): string | null {
	const m = re.exec(line.folded);
	if (!m) return null;
	const end = m.index + m[0].length;
	return line.text.slice(end).replace(/^\s*(?:[:#.\-–]|n[oº°]\.?|nr\.?)*\s*/i, '').trim();
}

/** A label standing alone in its box ("Käuferreferenz:", "ZIP:"): its value is in the next box. */
export const labelAlone = (line: PLine) => /:\s*$/.test(line.text);

/** The lines to the right of `line` on its row, left to right (boxes of a skewed scan may overlap a little). */
export function rightOf(line: PLine, lines: readonly PLine[]): PLine[] {
	return lines
		.filter((o) => o !== line && o.page === line.page && Math.abs(cy(o) - cy(line)) < 0.5 * Math.min(h(o), h(line)) && o.box[0] >= line.box[2] - 0.5 * h(line) && (o.box[0] + o.box[2]) / 2 > line.box[2])
		.sort((a, b) => a.box[0] - b.box[0]);
}

/** A line that holds nothing but an amount ("12.37", "RM 12.37", "-0.02", "5.10 S"). */
const AMOUNT_ONLY = /^\s*(?:[A-Z]{1,3}\$?|[$€£¥])?\s*-?\d{1,3}(?:[,.\s]?\d{3})*[.,]\d{2}-?(?:\s+[A-Z*])?\s*$/i;

const partnersCache = new WeakMap<readonly PLine[], Map<PLine, PLine>>();

/**
 * Label rows and value rows paired one to one, for pages whose values sit up to most of a row
 * above or below their labels (a receipt printed askew, a larger font for the total, a label
 * column and an amount column detected as separate boxes). Every (label, amount to its right)
 * pair closer than one row height is a possibility; the closest pairs are taken first and each
 * line is used once, so a value half-way between two labels goes to the label that has no nearer
 * value of its own.
 */
function rowPartners(lines: readonly PLine[]): Map<PLine, PLine> {
	const cached = partnersCache.get(lines);
	if (cached) return cached;
	const values = lines.filter((l) => AMOUNT_ONLY.test(l.text));
	const labels = lines.filter((l) => /\p{L}{3}/u.test(l.text) && !AMOUNT_ONLY.test(l.text));
	const pairs: Array<{ label: PLine; value: PLine; d: number }> = [];
	for (const label of labels) {
		for (const value of values) {
			if (value.page !== label.page || value.box[0] < label.box[2] - 0.5 * h(label)) continue;
			const d = Math.abs(cy(value) - cy(label));
			if (d < Math.max(h(label), h(value))) pairs.push({ label, value, d });
		}
	}
	const partners = new Map<PLine, PLine>();
	const used = new Set<PLine>();
	for (const { label, value } of pairs.sort((a, b) => a.d - b.d)) {
		if (partners.has(label) || used.has(value)) continue;
		partners.set(label, value);
		used.add(value);
	}
	partnersCache.set(lines, partners);
	return partners;
}

/**
 * A label read with one letter wrong: a box that holds only a one-word label so misread ("Totsl",
 * "Subtotai"), or a box that begins with a two-word label so misread ("BillI To:", "Invoice
 * Nunber"), one edit from a label of five letters or more (seven for two words) with the same first
 * two letters. Never a word inside running text, nor two words that are a label ("Bill No").
 */
export function misreadLabel(labels: readonly Label[], line: PLine): Label | undefined {
	// (Not the first part of a compound joined by a hyphen: "Kunden-Nr." is no misread "Kunde".)
	const word = /^\s*([a-z]{5,})\s*:?\s*$/.exec(line.folded)?.[1] ?? /^\s*([a-z]{5,})\s*:?\s*(?=[^a-z\s-])/.exec(line.folded)?.[1];
	if (word) {
		// Or a long word's start, its end cut off by detection ("Rechnungsnum" for "Rechnungsnummer").
		const near = labels.find(({ label }) => label.length >= 5 && /^[a-z]+$/.test(label) && label.slice(0, 2) === word.slice(0, 2) && (editDistance(word, label) === 1 || (word.length >= 10 && word.length >= 0.7 * label.length && label.startsWith(word) && word !== label)));
		// The label as it was read, so its value is what follows the misread word.
		if (near) return { label: near.label, re: new RegExp(`(?:^|[^a-z0-9])${word}(?![a-z])`) };
	}
	const two = /^\s*([a-z]+) ([a-z]+)(?![a-z])/.exec(line.folded);
	if (!two || Object.values(LABELS).some((ls) => ls.includes(`${two[1]} ${two[2]}`))) return undefined;
	const joined = two[1]! + two[2]!;
	// Or one long word that detection cut in two ("Rechnungsnun" | "mer:", joined by joinWordPieces),
	// maybe losing letters at the cut ("Rechnungsn" | "mer:").
	const cut = (label: string) => label.startsWith(two[1]!) && label.endsWith(two[2]!) && two[1]!.length >= 6 && joined.length >= 0.75 * label.length && joined.length < label.length;
	// (Pieces that overlap may both hold the letter at the cut: "Rechnungsnun" | "nmer:".)
	const once = two[1]!.endsWith(two[2]![0]!) ? two[1]! + two[2]!.slice(1) : joined;
	// A long label cut where its letters are alike ("mm", "nn" in a scan) loses or changes two or three
	// at the cut ("Rechnungsnu" | "ner:", "Rechnungsnur" | "er", "Rechnungsnun" | "immer:"): the first
	// piece's first six letters right, the whole within two edits (three for 14 letters or more).
	const worn = (label: string) => label.length >= 12 && two[1]!.length >= 6 && label.startsWith(two[1]!.slice(0, 6)) && editDistance(joined, label) <= (label.length >= 14 ? 3 : 2);
	const near =
		labels.find(({ label }) => (/^[a-z]+ [a-z]+$/.test(label) ? label.length >= 7 : /^[a-z]{9,}$/.test(label)) && label.slice(0, 2) === joined.slice(0, 2) && (editDistance(joined, label.replace(' ', '')) <= 1 || (!label.includes(' ') && (cut(label) || editDistance(once, label) <= 1)))) ??
		labels.filter(({ label }) => /^[a-z]+$/.test(label) && worn(label)).sort((a, b) => editDistance(joined, a.label) - editDistance(joined, b.label))[0];
	return near && { label: near.label, re: new RegExp(`(?:^|[^a-z0-9])${two[1]} ${two[2]}(?![a-z])`) };
}

/** Two boxes of one row read as one line, left then right: their texts a space apart, the box around both. */
export function joinLines(left: PLine, right: PLine): PLine {
	const box: PLine['box'] = [Math.min(left.box[0], right.box[0]), Math.min(left.box[1], right.box[1]), Math.max(left.box[2], right.box[2]), Math.max(left.box[3], right.box[3])];
	return { ...left, text: `${left.text} ${right.text}`, folded: `${left.folded} ${right.folded}`, box, confidence: Math.min(left.confidence, right.confidence), words: [...(left.words ?? []), ...(right.words ?? [])] };
}

/**
 * Pieces of one word that detection cut apart ("Rechnungsnun" | "mer:", "Gesamtbe" | "trag"): on one
 * row, about a word-space apart (more where letters were lost at the cut), the right piece going on
 * in small letters. Read as one line, a space between them, as detection gives words of a line; a
 * label so cut is then found by misreadLabel. Capitals, digits and wider gaps (another column, a
 * value) stay apart.
 */
export function joinWordPieces(lines: readonly PLine[]): PLine[] {
	// Each line's piece to its left, if any (left to right, so a word cut twice joins up).
	const joined = new Map<PLine, PLine>(lines.map((l) => [l, l]));
	const into = new Map<PLine, PLine>();
	for (const l of [...lines].sort((a, b) => a.page - b.page || a.box[0] - b.box[0])) {
		// (A word in small letters only: "uSt." is a misread "USt.", not the end of a word.)
		if (!/^\p{Ll}+(?!\p{L})/u.test(l.text)) continue;
		// (A piece cut small stands inside its word's height: "mer:" beside "Rechnungsnun".)
		const inside = (o: PLine) => l.box[1] >= o.box[1] - 0.2 * h(o) && l.box[3] <= o.box[3] + 0.2 * h(o);
		// (One word of small letters without ascenders, well inside the word's height, is a word's end
		// whose letters at the cut were lost: "Rechnungsn" | "ner:", its "mm" gone, a gap wider than a space.)
		const gapAllowed = (o: PLine) => (inside(o) && h(l) < 0.75 * h(o) && /^\p{Ll}+\P{L}*$/u.test(l.text) ? 1.3 : 0.9) * h(o);
		const piece = lines.find((o) => o !== l && !into.has(o) && o.page === l.page && /\p{L}$/u.test(joined.get(o)!.text) && Math.abs(cy(o) - cy(l)) < 0.4 * h(o) && l.box[0] - joined.get(o)!.box[2] < gapAllowed(o) && l.box[0] > joined.get(o)!.box[2] - 0.5 * h(o) && (Math.max(h(o), h(l)) < 1.4 * Math.min(h(o), h(l)) || inside(o)));
		if (!piece) continue;
		joined.set(piece, joinLines(joined.get(piece)!, l));
		into.set(l, piece);
	}
	return into.size ? lines.filter((l) => !into.has(l)).map((l) => joined.get(l)!) : [...lines];
}

/** Every place a value of these labels may be, best first. */
export function candidatesOf(labels: readonly Label[], lines: PLine[]): Candidate[] {
	const out: Candidate[] = [];
	for (const line of lines) {
		const exact = labels.find(({ re }) => re.test(line.folded));
		// A longer label misread may hide behind a shorter one read right ("Invoice Nunber" holds "Invoice"): both are tried.
		for (const hit of [exact, misreadLabel(labels, line)]) {
			if (!hit) continue;
			// A word in brackets after another qualifies it ("Preis pro Einheit (netto)", "Amount (VAT)"): not a label of its own.
			const at = hit.re.exec(line.folded);
			if (at && /\p{L}.*\(\s*$/u.test(line.folded.slice(0, at.index + 1))) continue;
			// A label read with a letter wrong counts for a little less than one read right.
			const specificity = (0.6 + Math.min(0.4, hit.label.length / 40)) * (hit === exact ? 1 : 0.9);
			const rest = afterLabel(line, hit.re);
			if (rest) out.push({ text: rest, line, label: line, score: specificity, placement: 1 });
			// The value may be split over several boxes on the row, up to the next box that is a label of its
			// own ("Gross Total" | "$560.00" | "Total Spots" | "5": the spots are another label's value), or a
			// label we have no word for but its colon ("2018-04-13" | "Contract reference:" | "00000752").
			const row = rightOf(line, lines);
			const next = row.findIndex((o, i) => i > 0 && (startsWithLabel(o) || labelAlone(o)));
			const sameRow = next > 0 ? row.slice(0, next) : row;
			// The value may be split over several boxes on the row ("RM" | "60.31"): read them together.
			if (sameRow[0]) out.push({ text: sameRow.map((o) => o.text).join(' '), line: sameRow[sameRow.length - 1]!, label: line, score: specificity * 0.95, placement: 0.95 });
			// No amount on the row itself: the amount this label's row was paired with, a little above or below.
			const withMoney = (t: string | null) => t !== null && /\d[.,]\d{2}(?!\d)/.test(t);
			const partner = withMoney(rest) || sameRow.some((o) => withMoney(o.text)) ? undefined : rowPartners(lines).get(line);
			if (partner) out.push({ text: partner.text, line: partner, label: line, score: specificity * 0.9, placement: 0.9 });
			// Below: the next line down that overlaps the label horizontally (boxes of a skewed scan may overlap a little).
			const below = lines
				.filter((o) => o.page === line.page && o.box[1] >= line.box[3] - 0.3 * h(line) && cy(o) > line.box[3] && o.box[1] - line.box[3] < 1.6 * h(line) && o.box[0] < line.box[2] && o.box[2] > line.box[0])
				.sort((a, b) => a.box[1] - b.box[1]);
			// (Not where the label's own row holds its amount or its value after a colon, "Charge VAT category
			// code: S": the line below is another label's. Where words follow the label in its box, "Invoice
			// Note Description …", it may head them, not the line below: a guess worth a look.)
			const wordsAfter = rest !== null && /\p{L}{2}/u.test(rest);
			const ownValue = withMoney(rest) || sameRow.some((o) => withMoney(o.text)) || (rest !== null && /:\s*\S/.test(rest));
			if (below[0] && !ownValue) out.push({ text: below[0].text, line: below[0], label: line, score: specificity * (wordsAfter ? 0.6 : 0.8), placement: wordsAfter ? 0.6 : 0.85 });
		}
	}
	return out.sort((a, b) => b.score - a.score);
}

export const candidatesFor = (field: LabelledField, lines: PLine[]): Candidate[] => candidatesOf(LABEL_RES[field], lines);
