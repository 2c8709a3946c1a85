/**
 * Writes sidecar/src/ocr/rec/glyphTemplates.json: small bitmaps of the currency signs PP-OCRv4's
 * recogniser has no class for (€, £), and of characters it does read that look like them (C, E,
 * L, f, t, digits …) so that a blob resembling one of those is not taken for a currency sign.
 *   node --import tsx scripts/glyph-templates.ts
 * Rendered with the fonts Debian's fonts-liberation and fonts-dejavu-core install; the monospaced
 * ones are left out so that bench/ocr-invoice-peers.ts can try fonts the templates have not seen.
 */
import fs from 'node:fs';
import sharp from 'sharp';
import { GLYPH_SIZE, glyphBitmap } from '../sidecar/src/ocr/rec/glyphs';
import { darkThreshold } from '../sidecar/src/ocr/threshold';

const FONTS: Array<[string, boolean]> = [
	['Liberation Sans', false],
	['Liberation Sans', true],
	['Liberation Serif', false],
	['Liberation Serif', true],
	['DejaVu Sans', false],
	['DejaVu Sans', true],
	['DejaVu Serif', false],
	['DejaVu Serif', true],
	['Liberation Sans Narrow', false],
	['Liberation Sans Narrow', true],
];
export const SIGNS = ['€', '£'];
const LOOKALIKES = ['C', 'E', 'e', 'c', 'L', 'f', 't', 'G', 'S', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '$', '&', '%'];

/** Sizes in pixels as the recogniser's 48-pixel lines hold them (a line's box is about 1.6 em). */
const SIZES = [26, 34];

async function render(ch: string, font: string, bold: boolean, size: number): Promise<string> {
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="80" height="60"><rect width="100%" height="100%" fill="#fff"/><text x="20" y="42" font-family="${font}" font-size="${size}"${bold ? ' font-weight="bold"' : ''}>${ch.replace('&', '&amp;')}</text></svg>`;
	const { data, info } = await sharp(Buffer.from(svg)).greyscale().raw().toBuffer({ resolveWithObject: true });
	const gray = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
	const bitmap = glyphBitmap(gray, info.width, [0, 0, info.width, info.height], darkThreshold(gray), { paper: 255, ink: 0 });
	if (!bitmap) throw new Error(`nothing drawn for ${ch} in ${font}`);
	return bitmap.cells.map((v) => Math.round(v * 15).toString(16)).join('') + `:${bitmap.aspect.toFixed(3)}`;
}

async function main(): Promise<void> {
	const out: Record<string, string[]> = {};
	for (const ch of [...SIGNS, ...LOOKALIKES]) {
		out[ch] = [];
		for (const [font, bold] of FONTS) for (const size of SIZES) out[ch]!.push(await render(ch, font, bold, size));
	}
	fs.writeFileSync('sidecar/src/ocr/rec/glyphTemplates.json', `${JSON.stringify({ size: GLYPH_SIZE, signs: SIGNS, templates: out }, null, '\t')}\n`);
	console.log(`${Object.keys(out).length} characters × ${FONTS.length} fonts × ${SIZES.length} sizes`);
}

void main();
