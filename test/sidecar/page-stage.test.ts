/**
 * The page stage (issue 18): pages turned, skewed, photographed or cropped tight are read upright,
 * say what was done, and keep their boxes in the pixels as sent. Pure parts without a model; the
 * rest through the real sidecar on pages rendered here.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boxToSent, identityFrame, toSent, type PageFrame } from '../../sidecar/src/ocr/page/frame';
import { homography, project } from '../../sidecar/src/ocr/page/homography';
import { quadsTurned180, skewDegrees, tallShare } from '../../sidecar/src/ocr/page/orientation';
import { evenLight, findPageQuad, looksLikePhoto } from '../../sidecar/src/ocr/page/photo';
import type { Quad, RgbImage } from '../../sidecar/src/ocr/types';
import { businessPage, cer, renderPage } from '../helpers/documents';
import { multipart } from '../helpers/fixtures';
import { startTestSidecar, type TestSidecar } from '../helpers/sidecar';
import { combine, drawingPdf, drawingPng, layoutTable, salesTable } from '../helpers/tables';
import { photographed, skewed, turned } from '../helpers/variants';

const rgb = async (png: Buffer): Promise<RgbImage> => {
	const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
	return { width: info.width, height: info.height, data: new Uint8Array(data) };
};
const rect = (x0: number, y0: number, x1: number, y1: number): Quad => [
	[x0, y0],
	[x1, y0],
	[x1, y1],
	[x0, y1],
];

describe('page stage, pure parts', () => {
	it('maps upright points back through a right-angle turn and a skew, as sharp turned the image', async () => {
		// A dot at (150, 20) on a 200×100 image; sharp turns it; the frame must bring the turned dot back.
		const w = 200;
		const h = 100;
		const img = Buffer.alloc(w * h * 3, 255);
		for (let y = 18; y < 23; y++) for (let x = 148; x < 153; x++) img.fill(0, (y * w + x) * 3, (y * w + x) * 3 + 3);
		const dot = async (buf: sharp.Sharp) => {
			const { data, info } = await buf.raw().toBuffer({ resolveWithObject: true });
			let sx = 0;
			let sy = 0;
			let n = 0;
			for (let y = 0; y < info.height; y++) for (let x = 0; x < info.width; x++) if (data[(y * info.width + x) * info.channels]! < 100) [sx, sy, n] = [sx + x, sy + y, n + 1];
			return { at: [sx / n + 0.5, sy / n + 0.5] as [number, number], width: info.width, height: info.height };
		};
		for (const [orientation, skew] of [
			[90, 0],
			[180, 0],
			[270, 0],
			[0, 12],
			[90, -7],
		] as const) {
			let pipe = sharp(img, { raw: { width: w, height: h, channels: 3 } });
			if (orientation) pipe = sharp(await pipe.rotate(orientation).png().toBuffer());
			if (skew) pipe = sharp(await pipe.rotate(-skew, { background: '#fff' }).png().toBuffer());
			const turnedDot = await dot(pipe);
			const frame: PageFrame = { ...identityFrame(w, h), orientation, skewDegrees: skew, width: turnedDot.width, height: turnedDot.height };
			const back = toSent(frame, turnedDot.at);
			expect(Math.hypot(back[0] - 150.5, back[1] - 20.5), `${orientation}° + ${skew}°`).toBeLessThan(1.5);
		}
	});

	it('keeps boxes of an unchanged page as they are, and bounds a turned box', () => {
		expect(boxToSent(identityFrame(100, 50), [1, 2, 3, 4])).toEqual([1, 2, 3, 4]);
		const frame: PageFrame = { ...identityFrame(200, 100), orientation: 90, width: 100, height: 200 };
		expect(boxToSent(frame, [10, 20, 30, 60])).toEqual([20, 70, 60, 90]);
	});

	it('solves a homography through four points', () => {
		const h = homography(
			[
				[0, 0],
				[10, 0],
				[10, 20],
				[0, 20],
			],
			[
				[5, 7],
				[52, 3],
				[60, 90],
				[2, 80],
			],
		);
		expect(project(h, 10, 20).map((v) => Math.round(v))).toEqual([60, 90]);
		expect(project(h, 0, 20).map((v) => Math.round(v))).toEqual([2, 80]);
	});

	it('tells turned pages by their tall lines, and measures skew from long lines only', () => {
		const wide = [rect(10, 10, 300, 30), rect(10, 50, 280, 70), rect(10, 90, 250, 110)];
		const tall = wide.map(([a, , c]) => rect(a[1], a[0], c[1], c[0]));
		expect(tallShare(wide)).toBe(0);
		expect(tallShare(tall)).toBe(1);
		expect(tallShare(wide.slice(0, 2))).toBeNull();
		const tilt = (q: Quad, deg: number): Quad => {
			const r = (deg * Math.PI) / 180;
			return q.map(([x, y]) => [x * Math.cos(r) - y * Math.sin(r), x * Math.sin(r) + y * Math.cos(r)]) as Quad;
		};
		expect(skewDegrees(wide.map((q) => tilt(q, 8)))).toBeCloseTo(8, 5);
		expect(skewDegrees(wide.map((q) => tilt(q, -30)))).toBeCloseTo(-30, 5);
		// Mirrored through the centre, the corners still run in reading order.
		expect(quadsTurned180([rect(10, 10, 30, 20)], 100, 50)).toEqual([rect(70, 30, 90, 40)]);
	});

	it('finds a photographed page and its corners; a scan is not a photo; light is evened out', async () => {
		const page = await renderPage(businessPage('de'), { dpi: 100 });
		const { jpeg, corners } = await photographed(page, { seed: 11, megapixels: 4 });
		const photo = await rgb(jpeg);
		expect(looksLikePhoto(photo)).toBe(true);
		expect(looksLikePhoto(await rgb(page))).toBe(false);
		const quad = findPageQuad(photo)!;
		expect(quad).not.toBeNull();
		for (let i = 0; i < 4; i++) expect(Math.hypot(quad[i]![0] - corners[i]![0], quad[i]![1] - corners[i]![1]), `corner ${i}`).toBeLessThan(25);
		// A ruled table on a landscape strip, a tenth of a portrait photo: its grid splits the paper
		// into cells, yet the paper with its print is still the page.
		const strip = await drawingPng(combine(layoutTable(salesTable('grid', 30))), 100, { heightMm: 80 });
		const small = await photographed(strip, { seed: 3, megapixels: 4 });
		const stripQuad = findPageQuad(await rgb(small.jpeg));
		expect(stripQuad).not.toBeNull();
		for (let i = 0; i < 4; i++) expect(Math.hypot(stripQuad![i]![0] - small.corners[i]![0], stripQuad![i]![1] - small.corners[i]![1]), `strip corner ${i}`).toBeLessThan(25);
		// A page lit from one side: after evening out, its paper is near white in both halves.
		const w = 400;
		const h = 300;
		const lit = new Uint8Array(w * h * 3);
		for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) lit.fill(Math.round(120 + (120 * x) / w), (y * w + x) * 3, (y * w + x) * 3 + 3);
		const even = evenLight({ width: w, height: h, data: lit });
		const [left, right] = [even.data[(150 * w + 20) * 3]!, even.data[(150 * w + 380) * 3]!];
		expect(right - left, 'before: 120 against 240').toBeLessThan(25);
		expect(Math.min(left, right)).toBeGreaterThan(215);
	});
});

describe('page stage through the sidecar', () => {
	let sidecar: TestSidecar;
	let upright: { text: string };
	const page = renderPage(businessPage('en'), { dpi: 150 });

	const read = async (name: string, data: Buffer, route = '/v1/ocr') => {
		const res = await fetch(`${sidecar.url}${route}`, { method: 'POST', body: multipart([{ name, data }]) });
		expect(res.status).toBe(200);
		return (await res.json()) as { pages: Array<{ text: string; width: number; height: number; orientation: number; skewDegrees: number; dewarped: boolean; orientationDecided: boolean; lines: Array<{ text: string; box: number[] }> }>; fields?: Record<string, unknown> };
	};

	beforeAll(async () => {
		sidecar = await startTestSidecar({ PRELOAD_MODELS: 'pp-ocrv4', MAX_UPLOAD_MB: '100', CONCURRENCY: '2' });
		upright = (await read('page.png', await page)).pages[0]!;
	}, 120_000);
	afterAll(async () => {
		await sidecar?.close();
	});

	it('reads a page turned 90°, 180° and 270° as the upright one, boxes in the pixels as sent', async () => {
		for (const deg of [90, 180, 270] as const) {
			const sent = await turned(await page, deg);
			const meta = await sharp(sent).metadata();
			const p = (await read(`turned-${deg}.png`, sent)).pages[0]!;
			expect(p.orientation, `turned ${deg}`).toBe((360 - deg) % 360);
			expect(p.orientationDecided).toBe(true);
			expect(cer(p.text, upright.text), `turned ${deg}`).toBeLessThan(0.02);
			expect([p.width, p.height]).toEqual([meta.width, meta.height]);
			// The invoice number's box, in the sent image, holds ink.
			const line = p.lines.find((l) => /INV-2024-0917/.test(l.text))!;
			const [x0, y0, x1, y1] = line.box as [number, number, number, number];
			const { data, info } = await sharp(sent).extract({ left: x0, top: y0, width: x1 - x0, height: y1 - y0 }).greyscale().raw().toBuffer({ resolveWithObject: true });
			expect(Math.min(...data), `ink in the box on the ${deg}° page`).toBeLessThan(80);
			expect(info.width * info.height).toBeGreaterThan(100);
		}
	}, 120_000);

	it('reads skewed pages (7° and −33°) in rows, and reports the skew', async () => {
		for (const deg of [7, -33]) {
			const p = (await read(`skew${deg}.png`, await skewed(await page, deg))).pages[0]!;
			expect(p.skewDegrees).toBeCloseTo(deg, 0);
			expect(cer(p.text, upright.text), `skew ${deg}`).toBeLessThan(0.03);
		}
	}, 120_000);

	it('reads a 10-megapixel phone photo: the page found, flattened and read as the upright one; its invoice fields right', async () => {
		const { jpeg } = await photographed(await page, { seed: 5, megapixels: 10 });
		const r = await read('photo.jpg', jpeg, '/v1/ocr/invoice');
		const p = r.pages[0]!;
		expect(p.dewarped).toBe(true);
		expect(cer(p.text, upright.text)).toBeLessThan(0.03);
		expect(r.fields).toMatchObject({ invoiceNumber: 'INV-2024-0917', total: 1541.4 });
	}, 120_000);

	it('reads single lines cropped tight to the ink', async () => {
		const texts = ['Invoice INV-2024-0917 dated 12 March 2024', 'Total due EUR 1,541.40', 'Harbour Road 42, Bristol'];
		for (const text of texts) {
			const crop = await sharp(await renderPage([{ text, xMm: 10, yMm: 12, sizePt: 11 }], { dpi: 150, widthMm: 160, heightMm: 25 }))
				.trim()
				.png()
				.toBuffer();
			const p = (await read('line.png', crop)).pages[0]!;
			expect(cer(p.text, text), text).toBeLessThan(0.03);
		}
	}, 60_000);

	it('bad input: a blank page, a photo of no document, an upside-down page of three lines, a 45° page, a 50-megapixel photo', async () => {
		const blank = await sharp({ create: { width: 1240, height: 1754, channels: 3, background: '#fff' } }).png().toBuffer();
		expect((await read('blank.png', blank)).pages[0]!.lines).toEqual([]);
		const desk = (await photographed(await sharp({ create: { width: 10, height: 10, channels: 3, background: '#7a5a3a' } }).png().toBuffer(), { seed: 2, megapixels: 2 })).jpeg;
		expect((await read('desk.jpg', desk)).pages[0]!.lines.length).toBeLessThanOrEqual(2);
		const three = await renderPage(
			[
				{ text: 'Delivery note 4471', xMm: 20, yMm: 20, sizePt: 14 },
				{ text: 'Harbour Street warehouse', xMm: 20, yMm: 30, sizePt: 14 },
				{ text: 'Signed on receipt', xMm: 20, yMm: 40, sizePt: 14 },
			],
			{ dpi: 150, heightMm: 60 },
		);
		const flipped = (await read('three.png', await turned(three, 180))).pages[0]!;
		expect(flipped.orientation).toBe(180);
		expect(flipped.text).toMatch(/Delivery note 4471/);
		const diagonal = (await read('diag.png', await skewed(await page, 45))).pages[0]!;
		expect(diagonal.lines.length).toBeGreaterThan(10);
		const t = performance.now();
		const big = await sharp(await page).resize(5800, 8200).jpeg({ quality: 70 }).toBuffer();
		const p = (await read('big.jpg', big)).pages[0]!;
		expect(p.text).toMatch(/INV-2024-0917/);
		expect(performance.now() - t).toBeLessThan(60_000);
	}, 180_000);

	it('reads a table drawn turned in a PDF from its text layer, upright, rows and columns as drawn', async () => {
		const pdf = drawingPdf([combine(layoutTable(salesTable('grid', 30)))], { turned: true });
		const res = await fetch(`${sidecar.url}/v1/ocr/table`, { method: 'POST', body: multipart([{ name: 'landscape.pdf', data: pdf }]) });
		const body = (await res.json()) as { tables: Array<{ rows: string[][]; box: number[] }>; pages: Array<{ source: string; orientation: number; width: number; height: number }> };
		expect(body.pages[0]).toMatchObject({ source: 'text-layer', orientation: 90 });
		// The portrait drawing lies turned on a landscape page: the answer is in that page's pixels.
		expect(body.pages[0]!.width).toBeGreaterThan(body.pages[0]!.height);
		expect(body.tables[0]!.rows).toEqual(salesTable('grid').rows);
		const [x0, y0, x1, y1] = body.tables[0]!.box as [number, number, number, number];
		// Turned, the table stands taller than wide on the shown page.
		expect(y1 - y0).toBeGreaterThan(x1 - x0);
	}, 60_000);

	it('gives the same answer for the same bytes, read one after another or side by side', async () => {
		const inputs = [await page, await turned(await page, 90), await skewed(await page, 3)];
		const one = [];
		for (const [i, b] of inputs.entries()) one.push(JSON.stringify((await read(`p${i}.png`, b)).pages));
		const together = await Promise.all(inputs.map(async (b, i) => JSON.stringify((await read(`p${i}.png`, b)).pages)));
		expect(together).toEqual(one);
	}, 120_000);
});
