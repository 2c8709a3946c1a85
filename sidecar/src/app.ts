/** The express application: middleware order, routers, and the problem+json fallbacks. */
import express, { type Express } from 'express';
import type { SidecarContext } from './context';
import { bearerAuth } from './http/auth';
import { hostCheck } from './http/hostCheck';
import { errorHandler } from './http/errors';
import { problems } from './http/problem';
import { requestContext } from './http/requestContext';
import { openApiDocument } from './openapi/document';
import { healthRoutes } from './routes/health';
import { inspectRoutes } from './routes/inspect';
import { invoiceRoutes } from './routes/invoice';
import { ocrRoutes } from './routes/ocr';
import { tableRoutes } from './routes/table';
import { transcribeRoutes } from './routes/transcribe';
import { statusRoutes } from './routes/status';

/** Methods per path, from the OpenAPI document: used to answer 405 with an Allow header. */
function allowedMethods(version: string): Map<string, string[]> {
	const doc = openApiDocument(version);
	return new Map(Object.entries(doc.paths).map(([p, ops]) => [p, Object.keys(ops).map((m) => m.toUpperCase())]));
}

export function createApp(ctx: SidecarContext): Express {
	const app = express();
	app.disable('x-powered-by');
	app.set('etag', false);
	app.use(requestContext(ctx.logger, ctx.metrics));
	app.use(hostCheck(ctx.config.allowedHosts));
	app.use(healthRoutes(ctx));

	const v1 = express.Router();
	v1.use(bearerAuth(ctx.config.apiKey));
	v1.use(statusRoutes(ctx));
	v1.use(inspectRoutes(ctx));
	v1.use(ocrRoutes(ctx));
	v1.use(invoiceRoutes(ctx));
	v1.use(tableRoutes(ctx));
	v1.use(transcribeRoutes(ctx));
	app.use('/v1', v1);

	const allowed = allowedMethods(ctx.version);
	app.use((req, _res, next) => {
		const methods = allowed.get(req.path);
		next(methods ? problems.methodNotAllowed(req.method, req.path, methods) : problems.notFound(req.path));
	});
	app.use(errorHandler);
	return app;
}
