/**
 * Nothing lost under load and restarts (issue 24), through the OCR Invoice node's own transport
 * (real HTTP, retries as shipped) against a real sidecar process on CPU:
 *   node --import tsx bench/burst.ts [--files 500] [--restart-items 50]
 * - burst: `--files` receipts sent by 4 node executions at once, 8 files in parallel each (32 in
 *   flight), to a sidecar with one slot and a queue of 8 (capacity 9: about 4×): every item must
 *   come back read, in order, paired; the sidecar's 429s are counted;
 * - restart: a `--restart-items` execution (2 in parallel) during which the sidecar is stopped
 *   (SIGTERM: it finishes running work, refuses new) and started again on the same port, then the
 *   same with a crash (SIGKILL: in-flight connections reset): every item must succeed.
 */
import { OcrInvoice } from '../nodes/OcrInvoice/OcrInvoice.node.js';
import { freePort, startCliSidecar, type CliSidecar } from '../test/helpers/cliSidecar';
import { renderPage } from '../test/helpers/documents';
import { binaryItem, executeContext } from '../test/helpers/n8nContext';
import { numberArg } from './peers/args';

const FILES = numberArg('files', 500);
const RESTART_ITEMS = numberArg('restart-items', 50);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A small receipt whose number tells which file it was (so a swapped or lost item shows). */
async function receipt(n: number): Promise<Buffer> {
	const lines = [
		{ text: 'CORNER CAFE', xMm: 10, yMm: 10, sizePt: 14, bold: true },
		{ text: `Receipt No: R-${String(n).padStart(5, '0')}`, xMm: 10, yMm: 20, sizePt: 11 },
		{ text: 'Date: 12/03/2024', xMm: 10, yMm: 27, sizePt: 11 },
		{ text: `Total: ${(10 + (n % 90) + 0.5).toFixed(2)}`, xMm: 10, yMm: 36, sizePt: 12 },
	];
	return renderPage(lines, { dpi: 120, widthMm: 80, heightMm: 45 });
}

async function items(count: number, offset = 0) {
	const out = [];
	for (let i = 0; i < count; i++) out.push(binaryItem(await receipt(offset + i), `r-${offset + i}.png`, 'image/png'));
	return out;
}

/** Runs the node over `list`; how many items came back read as their own file, and the requests sent. */
async function run(url: string, list: ReturnType<typeof binaryItem>[], offset: number, concurrency: number) {
	const { ctx, requests } = executeContext({ params: { binaryPropertyName: 'data', language: 'auto', options: { concurrency } }, credentials: { baseUrl: url }, items: list, continueOnFail: true });
	const [out] = await new OcrInvoice().execute.call(ctx);
	let right = 0;
	const errors: string[] = [];
	out!.forEach((o, i) => {
		const ok = o.json.fileName === `r-${offset + i}.png` && String(o.json.invoiceNumber ?? '').endsWith(String(offset + i).padStart(5, '0')) && (o.pairedItem as { item: number }).item === i;
		if (ok) right++;
		else errors.push(String(o.json.error ?? `item ${i}: ${String(o.json.invoiceNumber)}`));
	});
	// Uploads only (long waits also poll /v1/progress).
	return { count: out!.length, right, requests: requests.filter((r) => r.method === 'POST').length, errors };
}

const rejected = async (url: string) => Number(/^sidecar_queue_rejected_total (\d+)$/m.exec(await (await fetch(`${url}/metrics`)).text())?.[1] ?? 0);

async function burst(): Promise<void> {
	const sidecar = await startCliSidecar({ CONCURRENCY: '1', QUEUE_CAPACITY: '8', PRELOAD_MODELS: 'pp-ocrv4', LOG_LEVEL: 'warn' });
	try {
		const per = Math.ceil(FILES / 4);
		const lists = await Promise.all([0, 1, 2, 3].map((k) => items(Math.min(per, FILES - k * per), k * per)));
		const t = performance.now();
		const results = await Promise.all(lists.map((l, k) => run(sidecar.url, l, k * per, 8)));
		const s = (performance.now() - t) / 1000;
		const sum = (f: (r: (typeof results)[number]) => number) => results.reduce((a, r) => a + f(r), 0);
		console.log(`burst: ${FILES} files from 4 executions × 8 in parallel, sidecar CONCURRENCY=1 QUEUE_CAPACITY=8`);
		console.log(`  items out ${sum((r) => r.count)}, read as their own file ${sum((r) => r.right)}, requests ${sum((r) => r.requests)}, 429s ${await rejected(sidecar.url)}, ${s.toFixed(0)} s, peak RSS ${sidecar.memory().peakMiB} MiB`);
		for (const r of results) for (const e of r.errors.slice(0, 3)) console.log(`  not right: ${e}`);
	} finally {
		await sidecar.stop();
	}
}

async function restart(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
	const port = await freePort();
	const env = { PORT: String(port), PRELOAD_MODELS: 'pp-ocrv4', LOG_LEVEL: 'warn' };
	let sidecar: CliSidecar = await startCliSidecar(env);
	const list = await items(RESTART_ITEMS, 1000);
	const t = performance.now();
	const running = run(sidecar.url, list, 1000, 2);
	// Early in the execution (receipts take about 0.1 s each), the sidecar goes away and comes back.
	await sleep(1500);
	sidecar.child.kill(signal);
	await sidecar.exited;
	const down = performance.now();
	sidecar = await startCliSidecar(env);
	const back = (performance.now() - down) / 1000;
	const r = await running;
	console.log(`restart (${signal}) during a ${RESTART_ITEMS}-item execution: items out ${r.count}, read as their own file ${r.right}, requests ${r.requests} (retries ${r.requests - r.count}), sidecar back after ${back.toFixed(1)} s, ${((performance.now() - t) / 1000).toFixed(0)} s in all`);
	for (const e of r.errors.slice(0, 3)) console.log(`  not right: ${e}`);
	await sidecar.stop();
}

async function main(): Promise<void> {
	await burst();
	await restart('SIGTERM');
	await restart('SIGKILL');
}

main().catch((err: unknown) => {
	console.error(err);
	process.exit(1);
});
