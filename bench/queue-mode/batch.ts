/**
 * The 60-file batch: 24 invoices (generated, 6 languages × 4 layouts, 150-DPI PNG), 18 tables
 * (PDFs and 200-DPI scans, each with its own item code in the first row) and 18 recordings
 * (espeak-ng, each naming its own word). Every file carries something that says which file it was,
 * so a result delivered for the wrong file is caught by its content as well as by its pairing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { speak } from '../../test/helpers/audio';
import { degrade, renderPage } from '../../test/helpers/documents';
import { GEN_FONTS, GEN_LANGS, GEN_LAYOUTS, generatedInvoice } from '../../test/helpers/invoiceGen';
import { combine, drawingPdf, drawingPng, layoutTable, priceTable, type TableStyle } from '../../test/helpers/tables';
import type { Kind } from './workflows';

export interface BatchFile {
	name: string;
	path: string;
	kind: Kind;
	/** What the file says about itself: the invoice number, the table's first item code, the spoken word. */
	marker: string;
}

const WORDS = ['apple', 'river', 'garden', 'window', 'orange', 'pencil', 'yellow', 'mountain', 'doctor', 'coffee', 'morning', 'silver', 'basket', 'winter', 'camera', 'island', 'rabbit', 'castle'];
const STYLES: TableStyle[] = ['grid', 'rows', 'booktabs'];

export async function writeBatch(dir: string, counts: Record<Kind, number> = { invoice: 24, table: 18, audio: 18 }): Promise<BatchFile[]> {
	fs.mkdirSync(dir, { recursive: true });
	const files: BatchFile[] = [];
	const add = (name: string, kind: Kind, marker: string, bytes: Buffer) => {
		fs.writeFileSync(path.join(dir, name), bytes);
		files.push({ name, path: path.join(dir, name), kind, marker });
	};
	for (let i = 0; i < counts.invoice; i++) {
		const inv = generatedInvoice(9000 + i, GEN_LANGS[i % GEN_LANGS.length]!, GEN_LAYOUTS[Math.floor(i / GEN_LANGS.length) % GEN_LAYOUTS.length]!, GEN_FONTS[i % GEN_FONTS.length]!);
		add(`invoice-${String(i + 1).padStart(2, '0')}.png`, 'invoice', inv.expected.invoiceNumber, await renderPage(inv.lines, { dpi: 150 }));
	}
	for (let i = 0; i < counts.table; i++) {
		const spec = priceTable(STYLES[i % STYLES.length]!);
		const code = `T-${String(7100 + i * 7)}`;
		spec.rows[0]![0] = code;
		const drawing = combine(layoutTable(spec));
		const asPdf = i % 2 === 0;
		const bytes = asPdf ? drawingPdf([drawing]) : await degrade(await drawingPng(drawing, 200, { heightMm: 90 }), { angleDeg: 0.5, noise: 6, jpegQuality: 80, seed: i });
		add(`table-${String(i + 1).padStart(2, '0')}.${asPdf ? 'pdf' : 'jpg'}`, 'table', code, bytes);
	}
	for (let i = 0; i < counts.audio; i++) {
		const word = WORDS[i % WORDS.length]!;
		add(`recording-${String(i + 1).padStart(2, '0')}.wav`, 'audio', word, speak(`This is recording ${i + 1}. The word for today is ${word}. Please write it down.`));
	}
	return files;
}

/** The part of a result that must be the same whichever process and sidecar produced it. */
export function resultKey(kind: Kind, json: Record<string, unknown>): string {
	if (json.error !== undefined) return `error: ${String(json.error)}`;
	if (kind === 'invoice') return JSON.stringify([json.invoiceNumber, json.invoiceDate, json.total, json.currency, json.vendorName]);
	if (kind === 'table') return JSON.stringify(json.rows ?? json.message);
	return String(json.text);
}

/** Whether the result shows its own file's marker (a misread is reported, not a mix-up). */
export function showsMarker(file: BatchFile, json: Record<string, unknown>): boolean {
	if (file.kind === 'invoice') return json.invoiceNumber === file.marker;
	if (file.kind === 'table') return JSON.stringify(json.rows ?? '').includes(file.marker);
	return String(json.text ?? '').toLowerCase().includes(file.marker);
}
