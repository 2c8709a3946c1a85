/**
 * Money amounts as printed in en/es/de/fr/it/pt/ch documents: 1,234.56 · 1.234,56 · 1 234,56 ·
 * 1'234.56 · 1,23,456.00 (India) · 1234 · (12.50) · -12,50 · 0.01- (a till's minus after the amount) · .02 (cents
 * without their 0) — and currencies from symbols or ISO codes. Pure.
 */

const AMOUNT = /[-(]?(?:\d{1,2}(?:,\d{2})+,\d{3}|\d{1,3}(?:[ .,'’\u00a0\u202f]\d{3})+|\d+)(?:[.,]\d{1,2})?\)?(?:-(?![\d\w]))?(?!\d)|(?<![\w.,])\.\d{2}(?![\d.,])/g;

/** Parses one amount string; null when it is not one. A lone separator followed by 3 digits is a thousands separator. */
export function parseAmount(raw: string): number | null {
	let s = raw.trim().replace(/[\u00a0\u202f ]/g, '');
	const negative = /^[-(]|\d-$/.test(s);
	s = s.replace(/^[-(]|\)$|-$/g, '');
	if (/^\.\d{2}$/.test(s)) s = `0${s}`;
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
	// Thousands separators group by three ("12.3.4" is not an amount), or, in India, by two above the thousands ("1,23,456").
	if (!/^\d+$|^\d{1,3}(?:[.,'’]\d{3})+$|^\d{1,2}(?:,\d{2})+,\d{3}$/.test(intPart)) return null;
	const digits = intPart.replace(/[.,'’]/g, '');
	if (!/^\d+$/.test(digits) || (frac !== '' && !/^\d{1,2}$/.test(frac))) return null;
	const value = Number(`${digits}${frac ? `.${frac}` : ''}`);
	return negative ? -value : value;
}

/** Every amount in a text, in order, with its raw form and where it starts (`at`). */
export function findAmounts(text: string): Array<{ raw: string; value: number; at: number }> {
	const out: Array<{ raw: string; value: number; at: number }> = [];
	for (const m of text.matchAll(AMOUNT)) {
		const value = parseAmount(m[0]);
		if (value !== null) out.push({ raw: m[0].trim(), value, at: m.index! + (m[0].length - m[0].trimStart().length) });
	}
	return out;
}

/** Currency codes an invoice may state (ISO 4217), the common ones. */
const ISO = ['EUR', 'USD', 'GBP', 'CHF', 'CAD', 'AUD', 'NZD', 'JPY', 'CNY', 'INR', 'MXN', 'BRL', 'SEK', 'DKK', 'NOK', 'PLN', 'CZK', 'HUF', 'RON', 'MYR', 'SGD', 'HKD', 'ZAR', 'TRY', 'AED', 'SAR', 'QAR', 'ILS', 'IDR', 'PHP', 'THB', 'VND', 'KRW', 'TWD', 'EGP', 'NGN', 'KES', 'ARS', 'CLP', 'COP', 'PEN', 'BGN', 'ISK'];

/** Signs and local spellings, each tied to its code; `$` and `kr` are settled by the page's other evidence. */
const SIGNS: Array<[RegExp, string]> = [
	[/€|\beuros?\b/i, 'EUR'],
	[/£/, 'GBP'],
	// "Fr." only before an amount with cents, and not the "Fr." of opening hours ("Mo.-Fr. 08.30").
	[/(?<![-–]\s?)\bFr\.\s?\d+[.,]\d{2}(?![.:]?\d)/, 'CHF'],
	[/US\$/, 'USD'],
	[/\bRM\s?\d/, 'MYR'],
	[/(?<![A-Z])C\$|CA\$/, 'CAD'],
	[/(?<![A-Z])A\$|AU\$/, 'AUD'],
	[/R\$/, 'BRL'],
	[/(?<![A-Z])S\$|SG\$/, 'SGD'],
	[/HK\$/, 'HKD'],
	[/NZ\$/, 'NZD'],
	[/NT\$/, 'TWD'],
	// The yen sign is also the yuan's: a page in Chinese (元, 人民币, RMB) counts for the yuan.
	[/¥|円/, 'JPY'],
	[/元|人民币|\bRMB\b/, 'CNY'],
	[/\bRp\.?\s?\d|\d\s?Rp\b/, 'IDR'],
	[/₱/, 'PHP'],
	[/฿/, 'THB'],
	[/₫/, 'VND'],
	[/₩/, 'KRW'],
	[/₺/, 'TRY'],
	[/₪/, 'ILS'],
	[/₹|\bRs\.?\s?\d/, 'INR'],
	// "zł", also as OCR reads it without its ł ("zt", "zl") right after an amount.
	[/\bzł|\d\s?z[lt]\b/i, 'PLN'],
	[/Kč|\bKc\b/, 'CZK'],
	[/\bFt\b/, 'HUF'],
	[/\blei\b/i, 'RON'],
];

/** Where a page says which currency it is in: that beats every sign and code elsewhere on it. */
const CURRENCY_LABEL = /\b(?:currency|invoice currency|w[aä]hrung|rechnungsw[aä]hrung|devise|monnaie|moneda|divisa|valuta|moeda|waluta|m[eě]na)\s*[:.]?\s*([A-Z]{3})\b/i;

/** The country a page's `$` belongs to, from what else it shows (addresses, tax ids, phone codes). */
function dollarCountry(text: string): string {
	if (/\bR\.?F\.?C\.?\b|\bM[eé]xico\b|\+52\b|\bCFDI\b/i.test(text)) return 'MXN';
	if (/\b(GST|HST|QST|PST)\b.*\b\d{9}\s?RT\d{4}\b|\bCanada\b|\b(ON|QC|BC|AB|MB|NS|NB|SK)\s+[A-Z]\d[A-Z]\s?\d[A-Z]\d\b/i.test(text)) return 'CAD';
	if (/\bABN\b|\bAustralia\b|\+61\b/i.test(text)) return 'AUD';
	if (/\bNew Zealand\b|\+64\b|\bNZBN\b/i.test(text)) return 'NZD';
	if (/\bSingapore\b|\+65\b|\bUEN\b/i.test(text)) return 'SGD';
	if (/\bHong Kong\b|\+852\b/i.test(text)) return 'HKD';
	// Malaysian receipts print "$" for ringgit beside the seller's Sdn Bhd.
	if (/\bSdn\.? ?Bhd\b|\bMalaysia\b|\+60\b/i.test(text)) return 'MYR';
	return 'USD';
}

/** `kr` by the page's language or country: Swedish, Danish or Norwegian crowns. */
function crownCountry(text: string, language: string | null): string {
	if (language === 'da' || /\bDanmark\b|\bCVR\b|\+45\b/i.test(text)) return 'DKK';
	if (language === 'no' || language === 'nb' || /\bNorge\b|\+47\b|\bMVA\b/i.test(text)) return 'NOK';
	return 'SEK';
}

/**
 * ISO 4217 code of a page's amounts, from evidence rather than counts: a currency label ("Währung:
 * EUR", "Currency: GBP") decides; else ISO codes written on the page weigh three signs each; `$` and
 * `kr` are settled by the country the page shows. Patterns never match inside words or times.
 */
export function detectCurrency(text: string, language: string | null = null): string | null {
	const labelled = CURRENCY_LABEL.exec(text)?.[1]?.toUpperCase();
	if (labelled && ISO.includes(labelled)) return labelled;
	const score = new Map<string, number>();
	const add = (code: string, n: number) => n > 0 && score.set(code, (score.get(code) ?? 0) + n);
	for (const code of ISO) add(code, 3 * (text.match(new RegExp(`(?<![A-Za-z])${code}(?![A-Za-z])`, 'g')) ?? []).length);
	for (const [re, code] of SIGNS) add(code, (text.match(new RegExp(re.source, `${re.flags.replace('g', '')}g`)) ?? []).length);
	// A bare "$" (not US$, C$, A$, R$ …) and "kr" as a currency before or after a figure.
	const dollars = (text.match(/(?<![A-Za-z])\$\s?\d|\d\s?\$(?![A-Za-z])/g) ?? []).length;
	if (dollars) add(dollarCountry(text), dollars);
	const crowns = (text.match(/\bkr\.?\s?\d|\d\s?kr\b/gi) ?? []).length;
	if (crowns) add(crownCountry(text, language), crowns);
	// The yen sign on a page in Chinese is the yuan's.
	if (score.has('CNY') && score.has('JPY') && !/円/.test(text)) {
		add('CNY', score.get('JPY')!);
		score.delete('JPY');
	}
	let best: string | null = null;
	for (const [code, n] of score) if (best === null || n > score.get(best)!) best = code;
	return best;
}
