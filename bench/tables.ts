/**
 * Table extraction speed on 2 cores (not part of npm test):
 *   node --import tsx bench/tables.ts [--pages 6]
 * The same generated report pages (a two-level-header sales table and a price list, in the four
 * styles) as a digital PDF read through the text layer, and as 150- and 300-DPI images read through
 * OCR, over real HTTP: pages per second for each and the digital/image ratio.
 */
import { loadConfig } from '../sidecar/src/config/config';
import { createLogger } from '../sidecar/src/log/logger';
import { startSidecar } from '../sidecar/src/server';
import { multipart } from '../test/helpers/fixtures';
import { combine, drawingPdf, drawingPng, layoutTable, paragraph, priceTable, salesTable, type TableStyle } from '../test/helpers/tables';

const arg = (name: string, fallback: number) => {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const pages = arg('pages', 4);
const styles: TableStyle[] = ['grid', 'rows', 'booktabs', 'none'];
const page = (i: number) => {
	const style = styles[i % styles.length]!;
	return combine(paragraph(['Quarterly report of the sales department.', 'All amounts in thousands of euros.'], 20), layoutTable(salesTable(style, 35)), paragraph(['The figures above are preliminary.'], 90), layoutTable(priceTable(style, 105)));
};

async function main(): Promise<void> {
	const sidecar = await startSidecar(loadConfig({ PORT: '0', DEVICE: 'cpu', PRELOAD_MODELS: 'pp-ocrv4', LOG_LEVEL: 'error', REQUEST_TIMEOUT_MS: '600000' }), { logger: createLogger('error') });
	await sidecar.ready;
	const url = `${sidecar.url}/v1/ocr/table`;
	const post = async (name: string, data: Buffer) => {
		const t = performance.now();
		const res = await fetch(url, { method: 'POST', body: multipart([{ name, data }]) });
		const body = (await res.json()) as { tables: unknown[] };
		if (res.status !== 200 || body.tables.length !== 2) throw new Error(`${name}: ${res.status}, ${body.tables?.length} tables`);
		return performance.now() - t;
	};
	const drawings = Array.from({ length: pages }, (_, i) => page(i));
	const pdfs = drawings.map((d) => drawingPdf([d]));
	await post('warm.pdf', pdfs[0]!);
	const pdfMs: number[] = [];
	for (const [i, pdf] of pdfs.entries()) pdfMs.push(await post(`p${i}.pdf`, pdf));
	const result: Record<string, number> = {};
	for (const dpi of [150, 300]) {
		const pngs = await Promise.all(drawings.map((d) => drawingPng(d, dpi)));
		await post('warm.png', pngs[0]!);
		const ms: number[] = [];
		for (const [i, png] of pngs.entries()) ms.push(await post(`p${i}.png`, png));
		result[dpi] = ms.reduce((a, b) => a + b, 0) / ms.length;
	}
	const pdf = pdfMs.reduce((a, b) => a + b, 0) / pdfMs.length;
	console.log(`tables: ${pages} A4 pages, 2 tables each, over HTTP, one request per page (mean)`);
	console.log(`digital PDF (text layer): ${pdf.toFixed(1)} ms/page = ${(1000 / pdf).toFixed(1)} pages/s`);
	for (const dpi of [150, 300]) console.log(`${dpi}-DPI image (OCR): ${result[dpi]!.toFixed(0)} ms/page = ${(1000 / result[dpi]!).toFixed(2)} pages/s; digital PDF ${(result[dpi]! / pdf).toFixed(0)}× faster`);
	await sidecar.close();
}

void main();
