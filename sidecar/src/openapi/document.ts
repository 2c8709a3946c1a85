/**
 * The HTTP contract: one OpenAPI 3.1 document, served at GET /openapi.json, assembled from one file
 * per route group (status, ocr, transcribe, invoice, tables). The express routes and the n8n nodes'
 * client are tested against it, and the nodes' types are generated from it (npm run node-types);
 * change the contract there first.
 */
import { invoicePaths, invoiceSchemas } from './invoice';
import { inspectPaths, ocrPaths, ocrSchemas } from './ocr';
import { statusPaths, statusSchemas } from './status';
import { tablePaths, tableSchemas } from './tables';
import { transcribePaths, transcribeSchemas } from './transcribe';

export function openApiDocument(version: string) {
	return {
		openapi: '3.1.0',
		info: {
			title: 'GPU inference sidecar',
			version,
			description:
				'OCR and speech models on ONNX Runtime (CUDA or CPU) for the n8n-nodes-gpu-inference community nodes. ' +
				'Every error is application/problem+json. When API_KEY is set, /v1/* needs Authorization: Bearer <API_KEY>.',
			license: { name: 'MIT', identifier: 'MIT' },
		},
		servers: [{ url: 'http://127.0.0.1:8787' }],
		components: {
			securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
			schemas: {
				...statusSchemas,
				...ocrSchemas,
				...transcribeSchemas,
				...invoiceSchemas,
				...tableSchemas,
			},
		},
		paths: {
			...statusPaths,
			...ocrPaths,
			...transcribePaths,
			...invoicePaths,
			...tablePaths,
			...inspectPaths,
		},
	} as const;
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
