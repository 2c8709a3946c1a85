/**
 * Tables drawn from known cells, as a digital PDF (text + vector rules) and as an image (SVG
 * rendered by sharp), so table extraction is checked against exact cell text. Styles: a fully
 * ruled grid, rules between rows only, three rules (top, under the header, bottom), and none.
 */
import sharp from 'sharp';
import { buildPdf, pdfString } from './fixtures';

export type TableStyle = 'grid' | 'rows' | 'booktabs' | 'none';

export interface HeaderCell {
	text: string;
	span?: number;
}

export interface TableSpec {
	style: TableStyle;
	/** Header rows; a cell may span several columns. */
	header: HeaderCell[][];
	rows: string[][];
	/** Column widths in millimetres. */
	widthsMm: number[];
	/** Columns whose text is right-aligned (numbers). */
	right?: number[];
	/** Top-left corner of the table in millimetres. */
	xMm?: number;
	yMm?: number;
	sizePt?: number;
}

interface TextOp {
	text: string;
	xMm: number;
	yMm: number;
	anchor: 'start' | 'end' | 'middle';
	bold: boolean;
	sizePt: number;
}

interface LineOp {
	x0: number;
	y0: number;
	x1: number;
	y1: number;
}

export interface Drawing {
	texts: TextOp[];
	lines: LineOp[];
	/** Bottom of what was drawn, in millimetres from the top. */
	bottomMm: number;
	/** Page size in millimetres (default A4). */
	widthMm?: number;
	heightMm?: number;
}

const ROW_MM = 7;

/** Lays the table out as text and line operations in millimetres (y down from the top of the page). */
export function layoutTable(spec: TableSpec): Drawing {
	const x0 = spec.xMm ?? 20;
	const y0 = spec.yMm ?? 30;
	const size = spec.sizePt ?? 10;
	const xs = spec.widthsMm.reduce<number[]>((acc, w) => [...acc, acc[acc.length - 1]! + w], [x0]);
	const texts: TextOp[] = [];
	const lines: LineOp[] = [];
	const pad = 2;
	const allRows: Array<{ cells: HeaderCell[]; header: boolean }> = [...spec.header.map((cells) => ({ cells, header: true })), ...spec.rows.map((r) => ({ cells: r.map((text) => ({ text })), header: false }))];
	allRows.forEach((row, r) => {
		const top = y0 + r * ROW_MM;
		const baseline = top + ROW_MM - 2.2;
		let col = 0;
		for (const cell of row.cells) {
			const span = cell.span ?? 1;
			const left = xs[col]!;
			const right = xs[col + span]!;
			if (cell.text !== '') {
				if (span > 1) texts.push({ text: cell.text, xMm: (left + right) / 2, yMm: baseline, anchor: 'middle', bold: row.header, sizePt: size });
				else if (!row.header && spec.right?.includes(col)) texts.push({ text: cell.text, xMm: right - pad, yMm: baseline, anchor: 'end', bold: false, sizePt: size });
				else texts.push({ text: cell.text, xMm: left + pad, yMm: baseline, anchor: 'start', bold: row.header, sizePt: size });
			}
			// Grid: a vertical rule at the right of each cell (spans leave their inner rules out).
			if (spec.style === 'grid') lines.push({ x0: right, y0: top, x1: right, y1: top + ROW_MM });
			if (spec.style === 'grid' && span > 1 && row.header) lines.push({ x0: left, y0: top + ROW_MM, x1: right, y1: top + ROW_MM });
			col += span;
		}
		if (spec.style === 'grid') lines.push({ x0: xs[0]!, y0: top, x1: xs[0]!, y1: top + ROW_MM });
	});
	const n = allRows.length;
	const left = xs[0]!;
	const right = xs[xs.length - 1]!;
	const hline = (y: number) => lines.push({ x0: left, y0: y, x1: right, y1: y });
	if (spec.style === 'grid' || spec.style === 'rows') for (let r = 0; r <= n; r++) hline(y0 + r * ROW_MM);
	if (spec.style === 'booktabs') [0, spec.header.length, n].forEach((r) => hline(y0 + r * ROW_MM));
	return { texts, lines, bottomMm: y0 + n * ROW_MM };
}

/** Running text (a paragraph of sentences) starting at yMm, for pages that hold more than a table. */
export function paragraph(sentences: string[], yMm: number, xMm = 20): Drawing {
	return { texts: sentences.map((text, i) => ({ text, xMm, yMm: yMm + i * 6, anchor: 'start', bold: false, sizePt: 10 })), lines: [], bottomMm: yMm + sentences.length * 6 };
}

export const combine = (...ds: Drawing[]): Drawing => ({ texts: ds.flatMap((d) => d.texts), lines: ds.flatMap((d) => d.lines), bottomMm: Math.max(...ds.map((d) => d.bottomMm)) });

const PT_PER_MM = 72 / 25.4;
const pageW = (d: Drawing) => Math.round((d.widthMm ?? 210) * PT_PER_MM);
const pageH = (d: Drawing) => Math.round((d.heightMm ?? 297) * PT_PER_MM);

/** Helvetica advance widths (1/1000 em) for what table cells hold; others count as an average letter. */
const HELVETICA: Record<string, number> = { ' ': 278, '.': 278, ',': 278, '-': 333, '%': 889, '(': 333, ')': 333, '/': 278, ':': 278 };
const helveticaWidth = (s: string, sizePt: number) => [...s].reduce((w, c) => w + (/\d/.test(c) ? 556 : (HELVETICA[c] ?? (/[A-Z]/.test(c) ? 667 : 520))), 0) * (sizePt / 1000);

/**
 * `turned`: each drawing is laid out on its page, then drawn turned 90° counter-clockwise onto a
 * page of swapped size (as a table turned to fit its page: its text runs bottom to top).
 */
export function drawingPdf(pages: Drawing[], opts: { turned?: boolean } = {}): Buffer {
	// buildPdf numbers a page and its content 4+2i and 5+2i; extra objects follow: the bold font.
	const boldId = 4 + 2 * pages.length;
	return buildPdf(
		pages.map((d) => ({
			mediaBox: opts.turned ? `0 0 ${pageH(d)} ${pageW(d)}` : `0 0 ${pageW(d)} ${pageH(d)}`,
			resources: `<< /Font << /F1 3 0 R /F2 ${boldId} 0 R >> >>`,
			content: [
				...(opts.turned ? [`q 0 1 -1 0 ${pageH(d)} 0 cm`] : []),
				'0.8 w 0 0 0 RG',
				...d.lines.map((l) => `${(l.x0 * PT_PER_MM).toFixed(2)} ${(pageH(d) - l.y0 * PT_PER_MM).toFixed(2)} m ${(l.x1 * PT_PER_MM).toFixed(2)} ${(pageH(d) - l.y1 * PT_PER_MM).toFixed(2)} l S`),
				...d.texts.map((t) => {
					const w = helveticaWidth(t.text, t.sizePt);
					const x = t.xMm * PT_PER_MM - (t.anchor === 'end' ? w : t.anchor === 'middle' ? w / 2 : 0);
					return `BT /${t.bold ? 'F2' : 'F1'} ${t.sizePt} Tf ${x.toFixed(2)} ${(pageH(d) - t.yMm * PT_PER_MM).toFixed(2)} Td ${pdfString(t.text)} Tj ET`;
				}),
				...(opts.turned ? ['Q'] : []),
			].join('\n'),
		})),
		'',
		['<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>'],
	);
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The drawing on a white page (A4 wide; `heightMm` tall, default A4) at `dpi`. */
export async function drawingPng(d: Drawing, dpi: number, opts: { font?: string; heightMm?: number } = {}): Promise<Buffer> {
	const font = opts.font ?? 'Liberation Sans';
	const px = dpi / 25.4;
	const width = Math.round((d.widthMm ?? 210) * px);
	const height = Math.round((opts.heightMm ?? d.heightMm ?? 297) * px);
	const stroke = Math.max(1, Math.round((0.8 * dpi) / 72));
	const body = [
		...d.lines.map((l) => `<line x1="${(l.x0 * px).toFixed(1)}" y1="${(l.y0 * px).toFixed(1)}" x2="${(l.x1 * px).toFixed(1)}" y2="${(l.y1 * px).toFixed(1)}" stroke="#000" stroke-width="${stroke}"/>`),
		...d.texts.map((t) => `<text x="${(t.xMm * px).toFixed(1)}" y="${(t.yMm * px).toFixed(1)}" font-family="${font}" font-size="${((t.sizePt * dpi) / 72).toFixed(1)}" text-anchor="${t.anchor}"${t.bold ? ' font-weight="bold"' : ''}>${escapeXml(t.text)}</text>`),
	].join('\n');
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/>\n${body}\n</svg>`;
	return await sharp(Buffer.from(svg), { density: 72 }).flatten({ background: '#fff' }).png().toBuffer();
}

/** Quarterly sales: a two-level header (quarters spanning two columns), numbers right-aligned. */
export function salesTable(style: TableStyle, yMm = 30): TableSpec {
	return {
		style,
		yMm,
		header: [
			[{ text: 'Region' }, { text: 'Quarter 1', span: 2 }, { text: 'Quarter 2', span: 2 }],
			[{ text: '' }, { text: 'Sales' }, { text: 'Units' }, { text: 'Sales' }, { text: 'Units' }],
		],
		rows: [
			['North America', '1,284.50', '312', '1,402.75', '348'],
			['Western Europe', '986.20', '241', '1,110.00', '265'],
			['Latin America', '412.80', '97', '455.35', '104'],
			['Asia Pacific', '2,310.40', '530', '2,498.90', '571'],
		],
		widthsMm: [45, 28, 20, 28, 20],
		right: [1, 2, 3, 4],
	};
}

/** A price list: one header row, text, numbers and dates. */
export function priceTable(style: TableStyle, yMm = 30): TableSpec {
	return {
		style,
		yMm,
		header: [[{ text: 'Item' }, { text: 'Description' }, { text: 'Qty' }, { text: 'Unit price' }, { text: 'Delivery' }]],
		rows: [
			['A-1001', 'Steel bolts M8', '200', '0.35', '2024-03-12'],
			['B-2040', 'Hydraulic hose', '4', '48.90', '2024-03-15'],
			['C-3310', 'Safety gloves', '25', '6.20', '2024-04-02'],
			['D-0475', 'Cable ties', '500', '0.04', '2024-04-18'],
			['E-1299', 'Work lamp', '2', '89.00', '2024-05-06'],
		],
		widthsMm: [22, 48, 16, 26, 28],
		right: [2, 3],
	};
}
