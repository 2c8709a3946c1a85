/** The OCR Table node with a mocked IExecuteFunctions against the real sidecar and OCR models. */
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OcrTable } from '../../nodes/OcrTable/OcrTable.node';
import { pdfWithLines } from '../helpers/fixtures';
import { binaryItem, executeContext } from '../helpers/n8nContext';
import { startTestSidecar, TEST_API_KEY, type TestSidecar } from '../helpers/sidecar';
import { combine, drawingPdf, drawingPng, layoutTable, priceTable, salesTable } from '../helpers/tables';

let sidecar: TestSidecar;
const node = new OcrTable();
const report = drawingPdf([combine(layoutTable(salesTable('booktabs', 30)), layoutTable(priceTable('none', 90)))]);

beforeAll(async () => {
	sidecar = await startTestSidecar({ API_KEY: TEST_API_KEY, PRELOAD_MODELS: 'pp-ocrv4' });
});
afterAll(async () => {
	await sidecar?.close();
});

const params = (extra: Record<string, unknown> = {}) => ({ binaryPropertyName: 'data', output: 'rows', tables: 'all', attach: 'none', language: 'auto', options: {}, ...extra });

describe('OCR Table node', () => {
	const creds = () => ({ baseUrl: sidecar.url, apiKey: TEST_API_KEY });

	it('outputs one item per row keyed by the header names, with the XLSX and the review picture attached to the first', async () => {
		const { ctx } = executeContext({ params: params({ attach: 'xlsx', options: { includeSource: true, attachReview: true } }), credentials: creds(), items: [binaryItem(report, 'report.pdf', 'application/pdf')] });
		const [out] = await node.execute.call(ctx);
		expect(out).toHaveLength(9);
		expect(out!.every((o) => JSON.stringify(o.pairedItem) === '{"item":0}')).toBe(true);
		// Spreadsheet-ready: number columns as numbers, date columns as ISO dates, codes as text.
		expect(out![0]!.json).toEqual({ fileName: 'report.pdf', page: 1, table: 1, row: 1, Region: 'North America', 'Quarter 1 Sales': 1284.5, 'Quarter 1 Units': 312, 'Quarter 2 Sales': 1402.75, 'Quarter 2 Units': 348 });
		expect(out![8]!.json).toMatchObject({ table: 2, row: 5, Item: 'E-1299', Description: 'Work lamp', Qty: 2, 'Unit price': 89, Delivery: '2024-05-06' });
		const file = out![0]!.binary!.table!;
		expect(file.fileName).toBe('report-tables.xlsx');
		expect(XLSX.read(Buffer.from(file.data, 'base64')).SheetNames).toHaveLength(2);
		expect(out![0]!.binary!.review).toMatchObject({ fileName: 'report-review.png', mimeType: 'image/png' });
		expect(out![1]!.binary).toBeUndefined();
	});

	it('outputs one item per table with rows as arrays and the cells, for the first table only, CSV attached', async () => {
		const { ctx } = executeContext({ params: params({ output: 'tables', tables: 'first', attach: 'csv' }), credentials: creds(), items: [binaryItem(report, 'report.pdf', 'application/pdf')] });
		const [out] = await node.execute.call(ctx);
		expect(out).toHaveLength(1);
		expect(out![0]!.json).toMatchObject({ fileName: 'report.pdf', page: 1, table: 1, header: ['Region', 'Quarter 1 Sales', 'Quarter 1 Units', 'Quarter 2 Sales', 'Quarter 2 Units'], rows: salesTable('none').rows });
		expect(out![0]!.json.columnTypes).toEqual([{ type: 'text' }, { type: 'number', decimal: '.' }, { type: 'number', decimal: '.' }, { type: 'number', decimal: '.' }, { type: 'number', decimal: '.' }]);
		expect(Buffer.from(out![0]!.binary!.table!.data, 'base64').toString('utf8')).toContain('North America,"1,284.50",312');
	});

	it('keeps every cell as read when asked', async () => {
		const { ctx } = executeContext({ params: params({ options: { keepText: true } }), credentials: creds(), items: [binaryItem(report, 'report.pdf', 'application/pdf')] });
		const [out] = await node.execute.call(ctx);
		expect(out![0]!.json).toMatchObject({ Region: 'North America', 'Quarter 1 Sales': '1,284.50', 'Quarter 1 Units': '312' });
	});

	it('reads a scanned table image; a document without tables still gives an item; Continue On Fail keeps a corrupt file as an error item', async () => {
		const png = await drawingPng(combine(layoutTable(priceTable('grid', 15))), 150, { heightMm: 70 });
		const items = [
			binaryItem(png, 'prices.png', 'image/png'),
			binaryItem(pdfWithLines([['Dear customer, thank you for your order.']]), 'letter.pdf', 'application/pdf'),
			binaryItem(Buffer.from('%PDF-1.4 not really'), 'broken.pdf', 'application/pdf'),
		];
		const { ctx } = executeContext({ params: params(), credentials: creds(), items, continueOnFail: true });
		const [out] = await node.execute.call(ctx);
		expect(out!.map((o) => (o.pairedItem as { item: number }).item)).toEqual([0, 0, 0, 0, 0, 1, 2]);
		expect(out!.slice(0, 5).map((o) => o.json.Item)).toEqual(['A-1001', 'B-2040', 'C-3310', 'D-0475', 'E-1299']);
		expect(out![3]!.json).toEqual({ Item: 'D-0475', Description: 'Cable ties', Qty: 500, 'Unit price': 0.04, Delivery: '2024-04-18' });
		expect(out![5]!.json).toMatchObject({ fileName: 'letter.pdf', tablesFound: 0 });
		expect(out![6]!.json.error).toMatch(/broken\.pdf is not a readable PDF/);
	});

	it('without Continue On Fail, stops with an error that names the item', async () => {
		const { ctx } = executeContext({ params: params(), credentials: creds(), items: [binaryItem(Buffer.from('not a pdf at all'), 'x.pdf', 'application/pdf')] });
		await expect(node.execute.call(ctx)).rejects.toMatchObject({ context: { itemIndex: 0 } });
	});
});
