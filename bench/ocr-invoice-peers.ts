/**
 * OCR accuracy and time on invoice pages against Tesseract, measured in the same run:
 *   node --import tsx bench/ocr-invoice-peers.ts [--per 1] [--fonts "Liberation Sans,DejaVu Serif"]
 * Pages: generated invoices (test/helpers/invoiceGen.ts: en es de fr it pt × four layouts),
 * clean at 150 DPI and scanned (200 DPI, 1–2.5° skew, noise, JPEG 40). Tesseract 5 (Debian
 * tesseract-ocr + eng/spa/deu/fra/ita/por, OMP_THREAD_LIMIT=1, told the page's language).
 * An invoice's text sits in two columns and boxes, so the two engines' reading orders differ:
 * each printed item is scored against the words (with boxes) either engine puts inside that
 * item's place on the page, and words placed nowhere count as errors. CER counts spaces and case.
 * The monospaced fonts are not among those of the currency-sign templates (scripts/glyph-templates.ts);
 * the default run includes two of them.
 */
import './peers/no-source-maps';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../sidecar/src/config/config';
import { createLogger } from '../sidecar/src/log/logger';
import { decodeImage } from '../sidecar/src/ocr/image';
import { startSidecar } from '../sidecar/src/server';
import { cer, degrade, renderPage, type DocLine } from '../test/helpers/documents';
import { GEN_LANGS, GEN_LAYOUTS, generatedInvoice } from '../test/helpers/invoiceGen';

const arg = (name: string, fallback: string) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? process.argv[i + 1]! : fallback;
};
const PER = Number(arg('per', '1'));
const FONTS = arg('fonts', 'Liberation Sans,Liberation Serif,DejaVu Sans,Liberation Mono,DejaVu Sans Mono').split(',');
const UNSEEN = new Set(['Liberation Mono', 'DejaVu Sans Mono']);
const TESS: Record<string, string> = { en: 'eng', es: 'spa', de: 'deu', fr: 'fra', it: 'ita', pt: 'por' };
const verbose = process.argv.includes('--verbose');

interface PlacedWord {
	text: string;
	box: [number, number, number, number];
}

/** Character errors of the words placed on each printed item, plus every word placed on none. */
function placedErrors(lines: DocLine[], words: PlacedWord[], dpi: number, angleDeg: number, width: number, height: number): { errors: number; chars: number; misses: string[] } {
	const px = dpi / 25.4;
	// Undo the scan's rotation (sharp rotates about the centre and enlarges the canvas).
	const a = (-angleDeg * Math.PI) / 180;
	const toMm = (x: number, y: number): [number, number] => {
		const dx = x - width / 2;
		const dy = y - height / 2;
		return [(dx * Math.cos(a) - dy * Math.sin(a) + (210 * px) / 2) / px, (dx * Math.sin(a) + dy * Math.cos(a) + (297 * px) / 2) / px];
	};
	const used = new Set<number>();
	let errors = 0;
	let chars = 0;
	const misses: string[] = [];
	for (const l of lines) {
		// An item ends where another starts to its right on the same row: one whose baseline is within
		// a text height of its own (the columns of a layout need not share baselines).
		const sameRow = (o: DocLine) => Math.abs(o.yMm - l.yMm) < 0.35 * Math.max(o.sizePt, l.sizePt);
		const right = Math.min(210, ...lines.filter((o) => o !== l && sameRow(o) && o.xMm > l.xMm).map((o) => o.xMm));
		const mine = words
			.map((w, i) => ({ w, i, at: toMm((w.box[0] + w.box[2]) / 2, (w.box[1] + w.box[3]) / 2) }))
			.filter(({ at: [x, y] }) => y > l.yMm - l.sizePt * 0.3 && y < l.yMm + 1 && x > l.xMm - 1 && x < right - 0.5)
			.sort((p, q) => p.at[0] - q.at[0]);
		mine.forEach(({ i }) => used.add(i));
		const hyp = mine.map(({ w }) => w.text).join(' ');
		const e = Math.round(cer(hyp, l.text) * l.text.length);
		if (e > 0) misses.push(`${JSON.stringify(hyp)} ≠ ${JSON.stringify(l.text)}`);
		errors += e;
		chars += l.text.length;
	}
	words.forEach((w, i) => {
		if (used.has(i) || w.text.trim() === '') return;
		errors += w.text.length;
		misses.push(`placed nowhere: ${JSON.stringify(w.text)}`);
	});
	return { errors, chars, misses };
}

interface Tally {
	errors: number;
	chars: number;
	ms: number[];
}
const tally = (): Tally => ({ errors: 0, chars: 0, ms: [] });
const median = (xs: number[]) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)] ?? 0;
const pct = (t: Tally) => (100 * t.errors) / Math.max(1, t.chars);

async function main(): Promise<void> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'invoice-peers-'));
	const sidecar = await startSidecar(loadConfig({ PORT: '0', DEVICE: 'cpu', PRELOAD_MODELS: 'pp-ocrv4' }), { logger: createLogger('error') });
	await sidecar.ready;
	const engine = sidecar.ctx.engines.ocr();
	const tessVersion = execFileSync('tesseract', ['--version'], { encoding: 'utf8' }).split('\n')[0]!;
	const results = new Map<string, { ours: Tally; tess: Tally }>();
	const add = (key: string) => results.get(key) ?? (results.set(key, { ours: tally(), tess: tally() }), results.get(key)!);
	let seed = 1;
	let pages = 0;
	for (const scanned of [false, true]) {
		for (const lang of GEN_LANGS) {
			for (const layout of GEN_LAYOUTS) {
				for (let k = 0; k < PER; k++) {
					const font = FONTS[seed % FONTS.length]!;
					const inv = generatedInvoice(seed, lang, layout, font);
					const dpi = scanned ? 200 : 150;
					const angle = scanned ? 1 + (seed % 3) * 0.75 : 0;
					let image = await renderPage(inv.lines, { dpi });
					if (scanned) image = await degrade(image, { angleDeg: angle, noise: 25, jpegQuality: 40, seed });
					const file = path.join(dir, `${seed}.${scanned ? 'jpg' : 'png'}`);
					fs.writeFileSync(file, image);
					seed++;
					pages++;

					let t = performance.now();
					const page = (await decodeImage(image, file, 1)).pages[0]!;
					const read = await engine.recognise(page);
					const oursMs = performance.now() - t;
					const ours = placedErrors(inv.lines, read.lines.flatMap((l) => l.words ?? []), dpi, angle, page.width, page.height);

					t = performance.now();
					const tsv = execFileSync('tesseract', [file, '-', '-l', TESS[lang]!, 'tsv'], { encoding: 'utf8', env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: ['ignore', 'pipe', 'ignore'] });
					const tessMs = performance.now() - t;
					const tessWords = tsv
						.split('\n')
						.slice(1)
						.map((row) => row.split('\t'))
						.filter((c) => c[0] === '5' && (c[11] ?? '').trim() !== '')
						.map((c) => ({ text: c[11]!, box: [+c[6]!, +c[7]!, +c[6]! + +c[8]!, +c[7]! + +c[9]!] as [number, number, number, number] }));
					const tess = placedErrors(inv.lines, tessWords, dpi, angle, page.width, page.height);

					for (const key of [scanned ? 'scanned 200 dpi' : 'clean 150 dpi', `${scanned ? 'scanned' : 'clean'}, ${UNSEEN.has(font) ? 'fonts unseen by the sign templates' : 'template fonts'}`]) {
						const r = add(key);
						r.ours.errors += ours.errors;
						r.ours.chars += ours.chars;
						r.ours.ms.push(oursMs);
						r.tess.errors += tess.errors;
						r.tess.chars += tess.chars;
						r.tess.ms.push(tessMs);
					}
					if (verbose) {
						console.log(`${scanned ? 'scan' : 'clean'} ${lang} ${layout} ${font}: this engine ${ours.errors}, Tesseract ${tess.errors} errors of ${ours.chars}`);
						for (const m of ours.misses) console.log(`  ours  ${m}`);
						for (const m of tess.misses) console.log(`  tess  ${m}`);
					}
				}
			}
		}
	}
	console.log(`${pages} invoice pages (${GEN_LANGS.join('/')} × ${GEN_LAYOUTS.join('/')}; fonts ${FONTS.join(', ')}), ${os.cpus().length} cores; ${tessVersion}\n`);
	console.log(`${'condition'.padEnd(46)} ${'this engine'.padStart(22)} ${'Tesseract'.padStart(22)}   CER ratio`);
	for (const [key, r] of results) {
		const cell = (t: Tally) => `${pct(t).toFixed(2)}% ${median(t.ms).toFixed(0).padStart(5)} ms`.padStart(22);
		console.log(`${key.padEnd(46)} ${cell(r.ours)} ${cell(r.tess)}   ${(pct(r.ours) / Math.max(pct(r.tess), 1e-9)).toFixed(2)}× Tesseract's`);
	}
	await sidecar.close();
	fs.rmSync(dir, { recursive: true, force: true });
}

void main();
