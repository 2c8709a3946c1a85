/**
 * Cancellation: a request whose client goes away, or whose deadline passes, stops its work and frees
 * its slot at once (a PDF worker is terminated, ffmpeg killed, recognition stopped between chunks),
 * so the next request starts within a second instead of queueing behind abandoned work.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpeg, tmpFile } from '../helpers/audio';
import { startCliSidecar, type CliSidecar } from '../helpers/cliSidecar';
import { nestedSaveRestorePdf } from '../helpers/hostile';
import { validatorOf } from '../helpers/openapi';
import fs from 'node:fs';
import sharp from 'sharp';
import { businessPage, renderPage } from '../helpers/documents';

let sidecar: CliSidecar;

beforeAll(async () => {
	// One slot and no queue: a request that is not cancelled would make the next one a 429.
	sidecar = await startCliSidecar({ CONCURRENCY: '1', QUEUE_CAPACITY: '0', REQUEST_TIMEOUT_MS: '60000' });
}, 180_000);
afterAll(async () => {
	await sidecar?.stop();
});

const form = (name: string, bytes: Buffer) => {
	const f = new FormData();
	f.append('file', new Blob([new Uint8Array(bytes)]), name);
	return f;
};

/**
 * Sends `bytes`, aborts once the sidecar reports the work running and `afterMs` have passed, and
 * returns how long until the sidecar takes new work. Waiting for "running" keeps a loaded machine
 * (a slow upload) from aborting before the work began, which would leave nothing to cancel.
 */
async function abandon(route: string, name: string, bytes: Buffer, afterMs: number): Promise<number> {
	const client = new AbortController();
	const id = `abandon-${name}`;
	const pending = fetch(`${sidecar.url}${route}`, { method: 'POST', body: form(name, bytes), signal: client.signal, headers: { 'X-Request-Id': id } }).catch(() => null);
	const sent = performance.now();
	for (let running = false; !running && performance.now() - sent < 30_000; ) {
		await new Promise((r) => setTimeout(r, 50));
		const res = await fetch(`${sidecar.url}/v1/progress/${id}`);
		running = res.ok && ((await res.json()) as { state: string }).state === 'running';
	}
	await new Promise((r) => setTimeout(r, Math.max(0, afterMs - (performance.now() - sent))));
	client.abort();
	await pending;
	const gone = performance.now();
	for (;;) {
		const res = await fetch(`${sidecar.url}/v1/inspect`, { method: 'POST', body: form('next.pdf', nestedSaveRestorePdf(1)) });
		await res.text();
		if (res.status === 200) return performance.now() - gone;
		expect(res.status).toBe(429);
		if (performance.now() - gone > 10_000) return Infinity;
		await new Promise((r) => setTimeout(r, 50));
	}
}

describe('cancellation', () => {
	it('a PDF whose client disconnects stops at once: the next request starts within 1 s', async () => {
		const ms = await abandon('/v1/ocr', 'slow.pdf', nestedSaveRestorePdf(200_000), 700);
		expect(ms).toBeLessThan(1000);
	}, 60_000);

	it('a transcription whose client disconnects stops at once: ffmpeg and recognition end, the slot is free within 1 s', async () => {
		const mp3 = tmpFile('mp3');
		ffmpeg(['-f', 'lavfi', '-i', 'anoisesrc=color=pink:amplitude=0.05:sample_rate=16000', '-t', '1200', '-ac', '1', '-b:a', '32k', mp3]);
		const ms = await abandon('/v1/transcribe', 'meeting.mp3', fs.readFileSync(mp3), 1500);
		expect(ms).toBeLessThan(1000);
	}, 60_000);

	it('reports a request\'s progress while it runs (pages done of how many), and how it ended', async () => {
		const page = await renderPage(businessPage('en'), { dpi: 100 });
		const frames = await Promise.all(Array.from({ length: 4 }, () => sharp(page).raw().toBuffer({ resolveWithObject: true })));
		const { info } = frames[0]!;
		const tiff = await sharp(Buffer.concat(frames.map((f) => f.data)), { raw: { width: info.width, height: info.height * 4, channels: info.channels, pageHeight: info.height } as sharp.CreateRaw & { pageHeight: number } })
			.tiff()
			.toBuffer();
		const id = 'progress-test-0001';
		const pending = fetch(`${sidecar.url}/v1/ocr`, { method: 'POST', body: form('four.tif', tiff), headers: { 'X-Request-Id': id } }).then((r) => r.status);
		const seen: string[] = [];
		const validate = await validatorOf(sidecar.url);
		for (let i = 0; i < 200; i++) {
			const res = await fetch(`${sidecar.url}/v1/progress/${id}`);
			if (res.ok) {
				const p = (await res.json()) as { state: string; done: number | null; total: number | null; unit: string | null };
				expect(validate('Progress', p)).toBeNull();
				seen.push(`${p.state} ${p.done}/${p.total} ${p.unit}`);
				if (p.state === 'done') break;
			}
			await new Promise((r) => setTimeout(r, 50));
		}
		expect(await pending).toBe(200);
		expect(seen.at(-1)).toBe('done 4/4 pages');
		expect(seen.some((s) => /^running [0-3]\/4 pages$/.test(s))).toBe(true);
		expect((await fetch(`${sidecar.url}/v1/progress/no-such-request`)).status).toBe(404);
	}, 60_000);

	it('counts the cancellations by reason', async () => {
		const metrics = await (await fetch(`${sidecar.url}/metrics`)).text();
		expect(metrics).toMatch(/^sidecar_jobs_cancelled_total\{reason="client-gone",state="running"\} 2$/m);
	});
});
