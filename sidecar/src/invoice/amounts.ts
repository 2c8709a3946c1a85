/**
 * Money amounts as printed in en/es/de/fr/it/pt/ch documents: 1,234.56 · 1.234,56 · 1 234,56 ·
 * 1'234.56 · 1234 · (12.50) · -12,50 — and currencies from symbols or ISO codes. Pure.
 */

const AMOUNT = /[-(]?(?:\d{1,3}(?:[ .,'’\u00a0\u202f]\d{3})+|\d+)(?:[.,]\d{1,2})?\)?(?!\d)/g;

/** Parses one amount string; null when it is not one. A lone separator followed by 3 digits is a thousands separator. */
export function parseAmount(raw: string): number | null {
	let s = raw.trim().replace(/[\u00a0\u202f ]/g, '');
	const negative = /^[-(]/.test(s);
	s = s.replace(/^[-(]|\)$/g, '');
	if (!/^\d[\d.,'’]*$/.test(s)) return null;
	const lastDot = s.lastIndexOf('.');
	const lastComma = s.lastIndexOf(',');
	const decimalAt = Math.max(lastDot, lastComma);
	let intPart = s;
	let frac = '';
	if (decimalAt >= 0) {
		const tail = s.slice(decimalAt + 1);
		const sepCount = (s.match(/[.,]/g) ?? []).length;
		const otherSeps = s.slice(0, decimalAt).match(/[.,'’]/g) ?? [];
		// "1.234" or "1,234" alone: thousands when exactly 3 digits follow and it is the only separator kind
		const isThousands = tail.length === 3 && (sepCount === 1 || otherSeps.every((c) => c === s[decimalAt]));
		if (!isThousands) {
			intPart = s.slice(0, decimalAt);
			frac = tail;
		}
	}
	// Thousands separators group by three: "12.3.4" is not an amount.
	if (!/^\d+$|^\d{1,3}(?:[.,'’]\d{3})+$/.test(intPart)) return null;
	const digits = intPart.replace(/[.,'’]/g, '');
	if (!/^\d+$/.test(digits) || (frac !== '' && !/^\d{1,2}$/.test(frac))) return null;
	const value = Number(`${digits}${frac ? `.${frac}` : ''}`);
	return negative ? -value : value;
}

/** Every amount in a text, in order, with its raw form. */
export function findAmounts(text: string): Array<{ raw: string; value: number }> {
	const out: Array<{ raw: string; value: number }> = [];
	for (const m of text.matchAll(AMOUNT)) {
		const value = parseAmount(m[0]);
		if (value !== null) out.push({ raw: m[0].trim(), value });
	}
	return out;
}

const SYMBOLS: Array<[RegExp, string]> = [
	[/€|\bEUR\b|\beuros?\b/i, 'EUR'],
	[/£|\bGBP\b/i, 'GBP'],
	[/\bCHF\b|\bFr\.\s?\d/, 'CHF'],
	[/\bUSD\b|US\$/i, 'USD'],
	[/\bRM\b|\bMYR\b/, 'MYR'],
	[/\bCAD\b|C\$/, 'CAD'],
	[/\bAUD\b|A\$/, 'AUD'],
	[/\bJPY\b|¥/, 'JPY'],
	[/\bCNY\b|\bRMB\b|元/, 'CNY'],
	[/\bSEK\b|\bkr\b/, 'SEK'],
	[/\$/, 'USD'],
];

/** ISO 4217 code from the symbols and codes in a text, the most frequent first. */
export function detectCurrency(text: string): string | null {
	let best: string | null = null;
	let bestCount = 0;
	for (const [re, code] of SYMBOLS) {
		const count = (text.match(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`)) ?? []).length;
		if (count > bestCount) {
			best = code;
			bestCount = count;
		}
	}
	return best;
}
