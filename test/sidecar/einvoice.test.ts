/**
 * E-invoices read exactly (issue 19): CII and UBL XML by themselves, and a PDF carrying its XML as
 * ZUGFeRD / Factur-X / XRechnung do; the XML wins over the printed page, and where they disagree
 * the answer says so. Bad XML never reaches a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { looksLikeEInvoice, readEInvoice } from '../../sidecar/src/einvoice/read';
import { find, parseXml, XmlError } from '../../sidecar/src/einvoice/xml';
import { xmlText } from '../../sidecar/src/einvoice/decode';
import { ciiXml, pdfWithEmbeddedXml, totals, ublXml, zugferd1Xml, type EInvoiceData } from '../helpers/einvoice';
import { multipart } from '../helpers/fixtures';
import { startTestSidecar, type TestSidecar } from '../helpers/sidecar';

const DATA: EInvoiceData = {
	number: 'RE-2026-04711',
	issueDate: '2026-03-12',
	dueDate: '2026-04-11',
	deliveryDate: '2026-03-10',
	seller: { name: 'Müller & Söhne GmbH', street: 'Hafenstraße 12', postcode: '20457', city: 'Hamburg', country: 'DE', vatId: 'DE 123 456 789' },
	buyer: 'Bäckerei Schulz KG',
	currency: 'EUR',
	items: [
		{ name: 'Edelstahlschrauben M8 <100 Stk>', quantity: 12, price: 4.95 },
		{ name: 'Montage vor Ort', quantity: 3.5, price: 68 },
	],
	taxRate: 19,
};
const T = totals(DATA);

describe('XML reader', () => {
	it('reads elements, attributes, entities, character references and CDATA, ignoring prefixes', () => {
		const root = parseXml('<?xml version="1.0"?><a:r xmlns:a="u"><a:b k="x &amp; y">1 &lt; 2 &#233;&#x20AC;</a:b><c><![CDATA[<raw> & ok]]></c><d/></a:r>');
		expect(root.name).toBe('r');
		expect(find(root, 'b')).toMatchObject({ attrs: { k: 'x & y' }, text: '1 < 2 é€' });
		expect(find(root, 'c')?.text).toBe('<raw> & ok');
		expect(find(root, 'd')).toMatchObject({ text: '', children: [] });
	});

	it('refuses a DTD (entity-expansion bombs), unknown entities, deep nesting and broken structure', () => {
		const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><Invoice>&lol2;</Invoice>`;
		expect(() => parseXml(bomb)).toThrow(/document type/);
		expect(() => parseXml('<a>&nbsp;</a>')).toThrow(XmlError);
		expect(() => parseXml(`${'<a>'.repeat(200)}${'</a>'.repeat(200)}`)).toThrow(/nested/);
		expect(() => parseXml('<a><b></a></b>')).toThrow(XmlError);
		expect(() => parseXml('<a>')).toThrow(/not closed/);
		expect(() => parseXml('<a/><b/>')).toThrow(/more than one root/);
	});

	it('maps CII (ZUGFeRD 1.0 and D16B) and UBL to the same fields and line items; a credit note gives negative amounts', () => {
		for (const xml of [ciiXml(DATA), zugferd1Xml(DATA), ublXml(DATA)]) {
			const e = readEInvoice(xml);
			expect(e.fields).toEqual({
				invoiceNumber: 'RE-2026-04711',
				invoiceDate: '2026-03-12',
				dueDate: '2026-04-11',
				deliveryDate: '2026-03-10',
				vendorName: 'Müller & Söhne GmbH',
				vendorAddress: 'Hafenstraße 12, 20457 Hamburg, DE',
				vendorTaxId: 'DE 123 456 789',
				billTo: 'Bäckerei Schulz KG',
				currency: 'EUR',
				subtotal: T.net,
				tax: T.tax,
				total: T.gross,
				amountDue: T.gross,
			});
			expect(e.lineItems.map((l) => [l.description, l.quantity, l.unitPrice, l.amount, l.check])).toEqual([
				['Edelstahlschrauben M8 <100 Stk>', 12, 4.95, 59.4, 'pass'],
				['Montage vor Ort', 3.5, 68, 238, 'pass'],
			]);
			expect(e.documentType).toBe('invoice');
		}
		const credit = readEInvoice(ciiXml({ ...DATA, credit: true }));
		expect(credit).toMatchObject({ documentType: 'credit-note', fields: { total: -T.gross, subtotal: -T.net } });
		expect(readEInvoice(ublXml({ ...DATA, credit: true })).fields.total).toBe(-T.gross);
		expect(readEInvoice(zugferd1Xml({ ...DATA, credit: true })).fields.total).toBe(-T.gross);
		expect(readEInvoice(zugferd1Xml(DATA)).profile).toBe('urn:ferd:CrossIndustryDocument:invoice:1p0:comfort');
		// A deposit paid before: the total stays the gross (GrandTotalAmount, TaxInclusiveAmount), the amount due is what is left.
		for (const xml of [ciiXml({ ...DATA, prepaid: 100 }), zugferd1Xml({ ...DATA, prepaid: 100 }), ublXml({ ...DATA, prepaid: 100 })])
			expect(readEInvoice(xml).fields).toMatchObject({ total: T.gross, amountDue: Math.round((T.gross - 100) * 100) / 100 });
	});

	it('reads the bytes in the encoding the file declares or marks: UTF-8, ISO-8859-1, UTF-16 LE and BE', () => {
		const name = 'Müller & Söhne GmbH';
		const latin1 = Buffer.from(zugferd1Xml(DATA, 'ISO-8859-1'), 'latin1');
		expect(latin1.includes(Buffer.from('Müller', 'utf8'))).toBe(false);
		expect(readEInvoice(xmlText(latin1)).fields.vendorName).toBe(name);
		const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ublXml(DATA).replace('UTF-8', 'UTF-16'), 'utf16le')]);
		expect(readEInvoice(xmlText(utf16le)).fields.vendorName).toBe(name);
		const utf16be = Buffer.from(ublXml(DATA).replace('UTF-8', 'UTF-16'), 'utf16le').swap16();
		expect(readEInvoice(xmlText(utf16be)).fields.billTo).toBe('Bäckerei Schulz KG');
		expect(readEInvoice(xmlText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ciiXml(DATA))]))).fields.vendorName).toBe(name);
	});

	it('takes the seller VAT number from the VAT scheme when another tax scheme comes first, and the street from an address line', () => {
		const xml = ublXml(DATA)
			.replace('<cac:PartyTaxScheme>', '<cac:PartyTaxScheme><cbc:CompanyID>Foretaksregisteret</cbc:CompanyID><cac:TaxScheme><cbc:ID>TAX</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme><cac:PartyTaxScheme>')
			.replace(/<cbc:StreetName>(.*?)<\/cbc:StreetName>/, '<cac:AddressLine><cbc:Line>$1</cbc:Line></cac:AddressLine>');
		expect(readEInvoice(xml).fields).toMatchObject({ vendorTaxId: 'DE 123 456 789', vendorAddress: 'Hafenstraße 12, 20457 Hamburg, DE' });
	});

	it('reads an invoice inside a Peppol envelope (StandardBusinessDocument)', () => {
		const ubl = ublXml(DATA).replace(/^<\?xml[^>]*>\s*/, '');
		const sbd = `<?xml version="1.0" encoding="UTF-8"?>
<StandardBusinessDocument xmlns="http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader">
  <StandardBusinessDocumentHeader><HeaderVersion>1.0</HeaderVersion><Sender><Identifier Authority="iso6523-actorid-upis">0088:7315458756324</Identifier></Sender><DocumentIdentification><Standard>urn:oasis:names:specification:ubl:schema:xsd:Invoice-2</Standard><TypeVersion>2.1</TypeVersion><InstanceIdentifier>4a7d3f1c</InstanceIdentifier><Type>Invoice</Type></DocumentIdentification></StandardBusinessDocumentHeader>
  ${ubl}
</StandardBusinessDocument>`;
		expect(looksLikeEInvoice(sbd)).toBe(true);
		expect(readEInvoice(sbd).fields).toMatchObject({ invoiceNumber: 'RE-2026-04711', total: T.gross, vendorName: 'Müller & Söhne GmbH' });
	});

	it('takes the tax from the per-rate amounts when the summation has no tax total', () => {
		const xml = zugferd1Xml(DATA);
		expect(xml).not.toContain('TaxTotalAmount');
		expect(readEInvoice(xml).fields.tax).toBe(T.tax);
	});
});

describe('POST /v1/ocr/invoice with e-invoices', () => {
	let sidecar: TestSidecar;
	beforeAll(async () => {
		sidecar = await startTestSidecar({ PRELOAD_MODELS: 'pp-ocrv4' });
	}, 120_000);
	afterAll(async () => {
		await sidecar?.close();
	});
	const post = async (name: string, data: Buffer) => {
		const res = await fetch(`${sidecar.url}/v1/ocr/invoice`, { method: 'POST', body: multipart([{ name, data }]) });
		return { status: res.status, body: (await res.json()) as Record<string, any> };
	};
	const printed = (total: string) => ['Müller & Söhne GmbH', 'Rechnung Nr. RE-2026-04711', 'Rechnungsdatum: 12.03.2026', `Nettobetrag: ${T.net.toFixed(2).replace('.', ',')} EUR`, `Gesamtbetrag: ${total} EUR`];

	it('reads a bare CII or UBL file exactly, confidence 1, source e-invoice', async () => {
		for (const [name, xml] of [
			['xrechnung.xml', Buffer.from(ciiXml(DATA))],
			['peppol.xml', Buffer.from(ublXml(DATA))],
			['zugferd1-latin1.xml', Buffer.from(zugferd1Xml(DATA, 'ISO-8859-1'), 'latin1')],
			// A comment before the root, as the EN 16931 examples open with their licence.
			['licensed.xml', Buffer.from(`<!--\n  Licensed under EUPL 1.2.\n-->\n${ublXml(DATA).replace(/^<\?xml[^>]*>\s*/, '')}`)],
			['peppol-utf16.xml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ublXml(DATA).replace('UTF-8', 'UTF-16'), 'utf16le')])],
		] as const) {
			const r = await post(name, xml);
			expect(r.status, name).toBe(200);
			expect(r.body).toMatchObject({ source: 'e-invoice', documentType: 'invoice', fields: { invoiceNumber: 'RE-2026-04711', total: T.gross }, validation: { subtotalPlusTax: 'pass', lineItemsSum: 'pass', eInvoice: { matchesPrint: 'not-checked' } } });
			expect(r.body.details.total).toMatchObject({ confidence: 1, box: null });
			expect(r.body.lineItems).toHaveLength(2);
			expect(r.body.fields.vendorName, name).toBe('Müller & Söhne GmbH');
		}
	});

	it('reads the ZUGFeRD 1.0 XML (ISO-8859-1) inside a PDF as its makers named it', async () => {
		const pdf = pdfWithEmbeddedXml(printed(T.gross.toFixed(2).replace('.', ',')), Buffer.from(zugferd1Xml(DATA, 'ISO-8859-1'), 'latin1'), 'ZUGFeRD-invoice.xml');
		const r = await post('zugferd1.pdf', pdf);
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({ source: 'e-invoice', fields: { vendorName: 'Müller & Söhne GmbH', billTo: 'Bäckerei Schulz KG', total: T.gross, dueDate: '2026-04-11' }, validation: { eInvoice: { matchesPrint: 'pass', format: 'CII' } } });
	});

	it('reads the XML inside a Factur-X PDF, and finds its printed page agrees', async () => {
		const r = await post('facturx.pdf', pdfWithEmbeddedXml(printed(T.gross.toFixed(2).replace('.', ',')), ciiXml(DATA)));
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({ source: 'e-invoice', fields: { vendorName: 'Müller & Söhne GmbH', total: T.gross }, validation: { eInvoice: { matchesPrint: 'pass', differences: [], format: 'CII' } } });
		expect(r.body.pages[0].text).toMatch(/Gesamtbetrag/);
	});

	it('lets the XML win where the printed page disagrees, and says where', async () => {
		const r = await post('facturx.pdf', pdfWithEmbeddedXml(printed('999,99'), ciiXml(DATA)));
		expect(r.body.fields.total).toBe(T.gross);
		expect(r.body.validation.eInvoice.matchesPrint).toBe('fail');
		expect(r.body.validation.eInvoice.differences).toContainEqual({ field: 'total', eInvoice: T.gross, printed: 999.99 });
	});

	it('falls back to the printed page when the embedded XML is malformed, and says so', async () => {
		const r = await post('broken-xml.pdf', pdfWithEmbeddedXml(printed(T.gross.toFixed(2).replace('.', ',')), '<rsm:CrossIndustryInvoice><rsm:ExchangedDocument>'));
		expect(r.status).toBe(200);
		expect(r.body.source).toBe('document');
		expect(r.body.validation.eInvoice.unreadable).toMatch(/factur-x\.xml: .*not closed/);
		expect(r.body.fields.invoiceNumber).toBe('RE-2026-04711');
	});

	it('refuses an XML bomb and malformed or foreign XML with 422, never 500', async () => {
		const bomb = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><Invoice>&b;</Invoice>`;
		for (const [name, xml] of [
			['bomb.xml', bomb],
			['cut.xml', ciiXml(DATA).slice(0, 500)],
			['feed.xml', '<?xml version="1.0"?><rss><channel/></rss>'],
		] as const) {
			const r = await post(name, Buffer.from(xml));
			expect(r.status, name).toBe(422);
			expect(r.body.type).toBe('urn:gpu-inference:problem:invalid-e-invoice');
			expect(r.body.detail).toContain(name);
		}
	});
});
