/**
 * The per-line reading chain: what one recognised crop says, after the ink has been asked about
 * what the recogniser cannot write or tell apart. In order: CTC greedy decoding; currency signs it
 * has no class for (lines with digits only); commas and stops the ink shows; letter case from the
 * ink; word spans; and, letter for letter, the accents the ink shows (kept aside for word repair in
 * the page's language). Pure: the recogniser's step summary and the crop in, the reading out.
 */
import { charPixels, ctcGreedy, type CtcSteps } from './ctc';
import { withInkAccents } from './diacritics';
import { inkLevels, parseTemplates, toGray, withUnreadSigns } from './glyphs';
import glyphTemplates from './glyphTemplates.json';
import { darkness } from './ink';
import { withInkCase } from './letterCase';
import { REC_HEIGHT, type RecInput } from './preprocess';
import { withInkMarks, type MarkOdds } from './punctuation';
import { wordSpans } from './spacing';
import { withInkZeros } from './zeros';
import type { WordFraction } from '../layout/words';

/** Bitmaps of the currency signs the recogniser has no class for (and of their look-alikes). */
const SIGN_TEMPLATES = parseTemplates(glyphTemplates);

export interface CropText {
	text: string;
	/** The text with accents read from the ink (rec/diacritics.ts), letter for letter. */
	accented?: string;
	confidence: number;
	/** Word spans as fractions of the crop's width (null when unknown). */
	words: WordFraction[] | null;
}

/**
 * One crop's reading. `bucket` is the width the crop was padded to for the recogniser, `odds` the
 * recogniser's comma and stop odds over a range of its steps.
 */
export function readLine(summary: CtcSteps, alphabet: readonly string[], input: RecInput, bucket: number, odds: MarkOdds): CropText {
	const validSteps = Math.ceil((input.width / bucket) * summary.steps);
	const decoded = ctcGreedy(summary, alphabet, validSteps);
	const stepPx = bucket / summary.steps;
	const w = input.width;
	const gray = toGray(input.image.data, w, REC_HEIGHT);
	const levels = inkLevels(gray);
	// Currency signs sit beside amounts: only lines with digits are searched for them.
	const signed = decoded.chars.some((c) => /\d/.test(c.char)) ? withUnreadSigns(decoded.chars, gray, levels, w, REC_HEIGHT, stepPx, SIGN_TEMPLATES) : decoded.chars;
	const dark = darkness(gray, levels);
	const marked = withInkMarks(signed, dark, w, REC_HEIGHT, stepPx, odds);
	const ctc = { ...decoded, chars: withInkZeros(withInkCase(marked, dark, w, REC_HEIGHT, stepPx), dark, w, REC_HEIGHT, stepPx) };
	const spans = wordSpans(ctc);
	// Accents change letters one for one: the same spans, for repair to take in the page's language.
	const accented = wordSpans({ ...ctc, chars: withInkAccents(ctc.chars, dark, w, REC_HEIGHT, stepPx) });
	return {
		text: spans.map((s) => s.text).join(' '),
		accented: accented.map((s) => s.text).join(' '),
		confidence: ctc.confidence,
		words: spans.map((s) => {
			const [x0, x1] = charPixels(s, stepPx);
			return { text: s.text, f0: x0 / w, f1: x1 / w };
		}),
	};
}
