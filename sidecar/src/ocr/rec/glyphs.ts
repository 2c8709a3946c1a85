/**
 * Currency signs the recogniser cannot write. PP-OCRv4's keys have no € and no £, so it reads
 * "4.795,13 €" as "4.795,13": the sign's steps decode to blank. Ink that no decoded character
 * covers is cut out, scaled to a small bitmap and compared with bitmaps of the signs and of
 * characters that look like them (C, E, L, f, digits …); a clear match to a sign is written into
 * the line at its place. A look-alike the recogniser did write, alone beside a number ("f 99.00"
 * for "£ 99.00"), is checked the same way. Pure: the templates are data (glyphTemplates.json, made
 * by scripts/glyph-templates.ts).
 */
import { charPixels, type DecodedChar } from './ctc';

export const GLYPH_SIZE = 12;

export interface GlyphBitmap {
	/** GLYPH_SIZE² ink fractions (0 paper … 1 ink), row-major, over the ink's bounding box. */
	cells: number[];
	/** Width / height of the ink's bounding box. */
	aspect: number;
}

export interface InkLevels {
	paper: number;
	ink: number;
}

/** Paper and ink greys of a crop (its 90th and 2nd percentiles): anti-aliased edges count in between. */
export function inkLevels(gray: Uint8Array): InkLevels {
	const hist = new Array<number>(256).fill(0);
	for (let i = 0; i < gray.length; i++) hist[gray[i]!]!++;
	const at = (q: number) => {
		let n = 0;
		for (let v = 0; v < 256; v++) if ((n += hist[v]!) >= q * gray.length) return v;
		return 255;
	};
	return { paper: at(0.9), ink: at(0.02) };
}

/**
 * The ink of `region` ([x0, y0, x1, y1)) over its bounding box (pixels below `threshold`),
 * scaled to a bitmap of ink levels (anti-aliasing kept, so small print compares fairly with the
 * templates); null when blank.
 */
export function glyphBitmap(gray: Uint8Array, width: number, region: readonly [number, number, number, number], threshold: number, levels: InkLevels): GlyphBitmap | null {
	const [rx0, ry0, rx1, ry1] = region;
	let x0 = Infinity;
	let y0 = Infinity;
	let x1 = -1;
	let y1 = -1;
	for (let y = ry0; y < ry1; y++) {
		for (let x = rx0; x < rx1; x++) {
			if (gray[y * width + x]! < threshold) {
				x0 = Math.min(x0, x);
				x1 = Math.max(x1, x);
				y0 = Math.min(y0, y);
				y1 = Math.max(y1, y);
			}
		}
	}
	if (x1 < 0) return null;
	const w = x1 - x0 + 1;
	const h = y1 - y0 + 1;
	// Each cell is the ink fraction of the pixels it covers (at least one pixel when the glyph is smaller than the grid).
	const cells = new Array<number>(GLYPH_SIZE * GLYPH_SIZE).fill(0);
	const span = (from: number, size: number, k: number): [number, number] => {
		const a = from + Math.floor((k * size) / GLYPH_SIZE);
		return [a, Math.max(a + 1, from + Math.floor(((k + 1) * size) / GLYPH_SIZE))];
	};
	for (let gy = 0; gy < GLYPH_SIZE; gy++) {
		const [ya, yb] = span(y0, h, gy);
		for (let gx = 0; gx < GLYPH_SIZE; gx++) {
			const [xa, xb] = span(x0, w, gx);
			let dark = 0;
			for (let y = ya; y < yb; y++) for (let x = xa; x < xb; x++) dark += Math.min(1, Math.max(0, (levels.paper - gray[y * width + x]!) / Math.max(1, levels.paper - levels.ink)));
			cells[gy * GLYPH_SIZE + gx] = dark / ((yb - ya) * (xb - xa));
		}
	}
	return { cells, aspect: w / h };
}

/** The bitmap less its mean, scaled to unit length: the dot product of two is their correlation. */
function centred(cells: readonly number[]): Float32Array {
	const mean = cells.reduce((a, b) => a + b, 0) / cells.length;
	const out = Float32Array.from(cells, (v) => v - mean);
	const norm = Math.sqrt(out.reduce((a, b) => a + b * b, 0));
	if (norm > 0) for (let i = 0; i < out.length; i++) out[i]! /= norm;
	return out;
}

/** Normalised cross-correlation of two centred bitmaps (1 = same shape). */
function correlation(a: Float32Array, b: Float32Array): number {
	let ab = 0;
	for (let i = 0; i < a.length; i++) ab += a[i]! * b[i]!;
	return ab;
}

export interface GlyphTemplates {
	signs: readonly string[];
	templates: ReadonlyMap<string, ReadonlyArray<{ centred: Float32Array; aspect: number }>>;
}

/** Templates from their JSON form: per character, hex ink levels (0–f) then ":aspect". */
export function parseTemplates(json: { size: number; signs: string[]; templates: Record<string, string[]> }): GlyphTemplates {
	if (json.size !== GLYPH_SIZE) throw new Error(`glyph templates are ${json.size}², expected ${GLYPH_SIZE}²`);
	const templates = new Map<string, Array<{ centred: Float32Array; aspect: number }>>();
	for (const [ch, list] of Object.entries(json.templates)) {
		templates.set(
			ch,
			list.map((t) => {
				const [hex, aspect] = t.split(':');
				return { centred: centred([...hex!].map((d) => parseInt(d, 16) / 15)), aspect: Number(aspect) };
			}),
		);
	}
	return { signs: json.signs, templates };
}

/** How sure a match must be, and by how much a sign must beat every look-alike. */
export const SIGN_MATCH = { min: 0.72, margin: 0.03 };

/** The sign the bitmap shows, or null (unclear, or closer to a character the recogniser reads). */
export function matchSign(bitmap: GlyphBitmap, t: GlyphTemplates): { sign: string; score: number } | null {
	let bestOther = -Infinity;
	let bestSign = { ch: '', score: -Infinity };
	const cells = centred(bitmap.cells);
	for (const [ch, list] of t.templates) {
		for (const tpl of list) {
			// Shape first; a very different width-to-height ratio costs (a € is not a wide smear).
			const score = correlation(cells, tpl.centred) - 0.5 * Math.abs(Math.log(bitmap.aspect / tpl.aspect));
			if (t.signs.includes(ch)) {
				if (score > bestSign.score) bestSign = { ch, score };
			} else bestOther = Math.max(bestOther, score);
		}
	}
	// The margin also makes the sign the best match overall.
	if (bestSign.score < SIGN_MATCH.min || bestSign.score - bestOther < SIGN_MATCH.margin) return null;
	return { sign: bestSign.ch, score: bestSign.score };
}

/** A run of ink columns that no decoded character covers, in crop pixels. */
export interface InkBlob {
	x0: number;
	x1: number;
	/** Height of its ink. */
	height: number;
	/** Blank columns between the blob and the nearest ink on each side (Infinity: none). */
	gapLeft: number;
	gapRight: number;
}

/** Per column of a crop: how many pixels are ink, and the first and last ink row. */
export interface InkColumns {
	count: number[];
	top: number[];
	bottom: number[];
}

export function inkColumns(gray: Uint8Array, width: number, height: number, threshold: number): InkColumns {
	const count = new Array<number>(width).fill(0);
	const top = new Array<number>(width).fill(height);
	const bottom = new Array<number>(width).fill(-1);
	for (let x = 0; x < width; x++) {
		for (let y = 0; y < height; y++) {
			if (gray[y * width + x]! < threshold) {
				count[x]!++;
				top[x] = Math.min(top[x]!, y);
				bottom[x] = y;
			}
		}
	}
	return { count, top, bottom };
}

/** A column with ink in it (two pixels or more: one is noise). */
const inked = (cols: InkColumns, x: number) => cols.count[x]! >= 2;

/**
 * Ink no character explains. `covered` are the decoded characters' pixel ranges; a blob must be
 * glyph-sized (at least 40 % of the crop's height tall, not a comma or a speck).
 */
export function unreadBlobs(cols: InkColumns, height: number, covered: ReadonlyArray<readonly [number, number]>): InkBlob[] {
	const width = cols.count.length;
	const free = (x: number) => !covered.some(([a, b]) => x >= a && x <= b);
	const blobs: InkBlob[] = [];
	let x = 0;
	while (x < width) {
		if (!inked(cols, x) || !free(x)) {
			x++;
			continue;
		}
		const x0 = x;
		while (x < width && inked(cols, x) && free(x)) x++;
		const x1 = x - 1;
		// Ink running on under a decoded character is part of that character.
		if ((x0 > 0 && inked(cols, x0 - 1)) || (x < width && inked(cols, x))) continue;
		let y0 = height;
		let y1 = -1;
		for (let k = x0; k <= x1; k++) {
			y0 = Math.min(y0, cols.top[k]!);
			y1 = Math.max(y1, cols.bottom[k]!);
		}
		if (y1 - y0 + 1 < 0.4 * height || x1 - x0 + 1 < 0.2 * (y1 - y0 + 1)) continue;
		let left = x0 - 1;
		while (left >= 0 && !inked(cols, left)) left--;
		let right = x1 + 1;
		while (right < width && !inked(cols, right)) right++;
		blobs.push({ x0, x1, height: y1 - y0 + 1, gapLeft: left < 0 ? Infinity : x0 - left - 1, gapRight: right >= width ? Infinity : right - x1 - 1 });
	}
	return blobs;
}

/** Greyscale (0–255) of an RGB crop. */
export function toGray(rgb: Uint8Array, width: number, height: number): Uint8Array {
	const out = new Uint8Array(width * height);
	for (let i = 0; i < out.length; i++) out[i] = Math.round(0.299 * rgb[i * 3]! + 0.587 * rgb[i * 3 + 1]! + 0.114 * rgb[i * 3 + 2]!);
	return out;
}

/**
 * The decoded characters with any currency sign found in unexplained ink put in at its place.
 * `stepPx` is the width of one time step in crop pixels; a sign set apart by blank columns a
 * quarter of its height wide or more is a word of its own.
 */
export function withUnreadSigns(chars: readonly DecodedChar[], gray: Uint8Array, levels: InkLevels, width: number, height: number, stepPx: number, t: GlyphTemplates): DecodedChar[] {
	// Half-way between paper and ink: Otsu's threshold on a short crop of anti-aliased print falls too near the paper.
	const threshold = (levels.paper + levels.ink) / 2;
	const cols = inkColumns(gray, width, height, threshold);
	const covered = chars.filter((c) => c.char !== ' ').map((c) => charPixels(c, stepPx));
	const bitmapOf = (x0: number, x1: number) => glyphBitmap(gray, width, [x0, 0, x1 + 1, height], threshold, levels);
	const out = chars.map((c, i) => (misreadSign(chars, i) ? recheck(c, cols, stepPx, bitmapOf, t) : c));
	for (const blob of unreadBlobs(cols, height, covered)) {
		const bitmap = bitmapOf(blob.x0, blob.x1);
		const match = bitmap ? matchSign(bitmap, t) : null;
		if (!match) continue;
		const start = Math.floor(blob.x0 / stepPx);
		const end = Math.max(start, Math.floor(blob.x1 / stepPx));
		// A word space is about a third of a capital's height; glyphs of one word sit closer.
		const apart = 0.25 * blob.height;
		const at = out.findIndex((c) => c.start > start);
		const index = at < 0 ? out.length : at;
		out.splice(index, 0, { char: match.sign, start, end, prob: match.score, spaceBefore: blob.gapLeft >= apart ? 1 : 0, gapBefore: blob.gapLeft >= apart ? 3 : 0 });
		const next = out[index + 1];
		if (next) out[index + 1] = { ...next, spaceBefore: blob.gapRight >= apart ? 1 : 0, gapBefore: blob.gapRight >= apart ? 3 : 0 };
	}
	return out;
}

/** Characters a currency sign is read as when the recogniser does write something (£ as f, € as E or C). */
const SIGN_LOOKALIKES = /^[fECLte]$/;

/** A look-alike standing alone as a word beside a number ("f 99.00", "12,50 E"). */
function misreadSign(chars: readonly DecodedChar[], i: number): boolean {
	const c = chars[i]!;
	if (!SIGN_LOOKALIKES.test(c.char)) return false;
	const prev = chars[i - 1];
	const next = chars[i + 1];
	const alone = (!prev || prev.char === ' ' || c.spaceBefore >= 0.1) && (!next || next.char === ' ' || next.spaceBefore >= 0.1);
	const beside = (k: number) => chars[k] !== undefined && (chars[k]!.char === ' ' ? /\d/.test(chars[k + Math.sign(k - i)]?.char ?? '') : /\d/.test(chars[k]!.char));
	return alone && (beside(i - 1) || beside(i + 1));
}

/** The character as read, or the sign its ink (the run of inked columns at its centre) matches better. */
function recheck(c: DecodedChar, cols: InkColumns, stepPx: number, bitmapOf: (x0: number, x1: number) => GlyphBitmap | null, t: GlyphTemplates): DecodedChar {
	const width = cols.count.length;
	let x0 = Math.min(width - 1, Math.round(((c.start + c.end) / 2 + 0.5) * stepPx));
	if (!inked(cols, x0)) return c;
	let x1 = x0;
	while (x0 > 0 && inked(cols, x0 - 1)) x0--;
	while (x1 < width - 1 && inked(cols, x1 + 1)) x1++;
	const bitmap = bitmapOf(x0, x1);
	const match = bitmap ? matchSign(bitmap, t) : null;
	return match ? { ...c, char: match.sign } : c;
}
