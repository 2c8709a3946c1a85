/**
 * Field labels in English, Spanish, German, French, Italian, Portuguese, Dutch, Polish, Swedish,
 * Danish, Czech and Chinese, written
 * accent-folded and lower-case (they are matched against folded OCR text). Longer, more specific
 * labels first: "invoice date" must win over "date".
 */
/** `receiptNumber`: a till receipt's or ticket's own number, the invoice number where no invoice label names one. */
export type LabelledField = 'invoiceNumber' | 'receiptNumber' | 'invoiceDate' | 'dueDate' | 'deliveryDate' | 'subtotal' | 'tax' | 'total' | 'billTo' | 'vendorTaxId';

export const LABELS: Record<LabelledField, string[]> = {
	invoiceNumber: [
		'invoice number', 'invoice no', 'invoice nr', 'invoice #', 'invoice num', 'inv no', 'bill number', 'bill no', 'bill #', 'receipt number', 'receipt no', 'receipt #', 'document no', 'doc no',
		'numero de factura', 'factura no', 'factura n', 'n de factura', 'no de factura',
		'rechnungsnummer', 'rechnungs-nr', 'rechnung nr', 'rechnungsnr', 'beleg-nr', 'belegnummer',
		'numero de facture', 'facture no', 'facture n', 'n de facture', 'no de facture',
		'numero fattura', 'fattura n', 'fattura no', 'n fattura',
		'numero da fatura', 'fatura n', 'fatura no',
		'factuurnummer', 'factuurnr', 'factuur nr', 'factuur no', 'creditnota nr', 'creditnotanummer',
		'numer faktury', 'faktura vat nr', 'faktura nr', 'faktura numer', 'nr faktury',
		'fakturanummer', 'fakturanr', 'faktura nr', 'kreditnota nr',
		'cislo faktury', 'faktura cislo', 'faktura c', 'cislo dokladu', 'danovy doklad c',
		'handelsrechnung nr', 'gutschrift nr', 'gutschriftsnummer', 'avoir n', "numero d'avoir", 'credit note no', 'credit note number',
		'发票号码', '发票号', '单号',
		'invoice', 'factura', 'rechnung', 'facture', 'fattura', 'fatura', 'factuur', 'faktura', 'gutschrift', 'avoir', 'credit note', 'creditnota', 'kreditnota', 'faktura korygujaca', 'dobropis'
	],
	// A till receipt's own number ("Bon-Nr.", "Ticket n°", "Factura simplificada Nº"): after the
	// invoice labels, since a parking or event ticket's number is not the invoice's on a page with both.
	receiptNumber: ['bon nr', 'bonnr', 'bonnummer', 'kassenbon nr', 'ticket n', 'ticket no', 'n de ticket', 'numero de ticket', 'factura simplificada n', 'factura simplificada no', 'scontrino n', 'kvittonummer', 'kvitto nr', 'paragon nr'],
	invoiceDate: [
		'invoice date', 'date of issue', 'issue date', 'date issued', 'bill date', 'receipt date',
		'fecha de emision', 'fecha de factura', 'fecha',
		'rechnungsdatum', 'ausstellungsdatum', 'beleg datum', 'datum',
		'date de facturation', 'date de facture', "date d'emission", 'date',
		'data fattura', 'data di emissione', 'data de emissao', 'data da fatura',
		'factuurdatum', 'datum factuur',
		'data wystawienia', 'data faktury',
		'fakturadatum', 'utstallningsdatum', 'fakturadato', 'udstedelsesdato',
		'datum vystaveni', 'datum vystaveni dokladu',
		'data',
		'开票日期', '日期',
	],
	dueDate: [
		'due date', 'payment due', 'due by', 'pay by', 'payable by',
		'fecha de vencimiento', 'vencimiento',
		'falligkeitsdatum', 'fallig am', 'fallig bis', 'zahlbar bis', 'faellig',
		"date d'echeance", 'echeance', 'a payer avant',
		'data di scadenza', 'scadenza', 'data de vencimento', 'vencimento',
		'vervaldatum', 'te betalen voor', 'uiterste betaaldatum',
		'termin platnosci', 'data platnosci', 'platne do',
		'forfallodatum', 'forfallodag', 'betalas senast', 'forfaldsdato', 'betalingsdato', 'sidste rettidige betalingsdato',
		'datum splatnosti', 'splatnost',
		'due',
		'到期日',
	],
	// The date the goods were delivered or the service performed (the tax point in the EU), printed
	// beside the issue date on many European invoices.
	deliveryDate: [
		'delivery date', 'date of delivery', 'delivered on', 'date of supply', 'supply date', 'tax point', 'service date', 'date of service',
		'lieferdatum', 'liefertag', 'leistungsdatum', 'lieferung am', 'leistungszeitpunkt', 'datum der lieferung', 'datum der leistung',
		'date de livraison', 'livre le', 'date de prestation', 'date de la prestation',
		'fecha de entrega', 'fecha de suministro', 'fecha de la operacion', 'fecha de prestacion',
		'data di consegna', 'data consegna', 'data della prestazione', 'data di fornitura',
		'data de entrega', 'data da prestacao', 'data de fornecimento',
		'leverdatum', 'leveringsdatum', 'datum levering',
		'data dostawy', 'data sprzedazy', 'data wykonania uslugi', 'data dokonania dostawy',
		'leveransdatum', 'leveringsdato',
		'datum uskutecneni zdanitelneho plneni', 'duzp', 'datum dodani',
		'交货日期',
	],
	subtotal: [
		'subtotal', 'sub total', 'sub-total', 'net amount', 'net total', 'total net', 'total excl', 'amount before tax', 'subtotal before tax', 'total before tax',
		'charges before vat', 'total before vat', 'amount before vat', 'total excluding vat', 'total ex vat',
		// India: the amount GST is charged on.
		'taxable value', 'taxable amount', 'assessable value',
		'base imponible', 'importe neto', 'total sin iva',
		'nettobetrag', 'zwischensumme', 'netto', 'summe netto', 'gesamt netto',
		'total hors taxes', 'total hors taxe', 'total ht', 'montant ht', 'sous-total', 'sous total', 'base ht', 'base hors taxes', 'base imposable',
		'imponibile', 'totale imponibile', 'valor liquido',
		'summe positionen', 'warenwert', 'gesamt netto', 'nettosumme',
		'subtotaal', 'totaal excl', 'totaal exclusief btw', 'bedrag excl',
		'wartosc netto', 'razem netto', 'suma netto',
		'summa exkl moms', 'belopp exkl moms', 'netto', 'subtotal', 'i alt ekskl moms', 'belob ekskl moms',
		'zaklad dane', 'celkem bez dph',
		'小计',
	],
	tax: [
		'vat', 'tax', 'gst', 'sales tax', 'total tax', 'vat amount', 'tax amount',
		// The tax's amount as one word (German compounds) or with its noun.
		'steuerbetrag', 'umsatzsteuerbetrag', 'mehrwertsteuerbetrag', 'mwst-betrag', 'ust-betrag', 'montant tva', 'montant de la tva', 'importe iva', 'cuota iva', 'importo iva', 'imposta iva', 'btw-bedrag',
		// India: central, state, integrated and union-territory GST, each its own line.
		'cgst', 'sgst', 'igst', 'utgst',
		'iva', 'igic',
		'mwst', 'ust', 'umsatzsteuer', 'mehrwertsteuer',
		'tva', 'taxe', 'taxes', 'total taxes',
		'imposta', 'iva',
		'btw', 'btw bedrag', 'kwota vat', 'podatek vat', 'moms', 'mervardesskatt', 'dph', 'vyse dph',
		'税额', '税',
	],
	total: [
		'grand total', 'endsumme', 'total amount due', 'amount due', 'total due', 'balance due', 'total amount', 'total payable', 'amount payable', 'total incl', 'total (incl', 'rounded total', 'total rounded', 'nett total', 'net payable',
		'importe total', 'total a pagar', 'total factura', 'total',
		'gesamtbetrag', 'rechnungsbetrag', 'endbetrag', 'gesamtsumme', 'zu zahlen', 'summe', 'gesamt',
		'total ttc', 'montant total', 'total a payer', 'net a payer', 'montant ttc',
		'totale fattura', 'totale da pagare', 'totale',
		'bruttosumme', 'zahlbetrag', 'gesamt brutto', 'rechnungsbetrag brutto', 'bruttobetrag',
		'totaal te betalen', 'te betalen', 'totaal incl', 'totaalbedrag', 'totaal',
		'do zaplaty', 'razem do zaplaty', 'wartosc brutto', 'razem brutto', 'razem', 'suma',
		'att betala', 'summa att betala', 'totalt', 'att betala totalt', 'at betale', 'i alt', 'total inkl moms', 'belob i alt',
		'celkem k uhrade', 'k uhrade', 'celkem',
		'valor total', 'total a pagar',
		'合计', '总计', '价税合计',
	],
	billTo: [
		'bill to', 'billed to', 'invoice to', 'sold to', 'customer', 'client', 'buyer', 'purchaser',
		// The buyer as the EN 16931 terms name it, in each language (an e-invoice viewer's printout).
		'kaufer', 'acheteur', 'comprador', 'acquirente', 'committente', 'cessionario', 'adquirente', 'koper', 'kopare', 'kober', 'kupujacy',
		// The address the invoice goes to, where the goods go elsewhere (marketplaces, web shops).
		'billing address', 'invoice address', 'rechnungsadresse', 'rechnungsanschrift', 'adresse de facturation', 'direccion de facturacion',
		'indirizzo di fatturazione', 'endereco de faturacao', 'morada de faturacao', 'factuuradres', 'adres do faktury', 'faktureringsadress', 'faktureringsadresse',
		// A hotel's bill is made out to its guest.
		'guest name', 'guest', 'gast', 'huesped', 'ospite', 'hospede',
		'facturar a', 'cliente', 'destinatario',
		'rechnungsempfanger', 'rechnung an', 'kunde', 'empfanger',
		'facture a', 'facturer a', 'client',
		'intestatario', 'fatturare a', 'faturar a', 'spett.le', 'spett le', 'spettabile', 'spett.',
		'factuur aan', 'klant', 'afnemer', 'nabywca', 'odbiorca', 'kund', 'faktureras till', 'kunde', 'faktura til', 'odberatel',
		'购买方', '客户',
	],
	vendorTaxId: [
		'vat reg no', 'vat registration', 'vat number', 'vat no', 'vat id', 'tax id', 'tax no', 'gst registration no', 'gst registration number', 'gst registration', 'gst reg no', 'gst id', 'gst no', 'gst reg', 'co reg', 'company reg', 'reg no', 'abn', 'ein',
		'nif', 'cif', 'nif/cif',
		'umsatzsteuer-identifikationsnummer', 'umsatzsteuer-id', 'ust-identifikationsnummer', 'ust-idnr', 'ust-id', 'ust idnr', 'ustid', 'steuernummer', 'steuer-nr', 'st-nr',
		'n tva', 'tva intracommunautaire', 'siret', 'siren',
		'partita iva', 'p iva', 'p.iva', 'codice fiscale',
		'nipc', 'cnpj',
		'btw-nummer', 'btw nr', 'btw-id', 'kvk', 'nip', 'regon', 'momsreg nr', 'momsregistreringsnummer', 'org nr', 'organisationsnummer', 'cvr-nr', 'cvr', 'se-nr', 'dic', 'ico',
		'gstin', 'pan', 'rfc', 'hst', 'bn',
		'纳税人识别号', '税号',
	],
};

/** Words that make a line a total of something else (not the amount due). */
export const NOT_GRAND_TOTAL = /\b(sub|net|netto|ht|hors|imponible|imponibile|tax|vat|gst|iva|tva|mwst|ust|btw|moms|dph|rounding|round adj|discount|rabatt|skonto|abschlag|abschlage|abschlagen|anzahlung|anzahlungen|prepaid|paid|bezahlt|geleistete|acompte|acomptes|deja paye|items?|qty|quantity|positionen)\b/;

/** Headings of a tax table, whose rows hold each rate's base and tax ("GST Summary", "VAT analysis", "Récapitulatif TVA"). */
export const TAX_TABLE_HEADING = /\b(summary|analysis|breakdown|recapitulatif|ubersicht|aufstellung|riepilogo|resumen)\b/;

/** A tax rate as printed ("GST 6%", "inkl. 19 % MwSt.", "SR 6.00%", "A 7%"): its figure. */
export const RATE = /(\d{1,2}(?:[.,]\d{1,2})?)\s*%/;

/** A tax word followed by what makes it an id's label ("GST Reg No", "VAT number"): an id, not an amount. */
export const TAX_ID_LABEL = /\b(gst|vat|tax|btw|tva|iva|ust|mwst)\s*[-.]?\s*(reg(istration)?|id|no|nr|number|num|ident)\b/;

/** Titles at the top of a document that are not the vendor's name. */
export const DOCUMENT_TITLES = /^(tax\s*)?(invoice|receipt|bill|factura|rechnung|handelsrechnung|gutschrift|facture|avoir|fattura|fatura|factuur|creditnota|faktura|kreditnota|dobropis|quittung|kwitantie|kvitto|kvittering|paragon|uctenka|recibo|ricevuta|simplified tax invoice|cash bill|official receipt|payment receipt|retail invoice)\b/i;

/** Words of a business's trade that mark a line as a company's, beside the legal forms. */
export const TRADE_WORDS = ['enterprise', 'trading', 'restaurant', 'cafe', 'store', 'mart', 'shop', 'hardware', 'supplies', 'services', 'industries', 'holdings'];
/** Endings of company names ("Co." may end the line: no word boundary after its dot). */
const LEGAL_FORMS = String.raw`sdn\.? bhd\.?|bhd|s\/b|ltd\.?|limited|llc|llp|pllc|pty|inc\.?|corp\.?|co\.|company|gmbh|mbh|ag|kg|ohg|gbr|ug|e\.\s?k\.?|s\.?l\.?|s\.?a\.?|sarl|sas|eurl|snc|s\.?r\.?l\.?|s\.?n\.?c\.?|s\.?a\.?s\.?|spa|s\.?p\.?a\.?|lda|ltda|plc|vof|b\.?v\.?|n\.?v\.?|sp\. z o\.o\.|sp\.k\.|s\.r\.o\.|a\.s\.|ab|a\/s|aps|oy|as`;
export const COMPANY_SUFFIX = new RegExp(String.raw`\b(${LEGAL_FORMS}|${TRADE_WORDS.join('|')})(?![\p{L}\d])`, 'iu');
/** A legal form alone (not a trade word), wherever it stands in a name. */
export const LEGAL_FORM = new RegExp(String.raw`\b(${LEGAL_FORMS})(?![\p{L}\d])`, 'giu');

/** Lines that end a vendor's address block. */
export const ADDRESS_END = /\b(tel|telephone|telefon[oe]?|fax|phone|hotline|careline|email|e-mail|www\.|http|gst|vat|tax|invoice|receipt|doc|date|cashier|table|nif|cif|ust|siret|reg\.? no|btw|kvk|nip|regon|cvr|org\.? ?nr|dic|ico)\b|@/i;
