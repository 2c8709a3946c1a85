/** Request id, access log line and per-route metrics for every request. */
import crypto from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Logger } from '../log/logger';
import type { SidecarMetrics } from '../metrics/metrics';

declare module 'express-serve-static-core' {
	interface Request {
		id: string;
		log: Logger;
	}
}

const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The route template (`/v1/gpu-status`), never the raw URL: keeps metric label cardinality bounded. */
export function routeLabel(req: Request): string {
	const route = req.route as { path?: unknown } | undefined;
	return typeof route?.path === 'string' ? `${req.baseUrl}${route.path}` : 'unmatched';
}

export function requestContext(logger: Logger, metrics: SidecarMetrics): RequestHandler {
	return (req, res, next) => {
		const incoming = req.get('x-request-id');
		req.id = incoming && SAFE_ID.test(incoming) ? incoming : crypto.randomUUID();
		req.log = logger.child({ reqId: req.id });
		res.setHeader('X-Request-Id', req.id);
		const started = process.hrtime.bigint();
		const path = req.path; // before routers rewrite it relative to their mount point
		res.on('finish', () => {
			const seconds = Number(process.hrtime.bigint() - started) / 1e9;
			const route = routeLabel(req);
			metrics.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
			metrics.httpDuration.observe({ method: req.method, route }, seconds);
			req.log.info('request', { method: req.method, path, route, status: res.statusCode, ms: Math.round(seconds * 1000) });
		});
		next();
	};
}
