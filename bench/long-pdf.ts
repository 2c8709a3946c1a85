/**
 * A long scanned PDF through /v1/ocr (issue 24): `--pages` pages of JPEG scans (six invoices turned
 * into 150-DPI greyish scans, repeated), no text layer, against a real sidecar process on CPU with
 * MAX_PAGES raised to fit and everything else at its defaults (REQUEST_TIMEOUT_MS included: the
 * deadline grows with the pages). Time, pages/min, the sidecar's RSS at start and at its peak, and
 * whether every page's invoice number was read.
 *   node --import tsx bench/long-pdf.ts [--pages 200]
 */
import sharp from 'sharp';
import { startCliSidecar } from '../test/helpers/cliSidecar';
import { renderPage } from '../test/helpers/documents';
import { buildPdf, multipart } from '../test/helpers/fixtures';
import { GEN_FONTS, GEN_LANGS, GEN_LAYOUTS, generatedInvoice } from '../test/helpers/invoiceGen';
import { numberArg } from './peers/args';

const PAGES = numberArg('pages', 200);

async function main(): Promise<void> {
	const scans: Array<{ jpeg: Buffer; width: number; height: number; number: string }> = [];
	for (let k = 0; k < 6; k++) {
		const inv = generatedInvoice(7000 + k, GEN_LANGS[k % GEN_LANGS.length]!, GEN_LAYOUTS[k % GEN_LAYOUTS.length]!, GEN_FONTS[k % GEN_FONTS.length]!);
		const png = await renderPage(inv.lines, { dpi: 150 });
		const { data, info } = await sharp(png).flatten({ background: '#ffffff' }).linear(0.9, 12).jpeg({ quality: 75 }).toBuffer({ resolveWithObject: true });
		scans.push({ jpeg: data, width: info.width, height: info.height, number: inv.expected.invoiceNumber });
	}
	const pdf = buildPdf(
		Array.from({ length: PAGES }, (_, p) => {
			const s = scans[p % scans.length]!;
			return {
				// The page's image is the object after its page and content objects (buildPdf numbers them so).
				resources: `<< /XObject << /Im1 ${6 + p * 3} 0 R >> >>`,
				content: 'q 595 0 0 842 0 0 cm /Im1 Do Q',
				mediaBox: '0 0 595 842',
				extra: () => [
					Buffer.concat([
						Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${s.width} /Height ${s.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${s.jpeg.length} >>\nstream\n`, 'latin1'),
						s.jpeg,
						Buffer.from('\nendstream', 'latin1'),
					]),
				],
			};
		}),
	);
	const sidecar = await startCliSidecar({ PRELOAD_MODELS: 'pp-ocrv4', MAX_PAGES: String(PAGES), LOG_LEVEL: 'warn' });
	try {
		const start = sidecar.memory().rssMiB;
		const t = performance.now();
		const res = await fetch(`${sidecar.url}/v1/ocr`, { method: 'POST', body: multipart([{ name: 'scans.pdf', data: pdf, type: 'application/pdf' }], { dpi: '150' }) });
		const body = (await res.json()) as { pages?: Array<{ text: string; source: string }>; detail?: string };
		const s = (performance.now() - t) / 1000;
		const pages = body.pages ?? [];
		const read = pages.filter((p, i) => p.text.replace(/\s+/g, '').includes(scans[i % scans.length]!.number.replace(/\s+/g, ''))).length;
		console.log(`${PAGES}-page scanned PDF (${(pdf.length / 1e6).toFixed(1)} MB): HTTP ${res.status}${body.detail ? ` (${body.detail})` : ''}, ${pages.length} pages (${pages.filter((p) => p.source === 'ocr').length} by OCR) in ${s.toFixed(0)} s = ${((pages.length / s) * 60).toFixed(0)} pages/min; invoice number read on ${read} of ${pages.length}; sidecar RSS ${start} MiB at start, peak ${sidecar.memory().peakMiB} MiB`);
	} finally {
		await sidecar.stop();
	}
}

main().catch((err: unknown) => {
	console.error(err);
	process.exit(1);
});
