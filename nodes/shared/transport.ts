/**
 * The one client every node uses to talk to the sidecar: URL building from the credential,
 * auth (the credential's generic Bearer header), multipart uploads with global FormData/Blob,
 * and sidecar problem+json answers mapped to NodeApiError with the item's index.
 */
import {
	NodeApiError,
	NodeOperationError,
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
}

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

/** Sends one request; answers 2xx bodies, throws NodeApiError (with itemIndex) for everything else. */
async function send<T>(ctx: IExecuteFunctions, itemIndex: number, route: SidecarRoute, options: IHttpRequestOptions): Promise<T> {
	const url = options.url;
	let response: FullResponse;
	try {
		response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_NAME, {
			...options,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as FullResponse;
	} catch (error) {
		const e = error as Error & { code?: string };
		throw new NodeApiError(ctx.getNode(), { message: e.message, code: e.code ?? 'ECONNECTION' } as JsonObject, {
			itemIndex,
			message: `Cannot reach the GPU inference sidecar at ${url}`,
			description: `${e.code ? `${e.code}: ` : ''}${e.message}. Check the credential's Base URL and that the sidecar is running.`,
		});
	}
	const body = parseBody(response.body);
	if (response.statusCode >= 200 && response.statusCode < 300) return body as T;
	const problem: Problem = isProblem(body)
		? body
		: { type: 'about:blank', title: `HTTP ${response.statusCode}`, status: response.statusCode, detail: typeof body === 'string' ? body.slice(0, 500) : 'unexpected answer' };
	throw new NodeApiError(ctx.getNode(), problem as unknown as JsonObject, {
		itemIndex,
		httpCode: String(problem.status),
		message: `${problem.title}: ${problem.detail}`,
		description: `${route.method} ${route.path} answered ${problem.status}${problem.requestId ? ` (request id ${problem.requestId})` : ''}`,
	});
}

export async function sidecarRequest<T>(ctx: IExecuteFunctions, itemIndex: number, route: SidecarRoute, opts: RequestOptions = {}): Promise<T> {
	const url = joinUrl(await baseUrlOf(ctx, itemIndex), route.path);
	return await send<T>(ctx, itemIndex, route, {
		method: route.method,
		url,
		qs: opts.qs,
		json: true,
		timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
	});
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
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) {
		if (value !== undefined && value !== '') form.append(name, String(value));
	}
	form.append('file', new Blob([new Uint8Array(buffer)], { type: binary.mimeType || 'application/octet-stream' }), binary.fileName ?? 'upload');
	const url = joinUrl(await baseUrlOf(ctx, itemIndex), route.path);
	return await send<T>(ctx, itemIndex, route, {
		method: route.method,
		url,
		body: form as unknown as IHttpRequestOptions['body'],
		timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
	});
}
