/**
 * Upright crops of detected quadrilaterals and resizing for the recognisers. Pure pixel code on
 * packed RGB: bilinear sampling with edge replication (like OpenCV's BORDER_REPLICATE), and area
 * averaging when shrinking so thin strokes are not lost.
 */
import type { Quad, RgbImage } from './types';

const dist = (a: [number, number], b: [number, number]) => Math.hypot(a[0] - b[0], a[1] - b[1]);

function sample(img: RgbImage, x: number, y: number, out: Uint8Array, o: number): void {
	const { width, height, data } = img;
	const fx = Math.min(Math.max(x, 0), width - 1);
	const fy = Math.min(Math.max(y, 0), height - 1);
	const x0 = Math.floor(fx);
	const y0 = Math.floor(fy);
	const x1 = Math.min(x0 + 1, width - 1);
	const y1 = Math.min(y0 + 1, height - 1);
	const ax = fx - x0;
	const ay = fy - y0;
	for (let c = 0; c < 3; c++) {
		const p00 = data[(y0 * width + x0) * 3 + c]!;
		const p10 = data[(y0 * width + x1) * 3 + c]!;
		const p01 = data[(y1 * width + x0) * 3 + c]!;
		const p11 = data[(y1 * width + x1) * 3 + c]!;
		out[o + c] = Math.round((p00 * (1 - ax) + p10 * ax) * (1 - ay) + (p01 * (1 - ax) + p11 * ax) * ay);
	}
}

/** Samples the quad (tl, tr, br, bl) into an upright image; tall results are turned 90° counter-clockwise. */
export function cropQuad(img: RgbImage, quad: Quad): RgbImage {
	const [tl, tr, , bl] = quad;
	const width = Math.max(1, Math.round(Math.max(dist(quad[0], quad[1]), dist(quad[3], quad[2]))));
	const height = Math.max(1, Math.round(Math.max(dist(quad[0], quad[3]), dist(quad[1], quad[2]))));
	const data = new Uint8Array(width * height * 3);
	const ux = (tr[0] - tl[0]) / width;
	const uy = (tr[1] - tl[1]) / width;
	const vx = (bl[0] - tl[0]) / height;
	const vy = (bl[1] - tl[1]) / height;
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			// pixel centres
			const px = tl[0] + (x + 0.5) * ux + (y + 0.5) * vx - 0.5;
			const py = tl[1] + (x + 0.5) * uy + (y + 0.5) * vy - 0.5;
			sample(img, px, py, data, (y * width + x) * 3);
		}
	}
	const crop = { width, height, data };
	return height / width >= 1.5 ? rotate90ccw(crop) : crop;
}

export function rotate90ccw(img: RgbImage): RgbImage {
	const { width, height, data } = img;
	const out = new Uint8Array(data.length);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const o = ((width - 1 - x) * height + y) * 3;
			const i = (y * width + x) * 3;
			out[o] = data[i]!;
			out[o + 1] = data[i + 1]!;
			out[o + 2] = data[i + 2]!;
		}
	}
	return { width: height, height: width, data: out };
}

export function rotate180(img: RgbImage): RgbImage {
	const { data } = img;
	const out = new Uint8Array(data.length);
	const n = data.length / 3;
	for (let i = 0; i < n; i++) {
		const o = (n - 1 - i) * 3;
		out[o] = data[i * 3]!;
		out[o + 1] = data[i * 3 + 1]!;
		out[o + 2] = data[i * 3 + 2]!;
	}
	return { ...img, data: out };
}

/** Resizes to exactly width×height: area averaging per axis when shrinking, bilinear when growing. */
export function resize(img: RgbImage, width: number, height: number): RgbImage {
	const out = new Uint8Array(width * height * 3);
	const sx = img.width / width;
	const sy = img.height / height;
	if (sx <= 1 && sy <= 1) {
		for (let y = 0; y < height; y++) {
			for (let x = 0; x < width; x++) sample(img, (x + 0.5) * sx - 0.5, (y + 0.5) * sy - 0.5, out, (y * width + x) * 3);
		}
		return { width, height, data: out };
	}
	// Shrinking on at least one axis: average over the source footprint (sub-sampled on a grid).
	const nx = Math.max(1, Math.ceil(sx));
	const ny = Math.max(1, Math.ceil(sy));
	const tmp = new Uint8Array(3);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			let r = 0;
			let g = 0;
			let b = 0;
			for (let j = 0; j < ny; j++) {
				for (let i = 0; i < nx; i++) {
					sample(img, x * sx + ((i + 0.5) * sx) / nx - 0.5, y * sy + ((j + 0.5) * sy) / ny - 0.5, tmp, 0);
					r += tmp[0]!;
					g += tmp[1]!;
					b += tmp[2]!;
				}
			}
			const n = nx * ny;
			const o = (y * width + x) * 3;
			out[o] = Math.round(r / n);
			out[o + 1] = Math.round(g / n);
			out[o + 2] = Math.round(b / n);
		}
	}
	return { width, height, data: out };
}
