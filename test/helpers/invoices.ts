/**
 * Invoices with line items drawn from known data in four languages (for the OCR Invoice tests):
 * a vendor block, labelled fields, an items table and the totals under it.
 */
import { combine, layoutTable, paragraph, type Drawing, type TableStyle } from './tables';

type Lang = 'en' | 'de' | 'es' | 'fr';

export interface ExpectedItem {
	description: string;
	quantity: number;
	unitPrice: number;
	amount: number;
}

const WORDS: Record<Lang, { head: string[]; number: string; date: string; subtotal: string; tax: string; total: string; vendor: string[]; items: string[] }> = {
	en: { head: ['Description', 'Qty', 'Unit price', 'Amount'], number: 'Invoice number: INV-2024-1201', date: 'Invoice date: 02/14/2024', subtotal: 'Subtotal', tax: 'VAT 20%', total: 'Total due', vendor: ['Brightline Office Supplies Ltd.', '12 Market Street, Leeds LS1 6DT'], items: ['Printer paper A4, 80 g', 'Ballpoint pens, blue', 'Desk lamp with LED'] },
	de: { head: ['Bezeichnung', 'Menge', 'Einzelpreis', 'Betrag'], number: 'Rechnungsnummer: RE-2024-0777', date: 'Rechnungsdatum: 14.02.2024', subtotal: 'Nettobetrag', tax: 'MwSt. 19%', total: 'Gesamtbetrag', vendor: ['Schneider Bürobedarf GmbH', 'Lindenstraße 4, 10969 Berlin'], items: ['Druckerpapier A4, 80 g', 'Kugelschreiber, blau', 'Schreibtischlampe LED'] },
	es: { head: ['Descripción', 'Cantidad', 'Precio unitario', 'Importe'], number: 'Número de factura: FAC-2024-0088', date: 'Fecha de emisión: 14/02/2024', subtotal: 'Base imponible', tax: 'IVA 21%', total: 'Importe total', vendor: ['Papelería Central, S.L.', 'Calle Mayor 21, 28013 Madrid'], items: ['Papel de impresora A4', 'Bolígrafos, azul', 'Lámpara de escritorio LED'] },
	fr: { head: ['Désignation', 'Quantité', 'Prix unitaire', 'Montant'], number: 'Numéro de facture : FA-2024-0456', date: 'Date de facturation : 14/02/2024', subtotal: 'Total HT', tax: 'TVA 20 %', total: 'Total TTC', vendor: ['Fournitures Dupont SARL', '7 rue Victor Hugo, 33000 Bordeaux'], items: ['Papier imprimante A4', 'Stylos à bille, bleu', 'Lampe de bureau LED'] },
};

const QTY = [10, 25, 2];
const PRICE = [4.5, 0.8, 39.9];
const RATE: Record<Lang, number> = { en: 0.2, de: 0.19, es: 0.21, fr: 0.2 };

const money = (v: number, lang: Lang) => {
	const [int, frac] = v.toFixed(2).split('.');
	const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'en' ? ',' : lang === 'fr' ? ' ' : '.');
	return `${grouped}${lang === 'en' ? '.' : ','}${frac}`;
};

export function invoiceWithItems(lang: Lang, style: TableStyle = 'rows'): { drawing: Drawing; items: ExpectedItem[]; subtotal: number; tax: number; total: number } {
	const w = WORDS[lang];
	const items = w.items.map((description, i) => ({ description, quantity: QTY[i]!, unitPrice: PRICE[i]!, amount: Math.round(QTY[i]! * PRICE[i]! * 100) / 100 }));
	const subtotal = Math.round(items.reduce((s, i) => s + i.amount, 0) * 100) / 100;
	const tax = Math.round(subtotal * RATE[lang] * 100) / 100;
	const total = Math.round((subtotal + tax) * 100) / 100;
	const table = layoutTable({
		style,
		yMm: 75,
		header: [w.head.map((text) => ({ text }))],
		rows: items.map((i) => [i.description, String(i.quantity), money(i.unitPrice, lang), money(i.amount, lang)]),
		widthsMm: [80, 22, 32, 32],
		right: [1, 2, 3],
	});
	const totals = paragraph([`${w.subtotal}: ${money(subtotal, lang)}`, `${w.tax}: ${money(tax, lang)}`, `${w.total}: ${money(total, lang)}`], 115, 120);
	const head = paragraph([...w.vendor, '', w.number, w.date], 20);
	return { drawing: combine(head, table, totals), items, subtotal, tax, total };
}
