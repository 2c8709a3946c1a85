/**
 * Text-layer lines of PDF pages. A page with a real text layer is read exactly from it (characters
 * and positions, no OCR); the runs come from a PDF worker thread (../pdf/workers.ts). Coordinates
 * are pixels at the requested DPI, as for OCR'd pages, so callers see one structure. Pure.
 */
import type { TextRun } from '../pdf/worker/protocol';
import { orderLines } from './layout/readingOrder';
import type { Box, Quad, TextLine } from './types';

export type Run = TextRun;

/** Non-space characters a page needs in its text layer to be read without OCR. */
export const MIN_TEXT_LAYER_CHARS = 8;

/** Groups runs sharing a baseline into lines, splitting where a horizontal gap shows a new column. */
export function runsToLines(runs: Run[]): TextLine[] {
	// Runs of spaces only are dropped: pdfjs writes one across the gap between two columns printed on one
	// baseline ("Adatum Corporation" [365 pt of space] "CRONUS DE"), which would hide the gap; the space a
	// run of them stood for between words comes back from the words' positions (joinRuns).
	const sorted = runs.filter((r) => r.text.trim() !== '').sort((p, q) => p.baseline - q.baseline || p.x0 - q.x0);
	const rows: Run[][] = [];
	for (const r of sorted) {
		const row = rows[rows.length - 1];
		if (row && Math.abs(row[0]!.baseline - r.baseline) <= 0.35 * Math.max(row[0]!.size, r.size)) row.push(r);
		else rows.push([r]);
	}
	const lines: TextLine[] = [];
	for (const row of rows) {
		row.sort((p, q) => p.x0 - q.x0);
		let cur: Run[] = [];
		const flush = () => {
			const text = joinRuns(cur).trim();
			if (text !== '') lines.push(lineOf(text, cur));
			cur = [];
		};
		for (const r of row) {
			const prev = cur[cur.length - 1];
			// A gap of more than ~2 em between runs on one baseline separates columns or table cells.
			if (prev && r.x0 - prev.x1 > 2 * Math.max(prev.size, r.size)) flush();
			cur.push(r);
		}
		flush();
	}
	return orderLines(lines);
}

function joinRuns(runs: Run[]): string {
	let text = '';
	let prev: Run | undefined;
	for (const r of runs) {
		if (prev && !/\s$/.test(text) && !/^\s/.test(r.text) && r.x0 - prev.x1 > 0.15 * Math.max(prev.size, r.size)) text += ' ';
		text += r.text;
		prev = r;
	}
	return text.replace(/\s+/g, ' ');
}

function lineOf(text: string, runs: Run[]): TextLine {
	const size = Math.max(...runs.map((r) => r.size));
	const x0 = Math.min(...runs.map((r) => r.x0));
	const x1 = Math.max(...runs.map((r) => r.x1));
	const baseline = Math.max(...runs.map((r) => r.baseline));
	// Typical Latin fonts: ascent ≈ 0.8 em above the baseline, descent ≈ 0.2 em below.
	const box: Box = [Math.round(x0), Math.round(baseline - 0.8 * size), Math.round(x1), Math.round(baseline + 0.2 * size)];
	const polygon: Quad = [
		[box[0], box[1]],
		[box[2], box[1]],
		[box[2], box[3]],
		[box[0], box[3]],
	];
	return { text, confidence: 1, box, polygon, words: runWords(runs, box) };
}

/**
 * Words of a line's runs: each run's characters placed in proportion along its width (pdfjs
 * gives a run's width, not each glyph's), and pieces that touch across runs joined into one word.
 */
function runWords(runs: Run[], lineBox: Box): Array<{ text: string; box: Box }> {
	const words: Array<{ text: string; box: Box; gapAfter: boolean }> = [];
	for (const r of runs) {
		// A space is about 0.28 em in common fonts; the other characters share the rest of the width.
		const spaces = (r.text.match(/\s/g) ?? []).length;
		const spaceW = Math.min(0.28 * r.size, (0.5 * (r.x1 - r.x0)) / Math.max(1, spaces));
		const cw = (r.x1 - r.x0 - spaces * spaceW) / Math.max(1, r.text.length - spaces);
		const at = (i: number) => r.x0 + [...r.text.slice(0, i)].reduce((x, c) => x + (/\s/.test(c) ? spaceW : cw), 0);
		const re = /\S+/g;
		let m: RegExpExecArray | null;
		while ((m = re.exec(r.text)) !== null) {
			const x0 = at(m.index);
			const x1 = at(m.index + m[0].length);
			const prev = words[words.length - 1];
			const touches = prev && !prev.gapAfter && m.index === 0 && x0 - prev.box[2] <= 0.15 * r.size;
			if (prev && touches) {
				prev.text += m[0];
				prev.box[2] = Math.round(x1);
			} else words.push({ text: m[0], box: [Math.round(x0), lineBox[1], Math.round(x1), lineBox[3]], gapAfter: false });
			words[words.length - 1]!.gapAfter = m.index + m[0].length < r.text.length;
		}
	}
	return words.map(({ text, box }) => ({ text, box }));
}

/**
 * Fewer non-space characters than this, over images covering SCAN_COVER of the page or more, is a scan
 * with a few words of text layer (a fax header, a "printed on" stamp, a page number a document system
 * added, a few words of someone's OCR): its content is in the image, so the page is OCR'd. A page of
 * real text keeps its text layer, whatever images it has (a letterhead drawn as a full-page image).
 */
export const SPARSE_TEXT_CHARS = 200;
export const SCAN_COVER = 0.5;

const textChars = (lines: TextLine[]) => lines.reduce((n, l) => n + l.text.replace(/\s/g, '').length, 0);

export function hasRealText(lines: TextLine[]): boolean {
	return textChars(lines) >= MIN_TEXT_LAYER_CHARS;
}

/** Whether the text layer may leave the page's content in its images (then their cover decides). */
export const sparseText = (lines: TextLine[]) => textChars(lines) < SPARSE_TEXT_CHARS;
