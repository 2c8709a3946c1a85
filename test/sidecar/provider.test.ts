/** Execution-provider choice and nvidia-smi parsing, including a real (scripted) nvidia-smi binary. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCudaVersion, parseGpuQuery, queryNvidiaSmi } from '../../sidecar/src/runtime/nvidiaSmi';
import { decideProvider, DeviceUnavailableError, probeCuda } from '../../sidecar/src/runtime/provider';

// Captured from an H100 host (nvidia-smi 550.x).
const QUERY = '0, NVIDIA H100 80GB HBM3, 550.54.15, 81559, 1234, 17, 34\n1, NVIDIA H100 80GB HBM3, 550.54.15, 81559, 0, [N/A], 31\n';
const BANNER = '| NVIDIA-SMI 550.54.15              Driver Version: 550.54.15      CUDA Version: 12.4     |';

/** A real executable that prints captured nvidia-smi output. */
function fakeNvidiaSmi(): { dir: string; bin: string } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smi-'));
	fs.writeFileSync(path.join(dir, 'query.csv'), QUERY);
	fs.writeFileSync(path.join(dir, 'banner.txt'), BANNER);
	const bin = path.join(dir, 'nvidia-smi');
	fs.writeFileSync(bin, `#!/bin/sh\nif [ -n "$1" ]; then cat '${dir}/query.csv'; else cat '${dir}/banner.txt'; fi\n`, { mode: 0o755 });
	return { dir, bin };
}

describe('decideProvider', () => {
	const up = { available: true, reason: null };
	const down = { available: false, reason: 'no NVIDIA driver: nvidia-smi is not on PATH' };

	it('auto picks CUDA when available, else CPU with the reason', () => {
		expect(decideProvider('auto', up).provider).toBe('cuda');
		const d = decideProvider('auto', down);
		expect(d.provider).toBe('cpu');
		expect(d.reason).toBe('DEVICE=auto fell back to CPU: no NVIDIA driver: nvidia-smi is not on PATH');
	});

	it('cuda refuses to fall back', () => {
		expect(decideProvider('cuda', up).provider).toBe('cuda');
		expect(() => decideProvider('cuda', down)).toThrow(DeviceUnavailableError);
		expect(() => decideProvider('cuda', down)).toThrow(/^DEVICE=cuda but CUDA is unavailable: no NVIDIA driver/);
	});

	it('cpu forces CPU even with a GPU', () => {
		expect(decideProvider('cpu', up)).toEqual({ provider: 'cpu', reason: 'DEVICE=cpu forces CPU' });
	});
});

describe('nvidia-smi', () => {
	it('parses the GPU query, with [N/A] as null', () => {
		const gpus = parseGpuQuery(QUERY, parseCudaVersion(BANNER));
		expect(gpus).toEqual([
			{ index: 0, name: 'NVIDIA H100 80GB HBM3', driverVersion: '550.54.15', cudaVersion: '12.4', memoryTotalMiB: 81559, memoryUsedMiB: 1234, utilizationPercent: 17, temperatureC: 34 },
			{ index: 1, name: 'NVIDIA H100 80GB HBM3', driverVersion: '550.54.15', cudaVersion: '12.4', memoryTotalMiB: 81559, memoryUsedMiB: 0, utilizationPercent: null, temperatureC: 31 },
		]);
		expect(parseCudaVersion('no banner')).toBeNull();
	});

	it('runs a real nvidia-smi binary and reports a missing one', async () => {
		const { dir, bin } = fakeNvidiaSmi();
		const ok = await queryNvidiaSmi(bin);
		expect(ok.ok && ok.gpus.map((g) => [g.index, g.cudaVersion])).toEqual([
			[0, '12.4'],
			[1, '12.4'],
		]);
		const missing = await queryNvidiaSmi(path.join(dir, 'absent'));
		expect(missing).toEqual({ ok: false, reason: 'no NVIDIA driver: nvidia-smi is not on PATH' });
	});

	it('probeCuda on this machine: GPU listed by the driver but no ORT CUDA provider → not available, both facts kept', async () => {
		const { bin } = fakeNvidiaSmi();
		const probe = await probeCuda(bin);
		expect(probe.gpus).toHaveLength(2);
		expect(probe.available).toBe(false);
		expect(probe.reason).toMatch(/libonnxruntime_providers_cuda\.so not installed; install with ONNXRUNTIME_NODE_INSTALL=cuda12/);
	});
});
