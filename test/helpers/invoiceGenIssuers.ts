/**
 * Invoices laid out as real issuers lay them out, generated from random known data (a seed), with
 * their expected fields: a second generated set beside invoiceGen.ts's four layouts, for
 * bench/eval-invoice-generated.ts --set issuers. Each layout carries the traps of its kind:
 * - saas: a subscription service's invoice. A logo word over the page, the seller's block under the
 *   document's dates, a headline "amount due on date", a tax line that prints its base.
 * - marketplace: an order sold through a marketplace. The marketplace's logo on top, the seller
 *   under "Sold by", order number and order date beside the invoice's, no due date.
 * - letter: a business letter (DIN 5008 and its neighbours). A sender line over the recipient's
 *   window with no label, an information block, a subject line, the payment date in a sentence,
 *   the legal details in a three-column footer; one in three takes a deposit paid before off the total.
 * - folio: a hotel bill. Arrival and departure, a folio number beside the invoice number, daily
 *   charges, a payment and a balance of nothing, and a tax table with net, tax and gross.
 * - utility: an energy bill. A brand over the page and the legal name in the footer, the customer
 *   in the window with no label, customer and contract numbers beside the invoice's, a billing
 *   period of two dates, consumption in kWh, the amount due and its date.
 * - till: a shop's till receipt on a narrow roll. The name centred, a receipt number beside the
 *   till's, items with tax codes, the sum, cash and change, and a tax table by code.
 * Amounts add up; dates and numbers are printed as each language prints them.
 */
import { TAX_ID_FORMATS } from '../../sidecar/src/invoice/taxIds';
import type { DocLine } from './documents';
import { rng } from './invoiceGen';

export type IssuerLayout = 'saas' | 'marketplace' | 'letter' | 'folio' | 'utility' | 'till';
export type IssuerLang = 'en' | 'de' | 'fr' | 'es' | 'nl';
export const ISSUER_LAYOUTS: IssuerLayout[] = ['saas', 'marketplace', 'letter', 'folio', 'utility', 'till'];
/** The languages each layout is printed in (the countries where issuers print it so). */
export const ISSUER_LANGS: Record<IssuerLayout, IssuerLang[]> = {
	saas: ['en', 'de', 'fr', 'nl'],
	marketplace: ['en', 'de', 'fr', 'es'],
	letter: ['de', 'fr', 'nl', 'en'],
	folio: ['en', 'de', 'fr', 'es'],
	utility: ['en', 'de', 'fr', 'nl'],
	till: ['en', 'de', 'fr', 'es'],
};

export interface IssuerFields {
	invoiceNumber: string;
	invoiceDate: string;
	dueDate: string | null;
	vendorName: string;
	vendorTaxId: string | null;
	billTo: string | null;
	currency: string;
	subtotal: number;
	tax: number;
	total: number;
	/** What is left to pay, where the layout prints it (a letter's deposit taken off the total). */
	amountDue?: number;
}

export interface IssuerInvoice {
	lines: DocLine[];
	/** The paper, where it is not A4 (a till roll). */
	page?: { widthMm: number; heightMm: number };
	expected: IssuerFields;
	/** Other values a reader would accept for a field (a hotel's name as its sign prints it). */
	aliases?: Partial<Record<keyof IssuerFields, string[]>>;
}

const MONTHS: Record<IssuerLang, string[]> = {
	en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
	de: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
	fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
	es: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
	nl: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
};

/** A date as the language writes it: numeric (style 0) or with the month's name (style 1). `us` puts the month first. */
function dateText(d: Date, lang: IssuerLang, style: number, us = false): string {
	const day = d.getUTCDate();
	const dd = String(day).padStart(2, '0');
	const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
	const y = d.getUTCFullYear();
	const month = MONTHS[lang][d.getUTCMonth()]!;
	if (style === 1) {
		if (lang === 'en') return us ? `${month} ${day}, ${y}` : `${day} ${month} ${y}`;
		if (lang === 'de') return `${day}. ${month} ${y}`;
		if (lang === 'es') return `${day} de ${month} de ${y}`;
		return `${day} ${month} ${y}`;
	}
	if (lang === 'en') return us ? `${mm}/${dd}/${y}` : `${dd}/${mm}/${y}`;
	if (lang === 'de') return `${dd}.${mm}.${y}`;
	if (lang === 'nl') return `${dd}-${mm}-${y}`;
	return `${dd}/${mm}/${y}`;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const DAY = 86_400_000;

/** An amount in the language's number format ("1,234.50", "1.234,50", "1 234,50"). */
function money(v: number, lang: IssuerLang): string {
	const [int, dec] = Math.abs(v).toFixed(2).split('.') as [string, string];
	const group = (sep: string) => int.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
	const text = lang === 'en' ? `${group(',')}.${dec}` : lang === 'fr' ? `${group(' ')},${dec}` : `${group('.')},${dec}`;
	return v < 0 ? `-${text}` : text;
}

/**
 * A tax id whose check digits pass: `template` with each '9' a random digit and each 'A' a random
 * letter, then the last character tried until the project's format table accepts it.
 */
function taxId(template: string, r: () => number): string {
	const body = [...template].map((c) => (c === '9' ? String(Math.floor(r() * 10)) : c === 'A' ? String.fromCharCode(65 + Math.floor(r() * 26)) : c)).join('');
	const valid = (c: string) => {
		const f = TAX_ID_FORMATS.find((x) => x.re.test(c));
		return f !== undefined && (!f.valid || f.valid(c));
	};
	if (template.endsWith('A')) {
		// A check character at the end (GSTIN): each tried.
		for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') if (valid(body.slice(0, -1) + c)) return body.slice(0, -1) + c;
	}
	// Check digits at the end (most), or a key in front of the number (France): each pair tried.
	const prefix = /^[A-Z]*/.exec(body)![0].length;
	const digitsEnd = /\d{2}(?=[A-Z]?\d{0,2}$)/.exec(body.slice(prefix));
	for (let k = 0; k < 100; k++) {
		const pair = String(k).padStart(2, '0');
		const front = body.slice(0, prefix) + pair + body.slice(prefix + 2);
		if (valid(front)) return front;
		if (digitsEnd) {
			const at = prefix + digitsEnd.index;
			const back = body.slice(0, at) + pair + body.slice(at + 2);
			if (valid(back)) return back;
		}
	}
	throw new Error(`no valid tax id for ${template}`);
}

interface Item {
	description: string;
	quantity: number;
	unit: number;
	amount: number;
}

function itemsOf(r: () => number, names: readonly string[], count: number, maxUnit: number): Item[] {
	return Array.from({ length: count }, (_, i) => {
		const quantity = 1 + Math.floor(r() * 5);
		const unit = Math.round((8 + r() * maxUnit) * 100) / 100;
		return { description: names[(i + Math.floor(r() * names.length)) % names.length]!, quantity, unit, amount: Math.round(quantity * unit * 100) / 100 };
	});
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const sum = (xs: number[]) => round2(xs.reduce((a, b) => a + b, 0));

type Put = (text: string, xMm: number, yMm: number, sizePt?: number, bold?: boolean) => void;

function writer(font: string): { lines: DocLine[]; t: Put } {
	const lines: DocLine[] = [];
	return { lines, t: (text, xMm, yMm, sizePt = 10, bold = false) => lines.push({ text, xMm, yMm, sizePt, font, bold }) };
}

const SAAS = {
	en: { title: 'Invoice', number: 'Invoice number', date: 'Date of issue', due: 'Date due', billTo: 'Bill to', head: 'Description', qty: 'Qty', unit: 'Unit price', amount: 'Amount', subtotal: 'Subtotal', tax: 'Sales tax', total: 'Total', amountDue: 'Amount due', dueOn: 'due', pay: 'Pay online', page: 'Page 1 of 1', cur: 'USD', sign: (a: string) => `$${a}`, vat: null, country: 'United States', us: true },
	de: { title: 'Rechnung', number: 'Rechnungsnummer', date: 'Rechnungsdatum', due: 'Fälligkeitsdatum', billTo: 'Rechnung an', head: 'Beschreibung', qty: 'Menge', unit: 'Stückpreis', amount: 'Betrag', subtotal: 'Zwischensumme', tax: 'USt.', total: 'Gesamt', amountDue: 'Fälliger Betrag', dueOn: 'fällig am', pay: 'Online bezahlen', page: 'Seite 1 von 1', cur: 'EUR', sign: (a: string) => `${a} €`, vat: ['USt-IdNr.', 'DE999999999'], country: 'Deutschland', us: false },
	fr: { title: 'Facture', number: 'Numéro de facture', date: "Date d'émission", due: "Date d'échéance", billTo: 'Facturer à', head: 'Description', qty: 'Qté', unit: 'Prix unitaire', amount: 'Montant', subtotal: 'Sous-total', tax: 'TVA', total: 'Total', amountDue: 'Montant dû', dueOn: 'dû le', pay: 'Payer en ligne', page: 'Page 1 sur 1', cur: 'EUR', sign: (a: string) => `${a} €`, vat: ['N° TVA', 'FR99999999999'], country: 'France', us: false },
	nl: { title: 'Factuur', number: 'Factuurnummer', date: 'Factuurdatum', due: 'Vervaldatum', billTo: 'Factuur aan', head: 'Omschrijving', qty: 'Aantal', unit: 'Stukprijs', amount: 'Bedrag', subtotal: 'Subtotaal', tax: 'Btw', total: 'Totaal', amountDue: 'Verschuldigd bedrag', dueOn: 'te betalen op', pay: 'Online betalen', page: 'Pagina 1 van 1', cur: 'EUR', sign: (a: string) => `€ ${a}`, vat: ['Btw-nummer', 'NL999999999B01'], country: 'Nederland', us: false },
} as const;

const SAAS_VENDORS: Record<string, string[]> = { en: ['Cloudnest Inc.', 'Pixelforge Labs LLC'], de: ['Tidewave Software GmbH', 'Datenwerk Cloud GmbH'], fr: ['Quillstack SAS', 'Nuagique SARL'], nl: ['Brightloop B.V.', 'Wolkwerk B.V.'] };
const SAAS_ITEMS = ['Pro plan (monthly)', 'Additional seats', 'API calls overage', 'Storage add-on 100 GB', 'Priority support'];

function saas(r: () => number, lang: IssuerLang, font: string): IssuerInvoice {
	const v = SAAS[lang as keyof typeof SAAS];
	const { lines, t } = writer(font);
	const vendorName = SAAS_VENDORS[lang]![Math.floor(r() * 2)]!;
	const billTo = ['Harbor Dental Group', 'Linden Bakery', 'Northgate Architects', 'Veldkamp Advies', 'Atelier Morel'][Math.floor(r() * 5)]!;
	const invoiceNumber = `${Array.from({ length: 8 }, () => 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'[Math.floor(r() * 34)]).join('')}-${String(1 + Math.floor(r() * 40)).padStart(4, '0')}`;
	const issued = new Date(Date.UTC(2023, 0, 1) + Math.floor(r() * 900) * DAY);
	const due = new Date(issued.getTime() + [0, 14, 30][Math.floor(r() * 3)]! * DAY);
	const style = Math.floor(r() * 2);
	const rate = lang === 'en' ? [6, 8.875][Math.floor(r() * 2)]! : lang === 'de' ? 19 : lang === 'fr' ? 20 : 21;
	const items = itemsOf(r, SAAS_ITEMS, 1 + Math.floor(r() * 3), 120);
	const subtotal = sum(items.map((i) => i.amount));
	const tax = round2((subtotal * rate) / 100);
	const total = round2(subtotal + tax);
	const cur = (x: number) => v.sign(money(x, lang));
	const vat = v.vat ? taxId(v.vat[1], r) : null;
	const d = (x: Date) => dateText(x, lang, style, v.us);

	t(v.title, 20, 24, 20, true);
	// The logo: the brand, the name's first word, in large type at the top right.
	t(vendorName.split(' ')[0]!, 150, 24, 16, true);
	[[v.number, invoiceNumber], [v.date, d(issued)], [v.due, d(due)]].forEach(([label, value], i) => {
		t(label!, 20, 36 + i * 5.5, 9, true);
		t(value!, 62, 36 + i * 5.5, 9);
	});
	t(vendorName, 20, 60, 9, true);
	const at = ['en', 'de', 'fr', 'nl'].indexOf(lang);
	t(['548 Market Street', 'Kastanienallee 12', '14 rue Oberkampf', 'Keizersgracht 221'][at]!, 20, 65, 9);
	t(['San Francisco, CA 94104', '10435 Berlin', '75011 Paris', '1016 DV Amsterdam'][at]!, 20, 70, 9);
	t(v.country, 20, 75, 9);
	t(`billing@${vendorName.split(' ')[0]!.toLowerCase()}.com`, 20, 80, 9);
	if (vat) t(`${v.vat![0]} ${vat}`, 20, 85, 9);
	t(v.billTo, 100, 60, 9, true);
	t(billTo, 100, 65, 9);
	t(['12 Harbor Road, Boston, MA 02110', 'Lindenstraße 4, 04109 Leipzig', '5 place Bellecour, 69002 Lyon', 'Stationsweg 18, 2312 AV Leiden'][at]!, 100, 70, 9);
	t(`accounts@${billTo.split(' ')[0]!.toLowerCase()}.example`, 100, 75, 9);
	t(`${cur(total)}${lang === 'en' ? ' USD' : ''} ${v.dueOn} ${d(due)}`, 20, 100, 14, true);
	t(v.pay, 20, 107, 9);
	let y = 122;
	t(v.head, 20, y, 8);
	t(v.qty, 120, y, 8);
	t(v.unit, 140, y, 8);
	t(v.amount, 175, y, 8);
	for (const item of items) {
		y += 8;
		t(item.description, 20, y, 9);
		t(String(item.quantity), 122, y, 9);
		t(cur(item.unit), 140, y, 9);
		t(cur(item.amount), 175, y, 9);
	}
	y += 14;
	for (const [label, value, bold] of [
		[v.subtotal, subtotal, false],
		[`${v.tax} (${String(rate).replace('.', lang === 'en' ? '.' : ',')}% ${lang === 'en' ? 'on' : lang === 'de' ? 'auf' : lang === 'fr' ? 'sur' : 'over'} ${cur(subtotal)})`, tax, false],
		[v.total, total, false],
		[v.amountDue, total, true],
	] as const) {
		t(label, 110, y, 9, bold);
		t(cur(value), 175, y, 9, bold);
		y += 6;
	}
	t(`${invoiceNumber} · ${cur(total)} ${v.dueOn} ${d(due)}`, 20, 285, 7);
	t(v.page, 180, 285, 7);
	return { lines, expected: { invoiceNumber, invoiceDate: iso(issued), dueDate: iso(due), vendorName, vendorTaxId: vat, billTo, currency: v.cur, subtotal, tax, total } };
}

const MARKET = {
	en: { title: 'Tax Invoice/Bill of Supply/Cash Memo', copy: '(Original for Recipient)', soldBy: 'Sold By :', billing: 'Billing Address :', shipping: 'Shipping Address :', order: 'Order Number:', orderDate: 'Order Date:', number: 'Invoice Number :', date: 'Invoice Date :', cols: ['Sl. No', 'Description', 'Unit Price', 'Qty', 'Net Amount', 'Tax Rate', 'Tax Amount', 'Total Amount'], total: 'TOTAL:', words: 'Amount in Words:', sign: 'Authorized Signatory', vat: ['GST Registration No:', '99AAAAA9999A9ZA'], cur: 'INR', tax: 'IGST', rate: 18, pay: (a: string) => `₹${a}` },
	de: { title: 'Rechnung', copy: 'Bestellung über shopkart.de', soldBy: 'Verkauft von', billing: 'Rechnungsadresse', shipping: 'Lieferadresse', order: 'Bestellnummer', orderDate: 'Bestelldatum', number: 'Rechnungsnummer', date: 'Rechnungsdatum', cols: ['Pos.', 'Beschreibung', 'Stückpreis', 'Menge', 'Netto', 'USt.-Satz', 'USt.', 'Brutto'], total: 'Gesamtbetrag', words: null, sign: null, vat: ['USt-IdNr.', 'DE999999999'], cur: 'EUR', tax: 'USt.', rate: 19, pay: (a: string) => `${a} €` },
	fr: { title: 'Facture', copy: 'Commande passée sur shopkart.fr', soldBy: 'Vendu par', billing: 'Adresse de facturation', shipping: 'Adresse de livraison', order: 'Numéro de commande', orderDate: 'Date de commande', number: 'Numéro de facture', date: 'Date de facturation', cols: ['N°', 'Désignation', 'Prix unitaire', 'Qté', 'Montant HT', 'Taux TVA', 'TVA', 'Total TTC'], total: 'Total TTC', words: null, sign: null, vat: ['N° TVA', 'FR99999999999'], cur: 'EUR', tax: 'TVA', rate: 20, pay: (a: string) => `${a} €` },
	es: { title: 'Factura', copy: 'Pedido realizado en shopkart.es', soldBy: 'Vendido por', billing: 'Dirección de facturación', shipping: 'Dirección de envío', order: 'Número de pedido', orderDate: 'Fecha del pedido', number: 'Número de factura', date: 'Fecha de factura', cols: ['N.º', 'Descripción', 'Precio unitario', 'Cant.', 'Base', 'Tipo IVA', 'IVA', 'Total'], total: 'Total', words: null, sign: null, vat: ['NIF', 'ESB99999999'], cur: 'EUR', tax: 'IVA', rate: 21, pay: (a: string) => `${a} €` },
} as const;

const MARKET_SELLERS: Record<string, string[]> = {
	en: ['Cocoblu Retail Private Limited', 'Appario Retail Pvt Ltd', 'Darshita Electronics Private Limited'],
	de: ['Elektro Hansen GmbH', 'Küchenwelt Berger e.K.', 'Outdoorhaus Lenz GmbH'],
	fr: ['Maison Laurent SAS', 'Électro Garnier SARL', 'Jardins de Provence SAS'],
	es: ['Electrónica Ruiz S.L.', 'Hogar y Cocina Martín S.L.', 'Deportes Navarro S.A.'],
};
const MARKET_ITEMS = ['USB-C charger 65 W', 'Stainless steel kettle 1.7 L', 'Bluetooth headphones', 'Cotton bed sheet set', 'LED desk lamp'];
const MARKET_BUYERS = ['Priya Raman', 'Jonas Weber', 'Camille Girard', 'Lucía Fernández', 'Arjun Mehta'];

function marketplace(r: () => number, lang: IssuerLang, font: string): IssuerInvoice {
	const v = MARKET[lang as keyof typeof MARKET];
	const { lines, t } = writer(font);
	const sellers = MARKET_SELLERS[lang]!;
	const vendorName = sellers[Math.floor(r() * sellers.length)]!;
	const billTo = MARKET_BUYERS[Math.floor(r() * MARKET_BUYERS.length)]!;
	const invoiceNumber = lang === 'en' ? `${['BOM5', 'DEL4', 'BLR7'][Math.floor(r() * 3)]}-${100000 + Math.floor(r() * 800000)}` : `${['DE', 'FR', 'ES'][Math.floor(r() * 3)]}${2023 + Math.floor(r() * 3)}${String(Math.floor(r() * 1e6)).padStart(6, '0')}`;
	const orderNumber = `${400 + Math.floor(r() * 100)}-${1000000 + Math.floor(r() * 8999999)}-${1000000 + Math.floor(r() * 8999999)}`;
	const ordered = new Date(Date.UTC(2023, 0, 1) + Math.floor(r() * 900) * DAY);
	const issued = new Date(ordered.getTime() + (1 + Math.floor(r() * 4)) * DAY);
	const items = itemsOf(r, MARKET_ITEMS, 1 + Math.floor(r() * 3), lang === 'en' ? 3000 : 90);
	// Marketplaces print gross unit prices; the net is worked back, rounded per line.
	const rows = items.map((i) => {
		const gross = i.amount;
		const net = round2(gross / (1 + v.rate / 100));
		return { ...i, net, tax: round2(gross - net), gross };
	});
	const subtotal = sum(rows.map((x) => x.net));
	const tax = sum(rows.map((x) => x.tax));
	const total = sum(rows.map((x) => x.gross));
	const m = (x: number) => money(x, lang);
	const vat = taxId(v.vat[1], r);
	const d = (x: Date) => dateText(x, lang, 0);

	t('shopkart', 20, 22, 18, true);
	t(v.title, lang === 'en' ? 110 : 150, 20, lang === 'en' ? 12 : 16, true);
	t(v.copy, lang === 'en' ? 140 : 120, 26, 8);
	t(v.soldBy, 20, 42, 9, true);
	t(vendorName, 20, 47, 9);
	t(lang === 'en' ? 'Plot No. 14, MIDC Industrial Area' : ['Hafenstraße 7', '22 rue des Tanneurs', 'Calle Alcalá 88'][['de', 'fr', 'es'].indexOf(lang)]!, 20, 52, 9);
	t(lang === 'en' ? 'Pune, Maharashtra, 411019' : ['20457 Hamburg', '69002 Lyon', '28009 Madrid'][['de', 'fr', 'es'].indexOf(lang)]!, 20, 57, 9);
	if (lang === 'en') t(`PAN No: ${vat.slice(2, 12)}`, 20, 64, 9);
	t(`${v.vat[0]} ${vat}`, 20, lang === 'en' ? 69 : 64, 9);
	t(v.billing, 120, 42, 9, true);
	t(billTo, 120, 47, 9);
	t(lang === 'en' ? 'Flat 302, Sai Residency, Baner Road' : ['Bahnhofstraße 3', '9 rue Victor Hugo', 'Calle Serrano 41'][['de', 'fr', 'es'].indexOf(lang)]!, 120, 52, 9);
	t(lang === 'en' ? 'Pune, Maharashtra, 411045' : ['80335 München', '33000 Bordeaux', '28001 Madrid'][['de', 'fr', 'es'].indexOf(lang)]!, 120, 57, 9);
	t(v.shipping, 120, 66, 9, true);
	t(billTo, 120, 71, 9);
	t(lang === 'en' ? 'Flat 302, Sai Residency, Baner Road' : ['Bahnhofstraße 3', '9 rue Victor Hugo', 'Calle Serrano 41'][['de', 'fr', 'es'].indexOf(lang)]!, 120, 76, 9);
	t(`${v.order} ${orderNumber}`, 20, 90, 9);
	t(`${v.orderDate} ${d(ordered)}`, 20, 95, 9);
	t(`${v.number} ${invoiceNumber}`, 120, 90, 9);
	t(`${v.date} ${d(issued)}`, 120, 95, 9);
	let y = 110;
	const xs = [20, 30, 82, 104, 118, 140, 158, 178];
	v.cols.forEach((c, i) => t(c, xs[i]!, y, 7, true));
	rows.forEach((row, k) => {
		y += 8;
		t(String(k + 1), xs[0]!, y, 8);
		t(row.description, xs[1]!, y, 8);
		t(m(round2(row.net / row.quantity)), xs[2]!, y, 8);
		t(String(row.quantity), xs[3]! + 2, y, 8);
		t(m(row.net), xs[4]!, y, 8);
		t(`${v.rate}%`, xs[5]!, y, 8);
		t(m(row.tax), xs[6]!, y, 8);
		t(m(row.gross), xs[7]!, y, 8);
	});
	y += 10;
	t(v.total, 20, y, 9, true);
	t(v.pay(m(tax)), xs[6]!, y, 9, true);
	t(v.pay(m(total)), xs[7]!, y, 9, true);
	if (v.words) {
		t(v.words, 20, y + 8, 8, true);
		t(`${['One', 'Two', 'Three', 'Four', 'Five'][Math.floor(total / 1000) % 5]} Thousand and ${Math.floor(total % 1000)} only`, 20, y + 13, 8);
		t(`For ${vendorName}:`, 140, y + 25, 8, true);
		t(v.sign!, 150, y + 40, 8);
	}
	return { lines, expected: { invoiceNumber, invoiceDate: iso(issued), dueDate: null, vendorName, vendorTaxId: vat, billTo, currency: v.cur, subtotal, tax, total } };
}

const LETTER = {
	de: { number: 'Rechnungsnr.:', customer: 'Kundennr.:', date: 'Datum:', subject: 'Rechnung Nr.', hello: 'Sehr geehrte Damen und Herren,', intro: 'für unsere Leistungen erlauben wir uns, Ihnen Folgendes in Rechnung zu stellen:', cols: ['Pos.', 'Bezeichnung', 'Menge', 'Einzelpreis', 'Gesamt'], subtotal: 'Nettobetrag', tax: (r: number) => `zzgl. ${r} % USt.`, total: 'Rechnungsbetrag', deposit: (d: string) => `abzüglich Abschlagszahlung vom ${d}`, balance: 'Noch zu zahlen', payBy: (d: string) => `Bitte überweisen Sie den Rechnungsbetrag bis zum ${d} ohne Abzug.`, bye: 'Mit freundlichen Grüßen', vat: ['USt-IdNr.:', 'DE999999999'], registry: 'Amtsgericht Köln HRB 48213', manager: 'Geschäftsführer: Thomas Brandt', bank: 'Sparkasse KölnBonn', cur: 'EUR', rate: 19, sign: (a: string) => `${a} €` },
	fr: { number: 'Facture n° :', customer: 'Client n° :', date: 'Date :', subject: 'Objet : Facture n°', hello: 'Madame, Monsieur,', intro: 'veuillez trouver ci-dessous le détail de nos prestations :', cols: ['Réf.', 'Désignation', 'Qté', 'P.U. HT', 'Total HT'], subtotal: 'Total HT', tax: (r: number) => `TVA ${r} %`, total: 'Total TTC', deposit: (d: string) => `Acompte versé le ${d}`, balance: 'Reste à payer', payBy: (d: string) => `Règlement à réception, au plus tard le ${d}, par virement.`, bye: 'Veuillez agréer nos salutations distinguées.', vat: ['TVA intracommunautaire :', 'FR99999999999'], registry: 'RCS Lyon 812 345 678', manager: 'SARL au capital de 10 000 €', bank: 'Crédit Lyonnais', cur: 'EUR', rate: 20, sign: (a: string) => `${a} €` },
	nl: { number: 'Factuurnummer:', customer: 'Klantnummer:', date: 'Factuurdatum:', subject: 'Factuur', hello: 'Geachte heer/mevrouw,', intro: 'Hierbij brengen wij u de volgende werkzaamheden in rekening:', cols: ['Nr.', 'Omschrijving', 'Aantal', 'Prijs', 'Totaal'], subtotal: 'Totaal excl. btw', tax: (r: number) => `Btw ${r}%`, total: 'Totaal incl. btw', deposit: (d: string) => `Aanbetaling voldaan op ${d}`, balance: 'Nog te betalen', payBy: (d: string) => `Wij verzoeken u het bedrag vóór ${d} over te maken.`, bye: 'Met vriendelijke groet,', vat: ['Btw-nr.:', 'NL999999999B01'], registry: 'KvK 58213467', manager: 'Directie: E. de Vries', bank: 'ING Bank', cur: 'EUR', rate: 21, sign: (a: string) => `€ ${a}` },
	en: { number: 'Invoice No:', customer: 'Account No:', date: 'Date:', subject: 'Invoice', hello: 'Dear Sir or Madam,', intro: 'Please find below our charges for the work carried out:', cols: ['Item', 'Description', 'Qty', 'Unit price', 'Amount'], subtotal: 'Net total', tax: (r: number) => `VAT at ${r}%`, total: 'Total payable', deposit: (d: string) => `Less deposit received ${d}`, balance: 'Balance due', payBy: (d: string) => `Payment is due by ${d}. Thank you.`, bye: 'Yours faithfully,', vat: ['VAT Reg. No:', 'GB999999999'], registry: 'Registered in England No. 04821937', manager: 'Director: S. Hughes', bank: 'Barclays Bank', cur: 'GBP', rate: 20, sign: (a: string) => `£${a}` },
} as const;

const LETTER_VENDORS: Record<string, Array<[string, string, string]>> = {
	de: [['Brandt Haustechnik GmbH', 'Venloer Straße 41', '50672 Köln'], ['Malerbetrieb Kessler GmbH', 'Aachener Str. 112', '50674 Köln']],
	fr: [['Plomberie Moreau SARL', '27 rue Garibaldi', '69006 Lyon'], ['Menuiserie Petit SARL', '4 quai Saint-Vincent', '69001 Lyon']],
	nl: [['Van Dijk Installatietechniek B.V.', 'Vaartweg 16', '3511 AB Utrecht'], ['Schildersbedrijf Bakker B.V.', 'Oudegracht 90', '3511 AV Utrecht']],
	en: [['Hughes Electrical Services Ltd', '17 Mill Lane', 'Leeds LS1 4AB'], ['Carter & Sons Joinery Ltd', '3 Station Road', 'York YO24 1AA']],
};
const LETTER_BUYERS: Record<string, Array<[string, string, string]>> = {
	de: [['Praxis Dr. Lehmann', 'Ringstraße 5', '53111 Bonn'], ['Café Sonnenschein', 'Markt 2', '50667 Köln']],
	fr: [['Cabinet Roussel', '18 avenue Foch', '69006 Lyon'], ['Boulangerie Chevalier', '2 place Carnot', '69002 Lyon']],
	nl: [['Tandartspraktijk Jansen', 'Biltstraat 33', '3572 AC Utrecht'], ['Bakkerij De Boer', 'Lange Nieuwstraat 8', '3512 PH Utrecht']],
	en: [['Greenway Dental Practice', '44 Park Row', 'Leeds LS1 5HN'], ['The Old Mill Bakery', '9 Bridge Street', 'York YO1 6DD']],
};
const LETTER_ITEMS: Record<string, string[]> = {
	de: ['Arbeitszeit Monteur', 'Material Kleinteile', 'Anfahrtspauschale', 'Heizkörper tauschen'],
	fr: ['Main-d’œuvre', 'Fournitures', 'Déplacement', 'Remplacement du chauffe-eau'],
	nl: ['Arbeidsloon', 'Materiaal', 'Voorrijkosten', 'Vervangen cv-ketel'],
	en: ['Labour', 'Materials', 'Call-out charge', 'Replace consumer unit'],
};

function letter(r: () => number, lang: IssuerLang, font: string): IssuerInvoice {
	const v = LETTER[lang as keyof typeof LETTER];
	const { lines, t } = writer(font);
	const [vendorName, street, town] = LETTER_VENDORS[lang]![Math.floor(r() * 2)]!;
	const [billTo, buyerStreet, buyerTown] = LETTER_BUYERS[lang]![Math.floor(r() * 2)]!;
	const year = 2023 + Math.floor(r() * 3);
	const invoiceNumber = `${['R', 'F', 'INV'][Math.floor(r() * 3)]}${year}-${String(10 + Math.floor(r() * 990)).padStart(4, '0')}`;
	const issued = new Date(Date.UTC(year, 0, 1) + Math.floor(r() * 330) * DAY);
	const due = new Date(issued.getTime() + 14 * DAY);
	const style = Math.floor(r() * 2);
	const items = itemsOf(r, LETTER_ITEMS[lang]!, 2 + Math.floor(r() * 3), 300);
	const subtotal = sum(items.map((i) => i.amount));
	const tax = round2((subtotal * v.rate) / 100);
	const total = round2(subtotal + tax);
	const m = (x: number) => money(x, lang);
	const vat = taxId(v.vat[1], r);
	const d = (x: Date) => dateText(x, lang, style);

	// Letterhead at the top right; the sender line over the window, the recipient in the window.
	t(vendorName, 120, 22, 13, true);
	t(street, 120, 28, 9);
	t(town, 120, 33, 9);
	t(`Tel. ${lang === 'en' ? '0113 496 0' : lang === 'fr' ? '04 78 ' : '0'}${100 + Math.floor(r() * 800)} ${1000 + Math.floor(r() * 8000)}`, 120, 38, 9);
	t(`info@${vendorName.split(' ')[0]!.toLowerCase()}.${lang === 'en' ? 'co.uk' : lang}`, 120, 43, 9);
	t(`${vendorName} · ${street} · ${town}`, 20, 52, 6.5);
	t(billTo, 20, 60, 10);
	t(buyerStreet, 20, 65, 10);
	t(buyerTown, 20, 70, 10);
	const customer = String(10000 + Math.floor(r() * 80000));
	[[v.number, invoiceNumber], [v.customer, customer], [v.date, d(issued)]].forEach(([label, value], i) => {
		t(label!, 130, 62 + i * 5, 9);
		t(value!, 165, 62 + i * 5, 9);
	});
	t(`${v.subject} ${invoiceNumber}`, 20, 98, 11, true);
	t(v.hello, 20, 108, 10);
	t(v.intro, 20, 114, 10);
	let y = 126;
	const xs = [20, 32, 120, 140, 172];
	v.cols.forEach((c, i) => t(c, xs[i]!, y, 9, true));
	items.forEach((item, k) => {
		y += 7;
		t(String(k + 1), xs[0]!, y, 9);
		t(item.description, xs[1]!, y, 9);
		t(String(item.quantity), xs[2]! + 3, y, 9);
		t(m(item.unit), xs[3]!, y, 9);
		t(m(item.amount), xs[4]!, y, 9);
	});
	y += 12;
	// A tradesman's deposit, paid before the work, taken off after the total (one letter in three; from
	// a value drawn already, so the other letters stay as they were).
	const deposit = Number(customer) % 3 === 0 ? Math.max(10, Math.round((total * 0.3) / 10) * 10) : 0;
	const paidOn = new Date(issued.getTime() - 30 * DAY);
	const rows: Array<[string, number, boolean]> = [
		[v.subtotal, subtotal, false],
		[v.tax(v.rate), tax, false],
		[v.total, total, true],
		...(deposit ? ([[v.deposit(d(paidOn)), -deposit, false], [v.balance, round2(total - deposit), true]] as Array<[string, number, boolean]>) : []),
	];
	for (const [label, value, bold] of rows) {
		t(label, deposit && label === v.deposit(d(paidOn)) ? 80 : 120, y, 10, bold);
		t(v.sign(m(value)), 172, y, 10, bold);
		y += 6;
	}
	t(v.payBy(dateText(due, lang, 0)), 20, y + 8, 10);
	t(v.bye, 20, y + 20, 10);
	t(vendorName.replace(/ (GmbH|SARL|B\.V\.|Ltd)$/, ''), 20, y + 32, 10);
	// The legal footer in three columns.
	const iban = `${lang === 'en' ? 'GB29 NWBK 6016 1331 9268 19' : lang === 'de' ? 'DE89 3705 0198 0012 3456 78' : lang === 'fr' ? 'FR76 3000 2005 5000 0015 7845 Z02' : 'NL91 INGB 0001 2345 67'}`;
	t(vendorName, 20, 272, 7);
	t(v.manager, 20, 276, 7);
	t(v.registry, 20, 280, 7);
	t(`${v.vat[0]} ${vat}`, 85, 272, 7);
	t(`Tel. · info@${vendorName.split(' ')[0]!.toLowerCase()}.${lang === 'en' ? 'co.uk' : lang}`, 85, 276, 7);
	t(v.bank, 145, 272, 7);
	t(`IBAN ${iban}`, 145, 276, 7);
	return { lines, expected: { invoiceNumber, invoiceDate: iso(issued), dueDate: iso(due), vendorName, vendorTaxId: vat, billTo, currency: v.cur, subtotal, tax, total, amountDue: round2(total - deposit) } };
}

const FOLIO = {
	en: { guest: 'Guest', room: 'Room', arrival: 'Arrival', departure: 'Departure', folio: 'Folio No.', number: 'Invoice No.', date: 'Date', cols: ['Date', 'Description', 'Charges', 'Credits'], night: 'Accommodation', breakfast: 'Breakfast', card: 'Visa **** ', total: 'Total', balance: 'Balance', taxHead: ['Tax rate', 'Net', 'Tax', 'Gross'], taxName: 'VAT', rates: [20, 20], cur: 'GBP', sign: (a: string) => `£${a}`, vat: ['VAT No.', 'GB999999999'], thanks: 'Thank you for staying with us' },
	de: { guest: 'Gast', room: 'Zimmer', arrival: 'Anreise', departure: 'Abreise', folio: 'Folio-Nr.', number: 'Rechnungs-Nr.', date: 'Datum', cols: ['Datum', 'Beschreibung', 'Belastung', 'Gutschrift'], night: 'Übernachtung', breakfast: 'Frühstück', card: 'Mastercard **** ', total: 'Gesamt', balance: 'Saldo', taxHead: ['MwSt.-Satz', 'Netto', 'MwSt.', 'Brutto'], taxName: 'MwSt.', rates: [7, 19], cur: 'EUR', sign: (a: string) => `${a} EUR`, vat: ['USt-IdNr.', 'DE999999999'], thanks: 'Vielen Dank für Ihren Aufenthalt' },
	fr: { guest: 'Client', room: 'Chambre', arrival: 'Arrivée', departure: 'Départ', folio: 'N° de folio', number: 'Facture n°', date: 'Date', cols: ['Date', 'Libellé', 'Débit', 'Crédit'], night: 'Hébergement', breakfast: 'Petit-déjeuner', card: 'CB **** ', total: 'Total', balance: 'Solde', taxHead: ['Taux TVA', 'HT', 'TVA', 'TTC'], taxName: 'TVA', rates: [10, 10], cur: 'EUR', sign: (a: string) => `${a} €`, vat: ['N° TVA', 'FR99999999999'], thanks: 'Merci de votre séjour' },
	es: { guest: 'Huésped', room: 'Habitación', arrival: 'Llegada', departure: 'Salida', folio: 'Folio', number: 'Factura n.º', date: 'Fecha', cols: ['Fecha', 'Concepto', 'Cargos', 'Abonos'], night: 'Alojamiento', breakfast: 'Desayuno', card: 'Visa **** ', total: 'Total', balance: 'Saldo', taxHead: ['Tipo IVA', 'Base', 'IVA', 'Total'], taxName: 'IVA', rates: [10, 10], cur: 'EUR', sign: (a: string) => `${a} €`, vat: ['CIF', 'ESB99999999'], thanks: 'Gracias por su estancia' },
} as const;

const HOTELS: Record<string, Array<[string, string]>> = {
	en: [['Harbourside Hotel Ltd', '1 Quay Street, Bristol BS1 4DJ'], ['The Grange Hotel Ltd', '22 Royal Crescent, Bath BA1 2LR']],
	de: [['Hotel Seeblick GmbH', 'Uferweg 3, 88709 Meersburg'], ['Parkhotel Lindenhof GmbH', 'Schlossallee 10, 79098 Freiburg']],
	fr: [['Hôtel du Parc SAS', '8 boulevard Gambetta, 06000 Nice'], ['Hôtel Le Mistral SARL', '15 cours Mirabeau, 13100 Aix-en-Provence']],
	es: [['Hotel Mirador del Mar S.L.', 'Paseo Marítimo 21, 29016 Málaga'], ['Hotel Plaza Mayor S.A.', 'Plaza Mayor 4, 37002 Salamanca']],
};
const GUESTS = ['Mr Daniel Foster', 'Sabine Hartmann', 'M. Julien Lambert', 'Sra. Elena Castillo', 'Ms Olivia Grant'];

function folio(r: () => number, lang: IssuerLang, font: string): IssuerInvoice {
	const v = FOLIO[lang as keyof typeof FOLIO];
	const { lines, t } = writer(font);
	const [vendorName, address] = HOTELS[lang]![Math.floor(r() * 2)]!;
	const billTo = GUESTS[Math.floor(r() * GUESTS.length)]!;
	const arrival = new Date(Date.UTC(2023, 0, 1) + Math.floor(r() * 900) * DAY);
	const nights = 1 + Math.floor(r() * 4);
	const departure = new Date(arrival.getTime() + nights * DAY);
	const rate = Math.round((70 + r() * 180) * 100) / 100;
	const breakfast = Math.round((12 + r() * 14) * 100) / 100;
	const invoiceNumber = String(100000 + Math.floor(r() * 800000));
	const folioNumber = String(1000 + Math.floor(r() * 8000));
	const d = (x: Date) => dateText(x, lang, 0);
	const m = (x: number) => money(x, lang);
	const vat = taxId(v.vat[1], r);
	// Gross charges; the tax is worked back per rate, as hotels print it.
	const rooms = round2(rate * nights);
	const meals = round2(breakfast * nights);
	const total = round2(rooms + meals);
	const groups = v.rates[0] === v.rates[1] ? [[v.rates[0], total]] : [[v.rates[0], rooms], [v.rates[1], meals]];
	const taxRows = groups.map(([rt, gross]) => {
		const net = round2(gross! / (1 + rt! / 100));
		return { rate: rt!, net, tax: round2(gross! - net), gross: gross! };
	});
	const subtotal = sum(taxRows.map((x) => x.net));
	const tax = sum(taxRows.map((x) => x.tax));

	const brand = vendorName.replace(/ (GmbH|SAS|SARL|Ltd|S\.L\.|S\.A\.)$/, '');
	t(brand.toUpperCase(), 70, 20, 16, true);
	t(`${vendorName} · ${address}`, 45, 27, 8);
	t(`Tel. +${lang === 'en' ? '44 117' : lang === 'de' ? '49 7532' : lang === 'fr' ? '33 4 93' : '34 952'} ${100000 + Math.floor(r() * 800000)} · ${v.vat[0]} ${vat}`, 55, 31, 8);
	t(v.guest, 20, 45, 8, true);
	t(billTo, 20, 51, 10);
	t(['14 Elm Close, Reading RG1 2AB', 'Talstraße 9, 70188 Stuttgart', '3 rue des Lilas, 44000 Nantes', 'Calle Sol 7, 41001 Sevilla'][Math.floor(r() * 4)]!, 20, 56, 9);
	[[v.number, invoiceNumber], [v.date, d(departure)], [v.folio, folioNumber], [v.room, String(100 + Math.floor(r() * 500))], [v.arrival, d(arrival)], [v.departure, d(departure)]].forEach(([label, value], i) => {
		t(label!, 125, 45 + i * 5, 9);
		t(value!, 160, 45 + i * 5, 9);
	});
	let y = 88;
	const xs = [20, 45, 140, 172];
	v.cols.forEach((c, i) => t(c, xs[i]!, y, 9, true));
	for (let n = 0; n < nights; n++) {
		const day = d(new Date(arrival.getTime() + n * DAY));
		y += 6;
		t(day, xs[0]!, y, 9);
		t(v.night, xs[1]!, y, 9);
		t(m(rate), xs[2]!, y, 9);
		y += 6;
		t(day, xs[0]!, y, 9);
		t(v.breakfast, xs[1]!, y, 9);
		t(m(breakfast), xs[2]!, y, 9);
	}
	y += 6;
	t(d(departure), xs[0]!, y, 9);
	t(`${v.card}${1000 + Math.floor(r() * 8999)}`, xs[1]!, y, 9);
	t(m(total), xs[3]!, y, 9);
	y += 10;
	t(v.total, xs[1]!, y, 10, true);
	t(v.sign(m(total)), xs[2]!, y, 10, true);
	t(v.sign(m(total)), xs[3]!, y, 10, true);
	y += 6;
	t(v.balance, xs[1]!, y, 10, true);
	t(v.sign(m(0)), xs[3]!, y, 10, true);
	y += 14;
	const tx = [45, 85, 120, 155];
	v.taxHead.forEach((h, i) => t(h, tx[i]!, y, 8, true));
	for (const row of taxRows) {
		y += 5;
		t(`${v.taxName} ${row.rate}%`, tx[0]!, y, 8);
		t(m(row.net), tx[1]!, y, 8);
		t(m(row.tax), tx[2]!, y, 8);
		t(m(row.gross), tx[3]!, y, 8);
	}
	t(v.thanks, 70, 280, 9);
	return { lines, expected: { invoiceNumber, invoiceDate: iso(departure), dueDate: null, vendorName, vendorTaxId: vat, billTo, currency: v.cur, subtotal, tax, total }, aliases: { vendorName: [brand.toUpperCase(), brand] } };
}

const UTILITY = {
	en: { headline: 'Your electricity bill', customer: 'Customer number', contract: 'Account number', number: 'Bill number', date: 'Bill date', period: 'Billing period', usage: 'Electricity used', unit: (kwh: string, p: string) => `${kwh} kWh at ${p} per kWh`, standing: (days: number, p: string) => `Standing charge ${days} days at ${p}`, net: 'Charges before VAT', tax: (r: number) => `VAT at ${r}%`, total: 'Total charges', due: 'Amount due', dueBy: 'Please pay by', vat: ['VAT Reg No', 'GB999999999'], cur: 'GBP', rate: 5, sign: (a: string) => `£${a}`, footer: 'Registered in England and Wales No. 03482911' },
	de: { headline: 'Ihre Stromrechnung', customer: 'Kundennummer', contract: 'Vertragskonto', number: 'Rechnungsnummer', date: 'Rechnungsdatum', period: 'Abrechnungszeitraum', usage: 'Verbrauch', unit: (kwh: string, p: string) => `Arbeitspreis ${kwh} kWh x ${p} €`, standing: (days: number, p: string) => `Grundpreis ${days} Tage x ${p} €`, net: 'Nettobetrag', tax: (r: number) => `Umsatzsteuer ${r} %`, total: 'Rechnungsbetrag', due: 'Zu zahlender Betrag', dueBy: 'Fällig am', vat: ['USt-IdNr.', 'DE999999999'], cur: 'EUR', rate: 19, sign: (a: string) => `${a} €`, footer: 'Sitz der Gesellschaft: Lindau · Amtsgericht Kempten HRB 8812' },
	fr: { headline: "Votre facture d'électricité", customer: 'Référence client', contract: 'N° de contrat', number: 'Facture n°', date: 'Date de facture', period: 'Période de facturation', usage: 'Consommation', unit: (kwh: string, p: string) => `${kwh} kWh x ${p} €`, standing: (days: number, p: string) => `Abonnement ${days} jours x ${p} €`, net: 'Total HT', tax: (r: number) => `TVA ${r} %`, total: 'Total TTC', due: 'Montant à payer', dueBy: 'À payer avant le', vat: ['N° TVA intracommunautaire', 'FR99999999999'], cur: 'EUR', rate: 20, sign: (a: string) => `${a} €`, footer: 'SA au capital de 2 500 000 € · RCS Lyon 451 223 980' },
	nl: { headline: 'Uw energiefactuur', customer: 'Klantnummer', contract: 'Contractnummer', number: 'Factuurnummer', date: 'Factuurdatum', period: 'Periode', usage: 'Verbruik', unit: (kwh: string, p: string) => `${kwh} kWh x € ${p}`, standing: (days: number, p: string) => `Vastrecht ${days} dagen x € ${p}`, net: 'Totaal excl. btw', tax: (r: number) => `Btw ${r}%`, total: 'Totaal incl. btw', due: 'Te betalen', dueBy: 'Uiterste betaaldatum', vat: ['Btw-nummer', 'NL999999999B01'], cur: 'EUR', rate: 21, sign: (a: string) => `€ ${a}`, footer: 'KvK 34128870 · Rotterdam' },
} as const;

const UTILITIES: Record<string, Array<[string, string, string]>> = {
	en: [['Brightwell Energy', 'Brightwell Energy Ltd', 'PO Box 2214, Leeds LS11 5XY'], ['Northern Power', 'Northern Power Supply Ltd', '1 Riverside Way, Sheffield S3 8BZ']],
	de: [['Stadtwerke Lindau', 'Stadtwerke Lindau GmbH', 'Auenstraße 12, 88131 Lindau'], ['Alpenstrom', 'Alpenstrom Energie GmbH', 'Bahnhofplatz 4, 87435 Kempten']],
	fr: [['Énergie Rhône', 'Énergie Rhône SA', '15 quai Perrache, 69002 Lyon'], ['Volt Azur', 'Volt Azur SAS', '40 avenue Jean Médecin, 06000 Nice']],
	nl: [['Groenstroom', 'Groenstroom B.V.', 'Weena 505, 3013 AL Rotterdam'], ['Polderenergie', 'Polderenergie B.V.', 'Stationsplein 7, 3818 LE Amersfoort']],
};
const HOUSEHOLDS: Record<string, Array<[string, string, string]>> = {
	en: [['Mr James Whitaker', '27 Oak Avenue', 'Harrogate HG1 5QT'], ['Mrs Fiona Clarke', '3 Church Lane', 'Ripon HG4 1PA']],
	de: [['Herrn Markus Vogt', 'Seestraße 14', '88131 Lindau'], ['Frau Anna Keller', 'Blumenweg 3', '88138 Weißensberg']],
	fr: [['M. Pierre Garnier', '12 rue Sala', '69002 Lyon'], ['Mme Sophie Renard', '5 chemin des Vignes', '69290 Craponne']],
	nl: [['Dhr. J. Bakker', 'Kerkstraat 21', '3811 CV Amersfoort'], ['Mevr. L. de Groot', 'Molenweg 8', '3817 AB Amersfoort']],
};

function utility(r: () => number, lang: IssuerLang, font: string): IssuerInvoice {
	const v = UTILITY[lang as keyof typeof UTILITY];
	const { lines, t } = writer(font);
	const [brand, vendorName, address] = UTILITIES[lang]![Math.floor(r() * 2)]!;
	const [billTo, street, town] = HOUSEHOLDS[lang]![Math.floor(r() * 2)]!;
	const issued = new Date(Date.UTC(2023, 0, 1) + Math.floor(r() * 900) * DAY);
	const due = new Date(issued.getTime() + 14 * DAY);
	const days = [30, 31, 61, 92, 365][Math.floor(r() * 5)]!;
	const periodEnd = new Date(issued.getTime() - (2 + Math.floor(r() * 5)) * DAY);
	const periodStart = new Date(periodEnd.getTime() - (days - 1) * DAY);
	const kwh = Math.round(days * (6 + r() * 6));
	const price = Math.round((0.24 + r() * 0.12) * 10000) / 10000;
	const daily = Math.round((0.3 + r() * 0.3) * 100) / 100;
	const energy = round2(kwh * price);
	const standing = round2(days * daily);
	const subtotal = round2(energy + standing);
	const tax = round2((subtotal * v.rate) / 100);
	const total = round2(subtotal + tax);
	const m = (x: number) => money(x, lang);
	const d = (x: Date) => dateText(x, lang, 0);
	const invoiceNumber = `${2023 + Math.floor(r() * 3)}${String(Math.floor(r() * 1e6)).padStart(6, '0')}`;
	const vat = taxId(v.vat[1], r);
	const kwhText = lang === 'en' ? kwh.toLocaleString('en-GB') : String(kwh).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'fr' ? ' ' : '.');
	const priceText = lang === 'en' ? `${(price * 100).toFixed(2)}p` : price.toFixed(4).replace('.', ',');

	t(brand, 20, 24, 20, true);
	t(`${vendorName} · ${address}`, 20, 50, 6.5);
	t(billTo, 20, 58, 10);
	t(street, 20, 63, 10);
	t(town, 20, 68, 10);
	const info: Array<[string, string]> = [
		[v.customer, String(1000000 + Math.floor(r() * 8000000))],
		[v.contract, String(800000000 + Math.floor(r() * 99999999))],
		[v.number, invoiceNumber],
		[v.date, d(issued)],
		[v.period, `${d(periodStart)} - ${d(periodEnd)}`],
	];
	info.forEach(([label, value], i) => {
		t(label, 120, 40 + i * 5, 8);
		t(value, 158, 40 + i * 5, 8);
	});
	t(v.headline, 20, 92, 14, true);
	t(`${v.usage}: ${kwhText} kWh`, 20, 102, 10);
	let y = 116;
	for (const [label, value, bold] of [
		[v.unit(kwhText, priceText), energy, false],
		[v.standing(days, lang === 'en' ? `${(daily * 100).toFixed(0)}p` : m(daily)), standing, false],
		[v.net, subtotal, false],
		[v.tax(v.rate), tax, false],
		[v.total, total, true],
	] as const) {
		t(label, 20, y, 10, bold);
		t(v.sign(m(value)), 165, y, 10, bold);
		y += 7;
	}
	y += 6;
	t(v.due, 20, y, 12, true);
	t(v.sign(m(total)), 165, y, 12, true);
	t(`${v.dueBy} ${d(due)}`, 20, y + 7, 10);
	t(`${vendorName} · ${address}`, 20, 275, 7);
	t(`${v.vat[0]} ${vat} · ${v.footer}`, 20, 279, 7);
	return { lines, expected: { invoiceNumber, invoiceDate: iso(issued), dueDate: iso(due), vendorName, vendorTaxId: vat, billTo, currency: v.cur, subtotal, tax, total }, aliases: { vendorName: [brand], billTo: [billTo.replace(/^(Mr|Mrs|Herrn|Frau|M\.|Mme|Dhr\.|Mevr\.) /, '')] } };
}

const TILL = {
	en: { number: 'Receipt No:', till: 'Till 2', cashier: 'Served by: Amy', total: 'TOTAL', cash: 'Cash', change: 'Change', head: ['Rate', 'Net', 'VAT', 'Gross'], code: (c: string, r: number) => `${c} ${r}%`, vat: ['VAT Reg No:', 'GB999999999'], cur: 'GBP', rates: [20, 0], sign: (a: string) => `£${a}`, thanks: 'Thank you for your visit', items: ['Flat white', 'Croissant', 'Sandwich', 'Orange juice', 'Muffin'] },
	de: { number: 'Bon-Nr.', till: 'Kasse 2', cashier: 'Es bediente Sie: Frau Maier', total: 'SUMME EUR', cash: 'Gegeben BAR', change: 'Rückgeld', head: ['MwSt', 'Netto', 'Steuer', 'Brutto'], code: (c: string, r: number) => `${c} ${r}%`, vat: ['USt-IdNr.:', 'DE999999999'], cur: 'EUR', rates: [7, 19], sign: (a: string) => a, thanks: 'Vielen Dank für Ihren Einkauf', items: ['Brezel', 'Roggenbrot', 'Kaffee', 'Apfelschorle', 'Butterkuchen'] },
	fr: { number: 'Ticket n°', till: 'Caisse 2', cashier: 'Caissier: Julie', total: 'TOTAL TTC', cash: 'Espèces', change: 'Rendu', head: ['Taux', 'HT', 'TVA', 'TTC'], code: (c: string, r: number) => `${c} ${String(r).replace('.', ',')}%`, vat: ['TVA:', 'FR99999999999'], cur: 'EUR', rates: [5.5, 20], sign: (a: string) => `${a} €`, thanks: 'Merci de votre visite', items: ['Baguette', 'Croissant', 'Café', 'Jus de pomme', 'Tarte aux fraises'] },
	es: { number: 'Factura simplificada Nº', till: 'Caja 2', cashier: 'Le atendió: Marta', total: 'TOTAL', cash: 'Efectivo', change: 'Cambio', head: ['Tipo', 'Base', 'Cuota', 'Total'], code: (c: string, r: number) => `${c} ${r}%`, vat: ['NIF:', 'ESB99999999'], cur: 'EUR', rates: [10, 21], sign: (a: string) => `${a} €`, thanks: 'Gracias por su visita', items: ['Café con leche', 'Tostada', 'Zumo de naranja', 'Croissant', 'Agua mineral'] },
} as const;

const SHOPS: Record<string, Array<[string, string, string]>> = {
	en: [['Kettle & Crumb Ltd', '14 High Street', 'Oxford OX1 4AP'], ['Harbour Coffee Co. Ltd', '2 Quay Road', 'Whitby YO21 1DH']],
	de: [['Bäckerei Huber GmbH', 'Hauptstraße 7', '80331 München'], ['Café Sommer GmbH', 'Marktplatz 1', '93047 Regensburg']],
	fr: [['Boulangerie Lemoine SARL', '8 rue Mercière', '69002 Lyon'], ['Le Petit Comptoir SAS', '21 rue Sainte-Catherine', '33000 Bordeaux']],
	es: [['Cafetería Aurora S.L.', 'Calle Real 15', '15003 A Coruña'], ['Panadería Ortiz S.L.', 'Plaza Nueva 3', '41001 Sevilla']],
};

function till(r: () => number, lang: IssuerLang, font: string): IssuerInvoice {
	const v = TILL[lang as keyof typeof TILL];
	const { lines, t } = writer(font);
	const [vendorName, street, town] = SHOPS[lang]![Math.floor(r() * 2)]!;
	const issued = new Date(Date.UTC(2023, 0, 1) + Math.floor(r() * 900) * DAY);
	const invoiceNumber = String(1000 + Math.floor(r() * 90000));
	const vat = taxId(v.vat[1], r);
	const m = (x: number) => money(x, lang);
	// Each item carries a tax code (A, B) for its rate; the table at the end splits the sum by code.
	const items = Array.from({ length: 2 + Math.floor(r() * 4) }, (_, i) => {
		const quantity = 1 + Math.floor(r() * 3);
		const unit = Math.round((0.9 + r() * 6) * 100) / 100;
		return { name: v.items[(i + Math.floor(r() * 5)) % 5]!, quantity, unit, amount: round2(quantity * unit), code: r() < 0.6 ? 0 : 1 };
	});
	const total = sum(items.map((i) => i.amount));
	const codes = [0, 1].filter((c) => items.some((i) => i.code === c));
	const taxRows = codes.map((c) => {
		const gross = sum(items.filter((i) => i.code === c).map((i) => i.amount));
		const rate = v.rates[c]!;
		const net = round2(gross / (1 + rate / 100));
		return { code: 'AB'[c]!, rate, net, tax: round2(gross - net), gross };
	});
	const subtotal = sum(taxRows.map((x) => x.net));
	const tax = sum(taxRows.map((x) => x.tax));
	const paid = Math.ceil(total / 5) * 5 + (total % 5 === 0 ? 5 : 0);
	const w = 80;
	const centre = (text: string, y: number, size = 9, bold = false) => t(text, Math.max(3, (w - text.length * size * 0.18) / 2), y, size, bold);
	centre(vendorName, 12, 11, true);
	centre(street, 18);
	centre(town, 22.5);
	centre(`${v.vat[0]} ${vat}`, 27);
	const time = `${String(7 + Math.floor(r() * 12)).padStart(2, '0')}:${String(Math.floor(r() * 60)).padStart(2, '0')}`;
	t(`${dateText(issued, lang, 0)} ${time}`, 5, 36, 8.5);
	t(v.till, 55, 36, 8.5);
	t(`${v.number} ${invoiceNumber}`, 5, 41, 8.5);
	let y = 50;
	for (const item of items) {
		t(item.quantity > 1 ? `${item.quantity} x ${item.name}` : item.name, 5, y, 8.5);
		t(`${m(item.amount)} ${'AB'[item.code]}`, 58, y, 8.5);
		if (item.quantity > 1) {
			y += 4;
			t(`  ${item.quantity} x ${m(item.unit)}`, 5, y, 7.5);
		}
		y += 5;
	}
	y += 3;
	t(v.total, 5, y, 11, true);
	t(v.sign(m(total)), 52, y, 11, true);
	y += 6;
	t(v.cash, 5, y, 8.5);
	t(v.sign(m(paid)), 55, y, 8.5);
	y += 4.5;
	t(v.change, 5, y, 8.5);
	t(v.sign(m(round2(paid - total))), 55, y, 8.5);
	y += 9;
	const xs = [5, 24, 42, 60];
	v.head.forEach((hd, i) => t(hd, xs[i]!, y, 7.5, true));
	for (const row of taxRows) {
		y += 4.5;
		t(v.code(row.code, row.rate), xs[0]!, y, 7.5);
		t(m(row.net), xs[1]!, y, 7.5);
		t(m(row.tax), xs[2]!, y, 7.5);
		t(m(row.gross), xs[3]!, y, 7.5);
	}
	y += 9;
	t(v.cashier, 5, y, 8);
	centre(v.thanks, y + 7, 8);
	return { lines, page: { widthMm: w, heightMm: Math.ceil(y + 14) }, expected: { invoiceNumber, invoiceDate: iso(issued), dueDate: null, vendorName, vendorTaxId: vat, billTo: null, currency: v.cur, subtotal, tax, total } };
}

const BUILD: Record<IssuerLayout, (r: () => number, lang: IssuerLang, font: string) => IssuerInvoice> = { saas, marketplace, letter, folio, utility, till };

export function issuerInvoice(seed: number, lang: IssuerLang, layout: IssuerLayout, font: string): IssuerInvoice {
	if (!ISSUER_LANGS[layout].includes(lang)) throw new Error(`layout ${layout} is not printed in ${lang}`);
	// Seeds scrambled, so this set's draws are not the main set's for the same seed.
	return BUILD[layout](rng(Math.imul(seed, 2654435761) >>> 0), lang, font);
}
