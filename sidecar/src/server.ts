/**
 * Start-up and shutdown. Order matters: configuration and the execution-provider decision are
 * checked before the port opens (DEVICE=cuda without CUDA never listens); then the server listens
 * so /healthz and /readyz answer while the models load and warm in the background.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { assertSafeToServe, sessionThreads, type SidecarConfig } from './config/config';
import type { SidecarContext } from './context';
import { createApp } from './app';
import { createLogger, errorFields, type Logger } from './log/logger';
import { createMetrics } from './metrics/metrics';
import { loadRegistry } from './models/registry';
import { Engines } from './engines';
import { ModelPool } from './runtime/modelPool';
import { decideProvider, probeCuda } from './runtime/provider';
import { WorkQueue } from './queue/workQueue';
import { JobCancelledError } from './errors';
import { UploadBudget } from './http/upload';
import { PROBLEM_CONTENT_TYPE, problemType } from './http/problem';
import { MAX_PAGE_PIXELS } from './ocr/image';
import { MAX_RENDER_PIXELS, PDF_WORKER_RECYCLE_MB, PdfWorkerPool } from './pdf/workers';
import { TempFiles } from './runtime/tempFiles';
import { ProgressBoard } from './queue/progress';
import { FFMPEG_FIX, locateFfmpeg } from './media/ffmpeg';
import { SIDECAR_VERSION } from './version';

export interface RunningSidecar {
	url: string;
	port: number;
	ctx: SidecarContext;
	/** Resolves when every preloaded model is loaded and warm; rejects when one fails. */
	ready: Promise<void>;
	/** Stops: no new work, running jobs get SHUTDOWN_GRACE_MS, then are cancelled (503). Resolves with how many were dropped. */
	close(): Promise<{ dropped: number }>;
}

export interface StartOptions {
	logger?: Logger;
	nvidiaSmi?: string;
}

export async function startSidecar(config: SidecarConfig, opts: StartOptions = {}): Promise<RunningSidecar> {
	assertSafeToServe(config);
	const logger = opts.logger ?? createLogger(config.logLevel);
	const registry = loadRegistry(config.registryPath);
	const unknown = config.preloadModels.filter((id) => !registry.models.some((m) => m.id === id));
	if (unknown.length > 0) throw new Error(`PRELOAD_MODELS names models not in the registry: ${unknown.join(', ')}`);

	const cuda = await probeCuda(opts.nvidiaSmi);
	const decision = decideProvider(config.device, cuda); // throws for DEVICE=cuda without CUDA
	const threads = sessionThreads(config, os.availableParallelism());
	logger.info('execution provider', { requested: config.device, provider: decision.provider, reason: decision.reason, gpus: cuda.gpus.length, concurrency: config.concurrency, threadsPerSession: threads || 'onnxruntime default' });
	if (config.apiKey === undefined) {
		logger.warn('API_KEY is not set: /v1/* is open to anyone who can reach this port', { host: config.host, port: config.port });
	}

	const temp = new TempFiles();
	const swept = temp.sweep();
	if (swept.length > 0) logger.info('removed temporary files left by earlier runs', { count: swept.length });

	const ffmpeg = await locateFfmpeg(config.ffmpegPath);
	if (ffmpeg.source === 'missing') logger.warn('no ffmpeg: transcription will answer 503 until one is installed', { fix: FFMPEG_FIX, FFMPEG_PATH: config.ffmpegPath });
	else if (ffmpeg.source === 'npm') logger.warn('using the ffmpeg build shipped on npm (@ffmpeg-installer, 2018); a distribution ffmpeg gets security fixes', { version: ffmpeg.version });
	else logger.info('ffmpeg', { source: ffmpeg.source, version: ffmpeg.version });

	const metrics = createMetrics();
	const queue = new WorkQueue(config.concurrency, config.queueCapacity, {
		changed: (s) => {
			metrics.queueDepth.set(s.depth);
			metrics.queueRunning.set(s.running);
		},
		rejected: () => metrics.queueRejected.inc(),
		cancelled: (reason, running) => metrics.jobsCancelled.inc({ reason, state: running ? 'running' : 'waiting' }),
	});
	const pdf = new PdfWorkerPool({
		size: config.concurrency,
		heapMb: config.pdfWorkerHeapMb,
		rssLimitMb: config.maxRssMb,
		recycleMb: PDF_WORKER_RECYCLE_MB,
		// A page renders to at most 18 MP (A3 at 300 DPI; larger pages at a lower DPI): about 130 MB in the worker, 55 MB here.
		limits: { maxImagePixels: MAX_PAGE_PIXELS, maxRenderPixels: MAX_RENDER_PIXELS },
		onStop: (why, filename) => {
			metrics.documentWorkersStopped.inc({ why });
			if (why !== 'cancelled') logger.warn('PDF worker stopped', { why, filename });
		},
	});
	const pool = new ModelPool({
		registry,
		modelsDir: config.modelsDir,
		requested: config.device,
		decision,
		cudaDeviceId: config.cudaDeviceId,
		intraOpThreads: threads,
		verifyHashes: config.verifyModelHashes,
		graphRewrites: config.graphRewrites,
		inferenceThreads: config.inferenceThreads,
		// One copy of each CPU session per job that may run at once.
		sessionCopies: config.concurrency,
		metrics,
		logger,
	});
	const ctx: SidecarContext = {
		config,
		logger,
		metrics,
		registry,
		pool,
		engines: new Engines(pool, config.modelsDir, pdf),
		pdf,
		temp,
		ffmpeg,
		uploads: new UploadBudget(config.maxInflightMb * 1024 * 1024),
		progress: new ProgressBoard(),
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
	// Node answers malformed requests, oversized headers (431) and slow uploads (408) itself, with empty
	// bodies: answer them as problem+json like every other error.
	server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
		if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
		const [status, title] =
			err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large'] : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'Request Timeout'] : [400, 'Bad Request'];
		const slug = status === 431 ? 'headers-too-large' : status === 408 ? 'request-timeout' : 'bad-request';
		const detail = status === 431 ? 'the request headers are too large' : status === 408 ? 'the request was not received in time' : 'the request is not valid HTTP';
		const body = JSON.stringify({ type: problemType(slug), title, status, detail });
		socket.end(`HTTP/1.1 ${status} ${title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
	});
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

	let closing: Promise<{ dropped: number }> | undefined;
	const close = () => {
		closing ??= (async () => {
			ctx.state.shuttingDown = true;
			logger.info('shutting down', { inFlight: queue.snapshot(), graceMs: config.shutdownGraceMs });
			const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
			server.closeIdleConnections();
			let graceTimer: NodeJS.Timeout | undefined;
			const grace = new Promise<'grace'>((resolve) => (graceTimer = setTimeout(() => resolve('grace'), config.shutdownGraceMs)));
			const outcome = await Promise.race([queue.idle().then(() => 'idle' as const), grace]);
			clearTimeout(graceTimer);
			let dropped = 0;
			if (outcome === 'grace') {
				// Work still running or waiting is stopped; its clients get a 503 shutting-down, not an empty reply.
				const inFlight = queue.snapshot();
				dropped = queue.cancelAll(new JobCancelledError('shutdown'));
				logger.error('shutdown grace ran out: dropped unfinished work', { dropped, running: inFlight.running, waiting: inFlight.depth, graceMs: config.shutdownGraceMs });
				// Timers kept referenced: the process must not run out of work and exit before close() ends.
				await Promise.race([queue.idle(), new Promise((r) => setTimeout(r, 2000))]);
				await new Promise((r) => setTimeout(r, 100));
			}
			server.closeAllConnections();
			await stopped;
			await ready.catch(() => undefined);
			await pdf.close();
			await pool.close();
			temp.removeAll();
			logger.info('stopped', { dropped });
			return { dropped };
		})();
		return closing;
	};
	return { url, port, ctx, ready, close };
}
