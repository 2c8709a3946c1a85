/** Commas, stops, accents and letter case told by their ink (rec/punctuation.ts, rec/diacritics.ts, rec/letterCase.ts), and the larger second detection pass; no model. */
import { describe, expect, it } from 'vitest';
import { detRescaleSide, detResize } from '../../sidecar/src/ocr/det/preprocess';
import type { DecodedChar } from '../../sidecar/src/ocr/rec/ctc';
import { inkLevels } from '../../sidecar/src/ocr/rec/glyphs';
import { withInkAccents, withLanguageAccents } from '../../sidecar/src/ocr/rec/diacritics';
import { baseline, darkness, inkRuns } from '../../sidecar/src/ocr/rec/ink';
import { withInkCase } from '../../sidecar/src/ocr/rec/letterCase';
import { withInkZeros } from '../../sidecar/src/ocr/rec/zeros';
import { markOf, withInkMarks, type MarkOdds } from '../../sidecar/src/ocr/rec/punctuation';
import { restoreSpaces } from '../../sidecar/src/ocr/rec/spacing';
import { blurredLine, MONO_ADVANCE, monoText, recLine, recSvg } from '../helpers/recLine';

const stepPx = 8;

/** What the recogniser decoded: `read` placed at the glyph positions of the printed line (spaces as gaps). */
function decoded(read: string, printedAt: number[]): DecodedChar[] {
	const out: DecodedChar[] = [];
	[...read].forEach((char, i) => {
		if (char === ' ') return;
		const step = Math.round((10 + MONO_ADVANCE * printedAt[i]! + 9) / stepPx);
		out.push({ char, start: step, end: step, prob: 0.99, spaceBefore: read[i - 1] === ' ' ? 0.9 : 0, gapBefore: read[i - 1] === ' ' ? 3 : 1 });
	});
	return out;
}

const odds = (comma: number, stop: number): MarkOdds => () => ({ ',': comma, '.': stop });

async function marked(printed: string | { svg: string; width: number }, read: string, printedAt: number[], o: MarkOdds): Promise<string> {
	const { gray, width } = typeof printed === 'string' ? await recLine(printed) : await recSvg(printed.svg, printed.width);
	const chars = withInkMarks(decoded(read, printedAt), darkness(gray, inkLevels(gray)), width, 48, stepPx, o);
	return restoreSpaces({ chars, confidence: 1, steps: Math.ceil(width / stepPx) });
}

type InkStage = (chars: readonly DecodedChar[], dark: Float32Array, width: number, height: number, stepPx: number) => DecodedChar[];

/** `printed` in Liberation Mono, decoded as `read` (same length, one glyph per character), through one ink stage. */
async function throughStage(stage: InkStage, printed: string, read: string): Promise<string> {
	const { gray, width } = await recLine(printed);
	const chars = stage(decoded(read, at(read.length)), darkness(gray, inkLevels(gray)), width, 48, stepPx);
	return restoreSpaces({ chars, confidence: 1, steps: Math.ceil(width / stepPx) });
}

const at = (n: number, skip: number[] = []) => Array.from({ length: n }, (_, i) => i).filter((i) => !skip.includes(i));

describe('commas and stops by their ink', () => {
	it('tells a comma (its tail below the baseline) from a stop (on it)', async () => {
		const { gray, width } = await recLine('A, B. C');
		const runs = inkRuns(darkness(gray, inkLevels(gray)), width, 48);
		const line = baseline(runs, 48)!;
		expect(line.base).toBeGreaterThanOrEqual(32);
		expect(line.base).toBeLessThanOrEqual(35);
		const marks = runs.map((r) => markOf(r, line, 48)).filter((m) => m !== null);
		expect(marks).toEqual([',', '.']);
	});

	it('writes in a comma the recogniser missed after a word, when it gave the comma some odds', async () => {
		// "TAMAN DAYA," read as "TAMAN DAYA": glyph 10 is the comma.
		expect(await marked('TAMAN DAYA,', 'TAMAN DAYA', at(10), odds(0.3, 0.15))).toBe('TAMAN DAYA,');
		// Nothing the recogniser saw there at all (a speck, the line below): left out.
		expect(await marked('TAMAN DAYA,', 'TAMAN DAYA', at(10), odds(0.001, 0.001))).toBe('TAMAN DAYA');
	});

	it('writes in a comma between a word and a number, or two words, the recogniser ran together', async () => {
		expect(await marked('Tampoi,81200', 'Tampoi81200', at(12, [6]), odds(0.3, 0.08))).toBe('Tampoi,81200');
		expect(await marked('Bahru,Johor', 'BahruJohor', at(11, [5]), odds(0.34, 0.03))).toBe('Bahru,Johor');
		expect(await marked('Tampoi,81200', 'Tampoi81200', at(12, [6]), odds(0.002, 0.001))).toBe('Tampoi81200');
	});

	it('finds a comma printed against the letter before it', async () => {
		// Joined to the i's foot by faint ink (a thermal print's smear): apart in the dark ink alone.
		const smear = `${monoText('Tampoi', 0)}<rect x="${10 + 6 * MONO_ADVANCE - 5}" y="31" width="9" height="3" fill="#999"/>${monoText(',81200', 6, undefined, -2)}`;
		expect(await marked({ svg: smear, width: 300 }, 'Tampoi81200', at(12, [6]), odds(0.3, 0.08))).toBe('Tampoi,81200');
		// Under the r's arm, in the same columns without touching: a blob of its own.
		const tucked = `${monoText('Besar', 0)}${monoText(',', 5, undefined, -9)}${monoText('45600', 6)}`;
		expect(await marked({ svg: tucked, width: 300 }, 'Besar45600', at(11, [5]), odds(0.3, 0.08))).toBe('Besar,45600');
	});

	it('reads a short stroke a little below the baseline as a comma where it ends a word, not inside a number', async () => {
		// Thermal print's comma: a bar reaching ~2 px under the baseline, no curled tail.
		const bar = (cell: number) => `<rect x="${10 + MONO_ADVANCE * cell + 7}" y="29" width="3" height="7" fill="#000"/>`;
		expect(await marked({ svg: `${monoText('BIRU', 0)}${bar(4)}`, width: 200 }, 'BIRU.', at(5), odds(0.1, 0.8))).toBe('BIRU,');
		expect(await marked({ svg: `${monoText('8', 0)}${bar(1)}${monoText('20', 2)}`, width: 200 }, '8.20', at(4), odds(0.1, 0.8))).toBe('8.20');
		// A stop blurred a little below the baseline stays a stop.
		const dot = `<rect x="${10 + MONO_ADVANCE * 4 + 6}" y="32" width="4" height="4" fill="#000"/>`;
		expect(await marked({ svg: `${monoText('BIRU', 0)}${dot}`, width: 200 }, 'BIRU.', at(5), odds(0.1, 0.8))).toBe('BIRU.');
	});

	it('writes in a decimal stop read as a gap, and drops the gap', async () => {
		expect(await marked('80.91', '80 91', [0, 1, 2, 3, 4], odds(0.02, 0.2))).toBe('80.91');
	});

	it('corrects a comma read as a stop by its tail, and a stop read as a comma only with the odds', async () => {
		expect(await marked('Lot 38, 39', 'Lot 38. 39', at(10), odds(0.001, 0.98))).toBe('Lot 38, 39');
		expect(await marked('55.90', '55,90', at(5), odds(0.75, 0.18))).toBe('55.90');
		// A stop's flat bottom alone does not overrule the recogniser (a serif comma's tail can fade).
		expect(await marked('55.90', '55,90', at(5), odds(0.99, 0.001))).toBe('55,90');
	});

	it('leaves lines with no marks, and marks inside words, as read', async () => {
		expect(await marked('NO 122 JALAN', 'NO 122 JALAN', at(12), odds(0.3, 0.3))).toBe('NO 122 JALAN');
		expect(await marked('e.g', 'e.g', at(3), odds(0.3, 0.3))).toBe('e.g');
	});
});

describe('a second, larger detection pass for small print', () => {
	const heights = (n: number, h: number) => Array.from({ length: n }, () => h);
	it('runs for a receipt whose lines are small in the detection map, up to the image’s own pixels', () => {
		// 1080 × 1527 photo of a receipt: 24 px lines are 15 px at the 960 map.
		const first = detResize(1080, 1527, 960);
		const side = detRescaleSide(heights(20, 24), first, 1080, 1527, 2560);
		expect(side).not.toBeNull();
		expect(side!).toBeGreaterThan(1300);
		expect(side!).toBeLessThanOrEqual(1527);
	});

	it('does not run for large print scaled down, for few lines, or when the first map was large enough', () => {
		// A4 at 150 DPI: 31 px lines, 17 px in the map.
		expect(detRescaleSide(heights(30, 31), detResize(1240, 1754, 960), 1240, 1754, 2560)).toBeNull();
		expect(detRescaleSide(heights(2, 10), detResize(1080, 1527, 960), 1080, 1527, 2560)).toBeNull();
		expect(detRescaleSide(heights(20, 22), detResize(463, 1013, 960), 463, 1013, 2560)).toBeNull();
	});
});

describe('accents the recogniser has no class for', () => {
	const accented = (printed: string, read: string) => throughStage(withInkAccents, printed, read);

	it('reads a tilde, a cedilla, a grave, a circumflex and two dots from the ink over (or under) the letter', async () => {
		expect(await accented('Peña façon Lefèvre', 'Pena facon Lefevre')).toBe('Peña façon Lefèvre');
		expect(await accented('São Pôle Größe', 'Sao Pole Grobe')).toBe('São Pôle Gröbe');
	});

	it('takes only the accents the page’s language writes (none on English pages and receipts)', () => {
		expect(withLanguageAccents('Pena y Lefevre', 'Peña y Lefèvre', 'es')).toBe('Peña y Lefevre');
		expect(withLanguageAccents('Pena y Lefevre', 'Peña y Lefèvre', 'fr')).toBe('Pena y Lefèvre');
		expect(withLanguageAccents('Total Cash', 'Totãl Cãsh', 'en')).toBe('Total Cash');
		expect(withLanguageAccents('Total Cash', 'Totãl Cãsh', null)).toBe('Total Cash');
		expect(withLanguageAccents('Sao Paulo', 'São Paulo', 'pt')).toBe('São Paulo');
		// Not over a letter that is no longer there: an o between digits read back as a 0.
		expect(withLanguageAccents('31000 Toulouse', '310ô0 Toulouse', 'fr')).toBe('31000 Toulouse');
	});

	it('leaves unaccented letters, i dots and an f’s hook beside them as read', async () => {
		expect(await accented('Pena facon Lefevre fine', 'Pena facon Lefevre fine')).toBe('Pena facon Lefevre fine');
	});

	it('reads two dots a low-resolution scan blurred faint or ran into their letter, and leaves stroke tops and serifs as read', async () => {
		const blurred = async (printed: string, sigma: number) => {
			const { gray, width } = await blurredLine(printed, 2.6, sigma);
			const read = printed.normalize('NFD').replace(/\p{M}/gu, '');
			const chars = withInkAccents(decoded(read, at(read.length)), darkness(gray, inkLevels(gray)), width, 48, stepPx);
			return restoreSpaces({ chars, confidence: 1, steps: Math.ceil(width / stepPx) });
		};
		for (const sigma of [0.4, 0.55]) {
			expect(await blurred('Köhler Mühle Bäcker Dörte Lüdtke', sigma)).toBe('Köhler Mühle Bäcker Dörte Lüdtke');
			expect(await blurred('Kohler Muhle Backer Abholung Augsburg', sigma)).toBe('Kohler Muhle Backer Abholung Augsburg');
		}
	});
});

describe('letter case by height', () => {
	const cased = (printed: string, read: string) => throughStage(withInkCase, printed, read);

	it('gives a word\'s first c o s v w x z the capital its height shows, against the small and tall letters of the line', async () => {
		// Only an ascender to measure capitals by.
		expect(await cased('Cliente:', 'cliente:')).toBe('Cliente:');
		expect(await cased('Total Cost', 'Total cost')).toBe('Total Cost');
		expect(await cased('Preço Sem IVA', 'Preço sem IVA')).toBe('Preço Sem IVA');
		expect(await cased('Vat 20 Owed', 'vat 20 owed')).toBe('Vat 20 Owed');
		// Among capitals and digits.
		expect(await cased('Ref FAC-2023', 'Ref FAc-2023')).toBe('Ref FAC-2023');
	});

	it('leaves small letters, a line without both heights to compare, and letters of other shapes as read', async () => {
		expect(await cased('Total cost', 'Total cost')).toBe('Total cost');
		expect(await cased('Sale of 2 vases', 'Sale of 2 vases')).toBe('Sale of 2 vases');
		expect(await cased('cOST', 'cOST')).toBe('cOST');
		expect(await cased('oxo', 'oxo')).toBe('oxo');
		expect(await cased('Paid', 'paid')).toBe('paid');
	});
});

describe('zero or capital O by width', () => {
	/** `printed` in a proportional font, one glyph centred in each 28-px cell, decoded as `read` at those cells (4-px steps). */
	async function zeros(printed: string, read: string, font = 'Liberation Sans'): Promise<string> {
		const cells = [...printed].map((ch, i) => `<text x="${26 + 28 * i}" y="34" font-family="${font}" font-size="30" text-anchor="middle">${ch}</text>`).join('');
		const { gray, width } = await recSvg(cells, 28 * printed.length + 20);
		const chars: DecodedChar[] = [...read].map((char, i) => ({ char, start: 6 + 7 * i, end: 6 + 7 * i, prob: 0.99, spaceBefore: 0, gapBefore: 1 }));
		return withInkZeros(chars, darkness(gray, inkLevels(gray)), width, 48, 4).map((c) => c.char).join('');
	}

	it('reads the round glyph between two capitals of a code as the line\'s zeros show it: as narrow, a zero; clearly wider, an O', async () => {
		for (const font of ['Liberation Sans', 'Liberation Serif', 'DejaVu Sans']) {
			expect(await zeros('Q0TJ5-0035', 'QOTJ5-0035', font)).toBe('Q0TJ5-0035');
			expect(await zeros('QOTJ5-0035', 'Q0TJ5-0035', font)).toBe('QOTJ5-0035');
			expect(await zeros('BUBV0K-0020', 'BUBVOK-0020', font)).toBe('BUBV0K-0020');
		}
	});

	it('leaves it as read without a zero beside a digit to measure by, in a word without digits, or between digits', async () => {
		expect(await zeros('X0TJ-5', 'XOTJ-5')).toBe('XOTJ-5');
		expect(await zeros('MOTOR', 'M0TOR')).toBe('M0TOR');
		expect(await zeros('A1002', 'A1OO2')).toBe('A1OO2');
	});
});
