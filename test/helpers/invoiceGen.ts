/**
 * Invoices generated from random known data (a seed), in six languages, four layouts and three
 * fonts, with their expected fields: the ground truth for per-field accuracy in the test suite and
 * in bench/eval-invoice-generated.ts. Amounts add up (quantity × price, Σ lines, + tax) and are
 * printed in each language's number format; dates in each language's usual forms.
 */
import { TAX_ID_FORMATS } from '../../sidecar/src/invoice/taxIds';
import type { DocLine } from './documents';
import { random } from './hostile';

export type GenLang = 'en' | 'es' | 'de' | 'fr' | 'it' | 'pt';
export type GenLayout = 'classic' | 'stacked' | 'boxed' | 'modern';
export const GEN_LANGS: GenLang[] = ['en', 'es', 'de', 'fr', 'it', 'pt'];
export const GEN_LAYOUTS: GenLayout[] = ['classic', 'stacked', 'boxed', 'modern'];
export const GEN_FONTS = ['Liberation Sans', 'Liberation Serif', 'DejaVu Sans'];

export interface GeneratedFields {
	invoiceNumber: string;
	invoiceDate: string;
	dueDate: string;
	/** Printed on half the invoices (even seeds); null on the others, where none may be found. */
	deliveryDate: string | null;
	vendorName: string;
	vendorTaxId: string;
	billTo: string;
	currency: string;
	subtotal: number;
	tax: number;
	total: number;
}

export interface GeneratedInvoice {
	lines: DocLine[];
	expected: GeneratedFields;
	items: Array<{ quantity: number; unitPrice: number; amount: number }>;
}

/** A seeded random stream, shared by the generators. */
export const rng = random;

interface Vocabulary {
	title: string;
	number: string;
	date: string;
	due: string;
	billTo: string;
	subtotal: string;
	tax: (rate: number) => string;
	total: string;
	columns: [string, string, string, string];
	taxId: string;
	vendors: string[];
	buyers: string[];
	streets: string[];
	items: string[];
	rates: number[];
	currency: { code: string; print: (amount: string) => string };
	prefix: string[];
}

const VOCAB: Record<GenLang, Vocabulary> = {
	en: {
		title: 'INVOICE', number: 'Invoice No.', date: 'Invoice Date', due: 'Due Date', billTo: 'Bill To', subtotal: 'Subtotal', tax: (r) => `Sales Tax ${r}%`, total: 'Total Due',
		columns: ['Description', 'Qty', 'Unit Price', 'Amount'], taxId: 'Tax ID',
		vendors: ['Bright Harbor Logistics LLC', 'Summit Office Supply Inc.', 'Redwood Analytics Ltd.', 'Granite Peak Tools Co.'],
		buyers: ['Oakridge Dental Clinic', 'Blue Lantern Bakery', 'Meridian Health Partners', 'Cobalt Marine Services'],
		streets: ['1450 Market Street, San Francisco, CA 94103', '77 Elm Avenue, Portland, OR 97205', '210 King Street, Boston, MA 02110'],
		items: ['Printer paper A4, 5 reams', 'Consulting hours', 'Wireless keyboard', 'Annual software licence', 'Delivery and handling', 'Toner cartridge black'],
		rates: [5, 7, 8.25], currency: { code: 'USD', print: (a) => `$${a}` }, prefix: ['INV-', 'IN', 'INV/'],
	},
	es: {
		title: 'FACTURA', number: 'Número de factura', date: 'Fecha de emisión', due: 'Vencimiento', billTo: 'Cliente', subtotal: 'Base imponible', tax: (r) => `IVA ${r}%`, total: 'Total factura',
		columns: ['Descripción', 'Cant.', 'Precio', 'Importe'], taxId: 'NIF',
		vendors: ['Distribuciones Levante S.L.', 'Talleres Ibéricos S.A.', 'Papelería Central S.L.', 'Soluciones Norte S.L.'],
		buyers: ['Clínica Dental Sol', 'Panadería La Espiga', 'Hotel Mirador del Puerto', 'Academia Cervantes'],
		streets: ['Calle Mayor 12, 28013 Madrid', 'Avenida de la Paz 45, 46021 Valencia', 'Calle Larios 3, 29005 Málaga'],
		items: ['Papel de oficina A4', 'Horas de consultoría', 'Teclado inalámbrico', 'Licencia anual de software', 'Transporte y montaje', 'Cartucho de tóner negro'],
		rates: [21, 10], currency: { code: 'EUR', print: (a) => `${a} €` }, prefix: ['FAC-', 'F', 'A-'],
	},
	de: {
		title: 'RECHNUNG', number: 'Rechnungsnummer', date: 'Rechnungsdatum', due: 'Fällig am', billTo: 'Rechnung an', subtotal: 'Zwischensumme', tax: (r) => `MwSt. ${r}%`, total: 'Gesamtbetrag',
		columns: ['Beschreibung', 'Menge', 'Einzelpreis', 'Betrag'], taxId: 'USt-IdNr.',
		vendors: ['Schneider Bürotechnik GmbH', 'Hoffmann & Partner KG', 'Weber Werkzeuge GmbH', 'Nordlicht Software AG'],
		buyers: ['Zahnarztpraxis Dr. Krüger', 'Bäckerei Brandt', 'Hotel Seeblick', 'Stadtwerke Ulm GmbH'],
		streets: ['Königstraße 21, 70173 Stuttgart', 'Lindenallee 8, 50968 Köln', 'Marktplatz 3, 89073 Ulm'],
		items: ['Druckerpapier A4', 'Beratungsstunden', 'Funktastatur', 'Softwarelizenz (Jahr)', 'Versand und Montage', 'Tonerkartusche schwarz'],
		rates: [19, 7], currency: { code: 'EUR', print: (a) => `${a} €` }, prefix: ['RE-', 'R', 'RG-'],
	},
	fr: {
		title: 'FACTURE', number: 'Numéro de facture', date: 'Date de facture', due: "Date d'échéance", billTo: 'Facturer à', subtotal: 'Total HT', tax: (r) => `TVA ${r}%`, total: 'Total TTC',
		columns: ['Désignation', 'Qté', 'Prix unitaire', 'Montant'], taxId: 'N° TVA',
		vendors: ['Atelier Dubois SARL', 'Fournitures Lefèvre SAS', 'Bureau Moderne SARL', 'Techniques Rhône SAS'],
		buyers: ['Cabinet Dentaire Martin', 'Boulangerie du Marché', 'Hôtel Bellevue', 'Mairie de Villeurbanne'],
		streets: ['12 rue de la Paix, 75002 Paris', '8 avenue Jean Jaurès, 69007 Lyon', '3 place du Capitole, 31000 Toulouse'],
		items: ['Papier A4 (5 ramettes)', 'Heures de conseil', 'Clavier sans fil', 'Licence logicielle annuelle', 'Livraison et installation', 'Cartouche de toner noir'],
		rates: [20, 10], currency: { code: 'EUR', print: (a) => `${a} €` }, prefix: ['FA-', 'F', 'FAC-'],
	},
	it: {
		title: 'FATTURA', number: 'Numero fattura', date: 'Data fattura', due: 'Scadenza', billTo: 'Cliente', subtotal: 'Imponibile', tax: (r) => `IVA ${r}%`, total: 'Totale fattura',
		columns: ['Descrizione', 'Quantità', 'Prezzo', 'Importo'], taxId: 'Partita IVA',
		vendors: ['Forniture Rossi S.r.l.', 'Tecnologie Adriatiche S.p.A.', 'Cartoleria Bianchi S.r.l.', 'Officine Lombarde S.r.l.'],
		buyers: ['Studio Dentistico Greco', 'Panificio Ferrari', 'Hotel Belvedere', 'Comune di Bergamo'],
		streets: ['Via Roma 15, 20121 Milano', 'Corso Italia 42, 50123 Firenze', 'Via Toledo 8, 80134 Napoli'],
		items: ['Carta per stampanti A4', 'Ore di consulenza', 'Tastiera senza fili', 'Licenza software annuale', 'Trasporto e montaggio', 'Cartuccia toner nero'],
		rates: [22, 10], currency: { code: 'EUR', print: (a) => `€ ${a}` }, prefix: ['FT-', 'N', 'FATT-'],
	},
	pt: {
		title: 'FATURA', number: 'Número da fatura', date: 'Data de emissão', due: 'Data de vencimento', billTo: 'Cliente', subtotal: 'Subtotal', tax: (r) => `IVA ${r}%`, total: 'Total a pagar',
		columns: ['Descrição', 'Qtd.', 'Preço', 'Valor'], taxId: 'NIPC',
		vendors: ['Papelaria Lisboa Lda.', 'Soluções Atlântico S.A.', 'Ferragens do Norte Lda.', 'Tecnologia Douro Lda.'],
		buyers: ['Clínica Dentária Sorriso', 'Padaria Central', 'Hotel Miramar', 'Câmara Municipal de Braga'],
		streets: ['Rua Augusta 120, 1100-053 Lisboa', 'Avenida da Boavista 900, 4100-112 Porto', 'Rua do Souto 45, 4700-329 Braga'],
		items: ['Papel de impressora A4', 'Horas de consultoria', 'Teclado sem fios', 'Licença anual de software', 'Transporte e montagem', 'Cartucho de toner preto'],
		rates: [23, 13], currency: { code: 'EUR', print: (a) => `${a} €` }, prefix: ['FT ', 'FAT-', 'F'],
	},
};

/**
 * The 'modern' layout's wording: other common labels for the same fields (none of them the main
 * vocabulary's), with a contact block under the vendor, the buyer's address, and a bank footer.
 */
const MODERN: Record<GenLang, { number: string; date: string; due: string; billTo: string; subtotal: string; tax: (r: number) => string; total: string; columns: [string, string, string, string]; contact: string; thanks: string }> = {
	en: { number: 'Invoice #', date: 'Date of issue', due: 'Payment due', billTo: 'Billed to', subtotal: 'Net amount', tax: (r) => `VAT (${r}%)`, total: 'Amount due', columns: ['Item', 'Hours', 'Rate', 'Line total'], contact: 'Tel. +1 415 555 0182 · billing@example.com', thanks: 'Thank you for your business!' },
	es: { number: 'Nº de factura', date: 'Fecha', due: 'Fecha de vencimiento', billTo: 'Facturar a', subtotal: 'Importe neto', tax: (r) => `IVA (${r}%)`, total: 'Importe total', columns: ['Concepto', 'Unidades', 'Precio unit.', 'Total'], contact: 'Tel. 912 345 678 · facturas@example.es', thanks: 'Gracias por su confianza' },
	de: { number: 'Rechnung Nr.', date: 'Datum', due: 'Zahlbar bis', billTo: 'Kunde', subtotal: 'Nettobetrag', tax: (r) => `USt. ${r} %`, total: 'Rechnungsbetrag', columns: ['Leistung', 'Anzahl', 'Preis', 'Summe'], contact: 'Tel. 0711 123456 · rechnung@example.de', thanks: 'Vielen Dank für Ihren Auftrag' },
	fr: { number: 'Facture n°', date: "Date d'émission", due: 'À payer avant le', billTo: 'Client', subtotal: 'Montant HT', tax: (r) => `TVA ${r} %`, total: 'Net à payer', columns: ['Article', 'Quantité', 'P.U.', 'Total'], contact: 'Tél. 01 23 45 67 89 · compta@example.fr', thanks: 'Merci de votre confiance' },
	it: { number: 'Fattura n.', date: 'Data di emissione', due: 'Data di scadenza', billTo: 'Intestatario', subtotal: 'Totale imponibile', tax: (r) => `IVA ${r}%`, total: 'Totale da pagare', columns: ['Articolo', 'Q.tà', 'Prezzo unitario', 'Totale'], contact: 'Tel. 02 1234 5678 · amministrazione@example.it', thanks: 'Grazie per la fiducia' },
	pt: { number: 'Fatura n.º', date: 'Data da fatura', due: 'Vencimento', billTo: 'Faturar a', subtotal: 'Valor líquido', tax: (r) => `IVA (${r}%)`, total: 'Valor total', columns: ['Artigo', 'Qtd.', 'Preço unit.', 'Total'], contact: 'Tel. 213 456 789 · faturacao@example.pt', thanks: 'Obrigado pela preferência' },
};

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function money(v: number, lang: GenLang): string {
	const [int, dec] = v.toFixed(2).split('.') as [string, string];
	const group = (sep: string) => int.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
	if (lang === 'en') return `${group(',')}.${dec}`;
	if (lang === 'fr') return `${group(' ')},${dec}`;
	return `${group('.')},${dec}`;
}

function dateText(d: Date, lang: GenLang, style: number): string {
	const dd = String(d.getUTCDate()).padStart(2, '0');
	const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
	const yyyy = d.getUTCFullYear();
	if (lang === 'en') return style === 0 ? `${MONTHS_EN[d.getUTCMonth()]} ${d.getUTCDate()}, ${yyyy}` : style === 1 ? `${yyyy}-${mm}-${dd}` : `${mm}/${dd}/${yyyy}`;
	if (lang === 'de') return `${dd}.${mm}.${yyyy}`;
	return style === 1 ? `${dd}-${mm}-${yyyy}` : `${dd}/${mm}/${yyyy}`;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The buyer's block as issuers vary it (chosen by the seed, so the random draws stay as they were):
 * plain; with a contact person between the label and the name; or beside another party's block
 * (where the goods go) on the same rows.
 */
const CONTACT: Record<GenLang, string> = { en: 'Attn:', es: 'A la atención de', de: 'z. Hd.', fr: "À l'attention de", it: 'Alla c.a.', pt: 'A/C' };
const SHIP_TO: Record<GenLang, string> = { en: 'Ship To', es: 'Enviar a', de: 'Lieferadresse', fr: 'Adresse de livraison', it: 'Spedire a', pt: 'Entregar a' };
/** A label over the seller's name on classic invoices whose buyer's block is plain. */
const FROM: Record<GenLang, string> = { en: 'From', es: 'Proveedor', de: 'Lieferant', fr: 'Fournisseur', it: 'Fornitore', pt: 'Fornecedor' };
const PEOPLE = ['Dana Whitfield', 'Jorge Almeida', 'Petra Vogel', 'Claire Dubois', 'Marco Bellini', 'Ana Sousa'];

/**
 * The seller's VAT number in its country's format with check digits that pass, printed as issuers
 * print it (grouped with spaces on odd draws, compact on even): the expected value is compact.
 */
const TAX_IDS: Record<GenLang, { prefix: string; body: number; groups: number[] }> = {
	en: { prefix: 'GB', body: 9, groups: [3, 4, 2] },
	es: { prefix: 'ESB', body: 8, groups: [8] },
	de: { prefix: 'DE', body: 9, groups: [3, 3, 3] },
	fr: { prefix: 'FR', body: 11, groups: [2, 3, 3, 3] },
	it: { prefix: 'IT', body: 11, groups: [11] },
	pt: { prefix: 'PT', body: 9, groups: [3, 3, 3] },
};
function taxIdFor(lang: GenLang, draw: number): { printed: string; compact: string } {
	const { prefix, body, groups } = TAX_IDS[lang];
	const digits = String(Math.floor(draw * 1e12)).padStart(12, '0').slice(0, body);
	// The last two digits (or, for a key in front as in France, the first two) made to pass the format's check.
	let compact = `${prefix}${digits}`;
	for (let k = 0; k < 200; k++) {
		const pair = String(k % 100).padStart(2, '0');
		const c = k < 100 ? `${prefix}${digits.slice(0, -2)}${pair}` : `${prefix}${pair}${digits.slice(2)}`;
		const f = TAX_ID_FORMATS.find((x) => x.re.test(c));
		if (f && (!f.valid || f.valid(c))) {
			compact = c;
			break;
		}
	}
	const rest = compact.slice(prefix.length);
	let at = 0;
	const spaced = `${prefix} ${groups.map((g) => rest.slice(at, (at += g))).join(' ')}`;
	return { printed: Math.floor(draw * 1e13) % 2 === 1 ? spaced : compact, compact };
}

/** The delivery or service date's label: as classic invoices print it, and as modern ones do. */
const DELIVERY: Record<GenLang, [string, string]> = {
	en: ['Delivery Date', 'Date of supply'],
	es: ['Fecha de entrega', 'Fecha de la operación'],
	de: ['Lieferdatum', 'Leistungsdatum'],
	fr: ['Date de livraison', 'Date de prestation'],
	it: ['Data di consegna', 'Data della prestazione'],
	pt: ['Data de entrega', 'Data da prestação'],
};

export function generatedInvoice(seed: number, lang: GenLang, layout: GenLayout, font: string): GeneratedInvoice {
	const r = rng(seed);
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
	const v = VOCAB[lang];
	const vendorName = pick(v.vendors);
	const billTo = pick(v.buyers);
	const party = (['plain', 'contact', 'ship'] as const)[seed % 3]!;
	const person = PEOPLE[seed % PEOPLE.length]!;
	const other = v.buyers[(v.buyers.indexOf(billTo) + 1 + (seed % (v.buyers.length - 1))) % v.buyers.length]!;
	const street = pick(v.streets);
	const invoiceNumber = `${pick(v.prefix)}${2023 + Math.floor(r() * 3)}-${String(100 + Math.floor(r() * 9800)).padStart(4, '0')}`;
	const issued = new Date(Date.UTC(2023, 0, 1) + Math.floor(r() * 900) * 86_400_000);
	const due = new Date(issued.getTime() + pick([14, 30, 45]) * 86_400_000);
	const dateStyle = Math.floor(r() * 3);
	const rate = pick(v.rates);
	const items = Array.from({ length: 2 + Math.floor(r() * 4) }, () => {
		const quantity = 1 + Math.floor(r() * 12);
		const unit = Math.round((5 + r() * 400) * 100) / 100;
		return { description: pick(v.items), quantity, unit, amount: Math.round(quantity * unit * 100) / 100 };
	});
	const subtotal = Math.round(items.reduce((s, i) => s + i.amount, 0) * 100) / 100;
	const tax = Math.round(subtotal * rate) / 100;
	const total = Math.round((subtotal + tax) * 100) / 100;
	const cur = (x: number) => v.currency.print(money(x, lang));
	const vat = taxIdFor(lang, r());
	const taxId = vat.printed;
	// Drawn last, so that every other field of a seed is what it was before delivery dates were printed.
	const delivered = seed % 2 === 0 ? new Date(issued.getTime() - Math.floor(r() * 6) * 86_400_000) : null;

	const lines: DocLine[] = [];
	const t = (text: string, xMm: number, yMm: number, sizePt = 10, bold = false) => lines.push({ text, xMm, yMm, sizePt, font, bold });
	const m = MODERN[lang];
	const words = layout === 'modern' ? { ...v, ...m } : v;
	const meta: Array<[string, string]> = [
		[words.number, invoiceNumber],
		[words.date, dateText(issued, lang, dateStyle)],
		[words.due, dateText(due, lang, dateStyle)],
		...(delivered ? [[DELIVERY[lang][layout === 'modern' ? 1 : 0], dateText(delivered, lang, dateStyle)] as [string, string]] : []),
	];
	let y: number;
	if (layout === 'modern') {
		t(v.title, 20, 24, 20, true);
		meta.forEach(([label, value], i) => {
			t(label, 20, 36 + i * 6, 9);
			t(value, 60, 36 + i * 6, 9);
		});
		t(vendorName, 125, 22, 12, true);
		const [road, ...town] = street.split(', ');
		t(road!, 125, 28, 9);
		t(town.join(', '), 125, 33, 9);
		t(`${v.taxId} ${taxId}`, 125, 38, 9);
		t(m.contact, 125, 43, 8);
		t(m.billTo, 20, 62, 9, true);
		if (party === 'contact') t(`${CONTACT[lang]} ${person}`, 20, 67, 9);
		t(billTo, 20, party === 'contact' ? 72 : 68);
		t(pick(v.streets.filter((x) => x !== street)), 20, party === 'contact' ? 77 : 73, 9);
		y = 90;
		if (party === 'ship') {
			t(SHIP_TO[lang], 80, 62, 9, true);
			t(other, 80, 68);
		}
	} else if (layout === 'classic') {
		if (party === 'plain') t(`${FROM[lang]}:`, 20, 17, 9);
		t(vendorName, 20, 25, 16, true);
		t(street, 20, 32);
		t(`${v.taxId}: ${taxId}`, 20, 38);
		t(v.title, 140, 25, 18, true);
		meta.forEach(([label, value], i) => {
			t(`${label}:`, 120, 45 + i * 6);
			t(value, 160, 45 + i * 6);
		});
		t(`${v.billTo}:`, 20, 70, 10, true);
		if (party === 'contact') t(`${CONTACT[lang]} ${person}`, 20, 76, 9);
		t(billTo, 20, party === 'contact' ? 82 : 76);
		if (party === 'ship') {
			t(`${SHIP_TO[lang]}:`, 100, 70, 10, true);
			t(other, 100, 76);
		}
		y = 95;
	} else if (layout === 'stacked') {
		t(vendorName, 60, 22, 15, true);
		t(`${street} · ${v.taxId} ${taxId}`, 40, 29, 9);
		t(v.title, 20, 45, 14, true);
		meta.forEach(([label, value], i) => t(`${label}: ${value}`, 20, 53 + i * 6));
		t(`${v.billTo}: ${billTo}`, 20, 75);
		if (party === 'contact') t(`${CONTACT[lang]} ${person}`, 20, 81, 9);
		if (party === 'ship') t(`${SHIP_TO[lang]}: ${other}`, 110, 75);
		y = 92;
	} else {
		t(v.title, 20, 22, 18, true);
		t(vendorName, 120, 22, 13, true);
		t(street, 120, 28, 9);
		t(`${v.taxId}: ${taxId}`, 120, 33, 9);
		// Labels in a header row, values under them.
		const column = meta.length > 3 ? 45 : 60;
		meta.forEach(([label, value], i) => {
			t(label, 20 + i * column, 48, 9, true);
			t(value, 20 + i * column, 54);
		});
		t(v.billTo, 20, 68, 9, true);
		if (party === 'contact') t(`${CONTACT[lang]} ${person}`, 20, 73, 9);
		t(billTo, 20, party === 'contact' ? 78 : 74);
		if (party === 'ship') {
			t(SHIP_TO[lang], 100, 68, 9, true);
			t(other, 100, 74);
		}
		y = 92;
	}
	t(words.columns[0], 20, y, 10, true);
	t(words.columns[1], 105, y, 10, true);
	t(words.columns[2], 125, y, 10, true);
	t(words.columns[3], 165, y, 10, true);
	for (const item of items) {
		y += 7;
		t(item.description, 20, y);
		t(String(item.quantity), 108, y);
		t(money(item.unit, lang), 125, y);
		t(money(item.amount, lang), 165, y);
	}
	y += 14;
	for (const [label, value, bold] of [
		[words.subtotal, subtotal, false],
		[words.tax(rate), tax, false],
		[words.total, total, true],
	] as const) {
		t(label, 115, y, 10, bold);
		t(cur(value), 160, y, 10, bold);
		y += 7;
	}
	if (layout === 'modern') {
		t(m.thanks, 20, y + 10, 9);
		t(`IBAN DE89 3704 0044 0532 0130 00 · BIC COBADEFFXXX`, 20, y + 16, 8);
	}
	return {
		lines,
		expected: { invoiceNumber, invoiceDate: iso(issued), dueDate: iso(due), deliveryDate: delivered && iso(delivered), vendorName, vendorTaxId: vat.compact, billTo, currency: v.currency.code, subtotal, tax, total },
		items: items.map((i) => ({ quantity: i.quantity, unitPrice: i.unit, amount: i.amount })),
	};
}

/** Fields equal after normalisation: whitespace collapsed, numbers to the cent. */
export function fieldMatches(got: unknown, want: string | number | null): boolean {
	if (want === null) return got === null;
	if (typeof want === 'number') return typeof got === 'number' && Math.abs(got - want) < 0.005;
	return typeof got === 'string' && got.replace(/\s+/g, ' ').trim() === want;
}
