/** Dates as printed, in the common orders, with month names in en/es/de/fr/it/pt/nl/pl/sv/da/cs and in CJK year-month-day form, to ISO YYYY-MM-DD. Pure. */

const MONTHS: Record<string, number> = {};
const NAMES: string[][] = [
	['january', 'jan', 'enero', 'ene', 'januar', 'jänner', 'janvier', 'janv', 'gennaio', 'gen', 'janeiro', 'januari', 'styczen', 'styczeń', 'stycznia', 'leden', 'ledna'],
	['february', 'feb', 'febrero', 'februar', 'février', 'fevrier', 'févr', 'fevr', 'febbraio', 'fevereiro', 'fev', 'februari', 'luty', 'lutego', 'unor', 'únor', 'února', 'unora'],
	['march', 'mar', 'marzo', 'märz', 'maerz', 'mars', 'março', 'marco', 'maart', 'mrt', 'marzec', 'marca', 'marts', 'brezen', 'březen', 'března', 'brezna'],
	['april', 'apr', 'abril', 'abr', 'avril', 'avr', 'aprile', 'kwiecien', 'kwiecień', 'kwietnia', 'duben', 'dubna'],
	['may', 'mayo', 'mai', 'maggio', 'maio', 'mag', 'mei', 'maj', 'maja', 'kveten', 'květen', 'května', 'kvetna'],
	['june', 'jun', 'junio', 'juni', 'juin', 'giugno', 'giu', 'junho', 'czerwiec', 'czerwca', 'cerven', 'červen', 'června', 'cervna'],
	['july', 'jul', 'julio', 'juli', 'juillet', 'juil', 'luglio', 'lug', 'julho', 'lipiec', 'lipca', 'cervenec', 'červenec', 'července', 'cervence'],
	['august', 'aug', 'agosto', 'ago', 'août', 'aout', 'augustus', 'augusti', 'sierpien', 'sierpień', 'sierpnia', 'srpen', 'srpna'],
	['september', 'sep', 'sept', 'septiembre', 'set', 'septembre', 'settembre', 'setembro', 'wrzesien', 'wrzesień', 'września', 'wrzesnia', 'zari', 'září'],
	['october', 'oct', 'octubre', 'oktober', 'okt', 'octobre', 'ottobre', 'ott', 'outubro', 'out', 'pazdziernik', 'październik', 'października', 'pazdziernika', 'rijen', 'říjen', 'října', 'rijna'],
	['november', 'nov', 'noviembre', 'novembre', 'novembro', 'listopad', 'listopada', 'listopadu'],
	['december', 'dec', 'diciembre', 'dic', 'dezember', 'dez', 'décembre', 'decembre', 'déc', 'dicembre', 'dezembro', 'grudzien', 'grudzień', 'grudnia', 'prosinec', 'prosince'],
];
NAMES.forEach((names, i) => names.forEach((n) => (MONTHS[n] = i + 1)));

export type DateOrder = 'dmy' | 'mdy' | 'ymd';

export interface FoundDate {
	raw: string;
	iso: string;
	/** True when day and month could be swapped (both ≤ 12) and the order decided it. */
	ambiguous: boolean;
}

const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

function valid(y: number, m: number, d: number): boolean {
	if (m < 1 || m > 12 || d < 1 || y < 1900 || y > 2100) return false;
	return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const fullYear = (y: number) => (y < 100 ? (y < 70 ? 2000 + y : 1900 + y) : y);

const NUMERIC = /\b(\d{1,4})([./-])(\d{1,2})\2(\d{2,4})\b/g;
/**
 * A dotted date with one dot read as a comma ("9.1,2015", "13,4.2018"), as scans misread the dot's
 * speck: day first, as dotted dates are, with a four-digit year so no amount ("1.234,56") is one.
 */
const DOTTED_COMMA = /(?<![\d.,])(\d{1,2})(?:\.(\d{1,2}),|,(\d{1,2})\.)(\d{4})(?![\d.,])/g;
const MONTH_NAME = new RegExp(
	// Day (an ordinal too: "3rd", "1er"), month name and year apart by spaces, "de", or a slash or dash ("15/APR/2017", "05-JAN-2017").
	String.raw`\b(?:(\d{1,2})(?:st|nd|rd|th|er)?(?:[-/] ?|\.?\s*)(?:de\s+)?(${Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|')})(?: ?[-/] ?|\.?,?\s*)(?:de\s+)?(\d{4}|\d{2})|(${Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|')})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s*,?\s*(\d{4}))\b`,
	'giu',
);

/** Chinese and Japanese (2024年3月15日) and Korean (2024년 3월 15일) dates: always year, month, day. */
const CJK = /(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일号]?/gu;

/** Every date in a text, interpreting d/m order by `order` when both readings are possible. */
export function findDates(text: string, order: DateOrder = 'dmy'): FoundDate[] {
	const out: Array<FoundDate & { at: number }> = [];
	for (const m of text.matchAll(NUMERIC)) {
		const [a, b, c] = [Number(m[1]), Number(m[3]), Number(m[4])];
		if (m[1]!.length === 4) {
			if (valid(a, b, c)) out.push({ raw: m[0], iso: iso(a, b, c), ambiguous: false, at: m.index! });
			continue;
		}
		const y = fullYear(c);
		const dmy = valid(y, b, a);
		const mdy = valid(y, a, b);
		// Dates written with dots are day first wherever they are written (a US date never uses dots).
		if (dmy && mdy && a !== b) out.push({ raw: m[0], iso: order === 'mdy' ? iso(y, a, b) : iso(y, b, a), ambiguous: m[2] !== '.' || order === 'mdy', at: m.index! });
		else if (dmy) out.push({ raw: m[0], iso: iso(y, b, a), ambiguous: false, at: m.index! });
		else if (mdy) out.push({ raw: m[0], iso: iso(y, a, b), ambiguous: false, at: m.index! });
	}
	for (const m of text.matchAll(DOTTED_COMMA)) {
		const [d, mo, y] = [Number(m[1]), Number(m[2] ?? m[3]), Number(m[4])];
		if (valid(y, mo, d)) out.push({ raw: m[0], iso: iso(y, mo, d), ambiguous: false, at: m.index! });
	}
	for (const m of text.matchAll(MONTH_NAME)) {
		const day = Number(m[1] ?? m[5]);
		const month = MONTHS[(m[2] ?? m[4])!.toLowerCase()]!;
		const year = fullYear(Number(m[3] ?? m[6]));
		if (valid(year, month, day)) out.push({ raw: m[0].trim(), iso: iso(year, month, day), ambiguous: false, at: m.index! });
	}
	for (const m of text.matchAll(CJK)) {
		const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
		if (valid(y, mo, d)) out.push({ raw: m[0].trim(), iso: iso(y, mo, d), ambiguous: false, at: m.index! });
	}
	return out.sort((x, y) => x.at - y.at).map(({ at: _at, ...d }) => d);
}

/** The document's d/m order from its unambiguous dates (13/04 → dmy), else the hint. */
export function inferOrder(text: string, hint: DateOrder): DateOrder {
	return orderOf(text, hint).order;
}

/**
 * The same, and whether the document itself settled it: a date that can be read only one way
 * (13/04/2024) tells how its other dates (05/04/2024) are written, so they are not in doubt.
 */
export function orderOf(text: string, hint: DateOrder): { order: DateOrder; settled: boolean } {
	let dmy = 0;
	let mdy = 0;
	for (const m of text.matchAll(NUMERIC)) {
		if (m[1]!.length === 4) continue;
		const a = Number(m[1]);
		const b = Number(m[3]);
		if (a > 12 && b <= 12) dmy++;
		else if (b > 12 && a <= 12) mdy++;
	}
	const order = dmy > mdy ? 'dmy' : mdy > dmy ? 'mdy' : hint;
	return { order, settled: (dmy > 0) !== (mdy > 0) };
}

/** Currencies of the countries that write English dates month first (the United States, the Philippines, Canada in part). */
const MONTH_FIRST_CURRENCIES = new Set(['USD', 'PHP', 'CAD']);
/** A currency of a country that writes English dates day first (the pound, the rupee, the euro …): it settles an English page's order. */
export const dayFirstCurrency = (currency: string | null) => currency !== null && !MONTH_FIRST_CURRENCIES.has(currency);

/**
 * Signs of a seller outside the US that a US invoice does not print: a value-added or goods and
 * services tax and its numbers (VAT, GST, GSTIN, ABN, UEN), a legal form of Malaysia, Singapore,
 * India or Australia (Sdn Bhd, Bhd, Pte Ltd, Pvt Ltd, Pty Ltd), a UK postcode ("LS1 4AB").
 */
const OUTSIDE_US = /\b(VAT|GST|GSTIN|ABN|UEN|Sdn\.? ?Bhd|Bhd|Pte\.? Ltd|Pvt\.? Ltd|Pty\.? Ltd)\b/i;
/** Upper case only: "A4 2nd floor" is not a postcode. */
const UK_POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b/;

/**
 * The day/month order an English document most likely uses where its own dates leave it open: the
 * United States writes month first; the rest of the English-writing world (the UK, Ireland, India,
 * Australia, New Zealand, Singapore, Malaysia, South Africa …) day first. A currency other than the
 * US, Philippine or Canadian dollar says day first; so does a sign of a seller outside the US, even
 * beside a "$" (a Malaysian receipt printing "$"). With neither, month first, as before.
 */
export function englishDateOrder(text: string, currency: string | null): DateOrder {
	if (dayFirstCurrency(currency)) return 'dmy';
	return OUTSIDE_US.test(text) || UK_POSTCODE.test(text) ? 'dmy' : 'mdy';
}
