/** Open routes: liveness, readiness, Prometheus metrics and the OpenAPI document. */
import { Router } from 'express';
import type { SidecarContext } from '../context';
import { openApiDocument } from '../openapi/document';

export function healthRoutes(ctx: SidecarContext): Router {
	const router = Router();
	router.get('/healthz', (_req, res) => {
		res.json({ status: 'ok' });
	});
	router.get('/readyz', (_req, res) => {
		const ready = !ctx.state.shuttingDown && ctx.pool.ready(ctx.config.preloadModels) && ctx.engines.warm;
		const models = ctx.pool.status().filter((m) => ctx.config.preloadModels.includes(m.id));
		// ffmpeg is reported, not required: OCR serves without it, and transcription says what is missing.
		res.status(ready ? 200 : 503).json({ ready, models, ffmpeg: { available: ctx.ffmpeg.path !== null, source: ctx.ffmpeg.source, version: ctx.ffmpeg.version } });
	});
	router.get('/metrics', async (_req, res) => {
		res.type(ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics());
	});
	const doc = openApiDocument(ctx.version);
	router.get('/openapi.json', (_req, res) => {
		res.json(doc);
	});
	return router;
}
