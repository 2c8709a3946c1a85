/**
 * Cold start and HTTP overhead of the sidecar.
 *   npm run bench:startup [-- --requests 200]
 * Prints: time to ready, per-model load/warm-up, and ms per request over HTTP vs the same work
 * in-process (the peer), with the overhead ratio.
 */
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { loadConfig } from '../sidecar/src/config/config';
import { createLogger } from '../sidecar/src/log/logger';
import { inspectFile } from '../sidecar/src/media/inspect';
import { sniffMedia } from '../sidecar/src/media/sniff';
import { startSidecar } from '../sidecar/src/server';

const requests = Number(process.argv[process.argv.indexOf('--requests') + 1]) || 200;

async function timeEach(n: number, fn: () => Promise<unknown>): Promise<number> {
	for (let i = 0; i < 5; i++) await fn(); // warm
	const t = performance.now();
	for (let i = 0; i < n; i++) await fn();
	return (performance.now() - t) / n;
}

async function main(): Promise<void> {
	const t0 = performance.now();
	const sidecar = await startSidecar(loadConfig({ PORT: '0', DEVICE: 'auto' }), { logger: createLogger('error') });
	const listening = performance.now() - t0;
	await sidecar.ready;
	const ready = performance.now() - t0;
	console.log(`listening after ${listening.toFixed(0)} ms, ready after ${ready.toFixed(0)} ms (provider ${sidecar.ctx.decision.provider})`);
	for (const m of sidecar.ctx.pool.status()) console.log(`  ${m.id.padEnd(16)} load ${m.loadMs} ms  warm-up ${m.warmupMs} ms  on ${m.provider}`);

	const png = await sharp({ create: { width: 1240, height: 1754, channels: 3, background: '#fff' } }).png().toBuffer();
	const upload = { filename: 'a4.png', buffer: png, media: sniffMedia(png)! };
	const inProcess = await timeEach(requests, () => inspectFile(upload, sidecar.ctx.pdf));
	const overHttp = await timeEach(requests, async () => {
		const form = new FormData();
		form.append('file', new Blob([new Uint8Array(png)]), 'a4.png');
		const res = await fetch(`${sidecar.url}/v1/inspect`, { method: 'POST', body: form });
		await res.arrayBuffer();
	});
	const status = await timeEach(requests, async () => (await fetch(`${sidecar.url}/v1/gpu-status`)).arrayBuffer());
	console.log(`GET /v1/gpu-status: ${status.toFixed(2)} ms/request over HTTP`);
	console.log(`inspect of an A4 150-DPI PNG (${(png.length / 1024).toFixed(0)} KiB): in-process ${inProcess.toFixed(2)} ms, over HTTP ${overHttp.toFixed(2)} ms, overhead ${(overHttp - inProcess).toFixed(2)} ms (ratio ${(overHttp / inProcess).toFixed(2)}x)`);
	await sidecar.close();
}

void main();
