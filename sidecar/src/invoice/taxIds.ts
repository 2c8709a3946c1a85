/**
 * Tax ids as data: each country's format (on the id written without spaces, dots or dashes) and,
 * where one is published, its check digits. A printed id is often spaced ("GB 123 4567 89",
 * "ABN 51 824 753 556", "DE 123 456 789"): its groups are joined back while they make a known
 * format, so the id is kept whole, and the check digits tell a misread digit from a right one.
 * Pure functions.
 */

export interface TaxIdFormat {
	/** What the id is, for the reader (echoed in logs and tests). */
	name: string;
	/** On the compact form: upper case, no spaces, dots or dashes. */
	re: RegExp;
	/** The check digits, where the format has them. */
	valid?: (compact: string) => boolean;
	/** How the id is written when it is not written compact (a US EIN keeps its dash). */
	display?: (compact: string) => string;
	/**
	 * The printed form the format must have: for digits alone without check digits (any 9 digits are
	 * not an EIN), and for a format that is not printed in groups.
	 */
	printed?: RegExp;
	/** The currency of the country that issues the id: a page's currency where it prints no sign or code that OCR could read (₹, £). */
	currency: string;
}

const digits = (s: string) => [...s].map(Number);

/** Σ of the digits, every second one (from the first or the second) doubled and its digits added: the step Luhn, Austria's UID and Spain's CIF share. */
const doubledDigitSum = (ds: readonly number[], doubleFrom: 0 | 1) =>
	ds.reduce((a, x, i) => {
		const y = i % 2 === doubleFrom ? 2 * x : x;
		return a + Math.floor(y / 10) + (y % 10);
	}, 0);

/** Luhn (Italian partita IVA, Canadian business numbers). */
const luhn = (s: string) => doubledDigitSum(digits(s).reverse(), 1) % 10 === 0;

/** ISO 7064 MOD 11,10 (German USt-IdNr.). */
function mod11_10(s: string): boolean {
	let product = 10;
	const ds = digits(s);
	for (const d of ds.slice(0, -1)) {
		const sum = (d + product) % 10 || 10;
		product = (2 * sum) % 11;
	}
	return (11 - product) % 10 === ds[ds.length - 1];
}

/** Σ weight × digit over the first digits of `s`, one weight each. */
const weightedSum = (s: string, weights: readonly number[]) => weights.reduce((a, w, i) => a + w * Number(s[i]), 0);

/** Polish NIP: weights 6 5 7 2 3 4 5 6 7, mod 11, is the tenth digit (a 10 is never issued). */
const plNip = (s: string) => weightedSum(s, [6, 5, 7, 2, 3, 4, 5, 6, 7]) % 11 === Number(s[9]);

/** Portuguese NIF: 11 − (weights 9…2, mod 11) is the ninth digit (0 where that is 10 or 11). */
function ptNif(s: string): boolean {
	const r = weightedSum(s, [9, 8, 7, 6, 5, 4, 3, 2]) % 11;
	return (r < 2 ? 0 : 11 - r) === Number(s[8]);
}

/** UK VAT: weights 8…2 on seven digits plus the last two, ≡ 0 or 55 (mod 97). */
function gbVat(s: string): boolean {
	const sum = weightedSum(s, [8, 7, 6, 5, 4, 3, 2]) + Number(s.slice(7, 9));
	return sum % 97 === 0 || (sum + 55) % 97 === 0;
}

/** Australian Business Number: first digit less one, weighted, ≡ 0 (mod 89). */
const abn = (s: string) => (weightedSum(s, [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19]) - 10) % 89 === 0;

/** Indian GSTIN: base-36 weighted check character. */
function gstin(s: string): boolean {
	const A = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
	let sum = 0;
	for (let i = 0; i < 14; i++) {
		const p = A.indexOf(s[i]!) * (i % 2 === 0 ? 1 : 2);
		sum += Math.floor(p / 36) + (p % 36);
	}
	return A[(36 - (sum % 36)) % 36] === s[14];
}

/** French TVA: key = (12 + 3 × (SIREN mod 97)) mod 97, where the key is numeric. */
function frTva(s: string): boolean {
	if (!/^\d{2}/.test(s.slice(2))) return true;
	return Number(s.slice(2, 4)) === (12 + 3 * (Number(s.slice(4)) % 97)) % 97;
}

/** Mexican RFC: its six digits are a date (YYMMDD); a label glued to a number ("EIN 123456789") is not one. */
function rfcDate(s: string): boolean {
	const [mm, dd] = [Number(s.slice(-7, -5)), Number(s.slice(-5, -3))];
	return mm >= 1 && mm <= 12 && dd >= 1 && dd <= 31;
}

/** Belgian: the last two digits are 97 − (the first eight mod 97). */
const beVat = (s: string) => 97 - (Number(s.slice(2, 10)) % 97) === Number(s.slice(10));

/** Austrian UID (ATU and eight digits): the seven, every second doubled and its digits summed, plus 4; ten less that, mod 10, is the eighth. */
function atUid(s: string): boolean {
	const d = digits(s.slice(3));
	return (10 - ((doubledDigitSum(d.slice(0, 7), 1) + 4) % 10)) % 10 === d[7];
}

/** Danish CVR: weights 2 7 6 5 4 3 2 1, ≡ 0 (mod 11). */
const dkCvr = (s: string) => weightedSum(s.slice(2), [2, 7, 6, 5, 4, 3, 2, 1]) % 11 === 0;

/** 11 − (Σ weight × digit mod 11) as a check digit: 0 for 11, none for 10 (Finnish Y-tunnus, Norwegian and Swiss numbers). */
function mod11Check(body: string, weights: readonly number[], check: string | undefined): boolean {
	const r = weightedSum(body, weights) % 11;
	const c = r === 0 ? 0 : 11 - r;
	return c !== 10 && c === Number(check);
}

/**
 * Dutch btw-id: the first eight digits weighted 9…2, mod 11, are the ninth (numbers before 2020); or,
 * as sole traders' numbers since 2020, the whole id with letters as numbers (A = 10 …) ≡ 1 (mod 97).
 */
function nlBtw(s: string): boolean {
	if (weightedSum(s.slice(2), [9, 8, 7, 6, 5, 4, 3, 2]) % 11 === Number(s[10])) return true;
	let r = 0;
	for (const ch of s) for (const dd of String(parseInt(ch, 36))) r = (r * 10 + Number(dd)) % 97;
	return r === 1;
}

/** Luxembourg: the first six digits mod 89 are the last two. */
const luTva = (s: string) => Number(s.slice(2, 8)) % 89 === Number(s.slice(8));

/**
 * Spanish NIF: a person's (eight digits, or X/Y/Z for a foreigner's 0/1/2, or K/L/M and seven) ends in
 * the letter of the number mod 23; a company's (a letter and seven digits) in a control digit or its
 * letter: every second digit doubled and its digits summed, ten less the sum's last digit.
 */
function esNif(s: string): boolean {
	const id = s.slice(2);
	const LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
	const person = /^[0-9XYZ]\d{7}[A-Z]$/.test(id) ? id.slice(0, 8).replace(/^[XYZ]/, (c) => String('XYZ'.indexOf(c))) : /^[KLM]\d{7}[A-Z]$/.test(id) ? id.slice(1, 8) : null;
	if (person !== null) return LETTERS[Number(person) % 23] === id[8];
	if (!/^[ABCDEFGHJNPQRSUVW]\d{7}[0-9A-J]$/.test(id)) return false;
	const control = (10 - (doubledDigitSum(digits(id.slice(1, 8)), 0) % 10)) % 10;
	return id[8] === String(control) || id[8] === 'JABCDEFGHI'[control];
}

export const TAX_ID_FORMATS: readonly TaxIdFormat[] = [
	{ name: 'EU VAT (AT)', re: /^ATU\d{8}$/, valid: atUid, currency: 'EUR' },
	{ name: 'EU VAT (BE)', re: /^BE[01]\d{9}$/, valid: beVat, currency: 'EUR' },
	{ name: 'EU VAT (CZ)', re: /^CZ\d{8,10}$/, currency: 'CZK' },
	{ name: 'EU VAT (DE)', re: /^DE\d{9}$/, valid: (s) => mod11_10(s.slice(2)), currency: 'EUR' },
	{ name: 'EU VAT (DK)', re: /^DK\d{8}$/, valid: dkCvr, currency: 'DKK' },
	{ name: 'EU VAT (ES)', re: /^ES[A-Z0-9]\d{7}[A-Z0-9]$/, valid: esNif, currency: 'EUR' },
	{ name: 'EU VAT (FI)', re: /^FI\d{8}$/, valid: (s) => mod11Check(s.slice(2, 9), [7, 9, 10, 5, 8, 4, 2], s[9]), currency: 'EUR' },
	{ name: 'EU VAT (FR)', re: /^FR[A-HJ-NP-Z0-9]{2}\d{9}$/, valid: frTva, currency: 'EUR' },
	{ name: 'EU VAT (IE)', re: /^IE\d[A-Z0-9+*]\d{5}[A-Z]{1,2}$/, currency: 'EUR' },
	{ name: 'EU VAT (IT)', re: /^IT\d{11}$/, valid: (s) => luhn(s.slice(2)), currency: 'EUR' },
	{ name: 'EU VAT (LU)', re: /^LU\d{8}$/, valid: luTva, currency: 'EUR' },
	{ name: 'EU VAT (NL)', re: /^NL\d{9}B\d{2}$/, valid: nlBtw, currency: 'EUR' },
	{ name: 'EU VAT (PL)', re: /^PL\d{10}$/, valid: (s) => plNip(s.slice(2)), currency: 'PLN' },
	{ name: 'EU VAT (PT)', re: /^PT\d{9}$/, valid: (s) => ptNif(s.slice(2)), currency: 'EUR' },
	{ name: 'EU VAT (SE)', re: /^SE\d{10}01$/, valid: (s) => luhn(s.slice(2, 12)), currency: 'SEK' },
	{ name: 'UK VAT', re: /^GB\d{9}(\d{3})?$/, valid: (s) => gbVat(s.slice(2)), currency: 'GBP' },
	{ name: 'Swiss UID', re: /^CHE\d{9}(MWST|TVA|IVA)?$/, valid: (s) => mod11Check(s.slice(3, 11), [5, 4, 3, 2, 7, 6, 5, 4], s[11]), currency: 'CHF' },
	{ name: 'Norwegian org. number', re: /^NO\d{9}(MVA)?$/, valid: (s) => mod11Check(s.slice(2, 10), [3, 2, 7, 6, 5, 4, 3, 2], s[10]), currency: 'NOK' },
	{ name: 'Indian GSTIN', re: /^\d{2}[A-Z]{5}\d{4}[A-Z][A-Z0-9]Z[A-Z0-9]$/, valid: gstin, currency: 'INR' },
	// Printed in one piece: a label and digits side by side ("GST 000123 456") would make one.
	{ name: 'Mexican RFC', re: /^[A-ZÑ&]{3,4}\d{6}[A-Z0-9]{3}$/, valid: rfcDate, printed: /^[A-ZÑ&]{3,4}-?\d{6}-?[A-Z0-9]{3}$/, currency: 'MXN' },
	{ name: 'Canadian BN', re: /^\d{9}RT\d{4}$/, valid: (s) => luhn(s.slice(0, 9)), currency: 'CAD' },
	{ name: 'Australian ABN', re: /^\d{11}$/, valid: abn, currency: 'AUD' },
	{ name: 'US EIN', re: /^\d{9}$/, printed: /^\d{2}-\d{7}$/, display: (s) => `${s.slice(0, 2)}-${s.slice(2)}`, currency: 'USD' },
];

export interface TaxId {
	/** The id, compact (or as its format writes it), else as printed. */
	id: string;
	format: string | null;
	/** The check digits: true or false where the format has them, null where it does not. */
	valid: boolean | null;
}

const compact = (s: string) => s.toUpperCase().replace(/[\s.\-/]/g, '');

/** The country prefixes of the formats above (DE, FR, ATU, CHE …). */
const PREFIXES = [...new Set(TAX_ID_FORMATS.flatMap((f) => /^\^([A-Z]{2,3})/.exec(f.re.source)?.[1] ?? []))];

/**
 * An id that starts as a known country's does (a prefix and digits) but matches none of the formats:
 * one digit too few or too many, as a lost or doubled glyph leaves it ("FR6443239791", one short).
 */
export function brokenFormat(id: string): boolean {
	const c = compact(id);
	return PREFIXES.some((p) => c.startsWith(p) && /^\d[A-Z0-9]*$/.test(c.slice(p.length))) && !TAX_ID_FORMATS.some((f) => f.re.test(c));
}

/** The currency of the country whose id `id` is, where it is a known format whose check digits do not fail. */
export function taxIdCurrency(id: string | null): string | null {
	if (!id) return null;
	const c = compact(id);
	const f = TAX_ID_FORMATS.find((x) => x.re.test(c));
	return f && (!f.valid || f.valid(c)) ? f.currency : null;
}
/** Pieces of an id as printed: letters and digits, with the dots, dashes and slashes inside it. */
const PIECE = /[\p{L}\d][\p{L}\d.\-/]*/gu;

/**
 * A run of the value's pieces that, joined, is a known format: checked ids first, then the longest,
 * then the first. A format of digits alone counts only where its check digits pass or its printed
 * form is its own (a bare run of digits is as likely a phone or an account number).
 */
function bestFormatted(pieces: string[]): TaxId | null {
	let best: { t: TaxId; rank: number } | null = null;
	for (let i = 0; i < pieces.length; i++) {
		for (let j = i; j < Math.min(pieces.length, i + 6); j++) {
			const printed = pieces.slice(i, j + 1).join(' ');
			const c = compact(printed);
			if (c.length > 16) break;
			for (const f of TAX_ID_FORMATS) {
				if (!f.re.test(c)) continue;
				const valid = f.valid ? f.valid(c) : null;
				if (/^\d+$/.test(c) && valid !== true && !f.printed?.test(printed)) continue;
				if (f.printed && !f.printed.test(printed)) continue;
				// A passing check beats an id without one, which beats a failing one; then more of the value.
				const rank = (valid === true ? 2 : valid === null ? 1 : 0) * 100 + c.length;
				if (!best || rank > best.rank) best = { t: { id: f.display ? f.display(c) : c, format: f.name, valid }, rank };
				break;
			}
			// Not a checked id as read: letters and digits that look alike ("880OKDX187700ZX" for
			// 88OOKDX1877O0ZX) swapped where a format with check digits then holds.
			if (!best || best.rank < 200) {
				const repaired = lookAlike(c);
				const rank = 150 + c.length;
				if (repaired && (!best || rank > best.rank)) best = { t: repaired, rank };
			}
		}
	}
	return best?.t ?? null;
}

/** Characters the recogniser confuses, each way. */
const LOOK_ALIKE: Record<string, string> = { O: '0', '0': 'O', I: '1', '1': 'I', L: '1', S: '5', '5': 'S', B: '8', '8': 'B', Z: '2', '2': 'Z', G: '6', '6': 'G' };

/**
 * The id with up to three look-alike characters swapped, where exactly one such reading is a format
 * whose check digits pass (a check that passes by chance on a misread id is what the limit and the
 * uniqueness guard against).
 */
function lookAlike(c: string): TaxId | null {
	const at = [...c].flatMap((ch, i) => (LOOK_ALIKE[ch] ? [i] : []));
	if (at.length === 0 || at.length > 10) return null;
	// Each reading whose check passes, with its format.
	const found = new Map<string, TaxIdFormat>();
	const tryVariant = (v: string) => {
		for (const f of TAX_ID_FORMATS) if (f.valid && f.re.test(v) && f.valid(v)) found.set(v, f);
	};
	for (let a = 0; a < at.length; a++) {
		const swap = (v: string, i: number) => v.slice(0, i) + LOOK_ALIKE[v[i]!]! + v.slice(i + 1);
		const one = swap(c, at[a]!);
		tryVariant(one);
		for (let b = a + 1; b < at.length; b++) {
			const two = swap(one, at[b]!);
			tryVariant(two);
			for (let d = b + 1; d < at.length; d++) tryVariant(swap(two, at[d]!));
		}
	}
	if (found.size !== 1) return null;
	const [id, f] = [...found][0]!;
	return { id: f.display ? f.display(id) : id, format: f.name, valid: true };
}

/** A found tax id's check digits, as a cross-check on the document: pass or fail where its format has them, else not-checked. */
export function taxIdCheck(id: string | null): 'pass' | 'fail' | 'not-checked' {
	const tax = id === null ? null : readTaxId(id);
	return tax?.valid === true ? 'pass' : tax?.valid === false ? 'fail' : 'not-checked';
}

/**
 * The tax id in a label's value. A known format wins, joined across the spaces it was printed
 * with; else the first id-like run with the digit groups printed after it ("000 123 456 789"),
 * written without its spaces.
 */
export function readTaxId(value: string): TaxId | null {
	const pieces = value.match(PIECE) ?? [];
	const known = bestFormatted(pieces.filter((p) => /\d/.test(p) || /^[A-Z]{2,4}$/.test(p)));
	if (known) return known;
	const m = /(?:\b[A-Z]{1,4} (?=[A-Z]*\d))?[A-Z0-9][A-Z0-9\-/.]*\d[A-Z0-9\-/.]*(?: \d{2,6}\b)*/.exec(value);
	if (!m || m[0].replace(/\D/g, '').length < 5) return null;
	return { id: m[0].replace(/[.\-/]+$/, '').replace(/ /g, '').toUpperCase(), format: null, valid: null };
}
