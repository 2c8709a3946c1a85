/**
 * OCR accuracy on documents rendered from known text (no data set needed):
 *   node --import tsx bench/ocr-synthetic.ts [--quick]
 * Clean A4 pages at 150 and 300 DPI in en/es/de/fr and three fonts, and degraded scans (200 DPI,
 * 1–3° rotation, noise, JPEG quality 40). Prints CER (spaces counted, case-sensitive) per condition.
 */
import { loadConfig } from '../sidecar/src/config/config';
import { createLogger } from '../sidecar/src/log/logger';
import { OcrEngine } from '../sidecar/src/ocr/engine';
import { decodeImage } from '../sidecar/src/ocr/image';
import { startSidecar } from '../sidecar/src/server';
import { businessPage, cer, degrade, renderPage } from '../test/helpers/documents';

const quick = process.argv.includes('--quick');
const verbose = process.argv.includes('--verbose');
const LANGS = ['en', 'es', 'de', 'fr'] as const;
const FONTS = quick ? ['Liberation Sans'] : ['Liberation Sans', 'Liberation Serif', 'DejaVu Sans'];

async function main(): Promise<void> {
	const sidecar = await startSidecar(loadConfig({ PORT: '0', DEVICE: 'cpu', PRELOAD_MODELS: 'pp-ocrv4' }), { logger: createLogger('error') });
	await sidecar.ready;
	const engine = new OcrEngine(sidecar.ctx.pool.get('pp-ocrv4'), sidecar.ctx.config.modelsDir);
	const totals = new Map<string, { errors: number; chars: number; ms: number; pages: number }>();
	const add = (cond: string, hyp: string, ref: string, ms: number) => {
		const t = totals.get(cond) ?? { errors: 0, chars: 0, ms: 0, pages: 0 };
		t.errors += cer(hyp, ref) * ref.length;
		t.chars += ref.length;
		t.ms += ms;
		t.pages++;
		totals.set(cond, t);
	};
	for (const lang of LANGS) {
		for (const font of FONTS) {
			const lines = businessPage(lang, font);
			const ref = lines.map((l) => l.text).join('\n');
			const conditions: Array<[string, Promise<Buffer>]> = [
				['clean 150 dpi', renderPage(lines, { dpi: 150 })],
				['clean 300 dpi', renderPage(lines, { dpi: 300 })],
				['degraded 200 dpi', renderPage(lines, { dpi: 200 }).then((png) => degrade(png, { angleDeg: 1 + (lang.charCodeAt(0) % 3), noise: 25, jpegQuality: 40 }))],
			];
			for (const [cond, file] of conditions) {
				const img = (await decodeImage(await file, 'page', 1)).pages[0]!;
				const t = performance.now();
				const result = await engine.recognise(img);
				const hyp = result.lines.map((l) => l.text).join('\n');
				add(cond, hyp, ref, performance.now() - t);
				if (verbose && hyp !== ref) {
					const h = hyp.split('\n');
					const r = ref.split('\n');
					for (let i = 0; i < Math.max(h.length, r.length); i++) if (h[i] !== r[i]) console.log(`  [${cond} ${lang} ${font}] ${JSON.stringify(h[i])} ≠ ${JSON.stringify(r[i])}`);
				}
			}
		}
	}
	for (const [cond, t] of totals) {
		console.log(`${cond.padEnd(18)} CER ${((t.errors / t.chars) * 100).toFixed(2)}%  (${t.pages} pages, ${t.chars} chars, ${(t.ms / t.pages).toFixed(0)} ms/page)`);
	}
	await sidecar.close();
}

void main();
