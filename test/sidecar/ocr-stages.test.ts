/** The OCR stages' pure pre- and post-processing, tested without a model. */
import { describe, expect, it } from 'vitest';
import { cropQuad, resize } from '../../sidecar/src/ocr/crop';
import { convexHull, minAreaRect, rectCorners, unclipRect } from '../../sidecar/src/ocr/det/geometry';
import { dbPostprocess, DB_DEFAULTS } from '../../sidecar/src/ocr/det/postprocess';
import { detResize, detTensorData } from '../../sidecar/src/ocr/det/preprocess';
import { orderLines, pageText } from '../../sidecar/src/ocr/layout/readingOrder';
import { parsePageRange } from '../../sidecar/src/ocr/pageRange';
import { runsToLines } from '../../sidecar/src/ocr/pdf';
import { ctcClasses, ctcGreedy, summariseSteps, type DecodedChar } from '../../sidecar/src/ocr/rec/ctc';
import { glyphBitmap, inkColumns, inkLevels, matchSign, parseTemplates, toGray, unreadBlobs, withUnreadSigns } from '../../sidecar/src/ocr/rec/glyphs';
import glyphTemplates from '../../sidecar/src/ocr/rec/glyphTemplates.json';
import { bucketFor, scaledWidth } from '../../sidecar/src/ocr/rec/preprocess';
import { restoreSpaces } from '../../sidecar/src/ocr/rec/spacing';
import { blockLanguages, guessLanguage, partyLanguage } from '../../sidecar/src/ocr/repair/language';
import { lexicon } from '../../sidecar/src/ocr/repair/lexicon';
import { PackedMap, PackedSet } from '../../sidecar/src/ocr/repair/packed';
import { repairText } from '../../sidecar/src/ocr/repair/repair';
import { normaliseWidth } from '../../sidecar/src/ocr/repair/width';
import { repairConfusions } from '../../sidecar/src/ocr/repair/confusions';
import { recLine } from '../helpers/recLine';
import type { Point, RgbImage, TextLine } from '../../sidecar/src/ocr/types';

const close = (a: number, b: number, eps = 1e-6) => Math.abs(a - b) < eps;

describe('detection geometry', () => {
	it('finds the convex hull and the minimum-area rectangle of a rotated box', () => {
		const angle = (20 * Math.PI) / 180;
		const corners = rectCorners({ cx: 50, cy: 40, width: 60, height: 10, angle });
		const inner: Point[] = [[50, 40], [45, 41], [55, 39]];
		expect(convexHull([...corners, ...inner])).toHaveLength(4);
		const r = minAreaRect([...corners, ...inner]);
		expect(close(r.width, 60, 1e-6) && close(r.height, 10, 1e-6)).toBe(true);
		expect(close(r.angle, angle, 1e-9)).toBe(true);
		expect(close(r.cx, 50) && close(r.cy, 40)).toBe(true);
	});

	it('orders corners top-left, top-right, bottom-right, bottom-left and unclips by area·ratio/perimeter', () => {
		const q = rectCorners({ cx: 10, cy: 5, width: 20, height: 10, angle: 0 });
		expect(q).toEqual([[0, 0], [20, 0], [20, 10], [0, 10]]);
		const grown = unclipRect({ cx: 10, cy: 5, width: 20, height: 10, angle: 0 }, 1.5);
		// d = 200 * 1.5 / 60 = 5 per side
		expect([grown.width, grown.height]).toEqual([30, 20]);
	});
});

describe('detection pre/post-processing', () => {
	it('resizes to multiples of 32 within the side limit', () => {
		expect(detResize(1240, 1754, 960)).toMatchObject({ width: 672, height: 960 });
		expect(detResize(100, 20, 960)).toMatchObject({ width: 96, height: 32 });
	});

	it('normalises in BGR order with ImageNet statistics', () => {
		const data = detTensorData({ width: 1, height: 1, data: new Uint8Array([255, 0, 0]) });
		expect(Array.from(data).map((v) => Math.round(v * 1000) / 1000)).toEqual([-2.118, -2.036, 2.64]);
	});

	it('turns probability blobs into scaled, unclipped boxes and drops weak or tiny ones', () => {
		const w = 64;
		const h = 32;
		const prob = new Float32Array(w * h);
		const fill = (x0: number, y0: number, x1: number, y1: number, p: number) => {
			for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) prob[y * w + x] = p;
		};
		fill(4, 4, 40, 10, 0.95); // a text line
		fill(4, 20, 30, 26, 0.45); // above the pixel threshold, below the box threshold
		fill(50, 20, 52, 21, 0.99); // too small
		const boxes = dbPostprocess(prob, w, h, 2, 2, 128, 64, DB_DEFAULTS);
		expect(boxes).toHaveLength(1);
		const [tl, , br] = boxes[0]!.quad;
		// kernel 36×6 px, d = 216·1.5/84 ≈ 3.86 px per side, then ×2 to the original image
		expect(tl[0]).toBeCloseTo((4 - 3.857) * 2, 1);
		expect(tl[1]).toBeCloseTo((4 - 3.857) * 2, 1);
		expect(br[0]).toBeCloseTo((40 + 3.857) * 2, 1);
		expect(boxes[0]!.score).toBeCloseTo(0.95, 5);
	});
});

describe('crops', () => {
	const img: RgbImage = { width: 4, height: 2, data: new Uint8Array([0, 0, 0, 10, 10, 10, 20, 20, 20, 30, 30, 30, 40, 40, 40, 50, 50, 50, 60, 60, 60, 70, 70, 70]) };

	it('samples an axis-aligned quad exactly', () => {
		const crop = cropQuad(img, [[1, 0], [3, 0], [3, 2], [1, 2]]);
		expect(crop.width).toBe(2);
		expect(Array.from(crop.data.filter((_, i) => i % 3 === 0))).toEqual([10, 20, 50, 60]);
	});

	it('turns tall crops upright and resizes by area', () => {
		const tall = cropQuad(img, [[0, 0], [1, 0], [1, 2], [0, 2]]);
		expect([tall.width, tall.height]).toEqual([2, 1]);
		const small = resize(img, 2, 1);
		expect(Array.from(small.data.filter((_, i) => i % 3 === 0))).toEqual([25, 45]);
	});

	it('picks recognition widths from the buckets', () => {
		expect(bucketFor(300, [160, 320, 640])).toBe(320);
		expect(bucketFor(5000, [160, 320, 640])).toBe(640);
		expect(scaledWidth({ width: 300, height: 30, data: new Uint8Array() }, 48, 2560)).toBe(480);
	});
});

describe('CTC decoding and spacing', () => {
	const alphabet = ctcClasses('a\nb\nc\n');
	// classes: blank, a, b, c, space
	const frame = (best: number, spaceP = 0) => {
		const row = [0, 0, 0, 0, 0];
		row[best] = 1 - spaceP;
		if (spaceP) row[4] = Math.max(row[4]!, spaceP);
		return row;
	};

	it('collapses repeats, drops blanks, keeps positions and space evidence', () => {
		const frames = [frame(1), frame(1), frame(0), frame(2), frame(0, 0.3), frame(0), frame(2), frame(4), frame(3)];
		const res = ctcGreedy(summariseSteps(Float32Array.from(frames.flat()), frames.length, 5, [4]), alphabet);
		expect(res.chars.map((c) => c.char).join('')).toBe('abb c');
		expect(res.chars[0]).toMatchObject({ start: 0, end: 1 });
		expect(res.chars[2]).toMatchObject({ char: 'b', gapBefore: 2 });
		expect(res.chars[2]!.spaceBefore).toBeCloseTo(0.3, 6);
		expect(restoreSpaces(res)).toBe('ab b c');
	});

	it('summarises each step as its best class (the first of a tie, as ONNX ArgMax), that class\'s probability and the picked classes\'', () => {
		const probs = Float32Array.from([0.1, 0.4, 0.4, 0, 0.1, 0.7, 0, 0, 0.1, 0.2]);
		const s = summariseSteps(probs, 2, 5, [4, 2]);
		expect([...s.best]).toEqual([1, 0]);
		expect([...s.prob].map((p) => Math.round(p * 10) / 10)).toEqual([0.4, 0.7]);
		expect([...s.picked].map((p) => Math.round(p * 10) / 10)).toEqual([0.1, 0.4, 0.2, 0]);
	});

	it('ignores padded time steps', () => {
		const frames = [frame(1), frame(2), frame(3)];
		expect(ctcGreedy(summariseSteps(Float32Array.from(frames.flat()), 3, 5, [4]), alphabet, 2).chars.map((c) => c.char)).toEqual(['a', 'b']);
	});

	it('spaces a colon after a word and a middle dot between items where blank steps show a gap, not a time', () => {
		const ch = (char: string, start: number, gapBefore = 0): DecodedChar => ({ char, start, end: start, prob: 1, spaceBefore: 0, gapBefore });
		const words = (chars: DecodedChar[]) => restoreSpaces({ chars, confidence: 1, steps: 40 });
		expect(words([ch('N', 0), ch('o', 2, 1), ch(':', 4, 1), ch('7', 8, 3)])).toBe('No: 7');
		expect(words([ch('1', 0), ch('0', 2, 1), ch(':', 4, 1), ch('3', 7, 2), ch('0', 9, 1)])).toBe('10:30');
		expect(words([ch('U', 0), ch('l', 2, 1), ch('m', 4, 1), ch('·', 7, 2), ch('D', 10, 2)])).toBe('Ulm · D');
		expect(words([ch('l', 0), ch('·', 3, 2), ch('l', 6, 2)])).toBe('l·l');
		expect(words([ch('n', 0), ch('·', 3, 2), ch('m', 6, 2)])).toBe('n·m');
	});

	it('on a letter-spaced line (a scanned receipt), spaces two letters only across more than a letter gap or on clear evidence', () => {
		const ch = (char: string, gapBefore: number, spaceBefore = 0): DecodedChar => ({ char, start: 0, end: 0, prob: 1, spaceBefore, gapBefore });
		const words = (chars: DecodedChar[]) => restoreSpaces({ chars, confidence: 1, steps: 40 });
		const spaced = (text: string, gap: number) => [...text].map((c, i) => ch(c, i === 0 ? 0 : gap));
		// "Guardian": every letter one blank step apart, and the space class at 0.15 inside the word.
		expect(words([...spaced('Guar', 1), ch('d', 1, 0.15), ...spaced('ian', 1)])).toBe('Guardian');
		// A real space: a wider gap, or the space class clearly above what the line's own letters show.
		expect(words([...spaced('Guar', 1), ch('d', 2, 0.15), ...spaced('ian', 1)])).toBe('Guar dian');
		expect(words([...spaced('Bukit', 1), ch('J', 1, 0.24), ...spaced('elutong', 1)])).toBe('Bukit Jelutong');
		// Weak evidence needs a gap wider than the letters': three steps between letters two apart.
		expect(words([...spaced('GARDENIA', 2), ch('B', 3, 0.05), ...spaced('AKERIES', 2)])).toBe('GARDENIA BAKERIES');
		expect(words([...spaced('GA', 3), ch('R', 3, 0.05), ...spaced('DENIA', 3)])).toBe('GARDENIA');
		// Tightly set type (no blank steps between letters) keeps the model's evidence as it was.
		expect(words([...spaced('Total', 0), ch('d', 0, 0.15), ...spaced('ue', 0)])).toBe('Total due');
	});

	it('spaces after a decimal mark and between initials only across a gap of a printed space, and before a hyphen between digits only with one after it', () => {
		const ch = (char: string, start: number, gapBefore: number, spaceBefore = 0): DecodedChar => ({ char, start, end: start, prob: 1, spaceBefore, gapBefore });
		const words = (chars: DecodedChar[]) => restoreSpaces({ chars, confidence: 1, steps: 40 });
		// Monospaced "208,99" scanned: the space class wins odds (or the step itself) in the comma's blank half-cell.
		expect(words([ch('2', 0, 0), ch('0', 2, 1), ch('8', 4, 1), ch(',', 6, 1), ch('9', 8, 1, 0.43), ch('9', 10, 1)])).toBe('208,99');
		expect(words([ch('8', 0, 0), ch(',', 2, 1), ch(' ', 4, 1), ch('0', 5, 0), ch('0', 7, 1)])).toBe('8,00');
		// "38, 39": a whole blank cell after the comma.
		expect(words([ch('3', 0, 0), ch('8', 2, 1), ch(',', 4, 1), ch('3', 9, 4, 0.41), ch('9', 11, 1)])).toBe('38, 39');
		expect(words([ch('3', 0, 0), ch('8', 2, 1), ch(',', 4, 1), ch(' ', 6, 1), ch('3', 9, 2), ch('9', 11, 1)])).toBe('38, 39');
		// A hyphen between digits joins them unless spaced on both sides.
		expect(words([ch('2', 0, 0), ch('5', 2, 1), ch('-', 5, 2, 0.3), ch('0', 7, 1), ch('4', 9, 1)])).toBe('25-04');
		expect(words([ch('1', 0, 0), ch('0', 2, 1), ch('-', 5, 2, 0.3), ch('2', 8, 2, 0.3), ch('0', 10, 1)])).toBe('10 - 20');
		// Initials keep together across a narrow gap; an initial before a name keeps its space.
		expect(words([ch('S', 0, 0), ch('.', 2, 1), ch('L', 4, 1, 0.4), ch('.', 6, 1)])).toBe('S.L.');
		expect(words([ch('D', 0, 0), ch('.', 2, 1), ch('E', 4, 1, 0.4), ch(',', 6, 1)])).toBe('D.E,');
		expect(words([ch('J', 0, 0), ch('.', 2, 1), ch('S', 4, 1, 0.4), ch('m', 6, 1)])).toBe('J. Sm');
		expect(words([ch('S', 0, 0), ch('.', 2, 1), ch('L', 6, 3, 0.4), ch('.', 8, 1)])).toBe('S. L.');
		// A number after a comma is no decimal part ("Hauptstraße 17, 80331 München").
		expect(words([ch('7', 0, 0), ch(',', 2, 1), ch('8', 4, 1, 0.4), ch('0', 6, 1), ch('3', 8, 1), ch('3', 10, 1), ch('1', 12, 1)])).toBe('7, 80331');
		// After a word's comma the space class alone still spaces.
		expect(words([ch('a', 0, 0), ch(',', 2, 1), ch('b', 4, 1, 0.4)])).toBe('a, b');
	});
});

describe('currency signs the recogniser has no class for', () => {
	const templates = parseTemplates(glyphTemplates);
	/** Liberation Mono: a font the templates were not made from. */
	const line = (text: string) => recLine(text);

	it('matches € and £ drawn in an unseen font, and not the look-alikes the recogniser reads', async () => {
		const sign = async (text: string) => {
			const { gray, width } = await line(text);
			const bitmap = glyphBitmap(gray, width, [0, 0, width, 48], 128, inkLevels(gray))!;
			return matchSign(bitmap, templates)?.sign ?? null;
		};
		expect(await sign('€')).toBe('€');
		expect(await sign('£')).toBe('£');
		for (const other of ['C', 'E', 'L', 'f', '8', 'e']) expect(await sign(other)).toBeNull();
	});

	it('writes a sign no decoded character covers into the line at its place, a word of its own after a gap', async () => {
		// "12,50 €" in Liberation Mono at 30 px: 18 px a glyph from x = 10; the decoder saw the digits only.
		const { rgb, width } = await line('12,50 €');
		const stepPx = 8;
		const chars: DecodedChar[] = [...'12,50'].map((char, i) => {
			const centre = Math.round((10 + 18 * i + 9) / stepPx);
			return { char, start: centre, end: centre, prob: 1, spaceBefore: 0, gapBefore: i === 0 ? centre : 1 };
		});
		const gray = toGray(rgb, width, 48);
		const withSign = withUnreadSigns(chars, gray, inkLevels(gray), width, 48, stepPx, templates);
		expect(restoreSpaces({ chars: withSign, confidence: 1, steps: Math.ceil(width / stepPx) })).toBe('12,50 €');
		// Nothing to add where every glyph was read.
		const { rgb: plain, width: w2 } = await line('12,50');
		const plainGray = toGray(plain, w2, 48);
		expect(withUnreadSigns(chars, plainGray, inkLevels(plainGray), w2, 48, stepPx, templates)).toEqual(chars);
	});

	it('finds only glyph-sized ink outside the decoded characters', () => {
		const w = 60;
		const gray = new Uint8Array(w * 48).fill(255);
		for (let y = 10; y < 38; y++) for (let x = 5; x < 15; x++) gray[y * w + x] = 0; // covered by a character
		for (let y = 12; y < 36; y++) for (let x = 30; x < 44; x++) gray[y * w + x] = 0; // unexplained
		for (let y = 34; y < 37; y++) for (let x = 50; x < 53; x++) gray[y * w + x] = 0; // a speck
		expect(unreadBlobs(inkColumns(gray, w, 48, 128), 48, [[2, 18]])).toEqual([{ x0: 30, x1: 43, height: 24, gapLeft: 15, gapRight: 6 }]);
	});
});

describe('page ranges', () => {
	it('parses ranges and refuses pages outside the document', () => {
		expect(parsePageRange(undefined, 3)).toEqual([1, 2, 3]);
		expect(parsePageRange('1-2,5, 4', 6)).toEqual([1, 2, 4, 5]);
		expect(parsePageRange('3-', 5)).toEqual([3, 4, 5]);
		expect(() => parsePageRange('7', 6)).toThrow('page 7 is outside the document (6 pages)');
		expect(() => parsePageRange('2-9', 6)).toThrow('page 9 is outside the document');
		expect(() => parsePageRange('a-b', 6)).toThrow('invalid page range');
		expect(() => parsePageRange('0', 6)).toThrow('invalid page range');
	});
});

describe('reading order', () => {
	const line = (text: string, x0: number, y0: number, x1: number, y1: number): TextLine => ({
		text,
		confidence: 1,
		box: [x0, y0, x1, y1],
		polygon: [[x0, y0], [x1, y0], [x1, y1], [x0, y1]],
	});

	it('reads label–value rows across a gutter row by row', () => {
		const lines = [line('Total:', 10, 100, 80, 120), line('Date:', 10, 50, 70, 70), line('12 March', 300, 50, 400, 70), line('1,541.40', 300, 100, 400, 120)];
		expect(pageText(lines)).toBe('Date: 12 March\nTotal: 1,541.40');
	});

	it('reads unaligned columns one after the other, under a full-width title', () => {
		const lines = [
			line('Title across the page', 10, 10, 500, 30),
			line('L1', 10, 60, 200, 80),
			line('L2', 10, 100, 200, 120),
			line('L3', 10, 140, 200, 160),
			line('R1', 300, 72, 500, 92),
			line('R2', 300, 112, 500, 132),
			line('R3', 300, 152, 500, 172),
		];
		expect(orderLines(lines).map((l) => l.text)).toEqual(['Title across the page', 'L1', 'L2', 'L3', 'R1', 'R2', 'R3']);
	});
});

describe('text layer lines', () => {
	it('joins runs on a baseline, inserts spaces from gaps, splits at column gaps', () => {
		const run = (text: string, x0: number, x1: number, baseline: number) => ({ text, x0, x1, baseline, size: 20 });
		const lines = runsToLines([run('Invoice', 100, 170, 200), run('date:', 176, 220, 200.4), run('2024-03-12', 600, 700, 200), run('Next', 100, 140, 240)]);
		expect(lines.map((l) => l.text)).toEqual(['Invoice date:', '2024-03-12', 'Next']);
		expect(lines[0]!.box).toEqual([100, 184, 220, 204]);
	});

	it('splits two columns on one baseline though a run of spaces spans the gap between them, as pdfjs writes one', () => {
		const run = (text: string, x0: number, x1: number, baseline: number) => ({ text, x0, x1, baseline, size: 11 });
		const lines = runsToLines([run('Adatum Corporation', 57, 149, 721), run(' ', 149, 514, 721), run('CRONUS DE', 514, 567, 721), run('Total', 300, 330, 800), run(' ', 330, 333, 800), run('€', 334, 340, 800)]);
		expect(lines.map((l) => l.text)).toEqual(['Adatum Corporation', 'CRONUS DE', 'Total €']);
	});
});

describe('packed word lists', () => {
	it('answer as a Set and a Map of the same words would, for every word and for words not in them', () => {
		let seed = 7;
		const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
		const letters = 'abcdeéèêfghiïjklmnoöœpqrsßtuüvwxyz-';
		const word = () => Array.from({ length: 1 + (next() % 9) }, () => letters[next() % letters.length]).join('');
		const words = Array.from({ length: 20000 }, word);
		const set = new Set(words);
		const map = new Map(words.map((w) => [w.replace(/[éèê]/g, 'e'), w]));
		const packedSet = new PackedSet(set);
		const packedMap = new PackedMap(map);
		expect(packedSet.size).toBe(set.size);
		const probes = [...words, ...Array.from({ length: 20000 }, word), '', 'a'.repeat(40)];
		expect(probes.filter((w) => packedSet.has(w) !== set.has(w))).toEqual([]);
		expect(probes.filter((w) => packedMap.get(w) !== map.get(w))).toEqual([]);
		expect(new PackedSet(new Set(['', 'x'])).has('')).toBe(true);
		// In a two-slot table every probe meets the one word: its prefixes must not match it.
		const one = new PackedSet(new Set(['abcdef']));
		expect(['a', 'ab', 'abc', 'abcd', 'abcde'].filter((w) => one.has(w))).toEqual([]);
		expect(new PackedMap(new Map([['k', '']])).get('k')).toBe('');
	});
});

describe('word repair', () => {
	it('guesses the page language from function words, folded', () => {
		expect(guessLanguage('Rechnung fur die Wartung und Prufung')).toBe('de');
		expect(guessLanguage('Factura del cliente para el pago')).toBe('es');
		expect(guessLanguage('Facture pour le client, total a payer')).toBe('fr');
		expect(guessLanguage('Invoice for the goods and your payment')).toBe('en');
		expect(guessLanguage('12345')).toBeNull();
		// A till receipt's tax codes ("A 7%", "B 19%") and "A Coruña" are not the French "à".
		expect(guessLanguage('Bäckerei Huber GmbH\nBrezel 1,90 A\nRoggenbrot 3,20 A\nKaffee 2,80 B\nSUMME EUR 7,90\nGegeben BAR 10,00\nRückgeld 2,10\nMwSt Netto Steuer Brutto\nA 7% 4,86 0,34 5,10\nB 19% 2,35 0,45 2,80\nVielen Dank')).toBe('de');
		expect(guessLanguage('Cafetería Aurora S.L.\nCalle Real 15\nA Coruña\nCafé con leche 1,80 A\nTostada 2,50 A\nTOTAL 4,30\nA 10% 3,91 0,39 4,30\nGracias')).toBe('es');
	});

	it('restores German umlauts and ß, including compounds and misread ß/ü', () => {
		const de = lexicon('de');
		expect(repairText('Muller & Sohne, HauptstraBe 17, GroBe 12, fur die Uberprufung der Forderanlage', de)).toBe(
			'Müller & Söhne, Hauptstraße 17, Größe 12, für die Überprüfung der Förderanlage',
		);
		// words that are right as read stay
		expect(repairText('Wartung und Zahlung ohne Abzug', de)).toBe('Wartung und Zahlung ohne Abzug');
		// ß read as b: the compound with ß wins over a split into chance parts; real words with b stay.
		expect(repairText('Konigstrabe 21, Hauptstrabe 4, Mabnahme', de)).toBe('Königstraße 21, Hauptstraße 4, Maßnahme');
		expect(repairText('eine grobe Arbeit, aber Abgabe, Nordlicht Software', de)).toBe('eine grobe Arbeit, aber Abgabe, Nordlicht Software');
		// A compound of two words as read is not traded for three chance parts with an l read as ß (Maß|er|betrieb).
		expect(repairText('Malerbetrieb Kessler, info@malerbetrieb.de', de)).toBe('Malerbetrieb Kessler, info@malerbetrieb.de');
	});

	it("repairs a party's block in the language its legal form or street names, not the page's", () => {
		const at = (text: string, x: number, y: number) => ({ text, box: [x, y, x + 300, y + 40] as const });
		const lines = [
			at('Test Gerustbau GmbH', 100, 100),
			at('Am Muhlberg 4', 100, 150),
			at('12345 Gerustbau Ort', 100, 200),
			at('Thank you for your order', 100, 400), // below a gap of five lines: another block
			at('Mustermann GmbH', 800, 100), // a block with two languages' markers keeps the page's
			at('Calle Mayor 7', 800, 150),
		];
		expect(blockLanguages(lines, 'en')).toEqual(['de', 'de', 'de', 'en', 'en', 'en']);
		expect(blockLanguages(lines, 'de')).toEqual(['de', 'de', 'de', 'de', 'de', 'de']);
		expect(['Hauptstr. 5', 'Talstrasse 9', 'Marktplatz 3', 'Ortiz S.L.', 'Rossi S.r.l.', '12 rue de la Paix', 'Silva Lda.', 'Via email', 'ACME S.A.'].map(partyLanguage)).toEqual([
			'de', 'de', 'de', 'es', 'it', 'fr', 'pt', null, null,
		]);
		// Gerüst|bau: a three-letter head after a long first part; an ss the recogniser wrote stays ss.
		expect(repairText('Test Geruistbau GmbH, Musterstrasse 4, HauptstraBe 5', lexicon('de'))).toBe('Test Gerüstbau GmbH, Musterstrasse 4, Hauptstraße 5');
		// A mark the recogniser wrote stays, though the dictionary knows the parts without it (Kuchen, Stuck).
		expect(repairText('Küchenwelt Berger e.K., Stückpreis, Bürobedarf', lexicon('de'))).toBe('Küchenwelt Berger e.K., Stückpreis, Bürobedarf');
	});

	it('restores Spanish and French accents, à before an infinitive, œ and Nº', () => {
		expect(repairText('Numero de factura: Condiciones de pago a 30 dias, emision', lexicon('es'))).toBe('Número de factura: Condiciones de pago a 30 días, emisión');
		expect(repairText('Factura No 118', lexicon('es'))).toBe('Factura Nº 118');
		expect(repairText('Fecha de emisi6n, Descripci6n, 16 ud', lexicon('es'))).toBe('Fecha de emisión, Descripción, 16 ud');
		expect(repairText('Facturer a: Hôtel Bellevue, Livré a Lyon', lexicon('fr'))).toBe('Facturer à: Hôtel Bellevue, Livré à Lyon');
		expect(repairText('Tornilleria y gestion', lexicon('es'))).toBe('Tornillería y gestión');
		expect(repairText('Verification des systemes, main-d\'ceuvre, total a payer', lexicon('fr'))).toBe("Vérification des systèmes, main-d'œuvre, total à payer");
	});

	it('turns fullwidth punctuation back to ASCII unless the line is CJK', () => {
		expect(normaliseWidth('Total（EUR）：１２，５０')).toBe('Total(EUR):12,50');
		expect(normaliseWidth('合计：１２')).toBe('合计：１２');
	});

	it('reads look-alikes where both neighbours settle them (1/0 in small letters, o/l in numbers, UIm, 0R, USt-ldNr, v66r) and keeps codes as read', () => {
		expect(repairConfusions('47400 Peta1ing Jaya')).toBe('47400 Petaling Jaya');
		expect(repairConfusions('Sh0pping')).toBe('Shopping');
		expect(repairConfusions('Bandar Sri, 520o0 KL, 1l5 g')).toBe('Bandar Sri, 52000 KL, 115 g');
		expect(repairConfusions('Marktplatz 3, 89073 UIm')).toBe('Marktplatz 3, 89073 Ulm');
		expect(repairConfusions('Portland, 0R 97205')).toBe('Portland, OR 97205');
		expect(repairConfusions('USt-ldNr.: DE189815982')).toBe('USt-IdNr.: DE189815982');
		// A 6 inside a word is the ó the recogniser cannot write.
		expect(repairConfusions('het bedrag v66r 14-03-2025')).toBe('het bedrag vóór 14-03-2025');
		expect(repairConfusions('Krak6w, C6digo, emisi6n')).toBe('Kraków, Código, emisión');
		// Codes and units that mix letters and digits are kept.
		for (const kept of ['A6B', 'a6b3', 'x6', '2x6m', 'A1B2-C3', 'x1y', '5l', '10kg', 'U13/BG', 'K3-113', 'No1,Jalan', 'mp3s', 'Uptown3', 'e2e', 'A0', '0X12', 'AIDS', 'McIntosh', 'I am', 'USt-IdNr.', 'Hans-lauf', 'X-ray', 'e-lBook']) expect(repairConfusions(kept)).toBe(kept);
	});
});
