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
}

export class ConfigError extends Error {
	constructor(readonly problems: string[]) {
		super(`invalid configuration: ${problems.join('; ')}`);
		this.name = 'ConfigError';
	}
}

/** Default registry: `models/registry.json` at the repository root (sidecar/dist/config → ../../../models). */
export const DEFAULT_REGISTRY_PATH = path.resolve(__dirname, '..', '..', '..', 'models', 'registry.json');
export const DEFAULT_PORT = 8787;
export const EMBEDDED_MODELS = ['pp-ocrv4', 'moonshine-tiny', 'silero-vad'];

type Env = Record<string, string | undefined>;

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
		maxPages: r.int('MAX_PAGES', 100, 1, 10_000),
		maxAudioSeconds: r.int('MAX_AUDIO_SECONDS', 14_400, 1, 86_400),
		ffmpegPath: r.string('FFMPEG_PATH', 'ffmpeg'),
		requestTimeoutMs: r.int('REQUEST_TIMEOUT_MS', 120_000, 100, 3_600_000),
		queueCapacity: r.int('QUEUE_CAPACITY', 32, 0, 10_000),
		concurrency: r.int('CONCURRENCY', 1, 1, 64),
		intraOpThreads: r.int('INTRA_OP_THREADS', 0, 0, 256),
		shutdownGraceMs: r.int('SHUTDOWN_GRACE_MS', 30_000, 0, 600_000),
		logLevel: r.oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
		verifyModelHashes: r.bool('VERIFY_MODEL_HASHES', true),
		graphRewrites: r.bool('GRAPH_REWRITES', true),
	};
	if (r.problems.length > 0) throw new ConfigError(r.problems);
	return config;
}
