import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_PORT, EMBEDDED_MODELS, loadConfig, sessionThreads } from '../../sidecar/src/config/config';

describe('loadConfig', () => {
	it('has documented defaults: CPU-capable auto device, loopback, embedded models', () => {
		const c = loadConfig({});
		expect(c).toMatchObject({
			host: '127.0.0.1',
			port: DEFAULT_PORT,
			device: 'auto',
			apiKey: undefined,
			maxUploadMb: 50,
			requestTimeoutMs: 120_000,
			queueCapacity: 32,
			concurrency: 1,
			preloadModels: EMBEDDED_MODELS,
		});
		expect(c.registryPath).toMatch(/models[/\\]registry\.json$/);
	});

	it('reads every variable', () => {
		const c = loadConfig({
			HOST: '0.0.0.0',
			PORT: '9000',
			DEVICE: 'CUDA',
			API_KEY: 'k'.repeat(20),
			MAX_UPLOAD_MB: '5',
			REQUEST_TIMEOUT_MS: '1000',
			QUEUE_CAPACITY: '0',
			CONCURRENCY: '2',
			PRELOAD_MODELS: 'silero-vad, pp-ocrv4',
			MODELS_DIR: '/tmp/models',
		});
		expect(c).toMatchObject({ host: '0.0.0.0', port: 9000, device: 'cuda', maxUploadMb: 5, requestTimeoutMs: 1000, queueCapacity: 0, concurrency: 2, modelsDir: '/tmp/models' });
		expect(c.preloadModels).toEqual(['silero-vad', 'pp-ocrv4']);
		expect(loadConfig({ PRELOAD_MODELS: 'none' }).preloadModels).toEqual([]);
	});

	it('reports every invalid variable at once, by name', () => {
		try {
			loadConfig({ PORT: 'eighty', DEVICE: 'tpu', CONCURRENCY: '0', API_KEY: 'short', VERIFY_MODEL_HASHES: 'maybe' });
			expect.unreachable();
		} catch (err) {
			expect(err).toBeInstanceOf(ConfigError);
			const problems = (err as ConfigError).problems.join('\n');
			expect(problems).toMatch(/PORT must be an integer/);
			expect(problems).toMatch(/DEVICE must be one of auto\|cuda\|cpu \(got "tpu"\)/);
			expect(problems).toMatch(/CONCURRENCY must be an integer from 1/);
			expect(problems).toMatch(/API_KEY must be at least 16/);
			expect(problems).toMatch(/VERIFY_MODEL_HASHES must be true or false/);
		}
	});
});

describe('threads per session', () => {
	it('shares the cores out among concurrent jobs unless INTRA_OP_THREADS is set', () => {
		const threads = (env: Record<string, string>, cores: number) => sessionThreads(loadConfig(env), cores);
		// One job: ONNX Runtime's own default (0), every core for it.
		expect(threads({}, 2)).toBe(0);
		expect(threads({ CONCURRENCY: '2' }, 2)).toBe(1);
		expect(threads({ CONCURRENCY: '3' }, 16)).toBe(5);
		expect(threads({ CONCURRENCY: '4' }, 2)).toBe(1);
		expect(threads({ CONCURRENCY: '2', INTRA_OP_THREADS: '2' }, 2)).toBe(2);
	});
});
