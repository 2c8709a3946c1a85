/**
 * E-invoices made for the tests: UN/CEFACT CII (as ZUGFeRD / Factur-X / XRechnung write it) and UBL
 * 2.1 XML from known values, and a PDF that prints some lines and carries the XML as an embedded
 * file (/Names /EmbeddedFiles, AFRelationship /Alternative), as Factur-X PDFs do.
 */
import { buildPdf } from './hostile';

export interface EInvoiceData {
	number: string;
	issueDate: string;
	dueDate: string;
	/** When the goods were delivered (BT-72); left out of the XML when absent. */
	deliveryDate?: string;
	seller: { name: string; street: string; postcode: string; city: string; country: string; vatId: string };
	buyer: string;
	currency: string;
	items: Array<{ name: string; quantity: number; price: number }>;
	taxRate: number;
	credit?: boolean;
	/** Paid before this invoice (a deposit, BT-113): the amount due is the gross less it. */
	prepaid?: number;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const money = (v: number) => v.toFixed(2);

export function totals(d: EInvoiceData): { net: number; tax: number; gross: number; due: number } {
	const net = Math.round(d.items.reduce((s, i) => s + i.quantity * i.price, 0) * 100) / 100;
	const tax = Math.round(net * d.taxRate) / 100;
	const gross = Math.round((net + tax) * 100) / 100;
	return { net, tax, gross, due: Math.round((gross - (d.prepaid ?? 0)) * 100) / 100 };
}

/** Seller and buyer as both CII generations write them (the same elements under either agreement). */
const ciiParties = (d: EInvoiceData) => `      <ram:SellerTradeParty>
        <ram:Name>${esc(d.seller.name)}</ram:Name>
        <ram:PostalTradeAddress><ram:PostcodeCode>${d.seller.postcode}</ram:PostcodeCode><ram:LineOne>${esc(d.seller.street)}</ram:LineOne><ram:CityName>${esc(d.seller.city)}</ram:CityName><ram:CountryID>${d.seller.country}</ram:CountryID></ram:PostalTradeAddress>
        <ram:SpecifiedTaxRegistration><ram:ID schemeID="FC">201/113/40209</ram:ID></ram:SpecifiedTaxRegistration>
        <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">${d.seller.vatId}</ram:ID></ram:SpecifiedTaxRegistration>
      </ram:SellerTradeParty>
      <ram:BuyerTradeParty><ram:Name>${esc(d.buyer)}</ram:Name></ram:BuyerTradeParty>`;

export function ciiXml(d: EInvoiceData): string {
	const t = totals(d);
	const ymd = (iso: string) => iso.replace(/-/g, '');
	return `<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
  <rsm:ExchangedDocumentContext>
    <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>
  </rsm:ExchangedDocumentContext>
  <rsm:ExchangedDocument>
    <ram:ID>${esc(d.number)}</ram:ID>
    <ram:TypeCode>${d.credit ? 381 : 380}</ram:TypeCode>
    <ram:IssueDateTime><udt:DateTimeString format="102">${ymd(d.issueDate)}</udt:DateTimeString></ram:IssueDateTime>
    <!-- a comment the reader skips -->
  </rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>
${d.items
	.map(
		(i, k) => `    <ram:IncludedSupplyChainTradeLineItem>
      <ram:AssociatedDocumentLineDocument><ram:LineID>${k + 1}</ram:LineID></ram:AssociatedDocumentLineDocument>
      <ram:SpecifiedTradeProduct><ram:Name><![CDATA[${i.name}]]></ram:Name></ram:SpecifiedTradeProduct>
      <ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice><ram:ChargeAmount>${money(i.price)}</ram:ChargeAmount></ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement>
      <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="H87">${i.quantity}</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>
      <ram:SpecifiedLineTradeSettlement><ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>${money(i.quantity * i.price)}</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation></ram:SpecifiedLineTradeSettlement>
    </ram:IncludedSupplyChainTradeLineItem>`,
	)
	.join('\n')}
    <ram:ApplicableHeaderTradeAgreement>
${ciiParties(d)}
    </ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeDelivery>${d.deliveryDate ? `<ram:ActualDeliverySupplyChainEvent><ram:OccurrenceDateTime><udt:DateTimeString format="102">${ymd(d.deliveryDate)}</udt:DateTimeString></ram:OccurrenceDateTime></ram:ActualDeliverySupplyChainEvent>` : ''}</ram:ApplicableHeaderTradeDelivery>
    <ram:ApplicableHeaderTradeSettlement>
      <ram:InvoiceCurrencyCode>${d.currency}</ram:InvoiceCurrencyCode>
      <ram:SpecifiedTradePaymentTerms><ram:DueDateDateTime><udt:DateTimeString format="102">${ymd(d.dueDate)}</udt:DateTimeString></ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
        <ram:LineTotalAmount>${money(t.net)}</ram:LineTotalAmount>
        <ram:TaxBasisTotalAmount>${money(t.net)}</ram:TaxBasisTotalAmount>
        <ram:TaxTotalAmount currencyID="${d.currency}">${money(t.tax)}</ram:TaxTotalAmount>
        <ram:GrandTotalAmount>${money(t.gross)}</ram:GrandTotalAmount>
${d.prepaid ? `        <ram:TotalPrepaidAmount>${money(d.prepaid)}</ram:TotalPrepaidAmount>\n` : ''}        <ram:DuePayableAmount>${money(t.due)}</ram:DuePayableAmount>
      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
`;
}

/**
 * The same invoice as ZUGFeRD 1.0 writes it (root CrossIndustryDocument, 2013): the CII of before
 * D16B, whose aggregates have other names (HeaderExchangedDocument, ApplicableSupplyChainTrade…,
 * SpecifiedTradeSettlementMonetarySummation), with a discount term before the due date's.
 */
export function zugferd1Xml(d: EInvoiceData, encoding = 'UTF-8'): string {
	const t = totals(d);
	const ymd = (iso: string) => iso.replace(/-/g, '');
	const date = (iso: string) => `<udt:DateTimeString format="102">${ymd(iso)}</udt:DateTimeString>`;
	return `<?xml version="1.0" encoding="${encoding}"?>
<rsm:CrossIndustryDocument xmlns:rsm="urn:ferd:CrossIndustryDocument:invoice:1p0" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:12" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:15">
  <rsm:SpecifiedExchangedDocumentContext>
    <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:ferd:CrossIndustryDocument:invoice:1p0:comfort</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>
  </rsm:SpecifiedExchangedDocumentContext>
  <rsm:HeaderExchangedDocument>
    <ram:ID>${esc(d.number)}</ram:ID>
    <ram:Name>RECHNUNG</ram:Name>
    <ram:TypeCode>${d.credit ? 381 : 380}</ram:TypeCode>
    <ram:IssueDateTime>${date(d.issueDate)}</ram:IssueDateTime>
  </rsm:HeaderExchangedDocument>
  <rsm:SpecifiedSupplyChainTradeTransaction>
    <ram:ApplicableSupplyChainTradeAgreement>
${ciiParties(d)}
    </ram:ApplicableSupplyChainTradeAgreement>
    <ram:ApplicableSupplyChainTradeDelivery>${d.deliveryDate ? `<ram:ActualDeliverySupplyChainEvent><ram:OccurrenceDateTime>${date(d.deliveryDate)}</ram:OccurrenceDateTime></ram:ActualDeliverySupplyChainEvent>` : ''}</ram:ApplicableSupplyChainTradeDelivery>
    <ram:ApplicableSupplyChainTradeSettlement>
      <ram:InvoiceCurrencyCode>${d.currency}</ram:InvoiceCurrencyCode>
      <ram:ApplicableTradeTax><ram:CalculatedAmount currencyID="${d.currency}">${money(t.tax)}</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode><ram:BasisAmount currencyID="${d.currency}">${money(t.net)}</ram:BasisAmount><ram:ApplicablePercent>${d.taxRate}</ram:ApplicablePercent></ram:ApplicableTradeTax>
      <ram:SpecifiedTradePaymentTerms><ram:Description>3 % Skonto innerhalb 10 Tagen</ram:Description></ram:SpecifiedTradePaymentTerms>
      <ram:SpecifiedTradePaymentTerms><ram:Description>Zahlbar innerhalb 30 Tagen netto</ram:Description><ram:DueDateDateTime>${date(d.dueDate)}</ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>
      <ram:SpecifiedTradeSettlementMonetarySummation>
        <ram:LineTotalAmount currencyID="${d.currency}">${money(t.net)}</ram:LineTotalAmount>
        <ram:ChargeTotalAmount currencyID="${d.currency}">0.00</ram:ChargeTotalAmount>
        <ram:AllowanceTotalAmount currencyID="${d.currency}">0.00</ram:AllowanceTotalAmount>
        <ram:TaxBasisTotalAmount currencyID="${d.currency}">${money(t.net)}</ram:TaxBasisTotalAmount>
        <ram:GrandTotalAmount currencyID="${d.currency}">${money(t.gross)}</ram:GrandTotalAmount>
${d.prepaid ? `        <ram:TotalPrepaidAmount currencyID="${d.currency}">${money(d.prepaid)}</ram:TotalPrepaidAmount>\n` : ''}        <ram:DuePayableAmount currencyID="${d.currency}">${money(t.due)}</ram:DuePayableAmount>
      </ram:SpecifiedTradeSettlementMonetarySummation>
    </ram:ApplicableSupplyChainTradeSettlement>
${d.items
	.map(
		(i, k) => `    <ram:IncludedSupplyChainTradeLineItem>
      <ram:AssociatedDocumentLineDocument><ram:LineID>${k + 1}</ram:LineID></ram:AssociatedDocumentLineDocument>
      <ram:SpecifiedSupplyChainTradeAgreement><ram:NetPriceProductTradePrice><ram:ChargeAmount currencyID="${d.currency}">${money(i.price * 10)}</ram:ChargeAmount><ram:BasisQuantity unitCode="C62">10</ram:BasisQuantity></ram:NetPriceProductTradePrice></ram:SpecifiedSupplyChainTradeAgreement>
      <ram:SpecifiedSupplyChainTradeDelivery><ram:BilledQuantity unitCode="C62">${i.quantity}</ram:BilledQuantity></ram:SpecifiedSupplyChainTradeDelivery>
      <ram:SpecifiedSupplyChainTradeSettlement><ram:SpecifiedTradeSettlementMonetarySummation><ram:LineTotalAmount currencyID="${d.currency}">${money(i.quantity * i.price)}</ram:LineTotalAmount></ram:SpecifiedTradeSettlementMonetarySummation></ram:SpecifiedSupplyChainTradeSettlement>
      <ram:SpecifiedTradeProduct><ram:Name>${esc(i.name)}</ram:Name></ram:SpecifiedTradeProduct>
    </ram:IncludedSupplyChainTradeLineItem>`,
	)
	.join('\n')}
  </rsm:SpecifiedSupplyChainTradeTransaction>
</rsm:CrossIndustryDocument>
`;
}

export function ublXml(d: EInvoiceData): string {
	const t = totals(d);
	const root = d.credit ? 'CreditNote' : 'Invoice';
	const line = d.credit ? 'CreditNoteLine' : 'InvoiceLine';
	const qty = d.credit ? 'CreditedQuantity' : 'InvoicedQuantity';
	return `<?xml version="1.0" encoding="UTF-8"?>
<${root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:${root}-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>
  <cbc:ID>${esc(d.number)}</cbc:ID>
  <cbc:IssueDate>${d.issueDate}</cbc:IssueDate>
  <cbc:DueDate>${d.dueDate}</cbc:DueDate>
  <cbc:DocumentCurrencyCode>${d.currency}</cbc:DocumentCurrencyCode>
  <cac:AccountingSupplierParty><cac:Party>
    <cac:PostalAddress><cbc:StreetName>${esc(d.seller.street)}</cbc:StreetName><cbc:CityName>${esc(d.seller.city)}</cbc:CityName><cbc:PostalZone>${d.seller.postcode}</cbc:PostalZone><cac:Country><cbc:IdentificationCode>${d.seller.country}</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
    <cac:PartyTaxScheme><cbc:CompanyID>${d.seller.vatId}</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
    <cac:PartyLegalEntity><cbc:RegistrationName>${esc(d.seller.name)}</cbc:RegistrationName></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party><cac:PartyName><cbc:Name>${esc(d.buyer)}</cbc:Name></cac:PartyName></cac:Party></cac:AccountingCustomerParty>
${d.deliveryDate ? `  <cac:Delivery><cbc:ActualDeliveryDate>${d.deliveryDate}</cbc:ActualDeliveryDate></cac:Delivery>\n` : ''}  <cac:TaxTotal><cbc:TaxAmount currencyID="${d.currency}">${money(t.tax)}</cbc:TaxAmount></cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="${d.currency}">${money(t.net)}</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="${d.currency}">${money(t.net)}</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="${d.currency}">${money(t.gross)}</cbc:TaxInclusiveAmount>
${d.prepaid ? `    <cbc:PrepaidAmount currencyID="${d.currency}">${money(d.prepaid)}</cbc:PrepaidAmount>\n` : ''}    <cbc:PayableAmount currencyID="${d.currency}">${money(t.due)}</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
${d.items
	.map(
		(i, k) => `  <cac:${line}><cbc:ID>${k + 1}</cbc:ID><cbc:${qty} unitCode="C62">${i.quantity}</cbc:${qty}><cbc:LineExtensionAmount currencyID="${d.currency}">${money(i.quantity * i.price)}</cbc:LineExtensionAmount><cac:Item><cbc:Name>${esc(i.name)}</cbc:Name></cac:Item><cac:Price><cbc:PriceAmount currencyID="${d.currency}">${money(i.price)}</cbc:PriceAmount></cac:Price></cac:${line}>`,
	)
	.join('\n')}
</${root}>
`;
}

const pdfText = (s: string) => `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;

/** A one-page PDF printing `lines` (Helvetica 11 pt, top down), with `xml` embedded as `name` (a string as UTF-8, bytes as they are). */
export function pdfWithEmbeddedXml(lines: string[], xml: string | Buffer | null, name = 'factur-x.xml'): Buffer {
	const content = ['BT /F1 11 Tf 56 780 Td 14 TL', ...lines.map((l) => `${pdfText(l)} '`), 'ET'].join('\n');
	const xmlBytes = Buffer.isBuffer(xml) ? xml : Buffer.from(xml ?? '', 'utf8');
	const stream = (dict: string, data: Buffer) => Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]);
	return buildPdf([
		xml === null ? '<< /Type /Catalog /Pages 2 0 R >>' : `<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(${name}) 6 0 R] >> >> /AF [6 0 R] >>`,
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
		stream('', Buffer.from(content, 'latin1')),
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
		`<< /Type /Filespec /F (${name}) /UF (${name}) /AFRelationship /Alternative /EF << /F 7 0 R >> >>`,
		stream('/Type /EmbeddedFile /Subtype /text#2Fxml', xmlBytes),
	]);
}
