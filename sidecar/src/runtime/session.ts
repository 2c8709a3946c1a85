/**
 * The one session interface over onnxruntime-node. Pipelines (OCR stages, ASR, VAD) see only
 * `ModelSession`: which execution provider runs it is decided once, when the session is made.
 */
import * as ort from 'onnxruntime-node';
import type { SidecarMetrics } from '../metrics/metrics';
import { toHalf } from './half';
import type { ExecutionProvider } from './provider';

export type Tensor = ort.Tensor;
export type Feeds = Record<string, ort.Tensor>;
export type Outputs = Record<string, ort.Tensor>;

export interface ModelSession {
	readonly modelId: string;
	readonly name: string;
	readonly provider: ExecutionProvider;
	readonly inputNames: readonly string[];
	readonly outputNames: readonly string[];
	/** Element type and shape of each tensor input, as the ONNX file declares them (exports differ: fp16 or fp32 I/O). */
	inputSpec(name: string): { type: string; shape: ReadonlyArray<number | string> } | undefined;
	/** Runs the session; `fetch` names the outputs wanted (default: all), so others are not copied out. */
	run(feeds: Feeds, fetch?: readonly string[]): Promise<Outputs>;
	release(): Promise<void>;
}

export interface SessionOptions {
	modelId: string;
	name: string;
	provider: ExecutionProvider;
	cudaDeviceId: number;
	/** 0 lets ONNX Runtime pick (one thread per core). */
	intraOpThreads: number;
	metrics?: SidecarMetrics;
}

export function executionProviders(provider: ExecutionProvider, cudaDeviceId: number): ort.InferenceSession.SessionOptions['executionProviders'] {
	// The Node binding forwards only deviceId to the CUDA provider (no cuDNN search or memory options).
	return provider === 'cuda' ? [{ name: 'cuda', deviceId: cudaDeviceId }] : ['cpu'];
}

class OrtModelSession implements ModelSession {
	constructor(
		private readonly session: ort.InferenceSession,
		private readonly opts: SessionOptions,
	) {}

	get modelId(): string {
		return this.opts.modelId;
	}
	get name(): string {
		return this.opts.name;
	}
	get provider(): ExecutionProvider {
		return this.opts.provider;
	}
	get inputNames(): readonly string[] {
		return this.session.inputNames;
	}
	get outputNames(): readonly string[] {
		return this.session.outputNames;
	}

	inputSpec(name: string): { type: string; shape: ReadonlyArray<number | string> } | undefined {
		const meta = this.session.inputMetadata.find((m) => m.name === name);
		return meta?.isTensor ? { type: meta.type, shape: meta.shape } : undefined;
	}

	async run(feeds: Feeds, fetch?: readonly string[]): Promise<Outputs> {
		const end = this.opts.metrics?.inferenceSeconds.startTimer({ model: this.modelId, session: this.name, provider: this.provider });
		try {
			return await (fetch ? this.session.run(feeds, fetch) : this.session.run(feeds));
		} finally {
			end?.();
		}
	}

	release(): Promise<void> {
		return this.session.release();
	}
}

/** A session from an ONNX file's path, or from its bytes (a model rewritten in memory). */
export async function createSession(model: string | Uint8Array, opts: SessionOptions): Promise<ModelSession> {
	const options: ort.InferenceSession.SessionOptions = {
		executionProviders: executionProviders(opts.provider, opts.cudaDeviceId),
		graphOptimizationLevel: 'all',
		...(opts.intraOpThreads > 0 ? { intraOpNumThreads: opts.intraOpThreads } : {}),
	};
	// Two overloads of create (path, bytes): TypeScript picks one per branch, not for the union.
	const session = typeof model === 'string' ? await ort.InferenceSession.create(model, options) : await ort.InferenceSession.create(model, options);
	return new OrtModelSession(session, opts);
}

export function makeTensor(type: 'float32' | 'float16' | 'int64' | 'bool', dims: readonly number[], fill = 0): ort.Tensor {
	const size = dims.reduce((a, b) => a * b, 1);
	if (type === 'float16') return new ort.Tensor('float16', new Uint16Array(size).fill(toHalf(Float32Array.of(fill))[0]!), dims);
	if (type === 'float32') return new ort.Tensor('float32', new Float32Array(size).fill(fill), dims);
	if (type === 'int64') return new ort.Tensor('int64', new BigInt64Array(size).fill(BigInt(Math.trunc(fill))), dims);
	return new ort.Tensor('bool', new Uint8Array(size).fill(fill ? 1 : 0), dims);
}
