/**
 * Loads registry models into ONNX Runtime sessions, checks their I/O names against the registry,
 * warms each session once, and records which execution provider each model actually runs on.
 */
import fs from 'node:fs';
import type { RequestedDevice } from '../config/config';
import type { ModelStatus } from '../contract/status';
import type { Logger } from '../log/logger';
import type { SidecarMetrics } from '../metrics/metrics';
import { findModel, modelFilePath, warmupShapes, type ModelEntry, type Registry, type SessionSpec, type TensorType, TENSOR_TYPES } from '../models/registry';
import { rewriteModel } from '../models/onnx/rewrites';
import { checkModelFile } from '../models/verify';
import { DeviceUnavailableError, type ExecutionProvider, type ProviderDecision } from './provider';
import { createSession, makeTensor, SessionCopies, type Feeds, type ModelSession } from './session';

export type { ModelStatus };

export interface LoadedModel {
	entry: ModelEntry;
	provider: ExecutionProvider;
	sessions: Record<string, ModelSession>;
}

export interface ModelPoolOptions {
	registry: Registry;
	modelsDir: string;
	requested: RequestedDevice;
	decision: ProviderDecision;
	cudaDeviceId: number;
	intraOpThreads: number;
	verifyHashes: boolean;
	/** Apply each session's registry rewrites (GRAPH_REWRITES). */
	graphRewrites: boolean;
	/** Each session in a worker thread of its own (INFERENCE_THREADS). */
	inferenceThreads?: boolean;
	/**
	 * Copies of each CPU session the registry marks `copyPerJob`, run in threads of their own
	 * (SessionCopies), so that concurrent jobs do not take turns on one; 1 for none.
	 */
	sessionCopies?: number;
	metrics: SidecarMetrics;
	logger: Logger;
}

export class ModelNotLoadedError extends Error {
	constructor(readonly modelId: string, detail: string) {
		super(detail);
		this.name = 'ModelNotLoadedError';
	}
}

/** A pulled model (not shipped with the sidecar) whose files are not in MODELS_DIR yet. */
export class ModelNotDownloadedError extends ModelNotLoadedError {
	constructor(modelId: string, detail: string) {
		super(modelId, detail);
		this.name = 'ModelNotDownloadedError';
	}
}

/**
 * Resolves a session's symbolic dimensions with one warm-up shape and builds zero-like inputs, of
 * the element type the ONNX file declares where it says (an export may keep float32 I/O around
 * fp16 weights), else the registry's. Inputs the file has beyond the registry's (one a graph
 * rewrite added, e.g. `ctc_classes`) are fed zeros of their declared type, one per open dimension.
 */
export function warmupFeeds(spec: SessionSpec, shape: Record<string, number>, session?: Pick<ModelSession, 'inputSpec'> & Partial<Pick<ModelSession, 'inputNames'>>): Feeds {
	const feeds: Feeds = {};
	const dimsOf = (s: ReadonlyArray<number | string>) => s.map((d) => (typeof d === 'number' ? d : shape[d] ?? 1));
	for (const input of spec.inputs) {
		const declared = session?.inputSpec(input.name)?.type;
		const type = declared !== undefined && (TENSOR_TYPES as readonly string[]).includes(declared) ? (declared as TensorType) : input.type;
		feeds[input.name] = makeTensor(type, dimsOf(input.shape), input.fill ?? 0);
	}
	for (const name of session?.inputNames ?? []) {
		const declared = feeds[name] ? undefined : session?.inputSpec(name);
		if (declared && (TENSOR_TYPES as readonly string[]).includes(declared.type)) feeds[name] = makeTensor(declared.type as TensorType, dimsOf(declared.shape), 0);
	}
	return feeds;
}

export class ModelPool {
	private readonly loaded = new Map<string, LoadedModel>();
	private readonly statuses = new Map<string, ModelStatus>();

	constructor(private readonly opts: ModelPoolOptions) {
		for (const m of opts.registry.models) this.statuses.set(m.id, blankStatus(m));
	}

	get registry(): Registry {
		return this.opts.registry;
	}

	/** Loads and warms the given models in order; throws on the first failure (start-up must not half-succeed). */
	async loadAll(ids: readonly string[]): Promise<void> {
		for (const id of ids) await this.load(id);
	}

	async load(id: string): Promise<LoadedModel> {
		const existing = this.loaded.get(id);
		if (existing) return existing;
		const entry = findModel(this.opts.registry, id);
		if (!entry) throw new ModelNotLoadedError(id, `unknown model "${id}" (not in the registry)`);
		const status = this.statuses.get(id) ?? blankStatus(entry);
		try {
			const started = Date.now();
			await this.verifyFiles(entry);
			const { provider, reason, sessions } = await this.createSessions(entry);
			status.provider = provider;
			status.providerReason = reason;
			status.loaded = true;
			status.loadMs = Date.now() - started;
			const warmStart = Date.now();
			for (const [name, session] of Object.entries(sessions)) {
				const spec = entry.sessions[name];
				if (!spec) continue;
				// Twice per shape: the first run of a shape allocates and plans, the second settles it. On CUDA
				// every listed shape (cuDNN plans per shape); on CPU only the first run of a session is slow.
				const shapes = provider === 'cuda' ? warmupShapes(spec) : warmupShapes(spec).slice(0, 1);
				for (const copy of session instanceof SessionCopies ? session.all : [session]) {
					for (const shape of shapes) {
						await copy.run(warmupFeeds(spec, shape, copy));
						await copy.run(warmupFeeds(spec, shape, copy));
					}
				}
			}
			status.warm = true;
			status.warmupMs = Date.now() - warmStart;
			this.opts.metrics.modelReady.set({ model: id, provider }, 1);
			const model: LoadedModel = { entry, provider, sessions };
			this.loaded.set(id, model);
			this.opts.logger.info('model ready', { model: id, provider, providerReason: reason, loadMs: status.loadMs, warmupMs: status.warmupMs });
			return model;
		} catch (err) {
			status.error = (err as Error).message;
			throw err;
		}
	}

	get(id: string): LoadedModel {
		const model = this.loaded.get(id);
		if (model) return model;
		const status = this.statuses.get(id);
		if (!status) throw new ModelNotLoadedError(id, `unknown model "${id}"`);
		throw new ModelNotLoadedError(id, status.error ? `model ${id} failed to load: ${status.error}` : `model ${id} is not loaded`);
	}

	status(): ModelStatus[] {
		return [...this.statuses.values()].map((s) => ({ ...s }));
	}

	/** True when every model in `ids` is loaded and warmed. */
	ready(ids: readonly string[]): boolean {
		return ids.every((id) => this.statuses.get(id)?.warm === true);
	}

	async close(): Promise<void> {
		for (const model of this.loaded.values()) {
			for (const s of Object.values(model.sessions)) await s.release();
		}
		this.loaded.clear();
	}

	private async verifyFiles(entry: ModelEntry): Promise<void> {
		for (const [key, pin] of Object.entries(entry.files)) {
			const file = modelFilePath(entry, key, this.opts.modelsDir);
			const problem = this.opts.verifyHashes ? await checkModelFile(file, pin) : null;
			if (problem) throw new Error(`${entry.id}.${key}: ${problem}`);
		}
	}

	private async createSessions(entry: ModelEntry): Promise<{ provider: ExecutionProvider; reason: string; sessions: Record<string, ModelSession> }> {
		const { decision, requested } = this.opts;
		if (decision.provider === 'cuda') {
			try {
				return { provider: 'cuda', reason: decision.reason, sessions: await this.openSessions(entry, 'cuda') };
			} catch (err) {
				const why = (err as Error).message.split('\n')[0];
				if (requested === 'cuda') throw new DeviceUnavailableError(`DEVICE=cuda but ${entry.id} cannot run on CUDA: ${why}`);
				this.opts.logger.warn('CUDA session failed, model runs on CPU', { model: entry.id, reason: why });
				return { provider: 'cpu', reason: `DEVICE=auto fell back to CPU: CUDA session failed: ${why}`, sessions: await this.openSessions(entry, 'cpu') };
			}
		}
		return { provider: 'cpu', reason: decision.reason, sessions: await this.openSessions(entry, 'cpu') };
	}

	/** The session's ONNX file, or its bytes after the registry's rewrites. */
	private async modelBytes(entry: ModelEntry, name: string, spec: SessionSpec): Promise<string | Uint8Array> {
		const file = modelFilePath(entry, spec.file, this.opts.modelsDir);
		if (!this.opts.graphRewrites || !spec.rewrites?.length) return file;
		const { bytes, changed } = rewriteModel(new Uint8Array(await fs.promises.readFile(file)), spec.rewrites);
		this.opts.logger.info('graph rewritten', { model: entry.id, session: name, changed });
		return bytes;
	}

	private async openSessions(entry: ModelEntry, provider: ExecutionProvider): Promise<Record<string, ModelSession>> {
		const sessions: Record<string, ModelSession> = {};
		try {
			for (const [name, spec] of Object.entries(entry.sessions)) {
				const bytes = await this.modelBytes(entry, name, spec);
				// A VAD run is a 32 ms window taking well under a millisecond: a thread round trip per
				// window would cost more than the run, and so short a run never holds the event loop.
				const thread = this.opts.inferenceThreads !== false && entry.task !== 'vad';
				const copies = spec.copyPerJob === true && provider === 'cpu' && thread ? Math.max(1, this.opts.sessionCopies ?? 1) : 1;
				const opened: ModelSession[] = [];
				try {
					for (let i = 0; i < copies; i++) {
						opened.push(await createSession(bytes, { modelId: entry.id, name, provider, cudaDeviceId: this.opts.cudaDeviceId, intraOpThreads: this.opts.intraOpThreads, metrics: this.opts.metrics, thread }));
					}
				} catch (err) {
					for (const s of opened) await s.release().catch(() => undefined);
					throw err;
				}
				const session = copies === 1 ? opened[0]! : new SessionCopies(opened);
				sessions[name] = session;
				const missing = spec.inputs.map((i) => i.name).filter((n) => !session.inputNames.includes(n));
				const missingOut = spec.outputs.filter((n) => !session.outputNames.includes(n));
				if (missing.length > 0 || missingOut.length > 0) {
					throw new Error(`${entry.id}.${name}: the ONNX file lacks ${[...missing, ...missingOut].join(', ')} named in the registry`);
				}
			}
			return sessions;
		} catch (err) {
			for (const s of Object.values(sessions)) await s.release().catch(() => undefined);
			throw err;
		}
	}
}

function blankStatus(m: ModelEntry): ModelStatus {
	return {
		id: m.id,
		task: m.task,
		family: m.family,
		embedded: m.embedded,
		provider: null,
		providerReason: null,
		loaded: false,
		warm: false,
		loadMs: null,
		warmupMs: null,
		error: null,
	};
}
