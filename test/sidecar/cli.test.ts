/** The built CLI as an operator runs it: start-up refusals, readiness, graceful SIGTERM. */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = path.join(__dirname, '../../sidecar/dist/cli.js');
const env = (extra: Record<string, string>) => ({ PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...extra });

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
		srv.on('error', reject);
	});
}

describe('gpu-inference-sidecar CLI', () => {
	it('is built', () => {
		expect(fs.existsSync(CLI), `${CLI} missing: run npm run build`).toBe(true);
	});

	it('DEVICE=cuda on a machine without CUDA exits non-zero with a one-line reason, before listening', async () => {
		const port = await freePort();
		const r = spawnSync(process.execPath, [CLI, 'serve'], { env: env({ DEVICE: 'cuda', PORT: String(port) }), encoding: 'utf8', timeout: 30_000 });
		expect(r.status).toBe(1);
		const lines = r.stderr.trim().split('\n');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(/^gpu-inference-sidecar: DEVICE=cuda but CUDA is unavailable: /);
		expect(r.stdout).not.toMatch(/"msg":"listening"/);
	});

	it('refuses invalid configuration, naming each variable', () => {
		const r = spawnSync(process.execPath, [CLI, 'serve'], { env: env({ PORT: 'http', DEVICE: 'gpu' }), encoding: 'utf8', timeout: 30_000 });
		expect(r.status).toBe(1);
		expect(r.stderr).toMatch(/PORT must be an integer.*DEVICE must be one of auto\|cuda\|cpu/);
	});

	it('lists and verifies the registry models', () => {
		const list = spawnSync(process.execPath, [CLI, 'models', 'list'], { env: env({}), encoding: 'utf8' });
		expect(list.status).toBe(0);
		expect(list.stdout).toMatch(/^pp-ocrv4\tocr\tdet\t4745517\t30a86f573118\t.+ch_PP-OCRv4_det_infer\.onnx$/m);
		const verify = spawnSync(process.execPath, [CLI, 'models', 'verify'], { env: env({}), encoding: 'utf8' });
		expect(verify.status).toBe(0);
		expect(verify.stdout.match(/^ok /gm)).toHaveLength(7);
		// The Whisper models are pulled by the operator: absent, they are listed as such, not failures.
		expect(verify.stdout).toMatch(/^- {4}whisper-base not pulled \(gpu-inference-sidecar models pull whisper-base\)$/m);
		expect(list.stdout).toMatch(/^whisper-base\tasr\tencoder\t-\t586299333[0-9a-f]{3}\t.+whisper-base\/encoder_model_quantized\.onnx$/m);
	});

	it('serves on CPU, turns ready, and stops cleanly on SIGTERM', async () => {
		const port = await freePort();
		const child = spawn(process.execPath, [CLI, 'serve'], { env: env({ PORT: String(port), DEVICE: 'auto' }), stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		child.stdout.on('data', (d: Buffer) => (out += d.toString()));
		const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
		const url = `http://127.0.0.1:${port}`;
		let ready = false;
		for (let i = 0; i < 120 && !ready; i++) {
			await new Promise((r) => setTimeout(r, 250));
			ready = await fetch(`${url}/readyz`).then((r) => r.status === 200, () => false);
		}
		expect(ready).toBe(true);
		const status = (await (await fetch(`${url}/v1/gpu-status`)).json()) as { activeProvider: string; providerReason: string };
		expect(status.activeProvider).toBe('cpu');
		expect(status.providerReason).toMatch(/^DEVICE=auto fell back to CPU: /);
		expect(out).toMatch(/"level":"warn","msg":"API_KEY is not set/);
		child.kill('SIGTERM');
		expect(await exited).toBe(0);
		expect(out).toMatch(/"msg":"stopped"/);
	});
});
