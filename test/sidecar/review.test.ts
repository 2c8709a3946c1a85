/**
 * Review pictures: the overlay's pure parts (tab placement, escaping, which pages), and real answers
 * of /v1/ocr/invoice and /v1/ocr/table with review=true, whose PNGs are decoded and looked at:
 * outlines in the expected colour where the answer says the field or table is, pages upright.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overlaySvg, picturePages, placeTab, type Mark } from '../../sidecar/src/review/draw';
import type { ReviewPage } from '../../sidecar/src/review/pages';
import { businessPage, renderPage } from '../helpers/documents';
import { multipart } from '../helpers/fixtures';
import { validatorOf } from '../helpers/openapi';
import { expectProblem } from '../helpers/problem';
import { startTestSidecar, type TestSidecar } from '../helpers/sidecar';
import { drawingPdf, layoutTable, salesTable } from '../helpers/tables';
import { turned } from '../helpers/variants';

type Rgb = [number, number, number];
const GREEN: Rgb = [0x15, 0x80, 0x3d];
const ORANGE: Rgb = [0xc2, 0x41, 0x0c];
const BLUE: Rgb = [0x1d, 0x4e, 0xd8];

interface Picture {
	fileName: string;
	mimeType: string;
	pages: number[];
	base64: string;
}

async function pixels(p: Picture) {
	const { data, info } = await sharp(Buffer.from(p.base64, 'base64')).removeAlpha().raw().toBuffer({ resolveWithObject: true });
	const near = (x: number, y: number, c: Rgb) => {
		const i = (Math.round(y) * info.width + Math.round(x)) * 3;
		return Math.abs(data[i]! - c[0]) + Math.abs(data[i + 1]! - c[1]) + Math.abs(data[i + 2]! - c[2]) < 30;
	};
	/** Pixels of colour `c` on the segment (x0,y)–(x1,y), as a share of its length. */
	const along = (x0: number, x1: number, y: number, c: Rgb) => {
		let hits = 0;
		for (let x = Math.round(x0); x <= Math.round(x1); x++) if ([-1, 0, 1].some((d) => near(x, y + d, c))) hits++;
		return hits / (Math.round(x1) - Math.round(x0) + 1);
	};
	const count = (c: Rgb) => {
		let n = 0;
		for (let y = 0; y < info.height; y++) for (let x = 0; x < info.width; x++) if (near(x, y, c)) n++;
		return n;
	};
	return { width: info.width, height: info.height, along, count };
}

describe('review overlay (pure)', () => {
	const page: ReviewPage = { page: 1, jpeg: Buffer.alloc(0), width: 100, height: 100, factor: 1 };

	it('puts a tab above its box, else below, else beside, never over a tab or box placed before', () => {
		expect(placeTab([10, 50, 40, 60], 30, 10, 100, 100, [])).toEqual({ x: 10, y: 40, w: 30, h: 10 });
		const above = { x: 10, y: 40, w: 30, h: 10 };
		expect(placeTab([10, 50, 40, 60], 30, 10, 100, 100, [above])).toEqual({ x: 10, y: 60, w: 30, h: 10 });
		const below = { x: 10, y: 60, w: 30, h: 10 };
		expect(placeTab([10, 50, 40, 60], 30, 10, 100, 100, [above, below])).toEqual({ x: 44, y: 50, w: 30, h: 10 });
		// At the top edge nothing fits above: below.
		expect(placeTab([0, 2, 20, 8], 30, 10, 100, 100, [])).toEqual({ x: 0, y: 8, w: 30, h: 10 });
	});

	it('escapes what was read (a label is document text) and scales boxes by the page factor', () => {
		const svg = overlaySvg(200, 200, 2, 3, [{ page: 3, box: [10, 20, 30, 40], label: 'vendorName: <b>"A&B"</b>', tone: 'ok' }]);
		expect(svg).not.toContain('<b>');
		expect(svg).toContain('&#60;b&#62;&#34;A&#38;B&#34;&#60;/b&#62;');
		expect(svg).toContain('<rect x="20" y="40" width="40" height="40"');
		expect(svg).toContain('Page 3');
	});

	it('shows the pages with marks (at most four), else the first page', () => {
		const pages = [1, 2, 3, 4, 5, 6].map((n) => ({ ...page, page: n }));
		const mark = (p: number): Mark => ({ page: p, box: [0, 0, 1, 1], label: '', tone: 'ok' });
		expect(picturePages(pages, [mark(2), mark(5)]).map((p) => p.page)).toEqual([2, 5]);
		expect(picturePages(pages, [2, 3, 4, 5, 6].map(mark)).map((p) => p.page)).toEqual([2, 3, 4, 5]);
		expect(picturePages(pages, []).map((p) => p.page)).toEqual([1]);
		expect(picturePages([], [mark(1)])).toEqual([]);
	});
});

describe('review pictures from the real routes', () => {
	let sidecar: TestSidecar;
	let invoicePng: Buffer;
	let validate: (name: string, body: unknown) => string | null;
	beforeAll(async () => {
		sidecar = await startTestSidecar({ PRELOAD_MODELS: 'pp-ocrv4' });
		validate = await validatorOf(sidecar.url);
		invoicePng = await renderPage(businessPage('en'), { dpi: 150 });
	});
	afterAll(async () => {
		await sidecar?.close();
	});

	async function post(route: string, name: string, data: Buffer, fields: Record<string, string>) {
		const res = await fetch(`${sidecar.url}${route}`, { method: 'POST', body: multipart([{ name, data }], fields) });
		const body = (await res.json()) as { review?: Picture; details: Record<string, { box: number[]; confidence: number }>; pages: Array<{ width: number; height: number }>; tables: Array<{ box: number[] }> };
		expect(res.status, JSON.stringify(body).slice(0, 300)).toBe(200);
		expect(validate(route.endsWith('invoice') ? 'InvoiceResult' : 'TableResult', body)).toBeNull();
		return body;
	}

	it('outlines each invoice field where the answer says it was found, labelled, as one PNG named after the file', async () => {
		const plain = await post('/v1/ocr/invoice', 'inv.png', invoicePng, {});
		expect(plain.review).toBeUndefined();
		const body = await post('/v1/ocr/invoice', 'inv.png', invoicePng, { review: 'true' });
		expect(body.review).toMatchObject({ fileName: 'inv-review.png', mimeType: 'image/png', pages: [1] });
		const pic = await pixels(body.review!);
		const f = pic.width / body.pages[0]!.width;
		expect(pic.width).toBe(1000);
		// The upright page as sent: its boxes are those of the answer. Each field's top edge is drawn in its tone.
		for (const name of ['invoiceNumber', 'total', 'vendorName']) {
			const d = body.details[name]!;
			const colour = d.confidence < 0.8 ? ORANGE : GREEN;
			expect(pic.along(d.box[0]! * f + 3, d.box[2]! * f - 3, d.box[1]! * f, colour), name).toBeGreaterThan(0.8);
		}
	});

	it('draws a page sent sideways upright (the frame the fields were read in)', async () => {
		const body = await post('/v1/ocr/invoice', 'sideways.png', await turned(invoicePng, 90), { review: 'true' });
		expect(body.pages[0]!.width).toBeGreaterThan(body.pages[0]!.height);
		const pic = await pixels(body.review!);
		expect(pic.height).toBeGreaterThan(pic.width);
		expect(pic.count(GREEN) + pic.count(ORANGE)).toBeGreaterThan(2000);
	});

	it('outlines each table of a text-layer PDF, and a table drawn turned on its page in its upright frame', async () => {
		const pdf = drawingPdf([layoutTable(salesTable('grid'))]);
		const body = await post('/v1/ocr/table', 'sales.pdf', pdf, { review: 'true' });
		expect(body.tables).toHaveLength(1);
		const pic = await pixels(body.review!);
		const f = pic.width / body.pages[0]!.width;
		const [x0, y0, x1] = body.tables[0]!.box as [number, number, number, number];
		expect(pic.along(x0 * f + 3, x1 * f - 3, y0 * f, BLUE)).toBeGreaterThan(0.8);

		const sideways = await post('/v1/ocr/table', 'landscape.pdf', drawingPdf([layoutTable(salesTable('grid'))], { turned: true }), { review: 'true' });
		expect(sideways.tables).toHaveLength(1);
		const upright = await pixels(sideways.review!);
		// The page is landscape as sent, its text drawn turned: read (and drawn) as the portrait page it is.
		expect(sideways.pages[0]!.width).toBeGreaterThan(sideways.pages[0]!.height);
		expect(upright.height).toBeGreaterThan(upright.width);
		expect(upright.count(BLUE)).toBeGreaterThan(1000);
	});

	it('refuses a review field that is not true or false, naming it', async () => {
		const res = await fetch(`${sidecar.url}/v1/ocr/invoice`, { method: 'POST', body: multipart([{ name: 'inv.png', data: invoicePng }], { review: 'yes' }) });
		await expectProblem(res, 400, 'bad-request', /review must be true or false/);
	});
});
