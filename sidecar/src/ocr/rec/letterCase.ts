/**
 * Letter case by height. A few letters have capital and small forms of one shape and differ only
 * in height: c o s v w x z. The recogniser reads their case from context and loses the capital
 * where the context is thin: at a word's start in monospaced print ("cliente:" for "Cliente:"),
 * among capitals and digits ("FAc-2023"). Here such a letter is measured against the letters of the same line whose
 * height is not in doubt: small letters (a e m n r u) give the x-height, capitals and digits (or,
 * where the line has none, ascenders: b d f h k l) the capital height, and the letter becomes a
 * capital where its top is nearer the capitals'. A line without both kinds of reference (all
 * capitals, all small) is left as read. Pure.
 */
import type { DecodedChar } from './ctc';
import { charBodies, upperMedian as median } from './ink';
import { spacedBefore } from './spacing';

const SAME_SHAPE = /^[cosvwxz]$/;
const SMALL_REF = /^[aemnru]$/;
const CAP_REF = /^[ABDEFGHKLMNPRT0-9]$/;
/** Ascenders stand a little above capitals in many fonts: the reference only where the line has no capital. */
const ASCENDER_REF = /^[bdfhkl]$/;

/**
 * The decoded characters with c o s v w x z a capital where its height shows one, at a word's
 * start or among capitals.
 * @param stepPx width of one time step in crop pixels
 */
export function withInkCase(chars: readonly DecodedChar[], dark: Float32Array, width: number, height: number, stepPx: number): DecodedChar[] {
	if (!chars.some((c) => SAME_SHAPE.test(c.char))) return [...chars];
	const body = charBodies(chars, dark, width, height, stepPx);
	const tops = (re: RegExp) => chars.flatMap((c, i) => (re.test(c.char) && body.has(i) ? [body.get(i)!.y0] : []));
	const small = tops(SMALL_REF);
	const capitals = tops(CAP_REF);
	const tall = capitals.length ? capitals : tops(ASCENDER_REF);
	if (!small.length || !tall.length) return [...chars];
	const xTop = median(small);
	const tallTop = median(tall);
	// Ascenders rise above the capitals by about a quarter of the step from x-height (Liberation, DejaVu).
	const capTop = capitals.length ? tallTop : tallTop + 0.25 * (xTop - tallTop);
	const base = median(chars.flatMap((c, i) => ((SMALL_REF.test(c.char) || CAP_REF.test(c.char) || ASCENDER_REF.test(c.char)) && body.has(i) ? [body.get(i)!.y1] : [])));
	// Capitals must stand clearly above the small letters (not in small capitals or a blurred line).
	const step = xTop - capTop;
	if (step < 0.12 * (base - capTop + 1)) return [...chars];
	return chars.map((c, i) => {
		// A word's first letter, before small letters: where the recogniser loses a capital. (Inside
		// small letters its case is not in doubt, and a letter there can carry an accent blurred into it.)
		const prev = chars[i - 1];
		const next = chars[i + 1];
		const starts = (!prev || prev.char === ' ' || spacedBefore(c)) && next !== undefined && /^\p{Ll}$/u.test(next.char) && !spacedBefore(next);
		// Or inside a word of capitals ("FAc-2023" for "FAC-2023").
		const amongCapitals = prev !== undefined && /^\p{Lu}$/u.test(prev.char) && !spacedBefore(c) && !(next && /^\p{Ll}$/u.test(next.char) && !spacedBefore(next));
		if (!(starts || amongCapitals) || !SAME_SHAPE.test(c.char)) return c;
		const b = body.get(i);
		// Its body stands on the baseline (a line cropped askew moves it a pixel or two).
		if (!b || Math.abs(b.y1 - base) > 0.1 * (base - capTop + 1) + 1) return c;
		// Its top nearer the capitals' than the small letters'.
		return b.y0 < (capTop + xTop) / 2 ? { ...c, char: c.char.toUpperCase() } : c;
	});
}
