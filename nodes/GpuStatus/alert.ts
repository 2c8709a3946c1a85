/**
 * What GPU Status says when the GPU is not in use: a sentence for the person who reads the alert
 * email, and the sidecar's own technical reason as `details` for the operator who fixes it.
 */
import type { GpuStatusResponse } from '../shared/types';

export interface GpuAlert {
	alert: string;
	details: string;
}

export function gpuAlert(status: GpuStatusResponse, requireReady: boolean): GpuAlert | null {
	const details = `${status.providerReason}${status.cuda.reason ? ` (${status.cuda.reason})` : ''}`;
	if (status.activeProvider === 'cuda') {
		if (!requireReady || status.ready) return null;
		return { alert: 'The sidecar is on the GPU, but its models are still loading or failed to load.', details: status.models.filter((m) => !m.warm).map((m) => `${m.id}: ${m.error ?? 'not warm yet'}`).join('; ') || details };
	}
	if (status.requestedDevice === 'cpu') return { alert: 'The sidecar is set to use the CPU only (its operator chose DEVICE=cpu), so it does not use a GPU.', details };
	if (status.cuda.gpus.length === 0) return { alert: 'The sidecar is running on the CPU because no NVIDIA GPU is visible to it.', details };
	if (/execution provider|providers_cuda/i.test(status.cuda.reason ?? '')) {
		return { alert: 'The sidecar is running on the CPU: an NVIDIA GPU is visible, but the sidecar was installed without its GPU support.', details };
	}
	if (/session failed/i.test(status.providerReason)) return { alert: 'The sidecar is running on the CPU because its models could not start on the GPU.', details };
	return { alert: 'The sidecar is running on the CPU instead of the GPU.', details };
}
