/**
 * An IExecuteFunctions stand-in whose HTTP helper really calls the sidecar. n8n's own test harness is
 * not published; this keeps everything real except the n8n engine: the credential's `authenticate`
 * definition is applied as n8n would, and requests go over real HTTP.
 */
import type { IBinaryData, IDataObject, IExecuteFunctions, IHttpRequestOptions, ILoadOptionsFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { GpuInferenceSidecarApi } from '../../credentials/GpuInferenceSidecarApi.credentials';

export interface ContextOptions {
	params: Record<string, unknown>;
	items?: INodeExecutionData[];
	credentials: { baseUrl: string; apiKey?: string };
	continueOnFail?: boolean;
	nodeName?: string;
}

export interface RecordedRequest {
	method: string;
	url: string;
	headers: Record<string, string>;
}

/** Applies the credential's generic `authenticate` headers (only `{{$credentials.x}}` templates are used). */
function authHeaders(creds: Record<string, unknown>): Record<string, string> {
	const headers = new GpuInferenceSidecarApi().authenticate.properties.headers ?? {};
	return Object.fromEntries(
		Object.entries(headers).map(([k, v]) => [k, String(v).replace(/^=/, '').replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, name: string) => String(creds[name] ?? ''))]),
	);
}

export async function realHttpRequest(options: IHttpRequestOptions, extraHeaders: Record<string, string>): Promise<unknown> {
	const url = new URL(options.url);
	for (const [k, v] of Object.entries(options.qs ?? {})) url.searchParams.set(k, String(v));
	const headers: Record<string, string> = { ...(options.headers as Record<string, string> | undefined), ...extraHeaders };
	let body: RequestInit['body'];
	if (options.body instanceof FormData) body = options.body;
	else if (options.body !== undefined) {
		body = JSON.stringify(options.body);
		headers['content-type'] = 'application/json';
	}
	const res = await fetch(url, { method: options.method ?? 'GET', headers, body, signal: AbortSignal.timeout(options.timeout ?? 300_000) });
	const text = await res.text();
	let parsed: unknown = text;
	if (options.json || /json/.test(res.headers.get('content-type') ?? '')) {
		try {
			parsed = JSON.parse(text);
		} catch {
			parsed = text;
		}
	}
	if (!options.ignoreHttpStatusErrors && res.status >= 400) throw Object.assign(new Error(`Request failed with status code ${res.status}`), { httpCode: res.status });
	return options.returnFullResponse ? { statusCode: res.status, headers: Object.fromEntries(res.headers), body: parsed } : parsed;
}

export function executeContext(opts: ContextOptions): { ctx: IExecuteFunctions; requests: RecordedRequest[]; logged: string[] } {
	const items: INodeExecutionData[] = opts.items ?? [{ json: {} }];
	const requests: RecordedRequest[] = [];
	const node: INode = { id: 'node-1', name: opts.nodeName ?? 'Node', type: 'n8n-nodes-gpu-inference.test', typeVersion: 1, position: [0, 0], parameters: {} };
	const binaryOf = (itemIndex: number, property: string | IBinaryData): IBinaryData => {
		const binary = typeof property === 'string' ? items[itemIndex]?.binary?.[property] : property;
		if (!binary) throw new Error(`item ${itemIndex} has no binary property "${String(property)}"`);
		return binary;
	};
	// What the node logs (retries, progress) is kept for the test to read.
	const logged: string[] = [];
	const log = (message: string) => void logged.push(message);
	// Plain functions, not a mocking library: benches (bench/long-audio.ts) run the nodes outside vitest too.
	const helpers = {
		httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
			const headers = authHeaders(opts.credentials);
			requests.push({ method: options.method ?? 'GET', url: options.url, headers });
			return await realHttpRequest(options, headers);
		},
		assertBinaryData: binaryOf,
		getBinaryDataBuffer: async (itemIndex: number, property: string | IBinaryData) => Buffer.from(binaryOf(itemIndex, property).data, 'base64'),
		prepareBinaryData: async (data: Buffer | NodeJS.ReadableStream, fileName?: string, mimeType?: string) => ({
			data: Buffer.isBuffer(data) ? data.toString('base64') : '',
			fileName,
			mimeType: mimeType ?? 'application/octet-stream',
		}),
	};
	const ctx = {
		helpers,
		getInputData: () => items,
		getNode: () => node,
		continueOnFail: () => opts.continueOnFail ?? false,
		getNodeParameter: (name: string, _i: number, fallback?: unknown) => (name in opts.params ? opts.params[name] : fallback),
		logger: { warn: log, info: log, debug: log, error: log, verbose: log },
		getCredentials: async () => opts.credentials as unknown as IDataObject,
	};
	return { ctx: ctx as unknown as IExecuteFunctions, requests, logged };
}

export function binaryItem(data: Buffer, fileName: string, mimeType: string, property = 'data'): INodeExecutionData {
	return { json: { fileName }, binary: { [property]: { data: data.toString('base64'), fileName, mimeType } } };
}

/** A mocked ILoadOptionsFunctions (what n8n gives a dropdown's method) whose HTTP helper really calls the sidecar. */
export function loadOptionsContext(credentials: { baseUrl: string; apiKey?: string }, current: Record<string, unknown> = {}): ILoadOptionsFunctions {
	const ctx = {
		helpers: { httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => await realHttpRequest(options, authHeaders(credentials)) },
		getCredentials: async () => credentials as unknown as IDataObject,
		getCurrentNodeParameter: (name: string) => current[name],
		getNode: () => ({ id: 'node-1', name: 'Node', type: 'n8n-nodes-gpu-inference.test', typeVersion: 1, position: [0, 0], parameters: {} }) as INode,
	};
	return ctx as unknown as ILoadOptionsFunctions;
}
