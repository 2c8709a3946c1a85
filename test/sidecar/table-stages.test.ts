/** The table engine's pure stages (rulings, lattice, stream, header, exports, deskew), tested without a model. */
import { describe, expect, it } from 'vitest';
import { columnKeys } from '../../nodes/OcrTable/keys';
import { syncWords, wordBoxes } from '../../sidecar/src/ocr/layout/words';
import type { Box, Quad } from '../../sidecar/src/ocr/types';
import { tablesCsv } from '../../sidecar/src/table/export/csv';
import { tableHtml } from '../../sidecar/src/table/export/html';
import { tableMarkdown } from '../../sidecar/src/table/export/markdown';
import { cellNumber } from '../../sidecar/src/table/export/xlsx';
import { extractTables } from '../../sidecar/src/table/extract';
import { chooseHeaderRows, headerNames, isNumeric } from '../../sidecar/src/table/header';
import { findLattices, underRuled } from '../../sidecar/src/table/lattice';
import { mergeRulings } from '../../sidecar/src/table/rulings/merge';
import { addPath } from '../../sidecar/src/table/rulings/pdf';
import { darkThreshold } from '../../sidecar/src/ocr/threshold';
import { imageRulings } from '../../sidecar/src/table/rulings/image';
import { skewAngle, UprightFrame, withoutTextStrokes } from '../../sidecar/src/table/scan';
import type { Rulings, Table, TableCell, Word } from '../../sidecar/src/table/types';

/** Words laid out on a grid of text rows (12 px tall, 20 px pitch), each given by its left edge. */
function row(y: number, cells: Array<[number, string]>): Word[] {
	return cells.flatMap(([x, text]) => {
		let at = x;
		return text.split(' ').map((t) => {
			const w: Word = { text: t, box: [at, y, at + 7 * t.length, y + 12], confidence: 1 };
			at += 7 * t.length + 4;
			return w;
		});
	});
}

const rules = (h: Array<[number, number, number]>, v: Array<[number, number, number]>): Rulings => ({
	horizontal: h.map(([y, x0, x1]) => ({ y, x0, x1 })),
	vertical: v.map(([x, y0, y1]) => ({ x, y0, y1 })),
});

const cell = (row: number, col: number, text: string, rowSpan = 1, colSpan = 1): TableCell => ({ row, col, rowSpan, colSpan, text, box: [0, 0, 1, 1], confidence: 1 });

describe('rulings', () => {
	it('joins collinear pieces across small breaks, keeps separate lines apart, drops specks', () => {
		const merged = mergeRulings(rules([[100, 0, 50], [101, 53, 120], [140, 0, 120], [200, 10, 14]], [[30, 90, 120], [30, 121, 150]]), { snap: 2, gap: 4, minLength: 8 });
		expect(merged.horizontal.map((h) => [Math.round(h.y), h.x0, h.x1])).toEqual([[101, 0, 120], [140, 0, 120]]);
		expect(merged.vertical).toEqual([{ x: 30, y0: 90, y1: 150 }]);
	});

	it('reads strokes, thin filled boxes and the edges of shaded cells from PDF paths', () => {
		const out = { horizontal: [] as Rulings['horizontal'], vertical: [] as Rulings['vertical'] };
		const flip = [1, 0, 0, -1, 0, 800] as [number, number, number, number, number, number];
		addPath([0, 10, 700, 1, 200, 700], flip, 'stroke', 3, out);
		addPath([0, 10, 600, 1, 200, 600, 1, 200, 601, 1, 10, 601, 3], flip, 'fill', 3, out);
		addPath([0, 300, 500, 1, 400, 500, 1, 400, 520, 1, 300, 520, 3], flip, 'fill', 3, out);
		expect(out.horizontal.map((h) => [h.y, h.x0, h.x1])).toEqual([[100, 10, 200], [199.5, 10, 200], [280, 300, 400], [300, 300, 400]]);
		expect(out.vertical.map((v) => [v.x, v.y0, v.y1])).toEqual([[300, 280, 300], [400, 280, 300]]);
	});

	it('finds ruling lines in pixels, not the strokes of letters', () => {
		const w = 300;
		const h = 200;
		const gray = new Uint8Array(w * h).fill(250);
		for (let x = 20; x < 280; x++) if (x % 50 !== 0) gray[60 * w + x] = gray[61 * w + x] = 20; // a rule with small breaks
		for (let y = 40; y < 180; y++) gray[y * w + 150] = 30;
		for (let y = 100; y < 112; y++) for (let x = 40; x < 46; x++) gray[y * w + x] = 0; // a letter-sized blob
		expect(darkThreshold(gray)).toBeGreaterThan(30);
		const r = mergeRulings(imageRulings(gray, w, h, 40, 24), { snap: 2, gap: 4, minLength: 20 });
		expect(r.horizontal.map((l) => [Math.round(l.y), l.x0, l.x1])).toEqual([[61, 20, 279]]);
		expect(r.vertical.map((l) => [l.x, l.y0, l.y1])).toEqual([[150, 40, 179]]);
	});

	it('keeps rules that run to the last pixels of the image (a table cropped tight)', () => {
		const w = 120;
		const h = 80;
		const gray = new Uint8Array(w * h).fill(255);
		for (let x = 3; x < w - 1; x++) gray[10 * w + x] = 0; // ends one pixel before the right edge
		for (let y = 5; y < h; y++) gray[y * w + 3] = 0; // runs to the bottom edge
		const r = imageRulings(gray, w, h, 40, 24);
		expect(r.horizontal).toContainEqual({ y: 10, x0: 3, x1: w - 2 });
		expect(r.vertical).toContainEqual({ x: 3, y0: 5, y1: h - 1 });
	});

	it('drops dark runs through the middle of words (bold print, touching glyphs), not rules between them', () => {
		const words = [...row(40, [[0, 'Changes in astrocytes']]), ...row(80, [[0, 'Mild'], [120, '12.5']])];
		const found = rules(
			[[46, 10, 120], [30, 0, 200], [66, 0, 200]],
			[[20, 38, 54], [110, 20, 100]],
		);
		const kept = withoutTextStrokes(found, words, 12);
		expect(kept.horizontal.map((l) => l.y)).toEqual([30, 66]);
		expect(kept.vertical.map((l) => l.x)).toEqual([110]);
	});
});

describe('lattice', () => {
	// A 3×3 grid (x 0/100/200/300, y 0/30/60/90) whose top row is one cell spanning all columns.
	const grid = rules(
		[[0, 0, 300], [30, 0, 300], [60, 0, 300], [90, 0, 300]],
		[[0, 0, 90], [100, 30, 90], [200, 30, 90], [300, 0, 90]],
	);
	const words = [...row(9, [[110, 'Annual figures']]), ...row(39, [[5, 'Item'], [105, 'Qty'], [205, 'Price']]), ...row(69, [[5, 'Bolts'], [105, '200'], [205, '0.35']])];

	it('cuts a grid into cells, with a span where a ruling is missing', () => {
		const [t] = extractTables(words, grid, 1, 1);
		expect(t!.method).toBe('lattice');
		expect(t!.cells.find((c) => c.row === 0)).toMatchObject({ text: 'Annual figures', colSpan: 3, box: [0, 0, 300, 30] });
		expect(t!.headerRows).toBe(2);
		expect(t!.header).toEqual(['Annual figures Item', 'Annual figures Qty', 'Annual figures Price']);
		expect(t!.rows).toEqual([['Bolts', '200', '0.35']]);
	});

	it('hands a grid whose body has no column rules to the stream finder', () => {
		const frame = rules([[0, 0, 300], [30, 0, 300], [90, 0, 300]], [[0, 0, 90], [300, 0, 90], [150, 0, 30]]);
		const body = [...row(39, [[5, 'Bolts'], [120, '200'], [220, '0.35']]), ...row(62, [[5, 'Nuts'], [120, '150'], [220, '0.10']])];
		const result = findLattices(mergeRulings(frame, { snap: 2, gap: 4, minLength: 8 }), body, 2);
		expect(result.drafts).toHaveLength(0);
		expect(result.regions).toHaveLength(1);
		expect(underRuled([{ row: 0, col: 0, rowSpan: 1, colSpan: 1, words: body }])).toBe(true);
		const [t] = extractTables(body, frame, 1, 1);
		expect(t!.method).toBe('stream');
		expect(t!.rows).toEqual([['Bolts', '200', '0.35'], ['Nuts', '150', '0.10']]);
	});
});

describe('stream', () => {
	const title = row(0, [[0, 'Stock report for the second quarter of the year']]);
	const table = [
		...row(40, [[0, 'Part'], [120, 'Stock'], [200, 'Price']]),
		...row(60, [[0, 'Steel bolts'], [120, '1,200'], [200, '0.35']]),
		...row(80, [[0, 'Nuts'], [120, '800'], [200, '0.10']]),
		...row(100, [[0, 'Washers'], [120, '5,000'], [200, '0.02']]),
	];
	const after = row(160, [[0, 'Prices include delivery to the warehouse.']]);

	it('finds a borderless table between paragraphs, its columns from white space', () => {
		const tables = extractTables([...title, ...table, ...after], rules([], []), 1, 1);
		expect(tables).toHaveLength(1);
		expect(tables[0]!.header).toEqual(['Part', 'Stock', 'Price']);
		expect(tables[0]!.rows).toEqual([['Steel bolts', '1,200', '0.35'], ['Nuts', '800', '0.10'], ['Washers', '5,000', '0.02']]);
	});

	it('cuts into a known number of columns, and finds nothing in running text', () => {
		const [t] = extractTables(table, rules([], []), 1, 1, { mode: 'stream', header: 'none', columns: 2 });
		expect(t!.rows[1]).toEqual(['Steel bolts', '1,200 0.35']);
		expect(extractTables([...title, ...after], rules([], []), 1, 1)).toEqual([]);
	});

	it('joins a cell that wraps onto a line starting in lower case', () => {
		const wrapped = [...table, ...row(120, [[0, 'Hex'], [120, '40'], [200, '1.10']]), ...row(136, [[0, 'socket screws']])];
		const [t] = extractTables(wrapped, rules([], []), 1, 1);
		expect(t!.rows[3]).toEqual(['Hex socket screws', '40', '1.10']);
	});
});

describe('labels spanning rows', () => {
	it('makes a label centred beside its rows one cell spanning them, and keeps a section heading a row', () => {
		// Rows 20 px apart; "Improved FCM" sits between its two rows (no row of its own), "Original" is
		// broken over two lines between three rows; "Totals" has its own row above its rows.
		const words = [
			...row(40, [[0, 'Method'], [120, 'Data'], [200, 'Mean'], [260, 'RMSE']]),
			...row(60, [[120, 'Gaofen-3'], [200, '5.77'], [260, '5.89']]),
			...row(70, [[0, 'Improved FCM']]),
			...row(80, [[120, 'Sentinel-1'], [200, '6.30'], [260, '5.83']]),
			...row(100, [[120, 'Gaofen-3'], [200, '6.97'], [260, '7.66']]),
			...row(110, [[0, 'Original']]),
			...row(120, [[120, 'Sentinel-1'], [200, '8.53'], [260, '4.81']]),
			...row(130, [[0, 'method']]),
			...row(140, [[120, 'Radarsat'], [200, '9.10'], [260, '5.02']]),
			...row(160, [[0, 'Totals']]),
			...row(180, [[120, 'All'], [200, '7.41'], [260, '5.71']]),
		];
		const [t] = extractTables(words, rules([], []), 1, 1);
		expect(t!.header).toEqual(['Method', 'Data', 'Mean', 'RMSE']);
		expect(t!.rows).toEqual([
			['Improved FCM', 'Gaofen-3', '5.77', '5.89'],
			['', 'Sentinel-1', '6.30', '5.83'],
			['Original method', 'Gaofen-3', '6.97', '7.66'],
			['', 'Sentinel-1', '8.53', '4.81'],
			['', 'Radarsat', '9.10', '5.02'],
			['Totals', '', '', ''],
			['', 'All', '7.41', '5.71'],
		]);
		const spans = t!.cells.filter((c) => c.rowSpan > 1).map((c) => [c.row, c.rowSpan, c.text]);
		expect(spans).toEqual([
			[1, 2, 'Improved FCM'],
			[3, 3, 'Original method'],
		]);
	});
});

describe('headers over several lines', () => {
	it('makes the lines of a ruled header cell one cell, and a cell with no rule under it span the header rows', () => {
		// Top rule at 30; "Star Magnitude" over two columns with a partial rule under it at 56; each
		// sub-header and "Saturation Charge" printed on two lines; the header's rule at 100.
		const words = [
			...row(36, [[20, 'Star Magnitude'], [200, 'Saturation']]),
			...row(52, [[200, 'Charge']]),
			...row(62, [[0, 'Signal'], [100, 'Noise']]),
			...row(78, [[0, 'at 0.1s'], [100, 'at 0.1s']]),
			...row(110, [[0, '121200'], [100, '498'], [200, '500000']]),
			...row(130, [[0, '143960'], [100, '426'], [200, '272232']]),
		];
		const [t] = extractTables(words, rules([[30, 0, 280], [56, 0, 180], [100, 0, 280]], []), 1, 1, { mode: 'stream', header: 'auto', columns: null });
		expect(t!.headerRows).toBe(2);
		expect(t!.header).toEqual(['Star Magnitude Signal at 0.1s', 'Star Magnitude Noise at 0.1s', 'Saturation Charge']);
		expect(t!.cells.filter((c) => c.row < 2 && c.text !== '').map((c) => [c.row, c.col, c.rowSpan, c.colSpan, c.text])).toEqual([
			[0, 0, 1, 2, 'Star Magnitude'],
			[0, 2, 2, 1, 'Saturation Charge'],
			[1, 0, 1, 1, 'Signal at 0.1s'],
			[1, 1, 1, 1, 'Noise at 0.1s'],
		]);
		expect(t!.rows).toEqual([['121200', '498', '500000'], ['143960', '426', '272232']]);
	});

	it('joins columns that share one label and hold only values (a range whose dash was lost)', () => {
		const words = [
			...row(40, [[0, 'Week'], [100, 'Intensity (% HRR)']]),
			...row(60, [[0, '1'], [100, '50'], [160, '60']]),
			...row(80, [[0, '2'], [100, '60'], [160, '70']]),
			...row(100, [[0, '3'], [100, '70'], [160, '80']]),
		];
		const [t] = extractTables(words, rules([], []), 1, 1);
		expect(t!.header).toEqual(['Week', 'Intensity (% HRR)']);
		expect(t!.rows).toEqual([['1', '50 60'], ['2', '60 70'], ['3', '70 80']]);
		// With labels under the shared one, the columns have names of their own and stay apart.
		const named = [...words.slice(0, 4), ...row(50, [[100, 'Min'], [160, 'Max']]), ...words.slice(4)];
		const [u] = extractTables(named, rules([], []), 1, 1);
		expect(u!.header).toEqual(['Week', 'Intensity (% HRR) Min', 'Intensity (% HRR) Max']);
	});
});

describe('header', () => {
	it('takes the rows above the first numbers, or a first row of labels, or none', () => {
		const g = [['Year', 'Sales'], ['', 'EUR'], ['2023', '1,200'], ['2024', '1,350']];
		expect(chooseHeaderRows(g, [], new Set(), 'auto')).toBe(2);
		expect(chooseHeaderRows([['Name', 'City'], ['Ann', 'Oslo'], ['Bo', 'Rome']], [], new Set(), 'auto')).toBe(1);
		expect(chooseHeaderRows([['1', '2'], ['3', '4']], [], new Set(), 'auto')).toBe(0);
		expect(chooseHeaderRows(g, [], new Set(), 'none')).toBe(0);
		expect(chooseHeaderRows(g, [cell(0, 0, 'Year', 2)], new Set(), 'first-row')).toBe(2);
		// A label cut at a column leaves one number among labels; a row of values may miss one.
		const cut = [['Star', 'Magnitude', '6'], ['Signal', 'Noise', 'S/N'], ['1882', '', '10'], ['1610', '199', '13']];
		expect(chooseHeaderRows(cut, [], new Set(), 'auto')).toBe(2);
		expect(['12.5', '(1,204)', '-3 %', '€ 1.234,56', '7'].every(isNumeric)).toBe(true);
		expect(['A-12', '2024-03-12', 'n/a'].some(isNumeric)).toBe(false);
	});

	it('names columns from stacked header rows, spans repeated', () => {
		const cells = [cell(0, 0, 'Region', 2), cell(0, 1, 'Quarter 1', 1, 2), cell(1, 1, 'Sales'), cell(1, 2, 'Units')];
		expect(headerNames(cells, 2, 3)).toEqual(['Region', 'Quarter 1 Sales', 'Quarter 1 Units']);
	});
});

describe('exports', () => {
	const t: Table = {
		page: 2,
		box: [0, 0, 10, 10],
		method: 'stream',
		headerRows: 1,
		header: ['Item', 'Note, "quoted"'],
		rows: [['Bolts', 'a|b']],
		cells: [cell(0, 0, 'Item'), cell(0, 1, 'Note, "quoted"'), cell(1, 0, 'Bolts'), cell(1, 1, 'a|b')],
	};

	it('writes CSV with RFC 4180 quoting, HTML with spans, Markdown with escaped pipes', () => {
		expect(tablesCsv([t])).toBe('Item,"Note, ""quoted"""\r\nBolts,a|b\r\n');
		expect(tablesCsv([])).toBe('');
		const spanned: Table = { ...t, cells: [cell(0, 0, 'Both', 1, 2), cell(1, 0, 'x'), cell(1, 1, 'y')] };
		expect(tableHtml(spanned)).toContain('<thead>\n<tr><th colspan="2">Both</th></tr>\n</thead>');
		expect(tableMarkdown(t)).toBe('| Item | Note, "quoted" |\n| --- | --- |\n| Bolts | a\\|b |');
	});

	it('stores numbers as numbers in the document’s convention, codes with leading zeros as text', () => {
		expect(cellNumber('1,234.56', false)).toBe(1234.56);
		expect(cellNumber('1.234,56', true)).toBe(1234.56);
		expect(cellNumber('(12.5)', false)).toBe(-12.5);
		expect(cellNumber('1.234,56', false)).toBeNull();
		expect(cellNumber('00123', false)).toBeNull();
		expect(cellNumber('12 %', false)).toBeNull();
	});

	it('makes column keys safe for a spreadsheet: numbered when empty, no dots, repeats suffixed', () => {
		expect(columnKeys(['Item', '', 'Unit price (EUR.)', 'item', ' Total\nnet '], 5)).toEqual(['Item', 'Column 2', 'Unit price (EUR)', 'item 2', 'Total net']);
		expect(columnKeys(null, 2)).toEqual(['Column 1', 'Column 2']);
	});
});

describe('scans and word boxes', () => {
	it('maps points to the upright frame and back, and measures skew from text lines', () => {
		const frame = new UprightFrame(0.03, 1000, 1400);
		const [x, y] = frame.toUpright(250, 700);
		const back = frame.toPage(x, y);
		expect(back[0]).toBeCloseTo(250, 6);
		expect(back[1]).toBeCloseTo(700, 6);
		const line = (y0: number): { polygon: Quad } => ({ polygon: [[100, y0], [600, y0 + 15], [600, y0 + 35], [100, y0 + 20]] });
		const angle = skewAngle({ lines: [line(100), line(200), line(300)].map((l) => ({ ...l, text: 'x', confidence: 1, box: [0, 0, 1, 1] as Box })) });
		expect(angle).toBeCloseTo(Math.atan2(15, 500), 6);
	});

	it('places words along a detected line and keeps them through text repair', () => {
		const quad: Quad = [[100, 50], [300, 50], [300, 70], [100, 70]];
		const words = wordBoxes(quad, [{ text: 'Total', f0: 0, f1: 0.4 }, { text: '12.50', f1: 1, f0: 0.6 }]);
		expect(words).toEqual([{ text: 'Total', box: [100, 50, 180, 70] }, { text: '12.50', box: [220, 50, 300, 70] }]);
		expect(syncWords('Totâl 12.50', words, [100, 50, 300, 70]).map((w) => w.text)).toEqual(['Totâl', '12.50']);
		expect(syncWords('Total12.50', words, [100, 50, 300, 70])).toEqual([{ text: 'Total12.50', box: [100, 50, 300, 70] }]);
	});
});
