/**
 * Pages as users send them, made from a rendered page: turned by a right angle, skewed by a few
 * degrees, or photographed (on a background, in perspective, under uneven light, blurred, as a
 * phone's JPEG). Deterministic for a seed. Used by the page-stage tests and bench/pages-as-sent.ts.
 */
import sharp from 'sharp';
import { homography } from '../../sidecar/src/ocr/page/homography';
import { random } from './hostile';

export type PageVariant = 'upright' | 'turned-90' | 'turned-180' | 'turned-270' | `skew-${number}` | 'photo';

/** The page turned clockwise by a right angle (what a sideways scan looks like). */
export async function turned(png: Buffer, degrees: 90 | 180 | 270): Promise<Buffer> {
	return sharp(png).rotate(degrees).png().toBuffer();
}

/** The page skewed by `degrees` (positive: clockwise), on white, its canvas grown to hold it. */
export async function skewed(png: Buffer, degrees: number): Promise<Buffer> {
	return sharp(png).rotate(degrees, { background: '#ffffff' }).flatten({ background: '#ffffff' }).png().toBuffer();
}

export interface PhotoOptions {
	seed?: number;
	/** Output megapixels (phones: 8–12). */
	megapixels?: number;
	jpegQuality?: number;
}

/**
 * A phone photo of the page: the page warped in perspective onto a darker, textured background,
 * light falling off across it, a little blur and JPEG. Returns the photo and the page's corners in it.
 */
export async function photographed(png: Buffer, opts: PhotoOptions = {}): Promise<{ jpeg: Buffer; corners: Array<[number, number]> }> {
	const rnd = random(opts.seed ?? 7);
	const page = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
	const pw = page.info.width;
	const ph = page.info.height;
	const mp = (opts.megapixels ?? 10) * 1e6;
	// 4:3 landscape or portrait frame, like a phone camera held upright.
	const W = Math.round(Math.sqrt((mp * 3) / 4));
	const H = Math.round(mp / W);
	// The page fills 55–75 % of the frame's height (at most 80 % of its width), its corners moved independently (perspective).
	const scale = Math.min(((0.55 + rnd() * 0.2) * H) / ph, (0.8 * W) / pw);
	const cx = W / 2 + (rnd() - 0.5) * W * 0.1;
	const cy = H / 2 + (rnd() - 0.5) * H * 0.06;
	const jitter = () => (rnd() - 0.5) * 0.12 * pw * scale;
	const corners: Array<[number, number]> = [
		[cx - (pw * scale) / 2 + jitter(), cy - (ph * scale) / 2 + jitter()],
		[cx + (pw * scale) / 2 + jitter(), cy - (ph * scale) / 2 + jitter()],
		[cx + (pw * scale) / 2 + jitter(), cy + (ph * scale) / 2 + jitter()],
		[cx - (pw * scale) / 2 + jitter(), cy + (ph * scale) / 2 + jitter()],
	];
	const inv = homography(corners, [
		[0, 0],
		[pw, 0],
		[pw, ph],
		[0, ph],
	]);
	const out = Buffer.alloc(W * H * 3);
	const light = (x: number, y: number) => 0.62 + 0.38 * (1 - Math.hypot(x / W - 0.25, y / H - 0.2) / 1.2);
	for (let y = 0; y < H; y++) {
		for (let x = 0; x < W; x++) {
			const d = inv[6]! * x + inv[7]! * y + 1;
			const u = (inv[0]! * x + inv[1]! * y + inv[2]!) / d;
			const v = (inv[3]! * x + inv[4]! * y + inv[5]!) / d;
			const o = (y * W + x) * 3;
			const l = light(x, y);
			if (u >= 0 && v >= 0 && u < pw - 1 && v < ph - 1) {
				// Bilinear sample of the page.
				const x0 = Math.floor(u);
				const y0 = Math.floor(v);
				const fx = u - x0;
				const fy = v - y0;
				for (let c = 0; c < 3; c++) {
					const p = (yy: number, xx: number) => page.data[(yy * pw + xx) * 3 + c]!;
					const val = p(y0, x0) * (1 - fx) * (1 - fy) + p(y0, x0 + 1) * fx * (1 - fy) + p(y0 + 1, x0) * (1 - fx) * fy + p(y0 + 1, x0 + 1) * fx * fy;
					out[o + c] = Math.max(0, Math.min(255, val * l));
				}
			} else {
				// A wooden-brown desk with a faint grain.
				const grain = 12 * Math.sin(y / 7 + Math.sin(x / 53) * 3);
				out[o] = Math.max(0, Math.min(255, (120 + grain) * l));
				out[o + 1] = Math.max(0, Math.min(255, (86 + grain) * l));
				out[o + 2] = Math.max(0, Math.min(255, (58 + grain) * l));
			}
		}
	}
	const jpeg = await sharp(out, { raw: { width: W, height: H, channels: 3 } })
		.blur(0.9)
		.jpeg({ quality: opts.jpegQuality ?? 75 })
		.toBuffer();
	return { jpeg, corners };
}
