/**
 * Pages as users send them (issue 18): generated invoices (six languages, four layouts, three fonts,
 * seeds no test or tuning uses) rendered at 150 DPI, then sent upright, turned 90/180/270°, skewed,
 * and photographed, through POST /v1/ocr/invoice. Per variant:
 * - words found: order-free word F1 against the printed words;
 * - reading-order CER against the same page's upright reading;
 * - invoice fields exact (number, dates, vendor, buyer, amounts …);
 * - seconds per page, and what the page stage reported (orientation, skew, dewarped).
 *   node --import tsx bench/pages-as-sent.ts [--per 1] [--variants upright,turned-90,…] [--verbose]
 */
import { loadConfig } from '../sidecar/src/config/config';
import { createLogger } from '../sidecar/src/log/logger';
import { startSidecar } from '../sidecar/src/server';
import sharp from 'sharp';
import { cer, degrade, renderPage } from '../test/helpers/documents';
import { multipart } from '../test/helpers/fixtures';
import { fieldMatches, GEN_FONTS, GEN_LANGS, GEN_LAYOUTS, generatedInvoice, type GeneratedFields } from '../test/helpers/invoiceGen';
import { photographed, skewed, turned } from '../test/helpers/variants';

const argv = (name: string, dflt: string) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? process.argv[i + 1]! : dflt;
};
const per = Number(argv('per', '1'));
const VARIANTS = argv('variants', 'upright,turned-90,turned-180,turned-270,skew-5,skew-15,skew-35,photo,scan').split(',');
const LINES_PER_INVOICE = Number(argv('lines', '4'));
const verbose = process.argv.includes('--verbose');

const words = (s: string) => s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
function f1(found: string, printed: string): number {
	const bag = new Map<string, number>();
	for (const w of words(printed)) bag.set(w, (bag.get(w) ?? 0) + 1);
	const got = words(found);
	let hit = 0;
	for (const w of got) {
		const n = bag.get(w) ?? 0;
		if (n > 0) {
			hit++;
			bag.set(w, n - 1);
		}
	}
	const p = got.length ? hit / got.length : 0;
	const r = words(printed).length ? hit / words(printed).length : 1;
	return p + r > 0 ? (2 * p * r) / (p + r) : 0;
}

let png200: Buffer | undefined;

async function variant(png: Buffer, name: string, seed: number): Promise<{ bytes: Buffer; file: string }> {
	if (name === 'upright') return { bytes: png, file: 'page.png' };
	if (name.startsWith('turned-')) return { bytes: await turned(png, Number(name.slice(7)) as 90 | 180 | 270), file: 'page.png' };
	if (name.startsWith('skew-')) return { bytes: await skewed(png, Number(name.slice(5)) * (seed % 2 ? 1 : -1)), file: 'page.png' };
	if (name === 'photo') return { bytes: (await photographed(png, { seed, megapixels: 10 })).jpeg, file: 'photo.jpg' };
	// A degraded 200-DPI scan, 1–3° off.
	if (name === 'scan') return { bytes: await degrade(png200!, { angleDeg: (1 + (seed % 3)) * (seed % 2 ? 1 : -1), noise: 25, jpegQuality: 40, seed }), file: 'scan.jpg' };
	throw new Error(`unknown variant ${name}`);
}

interface Tally {
	f1: number;
	cer: number;
	fieldsOk: number;
	fields: number;
	seconds: number;
	pages: number;
	stage: Map<string, number>;
}

async function main(): Promise<void> {
	const sidecar = await startSidecar(loadConfig({ PORT: '0', HOST: '127.0.0.1', DEVICE: 'cpu', PRELOAD_MODELS: 'pp-ocrv4', MAX_UPLOAD_MB: '100' }), { logger: createLogger('error') });
	await sidecar.ready;
	const tallies = new Map<string, Tally>(VARIANTS.map((v) => [v, { f1: 0, cer: 0, fieldsOk: 0, fields: 0, seconds: 0, pages: 0, stage: new Map() }]));
	let seed = 5000;
	const lines = { n: 0, cer: 0, empty: 0 };
	for (const lang of GEN_LANGS) {
		for (const layout of GEN_LAYOUTS) {
			for (let k = 0; k < per; k++) {
				const font = GEN_FONTS[(seed + k) % GEN_FONTS.length]!;
				const inv = generatedInvoice(seed++, lang, layout, font);
				const printed = inv.lines.map((l) => l.text).join('\n');
				const png = await renderPage(inv.lines, { dpi: 150 });
				png200 = VARIANTS.includes('scan') ? await renderPage(inv.lines, { dpi: 200 }) : undefined;
				// Single lines of the invoice, scanned and cropped tight to the ink.
				for (const line of inv.lines.filter((l) => l.text.trim().length >= 6).slice(0, LINES_PER_INVOICE)) {
					const alone = await renderPage([{ ...line, xMm: 5, yMm: 10 }], { dpi: 200, widthMm: 200, heightMm: 20 });
					const crop = await sharp(await degrade(alone, { angleDeg: 0, noise: 12, jpegQuality: 70, seed })).trim({ threshold: 60 }).jpeg({ quality: 85 }).toBuffer();
					const res = await fetch(`${sidecar.url}/v1/ocr`, { method: 'POST', body: multipart([{ name: 'line.jpg', data: crop }]) });
					const got = ((await res.json()) as { pages?: Array<{ text: string }> }).pages?.[0]?.text ?? '';
					lines.n++;
					lines.cer += cer(got.replace(/\n/g, ' '), line.text);
					if (got.trim() === '') lines.empty++;
					else if (verbose && cer(got, line.text) > 0.05) console.log(`line: "${got}" ≠ "${line.text}"`);
				}
				let uprightText = '';
				for (const name of VARIANTS) {
					const { bytes, file } = await variant(png, name, seed);
					const t = performance.now();
					const res = await fetch(`${sidecar.url}/v1/ocr/invoice`, { method: 'POST', body: multipart([{ name: file, data: bytes }]) });
					const seconds = (performance.now() - t) / 1000;
					const body = (await res.json()) as { fields: Record<string, unknown>; pages: Array<{ text: string; orientation?: number; skewDegrees?: number; dewarped?: boolean }> };
					const text = body.pages?.map((p) => p.text).join('\n') ?? '';
					if (name === 'upright') uprightText = text;
					const tally = tallies.get(name)!;
					tally.pages++;
					tally.seconds += seconds;
					tally.f1 += f1(text, printed);
					tally.cer += cer(text, uprightText || printed);
					const p0 = body.pages?.[0];
					const stage = p0 ? `orientation ${p0.orientation ?? '?'}, skew ${p0.skewDegrees === undefined ? '?' : Math.round(p0.skewDegrees)}${p0.dewarped ? ', dewarped' : ''}` : 'no page';
					tally.stage.set(stage, (tally.stage.get(stage) ?? 0) + 1);
					for (const [field, want] of Object.entries(inv.expected) as Array<[keyof GeneratedFields, string | number | null]>) {
						const ok = res.status === 200 && fieldMatches(body.fields?.[field], want);
						tally.fields++;
						if (ok) tally.fieldsOk++;
						else if (verbose) console.log(`${name} ${lang} ${layout} seed ${seed - 1} ${field}: ${JSON.stringify(body.fields?.[field])} ≠ ${JSON.stringify(want)}`);
					}
				}
			}
		}
	}
	console.log(`${tallies.get(VARIANTS[0]!)!.pages} invoices (seeds 5000+, held out), 150 DPI; per variant:`);
	console.log('variant | words found (F1) | reading-order CER vs upright | invoice fields exact | s/page | page stage said');
	for (const [name, t] of tallies) {
		const said = [...t.stage].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ×${n}`).join('; ');
		console.log(`${name} | ${((t.f1 / t.pages) * 100).toFixed(1)} % | ${((t.cer / t.pages) * 100).toFixed(1)} % | ${((t.fieldsOk / t.fields) * 100).toFixed(1)} % | ${(t.seconds / t.pages).toFixed(2)} | ${said}`);
	}
	if (lines.n) console.log(`single lines cropped tight (200-DPI scans): ${lines.n} lines, CER ${((lines.cer / lines.n) * 100).toFixed(2)} %, ${lines.empty} empty answers`);
	await sidecar.close();
}

void main();
