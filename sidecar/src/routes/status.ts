/** GET /v1/gpu-status and GET /v1/models: what runs where, and why. */
import { Router } from 'express';
import type { SidecarContext } from '../context';
import { queryNvidiaSmi, type GpuInfo } from '../runtime/nvidiaSmi';
import { canTranslate, modelLanguages } from '../asr/languages';
import { missingFiles } from '../models/registry';
import { problems } from '../http/problem';
import type { ExecutionProvider } from '../runtime/provider';

const MiB = 1024 * 1024;


/** CUDA is the active provider only if some loaded model really runs on it. */
export function activeProvider(ctx: SidecarContext): ExecutionProvider {
	const models = ctx.pool.status().filter((m) => m.loaded);
	return models.some((m) => m.provider === 'cuda') ? 'cuda' : ctx.decision.provider === 'cuda' && models.length === 0 ? 'cuda' : 'cpu';
}

export function statusRoutes(ctx: SidecarContext): Router {
	const router = Router();
	// Live GPU numbers (memory, utilisation) when a driver is present; cached briefly so polling is cheap.
	let cached: { at: number; gpus: GpuInfo[] } = { at: Date.now(), gpus: ctx.cuda.gpus };
	const gpus = async (): Promise<GpuInfo[]> => {
		if (ctx.cuda.gpus.length === 0 || Date.now() - cached.at < 1000) return cached.gpus;
		const smi = await queryNvidiaSmi();
		cached = { at: Date.now(), gpus: smi.ok ? smi.gpus : [] };
		return cached.gpus;
	};

	router.get('/gpu-status', async (_req, res) => {
		const mem = process.memoryUsage();
		res.json({
			activeProvider: activeProvider(ctx),
			requestedDevice: ctx.config.device,
			providerReason: ctx.decision.reason,
			cuda: { available: ctx.cuda.available, reason: ctx.cuda.reason, gpus: await gpus() },
			models: ctx.pool.status(),
			queue: ctx.queue.snapshot(),
			process: {
				rssMiB: Math.round((mem.rss / MiB) * 10) / 10,
				heapUsedMiB: Math.round((mem.heapUsed / MiB) * 10) / 10,
				uptimeS: Math.round((Date.now() - ctx.state.startedAt) / 100) / 10,
				pid: process.pid,
				node: process.version,
			},
			ffmpeg: { available: ctx.ffmpeg.path !== null, source: ctx.ffmpeg.source, version: ctx.ffmpeg.version },
			version: ctx.version,
			ready: ctx.pool.ready(ctx.config.preloadModels) && ctx.engines.warm,
		});
	});

	router.get('/progress/:requestId', (req, res, next) => {
		const progress = ctx.progress.get(String(req.params.requestId));
		if (!progress) return next(problems.notFound(`/v1/progress/${String(req.params.requestId).slice(0, 64)} (no such request in the last minute)`));
		res.json(progress);
	});

	router.get('/models', (_req, res) => {
		const statuses = new Map(ctx.pool.status().map((s) => [s.id, s]));
		res.json({
			models: ctx.registry.models.map((m) => ({
				id: m.id,
				task: m.task,
				family: m.family,
				embedded: m.embedded,
				license: m.license,
				description: m.description,
				files: Object.fromEntries(Object.entries(m.files).map(([k, f]) => [k, { size: f.size ?? null, sha256: f.sha256 }])),
				// Every file in place (hashes are checked when the model loads); false: `models pull <id>` is due.
				downloaded: missingFiles(m, ctx.config.modelsDir).length === 0,
				...(m.task === 'asr' ? { languages: modelLanguages(m), translate: canTranslate(m) } : {}),
				status: statuses.get(m.id),
			})),
		});
	});
	return router;
}
