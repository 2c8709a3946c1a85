/**
 * Tables as users send them (issue 18): generated tables (sales with a two-level header, price list;
 * ruled, row-ruled, booktabs and borderless) as 200-DPI images sent upright, turned, skewed and
 * photographed, and as PDFs drawn turned on their page (read from the text layer). Cell accuracy:
 * the share of body cells read exactly at their row and column.
 *   node --import tsx bench/tables-as-sent.ts
 */
import { loadConfig } from '../sidecar/src/config/config';
import { createLogger } from '../sidecar/src/log/logger';
import { startSidecar } from '../sidecar/src/server';
import { multipart } from '../test/helpers/fixtures';
import { combine, drawingPdf, drawingPng, layoutTable, priceTable, salesTable, type TableStyle } from '../test/helpers/tables';
import { photographed, skewed, turned } from '../test/helpers/variants';

const VARIANTS = ['upright', 'turned-90', 'turned-180', 'turned-270', 'skew-5', 'skew-15', 'photo'] as const;
const STYLES: TableStyle[] = ['grid', 'rows', 'booktabs', 'none'];

function cellScore(got: string[][] | undefined, want: string[][]): { ok: number; n: number } {
	let ok = 0;
	const n = want.reduce((s, r) => s + r.length, 0);
	want.forEach((row, r) => row.forEach((cell, c) => (got?.[r]?.[c]?.trim() === cell ? ok++ : 0)));
	return { ok, n };
}

async function main(): Promise<void> {
	const sidecar = await startSidecar(loadConfig({ PORT: '0', HOST: '127.0.0.1', DEVICE: 'cpu', PRELOAD_MODELS: 'pp-ocrv4', MAX_UPLOAD_MB: '100' }), { logger: createLogger('error') });
	await sidecar.ready;
	const tally = new Map<string, { ok: number; n: number; pages: number; seconds: number }>();
	const add = (k: string, s: { ok: number; n: number }, seconds: number) => {
		const t = tally.get(k) ?? { ok: 0, n: 0, pages: 0, seconds: 0 };
		tally.set(k, { ok: t.ok + s.ok, n: t.n + s.n, pages: t.pages + 1, seconds: t.seconds + seconds });
	};
	const read = async (name: string, data: Buffer) => {
		const t = performance.now();
		const res = await fetch(`${sidecar.url}/v1/ocr/table`, { method: 'POST', body: multipart([{ name, data }]) });
		const body = (await res.json()) as { tables?: Array<{ rows: string[][] }>; pages?: Array<{ source: string }> };
		return { body, seconds: (performance.now() - t) / 1000 };
	};
	let seed = 1;
	for (const make of [salesTable, priceTable]) {
		for (const style of STYLES) {
			const spec = make(style, 30);
			const drawing = combine(layoutTable(spec));
			const png = await drawingPng(drawing, 200, { heightMm: 80 });
			for (const v of VARIANTS) {
				const bytes =
					v === 'upright' ? png : v.startsWith('turned-') ? await turned(png, Number(v.slice(7)) as 90 | 180 | 270) : v.startsWith('skew-') ? await skewed(png, Number(v.slice(5)) * (seed % 2 ? 1 : -1)) : (await photographed(png, { seed: seed++, megapixels: 8 })).jpeg;
				const { body, seconds } = await read(v === 'photo' ? 'photo.jpg' : 'table.png', bytes);
				add(v, cellScore(body.tables?.[0]?.rows, spec.rows), seconds);
			}
			const pdf = await read('turned.pdf', drawingPdf([drawing], { turned: true }));
			add('PDF drawn turned (text layer)', cellScore(pdf.body.tables?.[0]?.rows, spec.rows), pdf.seconds);
			if (pdf.body.pages?.[0]?.source !== 'text-layer') console.log(`  ${make.name} ${style}: the turned PDF went to OCR`);
		}
	}
	console.log('variant | body cells exact | s/page');
	for (const [k, t] of tally) console.log(`${k} | ${((t.ok / t.n) * 100).toFixed(1)} % (${t.ok}/${t.n}) | ${(t.seconds / t.pages).toFixed(2)}`);
	await sidecar.close();
}

void main();
