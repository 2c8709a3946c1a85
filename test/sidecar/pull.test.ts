/** `models pull` against a local HTTP server: fresh, resumed, range-less and corrupted downloads. */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registry } from '../../sidecar/src/models/registry';
import { pullModel, type PullEvent } from '../../sidecar/src/models/pull';

const payload = crypto.randomBytes(300_000);
const sha = crypto.createHash('sha256').update(payload).digest('hex');
let server: http.Server;
let base: string;
const requests: Array<{ path: string; range: string | undefined }> = [];

beforeAll(async () => {
	server = http.createServer((req, res) => {
		requests.push({ path: req.url!, range: req.headers.range });
		const body = req.url === '/corrupt/model.onnx' ? Buffer.concat([payload.subarray(0, -1), Buffer.from([payload[payload.length - 1]! ^ 0xff])]) : payload;
		const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
		if (range && !req.url!.startsWith('/norange/')) {
			const from = Number(range[1]);
			if (from >= body.length) {
				res.writeHead(416, { 'content-range': `bytes */${body.length}` });
				res.end();
				return;
			}
			res.writeHead(206, { 'content-range': `bytes ${from}-${body.length - 1}/${body.length}`, 'content-length': body.length - from });
			res.end(body.subarray(from));
			return;
		}
		res.writeHead(200, { 'content-length': body.length });
		res.end(body);
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
	server.close();
});

/** `size: null` leaves the size unpinned (sha256 only). */
function registry(urlPath: string, pin = sha, size: number | null = payload.length): Registry {
	return {
		schemaVersion: 1,
		models: [
			{
				id: 'tiny-test',
				task: 'asr',
				family: 'whisper',
				embedded: false,
				license: 'MIT',
				description: 'a file served by the test',
				files: { encoder: { ...(size !== null ? { size } : {}), sha256: pin, source: { url: `${base}${urlPath}` } } },
				sessions: {},
				defaults: { sampleRate: 16000, nMels: 80, numLanguages: 99, maxTokens: 224, batchSize: 1 },
			},
		],
	};
}

const modelsDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'models-'));

describe('models pull', () => {
	it('downloads, verifies and places the file; a second pull finds it present', async () => {
		const dir = modelsDir();
		const events: PullEvent['kind'][] = [];
		const [file] = await pullModel(registry('/ok/model.onnx'), 'tiny-test', dir, (e) => events.push(e.kind));
		expect(file).toBe(path.join(dir, 'tiny-test', 'model.onnx'));
		expect(fs.readFileSync(file!).equals(payload)).toBe(true);
		expect(events.at(-1)).toBe('done');
		const again: PullEvent['kind'][] = [];
		await pullModel(registry('/ok/model.onnx'), 'tiny-test', dir, (e) => again.push(e.kind));
		expect(again).toEqual(['present']);
	});

	it('resumes from a partial file with a Range request', async () => {
		const dir = modelsDir();
		fs.mkdirSync(path.join(dir, 'tiny-test'));
		fs.writeFileSync(path.join(dir, 'tiny-test', 'model.onnx.partial'), payload.subarray(0, 123_456));
		requests.length = 0;
		await pullModel(registry('/ok/model.onnx'), 'tiny-test', dir);
		expect(requests).toEqual([{ path: '/ok/model.onnx', range: 'bytes=123456-' }]);
		expect(fs.readFileSync(path.join(dir, 'tiny-test', 'model.onnx')).equals(payload)).toBe(true);
		expect(fs.existsSync(path.join(dir, 'tiny-test', 'model.onnx.partial'))).toBe(false);
	});

	it('starts over when the server ignores the range', async () => {
		const dir = modelsDir();
		fs.mkdirSync(path.join(dir, 'tiny-test'));
		fs.writeFileSync(path.join(dir, 'tiny-test', 'model.onnx.partial'), payload.subarray(0, 1000));
		await pullModel(registry('/norange/model.onnx'), 'tiny-test', dir);
		expect(fs.readFileSync(path.join(dir, 'tiny-test', 'model.onnx')).equals(payload)).toBe(true);
	});

	it('leaves nothing behind when the bytes do not match the pin', async () => {
		const dir = modelsDir();
		await expect(pullModel(registry('/corrupt/model.onnx'), 'tiny-test', dir)).rejects.toThrow(/the registry pins 300000 bytes, sha256 [0-9a-f]{64}\. Nothing was kept\./);
		expect(fs.readdirSync(path.join(dir, 'tiny-test'))).toEqual([]);
	});

	it('pulls a file pinned by sha256 alone: fresh, resumed, already complete, and corrupted', async () => {
		const dir = modelsDir();
		const file = path.join(dir, 'tiny-test', 'model.onnx');
		const progress: number[] = [];
		await pullModel(registry('/ok/model.onnx', sha, null), 'tiny-test', dir, (e) => e.kind === 'progress' && progress.push(e.total));
		expect(fs.readFileSync(file).equals(payload)).toBe(true);
		// The total comes from Content-Length when the registry gives no size.
		expect(new Set(progress)).toEqual(new Set([payload.length]));
		for (const have of [200_000, payload.length]) {
			fs.rmSync(file);
			fs.writeFileSync(`${file}.partial`, payload.subarray(0, have));
			requests.length = 0;
			await pullModel(registry('/ok/model.onnx', sha, null), 'tiny-test', dir);
			expect(requests).toEqual([{ path: '/ok/model.onnx', range: `bytes=${have}-` }]);
			expect(fs.readFileSync(file).equals(payload)).toBe(true);
		}
		const other = modelsDir();
		await expect(pullModel(registry('/corrupt/model.onnx', sha, null), 'tiny-test', other)).rejects.toThrow(/the registry pins sha256 [0-9a-f]{64}\. Nothing was kept\./);
		expect(fs.readdirSync(path.join(other, 'tiny-test'))).toEqual([]);
	});

	it('runs from the CLI with the registry and MODELS_DIR from the environment', async () => {
		const dir = modelsDir();
		const reg = path.join(dir, 'registry.json');
		fs.writeFileSync(reg, JSON.stringify(registry('/ok/model.onnx')));
		const env = { PATH: process.env.PATH, MODELS_REGISTRY: reg, MODELS_DIR: dir };
		const cli = path.join(__dirname, '../../sidecar/dist/cli.js');
		// Asynchronous: the test's HTTP server lives in this process and must keep answering.
		const run = (...args: string[]) =>
			new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
				execFile(process.execPath, [cli, ...args], { env }, (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr })),
			);
		const ok = await run('models', 'pull', 'tiny-test');
		expect(ok.code, ok.stderr).toBe(0);
		expect(ok.stdout).toBe(`tiny-test: 1 file(s) ready in ${dir}\n`);
		expect(ok.stderr).toMatch(/model\.onnx: downloaded and verified/);
		const unknown = await run('models', 'pull', 'nope');
		expect(unknown.code).toBe(1);
		expect(unknown.stderr).toMatch(/unknown model "nope"; known: tiny-test/);
	});
});
