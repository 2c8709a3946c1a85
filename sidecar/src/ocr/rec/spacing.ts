/**
 * Word spaces for Latin text. PP-OCRv4's Chinese/English recogniser often drops the space between
 * two words, but it still gives the space class some probability in the blank steps between them.
 * A space is inserted where that evidence is clear; the model's own spaces are kept, never doubled.
 */
import type { CtcResult, DecodedChar } from './ctc';

export interface SpacingOptions {
	/** Space-class probability in a gap that alone makes it a word space. */
	strong: number;
	/** Weaker evidence that counts together with a wide gap (`wideGap` blank steps or more). */
	weak: number;
	wideGap: number;
}

/** Tuned on rendered en/es/de/fr pages (bench/ocr-synthetic.ts): within words the space class stays below 0.02. */
export const SPACING_DEFAULTS: SpacingOptions = { strong: 0.1, weak: 0.03, wideGap: 3 };

/** A word of the decoded line: its text and the time steps its characters cover. */
export interface WordSpan {
	text: string;
	start: number;
	end: number;
}

/**
 * Separators that are followed (a colon after a word: "Scadenza: 10/09/2024") or surrounded (a
 * middle dot between items: "Stuttgart · USt-IdNr.") by a space when blank steps show a gap; the
 * space class is weak beside them. Times (10:30) have no such gap; Catalan l·l is no item.
 */
function separatorGap(prev: string, prevPrev: string, c: DecodedChar, next: string): boolean {
	if (c.gapBefore < 2) return false;
	if (prev === ':' && /\p{L}/u.test(prevPrev) && /[\p{L}\p{N}]/u.test(c.char)) return true;
	// An item after the dot starts with a capital or a digit ("Stuttgart · USt-IdNr."); "n·mers" is one word.
	const item = (ch: string) => /[\p{Lu}\p{N}]/u.test(ch);
	return (c.char === '·' && item(next)) || (prev === '·' && item(c.char));
}

/**
 * The space class shows a word space before `c`: clearly, or weakly across a wide gap. On a line
 * whose letters stand apart (`letterGapSteps` blank steps each), clear evidence between two letters
 * also needs more than a letter's gap, unless it is twice as clear: a scanned receipt's letter-spaced
 * words give the space class 0.1–0.15 between their own letters ("Guar dian", "STAT IONERY").
 */
export function spacedBefore(c: DecodedChar, opts: SpacingOptions = SPACING_DEFAULTS, letterGapSteps = 0, prev?: DecodedChar): boolean {
	// Only between two letters: a bracket's or a stop's narrow glyph leaves a letter's gap beside a real space.
	const betweenLetters = letterGapSteps > 0 && prev !== undefined && /\p{L}/u.test(prev.char) && /\p{L}/u.test(c.char);
	const clear = c.spaceBefore >= opts.strong && (!betweenLetters || c.gapBefore > letterGapSteps || c.spaceBefore >= 2 * opts.strong);
	return clear || (c.spaceBefore >= opts.weak && c.gapBefore >= opts.wideGap);
}

/** One to three digits from `i` and no more: a decimal part ("208,99"), not a number after a comma ("17, 80331"). */
export function decimalsAt(chars: readonly DecodedChar[], i: number): boolean {
	let n = 0;
	while (n < 4 && /\d/.test(chars[i + n]?.char ?? '')) n++;
	return n >= 1 && n <= 3;
}

/**
 * The blank steps between letters of a word on this line: the gap most letters have. A receipt's
 * letter-spaced monospace leaves two or three blank steps between every letter, where a book face
 * leaves none or one.
 */
export function letterGap(chars: readonly DecodedChar[]): number {
	const gaps = chars.slice(1).filter((c, i) => c.char !== ' ' && chars[i]!.char !== ' ').map((c) => c.gapBefore).sort((a, b) => a - b);
	return gaps.length >= 4 ? gaps[gaps.length >> 1]! : 0;
}

/** The line cut into words where the model wrote a space or the space class shows one. */
export function wordSpans(ctc: { chars: readonly DecodedChar[] }, base: SpacingOptions = SPACING_DEFAULTS): WordSpan[] {
	// Weak evidence needs a gap wider than this line's letters have.
	const lineGap = letterGap(ctc.chars);
	const opts = { ...base, wideGap: Math.max(base.wideGap, lineGap + 1) };
	const words: WordSpan[] = [];
	let cur: WordSpan | null = null;
	// After a number's decimal mark the space class can win a step or two (a monospaced comma's cell is
	// mostly blank: "208, 99"); a printed space there leaves a gap of a whole cell or more.
	const afterDecimal = (i: number, gap: number) => cur !== null && /^[\d.,']*\d[,.]$/.test(cur.text) && gap < opts.wideGap && decimalsAt(ctc.chars, i);
	for (const [i, c] of ctc.chars.entries()) {
		if (c.char === ' ') {
			if (!afterDecimal(i + 1, c.gapBefore + 1 + (ctc.chars[i + 1]?.gapBefore ?? 0))) cur = null;
			continue;
		}
		// A hyphen between digits with no space after it is a date's or a code's ("25-04-2023"), not a dash.
		const hyphen = c.char === '-' && cur !== null && /\d$/.test(cur.text) && /\d/.test(ctc.chars[i + 1]?.char ?? '') && !spacedBefore(ctc.chars[i + 1]!, opts, lineGap, c);
		// Initials run together: a single capital and its stop, then another ("S.L.", "D.E,"), across
		// less than a printed space's gap (a monospaced stop's blank half-cell).
		const initials = cur !== null && /(?:^|[^\p{L}])\p{Lu}\.$/u.test(cur.text) && /^\p{Lu}$/u.test(c.char) && /^[.,]?$/.test(ctc.chars[i + 1]?.char.replace(' ', '') ?? '') && c.gapBefore < opts.wideGap;
		if (cur && !afterDecimal(i, c.gapBefore) && !hyphen && !initials && (spacedBefore(c, opts, lineGap, ctc.chars[i - 1]) || separatorGap(cur.text.at(-1)!, cur.text.at(-2) ?? '', c, ctc.chars[i + 1]?.char ?? ''))) cur = null;
		if (cur) {
			cur.text += c.char;
			cur.end = c.end;
		} else {
			cur = { text: c.char, start: c.start, end: c.end };
			words.push(cur);
		}
	}
	return words;
}

export function restoreSpaces(ctc: CtcResult, opts: SpacingOptions = SPACING_DEFAULTS): string {
	return wordSpans(ctc, opts)
		.map((w) => w.text)
		.join(' ');
}
