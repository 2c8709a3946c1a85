/**
 * Batch throughput: scanned invoice pages sent by 4 concurrent clients to a sidecar process, in
 * pages per minute, against Tesseract run as 2 parallel processes (OMP_THREAD_LIMIT=1) on the same
 * pages in the same run; accuracy as the share of each page's printed words found (order-free), and
 * how long a one-page request waits when it arrives behind the batch.
 * Wall-clock pages per minute drift by ±20 % between minutes on a shared VM, so the engines take
 * turns over several rounds and the median of each round's ratio is reported, together with each
 * engine's CPU time per page (from /proc: the sidecar process, and Tesseract's reaped children),
 * which the drift touches far less: their ratio is what a machine kept busy would give.
 *   node --import tsx bench/throughput.ts [--pages 100] [--concurrency 1,2] [--clients 4] [--intra 0] [--rounds 3]
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startCliSidecar } from '../test/helpers/cliSidecar';
import { degrade, renderPage } from '../test/helpers/documents';
import { GEN_FONTS, GEN_LAYOUTS, generatedInvoice } from '../test/helpers/invoiceGen';

const run = promisify(execFile);
const arg = (name: string, fallback: string) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? process.argv[i + 1]! : fallback;
};
const PAGES = Number(arg('pages', '100'));
const CONCURRENCY = arg('concurrency', '1,2').split(',').map(Number);
const CLIENTS = Number(arg('clients', '4'));
/** ONNX Runtime threads per session (INTRA_OP_THREADS; 0 = one per core). */
const INTRA = arg('intra', '0');
const ROUNDS = Number(arg('rounds', '3'));

/** CPU seconds (user + system) of a process, or of its reaped children, from /proc (clock ticks of 1/100 s). */
function cpuSeconds(pid: number | 'self', children = false): number {
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	// Fields 14-17 of stat (utime, stime, cutime, cstime) are 11-14 after the command name.
	return (children ? Number(f[13]) + Number(f[14]) : Number(f[11]) + Number(f[12])) / 100;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

const words = (s: string) => s.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1);
/** Share of the page's printed words the engine found (each found word counted once per occurrence). */
function recall(found: string, printed: string): number {
	const bag = new Map<string, number>();
	for (const w of words(found)) bag.set(w, (bag.get(w) ?? 0) + 1);
	const want = words(printed);
	let hit = 0;
	for (const w of want) {
		const n = bag.get(w) ?? 0;
		if (n > 0) {
			hit++;
			bag.set(w, n - 1);
		}
	}
	return want.length ? hit / want.length : 1;
}

async function pool<T>(n: number, items: T[], work: (item: T) => Promise<void>): Promise<void> {
	let next = 0;
	await Promise.all(Array.from({ length: n }, async () => {
		while (next < items.length) await work(items[next++]!);
	}));
}

async function main(): Promise<void> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'throughput-'));
	const pages: Array<{ file: string; text: string }> = [];
	for (let i = 0; i < PAGES; i++) {
		// English invoices (the Tesseract here has English only), four layouts, three fonts, as 150-DPI scans.
		const inv = generatedInvoice(7000 + i, 'en', GEN_LAYOUTS[i % GEN_LAYOUTS.length]!, GEN_FONTS[i % GEN_FONTS.length]!);
		const png = await degrade(await renderPage(inv.lines, { dpi: 150 }), { angleDeg: 0.3 + (i % 5) * 0.2, noise: 12, jpegQuality: 75, seed: i });
		const file = path.join(dir, `page-${String(i).padStart(3, '0')}.jpg`);
		fs.writeFileSync(file, png);
		pages.push({ file, text: inv.lines.map((l) => l.text).join('\n') });
	}
	console.log(`${PAGES} scanned 150-DPI invoice pages, ${CLIENTS} clients; ${os.cpus().length} cores`);

	const rows: string[] = [];
	const tesseract = async () => {
		let found = 0;
		const t = performance.now();
		const cpu0 = cpuSeconds('self', true);
		await pool(2, pages, async (p) => {
			const { stdout } = await run('tesseract', [p.file, '-', '-l', 'eng'], { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, maxBuffer: 16 << 20 });
			found += recall(stdout, p.text);
		});
		const min = (performance.now() - t) / 60_000;
		return { ppm: PAGES / min, recall: found / PAGES, cpuMsPerPage: ((cpuSeconds('self', true) - cpu0) * 1000) / PAGES };
	};
	const sidecarRun = async (concurrency: number) => {
		const sidecar = await startCliSidecar({ CONCURRENCY: String(concurrency), QUEUE_CAPACITY: '1000', PRELOAD_MODELS: 'pp-ocrv4', LOG_LEVEL: 'error', REQUEST_TIMEOUT_MS: '3600000', TMPDIR: dir, INTRA_OP_THREADS: INTRA });
		const post = async (file: string) => {
			const form = new FormData();
			form.append('file', new Blob([new Uint8Array(fs.readFileSync(file))]), path.basename(file));
			form.append('lang', 'en');
			const res = await fetch(`${sidecar.url}/v1/ocr`, { method: 'POST', body: form });
			const body = (await res.json()) as { pages?: Array<{ text: string }> };
			if (!res.ok) throw new Error(JSON.stringify(body).slice(0, 300));
			return body.pages?.map((pg) => pg.text).join('\n') ?? '';
		};
		await post(pages[0]!.file);
		let found = 0;
		let smallWaitMs = 0;
		const t = performance.now();
		const cpu0 = cpuSeconds(sidecar.child.pid!);
		const batch = pool(CLIENTS, pages, async (p) => {
			// Awaited first: `found += recall(await …)` would read `found` before the wait and lose the other clients' pages.
			const text = await post(p.file);
			found += recall(text, p.text);
		});
		// A one-page request that arrives when the batch is under way: how long until its answer.
		await new Promise((r) => setTimeout(r, 3000));
		const s = performance.now();
		await post(pages[1]!.file);
		smallWaitMs = performance.now() - s;
		await batch;
		const min = (performance.now() - t) / 60_000;
		const cpuMsPerPage = ((cpuSeconds(sidecar.child.pid!) - cpu0) * 1000) / (PAGES + 1);
		const peak = sidecar.memory().peakMiB;
		await sidecar.stop();
		return { ppm: (PAGES + 1) / min, recall: found / PAGES, smallWaitMs, peak, cpuMsPerPage };
	};

	// Interleaved rounds, so a drift of the machine weighs on both engines alike.
	const ratios = new Map<number, number[]>(CONCURRENCY.map((c) => [c, []]));
	const cpuRatios = new Map<number, number[]>(CONCURRENCY.map((c) => [c, []]));
	for (let round = 1; round <= ROUNDS; round++) {
		const tess = await tesseract();
		rows.push(`round ${round} Tesseract 2 processes: ${tess.ppm.toFixed(1)} pages/min, words found ${(tess.recall * 100).toFixed(1)} %, CPU ${tess.cpuMsPerPage.toFixed(0)} ms/page`);
		console.log(rows.at(-1));
		for (const c of CONCURRENCY) {
			const side = await sidecarRun(c);
			ratios.get(c)!.push(side.ppm / tess.ppm);
			cpuRatios.get(c)!.push(tess.cpuMsPerPage / side.cpuMsPerPage);
			rows.push(`round ${round} sidecar CONCURRENCY=${c}: ${side.ppm.toFixed(1)} pages/min (${(side.ppm / tess.ppm).toFixed(2)}× Tesseract), words found ${(side.recall * 100).toFixed(1)} %, CPU ${side.cpuMsPerPage.toFixed(0)} ms/page, one-page request behind the batch answered in ${(side.smallWaitMs / 1000).toFixed(1)} s, peak RSS ${side.peak} MiB`);
			console.log(rows.at(-1));
		}
	}
	for (const c of CONCURRENCY) {
		console.log(`CONCURRENCY=${c}: median over ${ROUNDS} rounds ${median(ratios.get(c)!).toFixed(2)}× Tesseract's pages/min (rounds ${ratios.get(c)!.map((r) => r.toFixed(2)).join(', ')}); Tesseract's CPU per page ÷ the sidecar's: median ${median(cpuRatios.get(c)!).toFixed(2)} (${cpuRatios.get(c)!.map((r) => r.toFixed(2)).join(', ')})`);
	}
	fs.rmSync(dir, { recursive: true, force: true });
}

void main();
