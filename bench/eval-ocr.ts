/**
 * OCR accuracy on public data (not part of npm test; the data stays outside the repo):
 *   node --import tsx bench/eval-ocr.ts ../shared/data
 * SROIE receipts (receipts/sroie): line CER on the ground-truth boxes (recognition alone) and on
 * whole receipts (detection + recognition + reading order), both compared upper-cased without spaces.
 * End to end is given twice: by detected lines and by their words, each placed by its centre.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../sidecar/src/config/config';
import { createLogger } from '../sidecar/src/log/logger';
import { decodeImage } from '../sidecar/src/ocr/image';
import { pageInSentPixels } from '../sidecar/src/ocr/page/output';
import { quadBounds, type Quad } from '../sidecar/src/ocr/types';
import { startSidecar } from '../sidecar/src/server';
import { cer } from '../test/helpers/documents';

const root = process.argv[2];
if (!root) {
	console.error('usage: node --import tsx bench/eval-ocr.ts <data-root>   (e.g. ../shared/data)');
	process.exit(2);
}
const norm = (s: string) => s.toUpperCase().replace(/\s+/g, '');

interface GtLine {
	quad: Quad;
	text: string;
}

function readBoxes(file: string): GtLine[] {
	return fs
		.readFileSync(file, 'utf8')
		.split(/\r?\n/)
		.filter((l) => l.trim() !== '')
		.map((line) => {
			const parts = line.split(',');
			const n = parts.slice(0, 8).map(Number);
			return { quad: [[n[0]!, n[1]!], [n[2]!, n[3]!], [n[4]!, n[5]!], [n[6]!, n[7]!]] as Quad, text: parts.slice(8).join(',') };
		});
}

/** Detected lines (or words) whose centre falls in a ground-truth box, left to right. */
function centredIn<T extends { box: [number, number, number, number] }>(items: readonly T[], quad: Quad): T[] {
	const [x0, y0, x1, y1] = quadBounds(quad);
	return items
		.filter((l) => {
			const cx = (l.box[0] + l.box[2]) / 2;
			const cy = (l.box[1] + l.box[3]) / 2;
			return cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1;
		})
		.sort((a, c) => a.box[0] - c.box[0]);
}

async function main(): Promise<void> {
	const sroie = path.join(root!, 'receipts', 'sroie');
	const sidecar = await startSidecar(loadConfig({ PORT: '0', DEVICE: 'cpu', PRELOAD_MODELS: 'pp-ocrv4' }), { logger: createLogger('error') });
	await sidecar.ready;
	const engine = sidecar.ctx.engines.ocr();
	let lineErr = 0;
	let lineChars = 0;
	let pageErr = 0;
	let pageChars = 0;
	let wordErr = 0;
	let receipts = 0;
	const stages = new Map<string, number>();
	const worst: Array<[number, string, string]> = [];
	for (const name of fs.readdirSync(path.join(sroie, 'img')).sort()) {
		const stem = name.replace(/\.jpg$/, '');
		const boxes = readBoxes(path.join(sroie, 'box', `${stem}.csv`));
		const img = (await decodeImage(fs.readFileSync(path.join(sroie, 'img', name)), name, 1)).pages[0]!;
		const read = await engine.readRegions(img, boxes.map((b) => b.quad), { lang: 'none' });
		boxes.forEach((b, i) => {
			const ref = norm(b.text);
			const hyp = norm(read[i]!.text);
			const e = cer(hyp, ref) * ref.length;
			lineErr += e;
			lineChars += ref.length;
			if (e > 0) worst.push([e, hyp, ref]);
		});
		// End to end, per ground-truth line: the detected lines whose centre falls in its box, left to right
		// (a missed line counts in full; reading order across the receipt does not matter here).
		// In the receipt's own pixels (the page stage may have read it turned or deskewed), as the sidecar answers.
		const read0 = await engine.recognise(img, { lang: 'none' });
		const page = pageInSentPixels({ page: 1, width: read0.upright.width, height: read0.upright.height, source: 'ocr', dpi: null, lines: read0.lines, text: '', language: null, frame: read0.frame });
		stages.set(`orientation ${page.orientation}, ${page.skewDegrees ? 'skewed' : 'level'}${page.dewarped ? ', dewarped' : ''}`, (stages.get(`orientation ${page.orientation}, ${page.skewDegrees ? 'skewed' : 'level'}${page.dewarped ? ', dewarped' : ''}`) ?? 0) + 1);
		// The same by words: a detected line that spans two ground-truth boxes ("Total:" and "8.20"
		// printed apart, read as one line) gives each box its own words instead of counting one as missed.
		const words = page.lines.flatMap((l) => l.words ?? [{ text: l.text, box: l.box }]);
		for (const b of boxes) {
			const ref = norm(b.text);
			pageErr += cer(norm(centredIn(page.lines, b.quad).map((l) => l.text).join('')), ref) * ref.length;
			wordErr += cer(norm(centredIn(words, b.quad).map((w) => w.text).join('')), ref) * ref.length;
			pageChars += ref.length;
		}
		receipts++;
	}
	console.log(`SROIE (${receipts} receipts, ${lineChars} chars), upper-cased, spaces removed:`);
	console.log(`  recognition on ground-truth line boxes: CER ${((lineErr / lineChars) * 100).toFixed(2)}%`);
	console.log(`  end to end (detected lines matched to each ground-truth box): CER ${((pageErr / pageChars) * 100).toFixed(2)}%`);
	console.log(`  end to end (detected words matched to each ground-truth box): CER ${((wordErr / pageChars) * 100).toFixed(2)}%`);
	console.log(`  page stage: ${[...stages].map(([k, n]) => `${k} ×${n}`).join('; ')}`);
	if (process.argv.includes('--verbose')) for (const [e, h, r] of worst.sort((a, b) => b[0] - a[0]).slice(0, 25)) console.log(`    ${e.toFixed(0)}  ${h}  ≠  ${r}`);
	await sidecar.close();
}

void main();
