/**
 * RFC 9457 problem details. Every error the sidecar sends is one of these, with a stable `type`
 * per kind of problem; internal errors never carry their message or stack to the client.
 */
import type { ProblemBody } from '../contract/status';

export type { ProblemBody };

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export class HttpProblem extends Error {
	constructor(
		readonly status: number,
		readonly slug: string,
		readonly title: string,
		readonly detail: string,
		readonly headers: Record<string, string> = {},
		readonly extensions: Record<string, unknown> = {},
	) {
		super(detail);
		this.name = 'HttpProblem';
	}

	body(instance?: string, requestId?: string): ProblemBody {
		return {
			type: problemType(this.slug),
			title: this.title,
			status: this.status,
			detail: this.detail,
			...(instance ? { instance } : {}),
			...(requestId ? { requestId } : {}),
			...this.extensions,
		};
	}
}

export function problemType(slug: string): string {
	return `urn:gpu-inference:problem:${slug}`;
}

export const problems = {
	notFound: (path: string) => new HttpProblem(404, 'not-found', 'Not Found', `no route for ${path}`),
	methodNotAllowed: (method: string, path: string, allowed: string[]) =>
		new HttpProblem(405, 'method-not-allowed', 'Method Not Allowed', `${method} is not allowed on ${path}`, { Allow: allowed.join(', ') }),
	unauthorized: (detail: string) =>
		new HttpProblem(401, 'unauthorized', 'Unauthorized', detail, { 'WWW-Authenticate': 'Bearer realm="gpu-inference-sidecar"' }),
	badRequest: (detail: string) => new HttpProblem(400, 'bad-request', 'Bad Request', detail),
	payloadTooLarge: (limitMb: number) =>
		new HttpProblem(413, 'payload-too-large', 'Payload Too Large', `the upload exceeds MAX_UPLOAD_MB=${limitMb} MB`, { Connection: 'close' }, { limitBytes: limitMb * 1024 * 1024 }),
	hostNotAllowed: (host: string) =>
		new HttpProblem(403, 'host-not-allowed', 'Forbidden', `this sidecar does not serve the host name "${host}"; its operator can add it to ALLOWED_HOSTS`),
	unsupportedMedia: (detail: string, accepted: readonly string[]) =>
		new HttpProblem(415, 'unsupported-media-type', 'Unsupported Media Type', detail, {}, { accepted }),
	unprocessable: (slug: string, title: string, detail: string) => new HttpProblem(422, slug, title, detail),
	queueFull: (retryAfterSeconds: number) =>
		new HttpProblem(429, 'queue-full', 'Too Many Requests', 'the inference queue is full; retry later', { 'Retry-After': String(retryAfterSeconds) }),
	notReady: (detail: string) => new HttpProblem(503, 'not-ready', 'Service Unavailable', detail, { 'Retry-After': '5' }),
	/** No Retry-After: waiting does not help until an operator pulls the model. */
	notDownloaded: (detail: string) => new HttpProblem(503, 'model-not-downloaded', 'Service Unavailable', detail),
	shuttingDown: () => new HttpProblem(503, 'shutting-down', 'Service Unavailable', 'the sidecar is shutting down', { Connection: 'close', 'Retry-After': '5' }),
	timeout: (ms: number) => new HttpProblem(504, 'timeout', 'Gateway Timeout', `the request did not finish within ${Math.round(ms / 1000)} s (the sidecar's REQUEST_TIMEOUT_MS=${ms}); its work was stopped`),
	/** The client went away: nobody reads this answer, but the access log and metrics see it. */
	clientGone: () => new HttpProblem(499, 'client-closed-request', 'Client Closed Request', 'the client closed the connection before the answer was ready; the work was stopped'),
	dependency: (slug: string, detail: string) => new HttpProblem(503, slug, 'Service Unavailable', detail),
	internal: () => new HttpProblem(500, 'internal', 'Internal Server Error', 'the sidecar failed to handle this request; see its log for the request id'),
};
