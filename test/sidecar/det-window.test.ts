/** The detection window (det/window.ts) and the stages around it, without a model. */
import { describe, expect, it } from 'vitest';
import { dbPostprocess, DB_DEFAULTS } from '../../sidecar/src/ocr/det/postprocess';
import { detTensorData } from '../../sidecar/src/ocr/det/preprocess';
import { inkWindow, WINDOW_MARGIN } from '../../sidecar/src/ocr/det/window';
import type { RgbImage } from '../../sidecar/src/ocr/types';

/** A map of one grey level, with grain of ±`grain` levels (a fixed sequence, not random). */
function page(width: number, height: number, level: number, grain = 0): RgbImage {
	const data = new Uint8Array(width * height * 3);
	let s = 12345;
	for (let i = 0; i < width * height; i++) {
		s = (s * 1103515245 + 12345) >>> 0;
		const g = Math.max(0, Math.min(255, level + (grain ? ((s >>> 16) % (2 * grain + 1)) - grain : 0)));
		data.fill(g, i * 3, i * 3 + 3);
	}
	return { width, height, data };
}

function paint(img: RgbImage, x0: number, y0: number, x1: number, y1: number, grey: number): void {
	for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) img.data.fill(grey, (y * img.width + x) * 3, (y * img.width + x) * 3 + 3);
}

/** Lines of "text": strokes one or two pixels wide, as small print is in a detection map. */
function textBlock(img: RgbImage, x0: number, y0: number, x1: number, y1: number, grey: number): void {
	for (let y = y0; y < y1; y += 14) for (let x = x0; x < x1; x += 4) paint(img, x, y, x + 1, Math.min(y1, y + 9), grey);
}

describe('detection window', () => {
	it('holds the ink with its margin, aligned to 32, and leaves out the blank rest of the page', () => {
		const img = page(672, 960, 250, 12);
		textBlock(img, 100, 70, 500, 400, 30);
		const w = inkWindow(img);
		for (const v of [w.x, w.y, w.width, w.height]) expect(v % 32).toBe(0);
		expect(w.x).toBeLessThanOrEqual(100 - WINDOW_MARGIN);
		expect(w.y).toBeLessThanOrEqual(70 - WINDOW_MARGIN);
		expect(w.x + w.width).toBeGreaterThanOrEqual(500 + WINDOW_MARGIN);
		expect(w.y + w.height).toBeGreaterThanOrEqual(400 + WINDOW_MARGIN);
		expect(w.width * w.height).toBeLessThan(0.5 * img.width * img.height);
	});

	it('keeps faint grey print and a lone line far from the rest', () => {
		const img = page(672, 960, 255);
		textBlock(img, 200, 200, 400, 300, 20);
		textBlock(img, 300, 880, 360, 890, 190); // a light-grey footer line
		const w = inkWindow(img);
		expect(w.y + w.height).toBeGreaterThanOrEqual(890);
	});

	it('ignores a lone speck, and finds light print on a dark screen', () => {
		const img = page(672, 960, 255);
		textBlock(img, 64, 64, 300, 200, 0);
		paint(img, 600, 900, 602, 902, 0);
		expect(inkWindow(img).y + inkWindow(img).height).toBeLessThan(400);
		const dark = page(640, 640, 20, 8);
		textBlock(dark, 320, 320, 480, 420, 230);
		const w = inkWindow(dark);
		expect(w.x).toBeGreaterThan(200);
		expect(w.y).toBeGreaterThan(200);
	});

	it('keeps the whole map when the ink fills it, or there is none', () => {
		const full = page(320, 320, 255);
		textBlock(full, 10, 10, 310, 310, 0);
		expect(inkWindow(full)).toEqual({ x: 0, y: 0, width: 320, height: 320 });
		expect(inkWindow(page(320, 320, 255, 12))).toEqual({ x: 0, y: 0, width: 320, height: 320 });
	});

	it('feeds the window alone, and maps its boxes back to the whole page', () => {
		const img = page(64, 64, 255);
		img.data.set([10, 20, 30], (33 * 64 + 34) * 3);
		const t = detTensorData(img, { x: 32, y: 32, width: 32, height: 32 });
		expect(t).toHaveLength(3 * 32 * 32);
		// Pixel (34, 33) of the page is (2, 1) of the window; the B plane comes first.
		expect(t[1 * 32 + 2]).toBeCloseTo((30 / 255 - 0.485) / 0.229, 5);
		expect(t[2 * 32 * 32 + 1 * 32 + 2]).toBeCloseTo((10 / 255 - 0.406) / 0.225, 5);
		const prob = new Float32Array(32 * 32);
		for (let y = 4; y < 10; y++) for (let x = 4; x < 28; x++) prob[y * 32 + x] = 0.9;
		const [inWindow] = dbPostprocess(prob, 32, 32, 2, 2, 1000, 1000, DB_DEFAULTS);
		const [onPage] = dbPostprocess(prob, 32, 32, 2, 2, 1000, 1000, DB_DEFAULTS, { x: 32, y: 32 });
		inWindow!.quad.forEach(([x, y], i) => {
			expect(onPage!.quad[i]![0]).toBeCloseTo(x + 64, 6);
			expect(onPage!.quad[i]![1]).toBeCloseTo(y + 64, 6);
		});
		expect(onPage!.rect.cx).toBeCloseTo(inWindow!.rect.cx + 64, 6);
	});
});
