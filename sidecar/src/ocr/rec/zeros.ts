/**
 * Zero or capital O by width. In a code that mixes letters and digits ("Q0TJ5E3V-0035", "7Z0CT538")
 * nothing in the context says whether the round glyph between two letters is a zero or an O, and the
 * recogniser reads either. In print a capital O is wider than a zero (by their advance widths: DejaVu
 * Sans 1.24×, Liberation Sans 1.40×, Liberation Serif 1.44×): such a character is measured against
 * the zeros of the same line that stand beside a digit ("0035"), and becomes 0 where its ink is as
 * narrow as theirs, O where it is clearly wider. A line without such a zero, or a glyph run into its
 * neighbour, is left as read. Pure.
 */
import type { DecodedChar } from './ctc';
import { charBodies, upperMedian as median } from './ink';
import { wordSpans } from './spacing';

const ROUND = /^[O0]$/;
const LETTER = /^\p{Lu}$/u;
const DIGIT = /^\d$/;
/** Width against the line's zeros: at most this, a zero; at least WIDER, an O; between, as read. */
const AS_ZERO = 1.1;
const WIDER = 1.2;
/** Wider than this is two glyphs run together, not an O. */
const RUN_TOGETHER = 1.7;

/** The decoded characters with an O or 0 between two capitals of a code that holds digits measured against the line's zeros. */
export function withInkZeros(chars: readonly DecodedChar[], dark: Float32Array, width: number, height: number, stepPx: number): DecodedChar[] {
	const round = (i: number) => ROUND.test(chars[i]!.char) && LETTER.test(chars[i - 1]?.char ?? '') && LETTER.test(chars[i + 1]?.char ?? '');
	if (!chars.some((_, i) => round(i))) return [...chars];
	// The line's words as its reading cuts them: the glyph and both its letters in one word, a code
	// that holds a digit besides the glyph (not a word: "MOTOR 2000").
	const words = wordSpans({ chars });
	const doubtful = chars.map((c, i) => {
		const word = round(i) ? words.find((w) => w.start <= chars[i - 1]!.start && chars[i + 1]!.end <= w.end) : undefined;
		return word !== undefined && (word.text.match(/\d/g)?.length ?? 0) > (c.char === '0' ? 1 : 0);
	});
	if (!doubtful.some(Boolean)) return [...chars];
	const body = charBodies(chars, dark, width, height, stepPx);
	const zeros = chars.flatMap((c, i) => (c.char === '0' && !doubtful[i] && (DIGIT.test(chars[i - 1]?.char ?? '') || DIGIT.test(chars[i + 1]?.char ?? '')) && body.has(i) ? [body.get(i)!.x1 - body.get(i)!.x0 + 1] : []));
	if (!zeros.length) return [...chars];
	const zero = median(zeros);
	return chars.map((c, i) => {
		const b = body.get(i);
		if (!doubtful[i] || !b) return c;
		const ratio = (b.x1 - b.x0 + 1) / zero;
		if (ratio >= RUN_TOGETHER) return c;
		return ratio <= AS_ZERO ? { ...c, char: '0' } : ratio >= WIDER ? { ...c, char: 'O' } : c;
	});
}
