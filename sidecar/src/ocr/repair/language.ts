/**
 * The page's language from its function words (compared accent-folded, since OCR drops accents).
 * Short, frequent, distinctive words decide better than full lexicons, whose overlap is large.
 */
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
