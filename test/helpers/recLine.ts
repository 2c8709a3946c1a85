/** One line of print as the recogniser sees it: 48 pixels high, black on white, drawn with sharp. */
import sharp from 'sharp';
import { toGray } from '../../sidecar/src/ocr/rec/glyphs';

/** Monospaced at 30 px from x = 10: glyph i is 18 px wide and centred at 10 + 18·i + 9 (baseline y = 34). */
export const MONO_ADVANCE = 18;

export async function recLine(text: string, font = 'Liberation Mono'): Promise<{ gray: Uint8Array; rgb: Uint8Array; width: number }> {
	return recSvg(monoText(text, 0, font), 24 * text.length + 20);
}

/** `<text>` for `text` starting at glyph cell `cell` of the monospaced line, moved `dx` px (to set a mark against its letter). */
export function monoText(text: string, cell: number, font = 'Liberation Mono', dx = 0): string {
	const esc = text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
	return `<text x="${10 + MONO_ADVANCE * cell + dx}" y="34" font-family="${font}" font-size="30" xml:space="preserve">${esc}</text>`;
}

/** A 48-px line drawn from SVG elements (monoText, shapes) on white. */
export async function recSvg(inner: string, width: number): Promise<{ gray: Uint8Array; rgb: Uint8Array; width: number }> {
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="48"><rect width="100%" height="100%" fill="#fff"/>${inner}</svg>`;
	const rgb = await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer();
	const data = new Uint8Array(rgb.buffer, rgb.byteOffset, rgb.byteLength);
	return { gray: toGray(data, width, 48), rgb: data, width };
}

/**
 * `text` as recLine draws it, but as a low-resolution scan gives it to the recogniser: drawn
 * `factor` times smaller, blurred by `sigma` px, and enlarged back to 48 px (glyph positions kept).
 */
export async function blurredLine(text: string, factor: number, sigma: number): Promise<{ gray: Uint8Array; width: number }> {
	const width = 24 * text.length + 20;
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="48"><rect width="100%" height="100%" fill="#fff"/>${monoText(text, 0)}</svg>`;
	const small = await sharp(Buffer.from(svg))
		.removeAlpha()
		.resize(Math.round(width / factor), Math.round(48 / factor), { kernel: 'linear' })
		.blur(sigma)
		.toBuffer();
	const rgb = await sharp(small).resize(width, 48, { kernel: 'linear', fit: 'fill' }).removeAlpha().raw().toBuffer();
	return { gray: toGray(new Uint8Array(rgb.buffer, rgb.byteOffset, rgb.byteLength), width, 48), width };
}
