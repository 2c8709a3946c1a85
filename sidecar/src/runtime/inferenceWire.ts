/** Messages between the sidecar and its inference worker threads (runtime/inferenceThread.ts). */
import type { ExecutionProvider } from './provider';

export interface WireTensor {
	type: string;
	dims: number[];
	data: Float32Array | Uint16Array | Uint8Array | Int32Array | BigInt64Array | Float64Array | Int8Array;
}

/** What a thread needs to open its session (its workerData). */
export interface ThreadSessionInit {
	/** The ONNX file's path, or its bytes (a model rewritten in memory). */
	model: string | Uint8Array;
	provider: ExecutionProvider;
	cudaDeviceId: number;
	intraOpThreads: number;
}

export type ThreadRequest = { kind: 'run'; id: number; feeds: Record<string, WireTensor>; fetch?: string[] } | { kind: 'release' };

export type ThreadResponse =
	| { kind: 'ready'; inputNames: string[]; outputNames: string[]; inputs: Array<{ name: string; type: string; shape: Array<number | string> }> }
	| { kind: 'failed'; message: string }
	| { kind: 'result'; id: number; outputs: Record<string, WireTensor> }
	| { kind: 'error'; id: number; message: string }
	| { kind: 'released' };
