/**
 * The one client every node uses to talk to the sidecar: URL building from the credential,
 * auth (the credential's generic Bearer header), multipart uploads with global FormData/Blob,
 * and sidecar problem+json answers mapped to NodeApiError with the item's index.
 */
import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type JsonObject,
} from 'n8n-workflow';
import { CREDENTIAL_NAME, type SidecarRoute } from './routes';

export interface SidecarCredentials {
	baseUrl: string;
	apiKey?: string;
}

export interface Problem {
	type: string;
	title: string;
	status: number;
	detail: string;
	requestId?: string;
}

interface FullResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body: unknown;
}

export interface RequestOptions {
	qs?: Record<string, string | number | boolean>;
	timeoutMs?: number;
	/** Further attempts when the sidecar is busy, starting or restarting (default DEFAULT_RETRIES). */
	retries?: number;
}

/**
 * Retried: a full queue (429), a sidecar starting, shutting down or restarting (503, refused or reset
 * connections), and a balancer that lost the sidecar it had sent the request to (502: the sidecar
 * itself never answers 502). Every sidecar request is idempotent, so a retry never does work twice
 * that matters.
 * Not retried: a model that is not downloaded or a missing ffmpeg (503s that waiting does not fix),
 * timeouts (the work was long, not refused), and every 4xx but 429.
 */
export const DEFAULT_RETRIES = 5;
const PERMANENT_503 = /model-not-downloaded|ffmpeg-missing/;
const RETRYABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_SOCKET']);
/** This node's own timeout (axios reports ECONNABORTED): the work was long, so it is not sent again. */
const TIMED_OUT = /ECONNABORTED|ETIMEDOUT|timeout of \d+ms exceeded|aborted due to timeout/i;
/**
 * Wait before attempt n+1: a window growing exponentially from 1 s (capped at 30 s) with full
 * jitter, after the sidecar's Retry-After when it gives one. The window grows even with Retry-After:
 * every client turned away at once is told the same few seconds, and without the spread they would
 * all come back together and be turned away together (measured: 47 of 500 files failed after 6
 * attempts at 4× capacity when only 0.25 s of jitter was added).
 */
export function retryDelayMs(attempt: number, retryAfterSeconds: number | undefined, random = Math.random): number {
	const window = Math.floor(random() * Math.min(30_000, 1000 * 2 ** attempt));
	if (retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds)) return Math.min(30_000, Math.max(0, retryAfterSeconds) * 1000) + window;
	return window + 100;
}

/** One attempt's outcome: the answer, or the error with whether another attempt may help. */
type Attempt<T> = { ok: true; value: T } | { ok: false; error: NodeApiError; retry: boolean; busy?: boolean; retryAfterSeconds?: number };

export const DEFAULT_TIMEOUT_MS = 300_000;

export function joinUrl(baseUrl: string, path: string): string {
	return `${baseUrl.trim().replace(/\/+$/, '')}${path}`;
}

function isProblem(body: unknown): body is Problem {
	const b = body as Partial<Problem> | null;
	return typeof b === 'object' && b !== null && typeof b.title === 'string' && typeof b.status === 'number';
}

function parseBody(body: unknown): unknown {
	if (typeof body === 'string') {
		try {
			return JSON.parse(body) as unknown;
		} catch {
			return body;
		}
	}
	if (body instanceof Buffer || body instanceof Uint8Array) return parseBody(Buffer.from(body).toString('utf8'));
	return body;
}

async function baseUrlOf(ctx: IExecuteFunctions, itemIndex: number): Promise<string> {
	const creds = await ctx.getCredentials<SidecarCredentials>(CREDENTIAL_NAME, itemIndex);
	if (!creds.baseUrl) throw new NodeOperationError(ctx.getNode(), 'The GPU Inference Sidecar credential has no Base URL', { itemIndex });
	return creds.baseUrl;
}

/** Sends one request: a 2xx body, or a NodeApiError (with itemIndex) for everything else. */
async function sendOnce<T>(ctx: IExecuteFunctions, itemIndex: number, route: SidecarRoute, options: IHttpRequestOptions): Promise<Attempt<T>> {
	const url = options.url;
	let response: FullResponse;
	try {
		response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_NAME, {
			...options,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as FullResponse;
	} catch (error) {
		const e = error as Error & { code?: string; cause?: { code?: string } };
		const code = e.code ?? e.cause?.code;
		const timedOut = TIMED_OUT.test(`${code ?? ''} ${e.message}`);
		const seconds = Math.round((options.timeout ?? DEFAULT_TIMEOUT_MS) / 1000);
		const failure = new NodeApiError(ctx.getNode(), { message: e.message, code: code ?? 'ECONNECTION' } as JsonObject, {
			itemIndex,
			message: timedOut ? `The GPU inference sidecar did not answer within ${seconds} s` : `Cannot reach the GPU inference sidecar at ${url}`,
			description: timedOut
				? `Raise this node's "Timeout (Seconds)" option for large files; the sidecar stops work nobody waits for.`
				: `${code ? `${code}: ` : ''}${e.message}. Check the credential's Base URL and that the sidecar is running.`,
		});
		const retry = !timedOut && ((code !== undefined && RETRYABLE_CODES.has(code)) || /socket hang up|ECONNRESET|ECONNREFUSED/.test(e.message));
		return { ok: false, error: failure, retry };
	}
	const body = parseBody(response.body);
	if (response.statusCode >= 200 && response.statusCode < 300) return { ok: true, value: body as T };
	const problem: Problem = isProblem(body)
		? body
		: { type: 'about:blank', title: `HTTP ${response.statusCode}`, status: response.statusCode, detail: typeof body === 'string' ? body.slice(0, 500) : 'unexpected answer' };
	const failure = new NodeApiError(ctx.getNode(), problem as unknown as JsonObject, {
		itemIndex,
		httpCode: String(problem.status),
		message: `${problem.title}: ${problem.detail}`,
		description: `${route.method} ${route.path} answered ${problem.status}${problem.requestId ? ` (request id ${problem.requestId})` : ''}`,
	});
	const retryAfter = Number(response.headers?.['retry-after'] ?? NaN);
	const retry = response.statusCode === 429 || response.statusCode === 502 || (response.statusCode === 503 && !PERMANENT_503.test(problem.type));
	return { ok: false, error: failure, retry, busy: response.statusCode === 429, retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : undefined };
}

/**
 * sendOnce, again after a wait: up to `retries` more times while the sidecar is down, starting or
 * restarting; while it answers that its queue is full (429) the file waits its turn for as long as
 * `busyBudgetMs` (the node's timeout), because a busy sidecar is working through its queue and will
 * get to it (a fixed count of tries failed files in a long burst at 4× capacity).
 */
async function send<T>(ctx: IExecuteFunctions, itemIndex: number, route: SidecarRoute, options: () => IHttpRequestOptions, retries: number, busyBudgetMs: number): Promise<T> {
	let waitedMs = 0;
	let failures = 0;
	for (let attempt = 0; ; attempt++) {
		const result = await sendOnce<T>(ctx, itemIndex, route, options());
		if (result.ok) return result.value;
		if (!result.busy) failures++;
		const outOfTries = result.busy ? waitedMs >= busyBudgetMs : failures > retries;
		if (!result.retry || outOfTries) {
			if (attempt > 0) result.error.description = `${result.error.description ?? ''} (after ${attempt + 1} attempts over ${Math.round(waitedMs / 1000)} s)`.trim();
			throw result.error;
		}
		const wait = retryDelayMs(attempt, result.retryAfterSeconds);
		const next = result.busy ? `try ${attempt + 2} (waiting its turn)` : `attempt ${failures + 1} of ${retries + 1}`;
		ctx.logger.warn(`GPU inference sidecar busy or unavailable (${result.error.message}); ${next} in ${Math.round(wait / 100) / 10} s`, { itemIndex });
		await sleep(wait);
		waitedMs += wait;
	}
}

export async function sidecarRequest<T>(ctx: IExecuteFunctions, itemIndex: number, route: SidecarRoute, opts: RequestOptions = {}): Promise<T> {
	const url = joinUrl(await baseUrlOf(ctx, itemIndex), route.path);
	return await send<T>(ctx, itemIndex, route, () => ({ method: route.method, url, qs: opts.qs, json: true, timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS }), opts.retries ?? DEFAULT_RETRIES, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
}

/** Uploads the item's binary property as the multipart field `file`, with `fields` as form fields. */
export async function sidecarUpload<T>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	route: SidecarRoute,
	binaryPropertyName: string,
	fields: Record<string, string | number | boolean | undefined> = {},
	opts: RequestOptions = {},
): Promise<T> {
	const binary = ctx.helpers.assertBinaryData(itemIndex, binaryPropertyName);
	const buffer = await ctx.helpers.getBinaryDataBuffer(itemIndex, binaryPropertyName);
	const baseUrl = await baseUrlOf(ctx, itemIndex);
	const url = joinUrl(baseUrl, route.path);
	// Our own request id: the sidecar's progress for it can be read while the upload waits for its answer.
	const requestId = `n8n-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
	// A fresh form per attempt: a body stream is consumed by the attempt that sent it.
	const request = (): IHttpRequestOptions => {
		const form = new FormData();
		for (const [name, value] of Object.entries(fields)) {
			if (value !== undefined && value !== '') form.append(name, String(value));
		}
		form.append('file', new Blob([new Uint8Array(buffer)], { type: binary.mimeType || 'application/octet-stream' }), binary.fileName ?? 'upload');
		return { method: route.method, url, headers: { 'X-Request-Id': requestId }, body: form as unknown as IHttpRequestOptions['body'], timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS };
	};
	const watching = { done: false };
	void logProgress(ctx, itemIndex, baseUrl, requestId, binary.fileName ?? binaryPropertyName, watching);
	try {
		return await send<T>(ctx, itemIndex, route, request, opts.retries ?? DEFAULT_RETRIES, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
	} finally {
		watching.done = true;
	}
}

/** How often long work's progress is read and logged. */
export const PROGRESS_EVERY_MS = 20_000;

/**
 * While a long upload waits for its answer, logs the sidecar's progress on it every 20 s (pages or
 * speech chunks done of how many) in n8n's log. Quiet for work that ends sooner.
 */
async function logProgress(ctx: IExecuteFunctions, itemIndex: number, baseUrl: string, requestId: string, what: string, watching: { done: boolean }): Promise<void> {
	for (;;) {
		await sleep(PROGRESS_EVERY_MS);
		if (watching.done) return;
		try {
			const p = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_NAME, {
				method: 'GET',
				url: joinUrl(baseUrl, `/v1/progress/${requestId}`),
				json: true,
				timeout: 10_000,
			})) as { state: string; done: number | null; total: number | null; unit: string | null; elapsedMs: number };
			if (watching.done) return;
			const part = p.total ? `, ${p.done ?? 0} of ${p.total} ${p.unit ?? ''}`.trimEnd() : '';
			ctx.logger.info(`GPU inference sidecar: ${what} ${p.state}${part} after ${Math.round(p.elapsedMs / 1000)} s`, { itemIndex });
		} catch {
			// Progress is a courtesy: a missed reading changes nothing.
		}
	}
}
