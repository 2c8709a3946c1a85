/**
 * The language words are repaired in. The page's from its function words (compared accent-folded,
 * since OCR drops accents): short, frequent, distinctive words decide better than full lexicons,
 * whose overlap is large. A party's block may say otherwise by its legal form or street words.
 */
import type { TextLine } from '../types';
import { fold } from './fold';
import type { RepairLanguage } from './lexicon';

const MARKERS: Record<RepairLanguage, string[]> = {
	en: ['the', 'and', 'of', 'to', 'for', 'with', 'is', 'this', 'your', 'you', 'please', 'amount', 'invoice', 'due', 'total', 'date', 'bill', 'thank', 'from', 'number'],
	es: ['el', 'los', 'las', 'y', 'para', 'con', 'por', 'del', 'factura', 'fecha', 'importe', 'numero', 'cliente', 'gracias', 'iva', 'su', 'una', 'que', 'calle', 'pago'],
	de: ['der', 'die', 'das', 'und', 'fur', 'mit', 'von', 'zu', 'den', 'ist', 'rechnung', 'datum', 'betrag', 'bitte', 'ihren', 'vielen', 'dank', 'gesamtbetrag', 'kunde', 'auf'],
	fr: ['le', 'les', 'des', 'et', 'pour', 'avec', 'du', 'au', 'facture', 'montant', 'a', 'nous', 'vous', 'votre', 'client', 'tva', 'rue', 'sur', 'par', 'paiement'],
	it: ['il', 'di', 'della', 'per', 'con', 'fattura', 'importo', 'totale', 'grazie', 'via', 'prezzo', 'quantita', 'descrizione', 'scadenza', 'imponibile', 'pagamento', 'che', 'gli', 'alla', 'corso'],
	pt: ['os', 'da', 'do', 'dos', 'das', 'em', 'fatura', 'valor', 'obrigado', 'rua', 'preco', 'descricao', 'vencimento', 'emissao', 'pagar', 'pagamento', 'avenida', 'nao', 'uma', 'qtd'],
};

export function guessLanguage(text: string): RepairLanguage | null {
	// A capital letter alone is a code ("A 7%", a till's tax code; "A Coruña"), not the French "à" or the Spanish "y".
	const words = (text.match(/\p{L}+/gu) ?? []).filter((w) => !/^\p{Lu}$/u.test(w)).map(fold);
	const scores = (Object.keys(MARKERS) as RepairLanguage[]).map((lang) => {
		const set = new Set(MARKERS[lang]);
		return { lang, score: words.filter((w) => set.has(w)).length };
	});
	scores.sort((a, b) => b.score - a.score);
	const [best, second] = scores;
	if (!best || best.score < 2 || best.score === second?.score) return null;
	return best.lang;
}

/**
 * Legal forms and street words that place a party in one language's country. A German seller on an
 * English page ("Test Gerüstbau GmbH", "Bahnhofstraße 46") writes its name and address in German,
 * and the page's language would leave its ü and ß unrepaired. Only forms no other language prints
 * are listed: S.A. and "Via" are shared, so they are not.
 */
const PARTY_MARKERS: Partial<Record<RepairLanguage, RegExp>> = {
	de: /\b(?:GmbH|mbH|KGaA|GbR|OHG|e\.\s?K\.|e\.\s?V\.)(?!\p{L})|\p{Ll}{2,}stra(?:ss|ß|b|B)e\b|\b\p{Lu}\p{Ll}+(?:str\.|platz|gasse)\s*\d/u,
	fr: /\b(?:SARL|SASU|EURL|S\.A\.R\.L\.)(?!\p{L})|\b\d+(?:\s?(?:bis|ter))?,?\s+(?:rue|allée|impasse|chemin)\s/iu,
	es: /\bS\.\s?L\.(?:\s?U\.)?(?!\p{L})|\b(?:Calle|C\/|Avda\.)\s*\p{Lu}/u,
	it: /\bS\.\s?r\.\s?l\.|\bS\.\s?p\.\s?A\.|\b(?:Viale|Piazza|Piazzale|Corso)\s+\p{Lu}/u,
	pt: /\bL(?:t)?da\.?(?!\p{L})|\bRua\s+\p{Lu}/u,
};

/** The one language whose party markers a line holds, or null (none, or several). */
export function partyLanguage(text: string): RepairLanguage | null {
	const found = (Object.keys(PARTY_MARKERS) as RepairLanguage[]).filter((lang) => PARTY_MARKERS[lang]!.test(text));
	return found.length === 1 ? found[0]! : null;
}

/** What blocks are found from: a line's text and its box. */
type PlacedLine = { text: string; box: Readonly<TextLine['box']> };

/**
 * The language each line is repaired in: the page's, except in a block (lines stacked under one
 * left edge, less than a line apart) where a line carries another language's party markers. The
 * whole block takes that language, since "Am Mühlberg 4" under "Gerüstbau GmbH" carries none.
 * A block with markers of two languages keeps the page's.
 */
export function blockLanguages(lines: readonly PlacedLine[], page: RepairLanguage | null): Array<RepairLanguage | null> {
	const height = (l: PlacedLine) => l.box[3] - l.box[1];
	const stacked = (a: PlacedLine, b: PlacedLine) => {
		const h = Math.min(height(a), height(b));
		const gap = Math.max(a.box[1], b.box[1]) - Math.min(a.box[3], b.box[3]);
		return Math.abs(a.box[0] - b.box[0]) <= 0.8 * h && gap <= 0.8 * h;
	};
	// Blocks by union-find over stacked pairs.
	const root = lines.map((_, i) => i);
	const find = (i: number): number => (root[i] === i ? i : (root[i] = find(root[i]!)));
	for (let i = 0; i < lines.length; i++) for (let j = i + 1; j < lines.length; j++) if (stacked(lines[i]!, lines[j]!)) root[find(i)] = find(j);
	// Each block's markers, by its root.
	const markers = new Map<number, Set<RepairLanguage>>();
	lines.forEach((l, i) => {
		const lang = partyLanguage(l.text);
		if (lang) markers.set(find(i), (markers.get(find(i)) ?? new Set<RepairLanguage>()).add(lang));
	});
	return lines.map((_, i) => {
		const found = markers.get(find(i));
		return found?.size === 1 ? [...found][0]! : page;
	});
}
