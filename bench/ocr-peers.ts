/**
 * OCR speed and accuracy against peers, measured in the same run on this machine:
 *   node --import tsx bench/ocr-peers.ts [--dpi 150] [--fonts 1]
 * Peers: @gutenye/ocr-node (same PP-OCRv4 weights, its defaults, own process) and Tesseract 5
 * (Debian tesseract-ocr + eng/spa/deu/fra, OMP_THREAD_LIMIT=1 as NOTES.md explains, told each
 * page's language). Pages: rendered A4 business documents in en/es/de/fr. Also: the sidecar over
 * HTTP against the same engine in-process, and a digital PDF through the text layer against the
 * same page through OCR.
 */
import './peers/no-source-maps';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../sidecar/src/config/config';
import { createLogger } from '../sidecar/src/log/logger';
import { decodeImage } from '../sidecar/src/ocr/image';
import { startSidecar } from '../sidecar/src/server';
import { businessPage, cer, renderPage } from '../test/helpers/documents';
import { pdfWithLines } from '../test/helpers/fixtures';

const arg = (name: string, fallback: string) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? process.argv[i + 1]! : fallback;
};
const DPI = Number(arg('dpi', '150'));
const LANGS = ['en', 'es', 'de', 'fr'] as const;
const TESS: Record<string, string> = { en: 'eng', es: 'spa', de: 'deu', fr: 'fra' };
const FONTS = ['Liberation Sans', 'Liberation Serif', 'DejaVu Sans'].slice(0, Number(arg('fonts', '2')));

interface Score {
	ms: number[];
	errors: number;
	chars: number;
}
const score = (): Score => ({ ms: [], errors: 0, chars: 0 });
const add = (s: Score, ms: number, hyp: string, ref: string) => {
	s.ms.push(ms);
	s.errors += cer(hyp, ref) * ref.length;
	s.chars += ref.length;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cerOf = (s: Score) => (s.errors / s.chars) * 100;

function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const srv = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
	});
}

async function main(): Promise<void> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocr-bench-'));
	const pages: Array<{ file: string; lang: string; ref: string; png: Buffer; pdf: Buffer }> = [];
	for (const lang of LANGS) {
		for (const font of FONTS) {
			const lines = businessPage(lang, font);
			const png = await renderPage(lines, { dpi: DPI });
			const file = path.join(dir, `${lang}-${font.replace(/\s/g, '')}.png`);
			fs.writeFileSync(file, png);
			pages.push({ file, lang, ref: lines.map((l) => l.text).join('\n'), png, pdf: pdfWithLines([lines.map((l) => l.text)]) });
		}
	}
	console.log(`${pages.length} A4 pages at ${DPI} DPI (${LANGS.join('/')} × ${FONTS.join(', ')}), ${os.cpus().length} cores\n`);

	// Both forms of this engine stay up for the whole run: the engines take turns round by round
	// (in-process, HTTP, @gutenye, Tesseract), so a machine that speeds up or slows down over the
	// minutes of a run (a shared VM drifts by 10–30 %) weighs on every engine alike, not on whichever
	// ran in the slow minutes.
	const sidecar = await startSidecar(loadConfig({ PORT: '0', DEVICE: 'cpu', PRELOAD_MODELS: 'pp-ocrv4' }), { logger: createLogger('error') });
	await sidecar.ready;
	const engine = sidecar.ctx.engines.ocr();
	await engine.recognise((await decodeImage(pages[0]!.png, 'warm', 1)).pages[0]!);
	// The sidecar over HTTP (its own process, as deployed).
	const port = await freePort();
	const child = spawn(process.execPath, ['sidecar/dist/cli.js', 'serve'], { env: { ...process.env, PORT: String(port), DEVICE: 'cpu', PRELOAD_MODELS: 'pp-ocrv4', LOG_LEVEL: 'error' }, stdio: 'ignore' });
	process.on('exit', () => child.kill('SIGTERM'));
	const url = `http://127.0.0.1:${port}`;
	for (let i = 0; i < 240; i++) {
		if (await fetch(`${url}/readyz`).then((r) => r.ok, () => false)) break;
		await new Promise((r) => setTimeout(r, 250));
	}
	const post = async (name: string, data: Buffer) => {
		const form = new FormData();
		form.append('file', new Blob([new Uint8Array(data)]), name);
		let t = performance.now();
		// A keep-alive connection left idle while the peers ran may have been closed by the server
		// just as it is reused: that attempt is not the sidecar's time, so it is made again.
		const res = await fetch(`${url}/v1/ocr`, { method: 'POST', body: form }).catch(() => {
			t = performance.now();
			return fetch(`${url}/v1/ocr`, { method: 'POST', body: form });
		});
		const body = (await res.json()) as { timings: { totalMs: number }; pages: Array<{ text: string; lines: Array<{ text: string }> }> };
		return { ms: performance.now() - t, serverMs: body.timings.totalMs, text: body.pages[0]!.lines.map((l) => l.text).join('\n') };
	};
	await post('warm.png', pages[0]!.png);
	await post('warm.pdf', pages[0]!.pdf);
	let tessVersion = 'not installed';
	try {
		tessVersion = execFileSync('tesseract', ['--version'], { encoding: 'utf8' }).split('\n')[0]!;
	} catch (err) {
		console.log(`tesseract: ${(err as Error).message.split('\n')[0]}`);
	}

	const ours = score();
	const http = score();
	const textLayer = score();
	const serverOcr: number[] = [];
	const serverText: number[] = [];
	const gut = score();
	let gutPeakRss = 0;
	const tess = score();
	const perRound: Array<{ ours: number; http: number; gut: number; tess: number }> = [];
	for (let round = 0; round < 3; round++) {
		const mark = { ours: ours.ms.length, http: http.ms.length, gut: gut.ms.length, tess: tess.ms.length };
		// 1. This engine, in-process.
		for (const p of pages) {
			const t = performance.now();
			const img = (await decodeImage(p.png, p.file, 1)).pages[0]!;
			const r = await engine.recognise(img);
			add(ours, performance.now() - t, r.lines.map((l) => l.text).join('\n'), p.ref);
		}
		// 2. The sidecar over HTTP; each page also as a digital PDF (text layer against OCR).
		for (const p of pages) {
			const r = await post('page.png', p.png);
			add(http, r.ms, r.text, p.ref);
			serverOcr.push(r.serverMs);
			const d = await post('page.pdf', p.pdf);
			add(textLayer, d.ms, d.text, p.ref);
			serverText.push(d.serverMs);
		}
		// 3. @gutenye/ocr-node in its own process (its load and warm-up are not timed).
		const out = execFileSync(process.execPath, ['bench/peers/gutenye-worker.mjs', ...pages.map((p) => p.file)], { encoding: 'utf8', maxBuffer: 64 << 20 });
		const g = JSON.parse(out.trim().split('\n').pop()!) as { results: Array<{ file: string; ms: number; text: string }>; peakRss: number };
		g.results.forEach((r, i) => add(gut, r.ms, r.text, pages[i]!.ref));
		gutPeakRss = Math.max(gutPeakRss, g.peakRss);
		// 4. Tesseract, one process per page as people run it, told the page's language.
		if (tessVersion !== 'not installed') {
			for (const p of pages) {
				const t = performance.now();
				const text = execFileSync('tesseract', [p.file, '-', '-l', TESS[p.lang]!], { encoding: 'utf8', env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: ['ignore', 'pipe', 'ignore'] });
				add(tess, performance.now() - t, text.split('\n').map((l) => l.trim()).filter((l) => l !== '').join('\n'), p.ref);
			}
		}
		const since = (s: Score, from: number) => median(s.ms.slice(from));
		perRound.push({ ours: since(ours, mark.ours), http: since(http, mark.http), gut: since(gut, mark.gut), tess: tess.ms.length > mark.tess ? since(tess, mark.tess) : NaN });
	}
	await sidecar.close();
	// The text layer alone (no OCR requests in between to leave garbage for the collector).
	const textAlone = score();
	const serverTextAlone: number[] = [];
	for (const p of [...pages, ...pages, ...pages]) {
		const d = await post('page.pdf', p.pdf);
		add(textAlone, d.ms, d.text, p.ref);
		serverTextAlone.push(d.serverMs);
	}
	const status = (await (await fetch(`${url}/v1/gpu-status`)).json()) as { process: { rssMiB: number } };
	const pid = child.pid!;
	const hwm = Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
	child.kill('SIGTERM');

	const row = (name: string, s: Score) => `${name.padEnd(34)} ${median(s.ms).toFixed(0).padStart(6)} ms/page   CER ${cerOf(s).toFixed(2).padStart(5)}%`;
	console.log(row('this engine, in-process', ours));
	console.log(row('this sidecar, HTTP POST /v1/ocr', http));
	console.log(row('@gutenye/ocr-node 1.4.8', gut));
	if (tess.ms.length) console.log(row(tessVersion, tess));
	console.log(row('digital PDF via text layer (HTTP)', textLayer));
	console.log(`per round, ms/page (in-process / HTTP / @gutenye / Tesseract): ${perRound.map((r) => [r.ours, r.http, r.gut, r.tess].map((v) => v.toFixed(0)).join(' / ')).join('; ')}`);
	console.log('');
	console.log(`speed vs @gutenye/ocr-node: ${(median(gut.ms) / median(ours.ms)).toFixed(2)}× faster (per round: ${perRound.map((r) => `${(r.gut / r.ours).toFixed(2)}×`).join(', ')})`);
	if (tess.ms.length) {
		console.log(`time vs Tesseract: ${(median(ours.ms) / median(tess.ms)).toFixed(2)}× Tesseract's (per round: ${perRound.map((r) => `${(r.ours / r.tess).toFixed(2)}×`).join(', ')}); CER ${(cerOf(ours) / Math.max(cerOf(tess), 1e-9)).toFixed(2)}× Tesseract's`);
	}
	console.log(`text layer vs OCR (same page, both over HTTP): ${(median(http.ms) / median(textLayer.ms)).toFixed(0)}× faster as the client sees it, ${(median(serverOcr) / median(serverText)).toFixed(0)}× in the sidecar's own timings (${median(serverText).toFixed(1)} vs ${median(serverOcr).toFixed(0)} ms)`);
	console.log(`text layer alone (PDF requests back to back): ${median(textAlone.ms).toFixed(1)} ms as the client sees it, ${median(serverTextAlone).toFixed(1)} ms in the sidecar → ${(median(http.ms) / median(textAlone.ms)).toFixed(0)}× / ${(median(serverOcr) / median(serverTextAlone)).toFixed(0)}× faster than OCR`);
	console.log(`HTTP overhead: ${(((median(http.ms) - median(ours.ms)) / median(ours.ms)) * 100).toFixed(1)}% of the in-process time`);
	// The same requests with the sidecar process's own timing taken out: what the HTTP round trip
	// (upload, multipart, queue, JSON) adds to the decode + OCR it timed. The line above also holds how fast
	// one process runs against another on a shared machine, which drifts by several per cent.
	const roundTrip = median(http.ms.map((ms, i) => ms - serverOcr[i]!));
	console.log(`HTTP round trip alone: ${roundTrip.toFixed(1)} ms per request, ${((roundTrip / median(serverOcr)) * 100).toFixed(1)}% of the sidecar's own time for it (decode + OCR)`);
	console.log(`peak RSS: sidecar ${hwm.toFixed(0)} MiB (status said ${status.process.rssMiB} MiB at the end), @gutenye/ocr-node ${(gutPeakRss / 1048576).toFixed(0)} MiB`);
	fs.rmSync(dir, { recursive: true, force: true });
}

void main();
