/** Open routes: liveness, readiness, Prometheus metrics and the OpenAPI document. */
import { Router } from 'express';
import type { SidecarContext } from '../context';
import path from 'node:path';
import { openApiDocument } from '../openapi/document';
import { resolvePackageDir } from '../models/registry';

const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>gpu-inference-sidecar API</title>
<script type="module" src="/docs/rapidoc-min.js"></script>
</head>
<body>
<rapi-doc spec-url="/openapi.json" render-style="read" theme="light" show-header="false" allow-authentication="true" allow-server-selection="false" allow-try="true" heading-text="gpu-inference-sidecar"></rapi-doc>
</body>
</html>
`;

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
	// An interactive page for operators (RapiDoc, from npm): the served contract, with a field for the API key.
	router.get('/docs', (_req, res) => {
		res.type('html').send(DOCS_PAGE);
	});
	const rapidoc = resolvePackageDir('rapidoc');
	router.get('/docs/rapidoc-min.js', (_req, res) => {
		if (!rapidoc) return void res.status(404).type('text/plain').send('rapidoc is not installed');
		res.type('application/javascript').setHeader('Cache-Control', 'public, max-age=86400');
		res.sendFile(path.join(rapidoc, 'dist', 'rapidoc-min.js'));
	});
	return router;
}
