/**
 * Execution-provider choice. `auto` tries CUDA and records why it was not used; `cuda` refuses to
 * start without it (no silent fallback); `cpu` forces CPU. The decision is a pure function of the
 * probe, so every branch is tested on a machine without a GPU.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RequestedDevice } from '../config/config';
import { queryNvidiaSmi, type GpuInfo } from './nvidiaSmi';

export type ExecutionProvider = 'cuda' | 'cpu';

export interface CudaProbe {
	/** CUDA can be tried: the ORT CUDA provider library is installed and a GPU is visible. */
	available: boolean;
	/** Why CUDA is not available (null when it is). */
	reason: string | null;
	gpus: GpuInfo[];
	providerLibrary: string | null;
}

export interface ProviderDecision {
	provider: ExecutionProvider;
	/** Why this provider: always set, so status answers can show it. */
	reason: string;
}

export class DeviceUnavailableError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DeviceUnavailableError';
	}
}

export const CUDA_PROVIDER_LIBRARY = 'libonnxruntime_providers_cuda.so';

/** Folder of onnxruntime-node's native binding, where `ONNXRUNTIME_NODE_INSTALL=cuda12` puts the CUDA provider. */
export function ortBinaryDir(): string | null {
	try {
		const pkg = path.dirname(require.resolve('onnxruntime-node/package.json'));
		const dir = path.join(pkg, 'bin', 'napi-v6', process.platform, process.arch);
		return fs.existsSync(dir) ? dir : null;
	} catch {
		return null;
	}
}

export async function probeCuda(smiBinary = 'nvidia-smi'): Promise<CudaProbe> {
	const reasons: string[] = [];
	const binDir = ortBinaryDir();
	const lib = binDir === null ? null : path.join(binDir, CUDA_PROVIDER_LIBRARY);
	const hasLib = lib !== null && fs.existsSync(lib);
	if (!hasLib) {
		reasons.push(`onnxruntime-node has no CUDA execution provider (${CUDA_PROVIDER_LIBRARY} not installed; install with ONNXRUNTIME_NODE_INSTALL=cuda12)`);
	}
	const smi = await queryNvidiaSmi(smiBinary);
	if (!smi.ok) reasons.push(smi.reason);
	return {
		available: reasons.length === 0,
		reason: reasons.length === 0 ? null : reasons.join('; '),
		gpus: smi.ok ? smi.gpus : [],
		providerLibrary: hasLib ? lib : null,
	};
}

export function decideProvider(requested: RequestedDevice, probe: Pick<CudaProbe, 'available' | 'reason'>): ProviderDecision {
	if (requested === 'cpu') return { provider: 'cpu', reason: 'DEVICE=cpu forces CPU' };
	if (probe.available) return { provider: 'cuda', reason: `DEVICE=${requested}: CUDA available` };
	const why = probe.reason ?? 'CUDA unavailable';
	if (requested === 'cuda') throw new DeviceUnavailableError(`DEVICE=cuda but CUDA is unavailable: ${why}`);
	return { provider: 'cpu', reason: `DEVICE=auto fell back to CPU: ${why}` };
}
