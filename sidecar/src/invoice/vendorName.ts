/**
 * A vendor's name as printed: OCR's spacing undone, the registered legal form read right, and what
 * follows the legal form (a registration number, a branch code) left out. Pure.
 */
import { fold } from '../ocr/repair/fold';
import { editDistance } from './editDistance';

/**
 * Legal forms as registries write them, token by token. The recogniser misreads their letters as
 * look-alike digits ("5/B", "3HD") or one letter off ("SON BHD", "Sdin Bhd"); being a closed set, a
 * near miss can be read back to the form it must be.
 */
const LEGAL_FORMS: readonly (readonly string[])[] = [['SDN', 'BHD'], ['PTE', 'LTD'], ['S/B'], ['BHD'], ['LTD'], ['GMBH']];

/** Digits a printed capital (or the slash of "S/B") is misread as. */
const AS_LETTER: Record<string, string> = { '0': 'O', '1': 'I', '3': 'B', '5': 'S', '8': 'B', '2': 'Z', '7': '/' };

/** Letters only, upper-case, look-alike digits read as letters; dots dropped ("Sdn." → "SDN"). */
const shape = (token: string) => token.toUpperCase().replace(/\./g, '').replace(/[0-9]/g, (d) => AS_LETTER[d] ?? d);

const oneEditApart = (a: string, b: string) => editDistance(a, b) <= 1;

type Style = 'upper' | 'lower' | 'title';

function styleOf(printed: string): Style | null {
	const letters = printed.replace(/[^\p{L}]/gu, '');
	if (letters.length < 2) return null;
	if (letters === letters.toUpperCase()) return 'upper';
	return /^\p{Lu}/u.test(letters) ? 'title' : 'lower';
}

/** The form's token written in the style its neighbours are printed in, keeping a final dot ("son." → "sdn."). */
function asPrinted(printed: string, form: string, style: Style): string {
	const word = style === 'upper' ? form : style === 'lower' ? form.toLowerCase() : form[0] + form.slice(1).toLowerCase();
	return printed.endsWith('.') ? `${word}.` : word;
}

/**
 * The name's legal form at its end (or before a registration number), read back when OCR missed
 * one letter of it or read a letter as its look-alike digit. A two-token form must have one token
 * exact; a one-token form is repaired only from look-alike digits ("5/B", "3HD"), so a word that
 * is one letter from a form ("SEA" and "SPA") is left as it is.
 */
export function repairLegalForm(name: string): string {
	const tokens = name.split(' ');
	for (let end = tokens.length; end > 1; end--) {
		for (const form of LEGAL_FORMS) {
			const start = end - form.length;
			if (start < 1) continue;
			const printed = tokens.slice(start, end);
			const bare = printed.map((p) => p.toUpperCase().replace(/\./g, ''));
			if (bare.every((b, i) => b === form[i])) return name;
			const shapes = printed.map(shape);
			const exact = shapes.filter((s, i) => s === form[i]).length;
			const fromDigits = form.length === 1 && shapes[0] === form[0] && bare[0] !== form[0];
			// A thin letter lost or read as its twin: "Itd" (a capital I for the small l), "td".
			const thin = form.length === 1 && bare[0] !== form[0] && (bare[0]!.replace(/I/g, 'L') === form[0] || (bare[0]!.length >= 2 && `L${bare[0]}` === form[0]));
			const near = form.length > 1 && exact >= 1 && shapes.every((s, i) => oneEditApart(s, form[i]!));
			if (!fromDigits && !near && !thin) continue;
			// The style of a token read right ("Bhd" in "5dn Bhd"), else of any (a capital I read for an l says nothing of it).
			const style = printed.map((p, i) => (bare[i] === form[i] ? styleOf(p) : null)).find((x) => x !== null) ?? printed.map((p) => styleOf(thin ? p.replace(/^I/, '') : p)).find((x) => x !== null) ?? 'upper';
			return [...tokens.slice(0, start), ...printed.map((p, i) => asPrinted(p, form[i]!, style)), ...tokens.slice(end)].join(' ');
		}
	}
	return name;
}

/** The last legal form, followed by a registration number or branch code ("… SDN BHD (139386 X)", "… S/B 273500-U (KJ1)", "… (CO. REG : 860671-D)"). */
const LEGAL_FORM_WORDS = String.raw`sdn\.?\s*bhd|bhd|s\/b|pte\.?\s*ltd|ltd|limited|llc|inc|gmbh|plc`;
/**
 * The same and the forms of other countries, for cutting what follows a name on its line: the
 * address a sender or hotel line prints after it ("Hotel Plaza Mayor S.A. · Plaza Mayor 4, 37002
 * Salamanca", "Hôtel du Parc SAS - 8 boulevard Gambetta"). Forms that are also words ("AS", "AB")
 * are left out; dotted forms need their dots.
 */
const ALL_LEGAL_FORMS = String.raw`${LEGAL_FORM_WORDS}|llp|corp|pty|sas|sarl|srl|spa|s\.\s?[al]\.|s\.\s?r\.\s?l\.|s\.\s?p\.\s?a\.|s\.\s?r\.\s?o\.|b\.\s?v\.|bv|n\.\s?v\.|ag|kg|ohg|gbr|e\.\s?k\.|lda|ltda|oy|aps|a\/s|sp\.\s?z\s?o\.\s?o\.`;
/** The last legal form, then (after a space or a separator) a run with a digit in it and no other form. */
const AFTER_LEGAL_FORM = new RegExp(String.raw`^(.*\b(?:${ALL_LEGAL_FORMS})(?<=\.)|.*\b(?:${ALL_LEGAL_FORMS})(?![\p{L}\d])\.?)[\s,;:·•|–-]*\s(?=.*\d)(?!.*\b(?:${ALL_LEGAL_FORMS})(?![\p{L}\d])).*$`, 'iu');

/**
 * Legal forms that are also words in some language ("SA", "AB", "AS") count only in capitals; an
 * address after them is cut like after any other form ("Énergie Rhône SA 15 quai Perrache").
 */
const AFTER_CAPITAL_FORM = /^(\S.*\s(?:SA|SAS|SE|AB|AS|NV|BV|AG|KG|OY))[\s,;:·•|–-]*\s(?=.*\d)(?!.*\b(?:SA|SAS|SE|AB|AS|NV|BV|AG|KG|OY)\b).*$/u;

/** Legal forms written one way only: OCR's case slips ("B.v.", "Gmbh", "Sarl") are read back. */
const FORM_CASE: ReadonlyArray<[RegExp, string]> = [
	[/\bB\.\s?V\.?$/i, 'B.V.'],
	[/\bN\.\s?V\.?$/i, 'N.V.'],
	[/\bGmbH$/i, 'GmbH'],
	[/\bS\.\s?A\.$/i, 'S.A.'],
	[/\bS\.\s?L\.$/i, 'S.L.'],
	[/\bS\.r\.l\.$/i, 'S.r.l.'],
	[/\bS\.p\.A\.$/i, 'S.p.A.'],
	[/\be\.\s?K\.$/i, 'e.K.'],
];
// (A name printed all in capitals keeps its form in capitals: "MUSTERLIEFERANT GMBH".)
const formCase = (name: string) => (/\p{Ll}/u.test(name) ? FORM_CASE.reduce((n, [re, form]) => n.replace(re, (m) => (m.toUpperCase() === form.toUpperCase() && /[a-z]/i.test(m) ? form : m)), name) : name);

/** Abbreviations whose full stop belongs to the name ("… CO.", "… SDN. BHD.", "… S.A."). */
const ABBREVIATION = /(?:^|\s)(?:co|inc|ltd|bhd|sdn|corp|bros|intl|mfg|no|st|[\p{L}]\.(?:[\p{L}]\.?)+|[\p{L}]{1,3})\.$/iu;

/** A full stop at the end that is a speck or the end of a sentence, not an abbreviation's ("RESTORAN SIAM VILLAGE.", "… S/B."). */
const withoutStrayStop = (name: string) => (name.endsWith('.') && !ABBREVIATION.test(name) ? name.slice(0, -1).trimEnd() : name);

/** A company name as printed, without OCR's spaces inside brackets or a trailing registration number. */
export function cleanName(text: string): string {
	const spaced = text
		.trim()
		.replace(/\(\s+/g, '(')
		.replace(/\s+\)/g, ')')
		.replace(/\)(?=\p{L})/gu, ') ')
		// A country or branch in brackets before the legal form lost its closing one ("COSWAY (M SDN BHD").
		.replace(/\((\p{Lu}{1,3})\s+(?=(?:sdn|bhd|s\/b|pte|ltd)\b)/giu, '($1) ')
		// A speck read as a middle dot at a word's end ("INTERNATIONAL· SDN BHD").
		.replace(/·(?=\s|$)/g, '')
		// A zero among letters is an O the recogniser misread (AEON C0. → CO.), also ending a word of
		// capitals (HAI-0 RAYA → HAI-O); a code's zero has digits about it (E0118).
		.replace(/(?<=\p{Lu})0(?=[\p{Lu}.])|(?<=\p{Lu}{2}|\p{Lu}-)0(?=\s|$)/gu, 'O')
		// An opening bracket stands apart from the word before it ("BAKERIES(KL)", "CO.(M)" as OCR runs them together).
		.replace(/(?<=[\p{L}.])\(/gu, ' (')
		// A possessive's apostrophe holds to its word ("DOMINO 'S PIZZA").
		.replace(/(?<=\p{L}) (['’]s)\b/giu, '$1')
		// A dotted legal form that lost its last dot ("Hotel Plaza Mayor S.A Plaza Mayor 4, …"): the form
		// is written with it, and what follows the form is cut only after a whole one.
		.replace(/\b(S\.\s?[AL]|S\.r\.l|S\.p\.A|B\.\s?V|N\.\s?V|e\.\s?K)(?=\s|$)/g, '$1.')
		// A title's dot read as a comma ("M, Julien Lambert").
		.replace(/^(M|Mr|Mrs|Ms|Dr|Mme|Mlle|Sr|Sra|Srta|Hr|Fr|Dhr|Mevr),(?=\s)/u, '$1.')
		.trim();
	return formCase(
		withoutStrayStop(
			repairLegalForm(spaced)
				// "OWN BY: CHEF LEE SDN BHD": the owner's note before the registered name.
				.replace(/^(?:owned|own|operated|managed)\s+by\s*:?\s*/i, '')
				.replace(AFTER_LEGAL_FORM, '$1')
				.replace(AFTER_CAPITAL_FORM, '$1')
				.replace(/\s*\(?\b[A-Z]{0,2}\d{5,}-?[A-Z]\)?\s*$/i, '')
				.trim(),
		),
	);
}

/**
 * Whether a vendor line is the end of a name that began on the line above: it is only a legal form
 * ("SDN. BHD."), starts with "&" or "and" ("& TEA LEAF (M) SDN. BHD."), or has a single word before
 * its legal form ("STATIONERY SDN.BHD").
 */
export function nameStartsAbove(text: string): boolean {
	const name = repairLegalForm(text.trim());
	if (/^(&|and\b)/i.test(name)) return true;
	const m = new RegExp(String.raw`^(.*?)\s*\b(?:${LEGAL_FORM_WORDS})\.?\s*$`, 'iu').exec(name);
	return m !== null && m[1]!.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length <= 1;
}

/** `word` in the case `like` is printed in (capitals, a capital first, small letters). */
function inCaseOf(word: string, like: string): string {
	if (like === like.toUpperCase()) return word.toUpperCase();
	if (like[0] === like[0]!.toUpperCase()) return word[0]!.toUpperCase() + word.slice(1).toLowerCase();
	return word.toLowerCase();
}

/**
 * Whether `read` is `whole` with one letter lost: its last (not an s: "KING'S" beside "KINGS" is a
 * plural or a possessive), or, in a word of five letters or more, one inside ("Seelick" for "Seeblick").
 */
function lostLetter(whole: string, read: string): boolean {
	for (let i = 0; i < whole.length; i++) {
		if (!/\p{L}/u.test(whole[i]!) || whole.slice(0, i) + whole.slice(i + 1) !== read) continue;
		if (i === whole.length - 1 ? whole[i] !== 's' : read.length >= 5) return true;
	}
	return false;
}

/**
 * A word of the name that OCR read with a letter lost or an accent it cannot write missing
 * ("Harbourside Hote Ltd", "Hotel Seelick GmbH", "Cafe"), where the page prints the word again and it was read whole
 * there (the sign "HARBOURSIDE HOTEL", a closing "Café Sommer"): the word as read there, in the
 * name's case. A word of the name read the same way elsewhere on the page, or nowhere else, stays.
 */
export function corroborateName(name: string, elsewhere: readonly string[]): string {
	const words = [...new Set(elsewhere.flatMap((t) => t.match(/\p{L}{4,}/gu) ?? []).map((w) => w.toLowerCase()))];
	return name.replace(/\p{L}{4,}/gu, (w) => {
		const lw = w.toLowerCase();
		if (words.includes(lw)) return w;
		const whole = words.filter((o) => (o.length === lw.length + 1 && lostLetter(o, lw)) || (o.length === lw.length && o !== lw && fold(o) === fold(lw)));
		return whole.length === 1 ? inCaseOf(whole[0]!, w) : w;
	});
}
