/**
 * The service part of the contract: health, readiness, metrics, progress, GPU status, models, and the problem every error is.
 */
import { nullable, obj, v1Errors } from './helpers';

export const statusSchemas = {
		Problem: obj(
			{
				type: { type: 'string', format: 'uri' },
				title: { type: 'string' },
				status: { type: 'integer' },
				detail: { type: 'string' },
				instance: { type: 'string' },
				requestId: { type: 'string' },
			},
			['instance', 'requestId'],
		),
		Health: obj({ status: { type: 'string', enum: ['ok'] } }),
		Readiness: obj({
			ready: { type: 'boolean' },
			models: { type: 'array', items: { $ref: '#/components/schemas/ModelStatus' } },
		}),
		GpuInfo: obj({
			index: { type: 'integer' },
			name: { type: 'string' },
			driverVersion: { type: 'string' },
			cudaVersion: nullable('string'),
			memoryTotalMiB: { type: 'number' },
			memoryUsedMiB: { type: 'number' },
			utilizationPercent: nullable('number'),
			temperatureC: nullable('number'),
		}),
		ModelStatus: obj({
			id: { type: 'string' },
			task: { type: 'string', enum: ['ocr', 'asr', 'vad'] },
			family: { type: 'string' },
			embedded: { type: 'boolean' },
			provider: { type: ['string', 'null'], enum: ['cuda', 'cpu', null] },
			providerReason: nullable('string'),
			loaded: { type: 'boolean' },
			warm: { type: 'boolean' },
			loadMs: nullable('number'),
			warmupMs: nullable('number'),
			error: nullable('string'),
		}),
		QueueStatus: obj({
			depth: { type: 'integer' },
			capacity: { type: 'integer' },
			running: { type: 'integer' },
			concurrency: { type: 'integer' },
		}),
		GpuStatus: obj({
			activeProvider: { type: 'string', enum: ['cuda', 'cpu'] },
			requestedDevice: { type: 'string', enum: ['auto', 'cuda', 'cpu'] },
			providerReason: {
				type: 'string',
				description: 'Why the active provider was chosen (e.g. why CUDA is not used)',
			},
			cuda: {
				type: 'object',
				required: ['available', 'reason', 'gpus'],
				properties: {
					available: { type: 'boolean' },
					reason: nullable('string'),
					gpus: { type: 'array', items: { $ref: '#/components/schemas/GpuInfo' } },
				},
			},
			models: { type: 'array', items: { $ref: '#/components/schemas/ModelStatus' } },
			queue: { $ref: '#/components/schemas/QueueStatus' },
			process: {
				type: 'object',
				required: ['rssMiB', 'heapUsedMiB', 'uptimeS', 'pid', 'node'],
				properties: {
					rssMiB: { type: 'number' },
					heapUsedMiB: { type: 'number' },
					uptimeS: { type: 'number' },
					pid: { type: 'integer' },
					node: { type: 'string' },
				},
			},
			version: { type: 'string' },
			ready: { type: 'boolean' },
		}),
		ModelList: obj({
			models: {
				type: 'array',
				items: {
					type: 'object',
					required: [
						'id',
						'task',
						'family',
						'embedded',
						'license',
						'description',
						'files',
						'downloaded',
						'status',
					],
					properties: {
						id: { type: 'string' },
						task: { type: 'string' },
						family: { type: 'string' },
						embedded: { type: 'boolean' },
						license: { type: 'string' },
						description: { type: 'string' },
						files: {
							type: 'object',
							additionalProperties: {
								type: 'object',
								required: ['size', 'sha256'],
								properties: {
									size: { type: ['integer', 'null'], description: 'null where only the sha256 is pinned' },
									sha256: { type: 'string' },
								},
							},
						},
						downloaded: {
							type: 'boolean',
							description: 'Every file is in place (false: run `gpu-inference-sidecar models pull <id>`)',
						},
						status: { $ref: '#/components/schemas/ModelStatus' },
						languages: { type: 'array', items: { type: 'string' }, description: 'Speech models: ISO 639-1 codes they transcribe' },
						translate: { type: 'boolean', description: 'Speech models: whether task=translate is supported' },
					},
				},
			},
		}),
		FileInfo: obj({
			filename: { type: 'string' },
			bytes: { type: 'integer' },
			mediaType: { type: 'string' },
			kind: { type: 'string', enum: ['image', 'pdf', 'audio', 'video'] },
			pages: nullable('integer'),
			width: nullable('integer'),
			height: nullable('integer'),
		}),
};

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
								schema: obj({
									requestId: { type: 'string' },
									route: { type: 'string' },
									state: { type: 'string', enum: ['queued', 'running', 'done', 'failed'] },
									done: nullable('integer'),
									total: nullable('integer'),
									unit: { type: ['string', 'null'], enum: ['pages', 'chunks', null] },
									elapsedMs: { type: 'integer' },
								}),
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
