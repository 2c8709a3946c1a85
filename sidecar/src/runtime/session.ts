/**
 * The one session interface over onnxruntime-node. Pipelines (OCR stages, ASR, VAD) see only
 * `ModelSession`: which execution provider runs it is decided once, when the session is made.
 */
import type { Worker } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';
import type { SidecarMetrics } from '../metrics/metrics';
import { toHalf } from './half';
import type { ThreadRequest, ThreadResponse, ThreadSessionInit, WireTensor } from './inferenceWire';
import type { ExecutionProvider } from './provider';
import { startThread } from './threads';

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
	/**
	 * Runs the session; `fetch` names the outputs wanted (default: all), so others are not copied out.
	 * `handOver` names feeds the caller will not read again: a session in a thread moves their
	 * buffers there instead of copying them (a page's detection input is megabytes).
	 */
	run(feeds: Feeds, fetch?: readonly string[], handOver?: readonly string[]): Promise<Outputs>;
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
	/**
	 * Run the session in a worker thread of its own (the default): onnxruntime-node runs inference on
	 * the calling thread's event loop, so in the main thread every run would stall HTTP and /healthz.
	 */
	thread?: boolean;
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

/** The same session, in a worker thread that owns it; runs are messages, outputs come back transferred. */
class ThreadModelSession implements ModelSession {
	private readonly pending = new Map<number, { resolve: (o: Outputs) => void; reject: (e: Error) => void }>();
	private nextId = 1;
	private dead: Error | undefined;

	constructor(
		private readonly worker: Worker,
		private readonly opts: SessionOptions,
		readonly inputNames: readonly string[],
		readonly outputNames: readonly string[],
		private readonly inputs: ReadonlyArray<{ name: string; type: string; shape: ReadonlyArray<number | string> }>,
	) {
		worker.on('message', (msg: ThreadResponse) => {
			if (msg.kind !== 'result' && msg.kind !== 'error') return;
			const p = this.pending.get(msg.id);
			if (!p) return;
			this.pending.delete(msg.id);
			if (msg.kind === 'error') p.reject(new Error(msg.message));
			else p.resolve(Object.fromEntries(Object.entries(msg.outputs).map(([k, t]) => [k, new ort.Tensor(t.type as 'float32', t.data as Float32Array, t.dims)])));
		});
		const died = (err: Error) => {
			this.dead ??= new Error(`the ${opts.modelId}.${opts.name} inference thread stopped: ${err.message}`);
			for (const p of this.pending.values()) p.reject(this.dead);
			this.pending.clear();
		};
		worker.on('error', died);
		worker.on('exit', (code) => died(new Error(`exit code ${code}`)));
	}

	get modelId(): string {
		return this.opts.modelId;
	}
	get name(): string {
		return this.opts.name;
	}
	get provider(): ExecutionProvider {
		return this.opts.provider;
	}

	inputSpec(name: string): { type: string; shape: ReadonlyArray<number | string> } | undefined {
		const meta = this.inputs.find((m) => m.name === name);
		return meta ? { type: meta.type, shape: meta.shape } : undefined;
	}

	async run(feeds: Feeds, fetch?: readonly string[], handOver: readonly string[] = []): Promise<Outputs> {
		if (this.dead) throw this.dead;
		const end = this.opts.metrics?.inferenceSeconds.startTimer({ model: this.modelId, session: this.name, provider: this.provider });
		const wire: Record<string, WireTensor> = {};
		const transfer: ArrayBuffer[] = [];
		// Inputs are copied (callers may reuse their buffers) unless handed over whole.
		for (const [k, t] of Object.entries(feeds)) {
			const data = t.data as WireTensor['data'];
			wire[k] = { type: t.type, dims: [...t.dims], data };
			const whole = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer;
			if (whole && handOver.includes(k)) transfer.push(data.buffer);
		}
		const id = this.nextId++;
		try {
			return await new Promise<Outputs>((resolve, reject) => {
				this.pending.set(id, { resolve, reject });
				this.worker.postMessage({ kind: 'run', id, feeds: wire, ...(fetch ? { fetch: [...fetch] } : {}) } satisfies ThreadRequest, transfer);
			});
		} finally {
			end?.();
		}
	}

	async release(): Promise<void> {
		if (!this.dead) {
			await new Promise<void>((resolve) => {
				const onMsg = (m: ThreadResponse) => {
					if (m.kind !== 'released') return;
					this.worker.off('message', onMsg);
					resolve();
				};
				this.worker.on('message', onMsg);
				this.worker.postMessage({ kind: 'release' } satisfies ThreadRequest);
				setTimeout(resolve, 5000).unref();
			});
		}
		await this.worker.terminate();
	}
}

async function createThreadSession(model: string | Uint8Array, opts: SessionOptions): Promise<ModelSession> {
	const init: ThreadSessionInit = { model, provider: opts.provider, cudaDeviceId: opts.cudaDeviceId, intraOpThreads: opts.intraOpThreads };
	const worker = startThread(__dirname, 'inferenceThread', __filename, { workerData: init });
	const first = await new Promise<ThreadResponse>((resolve, reject) => {
		worker.once('message', resolve);
		worker.once('error', reject);
		worker.once('exit', (code) => reject(new Error(`inference thread exited with code ${code} before its session opened`)));
	});
	if (first.kind !== 'ready') {
		await worker.terminate();
		throw new Error(first.kind === 'failed' ? first.message : 'inference thread did not start');
	}
	// The thread must not keep a finished process alive (the server keeps the sidecar's alive).
	worker.unref();
	return new ThreadModelSession(worker, opts, first.inputNames, first.outputNames, first.inputs);
}

/**
 * Copies of one session, each in a thread of its own, behind the one interface: a run goes to the
 * copy with the fewest runs in flight. A session runs one call at a time, so with CONCURRENCY > 1
 * two pages that reach recognition together would otherwise take turns on one copy while the other
 * core idles (recognition is about two thirds of a page's work).
 */
export class SessionCopies implements ModelSession {
	private readonly inFlight: number[];

	constructor(private readonly copies: readonly ModelSession[]) {
		if (copies.length === 0) throw new Error('SessionCopies needs at least one session');
		this.inFlight = copies.map(() => 0);
	}

	private get first(): ModelSession {
		return this.copies[0]!;
	}
	get modelId(): string {
		return this.first.modelId;
	}
	get name(): string {
		return this.first.name;
	}
	get provider(): ExecutionProvider {
		return this.first.provider;
	}
	get inputNames(): readonly string[] {
		return this.first.inputNames;
	}
	get outputNames(): readonly string[] {
		return this.first.outputNames;
	}
	get size(): number {
		return this.copies.length;
	}

	inputSpec(name: string): { type: string; shape: ReadonlyArray<number | string> } | undefined {
		return this.first.inputSpec(name);
	}

	async run(feeds: Feeds, fetch?: readonly string[], handOver?: readonly string[]): Promise<Outputs> {
		let at = 0;
		for (let i = 1; i < this.copies.length; i++) if (this.inFlight[i]! < this.inFlight[at]!) at = i;
		this.inFlight[at]!++;
		try {
			return await this.copies[at]!.run(feeds, fetch, handOver);
		} finally {
			this.inFlight[at]!--;
		}
	}

	/** Every copy, for warming each one (a run goes to one copy only). */
	get all(): readonly ModelSession[] {
		return this.copies;
	}

	async release(): Promise<void> {
		await Promise.all(this.copies.map((c) => c.release()));
	}
}

/** A session from an ONNX file's path, or from its bytes (a model rewritten in memory). */
export async function createSession(model: string | Uint8Array, opts: SessionOptions): Promise<ModelSession> {
	if (opts.thread !== false) return createThreadSession(model, opts);
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
