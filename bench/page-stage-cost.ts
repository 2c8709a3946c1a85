/**
 * What the page stage costs on pages that need nothing from it (issue 18's target: ≤ 10 % on an
 * upright page), and what a photo costs against the same page upright (target ≤ 2×). The OCR engine
 * in-process, the same held-out invoices (seeds 5000+) read with and without the stage, in
 * alternating order so that a drift of the machine weighs on both alike; medians per page.
 *   node --import tsx bench/page-stage-cost.ts [--pages 24]
 */
import sharp from 'sharp';
import { loadConfig } from '../sidecar/src/config/config';
import { createLogger } from '../sidecar/src/log/logger';
import { decodeImage } from '../sidecar/src/ocr/image';
import { startSidecar } from '../sidecar/src/server';
import { renderPage } from '../test/helpers/documents';
import { GEN_FONTS, GEN_LANGS, GEN_LAYOUTS, generatedInvoice } from '../test/helpers/invoiceGen';
import { photographed } from '../test/helpers/variants';
import { numberArg } from './peers/args';

const PAGES = numberArg('pages', 24);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
	const sidecar = await startSidecar(loadConfig({ PORT: '0', HOST: '127.0.0.1', DEVICE: 'cpu', PRELOAD_MODELS: 'pp-ocrv4' }), { logger: createLogger('error') });
	await sidecar.ready;
	const engine = sidecar.ctx.engines.ocr();
	const times = { without: [] as number[], with: [] as number[], photo: [] as number[] };
	const lines = { without: 0, with: 0 };
	for (let i = 0; i < PAGES; i++) {
		const seed = 5000 + i;
		const inv = generatedInvoice(seed, GEN_LANGS[i % GEN_LANGS.length]!, GEN_LAYOUTS[i % GEN_LAYOUTS.length]!, GEN_FONTS[i % GEN_FONTS.length]!);
		const png = await renderPage(inv.lines, { dpi: 150 });
		const upright = (await decodeImage(png, 'page.png', 1)).pages[0]!;
		const { jpeg } = await photographed(png, { seed, megapixels: 10 });
		const photo = (await decodeImage(await sharp(jpeg).toBuffer(), 'photo.jpg', 1)).pages[0]!;
		if (i === 0) await engine.recognise(upright); // warm-up, not counted
		const order = i % 2 === 0 ? (['without', 'with'] as const) : (['with', 'without'] as const);
		for (const how of order) {
			const t = performance.now();
			const r = await engine.recognise(upright, { pageStage: how === 'with' });
			times[how].push(performance.now() - t);
			lines[how] += r.lines.length;
		}
		const t = performance.now();
		await engine.recognise(photo);
		times.photo.push(performance.now() - t);
	}
	const [a, b, p] = [median(times.without), median(times.with), median(times.photo)];
	console.log(`${PAGES} upright 150-DPI invoices (held-out seeds 5000+), medians per page, one run:`);
	console.log(`upright without the page stage: ${a.toFixed(0)} ms (${lines.without} lines)`);
	console.log(`upright with the page stage:    ${b.toFixed(0)} ms (${lines.with} lines), ×${(b / a).toFixed(3)} (+${((b / a - 1) * 100).toFixed(1)} %)`);
	console.log(`10-MP photo of the same page:    ${p.toFixed(0)} ms, ×${(p / b).toFixed(2)} the upright page`);
	await sidecar.close();
}

void main();
