/**
 * Hostile input (issue 23): every hole found by attacking the sidecar, as files the test makes.
 * The sidecar runs as its own process, as operators run it, so its event loop is watched from
 * outside (/healthz must answer within 1 s during each case) and its peak resident memory read
 * from /proc (it must stay under 1.5 GB).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convert, ffmpeg, JFK, speak, tmpFile } from '../helpers/audio';
import { CLI, startCliSidecar, whileWatched, type CliSidecar } from '../helpers/cliSidecar';
import { deeplyNestedPdf, imageBombPdf, nestedSaveRestorePdf, pageTreeLoopPdf, playlistsDressedAsMp3, tiffBomb } from '../helpers/hostile';
import { renderPage } from '../helpers/documents';

const KEY = 'hostile-key-0123456789abcdef';
const PEAK_LIMIT_MIB = 1536;
const auth = { Authorization: `Bearer ${KEY}` };

let sidecar: CliSidecar;
let tmp: string;

async function post(route: string, files: Array<{ name: string; bytes: Buffer }>, fields: Record<string, string> = {}, headers: Record<string, string> = auth) {
	const form = new FormData();
	for (const f of files) form.append('file', new Blob([new Uint8Array(f.bytes)]), f.name);
	for (const [k, v] of Object.entries(fields)) form.append(k, v);
	// One retry on a dropped connection, as a client does: a keep-alive socket the sidecar closed after refusing an upload mid-stream.
	const send = () => fetch(`${sidecar.url}${route}`, { method: 'POST', body: form, headers });
	const res = await send().catch(send);
	const text = await res.text();
	return { status: res.status, type: res.headers.get('content-type') ?? '', body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : { text } };
}

/** Runs one attack while watching liveness and memory; the sidecar must stay responsive and bounded. */
async function attack<T>(work: () => Promise<T>): Promise<T> {
	const watched = await whileWatched(sidecar.url, work);
	expect(watched.slowestHealthMs, 'slowest /healthz answer during the request (ms)').toBeLessThan(1000);
	expect(sidecar.memory().peakMiB, 'peak resident memory (MiB)').toBeLessThan(PEAK_LIMIT_MIB);
	return watched.result;
}

beforeAll(async () => {
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-'));
	// A stale folder and an empty ONNX Runtime log, as a SIGKILLed earlier run leaves them (pid 2^22-1 is never alive here).
	fs.mkdirSync(path.join(tmp, 'gpu-inference-sidecar', '4194303'), { recursive: true });
	fs.writeFileSync(path.join(tmp, 'gpu-inference-sidecar', '4194303', 'audio-stale'), Buffer.alloc(1 << 20));
	fs.writeFileSync(path.join(tmp, 'mat-debug-4194303.log'), '');
	sidecar = await startCliSidecar({
		API_KEY: KEY,
		TMPDIR: tmp,
		REQUEST_TIMEOUT_MS: '8000',
		MAX_UPLOAD_MB: '20',
		MAX_REQUEST_MB: '40',
		MAX_INFLIGHT_MB: '60',
		MAX_AUDIO_SECONDS: '600',
	});
}, 180_000);

afterAll(async () => {
	await sidecar?.stop();
	fs.rmSync(tmp, { recursive: true, force: true });
});

describe('hostile PDFs are read in a worker thread, under limits', () => {
	it('hole 1: 200,000 nested q … Q operators answer 504 at the deadline, the worker is stopped, and the next request is served', async () => {
		const pdf = nestedSaveRestorePdf(200_000);
		const r = await attack(() => post('/v1/ocr', [{ name: 'nested.pdf', bytes: pdf }]));
		expect(r.status).toBe(504);
		expect(r.type).toMatch(/^application\/problem\+json/);
		const next = await post('/v1/inspect', [{ name: 'ok.pdf', bytes: nestedSaveRestorePdf(1) }]);
		expect(next.status).toBe(200);
	}, 60_000);

	it('hole 1: 15,000 levels on the OCR, invoice and table routes keep /healthz answering', async () => {
		const pdf = nestedSaveRestorePdf(15_000);
		for (const route of ['/v1/ocr', '/v1/ocr/invoice', '/v1/ocr/table']) {
			const r = await attack(() => post(route, [{ name: 'nested.pdf', bytes: pdf }]));
			expect([200, 504], route).toContain(r.status);
		}
	}, 120_000);

	it('hole 3: a 20000×20000 Flate image is left out of the page, without decoding it', async () => {
		const pdf = await imageBombPdf(20_000, 20_000);
		expect(pdf.length).toBeLessThan(1 << 20);
		const t = performance.now();
		const r = await attack(() => post('/v1/ocr', [{ name: 'bomb.pdf', bytes: pdf }]));
		expect(r.status).toBe(200);
		expect(performance.now() - t).toBeLessThan(10_000);
	}, 60_000);

	it('hole 7: arrays and dictionaries 100,000 levels deep and a page-tree loop answer 422, not 500', async () => {
		for (const [name, bytes] of [
			['deep-array.pdf', deeplyNestedPdf(100_000, 'array')],
			['deep-dict.pdf', deeplyNestedPdf(100_000, 'dict')],
			['loop.pdf', pageTreeLoopPdf()],
		] as const) {
			const r = await attack(() => post('/v1/ocr', [{ name, bytes }]));
			expect(r.status, name).toBe(422);
			expect(r.body.type, name).toBe('urn:gpu-inference:problem:corrupt-pdf');
			expect(String(r.body.detail)).toContain(name);
		}
	}, 60_000);
});

describe('hole 4: multi-page TIFF', () => {
	it('counts 1000 pages from the header and decodes only the page asked for', async () => {
		const tiff = tiffBomb(1000, 1000, 1000);
		expect(tiff.length).toBeLessThan(200_000);
		const before = sidecar.memory().rssMiB;
		const one = await attack(() => post('/v1/ocr', [{ name: 'bomb.tif', bytes: tiff }], { pages: '1' }));
		expect(one.status).toBe(200);
		expect((one.body.documents as Array<{ pageCount: number; pages: unknown[] }>)[0]).toMatchObject({ pageCount: 1000 });
		expect((one.body.documents as Array<{ pages: unknown[] }>)[0]!.pages).toHaveLength(1);
		// A decoded page is 3 MB: a whole-file decode would have added gigabytes.
		expect(sidecar.memory().rssMiB - before).toBeLessThan(300);
		const all = await attack(() => post('/v1/ocr', [{ name: 'bomb.tif', bytes: tiff }]));
		expect(all.status).toBe(422);
		expect(all.body.type).toBe('urn:gpu-inference:problem:too-many-pages');
	}, 60_000);
});

describe('hole 2: ffmpeg reads nothing but the upload', () => {
	it('refuses HLS, DASH and ffconcat lists dressed as MP3, and never opens the file they name', async () => {
		// An MP3 on the server: a type HLS accepts as a segment, so an unguarded ffmpeg would transcribe it.
		const spoken = path.join(tmp, 'secret.wav');
		fs.writeFileSync(spoken, speak('the secret password is swordfish'));
		const secret = path.join(tmp, 'secret.mp3');
		fs.writeFileSync(secret, convert(spoken, 'mp3'));
		// A FIFO in the secret's place: opening it for writing without blocking fails (ENXIO) unless a reader has it open.
		const fifo = path.join(tmp, 'secret-fifo.mp3');
		execFileSync('mkfifo', [fifo]);
		const fifoOpenedByReader = () => {
			try {
				const fd = fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK);
				fs.closeSync(fd);
				return true;
			} catch {
				return false;
			}
		};
		for (const target of [secret, fifo]) {
			for (const list of playlistsDressedAsMp3(target)) {
				let opened = false;
				const poll = setInterval(() => (opened ||= fifoOpenedByReader()), 5);
				const r = await attack(() => post('/v1/transcribe', [list]));
				clearInterval(poll);
				expect(opened, `${list.name} → ${target}: ffmpeg opened the named file`).toBe(false);
				expect(JSON.stringify(r.body)).not.toMatch(/swordfish|password/i);
				expect(r.status, `${list.name}: ${JSON.stringify(r.body)}`).toBe(422);
				// The answer names the upload, never the server's temp folder.
				expect(String(r.body.detail)).not.toContain(tmp);
			}
		}
	}, 120_000);
});

describe('hole 5: uploads are bounded however they arrive', () => {
	/** A multipart body streamed with chunked transfer encoding: no Content-Length for the sidecar to check first. */
	async function chunkedUpload(files: number, mbEach: number): Promise<{ status: number; ms: number }> {
		const boundary = '----hostile' + Math.random().toString(36).slice(2);
		const chunk = Buffer.alloc(1 << 20, 0x41);
		const enc = new TextEncoder();
		const stream = new ReadableStream<Uint8Array>({
			async start(controller) {
				try {
					for (let f = 0; f < files; f++) {
						controller.enqueue(enc.encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="f${f}.png"\r\nContent-Type: image/png\r\n\r\n`));
						controller.enqueue(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
						for (let i = 0; i < mbEach; i++) {
							controller.enqueue(new Uint8Array(chunk));
							await new Promise((r) => setImmediate(r));
						}
						controller.enqueue(enc.encode('\r\n'));
					}
					controller.enqueue(enc.encode(`--${boundary}--\r\n`));
					controller.close();
				} catch {
					// the server closed the connection: the rest is not sent
				}
			},
		});
		const t = performance.now();
		const res = await fetch(`${sidecar.url}/v1/ocr`, {
			method: 'POST',
			headers: { ...auth, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
			body: stream,
			duplex: 'half',
		} as RequestInit).catch(() => null);
		if (res) await res.text();
		return { status: res?.status ?? 0, ms: performance.now() - t };
	}

	it('refuses 20 files × 19 MB sent chunked with 413 once MAX_REQUEST_MB is reached, and two at once stay within MAX_INFLIGHT_MB', async () => {
		const before = sidecar.memory().rssMiB;
		const [a, b] = await attack(() => Promise.all([chunkedUpload(20, 19), chunkedUpload(20, 19)]));
		expect([413, 429]).toContain(a.status);
		expect([413, 429]).toContain(b.status);
		// At most MAX_INFLIGHT_MB (60) held, not the 760 MB sent.
		expect(sidecar.memory().rssMiB - before).toBeLessThan(250);
	}, 60_000);
});

describe('hole 6: safe by default', () => {
	it('serves loopback names and IP literals, refuses other Host headers with 403', async () => {
		const port = new URL(sidecar.url).port;
		const ask = (host: string) =>
			new Promise<string>((resolve, reject) => {
				const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(`GET /healthz HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`));
				let data = '';
				socket.on('data', (d) => (data += d.toString()));
				socket.on('end', () => resolve(data));
				socket.on('error', reject);
			});
		expect(await ask(`localhost:${port}`)).toMatch(/^HTTP\/1\.1 200/);
		expect(await ask(`127.0.0.1:${port}`)).toMatch(/^HTTP\/1\.1 200/);
		expect(await ask(`[::1]:${port}`)).toMatch(/^HTTP\/1\.1 200/);
		const evil = await ask('rebind.attacker.example');
		expect(evil).toMatch(/^HTTP\/1\.1 403/);
		expect(evil).toMatch(/application\/problem\+json/);
		expect(evil).toMatch(/ALLOWED_HOSTS/);
	});

	it('refuses to listen beyond loopback without API_KEY unless told to', () => {
		const run = (env: Record<string, string>) =>
			spawnSync(process.execPath, [CLI, 'serve'], { env: { PATH: process.env.PATH ?? '/usr/bin', HOST: '0.0.0.0', PORT: '1', PRELOAD_MODELS: 'none', ...env }, encoding: 'utf8', timeout: 30_000 });
		const refused = run({});
		expect(refused.status).toBe(1);
		expect(refused.stderr).toMatch(/API_KEY is required when HOST \(0\.0\.0\.0\) is not a loopback address/);
		// Told to, only the (deliberately invalid) port is left to complain about.
		const told = run({ ALLOW_NO_API_KEY: 'true', PORT: '99999' });
		expect(told.status).toBe(1);
		expect(told.stderr).toMatch(/PORT must be/);
		expect(told.stderr).not.toMatch(/API_KEY is required/);
	});
});

describe('hole 8: temporary files', () => {
	it('sweeps what a killed earlier run left (its folder, an empty ONNX Runtime log) at start', () => {
		expect(fs.existsSync(path.join(tmp, 'gpu-inference-sidecar', '4194303'))).toBe(false);
		expect(fs.existsSync(path.join(tmp, 'mat-debug-4194303.log'))).toBe(false);
		expect(fs.existsSync(path.join(tmp, 'gpu-inference-sidecar', String(sidecar.child.pid)))).toBe(true);
	});

	it('leaves no upload behind after a transcription', async () => {
		const r = await post('/v1/transcribe', [{ name: 'jfk.wav', bytes: fs.readFileSync(JFK) }]);
		expect(r.status).toBe(200);
		expect(fs.readdirSync(path.join(tmp, 'gpu-inference-sidecar', String(sidecar.child.pid)))).toEqual([]);
	}, 60_000);
});

describe('hole 10: blame and text', () => {
	it('keeps UTF-8 file names as sent', async () => {
		const name = 'Protokoll_Müller_№5_日本.png';
		const png = await renderPage([{ text: 'Hello', xMm: 10, yMm: 10, sizePt: 12 }], { dpi: 72, heightMm: 30 });
		const r = await post('/v1/inspect', [{ name, bytes: png }]);
		expect(r.status).toBe(200);
		expect((r.body.files as Array<{ filename: string }>)[0]!.filename).toBe(name);
	});

	it('says a damaged FLAC was decoded around its damage, in warnings', async () => {
		const wav = tmpFile('wav');
		fs.writeFileSync(wav, speak('one two three four five six seven eight nine ten, the quick brown fox jumps over the lazy dog'));
		const flac = tmpFile('flac');
		ffmpeg(['-i', wav, '-ar', '16000', flac]);
		const bytes = fs.readFileSync(flac);
		// Overwrite a run of frame data in the middle (the header and the first frames stay intact).
		for (let i = Math.floor(bytes.length * 0.5); i < Math.floor(bytes.length * 0.5) + 400; i++) bytes[i] = (i * 7919) & 0xff;
		const r = await post('/v1/transcribe', [{ name: 'damaged.flac', bytes }]);
		expect(r.status).toBe(200);
		expect((r.body.warnings as string[]).join(' ')).toMatch(/damaged\.flac is damaged in places/);
	}, 60_000);

	it('refuses a recording over MAX_AUDIO_SECONDS from its stated duration, before decoding it all', async () => {
		const mp3 = tmpFile('mp3');
		ffmpeg(['-f', 'lavfi', '-i', 'anullsrc=r=8000:cl=mono', '-t', '1800', '-b:a', '8k', mp3]);
		const t = performance.now();
		const r = await post('/v1/transcribe', [{ name: 'long.mp3', bytes: fs.readFileSync(mp3) }]);
		expect(r.status).toBe(422);
		expect(r.body.type).toBe('urn:gpu-inference:problem:audio-too-long');
		expect(performance.now() - t).toBeLessThan(5000);
	}, 60_000);

	it('answers malformed HTTP and oversized headers with problem+json, not an empty body', async () => {
		const port = Number(new URL(sidecar.url).port);
		const raw = (text: string) =>
			new Promise<string>((resolve) => {
				const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
				let data = '';
				socket.on('data', (d) => (data += d.toString()));
				socket.on('close', () => resolve(data));
				socket.on('error', () => resolve(data));
			});
		const big = await raw(`GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(70_000)}\r\n\r\n`);
		expect(big).toMatch(/^HTTP\/1\.1 431/);
		expect(big).toMatch(/"type":"urn:gpu-inference:problem:headers-too-large"/);
		const bad = await raw('THIS IS NOT HTTP\r\n\r\n');
		expect(bad).toMatch(/^HTTP\/1\.1 400/);
		expect(bad).toMatch(/application\/problem\+json/);
	});

	it('keeps serving real work after all of the above', async () => {
		const r = await post('/v1/transcribe', [{ name: 'jfk.wav', bytes: fs.readFileSync(JFK) }]);
		expect(r.status).toBe(200);
		expect(String(r.body.text)).toMatch(/ask not what your country/i);
	}, 60_000);
});

describe('holes 9 and 10: a sidecar with one slot and no queue, then SIGTERM with work in flight', () => {
	let busy: CliSidecar;
	beforeAll(async () => {
		busy = await startCliSidecar({ API_KEY: KEY, TMPDIR: tmp, QUEUE_CAPACITY: '0', SHUTDOWN_GRACE_MS: '500', REQUEST_TIMEOUT_MS: '60000' });
	}, 180_000);
	afterAll(async () => {
		if (busy?.child.exitCode === null) busy.child.kill('SIGKILL');
	});

	const postTo = async (url: string, route: string, name: string, bytes: Buffer) => {
		const form = new FormData();
		form.append('file', new Blob([new Uint8Array(bytes)]), name);
		const res = await fetch(`${url}${route}`, { method: 'POST', body: form, headers: auth });
		const text = await res.text();
		return { status: res.status, body: JSON.parse(text) as Record<string, unknown> };
	};

	it('a decoder killed from outside is the server\'s problem (503), not the file\'s', async () => {
		const mp3 = tmpFile('mp3');
		ffmpeg(['-f', 'lavfi', '-i', 'anoisesrc=color=pink:amplitude=0.01:sample_rate=16000', '-t', '590', '-ac', '1', '-b:a', '32k', mp3]);
		const pending = postTo(busy.url, '/v1/transcribe', 'long.mp3', fs.readFileSync(mp3));
		let killed = false;
		for (let i = 0; i < 200 && !killed; i++) {
			await new Promise((r) => setTimeout(r, 25));
			const pids = spawnSync('pgrep', ['-P', String(busy.child.pid), 'ffmpeg'], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean);
			for (const pid of pids) {
				process.kill(Number(pid), 'SIGKILL');
				killed = true;
			}
		}
		expect(killed, 'saw the ffmpeg child').toBe(true);
		const r = await pending;
		expect(r.status).toBe(503);
		expect(r.body.type).toBe('urn:gpu-inference:problem:decoder-stopped');
	}, 60_000);

	it('counts every 429 in sidecar_queue_rejected_total, then SIGTERM answers the running request 503, logs it and exits 1', async () => {
		const running = postTo(busy.url, '/v1/ocr', 'nested.pdf', nestedSaveRestorePdf(200_000));
		await new Promise((r) => setTimeout(r, 500));
		for (let i = 0; i < 3; i++) expect((await postTo(busy.url, '/v1/inspect', 'n.pdf', nestedSaveRestorePdf(1))).status).toBe(429);
		const metrics = await (await fetch(`${busy.url}/metrics`)).text();
		expect(metrics).toMatch(/^sidecar_queue_rejected_total 3$/m);
		busy.child.kill('SIGTERM');
		const r = await running;
		expect(r.status).toBe(503);
		expect(r.body.type).toBe('urn:gpu-inference:problem:shutting-down');
		expect(await busy.exited).toBe(1);
		expect(busy.output()).toMatch(/"msg":"shutdown grace ran out: dropped unfinished work","dropped":1/);
		// Its temp folder is gone with it.
		expect(fs.existsSync(path.join(tmp, 'gpu-inference-sidecar', String(busy.child.pid)))).toBe(false);
	}, 60_000);
});
