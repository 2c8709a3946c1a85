/**
 * Photographed pages: tell a photo from a scan by its border, find the page's four corners against
 * the background, warp the page flat, and even out uneven light. Pure (RGB buffers in and out).
 */
import { otsuThreshold } from '../threshold';
import { homography } from './homography';
import type { Point, Quad, RgbImage } from '../types';

const luma = (d: Uint8Array, i: number) => (d[i]! * 299 + d[i + 1]! * 587 + d[i + 2]! * 114) / 1000;

/**
 * A scan or a rendered page has a white border; a photo shows the desk, floor or hand around the
 * page. True when under half of the outer 3 % band is near white.
 */
export function looksLikePhoto(img: RgbImage): boolean {
	const band = Math.max(2, Math.round(Math.min(img.width, img.height) * 0.03));
	const step = Math.max(1, Math.round(Math.max(img.width, img.height) / 400));
	let white = 0;
	let n = 0;
	for (let y = 0; y < img.height; y += step) {
		for (let x = 0; x < img.width; x += step) {
			if (x >= band && x < img.width - band && y >= band && y < img.height - band) continue;
			n++;
			if (luma(img.data, (y * img.width + x) * 3) > 200) white++;
		}
	}
	return n > 0 && white / n < 0.5;
}

const area = (q: readonly Point[]) => Math.abs(q.reduce((s, p, i) => s + p[0] * q[(i + 1) % q.length]![1] - q[(i + 1) % q.length]![0] * p[1], 0)) / 2;

/**
 * Pixels of component `id` plus everything it encloses: the rest is what a flood from the frame's
 * edge reaches without crossing the component.
 */
function filledSize(label: Int32Array, id: number, w: number, h: number): number {
	const outside = new Uint8Array(w * h);
	const stack: number[] = [];
	const seed = (i: number) => {
		if (label[i] !== id && !outside[i]) {
			outside[i] = 1;
			stack.push(i);
		}
	};
	for (let x = 0; x < w; x++) [seed(x), seed((h - 1) * w + x)];
	for (let y = 0; y < h; y++) [seed(y * w), seed(y * w + w - 1)];
	let reached = 0;
	while (stack.length) {
		const i = stack.pop()!;
		reached++;
		const x = i % w;
		if (x > 0) seed(i - 1);
		if (x < w - 1) seed(i + 1);
		if (i >= w) seed(i - w);
		if (i < w * (h - 1)) seed(i + w);
	}
	return w * h - reached;
}

/**
 * The page's corners in the photo (top-left, top-right, bottom-right, bottom-left), or null when
 * no bright, page-shaped region fills 8–97 % of it. Works on a copy at most 600 px across: the
 * largest bright connected region, its extreme points along the diagonals.
 */
export function findPageQuad(img: RgbImage): Quad | null {
	const scale = Math.min(1, 600 / Math.max(img.width, img.height));
	const w = Math.max(1, Math.round(img.width * scale));
	const h = Math.max(1, Math.round(img.height * scale));
	const gray = new Uint8Array(w * h);
	for (let y = 0; y < h; y++) {
		for (let x = 0; x < w; x++) {
			const sx = Math.min(img.width - 1, Math.floor(x / scale));
			const sy = Math.min(img.height - 1, Math.floor(y / scale));
			gray[y * w + x] = luma(img.data, (sy * img.width + sx) * 3);
		}
	}
	const t = otsuThreshold(gray);
	// Largest 4-connected bright component.
	const label = new Int32Array(w * h).fill(-1);
	let bestId = -1;
	let bestSize = 0;
	const stack: number[] = [];
	for (let start = 0, id = 0; start < w * h; start++) {
		if (gray[start]! <= t || label[start] !== -1) continue;
		let size = 0;
		stack.push(start);
		label[start] = id;
		while (stack.length) {
			const i = stack.pop()!;
			size++;
			const x = i % w;
			const y = (i - x) / w;
			for (const j of [x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1]) {
				if (j >= 0 && label[j] === -1 && gray[j]! > t) {
					label[j] = id;
					stack.push(j);
				}
			}
		}
		if (size > bestSize) {
			bestSize = size;
			bestId = id;
		}
		id++;
	}
	if (bestId < 0) return null;
	let tl: Point = [0, 0];
	let tr: Point = [0, 0];
	let br: Point = [0, 0];
	let bl: Point = [0, 0];
	let [minSum, maxSum, minDiff, maxDiff] = [Infinity, -Infinity, Infinity, -Infinity];
	for (let i = 0; i < w * h; i++) {
		if (label[i] !== bestId) continue;
		const x = i % w;
		const y = (i - x) / w;
		if (x + y < minSum) [minSum, tl] = [x + y, [x, y]];
		if (x + y > maxSum) [maxSum, br] = [x + y, [x, y]];
		if (x - y > maxDiff) [maxDiff, tr] = [x - y, [x, y]];
		if (x - y < minDiff) [minDiff, bl] = [x - y, [x, y]];
	}
	const quad = [tl, tr, br, bl].map(([x, y]) => [(x + 0.5) / scale, (y + 0.5) / scale]) as Quad;
	const share = area(quad) / (img.width * img.height);
	// The region with its holes (the page's print: text, a table's grid) must fill its quadrilateral
	// (a page, not a blob of light), and be neither tiny nor the whole frame: a receipt or a
	// landscape strip shot from arm's length covers a tenth of a portrait photo.
	const fill = filledSize(label, bestId, w, h) / scale ** 2 / Math.max(1, area(quad));
	if (share < 0.08 || share > 0.97 || fill < 0.85) return null;
	return quad;
}

const dist = (a: Point, b: Point) => Math.hypot(b[0] - a[0], b[1] - a[1]);

/**
 * The page inside `quad` warped to a rectangle (its sides' longer lengths, the longer side at most
 * `maxSide`), with `toSent`: the homography from the flat page back to the photo's pixels.
 */
export function flatten(img: RgbImage, quad: Quad, maxSide = 2400): { image: RgbImage; toSent: number[] } {
	let width = Math.max(dist(quad[0], quad[1]), dist(quad[3], quad[2]));
	let height = Math.max(dist(quad[0], quad[3]), dist(quad[1], quad[2]));
	const k = Math.min(1, maxSide / Math.max(width, height));
	width = Math.max(8, Math.round(width * k));
	height = Math.max(8, Math.round(height * k));
	const toSent = homography(
		[
			[0, 0],
			[width, 0],
			[width, height],
			[0, height],
		],
		quad,
	);
	const out = new Uint8Array(width * height * 3);
	const W = img.width;
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const cx = x + 0.5;
			const cy = y + 0.5;
			const d = toSent[6]! * cx + toSent[7]! * cy + toSent[8]!;
			const u = Math.min(W - 1.001, Math.max(0, (toSent[0]! * cx + toSent[1]! * cy + toSent[2]!) / d - 0.5));
			const v = Math.min(img.height - 1.001, Math.max(0, (toSent[3]! * cx + toSent[4]! * cy + toSent[5]!) / d - 0.5));
			const x0 = Math.floor(u);
			const y0 = Math.floor(v);
			const fx = u - x0;
			const fy = v - y0;
			const i00 = (y0 * W + x0) * 3;
			const i01 = i00 + 3;
			const i10 = i00 + W * 3;
			const i11 = i10 + 3;
			const o = (y * width + x) * 3;
			for (let c = 0; c < 3; c++) {
				out[o + c] = img.data[i00 + c]! * (1 - fx) * (1 - fy) + img.data[i01 + c]! * fx * (1 - fy) + img.data[i10 + c]! * (1 - fx) * fy + img.data[i11 + c]! * fx * fy;
			}
		}
	}
	return { image: { width, height, data: out }, toSent };
}

/**
 * Light evened out: each pixel divided by the page's local brightness, estimated on a 1/16 copy
 * (where text strokes vanish) as the brightest of each 5×5 neighbourhood, smoothed. Paper comes
 * out near white, ink keeps its contrast.
 */
export function evenLight(img: RgbImage): RgbImage {
	const f = 16;
	const sw = Math.max(1, Math.ceil(img.width / f));
	const sh = Math.max(1, Math.ceil(img.height / f));
	const small = new Float32Array(sw * sh);
	for (let y = 0; y < sh; y++) {
		for (let x = 0; x < sw; x++) {
			let m = 0;
			for (let yy = y * f; yy < Math.min(img.height, (y + 1) * f); yy += 4) {
				for (let xx = x * f; xx < Math.min(img.width, (x + 1) * f); xx += 4) m = Math.max(m, luma(img.data, (yy * img.width + xx) * 3));
			}
			small[y * sw + x] = m;
		}
	}
	// Brightest of each 5×5 neighbourhood (a closing of dark print), then a 3×3 mean.
	const closed = new Float32Array(sw * sh);
	for (let y = 0; y < sh; y++) {
		for (let x = 0; x < sw; x++) {
			let m = 0;
			for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) m = Math.max(m, small[Math.min(sh - 1, Math.max(0, y + dy)) * sw + Math.min(sw - 1, Math.max(0, x + dx))]!);
			closed[y * sw + x] = m;
		}
	}
	const light = new Float32Array(sw * sh);
	for (let y = 0; y < sh; y++) {
		for (let x = 0; x < sw; x++) {
			let s = 0;
			for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) s += closed[Math.min(sh - 1, Math.max(0, y + dy)) * sw + Math.min(sw - 1, Math.max(0, x + dx))]!;
			light[y * sw + x] = Math.max(40, s / 9);
		}
	}
	const out = new Uint8Array(img.data.length);
	for (let y = 0; y < img.height; y++) {
		// Bilinear between the small copy's cells, so the correction has no steps.
		const gy = Math.min(sh - 1, Math.max(0, y / f - 0.5));
		const y0 = Math.floor(gy);
		const y1 = Math.min(sh - 1, y0 + 1);
		const fy = gy - y0;
		for (let x = 0; x < img.width; x++) {
			const gx = Math.min(sw - 1, Math.max(0, x / f - 0.5));
			const x0 = Math.floor(gx);
			const x1 = Math.min(sw - 1, x0 + 1);
			const fx = gx - x0;
			const l = light[y0 * sw + x0]! * (1 - fx) * (1 - fy) + light[y0 * sw + x1]! * fx * (1 - fy) + light[y1 * sw + x0]! * (1 - fx) * fy + light[y1 * sw + x1]! * fx * fy;
			const gain = 245 / l;
			const o = (y * img.width + x) * 3;
			for (let c = 0; c < 3; c++) out[o + c] = Math.min(255, img.data[o + c]! * gain);
		}
	}
	return { width: img.width, height: img.height, data: out };
}
