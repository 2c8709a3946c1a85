/** The OCR Invoice node with a mocked IExecuteFunctions against the real sidecar and OCR models. */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OcrInvoice } from '../../nodes/OcrInvoice/OcrInvoice.node';
import { businessPage, renderPage } from '../helpers/documents';
import { invoiceWithItems } from '../helpers/invoices';
import { binaryItem, executeContext } from '../helpers/n8nContext';
import { drawingPdf } from '../helpers/tables';
import { startTestSidecar, TEST_API_KEY, type TestSidecar } from '../helpers/sidecar';

let sidecar: TestSidecar;
let invoicePng: Buffer;
const node = new OcrInvoice();

beforeAll(async () => {
	sidecar = await startTestSidecar({ API_KEY: TEST_API_KEY, PRELOAD_MODELS: 'pp-ocrv4' });
	invoicePng = await renderPage(businessPage('en'), { dpi: 150 });
});
afterAll(async () => {
	await sidecar?.close();
});

describe('OCR Invoice node', () => {
	const creds = () => ({ baseUrl: sidecar.url, apiKey: TEST_API_KEY });

	it('outputs the fields flat, ready for a spreadsheet row, with the review flag and text lines', async () => {
		const { ctx } = executeContext({ params: { binaryPropertyName: 'data', language: 'auto', options: { includeTextLines: true } }, credentials: creds(), items: [binaryItem(invoicePng, 'inv.png', 'image/png')] });
		const [out] = await node.execute.call(ctx);
		expect(out).toHaveLength(1);
		expect(out![0]!.pairedItem).toEqual({ item: 0 });
		const json = out![0]!.json;
		expect(json).toMatchObject({ fileName: 'inv.png', invoiceNumber: 'INV-2024-0917', invoiceDate: '2024-03-12', dueDate: '2024-04-11', total: 1541.4, subtotal: 1284.5, tax: 256.9, needsReview: false, weakFields: [] });
		expect((json.textLines as unknown[]).length).toBeGreaterThan(10);
		expect(json.toCheck).toBe('');
		expect((json.timings as { totalMs: number }).totalMs).toBeGreaterThan(0);
		expect(out![0]!.binary).toBeUndefined();
	});

	it('attaches the review picture as the binary property "review" on the invoice item', async () => {
		const { ctx } = executeContext({ params: { binaryPropertyName: 'data', language: 'auto', options: { attachReview: true } }, credentials: creds(), items: [binaryItem(invoicePng, 'inv.png', 'image/png')] });
		const [out] = await node.execute.call(ctx);
		const review = out![0]!.binary?.review;
		expect(review).toMatchObject({ fileName: 'inv-review.png', mimeType: 'image/png' });
		const png = Buffer.from(review!.data, 'base64');
		expect((await sharp(png).metadata()).width).toBe(1000);
	});

	it('splits line items into items that carry the invoice fields, or lists them on the invoice item', async () => {
		const inv = invoiceWithItems('en');
		const item = binaryItem(drawingPdf([inv.drawing]), 'office.pdf', 'application/pdf');
		const split = executeContext({ params: { binaryPropertyName: 'data', language: 'auto', options: { splitLineItems: true } }, credentials: creds(), items: [item] });
		const [rows] = await node.execute.call(split.ctx);
		expect(rows!.map((r) => r.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
		expect(rows!.map((r) => r.json)).toEqual(
			inv.items.map((li, k) => ({ fileName: 'office.pdf', invoiceNumber: 'INV-2024-1201', invoiceDate: '2024-02-14', vendorName: 'Brightline Office Supplies Ltd.', currency: null, needsReview: false, line: k + 1, ...li, check: 'pass' })),
		);
		const whole = executeContext({ params: { binaryPropertyName: 'data', language: 'auto', options: {} }, credentials: creds(), items: [item] });
		const [one] = await node.execute.call(whole.ctx);
		expect(one).toHaveLength(1);
		expect((one![0]!.json.lineItems as unknown[]).length).toBe(3);
		expect(one![0]!.json.validation).toEqual({ subtotalPlusTax: 'pass', vendorTaxId: 'not-checked', lineItemsSum: 'pass', lineAmounts: 'pass' });
	});

	it('flags weak documents for review, and with Continue On Fail turns a corrupt file into an error item', async () => {
		const blank = await renderPage([{ text: 'Thank you', xMm: 20, yMm: 30, sizePt: 14 }], { dpi: 100, heightMm: 60 });
		const items = [binaryItem(blank, 'note.png', 'image/png'), binaryItem(Buffer.from('%PDF-1.4 not really'), 'broken.pdf', 'application/pdf')];
		const { ctx } = executeContext({ params: { binaryPropertyName: 'data', language: 'auto', options: {} }, credentials: creds(), items, continueOnFail: true });
		const [out] = await node.execute.call(ctx);
		expect(out!.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(out![0]!.json).toMatchObject({ needsReview: true, total: null });
		expect(out![0]!.json.weakFields).toEqual(expect.arrayContaining(['invoiceNumber', 'total']));
		expect(out![0]!.json.toCheck).toMatch(/^Check the invoice number \(not found\);.* the total \(not found\)/);
		expect(out![1]!.json.error).toMatch(/broken\.pdf is not a readable PDF/);
	});
});
