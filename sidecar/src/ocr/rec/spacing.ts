/**
 * Word spaces for Latin text. PP-OCRv4's Chinese/English recogniser often drops the space between
 * two words, but it still gives the space class some probability in the blank steps between them.
 * A space is inserted where that evidence is clear; the model's own spaces are kept, never doubled.
 */
import type { CtcResult } from './ctc';

export interface SpacingOptions {
	/** Space-class probability in a gap that alone makes it a word space. */
	strong: number;
	/** Weaker evidence that counts together with a wide gap (`wideGap` blank steps or more). */
	weak: number;
	wideGap: number;
}

/** Tuned on rendered en/es/de/fr pages (bench/ocr-synthetic.ts): within words the space class stays below 0.02. */
export const SPACING_DEFAULTS: SpacingOptions = { strong: 0.1, weak: 0.03, wideGap: 3 };

export function restoreSpaces(ctc: CtcResult, opts: SpacingOptions = SPACING_DEFAULTS): string {
	let out = '';
	for (const c of ctc.chars) {
		const prevIsSpace = out === '' || out.endsWith(' ');
		if (c.char === ' ') {
			if (!prevIsSpace) out += ' ';
			continue;
		}
		if (!prevIsSpace && (c.spaceBefore >= opts.strong || (c.spaceBefore >= opts.weak && c.gapBefore >= opts.wideGap))) out += ' ';
		out += c.char;
	}
	return out.trimEnd();
}
