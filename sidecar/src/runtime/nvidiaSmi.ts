/** GPU facts from nvidia-smi: parsing is pure (tested with captured output), running it is not. */
import { execFile } from 'node:child_process';
import type { GpuInfo } from '../contract/status';

export type { GpuInfo };

export const NVIDIA_SMI_QUERY = 'index,name,driver_version,memory.total,memory.used,utilization.gpu,temperature.gpu';

function numberOrNull(raw: string | undefined): number | null {
	if (raw === undefined) return null;
	const value = Number(raw.trim());
	return Number.isFinite(value) ? value : null;
}

/** Parses `nvidia-smi --query-gpu=<NVIDIA_SMI_QUERY> --format=csv,noheader,nounits`. */
export function parseGpuQuery(csv: string, cudaVersion: string | null): GpuInfo[] {
	return csv
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line !== '')
		.map((line) => {
			const [index, name, driver, total, used, util, temp] = line.split(',').map((s) => s.trim());
			return {
				index: numberOrNull(index) ?? 0,
				name: name ?? 'unknown',
				driverVersion: driver ?? 'unknown',
				cudaVersion,
				memoryTotalMiB: numberOrNull(total) ?? 0,
				memoryUsedMiB: numberOrNull(used) ?? 0,
				utilizationPercent: numberOrNull(util),
				temperatureC: numberOrNull(temp),
			};
		});
}

/** The "CUDA Version: 12.4" in nvidia-smi's banner: the highest CUDA the driver supports. */
export function parseCudaVersion(banner: string): string | null {
	return /CUDA Version:\s*([0-9.]+)/.exec(banner)?.[1] ?? null;
}

function run(bin: string, args: string[], timeoutMs: number): Promise<string> {
	return new Promise((resolve, reject) => {
		execFile(bin, args, { timeout: timeoutMs, encoding: 'utf8' }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
	});
}

export type SmiResult = { ok: true; gpus: GpuInfo[] } | { ok: false; reason: string };

export async function queryNvidiaSmi(bin = 'nvidia-smi', timeoutMs = 5000): Promise<SmiResult> {
	try {
		const [query, banner] = await Promise.all([
			run(bin, [`--query-gpu=${NVIDIA_SMI_QUERY}`, '--format=csv,noheader,nounits'], timeoutMs),
			run(bin, [], timeoutMs),
		]);
		const gpus = parseGpuQuery(query, parseCudaVersion(banner));
		return gpus.length > 0 ? { ok: true, gpus } : { ok: false, reason: 'nvidia-smi lists no GPU' };
	} catch (err) {
		const code = (err as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return { ok: false, reason: 'no NVIDIA driver: nvidia-smi is not on PATH' };
		return { ok: false, reason: `nvidia-smi failed: ${(err as Error).message.split('\n')[0]}` };
	}
}
