/**
 * The HTTP contract: one OpenAPI 3.1 document, served at GET /openapi.json. Its schemas are
 * generated from the zod schemas in contract/ (the same ones that parse the requests and type the
 * domain's answers); the paths come from one file per route group (status, ocr, transcribe,
 * invoice, tables). The nodes' types are generated from it (npm run node-types).
 */
import '../contract/all';
import { componentSchemas } from '../contract/schema';
import { invoicePaths } from './invoice';
import { inspectPaths, ocrPaths } from './ocr';
import { statusPaths } from './status';
import { tablePaths } from './tables';
import { transcribePaths } from './transcribe';

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
			schemas: componentSchemas(),
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
