/**
 * The page stage, ahead of recognition: makes the page upright and flat, and says what it did.
 * 1. A photo (no white border) has its page found, warped flat, and its light evened out.
 * 2. Most long text boxes tall → the page is turned 90° (and re-detected).
 * 3. Upside down: the angle classifier's vote over the longest lines, settled by reading them (only
 *    when it suspects one, so an upright page mostly costs a few classifier runs): read as they are,
 *    and also turned when most are suspected or the reading is doubtful; the better reading decides.
 * 4. Skew: roughly the median tilt of the long lines, then to a tenth of a degree from the ink's
 *    projection profile; a small one is taken out by turning the boxes, a large one by turning the
 *    image and detecting again.
 * Its `frame` maps every output coordinate back to the image as sent.
 */
import sharp from 'sharp';
import { rotate180 } from '../crop';
import type { Quad, RgbImage } from '../types';
import { identityFrame, rotatedSize, type Orientation, type PageFrame } from './frame';
import { longestLines, profileSkew, skewDegrees, tallShare } from './orientation';
import { evenLight, findPageQuad, flatten, looksLikePhoto } from './photo';

/** What the stage needs of the OCR engine. */
export interface StageTools {
	detect(img: RgbImage): Promise<Quad[]>;
	/** Share of the given lines the 0/180° classifier calls upside down. */
	upsideDownShare(img: RgbImage, quads: Quad[]): Promise<number>;
	/** Mean recognition confidence of the given lines, read as they are or turned 180°. */
	readConfidence(img: RgbImage, quads: Quad[], turned: boolean): Promise<number>;
}

export interface UprightPage {
	image: RgbImage;
	/** Detected lines on `image`. */
	quads: Quad[];
	frame: PageFrame;
}

/** Below this tilt the boxes are turned; above it the image is turned and detected again. */
const REDETECT_SKEW = 4;
/** Mean confidence of the longest lines above which they read as upright, whatever the classifier says (upside down they read near 0.5). */
const UPRIGHT_READING = 0.85;
/** A tilt smaller than this is noise of the boxes, not of the page. */
const MIN_SKEW = 0.4;

async function turnImage(img: RgbImage, degrees: number): Promise<RgbImage> {
	const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
		.rotate(degrees, { background: '#ffffff' })
		.removeAlpha()
		.raw()
		.toBuffer({ resolveWithObject: true });
	return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/** Quads of an image rotated by `degrees` (clockwise, about the centres, canvas grown as sharp does). */
function rotateQuads(quads: readonly Quad[], from: { width: number; height: number }, degrees: number): Quad[] {
	const r = (degrees * Math.PI) / 180;
	const to = rotatedSize(from.width, from.height, degrees);
	return quads.map((q) =>
		q.map(([x, y]) => {
			const dx = x - from.width / 2;
			const dy = y - from.height / 2;
			return [to.width / 2 + dx * Math.cos(r) - dy * Math.sin(r), to.height / 2 + dx * Math.sin(r) + dy * Math.cos(r)] as [number, number];
		}) as Quad,
	);
}

/**
 * A tight crop of one line (short side under 160 px) gets a white margin and, when its text is
 * small, enlargement: the detector needs room around a line, as it has on a page.
 */
async function padTightCrop(img: RgbImage): Promise<{ image: RgbImage; pad: NonNullable<PageFrame['pad']> } | null> {
	const short = Math.min(img.width, img.height);
	if (short >= 160) return null;
	const scale = short < 32 ? Math.min(3, 32 / Math.max(1, short)) : 1;
	const w = Math.max(1, Math.round(img.width * scale));
	const h = Math.max(1, Math.round(img.height * scale));
	const margin = Math.max(32, Math.round(0.8 * Math.min(w, h)));
	const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
		.resize(w, h, { kernel: 'lanczos3' })
		.extend({ top: margin, bottom: margin, left: margin, right: margin, background: '#ffffff' })
		.raw()
		.toBuffer({ resolveWithObject: true });
	return { image: { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) }, pad: { left: margin, top: margin, scale, width: info.width, height: info.height } };
}

/** The bounds of the lines with a margin of 4 % (at least 24 px), or null when they fill the image anyway. */
function textArea(quads: readonly Quad[], width: number, height: number): { left: number; top: number; w: number; h: number } | null {
	if (quads.length === 0) return null;
	const xs = quads.flatMap((q) => q.map((p) => p[0]));
	const ys = quads.flatMap((q) => q.map((p) => p[1]));
	const m = Math.max(24, Math.round(0.04 * Math.max(width, height)));
	const left = Math.max(0, Math.floor(Math.min(...xs) - m));
	const top = Math.max(0, Math.floor(Math.min(...ys) - m));
	const w = Math.min(width, Math.ceil(Math.max(...xs) + m)) - left;
	const h = Math.min(height, Math.ceil(Math.max(...ys) + m)) - top;
	return w * h < 0.9 * width * height && w > 16 && h > 16 ? { left, top, w, h } : null;
}

async function cropImage(img: RgbImage, c: { left: number; top: number; w: number; h: number }): Promise<RgbImage> {
	const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
		.extract({ left: c.left, top: c.top, width: c.w, height: c.h })
		.raw()
		.toBuffer({ resolveWithObject: true });
	return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

export async function uprightPage(sent: RgbImage, tools: StageTools): Promise<UprightPage> {
	const frame = identityFrame(sent.width, sent.height);
	let img = sent;

	// 0. A tight crop of a line: margin (and size) first.
	const padded = await padTightCrop(sent);
	if (padded) {
		img = padded.image;
		frame.pad = padded.pad;
	}

	// 1. Photos: flatten the page and even out its light.
	if (!padded && looksLikePhoto(sent)) {
		const quad = findPageQuad(sent);
		if (quad) {
			const flat = flatten(sent, quad);
			img = evenLight(flat.image);
			frame.dewarp = { quad: quad.map(([x, y]) => [Math.round(x), Math.round(y)]) as Quad, width: img.width, height: img.height, toSent: flat.toSent };
		}
	}
	let quads = await tools.detect(img);

	// 2. Turned by a right angle: lines stand tall.
	let orientation: Orientation = 0;
	const tall = tallShare(quads);
	if (tall !== null && tall >= 0.6) {
		orientation = 90;
		img = await turnImage(img, 90);
		quads = await tools.detect(img);
	}

	// 3. Upside down: the classifier suspects, reading both ways decides. Its vote alone is fragile
	//    (a box two pixels higher turned four of six suspicious lines into one), so one suspicious
	//    line is enough to read the lines as they are, and a doubtful reading to read them turned.
	const longest = longestLines(quads, 6);
	let decided = longest.length >= 2 || tall !== null;
	if (longest.length >= 1) {
		const share = await tools.upsideDownShare(img, longest);
		const asIs = share > 0 ? await tools.readConfidence(img, longest, false) : 1;
		if (share >= 0.5 || asIs < UPRIGHT_READING) {
			const turned = await tools.readConfidence(img, longest, true);
			if (turned > asIs + 0.02) {
				orientation = ((orientation + 180) % 360) as Orientation;
				img = rotate180(img);
				// Detected again rather than mirrored: the detector groups upside-down words differently
				// ("North America 1,284.50" as one box), and the table reader needs the upright grouping.
				quads = await tools.detect(img);
			}
			decided = Math.abs(turned - asIs) > 0.02;
		}
	}
	frame.orientation = orientation;
	frame.orientationDecided = decided;

	// 4. Skew: roughly from the long lines (or, with too few, from the ink over ±45°), then to a tenth
	//    of a degree from the ink's projection profile.
	const rough = skewDegrees(quads);
	const skew = rough !== null ? profileSkew(img, rough, 1.5, 0.1) : quads.length >= 3 ? profileSkew(img, 0, 45, 0.5) : null;
	const refined = skew !== null && rough === null && Math.abs(skew) >= MIN_SKEW ? profileSkew(img, skew, 0.6, 0.1) : skew;
	if (refined !== null && Math.abs(refined) >= MIN_SKEW) {
		const level = img;
		img = await turnImage(level, -refined);
		const turnedQuads = rotateQuads(quads, level, -refined);
		frame.skewDegrees = refined;
		if (Math.abs(refined) > REDETECT_SKEW) {
			// A steep tilt grows the canvas with blank corners: cut it to the text (with a margin) so
			// detection sees the text as large as on the page, then detect again.
			const cut = textArea(turnedQuads, img.width, img.height);
			if (cut) {
				frame.crop = { ...cut, width: img.width, height: img.height };
				img = await cropImage(img, cut);
			}
			quads = await tools.detect(img);
		} else quads = turnedQuads;
	}
	// The upright canvas as sharp made it (toSent turns about its centre).
	frame.width = img.width;
	frame.height = img.height;
	return { image: img, quads, frame };
}
