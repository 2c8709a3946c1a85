/**
 * The sidecar routes the nodes call. The sidecar's OpenAPI document (GET /openapi.json) is the
 * contract; a test checks that every route here exists there with the same method.
 */
export interface SidecarRoute {
	readonly method: 'GET' | 'POST';
	readonly path: string;
}

export const SIDECAR_ROUTES = {
	gpuStatus: { method: 'GET', path: '/v1/gpu-status' },
	models: { method: 'GET', path: '/v1/models' },
	inspect: { method: 'POST', path: '/v1/inspect' },
	ocr: { method: 'POST', path: '/v1/ocr' },
	ocrInvoice: { method: 'POST', path: '/v1/ocr/invoice' },
	ocrTable: { method: 'POST', path: '/v1/ocr/table' },
	transcribe: { method: 'POST', path: '/v1/transcribe' },
} as const satisfies Record<string, SidecarRoute>;

export const CREDENTIAL_NAME = 'gpuInferenceSidecarApi';
