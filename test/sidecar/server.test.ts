/** The real sidecar over real HTTP: health, readiness, status, auth, problem+json, uploads, metrics. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, pdfWithPages, pngOf } from '../helpers/fixtures';
import { startTestSidecar, TEST_API_KEY, type TestSidecar } from '../helpers/sidecar';

let sidecar: TestSidecar;
const auth = { Authorization: `Bearer ${TEST_API_KEY}` };

beforeAll(async () => {
	sidecar = await startTestSidecar({ API_KEY: TEST_API_KEY, MAX_UPLOAD_MB: '1' });
});
afterAll(async () => {
	await sidecar?.close();
});

async function problemOf(res: Response) {
	expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
	const body = (await res.json()) as Record<string, unknown>;
	expect(body).toMatchObject({ status: res.status });
	expect(typeof body.type).toBe('string');
	expect(typeof body.title).toBe('string');
	expect(typeof body.detail).toBe('string');
	expect(JSON.stringify(body)).not.toMatch(/\bat .+\.(ts|js):\d+/); // no stack traces
	return body;
}

describe('health and readiness', () => {
	it('answers /healthz without a key', async () => {
		const res = await fetch(`${sidecar.url}/healthz`);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ status: 'ok' });
	});

	it('is ready once the embedded models are loaded and warm', async () => {
		const res = await fetch(`${sidecar.url}/readyz`);
		expect(res.status).toBe(200);
		const body = (await res.json()) as { ready: boolean; models: Array<{ id: string; warm: boolean; provider: string }> };
		expect(body.ready).toBe(true);
		expect(body.models.map((m) => m.id).sort()).toEqual(['moonshine-tiny', 'pp-ocrv4', 'silero-vad']);
		for (const m of body.models) expect(m).toMatchObject({ warm: true, provider: 'cpu' });
	});

	it('is not ready while a preloaded model cannot load, and says why', async () => {
		const broken = await startTestSidecar({ PRELOAD_MODELS: 'silero-vad', MODELS_REGISTRY: `${__dirname}/../fixtures/registry-bad-hash.json` }, { waitReady: false });
		try {
			await expect(broken.ready).rejects.toThrow(/sha256 mismatch/);
			const res = await fetch(`${broken.url}/readyz`);
			expect(res.status).toBe(503);
			const body = (await res.json()) as { models: Array<{ error: string | null }> };
			expect(body.models[0]?.error).toMatch(/sha256 mismatch/);
		} finally {
			await broken.close();
		}
	});
});

describe('GET /v1/gpu-status', () => {
	it('reports CPU as the active provider on this machine, with the reason CUDA is not used', async () => {
		const res = await fetch(`${sidecar.url}/v1/gpu-status`, { headers: auth });
		expect(res.status).toBe(200);
		const s = (await res.json()) as Record<string, any>;
		expect(s.activeProvider).toBe('cpu');
		expect(s.requestedDevice).toBe('cpu');
		expect(s.cuda.available).toBe(false);
		expect(s.cuda.reason).toMatch(/nvidia-smi|CUDA execution provider/);
		expect(s.cuda.gpus).toEqual([]);
		// Every registry model: the three embedded ones loaded, the pulled Whisper ones not (nothing downloaded here).
		expect(s.models.map((m: { id: string; loaded: boolean }) => [m.id, m.loaded])).toEqual([
			['pp-ocrv4', true],
			['moonshine-tiny', true],
			['silero-vad', true],
			['whisper-base', false],
			['whisper-large-v3-turbo', false],
		]);
		expect(s.queue).toEqual({ depth: 0, capacity: 32, running: 0, concurrency: 1 });
		expect(s.process.rssMiB).toBeGreaterThan(10);
		expect(s.version).toMatch(/^\d+\.\d+\.\d+/);
		expect(s.ready).toBe(true);
	});
});

describe('auth on /v1/*', () => {
	it('refuses a missing key with 401 problem+json', async () => {
		const res = await fetch(`${sidecar.url}/v1/gpu-status`);
		expect(res.status).toBe(401);
		expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
		expect((await problemOf(res)).detail).toMatch(/missing/i);
	});

	it('refuses a wrong key', async () => {
		const res = await fetch(`${sidecar.url}/v1/gpu-status`, { headers: { Authorization: 'Bearer wrong-key-0123456789' } });
		expect(res.status).toBe(401);
		expect((await problemOf(res)).detail).toMatch(/invalid/i);
	});

	it('refuses a key of another scheme', async () => {
		const res = await fetch(`${sidecar.url}/v1/models`, { headers: { Authorization: `Basic ${TEST_API_KEY}` } });
		expect(res.status).toBe(401);
	});

	it('accepts the right key', async () => {
		const res = await fetch(`${sidecar.url}/v1/models`, { headers: auth });
		expect(res.status).toBe(200);
		const body = (await res.json()) as { models: Array<{ id: string; files: Record<string, { sha256: string }> }> };
		expect(body.models.find((m) => m.id === 'pp-ocrv4')?.files.det?.sha256).toMatch(/^[0-9a-f]{64}$/);
	});

	it('leaves health routes open', async () => {
		for (const path of ['/healthz', '/readyz', '/metrics', '/openapi.json']) {
			expect((await fetch(`${sidecar.url}${path}`)).status, path).toBe(200);
		}
	});
});

describe('problem+json errors', () => {
	it('404 for an unknown route', async () => {
		const res = await fetch(`${sidecar.url}/no-such-route`);
		expect(res.status).toBe(404);
		expect((await problemOf(res)).type).toBe('urn:gpu-inference:problem:not-found');
	});

	it('405 with Allow for a known route and the wrong method', async () => {
		const res = await fetch(`${sidecar.url}/healthz`, { method: 'DELETE' });
		expect(res.status).toBe(405);
		expect(res.headers.get('allow')).toBe('GET');
		await problemOf(res);
	});

	it('413 when the upload exceeds MAX_UPLOAD_MB', async () => {
		const big = Buffer.alloc(2 * 1024 * 1024, 1);
		big.write('%PDF-1.4\n', 0, 'latin1');
		const res = await fetch(`${sidecar.url}/v1/inspect`, { method: 'POST', headers: auth, body: multipart([{ name: 'big.pdf', data: big }]) });
		expect(res.status).toBe(413);
		expect((await problemOf(res)).type).toBe('urn:gpu-inference:problem:payload-too-large');
	});

	it('413 while streaming when Content-Length is absent (chunked upload)', async () => {
		const encoded = new Request('http://x/', { method: 'POST', body: multipart([{ name: 'big.png', data: Buffer.alloc(1_200_000, 7) }]) });
		const bytes = new Uint8Array(await encoded.arrayBuffer());
		// A ReadableStream body makes fetch send Transfer-Encoding: chunked, so only multer's streaming limit can refuse it.
		const body = new ReadableStream<Uint8Array>({
			start(controller) {
				for (let i = 0; i < bytes.length; i += 65536) controller.enqueue(bytes.subarray(i, i + 65536));
				controller.close();
			},
		});
		const res = await fetch(`${sidecar.url}/v1/inspect`, {
			method: 'POST',
			headers: { ...auth, 'content-type': encoded.headers.get('content-type')! },
			body,
			duplex: 'half',
		} as RequestInit);
		expect(res.status).toBe(413);
		await problemOf(res);
	});

	it('415 for a body that is not multipart', async () => {
		const res = await fetch(`${sidecar.url}/v1/inspect`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' });
		expect(res.status).toBe(415);
		await problemOf(res);
	});

	it('415 for a text file named .png', async () => {
		const res = await fetch(`${sidecar.url}/v1/inspect`, {
			method: 'POST',
			headers: auth,
			body: multipart([{ name: 'notes.png', data: Buffer.from('just some text, not an image\n'), type: 'image/png' }]),
		});
		expect(res.status).toBe(415);
		expect((await problemOf(res)).detail).toMatch(/notes\.png.*unrecognised/);
	});

	it('422 for an empty file, 400 for no file', async () => {
		const empty = await fetch(`${sidecar.url}/v1/inspect`, { method: 'POST', headers: auth, body: multipart([{ name: 'empty.pdf', data: Buffer.alloc(0) }]) });
		expect(empty.status).toBe(422);
		expect((await problemOf(empty)).detail).toMatch(/empty\.pdf is empty/);
		const none = await fetch(`${sidecar.url}/v1/inspect`, { method: 'POST', headers: auth, body: multipart([], { note: 'x' }) });
		expect(none.status).toBe(400);
		await problemOf(none);
	});

	it('422 for a corrupt PDF and a truncated PNG, and keeps serving', async () => {
		const corrupt = await fetch(`${sidecar.url}/v1/inspect`, { method: 'POST', headers: auth, body: multipart([{ name: 'bad.pdf', data: Buffer.from('%PDF-1.7\ngarbage') }]) });
		expect(corrupt.status).toBe(422);
		expect((await problemOf(corrupt)).type).toBe('urn:gpu-inference:problem:corrupt-pdf');
		const png = await pngOf(64, 64);
		const truncated = await fetch(`${sidecar.url}/v1/inspect`, { method: 'POST', headers: auth, body: multipart([{ name: 'cut.png', data: png.subarray(0, 20) }]) });
		expect(truncated.status).toBe(422);
		await problemOf(truncated);
		expect((await fetch(`${sidecar.url}/healthz`)).status).toBe(200);
	});
});

describe('POST /v1/inspect', () => {
	it('identifies images and PDFs by their bytes', async () => {
		const res = await fetch(`${sidecar.url}/v1/inspect`, {
			method: 'POST',
			headers: auth,
			body: multipart([
				{ name: 'page.png', data: await pngOf(320, 200, 'Invoice 42') },
				{ name: 'doc.pdf', data: pdfWithPages(3) },
			]),
		});
		expect(res.status).toBe(200);
		const body = (await res.json()) as { files: Array<Record<string, unknown>> };
		expect(body.files).toEqual([
			{ filename: 'page.png', bytes: expect.any(Number), mediaType: 'image/png', kind: 'image', pages: 1, width: 320, height: 200 },
			{ filename: 'doc.pdf', bytes: expect.any(Number), mediaType: 'application/pdf', kind: 'pdf', pages: 3, width: 612, height: 792 },
		]);
	});
});

describe('request ids and metrics', () => {
	it('echoes a safe incoming request id and puts it in problems and logs', async () => {
		const res = await fetch(`${sidecar.url}/nowhere`, { headers: { 'X-Request-Id': 'trace-abc_123' } });
		expect(res.headers.get('x-request-id')).toBe('trace-abc_123');
		expect((await problemOf(res)).requestId).toBe('trace-abc_123');
		const line = sidecar.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.reqId === 'trace-abc_123');
		expect(line).toMatchObject({ msg: 'request', status: 404, path: '/nowhere' });
	});

	it('replaces an unsafe request id', async () => {
		const res = await fetch(`${sidecar.url}/healthz`, { headers: { 'X-Request-Id': 'bad id with spaces' } });
		expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('exposes request counts, latency, queue depth and inference time per model', async () => {
		await fetch(`${sidecar.url}/v1/gpu-status`, { headers: auth });
		const text = await (await fetch(`${sidecar.url}/metrics`)).text();
		expect(text).toMatch(/sidecar_http_requests_total\{method="GET",route="\/v1\/gpu-status",status="200"\} [1-9]/);
		expect(text).toMatch(/sidecar_http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/v1\/gpu-status"\}/);
		expect(text).toMatch(/sidecar_queue_depth 0/);
		// warm-up ran every session once through the runtime layer
		expect(text).toMatch(/sidecar_inference_seconds_count\{model="pp-ocrv4",session="det",provider="cpu"\} [1-9]/);
		expect(text).toMatch(/sidecar_inference_seconds_count\{model="moonshine-tiny",session="decoder",provider="cpu"\} [1-9]/);
		expect(text).toMatch(/sidecar_model_ready\{model="silero-vad",provider="cpu"\} 1/);
	});
});
