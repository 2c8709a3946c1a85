/**
 * The service part of the contract: health, readiness, metrics, progress, GPU status, models, and the problem every error is.
 */
import { v1Errors } from './helpers';

export const statusPaths = {
		'/healthz': {
			get: {
				operationId: 'health',
				summary: 'Liveness: the process answers',
				security: [],
				responses: {
					'200': {
						description: 'Alive',
						content: { 'application/json': { schema: { $ref: '#/components/schemas/Health' } } },
					},
				},
			},
		},
		'/readyz': {
			get: {
				operationId: 'readiness',
				summary: 'Readiness: 200 only when every preloaded model is loaded and warmed',
				security: [],
				responses: {
					'200': {
						description: 'Ready',
						content: {
							'application/json': { schema: { $ref: '#/components/schemas/Readiness' } },
						},
					},
					'503': {
						description: 'Not ready yet (body says which models)',
						content: {
							'application/json': { schema: { $ref: '#/components/schemas/Readiness' } },
						},
					},
				},
			},
		},
		'/metrics': {
			get: {
				operationId: 'metrics',
				summary:
					'Prometheus metrics: requests and latency per route, queue depth, inference time per model',
				security: [],
				responses: {
					'200': {
						description: 'Prometheus text exposition',
						content: { 'text/plain': { schema: { type: 'string' } } },
					},
				},
			},
		},
		'/openapi.json': {
			get: {
				operationId: 'openapi',
				summary: 'This document',
				security: [],
				responses: {
					'200': {
						description: 'OpenAPI 3.1 document',
						content: { 'application/json': { schema: { type: 'object' } } },
					},
				},
			},
		},
		'/v1/progress/{requestId}': {
			get: {
				operationId: 'progress',
				summary: "A request's progress while it runs (send your own X-Request-Id to follow it), kept a minute after it ends",
				security: [{ bearer: [] }],
				parameters: [{ name: 'requestId', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' } }],
				responses: {
					'200': {
						description: 'Progress',
						content: {
							'application/json': {
								schema: { $ref: '#/components/schemas/Progress' },
							},
						},
					},
					'404': { description: 'No such request in the last minute', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
				},
			},
		},
		'/docs': {
			get: {
				operationId: 'docs',
				summary: 'This document as an interactive page (RapiDoc), with a field for the API key',
				security: [],
				responses: {
					'200': {
						description: 'HTML page',
						content: { 'text/html': { schema: { type: 'string' } } },
					},
				},
			},
		},
		'/v1/gpu-status': {
			get: {
				operationId: 'gpuStatus',
				summary: 'Active execution provider, why, GPUs, models, queue and process facts',
				security: [{ bearer: [] }],
				responses: {
					'200': {
						description: 'Status',
						content: {
							'application/json': { schema: { $ref: '#/components/schemas/GpuStatus' } },
						},
					},
					'401': v1Errors['401'],
				},
			},
		},
		'/v1/models': {
			get: {
				operationId: 'listModels',
				summary: 'Registry models with their pinned files and load status',
				security: [{ bearer: [] }],
				responses: {
					'200': {
						description: 'Models',
						content: {
							'application/json': { schema: { $ref: '#/components/schemas/ModelList' } },
						},
					},
					'401': v1Errors['401'],
				},
			},
		},
};
