/**
 * Sidecar configuration from environment variables. Every variable is validated at start-up
 * and all problems are reported together, so an operator fixes them in one pass.
 * The README's configuration table documents the same names and defaults.
 */
import path from 'node:path';

export type RequestedDevice = 'auto' | 'cuda' | 'cpu';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface SidecarConfig {
	host: string;
	port: number;
	device: RequestedDevice;
	cudaDeviceId: number;
	apiKey: string | undefined;
	modelsDir: string;
	registryPath: string;
	preloadModels: string[];
	maxUploadMb: number;
	/** All files of one request together (MB). */
	maxRequestMb: number;
	/** Upload bytes held in memory across all requests at once (MB); more waits as 429. */
	maxInflightMb: number;
	/** `Host` header names served (IP literals always are); `*` serves any. */
	allowedHosts: string[];
	/** Serve on a non-loopback address without API_KEY (refused unless set). */
	allowNoApiKey: boolean;
	/** V8 heap limit of each PDF worker thread (MB). */
	pdfWorkerHeapMb: number;
	/** Resident memory (MB) above which the documents being read are stopped (422). */
	maxRssMb: number;
	maxPages: number;
	maxAudioSeconds: number;
	ffmpegPath: string;
	requestTimeoutMs: number;
	queueCapacity: number;
	concurrency: number;
	intraOpThreads: number;
	shutdownGraceMs: number;
	logLevel: LogLevel;
	verifyModelHashes: boolean;
	/** Apply the registry's graph rewrites (same outputs, fewer passes) when a session is made. */
	graphRewrites: boolean;
	/** Run each ONNX Runtime session in a worker thread of its own (off the event loop). */
	inferenceThreads: boolean;
}

export class ConfigError extends Error {
	constructor(readonly problems: string[]) {
		super(`invalid configuration: ${problems.join('; ')}`);
		this.name = 'ConfigError';
	}
}

/** Default registry: the sidecar package's own `models/registry.json` (from src/config or dist/config: ../../models). */
export const DEFAULT_REGISTRY_PATH = path.resolve(__dirname, '..', '..', 'models', 'registry.json');
export const DEFAULT_PORT = 8787;
export const EMBEDDED_MODELS = ['pp-ocrv4', 'moonshine-tiny', 'silero-vad'];

type Env = Record<string, string | undefined>;

/** 127.0.0.0/8, ::1 and localhost: addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
	const h = host.toLowerCase().replace(/^\[|\]$/g, '');
	return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::ffff:127.0.0.1';
}

class Reader {
	readonly problems: string[] = [];
	constructor(private readonly env: Env) {}

	string(name: string, fallback: string): string {
		const raw = this.env[name];
		return raw === undefined || raw.trim() === '' ? fallback : raw.trim();
	}

	optional(name: string): string | undefined {
		const raw = this.env[name];
		return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
	}

	int(name: string, fallback: number, min: number, max: number): number {
		const raw = this.optional(name);
		if (raw === undefined) return fallback;
		const value = Number(raw);
		if (!Number.isInteger(value) || value < min || value > max) {
			this.problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
			return fallback;
		}
		return value;
	}

	oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
		const raw = this.optional(name)?.toLowerCase();
		if (raw === undefined) return fallback;
		if (!(allowed as readonly string[]).includes(raw)) {
			this.problems.push(`${name} must be one of ${allowed.join('|')} (got "${raw}")`);
			return fallback;
		}
		return raw as T;
	}

	bool(name: string, fallback: boolean): boolean {
		const raw = this.optional(name)?.toLowerCase();
		if (raw === undefined) return fallback;
		if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
		if (['0', 'false', 'no', 'off'].includes(raw)) return false;
		this.problems.push(`${name} must be true or false (got "${raw}")`);
		return fallback;
	}

	list(name: string, fallback: string[]): string[] {
		const raw = this.optional(name);
		if (raw === undefined) return fallback;
		if (raw.toLowerCase() === 'none') return [];
		return raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
	}
}

export function loadConfig(env: Env = process.env): SidecarConfig {
	const r = new Reader(env);
	const apiKey = r.optional('API_KEY');
	if (apiKey !== undefined && apiKey.length < 16) {
		r.problems.push('API_KEY must be at least 16 characters (or unset to disable auth)');
	}
	const config: SidecarConfig = {
		host: r.string('HOST', '127.0.0.1'),
		port: r.int('PORT', DEFAULT_PORT, 0, 65535),
		device: r.oneOf('DEVICE', ['auto', 'cuda', 'cpu'] as const, 'auto'),
		cudaDeviceId: r.int('CUDA_DEVICE_ID', 0, 0, 63),
		apiKey,
		modelsDir: path.resolve(r.string('MODELS_DIR', path.join(process.cwd(), '.models'))),
		registryPath: path.resolve(r.string('MODELS_REGISTRY', DEFAULT_REGISTRY_PATH)),
		preloadModels: r.list('PRELOAD_MODELS', EMBEDDED_MODELS),
		maxUploadMb: r.int('MAX_UPLOAD_MB', 50, 1, 4096),
		maxRequestMb: r.int('MAX_REQUEST_MB', 100, 1, 16_384),
		maxInflightMb: r.int('MAX_INFLIGHT_MB', 400, 1, 65_536),
		allowedHosts: r.list('ALLOWED_HOSTS', ['localhost', 'sidecar']).map((h) => h.toLowerCase()),
		allowNoApiKey: r.bool('ALLOW_NO_API_KEY', false),
		pdfWorkerHeapMb: r.int('PDF_WORKER_HEAP_MB', 512, 64, 16_384),
		maxRssMb: r.int('MAX_RSS_MB', 3072, 256, 1_048_576),
		maxPages: r.int('MAX_PAGES', 100, 1, 10_000),
		maxAudioSeconds: r.int('MAX_AUDIO_SECONDS', 14_400, 1, 86_400),
		ffmpegPath: r.string('FFMPEG_PATH', 'auto'),
		requestTimeoutMs: r.int('REQUEST_TIMEOUT_MS', 120_000, 100, 3_600_000),
		queueCapacity: r.int('QUEUE_CAPACITY', 32, 0, 10_000),
		concurrency: r.int('CONCURRENCY', 1, 1, 64),
		intraOpThreads: r.int('INTRA_OP_THREADS', 0, 0, 256),
		shutdownGraceMs: r.int('SHUTDOWN_GRACE_MS', 30_000, 0, 600_000),
		logLevel: r.oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
		verifyModelHashes: r.bool('VERIFY_MODEL_HASHES', true),
		graphRewrites: r.bool('GRAPH_REWRITES', true),
		inferenceThreads: r.bool('INFERENCE_THREADS', true),
	};
	if (config.maxRequestMb < config.maxUploadMb) r.problems.push(`MAX_REQUEST_MB (${config.maxRequestMb}) must be at least MAX_UPLOAD_MB (${config.maxUploadMb})`);
	if (config.maxInflightMb < config.maxRequestMb) r.problems.push(`MAX_INFLIGHT_MB (${config.maxInflightMb}) must be at least MAX_REQUEST_MB (${config.maxRequestMb})`);
	if (r.problems.length > 0) throw new ConfigError(r.problems);
	return config;
}

/**
 * ONNX Runtime threads per session. Set: as set. Unset (0) with one job at a time: ONNX Runtime's
 * own default, every core for the one job. Unset with CONCURRENCY > 1: the cores shared out, so
 * jobs that overlap (one page detecting while another is recognised) do not fight over them: on
 * 2 cores, CONCURRENCY=2 with 2 threads each ran a batch at 0.81–1.00× Tesseract's pages/min,
 * with 1 thread each at 1.27× (bench/throughput.ts).
 */
export function sessionThreads(config: Pick<SidecarConfig, 'intraOpThreads' | 'concurrency'>, cores: number): number {
	if (config.intraOpThreads > 0 || config.concurrency === 1) return config.intraOpThreads;
	return Math.max(1, Math.floor(cores / config.concurrency));
}

/** Safe by default: without a key, only this machine may call the sidecar (checked when serving, not for `models …`). */
export function assertSafeToServe(config: SidecarConfig): void {
	if (config.apiKey === undefined && !isLoopback(config.host) && !config.allowNoApiKey) {
		throw new ConfigError([`API_KEY is required when HOST (${config.host}) is not a loopback address; set API_KEY (16+ characters), or ALLOW_NO_API_KEY=true to serve the network without one`]);
	}
}
