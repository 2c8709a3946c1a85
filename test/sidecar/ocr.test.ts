/**
 * POST /v1/ocr against the real PP-OCRv4 models, on documents rendered here from known text.
 * Accuracy is asserted as CER (spaces counted, case-sensitive); speed is left to bench/.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessPage, cer, degrade, renderPage, twoColumnPage } from '../helpers/documents';
import { buildPdf, encryptedPdf, multipart, pdfString, pdfWithJpeg, pdfWithLines, pdfWithPages, pngHeaderOnly, pngOf } from '../helpers/fixtures';
import { validatorOf } from '../helpers/openapi';
import { expectProblem } from '../helpers/problem';
import { startTestSidecar, type TestSidecar } from '../helpers/sidecar';

interface Line {
	text: string;
	confidence: number;
	box: [number, number, number, number];
}
interface Page {
	page: number;
	width: number;
	height: number;
	source: string;
	lines: Line[];
	text: string;
	language: string | null;
}
interface Result {
	device: string;
	documents: Array<{ filename: string; pageCount: number; pages: Page[] }>;
	pages?: Page[];
	timings: { ocrMs: number; textLayerMs: number };
}

let sidecar: TestSidecar;
let validate: (name: string, body: unknown) => string | null;

beforeAll(async () => {
	sidecar = await startTestSidecar({ PRELOAD_MODELS: 'pp-ocrv4', MAX_PAGES: '3' });
	validate = await validatorOf(sidecar.url);
});
afterAll(async () => {
	await sidecar?.close();
});

async function ocr(files: Array<{ name: string; data: Buffer }>, fields: Record<string, string> = {}): Promise<Response> {
	return await fetch(`${sidecar.url}/v1/ocr`, { method: 'POST', body: multipart(files, fields) });
}

async function ocrOk(name: string, data: Buffer, fields: Record<string, string> = {}): Promise<Result> {
	const res = await ocr([{ name, data }], fields);
	const body = (await res.json()) as Result;
	expect(res.status, JSON.stringify(body)).toBe(200);
	expect(validate('OcrResult', body)).toBeNull();
	return body;
}


describe('POST /v1/ocr on rendered business documents', () => {
	it('reads an English A4 page at 150 DPI with CER ≤ 1 %, lines in reading order with boxes on the page', async () => {
		const lines = businessPage('en');
		const result = await ocrOk('invoice.png', await renderPage(lines, { dpi: 150 }));
		const page = result.pages![0]!;
		expect(result.device).toBe('cpu');
		expect(page).toMatchObject({ page: 1, width: 1240, height: 1754, source: 'ocr' });
		const truth = lines.map((l) => l.text).join('\n');
		expect(cer(page.text, truth)).toBeLessThanOrEqual(0.01);
		expect(page.lines[0]!.text).toBe('ACME Industrial Supplies Ltd.');
		for (const l of page.lines) {
			expect(l.box[0]).toBeGreaterThanOrEqual(0);
			expect(l.box[2]).toBeLessThanOrEqual(page.width);
			expect(l.box[3]).toBeGreaterThan(l.box[1]);
			expect(l.confidence).toBeGreaterThan(0.5);
		}
	});

	for (const lang of ['es', 'de', 'fr'] as const) {
		it(`reads a ${lang} page at 300 DPI with accents restored, CER ≤ 1 %`, async () => {
			const lines = businessPage(lang, 'Liberation Serif');
			const result = await ocrOk(`${lang}.png`, await renderPage(lines, { dpi: 300 }));
			const text = result.pages![0]!.text;
			expect(cer(text, lines.map((l) => l.text).join('\n'))).toBeLessThanOrEqual(0.01);
		});
	}

	it("restores a foreign party's accents on an English page, in its block only, and keeps an ss as printed", async () => {
		// The page's language is English: its own words are never repaired. The seller's block says German
		// (GmbH, -straße) and the buyer's Spanish (S.L., Calle), though its town line carries no marker.
		const party = [
			'Müller Gerüstbau GmbH',
			'Bahnhofstraße 46',
			'80331 München',
			'Musterstrasse 4',
			'Panadería Ortiz S.L.',
			'Calle Mayor 7',
			'15003 A Coruña',
		];
		const english = ['Invoice for the scaffolding and your payment', 'Please pay the total within 30 days', 'Thank you for your order'];
		const lines = [
			...party.slice(0, 4).map((text, i) => ({ text, xMm: 20, yMm: 20 + 6 * i, sizePt: 11 })),
			...party.slice(4).map((text, i) => ({ text, xMm: 120, yMm: 20 + 6 * i, sizePt: 11 })),
			...english.map((text, i) => ({ text, xMm: 20, yMm: 80 + 12 * i, sizePt: 11 })),
		];
		const result = await ocrOk('parties.png', await renderPage(lines, { dpi: 200, heightMm: 130 }));
		const page = result.pages![0]!;
		expect(page.language).toBe('en');
		expect(page.lines.map((l) => l.text)).toEqual(expect.arrayContaining([...party, ...english]));
	});

	it('reads an acute over an i from its ink on a Spanish page (names no dictionary holds), and leaves plain i as printed', async () => {
		const texts = ['Factura para el cliente con fecha de pago', 'Sofía Díaz Pizarro', 'Distribuidora Pinilla, Villaviciosa'];
		for (const font of ['Liberation Serif', 'DejaVu Sans']) {
			const lines = texts.map((text, i) => ({ text, xMm: 20, yMm: 20 + 9 * i, sizePt: 10, font }));
			const result = await ocrOk('es.png', await renderPage(lines, { dpi: 200, widthMm: 150, heightMm: 60 }));
			expect(result.pages![0]!.lines.map((l) => l.text)).toEqual(texts);
		}
	});

	it('reads a degraded scan (2° skew, noise, JPEG quality 40, 200 DPI) with CER ≤ 3 %', async () => {
		const lines = businessPage('de', 'DejaVu Sans');
		const scan = await degrade(await renderPage(lines, { dpi: 200 }), { angleDeg: 2, noise: 25, jpegQuality: 40 });
		const result = await ocrOk('scan.jpg', scan);
		expect(cer(result.pages![0]!.text, lines.map((l) => l.text).join('\n'))).toBeLessThanOrEqual(0.03);
	});

	it('reads two columns one after the other', async () => {
		const { lines, left, right } = twoColumnPage();
		const result = await ocrOk('columns.png', await renderPage(lines, { dpi: 200 }));
		const text = result.pages![0]!.text;
		expect(cer(text, [...left, ...right].join('\n'))).toBeLessThanOrEqual(0.02);
		expect(text.indexOf('until it reaches its end.')).toBeLessThan(text.indexOf('A second column starts'));
	});

	it('writes the € and £ signs the recogniser has no class for, in a font their templates were not made from', async () => {
		const amounts = ['Zwischensumme 1.234,56 €', 'Totale € 2.071,94', 'Subtotal £ 99.00', 'Total 120,50€'];
		for (const font of ['Liberation Sans', 'DejaVu Sans Mono']) {
			const lines = amounts.map((text, i) => ({ text, xMm: 20, yMm: 20 + 10 * i, sizePt: 11, font }));
			const result = await ocrOk('amounts.png', await renderPage(lines, { dpi: 150, heightMm: 70 }));
			expect(result.pages![0]!.lines.map((l) => l.text)).toEqual(amounts);
		}
	});

	it('reads an upside-down line', async () => {
		const png = await renderPage([{ text: 'Delivery note 7731 for Harbour Street', xMm: 20, yMm: 30, sizePt: 14 }], { dpi: 200, heightMm: 50 });
		const result = await ocrOk('flipped.png', await sharp(png).rotate(180).png().toBuffer());
		expect(result.pages![0]!.text).toBe('Delivery note 7731 for Harbour Street');
	});

	it('returns a blank page with no lines', async () => {
		const result = await ocrOk('blank.png', await pngOf(800, 1000));
		expect(result.pages![0]!.lines).toEqual([]);
		expect(result.pages![0]!.text).toBe('');
	});

	it('reads every page of a multi-page TIFF, or the ones asked for', async () => {
		const a = await renderPage([{ text: 'First page of the fax', xMm: 20, yMm: 30, sizePt: 14 }], { dpi: 150, heightMm: 60 });
		const b = await renderPage([{ text: 'Second page of the fax', xMm: 20, yMm: 30, sizePt: 14 }], { dpi: 150, heightMm: 60 });
		const tiff = await sharp([a, b], { join: { animated: true } }).tiff().toBuffer();
		const all = await ocrOk('fax.tiff', tiff);
		expect(all.documents[0]!.pageCount).toBe(2);
		expect(all.pages!.map((p) => p.text)).toEqual(['First page of the fax', 'Second page of the fax']);
		const second = await ocrOk('fax.tiff', tiff, { pages: '2' });
		expect(second.pages!.map((p) => [p.page, p.text])).toEqual([[2, 'Second page of the fax']]);
	});
});

describe('POST /v1/ocr on PDFs', () => {
	const textPages = [
		['Rechnung Nr. 2024-118 für Müller & Söhne', 'Größe: 12, Preis: 1.234,56 EUR'],
		['Société Générale – facture à payer', 'Page two: total 99,00 € (œuvre)'],
	];

	it('reads a digital PDF from its text layer exactly, without OCR', async () => {
		const result = await ocrOk('digital.pdf', pdfWithLines(textPages));
		expect(result.pages!.map((p) => p.source)).toEqual(['text-layer', 'text-layer']);
		expect(result.pages!.map((p) => p.text)).toEqual(textPages.map((lines) => lines.join('\n')));
		expect(result.timings.ocrMs).toBe(0);
		// pixel coordinates at the default 200 DPI: US Letter is 1700 × 2200
		expect(result.pages![0]).toMatchObject({ width: 1700, height: 2200 });
		const first = result.pages![0]!.lines[0]!;
		expect(first.box[0]).toBe(200); // 72 pt from the left edge
	});

	it('renders and OCRs the same PDF with mode=ocr, and honours a page range', async () => {
		const result = await ocrOk('digital.pdf', pdfWithLines(textPages), { mode: 'ocr', pages: '2' });
		expect(result.pages!.map((p) => [p.page, p.source])).toEqual([[2, 'ocr']]);
		expect(cer(result.pages![0]!.text, textPages[1]!.join('\n'))).toBeLessThanOrEqual(0.05);
	});

	it('OCRs a scanned PDF (an image, no text layer) in auto mode', async () => {
		const lines = businessPage('en');
		const jpeg = await sharp(await renderPage(lines, { dpi: 150 })).jpeg({ quality: 85 }).toBuffer();
		const result = await ocrOk('scan.pdf', pdfWithJpeg(jpeg, 1240, 1754));
		expect(result.pages![0]!.source).toBe('ocr');
		expect(cer(result.pages![0]!.text, lines.map((l) => l.text).join('\n'))).toBeLessThanOrEqual(0.01);
	});

	it('OCRs a scan whose text layer is only a stamp at its foot, and keeps a digital page over a full-page image as text', async () => {
		const lines = businessPage('en');
		const jpeg = await sharp(await renderPage(lines, { dpi: 150 })).jpeg({ quality: 85 }).toBuffer();
		const stamped = await ocrOk('stamped.pdf', pdfWithJpeg(jpeg, 1240, 1754, 'Officially printed on 03/09/20 05:36 PM   Page: 1'));
		expect(stamped.pages![0]!.source).toBe('ocr');
		expect(cer(stamped.pages![0]!.text.split('\n').filter((l) => !/printed/i.test(l)).join('\n'), lines.map((l) => l.text).join('\n'))).toBeLessThanOrEqual(0.02);
		// A page of real text over a full-page image (a letterhead drawn as one) keeps its text layer.
		const blank = await sharp({ create: { width: 200, height: 280, channels: 3, background: '#fafafa' } }).jpeg().toBuffer();
		const letterhead = buildPdf([
			{
				resources: '<< /XObject << /Im1 6 0 R >> /Font << /F1 3 0 R >> >>',
				content: ['q 612 0 0 792 0 0 cm /Im1 Do Q', ...lines.map((l, i) => `BT /F1 10 Tf 60 ${740 - i * 16} Td ${pdfString(l.text)} Tj ET`)].join('\n'),
				extra: () => [Buffer.concat([Buffer.from(`<< /Type /XObject /Subtype /Image /Width 200 /Height 280 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${blank.length} >>\nstream\n`, 'latin1'), blank, Buffer.from('\nendstream', 'latin1')])],
			},
		]);
		const digital = await ocrOk('letterhead.pdf', letterhead);
		expect(digital.pages![0]!.source).toBe('text-layer');
		expect(digital.timings.ocrMs).toBe(0);
	});

	it('renders an oversized page (a 5 m poster) at a lower DPI instead of exhausting memory', async () => {
		const poster = pdfWithLines([['Site plan, sheet 4']], 400, '0 0 14400 14400');
		const result = await ocrOk('poster.pdf', poster, { mode: 'ocr' });
		const page = result.pages![0]! as Page & { dpi: number };
		expect(page.width * page.height).toBeLessThanOrEqual(60_000_000);
		expect(page.dpi).toBeLessThan(200);
		expect(page.text).toMatch(/Site plan, sheet 4/);
	});

	it('answers several files as several documents', async () => {
		const res = await ocr([
			{ name: 'a.pdf', data: pdfWithPages(1, 'Alpha') },
			{ name: 'b.pdf', data: pdfWithPages(2, 'Beta') },
		]);
		const body = (await res.json()) as Result;
		expect(res.status).toBe(200);
		expect(body.pages).toBeUndefined();
		expect(body.documents.map((d) => [d.filename, d.pageCount, d.pages.map((p) => p.text)])).toEqual([
			['a.pdf', 1, ['Alpha 1']],
			['b.pdf', 2, ['Beta 1', 'Beta 2']],
		]);
	});
});

describe('POST /v1/ocr bad input', () => {
	it('refuses each bad file with a problem naming it, and keeps serving', async () => {
		await expectProblem(await ocr([{ name: 'zero.png', data: Buffer.alloc(0) }]), 422, 'empty-file', /zero\.png is empty/);
		const png = await pngOf(200, 100, 'x');
		await expectProblem(await ocr([{ name: 'cut.png', data: png.subarray(0, png.length / 2) }]), 422, 'corrupt-image', /cut\.png/);
		await expectProblem(await ocr([{ name: 'note.png', data: Buffer.from('plain text pretending to be a PNG\n') }]), 415, 'unsupported-media-type', /note\.png/);
		await expectProblem(await ocr([{ name: 'huge.png', data: pngHeaderOnly(30000, 30000) }]), 422, 'image-too-large', /30000×30000/);
		await expectProblem(await ocr([{ name: 'none.pdf', data: pdfWithPages(0) }]), 422, 'empty-pdf', /none\.pdf has no pages/);
		await expectProblem(await ocr([{ name: 'locked.pdf', data: encryptedPdf() }]), 422, 'encrypted-pdf', /locked\.pdf is password-protected/);
		await expectProblem(await ocr([{ name: 'bad.pdf', data: Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog') }]), 422, 'corrupt-pdf', /bad\.pdf/);
		await expectProblem(await ocr([{ name: 'two.pdf', data: pdfWithPages(2) }], { pages: '5' }), 422, 'page-range', /page 5 is outside the document \(2 pages\)/);
		await expectProblem(await ocr([{ name: 'four.pdf', data: pdfWithPages(4) }]), 422, 'too-many-pages', /MAX_PAGES=3/);
		await expectProblem(await ocr([{ name: 'a.pdf', data: pdfWithPages(1) }], { dpi: '5000' }), 400, 'bad-request', /dpi must be an integer from 72 to 600/);
		await expectProblem(await ocr([{ name: 'a.pdf', data: pdfWithPages(1) }], { mode: 'fast' }), 400, 'bad-request', /mode must be auto, ocr or text/);
		expect((await fetch(`${sidecar.url}/healthz`)).status).toBe(200);
		expect((await ocrOk('ok.pdf', pdfWithPages(1, 'Still')))).toMatchObject({ pages: [{ text: 'Still 1' }] });
	});
});
