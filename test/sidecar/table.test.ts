/**
 * POST /v1/ocr/table on tables drawn from known cells: ruled, row-ruled, three-rule and borderless,
 * as digital PDFs (text layer + vector rules) and as images read through OCR, clean and scanned.
 */
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { degrade } from '../helpers/documents';
import { multipart, pdfWithLines } from '../helpers/fixtures';
import { validatorOf } from '../helpers/openapi';
import { expectProblem } from '../helpers/problem';
import { startTestSidecar, type TestSidecar } from '../helpers/sidecar';
import { combine, drawingPdf, drawingPng, layoutTable, paragraph, priceTable, salesTable, type TableSpec, type TableStyle } from '../helpers/tables';

let sidecar: TestSidecar;
let validate: (name: string, body: unknown) => string | null;

beforeAll(async () => {
	sidecar = await startTestSidecar({ PRELOAD_MODELS: 'pp-ocrv4' });
	validate = await validatorOf(sidecar.url);
});
afterAll(async () => {
	await sidecar?.close();
});

interface TableAnswer {
	tables: Array<{ page: number; box: number[]; method: string; header: string[] | null; headerRows: number; rows: string[][]; cells: Array<{ row: number; col: number; rowSpan: number; colSpan: number; text: string }> }>;
	file?: { format: string; fileName: string; mimeType: string; base64: string };
	pages: Array<{ page: number; source: string }>;
}

async function post(name: string, data: Buffer, fields: Record<string, string> = {}): Promise<Response> {
	return await fetch(`${sidecar.url}/v1/ocr/table`, { method: 'POST', body: multipart([{ name, data }], fields) });
}

async function tables(name: string, data: Buffer, fields: Record<string, string> = {}): Promise<TableAnswer> {
	const res = await post(name, data, fields);
	const body = (await res.json()) as TableAnswer;
	expect(res.status, JSON.stringify(body).slice(0, 500)).toBe(200);
	expect(validate('TableResult', body)).toBeNull();
	return body;
}

/** A report page: a sentence, the sales table, a sentence, the price list. */
function reportPage(style: TableStyle) {
	return combine(
		paragraph(['Quarterly report of the sales department.', 'All amounts in thousands of euros.'], 20),
		layoutTable(salesTable(style, 35)),
		paragraph(['The figures above are preliminary and subject to audit.'], 90),
		layoutTable(priceTable(style, 105)),
	);
}

const headerOf = (spec: TableSpec): string[] => {
	// The expected column names: group labels repeated over their columns, joined with the labels under them.
	const names = spec.widthsMm.map(() => [] as string[]);
	for (const row of spec.header) {
		let col = 0;
		for (const c of row) {
			for (let k = col; k < col + (c.span ?? 1); k++) if (c.text !== '') names[k]!.push(c.text);
			col += c.span ?? 1;
		}
	}
	return names.map((n) => n.join(' '));
};

function expectTables(answer: TableAnswer, method: string | null): void {
	expect(answer.tables).toHaveLength(2);
	const [sales, prices] = answer.tables;
	for (const [t, spec] of [[sales!, salesTable('none')], [prices!, priceTable('none')]] as const) {
		if (method) expect(t.method).toBe(method);
		expect(t.header).toEqual(headerOf(spec));
		expect(t.rows).toEqual(spec.rows);
	}
	// The group labels span their two columns.
	expect(sales!.cells.filter((c) => c.colSpan === 2).map((c) => c.text)).toEqual(['Quarter 1', 'Quarter 2']);
}

describe('POST /v1/ocr/table: digital PDFs', () => {
	const styles: TableStyle[] = ['grid', 'rows', 'booktabs', 'none'];
	let answer: TableAnswer;
	beforeAll(async () => {
		answer = await tables('report.pdf', drawingPdf(styles.map(reportPage)));
	});

	it('reads every page from the text layer and finds both tables on each', () => {
		expect(answer.pages.map((p) => p.source)).toEqual(['text-layer', 'text-layer', 'text-layer', 'text-layer']);
		expect(answer.tables.map((t) => t.page)).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
	});

	styles.forEach((style, i) => {
		it(`gives the exact cells of a ${style === 'none' ? 'borderless' : style} table, header names from a two-level header`, () => {
			const page = { ...answer, tables: answer.tables.filter((t) => t.page === i + 1) };
			expectTables(page, style === 'grid' ? 'lattice' : 'stream');
		});
	});

	it('joins a wrapped cell into one row, and splits a row-ruled table at its rules only', async () => {
		const spec: TableSpec = {
			style: 'rows',
			header: [[{ text: 'Code' }, { text: 'Service' }, { text: 'Hours' }]],
			rows: [['S-01', 'Inspection of the', '2.5'], ['', 'cooling system', ''], ['S-02', 'Filter change', '1.0'], ['S-03', 'Pressure test', '0.5']],
			widthsMm: [25, 60, 20],
			right: [2],
		};
		const d = combine(layoutTable(spec));
		// Draw the wrapped line inside the first body row's band: remove the rule between them.
		const bandTop = 30 + 2 * 7;
		d.lines = d.lines.filter((l) => !(l.y0 === bandTop && l.y1 === bandTop));
		const a = await tables('wrapped.pdf', drawingPdf([d]));
		expect(a.tables[0]!.rows).toEqual([['S-01', 'Inspection of the cooling system', '2.5'], ['S-02', 'Filter change', '1.0'], ['S-03', 'Pressure test', '0.5']]);
	});
});

describe('POST /v1/ocr/table: images through OCR', () => {
	it('reads a ruled table and a borderless one from a 200-DPI image', async () => {
		const d = combine(layoutTable(salesTable('grid', 20)), layoutTable(priceTable('none', 70)));
		const a = await tables('tables.png', await drawingPng(d, 200, { heightMm: 120 }));
		expect(a.tables.map((t) => t.method)).toEqual(['lattice', 'stream']);
		expect(a.tables[0]!.rows).toEqual(salesTable('none').rows);
		expect(a.tables[0]!.header).toEqual(headerOf(salesTable('none')));
		expect(a.tables[1]!.rows).toEqual(priceTable('none').rows);
		expect(a.tables[1]!.header).toEqual(headerOf(priceTable('none')));
	});

	it('reads a skewed, noisy JPEG scan of a row-ruled table (1.5°, quality 40)', async () => {
		const png = await drawingPng(combine(layoutTable(priceTable('rows', 20))), 200, { heightMm: 80, font: 'DejaVu Sans' });
		const scan = await degrade(png, { angleDeg: 1.5, noise: 20, jpegQuality: 40 });
		const a = await tables('scan.jpg', scan);
		expect(a.tables).toHaveLength(1);
		expect(a.tables[0]!.header).toEqual(headerOf(priceTable('none')));
		expect(a.tables[0]!.rows).toEqual(priceTable('none').rows);
	});
});

describe('POST /v1/ocr/table: options and formats', () => {
	const pdf = drawingPdf([reportPage('booktabs')]);

	it('returns CSV, with the header names first and a blank line between tables', async () => {
		const res = await post('report.pdf', pdf, { format: 'csv' });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
		expect(res.headers.get('x-tables-found')).toBe('2');
		expect(res.headers.get('content-disposition')).toContain('report-tables.csv');
		const csv = await res.text();
		const blocks = csv.trim().split('\r\n\r\n');
		expect(blocks).toHaveLength(2);
		expect(blocks[0]!.split('\r\n')[1]).toBe('North America,"1,284.50",312,"1,402.75",348');
		expect(blocks[1]!.split('\r\n')[0]).toBe('Item,Description,Qty,Unit price,Delivery');
	});

	it('returns XLSX with a sheet per table, numbers as numbers and merged group headers', async () => {
		const res = await post('report.pdf', pdf, { format: 'xlsx' });
		expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		const book = XLSX.read(Buffer.from(await res.arrayBuffer()));
		expect(book.SheetNames).toEqual(['Table 1 (p1)', 'Table 2 (p1)']);
		const sales = book.Sheets['Table 1 (p1)']!;
		const rows = XLSX.utils.sheet_to_json<unknown[]>(sales, { header: 1, defval: '' });
		expect(rows[0]).toEqual(['Region', 'Quarter 1', '', 'Quarter 2', '']);
		expect(rows[2]).toEqual(['North America', 1284.5, 312, 1402.75, 348]);
		expect(sales['!merges']?.map((m) => XLSX.utils.encode_range(m))).toEqual(expect.arrayContaining(['B1:C1', 'D1:E1']));
	});

	it('returns HTML with spans and Markdown', async () => {
		const html = await (await post('report.pdf', pdf, { format: 'html' })).text();
		expect(html).toContain('<th colspan="2">Quarter 1</th>');
		expect(html).toContain('<td>North America</td><td>1,284.50</td>');
		const md = await (await post('report.pdf', pdf, { format: 'markdown' })).text();
		expect(md).toContain('| Item | Description | Qty | Unit price | Delivery |');
		expect(md).toContain('| A-1001 | Steel bolts M8 | 200 | 0.35 | 2024-03-12 |');
	});

	it('embeds the XLSX in the JSON answer with attach=xlsx, and selects the largest or first table', async () => {
		const all = await tables('report.pdf', pdf);
		const area = (t: { box: number[] }) => (t.box[2]! - t.box[0]!) * (t.box[3]! - t.box[1]!);
		const largest = all.tables.reduce((x, y) => (area(y) > area(x) ? y : x));
		const a = await tables('report.pdf', pdf, { attach: 'xlsx', tables: 'largest' });
		expect(a.tables).toEqual([largest]);
		expect(a.file).toMatchObject({ format: 'xlsx', fileName: 'report-tables.xlsx' });
		expect(XLSX.read(Buffer.from(a.file!.base64, 'base64')).SheetNames).toEqual(['Table 1 (p1)']);
		const first = await tables('report.pdf', pdf, { tables: 'first' });
		expect(first.tables.map((t) => t.header![0])).toEqual(['Region']);
	});

	it('honours header=none and a known column count', async () => {
		const a = await tables('report.pdf', pdf, { header: 'none', mode: 'stream', columns: '5' });
		expect(a.tables[1]!.header).toBeNull();
		expect(a.tables[1]!.rows[0]).toEqual(['Item', 'Description', 'Qty', 'Unit price', 'Delivery']);
		expect(a.tables.every((t) => t.rows.every((r) => r.length === 5))).toBe(true);
	});

	it('refuses a bad option with a 400 that names it', async () => {
		await expectProblem(await post('report.pdf', pdf, { header: 'sometimes' }), 400, 'bad-request', /header must be auto, first-row or none/);
		await expectProblem(await post('report.pdf', pdf, { columns: '1' }), 400, 'bad-request', /columns must be an integer from 2 to 200/);
	});
});

describe('POST /v1/ocr/table: bad input', () => {
	it('answers 200 with no tables for a page of running text', async () => {
		const a = await tables('letter.pdf', pdfWithLines([['Dear customer,', 'thank you for your order of last week.', 'It will be shipped on Monday.', 'Kind regards, the sales team']]));
		expect(a.tables).toEqual([]);
		const csv = await post('letter.pdf', pdfWithLines([['Just one sentence of text here.']]), { format: 'csv' });
		expect(csv.headers.get('x-tables-found')).toBe('0');
		expect(await csv.text()).toBe('');
	});

	it('refuses a corrupt PDF and a page range outside the document with 422', async () => {
		await expectProblem(await post('broken.pdf', Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntrailer garbage')), 422, 'corrupt-pdf');
		await expectProblem(await post('report.pdf', drawingPdf([reportPage('grid')]), { pages: '3' }), 422, 'page-range', /outside|only 1 page/);
	});

	it('bounds a 500-column table of garbage (as a PDF and as an image), then keeps serving', async () => {
		const cells = Array.from({ length: 6 }, (_, r) => Array.from({ length: 500 }, (_, c) => `${String.fromCharCode(97 + ((r * 7 + c) % 26))}${c % 10}`));
		const d = { ...layoutTable({ style: 'grid', header: [], rows: cells, widthsMm: new Array<number>(500).fill(9), xMm: 5, yMm: 5, sizePt: 7 }), widthMm: 4510, heightMm: 60 };
		let started = Date.now();
		const pdfAnswer = await tables('garbage.pdf', drawingPdf([d]), { header: 'none' });
		expect(Date.now() - started).toBeLessThan(20_000);
		expect(pdfAnswer.tables).toHaveLength(1);
		expect(pdfAnswer.tables[0]!.rows).toEqual(cells);
		started = Date.now();
		const imageAnswer = await tables('garbage.png', await drawingPng(d, 100));
		expect(Date.now() - started).toBeLessThan(30_000);
		expect(imageAnswer.tables.length).toBeLessThanOrEqual(1);
		const after = await tables('report.pdf', drawingPdf([reportPage('grid')]));
		expect(after.tables).toHaveLength(2);
	});
});
