/**
 * Nothing lost when the sidecar is busy or restarting: the nodes retry 429 (after Retry-After), 503
 * while models load, and refused connections, with backoff, against a real sidecar process.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { OcrInvoice } from '../../nodes/OcrInvoice/OcrInvoice.node';
import { TranscribeAudio } from '../../nodes/TranscribeAudio/TranscribeAudio.node';
import { retryDelayMs } from '../../nodes/shared/transport';
import { freePort, startCliSidecar, type CliSidecar } from '../helpers/cliSidecar';
import { businessPage, renderPage } from '../helpers/documents';
import { JFK } from '../helpers/audio';
import { binaryItem, executeContext } from '../helpers/n8nContext';
import fs from 'node:fs';
import http from 'node:http';

let sidecar: CliSidecar | undefined;
afterEach(async () => {
	await sidecar?.stop();
	sidecar = undefined;
});

describe('node retries', () => {
	it('waits Retry-After when given, and a window growing exponentially with full jitter after it, capped at 30 s', () => {
		expect(retryDelayMs(0, 3, () => 0)).toBe(3000);
		// Clients turned away together spread out more with each attempt, Retry-After or not.
		expect(retryDelayMs(0, 3, () => 0.999)).toBeLessThan(4000);
		expect(retryDelayMs(4, 3, () => 0.999)).toBeGreaterThan(18_000);
		expect(retryDelayMs(0, undefined, () => 0.5)).toBe(600);
		expect(retryDelayMs(3, undefined, () => 0.999)).toBeLessThanOrEqual(8100);
		expect(retryDelayMs(10, undefined, () => 0.999)).toBeLessThanOrEqual(30_100);
	});

	it('a burst at 4× a one-slot sidecar with no queue: every item succeeds after 429s, none lost, in order', async () => {
		sidecar = await startCliSidecar({ CONCURRENCY: '1', QUEUE_CAPACITY: '0', PRELOAD_MODELS: 'pp-ocrv4' });
		const png = await renderPage(businessPage('en'), { dpi: 100 });
		const items = Array.from({ length: 8 }, (_, i) => binaryItem(png, `inv-${i}.png`, 'image/png'));
		const { ctx, requests, logged } = executeContext({ params: { binaryPropertyName: 'data', language: 'auto', options: { concurrency: 4, retries: 10 } }, credentials: { baseUrl: sidecar.url }, items });
		const [out] = await new OcrInvoice().execute.call(ctx);
		expect(out!.map((o) => o.json.fileName)).toEqual(items.map((_, i) => `inv-${i}.png`));
		expect(out!.map((o) => o.pairedItem)).toEqual(items.map((_, i) => ({ item: i })));
		expect(out!.every((o) => o.json.invoiceNumber === 'INV-2024-0917')).toBe(true);
		const metrics = await (await fetch(`${sidecar.url}/metrics`)).text();
		const rejected = Number(/^sidecar_queue_rejected_total (\d+)$/m.exec(metrics)?.[1]);
		expect(rejected).toBeGreaterThan(0);
		// Uploads only: a long wait also polls /v1/progress.
		expect(requests.filter((r) => r.method === 'POST').length).toBe(8 + rejected);
		expect(logged.filter((l) => /busy or unavailable/.test(l))).toHaveLength(rejected);
	}, 180_000);

	it('a sidecar that is down when the node starts, then comes up and loads its models: the item succeeds', async () => {
		const port = await freePort();
		const wav = fs.readFileSync(JFK);
		const { ctx, requests, logged } = executeContext({
			params: { binaryPropertyName: 'data', model: 'moonshine-tiny', language: 'auto', output: 'transcript', subtitles: 'none', options: { retries: 8 } },
			credentials: { baseUrl: `http://127.0.0.1:${port}` },
			items: [binaryItem(wav, 'jfk.wav', 'audio/wav')],
		});
		const running = new TranscribeAudio().execute.call(ctx);
		await new Promise((r) => setTimeout(r, 1500));
		sidecar = await startCliSidecar({ PORT: String(port), PRELOAD_MODELS: 'moonshine-tiny,silero-vad' }, { waitReady: false });
		const [out] = await running;
		expect(String(out![0]!.json.text)).toMatch(/ask not what your country/i);
		expect(requests.length).toBeGreaterThan(1);
		// Refused while it was down (or held until it listened), then 503 while its models loaded.
		expect(logged.some((l) => /refused the connection|Cannot reach|not ready|Service Unavailable/.test(l)), logged.join('\n')).toBe(true);
	}, 180_000);

	it('a balancer that lost its sidecar mid-request (502, HAProxy\'s page): the file is sent again and read', async () => {
		sidecar = await startCliSidecar({ PRELOAD_MODELS: 'pp-ocrv4' });
		const target = new URL(sidecar.url);
		let uploads = 0;
		// In front of the real sidecar: the first upload gets what HAProxy answers when the server it
		// chose dies mid-request; everything else is passed through.
		const balancer = http.createServer((req, res) => {
			if (req.method === 'POST' && uploads++ === 0) {
				req.resume();
				res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body><h1>502 Bad Gateway</h1>The server returned an invalid or incomplete response.</body></html>');
				return;
			}
			const upstream = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
				res.writeHead(r.statusCode ?? 500, r.headers);
				r.pipe(res);
			});
			req.pipe(upstream);
		});
		await new Promise<void>((r) => balancer.listen(0, '127.0.0.1', r));
		try {
			const png = await renderPage(businessPage('en'), { dpi: 100 });
			const { ctx, logged } = executeContext({
				params: { binaryPropertyName: 'data', language: 'auto', options: {} },
				credentials: { baseUrl: `http://127.0.0.1:${(balancer.address() as { port: number }).port}` },
				items: [binaryItem(png, 'inv.png', 'image/png')],
			});
			const [out] = await new OcrInvoice().execute.call(ctx);
			expect(out![0]!.json.invoiceNumber).toBe('INV-2024-0917');
			expect(uploads).toBe(2);
			expect(logged.filter((l) => /busy or unavailable \(HTTP 502/.test(l)), logged.join('\n')).toHaveLength(1);
		} finally {
			balancer.close();
		}
	}, 120_000);

	it('does not retry what waiting cannot fix (a model that is not downloaded), and says so once', async () => {
		sidecar = await startCliSidecar({ PRELOAD_MODELS: 'silero-vad' });
		const { ctx, requests } = executeContext({
			params: { binaryPropertyName: 'data', model: 'whisper-base', language: 'auto', output: 'transcript', subtitles: 'none', options: {} },
			credentials: { baseUrl: sidecar.url },
			items: [binaryItem(fs.readFileSync(JFK), 'jfk.wav', 'audio/wav')],
		});
		await expect(new TranscribeAudio().execute.call(ctx)).rejects.toThrow(/not downloaded/);
		expect(requests).toHaveLength(1);
	}, 120_000);
});
