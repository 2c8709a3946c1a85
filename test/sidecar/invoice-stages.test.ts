/** Amount, currency and date parsing for invoices: pure, no model. */
import { describe, expect, it } from 'vitest';
import { detectCurrency, findAmounts, parseAmount } from '../../sidecar/src/invoice/amounts';
import { englishDateOrder, findDates, inferOrder, orderOf } from '../../sidecar/src/invoice/dates';
import { extractInvoice } from '../../sidecar/src/invoice/extract';
import { joinWordPieces, type PLine } from '../../sidecar/src/invoice/candidates';
import { cleanName, nameStartsAbove, repairLegalForm } from '../../sidecar/src/invoice/vendorName';
import { repairAmountText } from '../../sidecar/src/invoice/payment';
import { itemsAddUp, lineItemsFrom } from '../../sidecar/src/invoice/lineItems';
import { readTaxId } from '../../sidecar/src/invoice/taxIds';
import type { Table } from '../../sidecar/src/table/types';

describe('tax ids', () => {
	it('keeps a spaced id whole, in its compact form, and checks its check digits', () => {
		const read = (t: string) => readTaxId(t);
		// Published examples, printed the way issuers print them.
		expect(read('GB 980 7806 84')).toEqual({ id: 'GB980780684', format: 'UK VAT', valid: true });
		expect(read('DE 136 695 976')).toEqual({ id: 'DE136695976', format: 'EU VAT (DE)', valid: true });
		expect(read('FR 40 303 265 045')).toEqual({ id: 'FR40303265045', format: 'EU VAT (FR)', valid: true });
		expect(read('BE 0428.759.497')?.valid).toBe(true);
		expect(read('IT 00743110157')?.valid).toBe(true);
		expect(read('PL 526-10-40-828')).toMatchObject({ id: 'PL5261040828', valid: true });
		expect(read('27AAPFU0939F1ZV')).toMatchObject({ format: 'Indian GSTIN', valid: true });
		expect(read('ABN 51 824 753 556')).toMatchObject({ id: '51824753556', format: 'Australian ABN', valid: true });
		expect(read('CHE-123.456.789 MWST')).toMatchObject({ id: 'CHE123456789MWST', format: 'Swiss UID' });
		expect(read('EIN 12-3456789')).toMatchObject({ id: '12-3456789', format: 'US EIN' });
		// One digit misread: the format holds, the check does not.
		expect(read('DE 136 695 978')).toMatchObject({ id: 'DE136695978', valid: false });
		expect(read('GB 980 7806 85')?.valid).toBe(false);
		// The other countries' check digits, each right and one digit off.
		for (const [right, off] of [
			['ATU13585627', 'ATU13585626'],
			['DK 13 58 56 28', 'DK 13 58 56 27'],
			['FI 2077 4740', 'FI 2077 4741'],
			['NL004495445B01', 'NL004495446B01'],
			['NL000099998B57', 'NL000099998B58'],
			['LU 150 274 42', 'LU 150 274 43'],
			['ES B58378431', 'ES B58378432'],
			['ES 12345678Z', 'ES 12345678A'],
			['ES X1234567L', 'ES X1234567M'],
			['CHE-100.155.212 MWST', 'CHE-100.155.213 MWST'],
			['NO 988 077 917 MVA', 'NO 988 077 918 MVA'],
		])
			expect([right, off].map((t) => read(t)?.valid)).toEqual([true, false]);
		// Nine bare digits are not an EIN, nor eleven an ABN unless their check passes: kept as printed, unchecked.
		expect(read('123 456 789')).toEqual({ id: '123456789', format: null, valid: null });
		expect(read('12 345 678 901')).toMatchObject({ format: null });
		// Unknown formats: the id with the digit groups after it, dashes kept.
		expect(read('W10-1808-31000123')).toEqual({ id: 'W10-1808-31000123', format: null, valid: null });
		expect(read('GST Reg No: 000 123 456 789')?.id).toBe('000123456789');
		expect(read('n/a')).toBeNull();
	});

	it('reads back look-alike letters and digits OCR swapped in an id, where the check digits then pass', () => {
		expect(readTaxId('880OKDX187700ZX')).toEqual({ id: '88OOKDX1877O0ZX', format: 'Indian GSTIN', valid: true });
		expect(readTaxId('DE I36 695 976')).toEqual({ id: 'DE136695976', format: 'EU VAT (DE)', valid: true });
		// A digit misread as another digit is no look-alike: the failing check stays, to be flagged.
		expect(readTaxId('DE 136 695 978')).toMatchObject({ id: 'DE136695978', valid: false });
	});

	it('gives a tax id whose check fails a low confidence', () => {
		const page = (taxLine: string) => [
			{
				page: 1,
				width: 500,
				height: 400,
				source: 'ocr' as const,
				dpi: null,
				language: null,
				text: '',
				lines: ['Schneider Bürotechnik GmbH', taxLine].map((text, i) => ({ text, confidence: 0.99, box: [10, 100 + i * 30, 400, 120 + i * 30] as [number, number, number, number], polygon: [[10, 0], [400, 0], [400, 20], [10, 20]] as [[number, number], [number, number], [number, number], [number, number]] })),
			},
		];
		const read = (id: string) => extractInvoice(page(`USt-IdNr.: ${id}`), { dateOrder: 'dmy', language: null });
		const [good, bad] = [read('DE 136 695 976'), read('DE 136 695 978')];
		expect([good.fields.vendorTaxId, bad.fields.vendorTaxId]).toEqual(['DE136695976', 'DE136695978']);
		expect(bad.details.vendorTaxId!.confidence).toBeLessThan(good.details.vendorTaxId!.confidence * 0.6);
	});
});

describe('the parties', () => {
	type At = [string, number, number];
	const page = (ls: At[]) => [
		{
			page: 1,
			width: 1240,
			height: 1754,
			source: 'ocr' as const,
			dpi: null,
			language: null,
			text: '',
			lines: ls.map(([text, x, y]) => ({ text, confidence: 0.97, box: [x, y, x + text.length * 14, y + 24] as [number, number, number, number], polygon: [[x, y], [x + text.length * 14, y], [x + text.length * 14, y + 24], [x, y + 24]] as [[number, number], [number, number], [number, number], [number, number]] })),
		},
	];
	const buyer = (ls: At[]) => extractInvoice(page([['Northwind Traders Ltd', 80, 60], ['INVOICE', 80, 200], ...ls, ['Total 120.00', 800, 900]]), { dateOrder: 'dmy', language: null }).fields.billTo;

	it('reads the name in the label\'s column, not another field or party on its row', () => {
		expect(buyer([['Bill To:', 80, 260], ['Invoice No: INV-2041', 800, 260], ['Contoso GmbH', 80, 295], ['Invoice Date: 12/03/2024', 800, 295]])).toBe('Contoso GmbH');
		expect(buyer([['Bill To', 80, 260], ['Ship To', 600, 260], ['Contoso GmbH', 80, 295], ['Fabrikam Warehouse', 600, 295]])).toBe('Contoso GmbH');
		expect(buyer([['Ship To', 80, 260], ['Bill To', 600, 260], ['Fabrikam Warehouse', 80, 295], ['Contoso GmbH', 600, 295]])).toBe('Contoso GmbH');
		// Italian letters address the customer as "Spett.le" (Spettabile).
		expect(buyer([['Spett.le', 800, 260], ['Bar Centrale di Bianchi', 800, 295]])).toBe('Bar Centrale di Bianchi');
		expect(buyer([['Customer', 80, 260], ['Contoso GmbH', 300, 260]])).toBe('Contoso GmbH');
	});

	it('reads the number after a Czech "č." the recogniser could not write', () => {
		const number = (line: string) => extractInvoice(page([['Strojírny Brno s.r.o.', 80, 60], [line, 80, 200], ['Celkem k úhradě: 12 100,00 Kč', 800, 900]]), { dateOrder: 'dmy', language: null }).fields.invoiceNumber;
		expect(number('Faktura - daňový doklad ?. 2024001')).toBe('2024001');
		expect(number('Faktura - daňový doklad C. 2024001')).toBe('2024001');
		// A year after the label is not a misread "č.".
		expect(number('Faktura - daňový doklad 2024')).toBeNull();
	});

	it('takes a name over a line of trade words, not the trade words', () => {
		const read = (ls: At[]) => extractInvoice(page([...ls, ['TOTAL 45.10', 300, 900]]), { dateOrder: 'dmy', language: null }).fields;
		const bistro = read([['THREE STOOGES', 300, 60], ['BISTRO & CAFE', 300, 95], ['109, SS21/1A,', 300, 130], ['DAMANSARA UTAMA', 300, 165]]);
		expect([bistro.vendorName, bistro.vendorAddress]).toEqual(['THREE STOOGES', '109, SS21/1A, DAMANSARA UTAMA']);
	});

	it('reads a seller label at the start of a company name as part of the name ("Lieferant GmbH"), and a number that holds a date ("FV/2024/03/15")', () => {
		const f = extractInvoice(page([['Lieferant GmbH', 80, 60], ['Lieferantenstraße 20, 80333 München', 80, 95], ['Handelsrechnung Nr. 471102 vom 05.03.2013', 80, 250], ['Gesamtbetrag 235,62 EUR', 700, 900]]), { dateOrder: 'dmy', language: null }).fields;
		expect([f.vendorName, f.invoiceNumber, f.invoiceDate]).toEqual(['Lieferant GmbH', '471102', '2013-03-05']);
		const pl = extractInvoice(page([['Firma Kowalski Sp. z o.o.', 80, 60], ['Faktura VAT nr FV/2024/03/15', 80, 250], ['Data wystawienia: 15.03.2024', 80, 285], ['Do zapłaty: 1 230,00 zł', 700, 900]]), { dateOrder: 'dmy', language: null }).fields;
		expect([pl.invoiceNumber, pl.invoiceDate]).toEqual(['FV/2024/03/15', '2024-03-15']);
		// A short bare number after a number label is the number; after a bare "Invoice" or with decimals it is not.
		const num = (line: string) => extractInvoice(page([['Acme Ltd', 80, 60], [line, 80, 250], ['Total 10.00', 700, 900]]), { dateOrder: 'dmy', language: null }).fields.invoiceNumber;
		expect([num('Invoice No.: 123'), num('Rechnung Nr. 42'), num('Invoice No: 12.50'), num('Invoice 12')]).toEqual(['123', '42', null, null]);
		// A date after a number label is still not the number.
		expect(extractInvoice(page([['Acme Ltd', 80, 60], ['Invoice 12/03/2024', 80, 250], ['Total 10.00', 700, 900]]), { dateOrder: 'dmy', language: null }).fields.invoiceNumber).toBeNull();
	});

	it('keeps a number whose pieces are printed with spaced slashes or dashes whole ("018304 / 28865", "12 / 2024"), not a date or an amount after it', () => {
		const num = (line: string) => extractInvoice(page([['Acme Ltd', 80, 60], [line, 80, 250], ['Total 10.00', 700, 900]]), { dateOrder: 'dmy', language: null }).fields.invoiceNumber;
		expect([num('Invoice number: 018304 / 28865'), num('Fattura n. 12 / 2024'), num('Factura Nº 2024 - 0012'), num('Rechnung Nr. RE-2019 / 123 / A7')]).toEqual(['018304 / 28865', '12 / 2024', '2024 - 0012', 'RE-2019 / 123 / A7']);
		expect([num('Rechnung Nr. 4711 / 12.03.2024'), num('Invoice No 4711 / 15 March 2024'), num('Invoice No. INV-0012 - Page 1'), num('Invoice No 4711 - 1.234,00')]).toEqual(['4711', '4711', 'INV-0012', '4711']);
	});

	it('reads layouts of real e-invoice PDFs: two address blocks side by side, a credit note and its related invoice, nets and taxes on several lines', () => {
		const read = (ls: At[]) => extractInvoice(page(ls), { dateOrder: 'dmy', language: null }).fields;
		// The recipient's block and the sender's on one row: the sender is the one the page's e-mail spells; a page counter is no name.
		const letter = read([['Invoice 103767', 160, 86], ['February 17, 2026', 160, 160], ['Page 1 / 1', 160, 198], ['Adatum Corporation', 160, 310], ['CRONUS DE', 1000, 310], ['Station Road, 21', 160, 350], ['Hofstraße 12', 1000, 350], ['Subtotal 573.00', 900, 1246], ['19% VAT 108.87', 900, 1283], ['Total € Incl. VAT 681.87', 700, 1358], ['Email info@cronus.com', 700, 1650]]);
		expect([letter.vendorName, letter.billTo, letter.total]).toEqual(['CRONUS DE', 'Adatum Corporation', 681.87]);
		// A French credit note: its own number in the title, the invoice it credits after "Facture liée"; the
		// seller's share capital on its tax id's line is not the tax; "Taxes" printed positive beside negative totals.
		const avoir = read([
			['Au bon moulin SARL - 1242 chemin de l\'olive - 84340 Malaucène', 470, 90],
			['TVA : FR11999999998 - SIRET : 99999999800010 - SARL au capital de 120 000,00 €', 470, 141],
			['Avoir AV-2017-0005', 87, 260],
			['Date de facture 16/11/2017', 95, 620],
			['Facture liée FA-2017-0010', 95, 809],
			['Total HT -218,48 €', 1000, 1123],
			['Taxes 14,99 €', 1000, 1171],
			['Total TTC -233,47 €', 1000, 1219],
		]);
		expect([avoir.invoiceNumber, avoir.subtotal, avoir.tax, avoir.total]).toEqual(['AV-2017-0005', -218.48, -14.99, -233.47]);
		// Goods and shipping netted and taxed on lines of their own; the base a rate is worked out "auf" is not the tax.
		const split = read([
			['Beispiel AG', 160, 350],
			['Rechnung RE1001', 160, 570],
			['Kunden-Nr.: 10000', 160, 650],
			['Positionen netto', 700, 1122], ['804,35 €', 1200, 1122],
			['Versandkosten netto', 700, 1150], ['4,99 €', 1200, 1150],
			['Positionen USt. 19,00% auf 804,35 €', 400, 1178], ['152,83 €', 1200, 1178],
			['Versandkosten USt. 19,00% auf 4,99 €', 400, 1206], ['0,95 €', 1200, 1206],
			['Endsumme', 700, 1234], ['963,12 €', 1200, 1234],
		]);
		expect([split.subtotal, split.tax, split.total]).toEqual([809.34, 153.78, 963.12]);
		expect(split.amountDue).toBe(963.12);
		// A customer number's label ("Kunden-Nr.") names no customer.
		expect(split.billTo).not.toBe('Nr.:');
		// A sender line parted by "●", set in a little over the window address: the recipient is the buyer.
		// (The sender line printed small: its characters 10 px wide, the address's 16.)
		const sized = page([['Bei Spiel GmbH', 1000, 343], ['Ecke 12', 1000, 387], ['Bei Spiel GmbH ● Ecke 12 ● 12345 Stadthausen', 260, 435], ['Theodor Est', 197, 472], ['Bahnstr. 42', 197, 510], ['88802 Spielkreis', 197, 548], ['Rechnung # RE-20170509/505 von 09.05.2017', 158, 981], ['Gesamtbetrag: 571,04 €', 700, 1500]]);
		for (const l of sized[0]!.lines) l.box[2] = l.box[0] + l.text.length * (l.text.includes('●') ? 10 : 16);
		const gnu = extractInvoice(sized, { dateOrder: 'dmy', language: null }).fields;
		expect([gnu.vendorName, gnu.billTo]).toEqual(['Bei Spiel GmbH', 'Theodor Est']);
		// Another document's date, a period's start and end, an order's date: none is the issue date.
		const dated = read([['Vendeur SARL', 134, 186], ['Date :', 828, 138], ['31/12/2018', 1288, 138], ['DATE DE FACTURE ASSOCIÉE : 30/11/2018', 134, 863], ['Date début : 01/12/2018', 347, 1152], ['Date fin : 31/12/2018', 347, 1225], ['Auftrag-Datum-Lief : 02.08.2013', 600, 1300], ['Total TTC 110,00 €', 800, 1500]]);
		expect(dated.invoiceDate).toBe('2018-12-31');
		// A party block's identifier line ("GLN 4333741000005 …") is no name; a name in capitals keeps its form so.
		const gln = read([['Lieferant', 111, 174], ['Käufer', 584, 174], ['GLN 4333741000005', 111, 200], ['GLN 4304171000002', 584, 200], ['MUSTERLIEFERANT GMBH', 111, 225], ['MUSTER-KUNDE GMBH', 584, 225], ['Gesamtbetrag 518,99', 900, 1500]]);
		expect([gln.vendorName, gln.billTo]).toEqual(['MUSTERLIEFERANT GMBH', 'MUSTER-KUNDE GMBH']);
		// A firm that prints its web address as its name at the head of its block; a street line and a
		// contact line are never the name; a label's value parted by bars is no sender line.
		const webPage = page([['weclapp.com | Somestreet 42 | 08155 Some city', 156, 319], ['weclapp.com', 1081, 320], ['Somestreet 42', 1081, 347], ['08155 Some city', 1081, 375], ['Phone: 06661556', 1081, 420], ['Beispiel AG', 156, 350], ['Feldstraße 34', 156, 376], ['54321 Hithausen', 156, 401], ['Lieferadresse: Beispiel Lager AG | Feldstraße 39 | 54321 Hithausen', 156, 750], ['Art.-Nr.', 258, 858], ['Endsumme 963,12 €', 900, 1234]]);
		for (const l of webPage[0]!.lines) l.box[2] = l.box[0] + l.text.length * (l.text.includes('|') ? 9 : 16);
		const web = extractInvoice(webPage, { dateOrder: 'dmy', language: null }).fields;
		expect(web.vendorName).toBe('weclapp.com');
		expect(web.billTo).not.toBe('Art.-Nr.');
		// A total under a label we do not know, found because the subtotal and the tax add up to it; only on a line below them.
		const due = (last: At) => read([['Bei Spiel GmbH', 156, 60], ['Invoice RE-20200620/508', 156, 900], ['Net total: 496.00 €', 158, 1378], ['VAT total: 75.04 €', 430, 1627], last]);
		expect([due(['Due payable: 571.04 €', 158, 1672]).total, due(['Reference 571.04', 158, 1200]).total]).toEqual([571.04, 496]);
	});

	it('keeps the total and gives what is left to pay where amounts are taken off after it, by arithmetic', () => {
		const read = (ls: At[]) => extractInvoice(page(ls), { dateOrder: 'mdy', language: 'en' }).fields;
		const due = (f: ReturnType<typeof read>) => [f.total, f.amountDue];
		// A broadcaster's invoice: the agency's commission comes off the gross (a label and its value a box
		// each, the spots' count beside the gross with a label of its own).
		const commission = read([
			['KMSP', 80, 60], ['Invoice # 950658-1', 900, 100],
			['Gross Total', 1000, 1640], ['$23,125.00', 1250, 1640], ['Total Spots', 1400, 1640], ['23', 1600, 1640],
			['Agency Commission', 900, 1692], ['$3,468.75', 1250, 1692],
			['Net Amount Due', 950, 1742], ['$19,656.25', 1250, 1742],
		]);
		expect(due(commission)).toEqual([23125, 19656.25]);
		// A deposit paid before, in German, the deduction printed negative.
		const deposit = read([['Muster GmbH', 80, 60], ['Nettobetrag 100,00 €', 700, 1100], ['MwSt. 19 % 19,00 €', 700, 1140], ['Gesamtbetrag 119,00 €', 700, 1180], ['Anzahlung vom 01.03.2024 -50,00 €', 600, 1220], ['Noch zu zahlen 69,00 €', 700, 1260]]);
		expect(due(deposit)).toEqual([119, 69]);
		// An e-invoice viewer's summary: the amount due under a label that is not a total's, the payment made as a row of its own.
		const viewer = read([['Muster GmbH', 80, 60], ['Gesamtsumme', 173, 1731], ['1.801,78', 1482, 1731], ['Gezahlter Betrag', 173, 1767], ['1.000,00', 1486, 1767], ['Summe Fremdforderungen', 173, 1804], ['Fälliger Betrag', 173, 1842], ['801,78', 1502, 1842]]);
		expect(due(viewer)).toEqual([1801.78, 801.78]);
		// A totals row under a gross / commission / net header.
		const row = read([
			['WMOR', 80, 60],
			['Time Period', 50, 786], ['# of Spots Gross Amount Agency Comm.', 327, 786], ['Net Amount', 928, 786],
			['01/27/20 - 02/23/20', 50, 829], ['33', 412, 829], ['$8,555.00', 530, 829], ['($1,283.25)', 725, 829], ['$7,271.75', 950, 829],
			['Totals', 50, 906], ['33', 412, 906], ['$8,555.00', 530, 906], ['($1,283.25)', 725, 906], ['$7,271.75', 950, 906],
		]);
		expect(due(row)).toEqual([8555, 7271.75]);
		// Nothing taken off: a sum of some lines (returns, negative) between two totals is not a deduction,
		// nor is a tax summary's row under the total; the amount due is the total.
		const returns = read([['Gardenia Sales', 80, 60], ['Total 0% supplies:', 187, 862], ['39.01', 445, 862], ['Total 6% supplies (Inc. GST):', 60, 814], ['-18.80', 433, 814], ['Total Payable:', 237, 912], ['20.21', 446, 912]]);
		expect(due(returns)).toEqual([20.21, 20.21]);
		const summary = read([['Trendy Max', 80, 60], ['Total Inclusive GST:', 378, 1477], ['329.10', 923, 1477], ['GST Summary', 411, 1614], ['Net Amt.', 657, 1634], ['GST', 850, 1634], ['Total', 994, 1634], ['SR 6%', 443, 1690], ['310.47', 682, 1690], ['18.63', 848, 1690], ['329.10', 989, 1690], ['Total', 444, 1740], ['310.47', 691, 1740]]);
		expect(due(summary)).toEqual([329.1, 329.1]);
		// An order's header of totals: the one in money, not the cost per rating point printed under it.
		const order = read([['Nexstar', 80, 60], ['Total $: $2,120.00', 2004, 143], ['Total Spots: 8', 1955, 196], ['Total CPP: $160.61', 1971, 249], ['Total GRP: 13.2', 1968, 279]]);
		expect(order.total).toBe(2120);
	});

	it('reads a label with a hyphen between its words ("Btw-nr."), and a checked VAT number whose label OCR broke apart', () => {
		const id = (ls: At[]) => extractInvoice(page([['Schildersbedrijf Bakker B.V.', 80, 60], ['Factuurnummer 2024-0042', 800, 300], ['Totaal € 1.234,56', 800, 770], ...ls]), { dateOrder: 'dmy', language: 'nl' }).fields.vendorTaxId;
		expect(id([['KvK 58213467', 80, 1500], ['Btw-nr.: NL003920699B01', 600, 1500]])).toBe('NL003920699B01');
		// "TVA intracommunautaire" detected in three pieces: no label, but the id's format and check digits hold.
		expect(id([['TVA intracomm', 600, 1500], ['auta', 790, 1500], ['taire : FR40303265045', 860, 1500]])).toBe('FR40303265045');
		// A failing check, or digits alone, are not taken without a label.
		expect(id([['TVA intracomm', 600, 1500], ['taire : FR40303265046', 860, 1500], ['Tel. 0301234567', 80, 1540]])).toBeNull();
	});

	it('takes the seller\'s VAT number over a registry number printed above it', () => {
		const f = extractInvoice(page([['De Vries Installatietechniek B.V.', 80, 60], ['KvK 12345678', 80, 95], ['BTW NL001234567B01', 80, 130], ['Factuurnummer 2014-0042', 800, 300], ['Totaal € 1.234,56', 800, 770]]), { dateOrder: 'dmy', language: 'nl' }).fields;
		expect(f.vendorTaxId).toBe('NL001234567B01');
		// Whether its check digits pass (…560B01) or fail (…567B01, made up or misread).
		expect(extractInvoice(page([['De Vries Installatietechniek B.V.', 80, 60], ['KvK 12345678', 80, 95], ['BTW NL001234560B01', 80, 130], ['Totaal € 1.234,56', 800, 770]]), { dateOrder: 'dmy', language: 'nl' }).validation.vendorTaxId).toBe('pass');
		expect(extractInvoice(page([['De Vries Installatietechniek B.V.', 80, 60], ['KvK 12345678', 80, 95], ['BTW NL001234567B01', 80, 130], ['Totaal € 1.234,56', 800, 770]]), { dateOrder: 'dmy', language: 'nl' }).validation.vendorTaxId).toBe('fail');
		// With no known format among them, the first labelled id.
		expect(extractInvoice(page([['Svensson Bygg AB', 80, 60], ['Org.nr 556677-8899', 80, 95], ['Fakturanummer: 10234', 800, 300], ['Att betala 10 000,00 kr', 800, 770]]), { dateOrder: 'dmy', language: 'sv' }).fields.vendorTaxId).toBe('556677-8899');
	});

	it('reads a French tax table: the base HT and the VAT amount under their headers', () => {
		const f = extractInvoice(page([['Boulangerie Martin SARL', 80, 60], ['Facture n° 2024-118', 800, 200], ['Base HT', 600, 700], ['Taux', 800, 700], ['Montant TVA', 950, 700], ['150,00', 600, 735], ['20 %', 800, 735], ['30,00', 950, 735], ['Total TTC 180,00 €', 800, 800]]), { dateOrder: 'dmy', language: 'fr' }).fields;
		expect([f.subtotal, f.tax, f.total]).toEqual([150, 30, 180]);
	});

	it('reads a tax breakdown by its column headers: each rate\'s row summed, not the last amount of a row', () => {
		const read = (ls: At[]) => extractInvoice(page([['Parkhotel Lindenhof GmbH', 80, 60], ['Rechnungs-Nr. 115714', 800, 200], ...ls]), { dateOrder: 'dmy', language: 'de' }).fields;
		const folio = read([
			['Gesamt', 300, 600], ['235,76 EUR', 800, 600],
			['MwSt.-Satz', 300, 700], ['Netto', 560, 700], ['MwSt.', 760, 700], ['Brutto', 960, 700],
			['MwSt. 7%', 300, 735], ['208,64', 560, 735], ['14,61', 760, 735], ['223,25', 960, 735],
			['MwSt. 19%', 300, 770], ['10,51', 560, 770], ['2,00', 760, 770], ['12,51', 960, 770],
		]);
		expect([folio.subtotal, folio.tax, folio.total]).toEqual([219.15, 16.61, 235.76]);
		// No labelled total at all: the gross column's sum.
		const bare = read([['Tax rate', 300, 700], ['Net', 560, 700], ['Tax', 760, 700], ['Gross', 960, 700], ['VAT 20%', 300, 735], ['254.70', 560, 735], ['50.94', 760, 735], ['305.64', 960, 735]]);
		expect([bare.subtotal, bare.tax, bare.total]).toEqual([254.7, 50.94, 305.64]);
	});

	it('reads column heads that are compounds of the words they stand for (German, Nordic): a total row under "Nettobetrag | MwSt-Betrag | Endbetrag"', () => {
		// Rows of cells at the columns' left edges, 35 px apart from y = 1200.
		const rows = (cols: number[], ...texts: string[][]): At[] => texts.flatMap((row, r) => row.map((t, c): At => [t, cols[c]!, 1200 + 35 * r]).filter(([t]) => t !== ''));
		const sums = (seller: string, heading: string, language: string, cells: At[]) => {
			const f = extractInvoice(page([[seller, 80, 60], [heading, 800, 200], ...cells]), { dateOrder: 'dmy', language }).fields;
			return [f.subtotal, f.tax, f.total];
		};
		const de = (cells: At[]) => sums('Musterlieferant GmbH', 'Rechnung Nr. 471102', 'de', cells);
		// A fixed-width print's summary: goods value and discounts before the net, one row per rate, then the sums.
		const rates = [['326,50', '-8,10', '321,40', '61,07', '19,0', '382,47'], ['130,70', '-3,11', '127,59', '8,93', '7,0', '136,52'], ['457,20', '-11,21', '448,99', '70,00', 'EUR', '518,99']];
		expect(de(rows([60, 200, 400, 580, 760, 880], ['Warenwert', 'Zu-/Abschlag', 'Nettobetrag', 'MwSt-Betrag', 'MwSt-%', 'Endbetrag'], ...rates))).toEqual([448.99, 70, 518.99]);
		// A text layer's runs: two heads in one box over two numbers in one box; each word is a column.
		expect(de(rows([60, 200, 400, 580, 650, 770, 880], ['Warenwert Zu-/Abschlag', '', 'Nettobetrag', 'MwSt-Betrag MwSt-%', '', '', 'Endbetrag'], ['326,50', '-8,10', '321,40', '', '61,07 19,0', '', '382,47'], ['130,70', '-3,11', '127,59', '8,93', '', '7,0', '136,52'], ['457,20', '-11,21', '448,99', '70,00', '', 'EUR', '518,99']))).toEqual([448.99, 70, 518.99]);
		// A scan that read the rate's head "MwSt-8": the bare rates under it ("19,0", never with cents) make it the rate column.
		expect(de(rows([400, 580, 760, 880], ['Nettobetrag', 'MwSt-Betrag', 'MwSt-8', 'Endbetrag'], ...rates.map((r) => r.slice(2))))).toEqual([448.99, 70, 518.99]);
		const sv = rows([300, 480, 700, 900], ['Moms %', 'Nettobelopp', 'Momsbelopp', 'Bruttobelopp'], ['25 %', '8 000,00', '2 000,00', '10 000,00'], ['12 %', '1 000,00', '120,00', '1 120,00']);
		expect(sums('Svensson Bygg AB', 'Fakturanummer: 10234', 'sv', sv)).toEqual([9000, 2120, 11120]);
	});

	it('sums a marketplace\'s item rows under their headers, stopping at the table\'s total row; the headers label no amount of their own', () => {
		const f = extractInvoice(
			page([
				['Sold By :', 80, 100], ['Darshita Electronics Private Limited', 80, 135], ['GST Registration No: 27AAPFU0939F1ZV', 80, 170],
				['Invoice Number : BLR7-519849', 700, 250],
				['Description', 80, 400], ['Net Amount', 560, 400], ['Tax Rate', 720, 400], ['Tax Amount', 860, 400], ['Total Amount', 1020, 400],
				['Stainless steel kettle', 80, 440], ['6,915.85', 560, 440], ['18%', 720, 440], ['1,244.85', 860, 440], ['8,160.70', 1020, 440],
				['USB-C charger 65 W', 80, 480], ['594.07', 560, 480], ['18%', 720, 480], ['106.93', 860, 480], ['701.00', 1020, 480],
				['TOTAL:', 80, 540], ['1,351.78', 860, 540], ['8,861.70', 1020, 540],
			]),
			{ dateOrder: 'dmy', language: 'en' },
		).fields;
		expect([f.subtotal, f.tax, f.total]).toEqual([7509.92, 1351.78, 8861.7]);
		// The rupee sign is one the recogniser cannot write: the seller's GSTIN says the currency.
		expect(f.currency).toBe('INR');
	});

	it('reads a receipt\'s GST summary (an amount column and a tax column, the rate on the row) once, not with its total row', () => {
		const f = extractInvoice(
			page([['KEDAI RUNCIT MAJU SDN BHD', 80, 60], ['TOTAL INCL GST', 80, 400], ['29.00', 700, 400], ['GST Summary', 80, 500], ['Amount(RM)', 420, 500], ['Tax(RM)', 700, 500], ['SR @ 6%', 80, 535], ['27.36', 420, 535], ['1.64', 700, 535], ['Total', 80, 570], ['27.36', 420, 570], ['1.64', 700, 570]]),
			{ dateOrder: 'dmy', language: null },
		).fields;
		expect([f.subtotal, f.tax, f.total]).toEqual([27.36, 1.64, 29]);
	});

	it('leaves a table whose rows do not add up to the labels (a VAT column of rates beside line amounts)', () => {
		const f = extractInvoice(
			page([['Acme Ltd', 80, 60], ['Invoice No: 1042', 700, 200], ['Description', 80, 400], ['VAT', 560, 400], ['Total', 900, 400], ['Consulting', 80, 440], ['20%', 560, 440], ['500.00', 900, 440], ['Subtotal', 600, 600], ['500.00', 900, 600], ['VAT 20%', 600, 640], ['100.00', 900, 640], ['Total due', 600, 680], ['600.00', 900, 680]]),
			{ dateOrder: 'dmy', language: 'en' },
		).fields;
		expect([f.subtotal, f.tax, f.total]).toEqual([500, 100, 600]);
	});

	it('takes the currency from the seller\'s tax id where the page prints no sign or code OCR could read', () => {
		const currency = (ls: At[]) => extractInvoice(page([...ls, ['Invoice No: 2041', 700, 200], ['Total 240.00', 700, 800]]), { dateOrder: 'dmy', language: 'en' }).fields.currency;
		expect(currency([['Hughes Electrical Services Ltd', 80, 60], ['VAT Reg. No: GB 980 7806 84', 80, 95]])).toBe('GBP');
		expect(currency([['Cocoblu Retail Private Limited', 80, 60], ['GSTIN: 27AAPFU0939F1ZV', 80, 95]])).toBe('INR');
		// A check that fails says nothing; a sign on the page beats the id.
		expect(currency([['Hughes Electrical Services Ltd', 80, 60], ['VAT Reg. No: GB 980 7806 85', 80, 95]])).toBeNull();
		expect(currency([['Hughes Electrical Services Ltd', 80, 60], ['VAT Reg. No: GB 980 7806 84', 80, 95], ['Subtotal €200.00', 700, 760]])).toBe('EUR');
	});

	it('takes the registered name a logo word begins over the logo, and the business a marketplace names as seller', () => {
		const lines = page([['Invoice', 80, 60], ['Invoice number', 80, 180], ['UH4BAQB5-0009', 400, 180], ['Cloudnest Inc.', 80, 300], ['548 Market Street', 80, 335], ['Bill to', 600, 300], ['Harbor Dental Group', 600, 335], ['Total $120.00', 800, 800]]);
		lines[0]!.lines.push({ ...lines[0]!.lines[0]!, text: 'Cloudnest', box: [900, 50, 1100, 100] });
		expect(extractInvoice(lines, { dateOrder: 'dmy', language: 'en' }).fields.vendorName).toBe('Cloudnest Inc.');
		// The logo on the title's row, taken over the title's broken piece ("Rec" | "nung") because the page's
		// e-mail spells it: its registered name still.
		const broken = page([['Rec', 163, 147], ['nung', 318, 154], ['Datenwerk', 1178, 148], ['Rechnungsnummer', 150, 257], ['9HJ6KUE1-0036', 483, 256], ['Datenwerk Cloud GmbH', 153, 446], ['Rechnung an', 783, 445], ['Kastanienallee 12', 153, 485], ['billing@datenwerk.com', 153, 560], ['Gesamt 258,90 €', 800, 800]]);
		expect(extractInvoice(broken, { dateOrder: 'dmy', language: 'de' }).fields.vendorName).toBe('Datenwerk Cloud GmbH');
		const market = (seller: string) => extractInvoice(page([['shopkart', 80, 60], ['Rechnung', 900, 60], [seller, 80, 200], ['Outdoorhaus Lenz GmbH', 80, 235], ['Rechnungsadresse', 700, 200], ['Priya Raman', 700, 235], ['Gesamtbetrag 150,60 €', 800, 800]]), { dateOrder: 'dmy', language: 'de' }).fields;
		expect(market('Verkauft von')).toMatchObject({ vendorName: 'Outdoorhaus Lenz GmbH', billTo: 'Priya Raman' });
	});

	it('reads a hotel bill\'s guest as the buyer, and the hotel\'s name without the address its line goes on with', () => {
		const f = extractInvoice(page([['HOTEL PLAZA MAYOR', 300, 40], ['Hotel Plaza Mayor S.A. · Plaza Mayor 4, 37002 Salamanca', 200, 80], ['Huésped', 80, 200], ['Sra. Elena Castillo', 80, 235], ['Factura n.º 523411', 700, 200], ['Total 242,27 €', 700, 700]]), { dateOrder: 'dmy', language: 'es' }).fields;
		expect([f.vendorName, f.billTo]).toEqual(['Hotel Plaza Mayor S.A.', 'Sra. Elena Castillo']);
		expect(['Hôtel du Parc SAS - 8 boulevard Gambetta, 06000 Nice', 'Brandt GmbH, Venloer Str. 41', 'Van Dijk B.V. Vaartweg 16'].map(cleanName)).toEqual(['Hôtel du Parc SAS', 'Brandt GmbH', 'Van Dijk B.V.']);
		// Without a legal form, or with nothing after it but words, the line is kept.
		expect(['Kagawa 12 Shop', 'Forniture Rossi S.r.l.', 'Weber & Co. KG Werkzeuge'].map(cleanName)).toEqual(['Kagawa 12 Shop', 'Forniture Rossi S.r.l.', 'Weber & Co. KG Werkzeuge']);
	});

	it('reads the recipient in a window envelope\'s address field as the buyer where no label names one, under a letterhead', () => {
		const lines = page([
			['Brandt Haustechnik GmbH', 800, 60], ['Venloer Straße 41', 800, 95], ['50672 Köln', 800, 130],
			['Herrn', 80, 330], ['Dr. Jonas Lehmann', 80, 365], ['Ringstraße 5', 80, 400], ['53111 Bonn', 80, 435],
			['Rechnungsnr.: R2024-0012', 800, 380], ['Rechnungsbetrag 1.201,74 €', 800, 900],
		]);
		// The sender line, printed small over the window.
		lines[0]!.lines.push({ ...lines[0]!.lines[0]!, text: 'Brandt Haustechnik GmbH · Venloer Straße 41 · 50672 Köln', box: [80, 300, 560, 316] });
		const f = extractInvoice(lines, { dateOrder: 'dmy', language: 'de' }).fields;
		expect([f.vendorName, f.billTo, f.vendorAddress]).toEqual(['Brandt Haustechnik GmbH', 'Dr. Jonas Lehmann', 'Venloer Straße 41 50672 Köln']);
		// Only the sender line's right part read (its small type lost at the left): the address under it still starts left of it.
		lines[0]!.lines[lines[0]!.lines.length - 1] = { ...lines[0]!.lines[0]!, text: 'aße 41 · 50672 Köln', box: [380, 300, 560, 316] };
		expect(extractInvoice(lines, { dateOrder: 'dmy', language: 'de' }).fields.billTo).toBe('Dr. Jonas Lehmann');
		// The sender line garbled past reading (no dots, no digits): a person addressed by a title over a
		// postal address is still the recipient, and none of it is the vendor's address.
		const garbled = extractInvoice(page([['Northern Power', 80, 60], ['NorthePowe uply iverside Waheffied', 80, 300], ['Mrs Fiona Clarke', 80, 340], ['3 Church Lane', 80, 375], ['Ripon HG4 1PA', 80, 410], ['Bill number', 800, 380], ['2023451151', 1000, 380], ['Total £971.69', 800, 900]]), { dateOrder: 'dmy', language: 'en' }).fields;
		expect(garbled.billTo).toBe('Mrs Fiona Clarke');
		expect(garbled.vendorAddress ?? '').not.toContain('Church Lane');
		// Initials between the title and the name ("Dhr. J. Bakker").
		const initials = extractInvoice(page([['Groenstroom', 80, 60], ['00m B.Wen 505,013 otrdm', 80, 300], ['Dhr. J. Bakker', 80, 340], ['Kerkstraat 21', 80, 375], ['3811 CV Amersfoort', 80, 410], ['Factuurnummer', 800, 380], ['2023014209', 1000, 380], ['Te betalen € 1.606,75', 800, 900]]), { dateOrder: 'dmy', language: null }).fields;
		expect(initials.billTo).toBe('Dhr. J. Bakker');
		// A title over no postal address names nobody to bill.
		expect(extractInvoice(page([['Northern Power', 80, 60], ['Dr Watson', 80, 340], ['Total £971.69', 800, 900]]), { dateOrder: 'dmy', language: 'en' }).fields.billTo).toBeNull();
		// A label's value split by a colon, printed as large as the lines under it, is no sender line.
		const plain = extractInvoice(page([['Acme Ltd', 80, 60], ['GST No : 002108047360', 80, 95], ['Avtivo Plaza, Lot B-F-11', 80, 130], ['52000 Kuala Lumpur', 80, 165], ['TOTAL 189.75', 700, 900]]), { dateOrder: 'dmy', language: null }).fields;
		expect(plain.billTo).toBeNull();
	});

	it('reads a due date a sentence asks payment by, in each language, and not a date the sentence only mentions', () => {
		const due = (sentence: string, language: string) => extractInvoice(page([['Acme GmbH', 80, 60], ['Rechnung Nr. 4711', 800, 200], ['Datum: 12.03.2024', 800, 235], [sentence, 80, 800], ['Gesamt 120,00 €', 800, 700]]), { dateOrder: 'dmy', language }).fields.dueDate;
		expect(due('Bitte überweisen Sie den Rechnungsbetrag bis zum 26.03.2024 ohne Abzug.', 'de')).toBe('2024-03-26');
		expect(due('Règlement à réception, au plus tard le 26/03/2024, par virement.', 'fr')).toBe('2024-03-26');
		expect(due('Wij verzoeken u het bedrag vóór 26-03-2024 over te maken.', 'nl')).toBe('2024-03-26');
		expect(due('Payment is expected before 26 March 2024.', 'en')).toBe('2024-03-26');
		// Paying is not asked by the date: "delivered on", "ordered since".
		expect(due('Die Ware wurde am 20.03.2024 geliefert.', 'de')).toBeNull();
	});

	it('reads a till receipt: its own number after any invoice number, and its tax table whose tax word heads the rates', () => {
		const till = (ls: At[], language: string) => extractInvoice(page([['Bäckerei Huber GmbH', 300, 40], ['Hauptstraße 7', 340, 75], ['12.03.2024 14:32', 80, 160], ...ls]), { dateOrder: 'dmy', language }).fields;
		const de = till([['Bon-Nr. 2747', 80, 195], ['SUMME EUR', 80, 400], ['18,63', 700, 400], ['MwSt', 80, 500], ['Netto', 300, 500], ['Steuer', 500, 500], ['Brutto', 700, 500], ['A 7%', 80, 535], ['11,59', 300, 535], ['0,81', 500, 535], ['12,40', 700, 535], ['B 19%', 80, 570], ['5,24', 300, 570], ['0,99', 500, 570], ['6,23', 700, 570]], 'de');
		expect([de.invoiceNumber, de.subtotal, de.tax, de.total]).toEqual(['2747', 16.83, 1.8, 18.63]);
		const es = till([['Factura simplificada Nº 53022', 80, 195], ['TOTAL', 80, 400], ['22,00 €', 700, 400], ['Tipo', 80, 500], ['Base', 300, 500], ['Cuota', 500, 500], ['Total', 700, 500], ['A 10%', 80, 535], ['20,00', 300, 535], ['2,00', 500, 535], ['22,00', 700, 535]], 'es');
		expect([es.invoiceNumber, es.subtotal, es.tax, es.total]).toEqual(['53022', 20, 2, 22]);
		// A parking ticket's number beside the invoice's: the invoice's.
		expect(till([['INV-No.0002300417000116', 80, 195], ['Ticket No.029332', 80, 230], ['TOTAL', 80, 400], ['1.00', 700, 400]], 'en').invoiceNumber).toBe('INV-No.0002300417000116'.replace('INV-No.', ''));
	});

	it('is sure of a date\'s day/month order on a page in pounds, rupees or euros, in English or a language the reader does not guess, not on one in dollars', () => {
		const date = (ls: At[]) => extractInvoice(page([['Invoice No: 1042', 800, 200], ['Date: 05/04/2025', 800, 235], ['Total 250.37', 800, 700], ...ls]), { dateOrder: 'auto', language: 'en' });
		// A GB VAT number (check digits pass) says pounds, as a GSTIN says rupees, though OCR read no £ or ₹.
		const uk = date([['Hughes Electrical Services Ltd', 80, 60], ['VAT Reg. No: GB 980 7806 84', 80, 95]]);
		expect([uk.fields.invoiceDate, uk.fields.currency]).toEqual(['2025-04-05', 'GBP']);
		expect(uk.details.invoiceDate!.confidence).toBeGreaterThan(0.8);
		const us = date([['Cloudnest Inc.', 80, 60], ['548 Market Street, San Francisco, CA 94104', 80, 95], ['Subtotal $240.00', 800, 660]]);
		expect(us.fields.invoiceDate).toBe('2025-05-04');
		expect(us.details.invoiceDate!.confidence).toBeLessThan(0.8);
		// A page in a language the reader does not guess (Dutch), in euros: day first, and sure of it.
		const nl = extractInvoice(page([['Wolkwerk B.V.', 80, 60], ['Factuurdatum', 80, 200], ['06-08-2023', 400, 200], ['Totaal € 250,37', 800, 700]]), { dateOrder: 'auto', language: null });
		expect(nl.fields.invoiceDate).toBe('2023-08-06');
		expect(nl.details.invoiceDate!.confidence).toBeGreaterThan(0.8);
	});

	it('reads a bill\'s charges before VAT as its subtotal, not its tax, and a bill number', () => {
		const f = extractInvoice(page([['Brightwell Energy Ltd', 80, 60], ['Bill number', 800, 200], ['2023060868', 1000, 200], ['Charges before VAT', 80, 600], ['£238.45', 900, 600], ['VAT at 5%', 80, 635], ['£11.92', 900, 635], ['Total charges', 80, 670], ['£250.37', 900, 670]]), { dateOrder: 'dmy', language: 'en' }).fields;
		expect([f.invoiceNumber, f.subtotal, f.tax, f.total]).toEqual(['2023060868', 238.45, 11.92, 250.37]);
	});

	it('reads a word of the vendor\'s name again where the page prints it whole (a letter lost, an accent missing), and passes over a lone number label and a postcode line', () => {
		const vendor = (ls: At[]) => extractInvoice(page([...ls, ['Invoice No. 115714', 800, 300], ['Total £235.76', 800, 800]]), { dateOrder: 'dmy', language: 'en' }).fields.vendorName;
		expect(vendor([['HARBOURSIDE HOTEL', 300, 40], ['Harbourside Hote Ltd · 1 Quay Street, Bristol BS1 4DJ', 200, 80]])).toBe('Harbourside Hotel Ltd');
		expect(vendor([['Cafe Sommer GmbH', 300, 40], ['Marktplatz 1', 300, 75], ['Vielen Dank, Ihr Café Sommer', 300, 1400]])).toBe('Café Sommer GmbH');
		// An s more elsewhere is a plural or a possessive, not a letter lost; a word read the same elsewhere stays.
		expect(vendor([["KING'S CONFECTIONERY S/B", 300, 40], ['KINGS CAKES', 300, 1400]])).toBe("KING'S CONFECTIONERY S/B");
		expect(vendor([['Kundennummer', 80, 40], ['Alpenstrom Energie GmbH', 80, 75]])).toBe('Alpenstrom Energie GmbH');
		// A postcode and its town, cut from a sender line, is an address's last line, not a name.
		expect(vendor([['4, 87435 Kempten', 80, 40], ['Alpenstrom Energie', 80, 75]])).toBe('Alpenstrom Energie');
		// A letter lost inside a long word, read whole on the sign.
		expect(vendor([['HOTEL SEEBLICK', 300, 40], ['Hotel Seelick GmbH · Urweg 3, 88709 Meersburg', 200, 80]])).toBe('Hotel Seeblick GmbH');
		// A text layer gives the name as printed: nothing to read back ("SubscriptionSeller" beside "Subscriptionsseller").
		const layer = page([['SubscriptionSeller', 300, 40], ['Invoice No. 115714', 800, 300], ['Subscriptionsseller terms apply', 300, 1400], ['Total £235.76', 800, 800]]).map((p) => ({ ...p, source: 'text-layer' as const }));
		expect(extractInvoice(layer, { dateOrder: 'dmy', language: 'en' }).fields.vendorName).toBe('SubscriptionSeller');
	});

	it('is as sure of a name read alike in a second print as that reading is, where the rest of its own line was read badly', () => {
		const read = (sign: string) => {
			const pages = page([['Invoice No. 115714', 800, 300], ['Total € 235,76', 800, 800]]);
			pages[0]!.lines.push({ ...pages[0]!.lines[0]!, text: sign, confidence: 0.99, box: [300, 40, 600, 90] }, { ...pages[0]!.lines[0]!, text: 'Hotel Seeblick GmbH · Ufeweg 3, 8879 Meersbg', confidence: 0.83, box: [200, 100, 800, 124] });
			return extractInvoice(pages, { dateOrder: 'dmy', language: 'de' }).details.vendorName!.confidence;
		};
		expect(read('HOTEL SEEBLICK')).toBeGreaterThanOrEqual(0.8);
		// Another name on the sign confirms nothing.
		expect(read('SEEHOTEL')).toBeLessThan(0.8);
	});

	it('reads a legal form as it is written, whatever case OCR gave it, and cuts an address after a form in capitals', () => {
		expect(['Wolkwerk B.v.', 'Weber Gmbh', 'Hogar S.l.', 'Énergie Rhône SA 15 quai Perrache, 69002 Lyon', 'Lindner AG Hauptstr. 5'].map(cleanName)).toEqual(['Wolkwerk B.V.', 'Weber GmbH', 'Hogar S.L.', 'Énergie Rhône SA', 'Lindner AG']);
		// A dotted form that lost its last dot, with the address after it; a title's dot read as a comma.
		expect(['Hotel Plaza Mayor S.A Plaza Mayor4, 37002 Salamanca', 'Wolkwerk B.V', 'Sa Cova', 'M, Julien Lambert'].map(cleanName)).toEqual(['Hotel Plaza Mayor S.A.', 'Wolkwerk B.V.', 'Sa Cova', 'M. Julien Lambert']);
		// A name printed all in capitals keeps its form so.
		expect(cleanName('MUSTERLIEFERANT GMBH')).toBe('MUSTERLIEFERANT GMBH');
		// A capital form at the start is a word of the name; small letters ("sa", "as") are words.
		expect(['SA PETROL STATION 12', 'Pizza as 12 Via Roma'].map(cleanName)).toEqual(['SA PETROL STATION 12', 'Pizza as 12 Via Roma']);
	});

	it('reads an issue date that is also the due date (due on receipt), each under its own label', () => {
		const f = extractInvoice(page([['Wolkwerk B.V.', 80, 60], ['Factuurnummer', 80, 200], ['2T53E4H2-0018', 400, 200], ['Factuurdatum', 80, 235], ['23-11-2024', 400, 235], ['Vervaldatum', 80, 270], ['23-11-2024', 400, 270], ['Totaal € 121,00', 800, 700]]), { dateOrder: 'dmy', language: 'nl' }).fields;
		expect([f.invoiceDate, f.dueDate]).toEqual(['2024-11-23', '2024-11-23']);
	});

	it('does not take a total less than half the subtotal (a digit lost: "TOTAL : 4 50" for 41.50)', () => {
		const f = extractInvoice(page([['MENTAI INITIAL SDN BHD', 80, 60], ['Subtotal', 80, 500], ['39.16', 800, 500], ['GST 6%', 80, 535], ['2.36', 800, 535], ['Iotal (Inclusive of GSI):', 80, 570], ['41.52', 800, 570], ['TOTAL :', 80, 640], ['4 50', 800, 640]]), { dateOrder: 'dmy', language: null }).fields;
		// The sum printed on a line whose label OCR misread is the total.
		expect(f.total).toBe(41.52);
	});

	it('takes the total rounded for cash printed under a total that adds up', () => {
		const read = (sub: At[]) => extractInvoice(page([['KEDAI MAJU SDN BHD', 80, 60], ...sub, ['GST 6%', 80, 535], ['2.73', 800, 535], ['Total Sales (Incl GST)', 80, 570], ['48.16', 800, 570], ['Rounding Adj', 80, 605], ['-0.01', 800, 605], ['TOTAL', 80, 640], ['48.15', 800, 640]]), { dateOrder: 'dmy', language: null }).fields;
		// Subtotal + tax adds up to the unrounded total; and with no subtotal to check it by.
		expect([read([['Subtotal', 80, 500], ['45.43', 800, 500]])].map((f) => [f.subtotal, f.tax, f.total])).toEqual([[45.43, 2.73, 48.15]]);
		expect(read([]).total).toBe(48.15);
		// A total that is itself rounded for cash stays.
		expect(extractInvoice(page([['Subtotal', 80, 500], ['45.40', 800, 500], ['GST', 80, 535], ['2.75', 800, 535], ['Total', 80, 570], ['48.15', 800, 570], ['Cash', 80, 605], ['50.00', 800, 605], ['TOTAL PAID', 80, 640], ['48.20', 800, 640]]), { dateOrder: 'dmy', language: null }).fields.total).toBe(48.15);
	});

	it('reads a sender line over a window envelope\'s address field: the vendor and its address from the line, the recipient under it', () => {
		const read = (ls: At[]) => extractInvoice(page([...ls, ['Rechnungsnummer: 471102', 800, 420], ['Gesamtbetrag EUR 529,87', 800, 805]]), { dateOrder: 'dmy', language: 'de' }).fields;
		const din = read([['Lieferant GmbH · Lieferantenstraße 20 · 80333 München', 80, 150], ['Kunden AG Mitte', 80, 200], ['Hans Muster', 80, 235], ['Kundenstraße 15', 80, 270], ['69876 Frankfurt', 80, 305]]);
		expect([din.vendorName, din.vendorAddress, din.billTo]).toEqual(['Lieferant GmbH', 'Lieferantenstraße 20, 80333 München', 'Kunden AG Mitte']);
		// A letterhead set on one line with bars, its contact details after the address, a labelled buyer.
		const bars = read([['Malerbetrieb Hans Berger | Hauptstraße 5 | 12345 Berlin | Tel. 030 123456', 80, 60], ['Rechnung an:', 80, 200], ['Café Sonne OHG', 80, 235]]);
		expect([bars.vendorName, bars.vendorAddress, bars.billTo]).toEqual(['Malerbetrieb Hans Berger', 'Hauptstraße 5, 12345 Berlin', 'Café Sonne OHG']);
	});

	it('takes a name with a web address and a legal form as the vendor, and skips a greeting or a bare web address', () => {
		const read = (ls: At[]) => extractInvoice(page([...ls, ['TOTAL 45.10', 300, 900]]), { dateOrder: 'dmy', language: null }).fields.vendorName;
		expect(read([['Amazon.com Services LLC', 300, 60], ['410 Terry Ave N', 300, 95], ['Seattle, WA 98109', 300, 130]])).toBe('Amazon.com Services LLC');
		expect(read([['eCosWay.com SDN BHD (509213A)', 300, 60], ['2nd Floor Wisma Cosway', 300, 95]])).toMatch(/^eCosWay\.com SDN BHD/);
		expect(read([['TQ FOR SHOPPING WITH myNEWS.com', 300, 60], ['MYNEWS RETAIL SDN BHD', 300, 95], ['Lot 5, Jalan Bangsar', 300, 130]])).toBe('MYNEWS RETAIL SDN BHD');
		expect(read([['www.northgate-supplies.com', 300, 60], ['Northgate Supplies', 300, 95], ['14 Mill Lane', 300, 130]])).toBe('Northgate Supplies');
	});

	it('reads the delivery date by its label, in several languages, and never as the issue date', () => {
		const dates = (ls: At[]) => {
			const f = extractInvoice(page([['Granite Peak Tools Co.', 80, 60], ...ls, ['Total 120.00', 800, 900]]), { dateOrder: 'dmy', language: null }).fields;
			return [f.invoiceDate, f.deliveryDate];
		};
		expect(dates([['Invoice date: 12/03/2024', 80, 200], ['Delivery date: 08/03/2024', 80, 235]])).toEqual(['2024-03-12', '2024-03-08']);
		expect(dates([['Lieferdatum: 08.03.2024', 80, 200], ['Rechnungsdatum: 12.03.2024', 80, 235]])).toEqual(['2024-03-12', '2024-03-08']);
		expect(dates([['Date de livraison : 08/03/2024', 80, 200], ['Date de facture : 12/03/2024', 80, 235]])).toEqual(['2024-03-12', '2024-03-08']);
		expect(dates([['Fecha de entrega: 08/03/2024', 80, 200], ['Fecha de factura: 12/03/2024', 80, 235]])).toEqual(['2024-03-12', '2024-03-08']);
		expect(dates([['Data sprzedaży: 08.03.2024', 80, 200], ['Data wystawienia: 12.03.2024', 80, 235]])).toEqual(['2024-03-12', '2024-03-08']);
		// A delivery date alone is not the invoice's date; an invoice without one has none.
		expect(dates([['Leistungsdatum: 08.03.2024', 80, 200]])).toEqual([null, '2024-03-08']);
		expect(dates([['Invoice date: 12/03/2024', 80, 200]])).toEqual(['2024-03-12', null]);
	});

	it('passes over a contact person for the organisation (en, de, fr, es)', () => {
		expect(buyer([['Bill To:', 80, 260], ['Attn: John Smith', 80, 295], ['Contoso GmbH', 80, 330]])).toBe('Contoso GmbH');
		expect(buyer([['Rechnungsempfänger:', 80, 260], ['z. Hd. Frau Weber', 80, 295], ['Bäckerei Schulz KG', 80, 330]])).toBe('Bäckerei Schulz KG');
		expect(buyer([['Facturé à :', 80, 260], ["À l'attention de M. Martin", 80, 295], ['Boulangerie Petit', 80, 330]])).toBe('Boulangerie Petit');
		expect(buyer([['Cliente:', 80, 260], ['A la atención de Ana Ruiz', 80, 295], ['Talleres Norte S.L.', 80, 330]])).toBe('Talleres Norte S.L.');
	});

	it('never takes the seller from the buyer\'s or the ship-to block; takes it from its own label where one names it', () => {
		const read = (ls: At[]) => extractInvoice(page([...ls, ['Total 120.00', 800, 900]]), { dateOrder: 'dmy', language: null }).fields;
		// The seller's name only in a logo: no vendor rather than the customer.
		const logo = read([['INVOICE', 800, 60], ['Invoice No: 4411', 800, 120], ['Bill To:', 80, 200], ['Contoso GmbH', 80, 235], ['Hauptstr. 5, 10115 Berlin', 80, 270], ['Ship To:', 600, 200], ['Fabrikam Warehouse', 600, 235]]);
		expect([logo.vendorName, logo.billTo]).toEqual([null, 'Contoso GmbH']);
		const labelled = read([['RECHNUNG', 800, 60], ['Kunde:', 80, 200], ['Bäckerei Schulz KG', 80, 235], ['Lieferant:', 600, 200], ['Schreinerei Holz & Co. KG', 600, 235], ['Werkstraße 3, 70173 Stuttgart', 600, 270]]);
		expect([labelled.vendorName, labelled.vendorAddress, labelled.billTo]).toEqual(['Schreinerei Holz & Co. KG', 'Werkstraße 3, 70173 Stuttgart', 'Bäckerei Schulz KG']);
		// The seller's name right of its label, the address under it.
		const right = read([['INVOICE', 800, 60], ['Supplier:', 80, 200], ['Granite Peak Tools Co.', 300, 200], ['12 Quarry Lane, Denver CO 80202', 80, 235], ['Bill To:', 700, 200], ['Contoso GmbH', 700, 235]]);
		expect([right.vendorName, right.vendorAddress, right.billTo]).toEqual(['Granite Peak Tools Co.', '12 Quarry Lane, Denver CO 80202', 'Contoso GmbH']);
		// "From" labelling a period heads no block.
		const period = read([['Granite Peak Tools Co.', 80, 60], ['From: 01/03/2024', 80, 200], ['To: 31/03/2024', 80, 235]]);
		expect(period.vendorName).toBe('Granite Peak Tools Co.');
	});

	it('takes the seller\'s tax id, not the one printed in the buyer\'s block', () => {
		const r = extractInvoice(page([['RECHNUNG', 800, 60], ['Rechnung an:', 80, 200], ['Bäckerei Schulz KG', 80, 235], ['USt-IdNr.: DE 136 695 976', 80, 270], ['Gesamtbetrag 120,00', 800, 900], ['Schreinerei Holz GmbH · Werkstraße 3 · USt-IdNr.: DE 811 569 869', 80, 1600]]), { dateOrder: 'dmy', language: null });
		expect([r.fields.vendorTaxId, r.fields.billTo]).toEqual(['DE811569869', 'Bäckerei Schulz KG']);
	});

	it('takes a large name over a shop address under it, not the address', () => {
		const shop = extractInvoice(page([['Retail Invoice/Bill', 400, 40], ['SHREE GANESH TRADERS', 300, 80], ['Shop 4, MG Road, Pune 411001', 300, 125], ['Total 120.00', 800, 900]]), { dateOrder: 'dmy', language: null }).fields;
		expect(shop.vendorName).toBe('SHREE GANESH TRADERS');
	});

	it('reads a label OCR misread by a letter ("BillI To:"), but no customer number nor a greeting', () => {
		expect(buyer([['BillI To: Meridian Health Partners', 80, 260]])).toBe('Meridian Health Partners');
		expect(buyer([['Customer No: 12345', 80, 260], ['Thank you, valued customer', 80, 600]])).toBeNull();
	});
});

describe('amounts', () => {
	it('reads the common number formats', () => {
		expect(parseAmount('1,234.56')).toBe(1234.56);
		expect(parseAmount('1.234,56')).toBe(1234.56);
		expect(parseAmount('1 234,56')).toBe(1234.56);
		// Indian grouping: by two above the thousands.
		expect(parseAmount('1,23,456.00')).toBe(123456);
		expect(findAmounts('Grand Total Rs. 12,34,567.89').map((a) => a.value)).toEqual([1234567.89]);
		expect(parseAmount('1,2,345')).toBeNull();
		expect(parseAmount("1'234.56")).toBe(1234.56);
		expect(parseAmount('1234')).toBe(1234);
		expect(parseAmount('1.234')).toBe(1234);
		expect(parseAmount('12,5')).toBe(12.5);
		expect(parseAmount('(12.50)')).toBe(-12.5);
		expect(parseAmount('-0,02')).toBe(-0.02);
		// A till prints the minus after the amount, and cents without their 0.
		expect(parseAmount('0.01-')).toBe(-0.01);
		expect(parseAmount('.02')).toBe(0.02);
		expect(findAmounts('ROUNDING ADJ 0.01- RM .02').map((a) => a.value)).toEqual([-0.01, 0.02]);
		// Neither a date's nor a range's dashes.
		expect(findAmounts('12.50-15.00').map((a) => a.value)).toEqual([12.5, -15]);
		expect(parseAmount('12.3.4')).toBeNull();
		expect(parseAmount('abc')).toBeNull();
	});

	it('finds amounts in text and currencies from symbols or codes', () => {
		expect(findAmounts('Total: 1.541,40 EUR (VAT 20%: 256,90)').map((a) => a.value)).toEqual([1541.4, 20, 256.9]);
		expect(detectCurrency('Total 12,00 €')).toBe('EUR');
		expect(detectCurrency('TOTAL RM 33.90')).toBe('MYR');
		expect(detectCurrency('Amount due: £1,250.00')).toBe('GBP');
		expect(detectCurrency('Total: $45.90')).toBe('USD');
		expect(detectCurrency('UNIHAKKA INTERNATIONAL SDN BHD\nTotal $ 8.70')).toBe('MYR');
		expect(detectCurrency('no money here')).toBeNull();
	});

	it('takes the currency from evidence, not counts: a label or ISO code beats signs, $ and kr by the country shown', () => {
		// Opening hours are not Swiss francs; the stated currency wins.
		expect(detectCurrency('Öffnungszeiten Mo.-Fr. 08.30 - 18.00 Uhr\nWährung: EUR\nGesamtbetrag 1.234,50')).toBe('EUR');
		expect(detectCurrency('Rechnungswährung: GBP\nPreis 12,00 € 14,00 € 16,00 € Summe 42,00')).toBe('GBP');
		expect(detectCurrency('Betrag Fr. 120.50 inkl. MWST')).toBe('CHF');
		// Prefixed dollars and the signs of Asian currencies; the yen sign on a page in Chinese is the yuan's.
		expect(['Total S$ 12.00', 'Total HK$ 12.00', 'Total NZ$ 9.00', 'Total CA$ 5.00', 'Total 1.500.000 Rp', 'Total ₱ 500.00', '合计 ¥ 1,250.00 元', 'Total ¥ 12,000'].map((t) => detectCurrency(t))).toEqual(['SGD', 'HKD', 'NZD', 'CAD', 'IDR', 'PHP', 'CNY', 'JPY']);
		// "US$" holds no Singapore dollar.
		expect(detectCurrency('Total US$ 12.00, deposit US$ 5.00, fee S$ 1.00')).toBe('USD');
		expect(detectCurrency('Total Rs. 4,500.00 incl. GST')).toBe('INR');
		expect(detectCurrency('Grand total ₹ 1,180')).toBe('INR');
		expect(detectCurrency('RFC: ABC010101XY1\nTotal $ 1,160.00')).toBe('MXN');
		expect(detectCurrency('Toronto, ON M5V 2T6\nHST 123456789RT0001\nTotal $113.00')).toBe('CAD');
		expect(detectCurrency('ABN 51 824 753 556\nTotal $110.00')).toBe('AUD');
		expect(detectCurrency('Att betala 1 250,00 kr')).toBe('SEK');
		expect(detectCurrency('I alt 1.250,00 kr', 'da')).toBe('DKK');
		expect(detectCurrency('Do zapłaty 1 230,00 zł')).toBe('PLN');
		expect(detectCurrency('Celkem k úhradě 1 210,00 Kč')).toBe('CZK');
		// Codes inside words are not codes ("EURO-PALETTE" is EUR by its word, "USDA" is not USD).
		expect(detectCurrency('USDA certified, 4 boxes')).toBeNull();
	});
});

describe('dates', () => {
	it('reads numeric dates in the document order, and month names in six languages', () => {
		expect(findDates('25/12/2018').map((d) => d.iso)).toEqual(['2018-12-25']);
		expect(findDates('12-01-19').map((d) => [d.iso, d.ambiguous])).toEqual([['2019-01-12', true]]);
		expect(findDates('03/04/2024', 'mdy').map((d) => d.iso)).toEqual(['2024-03-04']);
		expect(findDates('2024-03-12').map((d) => d.iso)).toEqual(['2024-03-12']);
		expect(findDates('14.02.2024').map((d) => d.iso)).toEqual(['2024-02-14']);
		// A dot of a dotted date read as a comma; not an amount with a dot for thousands.
		expect(findDates('9.1,2015 Währung: EUR').map((d) => d.iso)).toEqual(['2015-01-09']);
		expect(findDates('13,4.2018').map((d) => d.iso)).toEqual(['2018-04-13']);
		expect(findDates('1.234,56')).toEqual([]);
		expect(findDates('31.2,2020')).toEqual([]);
		expect(findDates('12 March 2024, due March 5, 2024').map((d) => d.iso)).toEqual(['2024-03-12', '2024-03-05']);
		expect(findDates('5 de marzo de 2024').map((d) => d.iso)).toEqual(['2024-03-05']);
		expect(findDates('14. Februar 2024').map((d) => d.iso)).toEqual(['2024-02-14']);
		expect(findDates('20 avril 2024').map((d) => d.iso)).toEqual(['2024-04-20']);
		expect(findDates('31/02/2024')).toEqual([]);
		// Ordinal days, as British and French invoices write them.
		expect(findDates('Invoice date: 3rd February 2026, due 21st March, 2026').map((d) => d.iso)).toEqual(['2026-02-03', '2026-03-21']);
		expect(findDates('Paris, le 1er avril 2024').map((d) => d.iso)).toEqual(['2024-04-01']);
	});

	it('reads an English page day first unless it is from the US: by its currency, a tax the US does not levy, a legal form or a UK postcode', () => {
		expect(englishDateOrder('Total $120.00', 'USD')).toBe('mdy');
		expect(englishDateOrder('Total Due: GBP 120.00', 'GBP')).toBe('dmy');
		expect(englishDateOrder('TOTAL RM 45.10', 'MYR')).toBe('dmy');
		expect(englishDateOrder('Grand Total Rs. 4,500', 'INR')).toBe('dmy');
		expect(englishDateOrder('VAT Reg No 123 4567 89\nTotal 120.00', null)).toBe('dmy');
		expect(englishDateOrder('14 Mill Lane, Leeds LS1 4AB', null)).toBe('dmy');
		expect(englishDateOrder('1200 Main St, Springfield, IL 62701\nTotal 120.00', null)).toBe('mdy');
		expect(englishDateOrder('Suite A4 2nd floor, Austin, TX 78701\nTotal $120.00', 'USD')).toBe('mdy');
		// A "$" on a Malaysian receipt: the seller's legal form says where it is from.
		expect(englishDateOrder('UNIHAKKA INTERNATIONAL SDN BHD\nTotal $ 8.70', 'USD')).toBe('dmy');
	});

	it('reads CJK dates (year 年 month 月 day 日), which are never day first', () => {
		expect(findDates('开票日期: 2024年3月15日').map((d) => d.iso)).toEqual(['2024-03-15']);
		expect(findDates('発行日 2023 年 12 月 1 日、支払期限 2024年1月31日').map((d) => d.iso)).toEqual(['2023-12-01', '2024-01-31']);
		expect(findDates('2024년 2월 9일').map((d) => d.iso)).toEqual(['2024-02-09']);
		expect(findDates('2024年2月30日')).toEqual([]);
	});

	it('reads day, month name and year apart by slashes or dashes ("15/APR/2017", "05- Jan-2017"), not a count before a month', () => {
		expect(findDates('Date: 15/APR/2017 14:02').map((d) => d.iso)).toEqual(['2017-04-15']);
		expect(findDates('05- Jan-2017 03: 17:50 PM').map((d) => d.iso)).toEqual(['2017-01-05']);
		expect(findDates('Qty 5 - Jan 2017')).toEqual([]);
	});

	it('infers day/month order from the dates that are unambiguous', () => {
		expect(inferOrder('Date 03/04/2024, due 25/04/2024', 'mdy')).toBe('dmy');
		expect(inferOrder('Date 03/04/2024, due 04/25/2024', 'dmy')).toBe('mdy');
		expect(inferOrder('Date 03/04/2024', 'mdy')).toBe('mdy');
		// Whether the document settled it: a date only one reading allows tells how the others are written.
		expect(orderOf('Date 03/04/2024, due 25/04/2024', 'mdy')).toEqual({ order: 'dmy', settled: true });
		expect(orderOf('Date 03/04/2024', 'dmy')).toEqual({ order: 'dmy', settled: false });
		// Dates written with dots are day first: not in doubt.
		expect(findDates('05.03.2024')).toEqual([{ raw: '05.03.2024', iso: '2024-03-05', ambiguous: false }]);
		expect(findDates('05/03/2024')[0]!.ambiguous).toBe(true);
	});
});

describe('totals on receipts', () => {
	const page = (texts: string[]) => [
		{
			page: 1,
			width: 500,
			height: 1000,
			source: 'ocr' as const,
			dpi: null,
			language: null,
			text: texts.join('\n'),
			lines: texts.map((text, i) => ({ text, confidence: 0.95, box: [10, 100 + i * 30, 400, 120 + i * 30] as [number, number, number, number], polygon: [[10, 0], [400, 0], [400, 20], [10, 20]] as [[number, number], [number, number], [number, number], [number, number]] })),
		},
	];

	it('pairs a label with the amount printed half a row off, each amount going to one label', () => {
		const [p] = page(['TOTAL', 'ROUNDING', 'CHANGE']);
		// The total's amount sits lower than its label, nearly level with CHANGE's label; CHANGE has its own amount level with it.
		p!.lines.push({ ...p!.lines[0]!, text: '78.10', box: [500, 118, 560, 138] }, { ...p!.lines[0]!, text: '0.00', box: [500, 130, 560, 150] }, { ...p!.lines[0]!, text: '0.00', box: [500, 160, 560, 180] });
		p!.lines[0]!.box = [10, 100, 100, 120];
		p!.lines[1]!.box = [10, 130, 100, 150];
		p!.lines[2]!.box = [10, 160, 100, 180];
		expect(extractInvoice([p!], { dateOrder: 'dmy', language: null }).fields.total).toBe(78.1);
	});

	it('reads the tax after its rate when both print the same figure ("Sales Tax 8.25% $8.25")', () => {
		expect(extractInvoice(page(['Net Amount $100.00', 'Sales Tax 8.25% $8.25', 'Total Due $108.25']), { dateOrder: 'mdy', language: 'en' }).fields).toMatchObject({ subtotal: 100, tax: 8.25, total: 108.25 });
	});

	it('reads a line that adds the tax ("zzgl. 19 % MwSt.") as the tax, a total said to exclude it not', () => {
		expect(extractInvoice(page(['Zwischensumme 100,00', 'zzgl. 19% MwSt. 19,00', 'Rechnungsbetrag 119,00']), { dateOrder: 'dmy', language: 'de' }).fields).toMatchObject({ subtotal: 100, tax: 19, total: 119 });
		expect(extractInvoice(page(['Total excl. VAT 100.00', 'VAT 20% 20.00', 'Total incl. VAT 120.00']), { dateOrder: 'dmy', language: 'en' }).fields).toMatchObject({ subtotal: 100, tax: 20, total: 120 });
	});

	it('reads an Indian GST invoice: the taxable value, CGST and SGST added up, the grand total', () => {
		const r = extractInvoice(page(['Taxable Value 10,000.00', 'CGST @9% 900.00', 'SGST @9% 900.00', 'Grand Total Rs. 11,800.00']), { dateOrder: 'dmy', language: 'en' });
		expect(r.fields).toMatchObject({ subtotal: 10000, tax: 1800, total: 11800, currency: 'INR' });
		expect(r.validation.subtotalPlusTax).toBe('pass');
	});

	it('adds up the tax of several rates, each on its own line, when subtotal + their sum is the total', () => {
		const r = extractInvoice(page(['Summe Positionen 473,00', 'Umsatzsteuer 7% auf 275,00 19,25', 'Umsatzsteuer 19% auf 198,00 37,62', 'Gesamtbetrag EUR 529,87']), { dateOrder: 'dmy', language: 'de' });
		expect(r.fields).toMatchObject({ subtotal: 473, tax: 56.87, total: 529.87 });
		expect(r.validation.subtotalPlusTax).toBe('pass');
		const fr = extractInvoice(page(['Total HT 150,00', 'TVA 5,5 % 2,75', 'TVA 20 % 20,00', 'Total TVA 22,75', 'Total TTC 172,75']), { dateOrder: 'dmy', language: 'fr' });
		expect(fr.fields).toMatchObject({ subtotal: 150, tax: 22.75, total: 172.75 });
	});

	it('takes a total whose "inclusive" OCR misspelt ("Total Sales Inciucive GST"), not a GST line', () => {
		const r = extractInvoice(page(['Total Sales Inciucive GST : 18.00', 'GST 6% 1.02', 'CASH 20.00', 'CHANGE 2.00']), { dateOrder: 'dmy', language: null });
		expect(r.fields.total).toBe(18);
		// A word only starting like one is not one.
		expect(extractInvoice(page(['Total GST incoming 1.02']), { dateOrder: 'dmy', language: null }).fields.total).toBeNull();
	});

	it('reads the tax from a tax table\'s column, not from the row beside the table\'s heading', () => {
		const [p] = page(['TOTAL 250.00', 'CASH 250.00']);
		const cell = (text: string, box: [number, number, number, number]) => ({ ...p!.lines[0]!, text, box });
		// "GST Summary" heads the table; the row under it holds the base (under "Amount(RM)") and the tax (under "Tax(RM)").
		p!.lines.push(
			cell('GST Summary', [10, 300, 120, 320]),
			cell('Amount(RM)', [220, 300, 320, 320]),
			cell('Tax(RM)', [340, 300, 420, 320]),
			// Printed close under the headings, as a till's tight line spacing sets it.
			cell('S = 6%', [10, 314, 90, 334]),
			cell('235.85', [250, 315, 320, 335]),
			cell('14.15', [350, 315, 420, 335]),
		);
		expect(extractInvoice([p!], { dateOrder: 'dmy', language: null }).fields).toMatchObject({ total: 250, tax: 14.15 });
	});

	it('is sure of a receipt\'s total, date and name only when other printed figures confirm them', () => {
		const opts = { dateOrder: 'dmy' as const, language: null };
		const sure = (lines: string[]) => {
			const r = extractInvoice(page(lines), opts);
			return { total: r.fields.total, tax: r.fields.tax, totalSure: r.details.total!.confidence >= 0.8, taxSure: (r.details.tax?.confidence ?? 0) >= 0.8, dateSure: (r.details.invoiceDate?.confidence ?? 0) >= 0.8 };
		};
		// No subtotal to add up: the total alone is a label's word.
		expect(sure(['TOTAL 12.30', 'Thank you'])).toMatchObject({ total: 12.3, totalSure: false });
		// Cash less change is the total.
		expect(sure(['TOTAL 12.30', 'CASH 20.00', 'CHANGE 7.70'])).toMatchObject({ total: 12.3, totalSure: true });
		expect(sure(['TOTAL 12.30', 'CASH 20.00', 'CHANGE 7.60'])).toMatchObject({ total: 12.3, totalSure: false });
		// The tax is its printed rate's share of the total that includes it (6 % of 106.00 is 6.00).
		expect(sure(['TOTAL INCL. GST 106.00', 'GST 6% 6.00'])).toMatchObject({ total: 106, tax: 6, totalSure: true, taxSure: true });
		expect(sure(['TOTAL INCL. GST 106.00', 'GST 6% 5.00'])).toMatchObject({ total: 106, tax: 5, totalSure: false, taxSure: false });
		// A name without a company word is sure as a letterhead: the first printed line, an address with a postcode under it.
		const items = Array.from({ length: 14 }, (_, i) => `ITEM ${i + 1} 1 x 2.50 2.50`);
		const vendorSure = (lines: string[]) => (extractInvoice(page([...lines, ...items, 'TOTAL 35.00']), opts).details.vendorName?.confidence ?? 0) >= 0.8;
		expect(vendorSure(['GOLDEN KEY MAKER', 'K3-113, JL IBRAHIM SULTAN', '80300 JOHOR BAHRU JOHOR'])).toBe(true);
		expect(vendorSure(['GOLDEN KEY MAKER', 'Thank you for your visit'])).toBe(false);
		// An unlabelled date is sure when it is the only date printed, not when it is one of several.
		expect(sure(['15/04/2017 10:42', 'TOTAL 12.30'])).toMatchObject({ dateSure: true });
		expect(sure(['15/04/2017 10:42', 'Valid until 15/05/2017', 'TOTAL 12.30'])).toMatchObject({ dateSure: false });
	});

	it('takes the rounded total printed on the rounding row ("Rounding 42.35" under "Total incl. GST 42.33")', () => {
		const r = extractInvoice(page(['Total Sales (Inclusive GST) 42.33', 'Rounding Adjustment', 'Rounding RM 42.35', 'CASH 50.00', 'CHANGE 7.65']), { dateOrder: 'dmy', language: null });
		expect([r.fields.total, r.details.total?.raw]).toEqual([42.35, 'RM 42.35']);
	});

	it('takes the rounded total over the one before rounding, and repairs "14-10"', () => {
		expect(repairAmountText('TOTAL RM 14-10, UNIT 2. 83')).toBe('TOTAL RM 14.10, UNIT 2.83');
		const rounded = extractInvoice(page(['TOTAL RM 33.92', 'ROUNDING ADJUSTMENT -RM 0.02', 'TOTAL ROUNDED RM 33.90', 'CASH RM 50.00', 'CHANGE RM 16.10']), { dateOrder: 'dmy', language: null });
		// The amount as printed, with the currency written against it in its box.
		expect([rounded.fields.total, rounded.details.total?.raw]).toEqual([33.9, 'RM 33.90']);
		const dashed = extractInvoice(page(['GST 6% RM 0.80', 'TOTAL RM 14-10', 'CASH RM 20.00']), { dateOrder: 'dmy', language: null });
		expect(dashed.fields.total).toBe(14.1);
	});

	it('joins a space read before the decimal mark and an I read for a 1 after the currency, in amounts only', () => {
		expect(repairAmountText('TOTAL 12 .30')).toBe('TOTAL 12.30');
		expect(repairAmountText('Grand Total RM8 .35')).toBe('Grand Total RM8.35');
		expect(repairAmountText('AMT PAID IncL GST:RMI11.90')).toBe('AMT PAID IncL GST:RM111.90');
		// A count before a price, and a word after a code, stay as they are.
		expect(repairAmountText('2 x 3.50')).toBe('2 x 3.50');
		expect(repairAmountText('RM Item 4.00')).toBe('RM Item 4.00');
	});

	it('reads a one-word label OCR misspelt by a letter ("Totsl"), but no word inside running text', () => {
		expect(extractInvoice(page(['Subtotal 11.70', 'GST 0.67', 'Totsl 12.37', 'CASH 50.00']), { dateOrder: 'dmy', language: null }).fields.total).toBe(12.37);
		expect(extractInvoice(page(['Thank you, tofal refunds within 7 days 12.37']), { dateOrder: 'dmy', language: null }).fields.total).toBeNull();
	});

	it('takes the issue date, not a delivery, order, period or expiry date that a plain "Date" label or a receipt also shows', () => {
		const date = (texts: string[]) => extractInvoice(page(texts), { dateOrder: 'dmy', language: null }).fields.invoiceDate;
		expect(date(['Order date: 28/01/2024', 'Date: 01/02/2024'])).toBe('2024-02-01');
		expect(date(['Date of delivery: 03/02/2024', 'Date: 01/02/2024'])).toBe('2024-02-01');
		expect(date(['Date de livraison : 03/02/2024', 'Date : 01/02/2024'])).toBe('2024-02-01');
		// A receipt's unlabelled date, after a voucher's validity.
		expect(date(['Voucher valid until 31/12/2024', '15/03/2024 10:32'])).toBe('2024-03-15');
		// An order number before the date label does not make it an order date.
		expect(date(['Order No: 123 Date: 01/02/2024'])).toBe('2024-02-01');
	});

	it('takes an amount said to include the tax as the total, and never as the tax', () => {
		const r = extractInvoice(page(['Amt paid excl GST: RM 105.57', 'GST AMT: RM 6.33', 'AMT PAID incl GST: RM 111.90', 'GST Summary Amount Tax', 'TOTAL 105.57 6.33']), { dateOrder: 'dmy', language: null });
		expect([r.fields.total, r.fields.tax]).toEqual([111.9, 6.33]);
	});

	it('reads "incl" with its l read as I or 1 ("IncI. GST"): the total that adds up, not the tax', () => {
		const r = extractInvoice(page(['AMT PAID IncI. GST : RM78.30', 'Amt Pald excl. GST :RM 73.87', 'GST AMT: RM4.43', 'Total ev :2.10']), { dateOrder: 'dmy', language: null });
		expect([r.fields.total, r.fields.tax]).toEqual([78.3, 4.43]);
	});

	it('does not take a labelled total that cannot be one when the arithmetic says otherwise; keeps it when nothing does', () => {
		const opts = { dateOrder: 'dmy' as const, language: null };
		// Less than the tax (a total read apart as "4" "50"), while the card paid 41.50.
		const apart = extractInvoice(page(['TOTAL : 4.50', 'Closed: 21-04-2018', 'Server: Khong', 'VISA 41.50', 'Thank you', 'GST Summary', 'GST: 39.16']), opts);
		expect(apart.fields.total).toBe(41.5);
		// Negative under a positive subtotal and tax: subtotal + tax is printed below.
		const negative = extractInvoice(page(['SUB-TOTAL 74.06', 'GST 4.04', 'TOTAL -10', '78.10', 'CHANGE 0.00']), opts);
		expect(negative.fields.total).toBe(78.1);
		// A discount after the subtotal makes the total less than it: that total stands.
		const discount = extractInvoice(page(['SUBTOTAL 79.60', 'DISCOUNT -30.00', 'GST 6% 3.27', 'TOTAL: RM 57.80']), opts);
		expect(discount.fields.total).toBe(57.8);
		// A refund is negative throughout.
		const refund = extractInvoice(page(['GST: -0.84', 'TOTAL:', '-1.73']), opts);
		expect(refund.fields.total).toBe(-1.73);
		// No arithmetic to offer: the doubtful total is kept, with a low confidence.
		const alone = extractInvoice(page(['GST 6%: 9.00', 'TOTAL 4.50']), opts);
		expect(alone.fields.total).toBe(4.5);
		expect(alone.details.total!.confidence).toBeLessThan(0.5);
	});

	it('takes no registration number or document number for an amount', () => {
		for (const id of ['GST No: 000944312320', 'GST Inv No: 01-148409']) {
			const r = extractInvoice(page([id, 'Cashier: Mei', 'Thank you, come again', 'TOTAL 12.00']), { dateOrder: 'dmy', language: null });
			expect([r.fields.total, r.fields.tax], id).toEqual([12, null]);
		}
	});

	it('reads a value split over boxes of its row, keeps the printed total over a cash rounding after it, and takes a receipt\'s net total last', () => {
		const base = page(['TOTAL AMT.', 'ROUNDING ADJ. -0.01', 'CASH RM 70.30'])[0]!;
		// "RM" and "60.31" as boxes of their own to the right of the label, as OCR often cuts them.
		base.lines.push({ ...base.lines[0]!, text: 'RM', box: [420, 100, 450, 120] }, { ...base.lines[0]!, text: '60.31', box: [460, 100, 495, 120] });
		const r = extractInvoice([base], { dateOrder: 'dmy', language: null });
		// The adjustment is how the cash was rounded; the receipt's total is the one it prints.
		expect([r.fields.total, r.details.total?.raw]).toEqual([60.31, '60.31']);
		const paid = extractInvoice(page(['TOTAL (GST INCL) 38.37', 'CASH 40.35', 'ROUNDING ADJUSTMENTS 0.02-', 'CHANGE DUE 2.00']), { dateOrder: 'dmy', language: null });
		expect(paid.fields.total).toBe(38.37);
		const net = extractInvoice(page(['SUB TOTAL 295.00', 'SERVICE 10% 29.50', 'GST 6% 19.47', 'NET TOTAL 343.95']), { dateOrder: 'dmy', language: null });
		expect(net.fields.total).toBe(343.95);
		const invoice = extractInvoice(page(['Net total 100.00', 'VAT 20% 20.00', 'Total 120.00']), { dateOrder: 'dmy', language: null });
		expect(invoice.fields).toMatchObject({ subtotal: 100, total: 120 });
	});

	it('finds a receipt\'s vendor and address under registration lines, wherever the receipt sits in the photo', () => {
		const opts = { dateOrder: 'dmy' as const, language: null };
		// Printed from y = 400 of a 1000-pixel photo, down to its foot.
		const photo = (texts: string[]) => {
			const [p] = page(texts);
			p!.lines.forEach((l, i) => (l.box = [10, 400 + i * 25, 400, 418 + i * 25]));
			return [p!];
		};
		const items = Array.from({ length: 14 }, (_, i) => `ITEM ${i + 1} 1 x 2.50 2.50`);
		const syl = extractInvoice(photo(['SYL ROASTED DELIGHTS SDN. BHD.', '1227039', 'Reg No: 1203194-W', '75. JALAN SS 22/19, DAMANSARA JAYA,', '47400 PJ.', '03-7731 8169', 'TAX INVOICE', ...items, 'TOTAL 35.00']), opts);
		expect([syl.fields.vendorName, syl.fields.vendorAddress]).toEqual(['SYL ROASTED DELIGHTS SDN. BHD.', '75. JALAN SS 22/19, DAMANSARA JAYA, 47400 PJ.']);
		// A company named under the document's title is the customer, not the vendor.
		const zheng = extractInvoice(page(['PERNIAGAAN ZHENG HUI', 'JMO325956-V', 'NO.59 JALAN PERMAS 9/5', '81760 JOHOR BAHRU', 'TEL : 07-386 7524', 'SIMPLIFIED TAX INVOICE', 'GOGIANT ENGINEERING (M) SDN BHD', 'Receipt#: CS00082662', ...items, 'TOTAL 112.45']), opts);
		expect([zheng.fields.vendorName, zheng.fields.vendorAddress]).toEqual(['PERNIAGAAN ZHENG HUI', 'NO.59 JALAN PERMAS 9/5 81760 JOHOR BAHRU']);
		// "Telephone" ends the address as "Tel" does.
		const site = extractInvoice(page(['99 SPEED MART S/B', 'LOT 2685 JLN GENTING KLANG', '53300 KL', 'Telephone 03- 40212008', ...items, 'TOTAL 9.90']), opts);
		expect(site.fields.vendorAddress).toBe('LOT 2685 JLN GENTING KLANG 53300 KL');
	});

	it('leaves a company\'s legal and former names, a greeting and contact lines out of its address', () => {
		const opts = { dateOrder: 'dmy' as const, language: null };
		const items = Array.from({ length: 14 }, (_, i) => `ITEM ${i + 1} 1 x 2.50 2.50`);
		// A former name and a licence between the name and the address; a GST line ends it.
		const mcd = extractInvoice(page(['Gerbang Alaf Restaurants Sdn Bhd', '(65351-M)', 'formerly known as', 'Golden Arches Restaurants Sdn Bhd', "Licensee of McDonald's", 'Level 6, Bangunan TH, Damansara Uptown3', 'No.3, Jalan SS21/39,47400 Petaling Jaya', 'Selangor', '(GST ID No: 000504664064)', "McDonald's Taman Melawati(#328)", ...items, 'TOTAL 26.60']), opts);
		expect([mcd.fields.vendorName, mcd.fields.vendorAddress]).toEqual(['Gerbang Alaf Restaurants Sdn Bhd', 'Level 6, Bangunan TH, Damansara Uptown3 No.3, Jalan SS21/39,47400 Petaling Jaya Selangor']);
		// The registered name under a trading name; "Guest Check" ends the address.
		// The trading name printed large above it is not the vendor either.
		const [sticky] = page(['House of Sticky Bones', 'Timeless Kitchenette Sdn Bhd', 'Company no : 1174703-K', 'GST Reg no : 0000 6771 0976', 'Lot 50, Floor T2,Sky Avenue', 'Pahang, 69000 Pahang Malaysia', 'Guest Check', ...items, 'TOTAL 593.10']);
		sticky!.lines[0]!.box = [10, 60, 400, 92];
		const kitchen = extractInvoice([sticky!], opts);
		expect([kitchen.fields.vendorName, kitchen.fields.vendorAddress]).toEqual(['Timeless Kitchenette Sdn Bhd', 'Lot 50, Floor T2,Sky Avenue Pahang, 69000 Pahang Malaysia']);
		// "S/B" names a company; a GST number above the address is skipped like a registration number.
		const castle = extractInvoice(page(['BREWERY', 'Owner by Castle Blue S/B', '(1035693-T)', 'GST No : 002108047360', 'Avtivo Plaza,Lot B-F-11, Block B', 'Bandar Sri D\'sara, 52000 KL', 'TEL: +603-62629219', ...items, 'TOTAL 189.75']), opts);
		expect([castle.fields.vendorName, castle.fields.vendorAddress]).toEqual(['Owner by Castle Blue S/B', "Avtivo Plaza,Lot B-F-11, Block B Bandar Sri D'sara, 52000 KL"]);
		// A greeting above the name is not the name; a label read with a letter lost before a phone number ends the address.
		const mynews = extractInvoice(page(['TQ FOR SHOPPING WITH myNEWS.com', 'PAGOH REST AND SERVICE AREA', 'LOT R1, KWS REHAT & RAWAT PAGOH', '84600,PAGOH,JOHOR', 'myNEWScarelne: 1800 88 1231', ...items, 'TOTAL 10.00']), opts);
		expect([mynews.fields.vendorName, mynews.fields.vendorAddress]).toEqual(['PAGOH REST AND SERVICE AREA', 'LOT R1, KWS REHAT & RAWAT PAGOH 84600,PAGOH,JOHOR']);
		// A mobile number and opening hours end it.
		const hp = extractInvoice(page(['GOLDEN KEY MAKER', 'K3-113, JL IBRAHIM SULTAN', '80300 JOHOR BAHRU JOHOR', 'H/P: 019-7521215', ...items, 'TOTAL 8.00']), opts);
		expect(hp.fields.vendorAddress).toBe('K3-113, JL IBRAHIM SULTAN 80300 JOHOR BAHRU JOHOR');
		// Labels read with a capital I as a small l, or with a number sign's ° before them, are labels.
		const taxIds = extractInvoice(page(['Schneider Bürotechnik GmbH', 'Königstraße 21, 70173 Stuttgart', 'USt-ldNr.: DE211442456', ...items, 'TOTAL 8.00']), opts);
		expect([taxIds.fields.vendorTaxId, taxIds.fields.vendorAddress]).toEqual(['DE211442456', 'Königstraße 21, 70173 Stuttgart']);
		const tva = extractInvoice(page(['Atelier Dubois SARL', '12 rue de la Paix', '75002 Paris', 'N° TVA FR201857500', ...items, 'TOTAL 8,00']), opts);
		expect([tva.fields.vendorTaxId, tva.fields.vendorAddress]).toEqual(['FR201857500', '12 rue de la Paix 75002 Paris']);
		// A due-date label whose last short word the recogniser lost ("À payer avant le" read "avant e").
		const due = extractInvoice(page(['Atelier Dubois SARL', 'Facture n° FA-2024-0042', "Date d'émission 31/07/2024", 'À payer avant e 30/08/2024', ...items, 'TOTAL 8,00']), { ...opts, language: 'fr' });
		expect([due.fields.invoiceDate, due.fields.dueDate]).toEqual(['2024-07-31', '2024-08-30']);
		const aeon = extractInvoice(page(['AEON CO. (M) BHD', '3RD FLR, AEON TAMAN MALURI SC', '55100 KUALA LUMPUR', 'SHOPPING HOURS SUN-THU:1000 HRS - 2230 HRS', ...items, 'TOTAL 8.00']), opts);
		expect(aeon.fields.vendorAddress).toBe('3RD FLR, AEON TAMAN MALURI SC 55100 KUALA LUMPUR');
		// A name with no company word over the shop's own (a name stamped on a scanned receipt): the shop is the vendor.
		const [stamped] = page(['TAN CHAY YEE', 'ABC HO TRADING', 'NO.2&4,JALAN HARMONI 3/2,', '81100 JOHOR BAHRU JOHOR', '07-355 2616', ...items, 'TOTAL 31.00']);
		stamped!.lines[0]!.box = [10, 0, 400, 36];
		const abc = extractInvoice([stamped!], opts);
		expect([abc.fields.vendorName, abc.fields.vendorAddress]).toEqual(['ABC HO TRADING', 'NO.2&4,JALAN HARMONI 3/2, 81100 JOHOR BAHRU JOHOR']);
		// Not over a second name without one, nor under a name that has one.
		expect(extractInvoice(page(['GOLDEN KEY MAKER', 'KEY CUTTING SPECIALIST', 'K3-113, JL IBRAHIM SULTAN', ...items, 'TOTAL 8.00']), opts).fields.vendorName).toBe('GOLDEN KEY MAKER');
		expect(extractInvoice(page(['SOON HUAT ENTERPRISE', 'ABC HO TRADING', 'NO.53 JALAN PUTRA 1,', ...items, 'TOTAL 8.00']), opts).fields.vendorName).toBe('SOON HUAT ENTERPRISE');
	});

	it('reads the legal form back where OCR missed a letter or read a look-alike digit, and leaves out what follows it', () => {
		expect(repairLegalForm('AMANO MALAYSIA SON BHD')).toBe('AMANO MALAYSIA SDN BHD');
		expect(repairLegalForm('99 SPEED MART 5/B')).toBe('99 SPEED MART S/B');
		expect(repairLegalForm('99 SPEED MART S7B')).toBe('99 SPEED MART S/B');
		// A 7 is a slash only inside S/B: a name ending in a number keeps it.
		expect(repairLegalForm('ROUTE 7')).toBe('ROUTE 7');
		expect(repairLegalForm('SUPER SEVEN CASH & CARRY SEN 3HD')).toBe('SUPER SEVEN CASH & CARRY SDN BHD');
		expect(repairLegalForm('Broadview Marketing 5dn Bhd')).toBe('Broadview Marketing Sdn Bhd');
		expect(repairLegalForm('BEMED (SP) SDN. BHZ.')).toBe('BEMED (SP) SDN. BHD.');
		// One letter from a legal form is not enough on its own, and neither is a word alone.
		expect(repairLegalForm('RED SEA')).toBe('RED SEA');
		expect(repairLegalForm('SON')).toBe('SON');
		expect(repairLegalForm('JOHN SON LTD')).toBe('JOHN SON LTD');
		expect(cleanName("KING'S CONFECTIONERY S/B 273500-U (KJ1)")).toBe("KING'S CONFECTIONERY S/B");
		expect(cleanName('GARDENIA BAKERIES (KL) SDN BHD (1393S6 X)')).toBe('GARDENIA BAKERIES (KL) SDN BHD');
		expect(cleanName('MR. D.I.Y. (M) SDN BHD (CO. REG : 860671-D)')).toBe('MR. D.I.Y. (M) SDN BHD');
		expect(cleanName('OWN BY: CHEF LEE SDN BHD')).toBe('CHEF LEE SDN BHD');
		expect(cleanName('RESTORAN SIAM VILLAGE.')).toBe('RESTORAN SIAM VILLAGE');
		expect(cleanName('Granite Peak Tools Co.')).toBe('Granite Peak Tools Co.');
		expect(cleanName('Ltd Partners 2 GmbH')).toBe('Ltd Partners 2 GmbH');
		// Typography OCR runs together or pulls apart: a bracket after a word, a possessive.
		expect(cleanName('GARDENIA BAKERIES(KL) SDN BHD')).toBe('GARDENIA BAKERIES (KL) SDN BHD');
		expect(cleanName("DOMINO 'S PIZZA")).toBe("DOMINO'S PIZZA");
		expect(cleanName("THE PLAYER 'SPORTS' CLUB")).toBe("THE PLAYER 'SPORTS' CLUB");
		expect([nameStartsAbove('STATIONERY SDN.BHD'), nameStartsAbove('& TEA LEAF (M) SDN. BHD.'), nameStartsAbove('SDN. BHD.'), nameStartsAbove('GH DISTRIBUTOR & MARKETING SDN BHD'), nameStartsAbove('ELKEN')]).toEqual([true, true, true, false, false]);
	});

	it('joins a registered name printed over two lines, and a name detection cut at a wide space', () => {
		const opts = { dateOrder: 'dmy' as const, language: null };
		const items = Array.from({ length: 14 }, (_, i) => `ITEM ${i + 1} 1 x 2.50 2.50`);
		const broken = extractInvoice(page(['WESTERN EASTERN', 'STATIONERY SDN. BHD.', '(12345-X)', 'NO 5 JALAN TIGA', ...items, 'TOTAL 9.00']), opts);
		expect(broken.fields.vendorName).toBe('WESTERN EASTERN STATIONERY SDN. BHD.');
		const [cut] = page(['SUBANG HEALTHCARE SDN', 'NO 5 JALAN TIGA', ...items, 'TOTAL 9.00']);
		cut!.lines[0]!.box = [10, 100, 300, 120];
		cut!.lines.push({ ...cut!.lines[0]!, text: 'BHD', box: [310, 100, 360, 120] });
		expect(extractInvoice([cut!], opts).fields.vendorName).toBe('SUBANG HEALTHCARE SDN BHD');
	});

	it('cleans a printed company name', () => {
		expect(cleanName('S.H.H. MOTOR ( SUNGAI RENGIT ) SDN. BHD.')).toBe('S.H.H. MOTOR (SUNGAI RENGIT) SDN. BHD.');
		expect(cleanName('AEON C0. (M) BHD (126926-H)')).toBe('AEON CO. (M) BHD');
		expect(cleanName('BOOK TA .K (TAMAN DAYA)SDN BHD')).toBe('BOOK TA .K (TAMAN DAYA) SDN BHD');
		expect(cleanName('AEON C0.(M) BHD')).toBe('AEON CO. (M) BHD');
		expect(cleanName('UNIHAKKA INTERNATIONAL· SDN BHD')).toBe('UNIHAKKA INTERNATIONAL SDN BHD');
		// A closing bracket lost before the legal form; a zero ending a word of capitals.
		expect(cleanName('KOSMO (M SDN BHD')).toBe('KOSMO (M) SDN BHD');
		expect(cleanName('TAI-0 JAYA BHD (169199-V)')).toBe('TAI-O JAYA BHD');
		// A code's zero has digits about it.
		expect(cleanName('KEDAI B2 E0118 TRADING')).toBe('KEDAI B2 E0118 TRADING');
	});

	it('takes the registered name under a logo, however OCR read its legal form and whatever follows it', () => {
		const opts = { dateOrder: 'dmy' as const, language: null };
		const items = Array.from({ length: 14 }, (_, i) => `ITEM ${i + 1} 1 x 2.50 2.50`);
		const underLogo = (texts: string[]) => {
			const [p] = page(texts);
			// The logo's two words printed large at the top.
			p!.lines[0]!.box = [60, 10, 300, 60];
			p!.lines[1]!.box = [60, 55, 300, 105];
			return [p!];
		};
		// The registration number after the legal form, or the legal form read with look-alike digits, hid the registered name.
		const numbered = extractInvoice(underLogo(['NORTH', 'WIND', 'NORTHWIND LOGISTICS SDN BHD (310184-X)', 'No 2-1 Jalan 3/137B', '58000 Kuala Lumpur', 'Tel: 603-79859377', ...items, 'TOTAL 8.00']), opts);
		expect([numbered.fields.vendorName, numbered.fields.vendorAddress]).toEqual(['NORTHWIND LOGISTICS SDN BHD', 'No 2-1 Jalan 3/137B 58000 Kuala Lumpur']);
		const misread = extractInvoice(underLogo(['QUICK', 'STOP', '88 QUICK STOP 5/B (519537-X)', 'LOT 2811, JALAN ANGSA,', '41150 KLANG', ...items, 'TOTAL 8.00']), opts);
		expect(misread.fields.vendorName).toBe('88 QUICK STOP S/B');
		// "Company No:" under a name is its registration, not a company named "Company".
		const kiosk = extractInvoice(page(['HARBOUR FUEL KIOSK.', 'Company No: JN0632980-V', 'Lot PTD 198718', '81750 Masai Johor', 'Telephone: 073000190', ...items, 'TOTAL 8.00']), opts);
		expect(kiosk.fields.vendorName).toBe('HARBOUR FUEL KIOSK');
	});

	it('joins a name detection split at a narrow space, but not a box that read the same letters twice', () => {
		const opts = { dateOrder: 'dmy' as const, language: null };
		const items = Array.from({ length: 14 }, (_, i) => `ITEM ${i + 1} 1 x 2.50 2.50`);
		const [split] = page(['PERNIAGAAN MAJU', 'JAYA', 'NO7, JLN SERI, SHAH ALAM.', ...items, 'TOTAL 8.00']);
		// Dilated boxes a narrow space apart overlap by a little.
		split!.lines[0]!.box = [55, 100, 543, 140];
		split!.lines[1]!.box = [531, 101, 657, 139];
		expect(extractInvoice([split!], opts).fields.vendorName).toBe('PERNIAGAAN MAJU JAYA');
		const [twice] = page(['C', 'C & SONS RESTAURANT', 'NO.12, JALAN SS4C/5', ...items, 'TOTAL 8.00']);
		// A small box over the first letter of the line's own box.
		twice!.lines[0]!.box = [109, 101, 140, 124];
		twice!.lines[1]!.box = [126, 100, 646, 134];
		expect(extractInvoice([twice!], opts).fields.vendorName).toBe('C & SONS RESTAURANT');
	});

	it('prefers the sum that adds up, and ignores a tax-summary row', () => {
		const r = extractInvoice(page(['Subtotal 100.00', 'VAT 20% 20.00', 'Total 120.00', 'Tax summary', 'Total: 100.00 20.00']), { dateOrder: 'dmy', language: null });
		expect(r.fields).toMatchObject({ subtotal: 100, tax: 20, total: 120 });
		expect(r.validation.subtotalPlusTax).toBe('pass');
	});

	it('checks the total against the payment block and against subtotal + tax when its label is missing or misread', () => {
		const opts = { dateOrder: 'dmy' as const, language: null };
		// "TAtal Sales" is no label; the tax summary's "Total: … 0.00" is not the amount due; cash less change is.
		const misread = extractInvoice(page(['Total Sales (Excluding GST) : 31.03', 'TAtal Sales (lnclusive of GST) : 32.70', 'CASH : 40.00', 'Change : 7.30', 'GST SUMMARY', 'Total: 31.03 0.00']), opts);
		expect([misread.fields.total, misread.details.total?.raw]).toEqual([32.7, '32.70']);
		// "TL:RM" is no label either; "CASH CHANGE" is the change.
		const abbreviated = extractInvoice(page(['SUBTOTAL: 28.60', 'TL:RM 28.60', '6% GST 0.07', 'CASH 100.00', 'CASH CHANGE 71.40']), opts);
		expect(abbreviated.fields.total).toBe(28.6);
		// "TOTAL INCLUDES 6% GST" is the tax inside the total, not the total.
		const includes = extractInvoice(page(['TakeOut Total (incl GST) 26.60', 'Total Rounded 26.60', 'Cash Tendered 100.00', 'Change 73.40', 'TOTAL INCLUDES 6% GST 1.51']), opts);
		expect(includes.fields.total).toBe(26.6);
		// No total label at all: the amount paid, with no change given.
		const cashOnly = extractInvoice(page(['DPJ.05 RM 149.00', 'DPT.04 RM 21.00', 'CASH RM 170.00']), opts);
		expect([cashOnly.fields.total, cashOnly.details.total?.confidence]).toEqual([170, 0.475]);
		// "TOT*1": the printed amount that is subtotal + tax ("73. 00" with OCR's space) is the total.
		const unreadable = extractInvoice(page(['Sub Total RM 68.87', 'GST/TAX 6% RM 4.13', 'TOT*1 RM 73. 00', 'CHANGE RM 0.00']), opts);
		expect([unreadable.fields.total, unreadable.details.total?.raw, unreadable.validation.subtotalPlusTax]).toEqual([73, '73.00', 'pass']);
		// A lost decimal point in a value box of its own ("10 00"); the cash line's 20.00 is not the total.
		const grand = page(['SUB TOTAL 10.00', 'GRAND TOTAL', 'CASH 20.00 MYR', 'CHANGE DUE 10.00'])[0]!;
		grand.lines.push({ ...grand.lines[1]!, text: '10 00', box: [420, 130, 460, 150] });
		expect(extractInvoice([grand], opts).fields.total).toBe(10);
		// A curled receipt: the cash amount sits half a row below its label, still to its right.
		const curled = page(['DPJ.05 RM 149.00', 'DPT.04 RM 21.00', 'CASH'])[0]!;
		curled.lines.push({ ...curled.lines[2]!, text: '170.00', box: [420, 172, 470, 192] });
		expect(extractInvoice([curled], opts).fields.total).toBe(170);
		// A labelled total that cash less change confirms is kept.
		const paid = extractInvoice(page(['TOTAL 45.50', 'CASH 50.00', 'CHANGE 4.50']), opts);
		expect([paid.fields.total, paid.details.total?.raw]).toEqual([45.5, '45.50']);
	});
});

describe('line items', () => {
	const table = (header: string[], rows: string[][]): Table => ({
		page: 1,
		box: [0, 0, 1, 1],
		method: 'stream',
		headerRows: 1,
		header,
		rows,
		cells: [header, ...rows].flatMap((r, row) => r.map((text, col) => ({ row, col, rowSpan: 1, colSpan: 1, text, box: [0, 0, 1, 1] as [number, number, number, number], confidence: 0.97 }))),
	});

	it('finds the items table by its header words, reads numbers in the document\'s format, leaves totals rows out', () => {
		const t = table(['Pos.', 'Artikel', 'Bezeichnung', 'Menge', 'Einzelpreis', 'Gesamt'], [
			['1', 'A-100', 'Schrauben M8', '200 Stk', '0,35 €', '70,00 €'],
			['2', 'B-200', 'Hydraulikschlauch', '2', '1.048,90', '2.097,80'],
			['', '', 'mit Anschlüssen', '', '', ''],
			['', '', 'Zwischensumme', '', '', '2.167,80'],
		]);
		const items = lineItemsFrom([table(['Name', 'City'], [['Ann', 'Oslo']]), t]);
		expect(items.map(({ description, quantity, unitPrice, amount, check }) => ({ description, quantity, unitPrice, amount, check }))).toEqual([
			{ description: 'Schrauben M8', quantity: 200, unitPrice: 0.35, amount: 70, check: 'pass' },
			{ description: 'Hydraulikschlauch mit Anschlüssen', quantity: 2, unitPrice: 1048.9, amount: 2097.8, check: 'pass' },
		]);
		expect(itemsAddUp(items, 2167.8, 2579.68)).toBe('pass');
		expect(itemsAddUp(items, 2000, null)).toBe('fail');
		expect(itemsAddUp([], 10, 12)).toBe('not-checked');
	});

	it('knows the Italian, Portuguese and Spanish headers for article, quantity and amount', () => {
		const row = (header: string[]) => lineItemsFrom([table(header, [['Carta A4', '3', '4,50', '13,50']])]).map(({ quantity, unitPrice, amount }) => [quantity, unitPrice, amount]);
		expect(row(['Articolo', 'Q.tà', 'Prezzo unitario', 'Totale'])).toEqual([[3, 4.5, 13.5]]);
		expect(row(['Artigo', 'Qtd.', 'Preço unit.', 'Total'])).toEqual([[3, 4.5, 13.5]]);
		expect(row(['Descrição', 'Qtd.', 'Preço', 'Valor'])).toEqual([[3, 4.5, 13.5]]);
		expect(row(['Concepto', 'Unidades', 'Precio unit.', 'Total'])).toEqual([[3, 4.5, 13.5]]);
	});

	it("takes a column named for the net alone as the line's amount, before a gross column", () => {
		const row = (header: string[]) => lineItemsFrom([table(header, [['Cargador USB-C', '10,98', '4', '43,93', '21%', '9,23', '53,16']])]).map(({ quantity, unitPrice, amount, check }) => [quantity, unitPrice, amount, check]);
		expect(row(['Descripción', 'Precio unitario', 'Cant.', 'Base', 'Tipo IVA', 'IVA', 'Total'])).toEqual([[4, 10.98, 43.93, 'pass']]);
		expect(row(['Beschreibung', 'Stückpreis', 'Menge', 'Netto', 'USt.-Satz', 'USt.', 'Brutto'])).toEqual([[4, 10.98, 43.93, 'pass']]);
		// "Base price" is a price, not a net.
		expect(lineItemsFrom([table(['Item', 'Base price', 'Qty', 'Amount'], [['Charger', '10.98', '4', '43.92']])]).map((i) => [i.unitPrice, i.amount])).toEqual([[10.98, 43.92]]);
	});

	it('splits a quantity read into the price cell where it multiplies out, and leaves out totals labelled over the price column', () => {
		const t = table(['Descrizione', 'Quantità', 'Prezzo', 'Importo'], [
			['Carta per stampanti A4', '', '12 218,18', '2.618,16'],
			['Ore di consulenza', '3', '264,96', '794,88'],
			['', '', 'Imponibile', '3.413,04'],
			['', '', 'IVA 22%', '750,87'],
		]);
		expect(lineItemsFrom([t]).map(({ quantity, unitPrice, amount, check }) => [quantity, unitPrice, amount, check])).toEqual([
			[12, 218.18, 2618.16, 'pass'],
			[3, 264.96, 794.88, 'pass'],
		]);
		// A price grouped by a space that does not multiply out stays one number.
		expect(lineItemsFrom([table(['Description', 'Qty', 'Price', 'Amount'], [['Server', '', '1 250.00', '1,250.00']])])[0]).toMatchObject({ quantity: null, unitPrice: 1250 });
	});

	it('flags a line whose quantity × price is not its amount', () => {
		const [item] = lineItemsFrom([table(['Description', 'Qty', 'Unit price', 'Amount'], [['Paper', '10', '4.50', '54.00']])]);
		expect(item!.check).toBe('fail');
	});
});

describe('form-style printouts (an e-invoice viewer, an ERP form) and credit notes', () => {
	/** Boxes as [text, x, y, height]: each word box as OCR or a text layer gives it. */
	type Box = [string, number, number, number?, number?];
	const read = (boxes: Box[], source: 'ocr' | 'text-layer' = 'ocr') =>
		extractInvoice(
			[
				{
					page: 1,
					width: 1654,
					height: 2339,
					source,
					dpi: null,
					language: 'de',
					text: '',
					lines: boxes.map(([text, x, y, hh = 36, confidence = 0.97]) => ({ text, confidence, box: [x, y, x + text.length * 12, y + hh] as [number, number, number, number], polygon: [[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1]] as [[number, number], [number, number], [number, number], [number, number]] })),
				},
			],
			{ dateOrder: 'dmy', language: 'de' },
		);
	// Sections headed by the party's role, each naming it on a name row: label and value in one box
	// (a text layer, with a second pair on the row) or in two (OCR of the form's two columns).
	const parties: Box[] = [
		['Informationen zum Käufer', 250, 230],
		['Käuferreferenz:', 257, 305],
		['04011000-12345-03', 472, 305],
		['Name:', 250, 356],
		['Stadtwerke Nordheim', 470, 356],
		['Adresszeile 1:', 250, 409],
		['Hafenweg 3', 467, 409],
		['Information about the seller', 238, 544],
		['Company name: Brenner Haustechnik GmbH   Country code: DE', 240, 616],
		['Address line 1: Mühlenstraße 207', 240, 667],
		['Rechnungsnummer:', 227, 926],
		['R-2024-0815', 443, 926],
	];
	const totals = (rows: Array<[string, string]>): Box[] => rows.flatMap(([label, amount], i): Box[] => [[label, 215, 1125 + 40 * i], [amount, 1548, 1125 + 40 * i]]);

	it('names the buyer and the seller from their sections, by the name row, not the labels or ids beside it', () => {
		const f = read([...parties, ...totals([['Gesamtsumme', '314,86'], ['Summe Umsatzsteuer', '59,82'], ['Gesamtsumme', '374,68']])]).fields;
		expect([f.billTo, f.vendorName, f.invoiceNumber]).toEqual(['Stadtwerke Nordheim', 'Brenner Haustechnik GmbH', 'R-2024-0815']);
		// The party's word before a small-letter noun is an attribute ("Buyer reference:", "Buyer accounting
		// reference"): it neither names the buyer nor ends the section.
		const en = read([
			['Information about the buyer', 176, 234],
			['Buyer reference: 04011000-12349-88', 173, 304],
			['Name: DB Station&Service AG', 173, 355],
			['Buyer accounting reference: ACC7654', 913, 600],
			...totals([['Total', '10.00'], ['Total VAT', '1.90'], ['Total', '11.90']]),
		]).fields;
		expect(en.billTo).toBe('DB Station&Service AG');
	});

	it("reads a seller's address printed as a form: the values, not the labels, whether a label shares its value's box or not", () => {
		const seller: Box[] = [['Information about the seller', 238, 544]];
		// A text layer: each label and its value in one box.
		const joined = read([...seller, ['Company name: Brenner Haustechnik GmbH', 240, 616], ['Address line 1: Mühlenstraße 207', 240, 667], ['ZIP: 50672', 240, 718], ['Contact point email: info@brenner.de', 913, 718]], 'text-layer').fields;
		// OCR of the form's two columns: labels and values apart, a second pair on the ZIP's row.
		const apart = read([...seller, ['Company name:', 240, 616], ['Brenner Haustechnik GmbH', 470, 616], ['Address line 1:', 240, 667], ['Mühlenstraße 207', 470, 667], ['ZIP:', 240, 718], ['50672', 470, 718], ['Contact point email:', 913, 718], ['info@brenner.de', 1150, 718]]).fields;
		expect([joined.vendorName, joined.vendorAddress]).toEqual(['Brenner Haustechnik GmbH', 'Mühlenstraße 207 50672']);
		expect([apart.vendorName, apart.vendorAddress]).toEqual(['Brenner Haustechnik GmbH', 'Mühlenstraße 207 50672']);
	});

	it("reads a form's address over all its rows, with the confidence of its values, and ends a party's section at the next one's heading", () => {
		// Labels and values apart, five rows under the heading: ten boxes, the city and country in the last two rows.
		const rows = (heading: string, y: number, pairs: Array<[string, string]>, labelConfidence = 0.97): Box[] => [[heading, 238, y], ...pairs.flatMap(([label, value], i): Box[] => [[label, 240, y + 50 * (i + 1), 36, labelConfidence], [value, 470, y + 50 * (i + 1)]])];
		const buyer = rows('Information about the buyer', 230, [['Name:', 'Stadtwerke Nordheim'], ['Address line 1:', 'Hafenweg 3'], ['ZIP:', '21129']]);
		// The first label misread ("Address line l:", read with 0.86): it is not in the address, so its reading does not weaken it.
		const seller = rows('Information about the seller', 450, [['Company name:', 'Brenner Haustechnik GmbH'], ['Address line l:', 'Mühlenstraße 207'], ['ZIP:', '50672'], ['Location:', 'Köln'], ['Country code:', 'DE']], 0.86);
		const f = read([...buyer, ...seller]);
		expect([f.fields.billTo, f.fields.vendorName, f.fields.vendorAddress]).toEqual(['Stadtwerke Nordheim', 'Brenner Haustechnik GmbH', 'Mühlenstraße 207 50672 Köln DE']);
		expect(f.details.vendorAddress!.confidence).toBeGreaterThanOrEqual(0.8);
		// A value read unsurely is in the address: its confidence is.
		const unsure = read([...buyer, ...seller.map((b): Box => (b[0] === 'Köln' ? ['Köln', b[1], b[2], 36, 0.8] : b))]);
		expect(unsure.details.vendorAddress!.confidence).toBeLessThan(0.8);
		// A line word a scan cut short ("Adresszeil :"), and the next section's heading right under the form: not in the address.
		const de = rows('Informationen zum Verkäufer', 450, [['Firmenname:', 'Mustermann GmbH'], ['Adresszeil :', 'Musterstraße 4'], ['PLZ:', '60388']]);
		expect(read([...de, ['Rechnungsdaten', 238, 660], ['Rechnungsnummer:', 240, 710], ['471102', 470, 710]]).fields.vendorAddress).toBe('Musterstraße 4 60388');
	});

	it('never takes a label alone for a party\'s name, where a form\'s name value was left empty', () => {
		const f = read([['Informationen zum Käufer', 250, 230], ['Name:', 250, 300], ['Ländercode:', 470, 300], ['Informationen zum Verkäufer', 238, 450], ['Firmenname:', 240, 520], ['Kennung:', 470, 520], ['Rechnungsnummer:', 227, 926], ['R-2024-0815', 443, 926], ...totals([['Gesamtsumme', '119,00']])]).fields;
		expect([f.vendorName, f.billTo].filter((n) => n !== null && /:\s*$/.test(n))).toEqual([]);
		expect(f.invoiceNumber).toBe('R-2024-0815');
	});

	it('reads a value on its row up to a label it has no word for, by its colon, and takes its confidence from the value read', () => {
		const f = read([['Rechnungsdatum:', 238, 1203], ['13.4.2018', 444, 1201], ['Vertragsreferenz:', 943, 1203], ['00000752', 1148, 1202, 36, 0.7], ...totals([['Gesamtsumme', '119,00']])]);
		expect(f.fields.invoiceDate).toBe('2018-04-13');
		expect(f.details.invoiceDate!.box?.[0]).toBe(444);
		expect(f.details.invoiceDate!.confidence).toBeGreaterThanOrEqual(0.8);
	});

	it("doubts a tax id whose check digits fail, or whose length fits no format of its country, only where OCR read it; as printed in a text layer, the failure is reported, not the reading doubted", () => {
		// DE 136 695 978: the published DE 136 695 976 with its last digit changed.
		const page: Box[] = [...parties, ['USt-IdNr.: DE 136 695 978', 240, 760], ...totals([['Gesamtsumme', '100,00'], ['Summe Umsatzsteuer', '19,00'], ['Gesamtsumme', '119,00']])];
		const [ocr, text] = [read(page), read(page, 'text-layer')];
		expect([ocr.fields.vendorTaxId, text.fields.vendorTaxId]).toEqual(['DE136695978', 'DE136695978']);
		expect(ocr.details.vendorTaxId!.confidence).toBeLessThan(0.5);
		expect(text.details.vendorTaxId!.confidence).toBeGreaterThanOrEqual(0.9);
		expect([ocr.validation.vendorTaxId, text.validation.vendorTaxId]).toEqual(['fail', 'fail']);
		expect(read([...parties, ['USt-IdNr.: DE 136 695 976', 240, 760]], 'text-layer').validation.vendorTaxId).toBe('pass');
		// Read alike in a second box of the scan (the page header): two readings were not both misread, so the id is at fault, not the reading.
		const twice = read([['DE136695978/R-2024-0815', 1300, 100], ...page]);
		expect(twice.details.vendorTaxId!.confidence).toBeGreaterThanOrEqual(0.8);
		expect(twice.validation.vendorTaxId).toBe('fail');
		// A second reading that differs is no such proof.
		expect(read([['DE136695976/R-2024-0815', 1300, 100], ...page]).details.vendorTaxId!.confidence).toBeLessThan(0.5);
		// A country's prefix on one digit too few for its format (a glyph lost): doubted where OCR read it too.
		const short: Box[] = [...parties, ['USt-IdNr.: DE 136 695 97', 240, 760], ...totals([['Gesamtsumme', '119,00']])];
		expect(read(short).fields.vendorTaxId).toBe('DE13669597');
		expect(read(short).details.vendorTaxId!.confidence).toBeLessThan(0.5);
		expect(read(short, 'text-layer').details.vendorTaxId!.confidence).toBeGreaterThanOrEqual(0.9);
	});

	it('joins a label cut in two where the letters at the cut were lost, the end a word of small letters well inside its height', () => {
		// "Rechnungsnummer:" detected as "Rechnungsn" and "ner:" (its "mm" lost), a gap wider than a space.
		const page: Box[] = [...parties.filter(([t]) => !/^(Rechnungsnummer:|R-2024-0815)$/.test(t)), ['Rechnungsn', 227, 926], ['ner:', 387, 936, 18], ['R-2024-0815', 470, 926]];
		expect(read(page).fields.invoiceNumber).toBe('R-2024-0815');
		// As a scan's boxes gave them; a piece that goes on with capitals or another word is not a word's
		// end at that gap (a sender line cut at its dots).
		const line = (text: string, box: [number, number, number, number]): PLine => ({ text, folded: text.toLowerCase(), confidence: 0.95, box, polygon: [[box[0], box[1]], [box[2], box[1]], [box[2], box[3]], [box[0], box[3]]], page: 1 });
		const texts = (lines: PLine[]) => joinWordPieces(lines).map((l) => l.text);
		expect(texts([line('Rechnungsn', [256, 915, 362, 945]), line('ner', [398, 924, 427, 940])])).toEqual(['Rechnungsn ner']);
		expect(texts([line('Supply Ltd ·1 Riv', [259, 446, 535, 479]), line('de Way,SH', [568, 453, 648, 474])])).toEqual(['Supply Ltd ·1 Riv', 'de Way,SH']);
	});

	it('doubts an O or 0, I or 1 between letters of a code where letters and digits alternate, as OCR read it; not in a prefix of letters, nor in a text layer', () => {
		const numbered = (id: string, source?: 'ocr' | 'text-layer') => read([['Invoice number:', 227, 926], [id, 443, 926], ...totals([['Total', '11.90']])], source).details.invoiceNumber!;
		// A generated code as payment services print them: O or 0 between T and J, neither glyph nor context says.
		expect(numbered('QOTJ5E3V-0035').confidence).toBeLessThan(0.8);
		expect(numbered('7Z0CT538').confidence).toBeLessThan(0.8);
		expect(numbered('QOTJ5E3V-0035', 'text-layer').confidence).toBeGreaterThanOrEqual(0.8);
		// Letters before a number, a zero among digits: the context settles it.
		expect(numbered('TOSL108').confidence).toBeGreaterThanOrEqual(0.8);
		expect(numbered('A34209').confidence).toBeGreaterThanOrEqual(0.8);
	});

	it("tries a nil tax only after every tax that is not nil: a repeated net figure beside an exempt rate's 0.00 is not the total", () => {
		// Both totals are plain "Total"; the lower, tried first, repeats the net amount, and with the
		// exempt rate's 0.00 it would add up as well as the real total does with the 19 % tax.
		const f = read(totals([['Subtotal', '10.00'], ['VAT 19 %', '1.90'], ['Total', '11.90'], ['VAT 0 %', '0.00'], ['Total', '10.00']]));
		expect([f.fields.subtotal, f.fields.tax, f.fields.total, f.validation.subtotalPlusTax]).toEqual([10, 1.9, 11.9, 'pass']);
	});

	it('takes a total printed above the gross as its base where no subtotal label fits, and a sum to the cent over one within rounding', () => {
		const f = read([...parties, ...totals([['Summe aller Positionen', '1.436,50'], ['Gesamtsumme', '1.436,50'], ['Summe Umsatzsteuer', '365,28'], ['Gesamtsumme', '1.801,78'], ['Umsatzsteuerbetrag', '365,13'], ['Fälliger Betrag', '1.801,78']])]);
		expect([f.fields.subtotal, f.fields.tax, f.fields.total, f.validation.subtotalPlusTax]).toEqual([1436.5, 365.28, 1801.78, 'pass']);
		// No tax: the same figure twice.
		const nil = read([...parties, ...totals([['Gesamtsumme', '3.200,00'], ['Gesamtsumme', '3.200,00'], ['Umsatzsteuerbetrag', '0,00']])]).fields;
		expect([nil.subtotal, nil.tax, nil.total]).toEqual([3200, 0, 3200]);
		// "Total VAT" is the tax; a label whose row holds its own value ("Charge VAT category code: S") does
		// not take the amount below it; charges make the base "Total amount", above the total due.
		const en = read([
			...totals([['Total invoice line net amount', '800.00'], ['Total charges', '100.00'], ['Total amount', '900.00'], ['Total VAT', '225.00'], ['Total', '1,125.00'], ['Amount due', '1,125.00']]),
			['Charge VAT category code: S', 173, 1818],
			['Amount 100.00', 173, 1855],
		]).fields;
		expect([en.subtotal, en.tax, en.total]).toEqual([900, 225, 1125]);
		// "netto" in brackets qualifies another label: an item's price is not the subtotal.
		const items = read([...parties, ['Preis pro Einheit (netto)', 215, 700], ['1.273,00', 1548, 700], ...totals([['Gesamtsumme', '10,00'], ['Summe Umsatzsteuer', '1,90'], ['Gesamtsumme', '11,90']])]).fields;
		expect([items.subtotal, items.total]).toEqual([10, 11.9]);
	});

	it('reads a label that detection cut in two, letters lost at the cut', () => {
		const number = (pieces: Box[]) => read([['Brenner Haustechnik GmbH', 240, 100], ...pieces, ['Gesamtbetrag', 215, 1400], ['119,00', 1548, 1400]]).fields.invoiceNumber;
		expect(number([['Rechnungsnun', 208, 950], ['mer:', 355, 961, 17], ['123456XX', 429, 950]])).toBe('123456XX');
		expect(number([['Rechnungsn', 208, 950], ['mer:', 354, 958, 21], ['PRG1502112', 429, 950]])).toBe('PRG1502112');
		expect(number([['Rechnungsnum', 208, 950], ['TOSL108', 448, 950]])).toBe('TOSL108');
		expect(number([['Rechnungsnu', 222, 997], ['123456789', 433, 993]])).toBe('123456789');
		// Pieces that overlap, each holding the letter at the cut.
		expect(number([['Rechnungsnumm', 239, 900], ['mer:', 380, 915, 17], ['1234567', 445, 902]])).toBe('1234567');
		expect(number([['Rechnungsnun', 256, 1163], ['nmer:', 384, 1172, 23], ['1234567', 462, 1159]])).toBe('1234567');
		// Cut where its letters are alike ("mm"), two or three letters lost or changed at the cut.
		expect(number([['Rechnungsnu', 222, 997], ['ner:', 365, 1006, 20], ['123456789', 433, 993]])).toBe('123456789');
		expect(number([['Rechnungsnur', 204, 1140], ['er', 361, 1152, 15], ['TOSL108', 415, 1138]])).toBe('TOSL108');
		expect(number([['Rechnungsnun', 203, 937], ['immer:', 335, 944, 29], ['PRG1502112', 416, 935]])).toBe('PRG1502112');
		// Another label so cut is that label, not the number's: its value is a date.
		expect(number([['Rechnungsdat', 208, 950], ['un:', 360, 958, 21], ['12.3.2024', 429, 950]])).toBeNull();
		// A capital after the gap is another word ("USt.-Satz" | "uSt." is a header and a misread header).
		expect(number([['Rechnungsnun', 208, 950], ['Mer', 355, 950], ['123456XX', 429, 950]])).toBeNull();
	});

	it('reads back a legal form whose thin letter was lost or read as its twin, in the case it was printed', () => {
		expect(['Salescompany Itd.', 'Buyercompany td', 'ACME ITD', 'Harbour Lines LTD'].map(cleanName)).toEqual(['Salescompany ltd.', 'Buyercompany ltd', 'ACME LTD', 'Harbour Lines LTD']);
		// Words one letter from a form are not forms.
		expect(['Sea Spa', 'Blue Bird'].map(cleanName)).toEqual(['Sea Spa', 'Blue Bird']);
	});

	it('gives a credit note negative amounts, by its title or its type code 381, not by a credit card', () => {
		const rows = totals([['Nettobetrag', '100,00'], ['MwSt. 19 %', '19,00'], ['Gesamtbetrag', '119,00']]);
		const credit = read([['Brenner Haustechnik GmbH', 240, 100], ['Gutschrift Nr. GS-2024-17', 240, 300], ...rows]);
		expect([credit.documentType, credit.fields.subtotal, credit.fields.tax, credit.fields.total, credit.fields.invoiceNumber]).toEqual(['credit-note', -100, -19, -119, 'GS-2024-17']);
		expect(read([['Brenner Haustechnik GmbH', 240, 100], ['Rechnungsart:', 240, 300], ['381', 470, 300], ...rows]).documentType).toBe('credit-note');
		expect(read([['Brenner Haustechnik GmbH', 240, 100], ['Invoice type: 381', 240, 300], ...rows]).fields.total).toBe(-119);
		const invoice = read([['Brenner Haustechnik GmbH', 240, 100], ['Rechnung Nr. 2024-17', 240, 300], ['Rechnungsart: 380', 240, 340], ...rows, ['Credit card: **** 4242', 215, 1400]]);
		expect([invoice.documentType, invoice.fields.total]).toEqual(['invoice', 119]);
		// A hotel folio's debit and credit columns: "Gutschrift" heads a column there, among others on its row.
		const folio = read([['Brenner Haustechnik GmbH', 240, 100], ['Datum', 240, 300], ['Beschreibung', 500, 300], ['Belastung', 1100, 300], ['Gutschrift', 1350, 300], ...rows]);
		expect([folio.documentType, folio.fields.total]).toEqual(['invoice', 119]);
	});
});
