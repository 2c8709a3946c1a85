/**
 * Start-up and shutdown. Order matters: configuration and the execution-provider decision are
 * checked before the port opens (DEVICE=cuda without CUDA never listens); then the server listens
 * so /healthz and /readyz answer while the models load and warm in the background.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SidecarConfig } from './config/config';
import type { SidecarContext } from './context';
import { createApp } from './app';
import { createLogger, errorFields, type Logger } from './log/logger';
import { createMetrics } from './metrics/metrics';
import { loadRegistry } from './models/registry';
import { Engines } from './engines';
import { ModelPool } from './runtime/modelPool';
import { decideProvider, probeCuda } from './runtime/provider';
import { WorkQueue } from './queue/workQueue';
import { SIDECAR_VERSION } from './version';

export interface RunningSidecar {
	url: string;
	port: number;
	ctx: SidecarContext;
	/** Resolves when every preloaded model is loaded and warm; rejects when one fails. */
	ready: Promise<void>;
	close(): Promise<void>;
}

export interface StartOptions {
	logger?: Logger;
	nvidiaSmi?: string;
}

export async function startSidecar(config: SidecarConfig, opts: StartOptions = {}): Promise<RunningSidecar> {
	const logger = opts.logger ?? createLogger(config.logLevel);
	const registry = loadRegistry(config.registryPath);
	const unknown = config.preloadModels.filter((id) => !registry.models.some((m) => m.id === id));
	if (unknown.length > 0) throw new Error(`PRELOAD_MODELS names models not in the registry: ${unknown.join(', ')}`);

	const cuda = await probeCuda(opts.nvidiaSmi);
	const decision = decideProvider(config.device, cuda); // throws for DEVICE=cuda without CUDA
	logger.info('execution provider', { requested: config.device, provider: decision.provider, reason: decision.reason, gpus: cuda.gpus.length });
	if (config.apiKey === undefined) {
		logger.warn('API_KEY is not set: /v1/* is open to anyone who can reach this port', { host: config.host, port: config.port });
	}

	const metrics = createMetrics();
	const queue = new WorkQueue(config.concurrency, config.queueCapacity, (s) => {
		metrics.queueDepth.set(s.depth);
		metrics.queueRunning.set(s.running);
	});
	const pool = new ModelPool({
		registry,
		modelsDir: config.modelsDir,
		requested: config.device,
		decision,
		cudaDeviceId: config.cudaDeviceId,
		intraOpThreads: config.intraOpThreads,
		verifyHashes: config.verifyModelHashes,
		graphRewrites: config.graphRewrites,
		metrics,
		logger,
	});
	const ctx: SidecarContext = {
		config,
		logger,
		metrics,
		registry,
		pool,
		engines: new Engines(pool, config.modelsDir),
		queue,
		cuda,
		decision,
		version: SIDECAR_VERSION,
		state: { shuttingDown: false, startedAt: Date.now() },
	};

	const server = http.createServer(createApp(ctx));
	// Node's own request timeout backs up the queue's deadline for slow uploads.
	server.requestTimeout = config.requestTimeoutMs + 30_000;
	server.headersTimeout = 60_000;
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(config.port, config.host, () => resolve());
	});
	const port = (server.address() as AddressInfo).port;
	const host = config.host.includes(':') ? `[${config.host}]` : config.host;
	const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
	logger.info('listening', { url, version: SIDECAR_VERSION });

	const ready = pool.loadAll(config.preloadModels).then(
		async () => {
			await ctx.engines.warmUp(config.preloadModels);
			logger.info('ready', { models: config.preloadModels });
		},
		(err: unknown) => {
			logger.error('model loading failed', errorFields(err));
			throw err;
		},
	);
	ready.catch(() => undefined); // observed by the caller; avoid an unhandled rejection here

	let closing: Promise<void> | undefined;
	const close = () => {
		closing ??= (async () => {
			ctx.state.shuttingDown = true;
			logger.info('shutting down', { inFlight: queue.snapshot() });
			const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
			server.closeIdleConnections();
			const grace = new Promise<void>((resolve) => setTimeout(resolve, config.shutdownGraceMs).unref());
			await Promise.race([queue.idle(), grace]);
			server.closeAllConnections();
			await stopped;
			await ready.catch(() => undefined);
			await pool.close();
			logger.info('stopped');
		})();
		return closing;
	};
	return { url, port, ctx, ready, close };
}
