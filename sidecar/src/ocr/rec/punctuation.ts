/**
 * Commas and full stops by their ink. On small or faint print (thermal receipts) the recogniser
 * drops the comma that ends an address line ("TAMAN DAYA," → "TAMAN DAYA") and reads commas and
 * stops for each other ("55.90" → "55,90"). Both marks are a small blob at the baseline; a comma's
 * tail goes below it. Each blob of ink sitting on the baseline is found in the recognition crop,
 * told apart by how far it reaches below the baseline, and compared with what was decoded at its
 * place: a mark read as the other is corrected, and a mark read as nothing after a word or
 * between digits is written in. Pure.
 */
import { charCentre, type DecodedChar } from './ctc';
import { baseline, inkComponents, inkRuns, RUN_INK, type InkComponent, type InkRun } from './ink';
import { decimalsAt, spacedBefore } from './spacing';

/**
 * What a run is, if it is a mark on the baseline: a comma's tail reaches well below it, a stop ends
 * on it; a small mark in between could be either ('?'). Measured on SROIE receipts: stops end 0–2
 * px below a 27–32 px baseline, clear commas 4–9 px, small print's commas 2–3 px like its stops.
 */
export function markOf(run: InkRun, line: { base: number; size: number }, height: number): ',' | '.' | '?' | null {
	const { base, size } = line;
	const w = run.x1 - run.x0 + 1;
	const h = run.bottom - run.top + 1;
	// Ink cut off by the crop's lower edge belongs to the line below.
	if (w > 0.35 * size || h < 0.08 * size || run.peak < 0.45 || run.bottom >= height - 1) return null;
	// All its ink in the lower part (a colon's upper dot, a hyphen, an apostrophe are not marks here).
	if (run.top < base - 0.4 * size || run.bottom < base - 0.12 * size) return null;
	const below = (run.bottom - base) / size;
	return below >= 0.15 ? ',' : below <= 0.04 ? '.' : '?';
}

/** A run of ink that is a mark; `split` when it was cut out of a letter's run. */
interface MarkRun {
	run: InkRun;
	shape: ',' | '.' | '?';
	split: boolean;
}

/**
 * The runs that are marks, with their shapes. A mark printed close to the letter before it ("i,",
 * "R,") shares its run of columns; such a run reaches below the baseline. The mark is found in
 * the run's columns of dark ink alone ({@link SPLIT_INK}), where a faint join parts, else among its
 * connected blobs, where the two overlap in columns but do not touch.
 */
function markRuns(runs: readonly InkRun[], line: { base: number; size: number }, dark: Float32Array, width: number, height: number): MarkRun[] {
	const out: MarkRun[] = [];
	let blobs: InkComponent[] | null = null;
	for (const run of runs) {
		const shape = markOf(run, line, height);
		if (shape) {
			out.push({ run, shape, split: false });
			continue;
		}
		if (!inkBelow(dark, width, height, run, Math.ceil(line.base + 0.08 * line.size))) continue;
		const parts = inkRuns(dark, width, height, SPLIT_INK, run.x0, run.x1);
		const found = parts.length > 1 ? parts.flatMap((part) => asMark(part, line, height)) : [];
		if (!found.length) {
			blobs ??= inkComponents(dark, width, height);
			for (const b of blobs) {
				if (b.x0 < run.x0 || b.x1 > run.x1 || b.x1 - b.x0 >= run.x1 - run.x0) continue;
				found.push(...asMark({ x0: b.x0, x1: b.x1, top: b.y0, bottom: b.y1, peak: peakIn(dark, width, b) }, line, height));
			}
		}
		out.push(...found);
	}
	return out;
}

/** Whether a run has ink from row `from` down: a tail or a descender (a thin tail can be too light for the run's row profile). */
function inkBelow(dark: Float32Array, width: number, height: number, run: InkRun, from: number): boolean {
	for (let y = from; y < height; y++) for (let x = run.x0; x <= run.x1; x++) if (dark[y * width + x]! >= RUN_INK) return true;
	return false;
}

const asMark = (run: InkRun, line: { base: number; size: number }, height: number): MarkRun[] => {
	const shape = markOf(run, line, height);
	return shape ? [{ run, shape, split: true }] : [];
};

const peakIn = (dark: Float32Array, width: number, b: InkComponent) => {
	let peak = 0;
	for (let y = b.y0; y <= b.y1; y++) for (let x = b.x0; x <= b.x1; x++) peak = Math.max(peak, dark[y * width + x]!);
	return peak;
};

/** Darkness that parts a mark from the letter it touches (faint joins between them stay under it). */
const SPLIT_INK = 0.6;

/** The recogniser's probabilities of a comma and of a stop near a blob (the larger over its steps). */
export type MarkOdds = (fromStep: number, toStep: number) => { ',': number; '.': number };

const MARK = /^[.,]$/;
/** The recogniser's least probability of a comma or stop for a mark it missed to be written in. */
const MARK_ODDS = 0.1;
const ALNUM = /[\p{L}\p{N}]/u;
const LETTER = /\p{L}/u;

/** Whether a word ends before position `i` of the decoded line: nothing follows, or a space does. */
const wordEndsBefore = (chars: readonly DecodedChar[], i: number) => !chars.slice(i).some((o) => o.char !== ' ') || chars[i]!.char === ' ' || spacedBefore(chars[i]!);

/**
 * The decoded characters with commas and stops corrected or written in by their ink.
 * @param stepPx width of one time step in crop pixels
 */
export function withInkMarks(chars: readonly DecodedChar[], dark: Float32Array, width: number, height: number, stepPx: number, odds: MarkOdds): DecodedChar[] {
	const runs = inkRuns(dark, width, height);
	const line = baseline(runs, height);
	if (!line) return [...chars];
	const out = [...chars];
	const centre = (c: DecodedChar) => charCentre(c, stepPx);
	const stepsOf = (run: InkRun): [number, number] => [Math.floor(run.x0 / stepPx) - 1, Math.ceil(run.x1 / stepPx) + 1];
	for (const found of markRuns(runs, line, dark, width, height)) {
		const { run, split } = found;
		let { shape } = found;
		const cx = (run.x0 + run.x1 + 1) / 2;
		// The decoded character nearest the blob: a mark read there is checked, a letter is not the blob's.
		let near = -1;
		for (let i = 0; i < out.length; i++) if (out[i]!.char !== ' ' && (near < 0 || Math.abs(centre(out[i]!) - cx) < Math.abs(centre(out[near]!) - cx))) near = i;
		if (near < 0) continue;
		const c = out[near]!;
		if (MARK.test(c.char)) {
			// A mark a little below the baseline that ends a word: a comma where it is a stroke (thermal
			// print's short comma: a bar, or a dot over a detached tail), where a stop blurred by a pixel
			// stays about as wide as it is tall. Not inside a word or number ("NO.53", "8.20"), where
			// such print's stops smear tall too.
			if (shape === '?' && wordEndsBefore(out, near + 1) && run.bottom - run.top + 1 >= 1.6 * (run.x1 - run.x0 + 1)) shape = ',';
			// Only a clear shape overrules what the recogniser read. A comma's tail is clear; a stop's
			// flat bottom is not (a serif comma's thin tail fades out of the row profile), so a comma is
			// read as a stop only where the recogniser also gave the stop some odds (18–29 % where it
			// was right on SROIE, under 2 % where the tail had faded).
			const sure = shape === ',' || (shape === '.' && odds(...stepsOf(run))['.'] >= MARK_ODDS);
			if (sure && c.char !== shape && Math.abs(centre(c) - cx) <= 2 * stepPx) out[near] = { ...c, char: shape };
			continue;
		}
		// A letter or digit whose centre lies in this small blob is what the blob is (an i's foot, a dot read as 1).
		// (A blob cut out of a letter's run lies beside that letter: only a centre inside it counts.)
		const reach = split ? 0 : 0.5 * stepPx;
		if (centre(c) >= run.x0 - reach && centre(c) <= run.x1 + reach) continue;
		const at = out.findIndex((o) => centre(o) > cx);
		const index = at < 0 ? out.length : at;
		const prev = out.slice(0, index).reverse().find((o) => o.char !== ' ');
		const next = out.slice(index).find((o) => o.char !== ' ');
		// After a word or number (ending it, or before a space), or a decimal mark between digits.
		const ends = wordEndsBefore(out, index);
		const decimal = prev && next && /\d/.test(prev.char) && /\d/.test(next.char);
		// A word run into a number or into the next word where the recogniser missed both the mark and
		// the space ("Tampoi,81200", "Bahru,Johor").
		const joins = prev && next && ((LETTER.test(prev.char) && /\d/.test(next.char)) || (/\d/.test(prev.char) && LETTER.test(next.char)) || (/\p{Ll}/u.test(prev.char) && /\p{Lu}/u.test(next.char)));
		if (!prev || !ALNUM.test(prev.char) || !(ends || decimal || joins)) continue;
		const step = Math.floor(cx / stepPx);
		// The recogniser must have seen a mark there too, if less surely than a blank: specks, an
		// underline's dash and the line below's ascenders give it none (below 0.2 % on SROIE, where
		// the marks it missed had 20–33 %).
		const p = odds(...stepsOf(run));
		if (Math.max(p[','], p['.']) < MARK_ODDS) continue;
		// A shape that could be either is what the recogniser thought likelier.
		const mark = shape !== '?' ? shape : p[','] > p['.'] ? ',' : '.';
		out.splice(index, 0, { char: mark, start: step, end: step, prob: run.peak, spaceBefore: 0, gapBefore: 0 });
		// A space the recogniser put between digits stood for the unread decimal mark (not where a
		// number follows a comma: "Königstraße 21, 70173").
		if (decimal && decimalsAt(out.filter((o, k) => k <= index || o.char !== ' '), index + 1)) {
			if (out[index + 1]?.char === ' ') out.splice(index + 1, 1);
			out[index + 1] = { ...out[index + 1]!, spaceBefore: 0, gapBefore: 0 };
		}
	}
	return out;
}
