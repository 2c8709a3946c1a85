/**
 * The HTTP contract: one OpenAPI 3.1 document, served at GET /openapi.json. The express routes and
 * the n8n nodes' client are both tested against it; change the contract here first.
 */
import { nullable, obj, uploadErrors, v1Errors } from './helpers';
import { tablePaths, tableSchemas } from './tables';

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
				Point: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 },
				TextLine: obj({
					text: { type: 'string' },
					confidence: { type: 'number', minimum: 0, maximum: 1 },
					box: {
						type: 'array',
						items: { type: 'number' },
						minItems: 4,
						maxItems: 4,
						description: '[x0, y0, x1, y1] in page pixels',
					},
					polygon: {
						type: 'array',
						items: { $ref: '#/components/schemas/Point' },
						minItems: 4,
						maxItems: 4,
						description: 'top-left, top-right, bottom-right, bottom-left',
					},
					words: {
						type: 'array',
						description: 'Only with words=true: the words of the line with their bounds',
						items: obj({
							text: { type: 'string' },
							box: { type: 'array', items: { type: 'number' }, minItems: 4, maxItems: 4 },
						}),
					},
				}, ['words']),
				OcrPage: obj({
					page: { type: 'integer', minimum: 1 },
					width: { type: 'integer' },
					height: { type: 'integer' },
					source: { type: 'string', enum: ['ocr', 'text-layer'] },
					dpi: {
						type: ['integer', 'null'],
						description:
							'Resolution the pixel coordinates refer to (null: an image without density metadata)',
					},
					lines: {
						type: 'array',
						items: { $ref: '#/components/schemas/TextLine' },
						description: 'In reading order',
					},
					text: {
						type: 'string',
						description:
							'The page text in reading order: a row per line, blocks and columns one after another',
					},
					language: {
						type: ['string', 'null'],
						description: 'Language guessed from the page (en, es, de, fr), null when unclear',
					},
					orientation: { type: 'integer', enum: [0, 90, 180, 270], description: 'The clockwise turn that made the page upright (boxes stay in the pixels as sent)' },
					orientationDecided: { type: 'boolean', description: 'false: too little text to tell which way up; the page was read as sent' },
					skewDegrees: { type: 'number', description: 'The clockwise tilt of the text lines that was taken out' },
					dewarped: { type: 'boolean', description: 'A photographed page was found, flattened and its light evened out' },
					quad: { type: ['array', 'null'], items: { type: 'array', items: { type: 'number' } }, description: 'Corners of the photographed page in the image as sent (TL, TR, BR, BL)' },
				}),
				OcrDocument: obj({
					filename: { type: 'string' },
					mediaType: { type: 'string' },
					pageCount: { type: 'integer' },
					pages: { type: 'array', items: { $ref: '#/components/schemas/OcrPage' } },
				}),
				OcrResult: obj(
					{
						model: { type: 'string' },
						device: { type: 'string', enum: ['cuda', 'cpu'] },
						options: {
							type: 'object',
							description: 'The options that produced this result, defaults filled in',
							required: ['mode', 'dpi', 'lang', 'angle', 'minConfidence'],
							properties: {
								mode: { type: 'string', enum: ['auto', 'ocr', 'text'] },
								pages: { type: 'string' },
								dpi: { type: 'integer' },
								lang: { type: 'string' },
								angle: { type: 'boolean' },
								minConfidence: { type: 'number' },
								words: { type: 'boolean' },
							},
						},
						timings: {
							type: 'object',
							required: ['totalMs', 'decodeMs', 'ocrMs', 'textLayerMs'],
							properties: {
								totalMs: { type: 'number' },
								decodeMs: { type: 'number' },
								ocrMs: { type: 'number' },
								textLayerMs: { type: 'number' },
							},
						},
						documents: { type: 'array', items: { $ref: '#/components/schemas/OcrDocument' } },
						pages: {
							type: 'array',
							items: { $ref: '#/components/schemas/OcrPage' },
							description: 'Only when one file was sent: the same as documents[0].pages',
						},
					},
					['pages'],
				),
				OcrOptions: {
					type: 'object',
					properties: {
						mode: {
							type: 'string',
							enum: ['auto', 'ocr', 'text'],
							default: 'auto',
							description:
								'PDF pages: text layer when it has real text (auto), always render + OCR (ocr), text layer only (text)',
						},
						pages: {
							type: 'string',
							description: 'Page selection, e.g. 1-3,5 (default: all, at most MAX_PAGES)',
						},
						dpi: {
							type: 'integer',
							minimum: 72,
							maximum: 600,
							default: 200,
							description:
								'Render resolution for OCR of PDF pages, and the pixel scale of text-layer coordinates',
						},
						lang: {
							type: 'string',
							enum: ['auto', 'en', 'es', 'de', 'fr', 'it', 'pt', 'none'],
							default: 'auto',
							description: 'Language for word repair (accents, ß, œ) after recognition',
						},
						angle: {
							type: 'string',
							enum: ['true', 'false'],
							default: 'true',
							description: 'Check every line for upside-down text',
						},
						minConfidence: {
							type: 'number',
							minimum: 0,
							maximum: 1,
							default: 0.5,
							description: 'Lines read with lower confidence are dropped',
						},
						words: {
							type: 'string',
							enum: ['true', 'false'],
							default: 'false',
							description: 'Add each line’s words with their boxes',
						},
					},
				},
				Segment: obj({
					start: { type: 'number', description: 'seconds' },
					end: { type: 'number' },
					text: { type: 'string' },
				}),
				TranscribeOptions: {
					type: 'object',
					properties: {
						model: {
							type: 'string',
							default: 'moonshine-tiny',
							description: 'A registry speech model (GET /v1/models)',
						},
						language: {
							type: 'string',
							default: 'auto',
							description: 'auto, or an ISO 639-1 code the model supports',
						},
						task: { type: 'string', enum: ['transcribe', 'translate'], default: 'transcribe' },
						format: { type: 'string', enum: ['json', 'text', 'srt', 'vtt'], default: 'json' },
						wordTimestamps: {
							type: 'string',
							enum: ['true', 'false'],
							default: 'false',
							description: 'Only where the model supports it (else ignored, with a warning)',
						},
						maxChunkSeconds: {
							type: 'number',
							minimum: 2,
							maximum: 30,
							description:
								"Longest piece of speech handed to the recogniser; voice activity cuts at pauses. Default: the model's (Moonshine 15, Whisper 30, its window)",
						},
						beamSize: {
							type: 'integer',
							minimum: 1,
							maximum: 10,
							default: 1,
							description: 'Whisper: beams per piece (1 is greedy decoding; 5 is faster-whisper\'s default). Other models decode greedily, with a warning',
						},
						batchSize: {
							type: 'integer',
							minimum: 1,
							maximum: 32,
							description:
								"Chunks encoded and decoded together (Whisper; Moonshine reads one at a time). Default: the model's (registry defaults.batchSize)",
						},
						subtitles: {
							type: 'string',
							enum: ['none', 'srt', 'vtt'],
							default: 'none',
							description: 'With format=json, also return subtitles in this format',
						},
					},
				},
				Transcript: obj(
					{
						text: { type: 'string' },
						language: { type: 'string' },
						duration: { type: 'number', description: 'seconds of audio' },
						segments: { type: 'array', items: { $ref: '#/components/schemas/Segment' } },
						model: { type: 'string' },
						device: { type: 'string', enum: ['cuda', 'cpu'] },
						options: {
							type: 'object',
							required: [
								'model',
								'language',
								'task',
								'format',
								'wordTimestamps',
								'maxChunkSeconds',
								'batchSize',
								'beamSize',
								'subtitles',
							],
							properties: {
								subtitles: { type: 'string' },
								model: { type: 'string' },
								language: { type: 'string' },
								task: { type: 'string' },
								format: { type: 'string' },
								wordTimestamps: { type: 'boolean' },
								maxChunkSeconds: { type: 'number' },
								batchSize: { type: 'integer' },
								beamSize: { type: 'integer' },
							},
						},
						timings: {
							type: 'object',
							required: ['decodeMs', 'vadMs', 'asrMs', 'totalMs'],
							properties: {
								decodeMs: { type: 'number' },
								vadMs: { type: 'number' },
								asrMs: { type: 'number' },
								totalMs: { type: 'number' },
							},
						},
						realtimeFactor: {
							type: ['number', 'null'],
							description: 'seconds of audio per second of processing',
						},
						subtitles: {
							type: 'object',
							required: ['format', 'content'],
							properties: {
								format: { type: 'string', enum: ['srt', 'vtt'] },
								content: { type: 'string' },
							},
						},
						warnings: { type: 'array', items: { type: 'string' } },
					},
					['subtitles'],
				),
				InvoiceResult: obj({
					model: { type: 'string' },
					device: { type: 'string', enum: ['cuda', 'cpu'] },
					filename: { type: 'string' },
					pageCount: { type: 'integer' },
					source: { type: 'string', enum: ['e-invoice', 'document'], description: 'e-invoice: fields and line items from the CII/UBL XML (a ZUGFeRD / Factur-X / XRechnung PDF, or an XML file), exactly; document: read from the pages' },
					documentType: { type: 'string', enum: ['invoice', 'credit-note'], description: 'A credit note gives its amounts negative' },
					fields: {
						type: 'object',
						description:
							'Normalised values (dates ISO YYYY-MM-DD, amounts as numbers, currency ISO 4217), null when absent',
						required: [
							'invoiceNumber',
							'invoiceDate',
							'dueDate',
							'vendorName',
							'vendorAddress',
							'vendorTaxId',
							'billTo',
							'currency',
							'subtotal',
							'tax',
							'total',
						],
						properties: {
							invoiceNumber: nullable('string'),
							invoiceDate: nullable('string'),
							dueDate: nullable('string'),
							vendorName: nullable('string'),
							vendorAddress: nullable('string'),
							vendorTaxId: nullable('string'),
							billTo: nullable('string'),
							currency: nullable('string'),
							subtotal: nullable('number'),
							tax: nullable('number'),
							total: nullable('number'),
						},
					},
					details: {
						type: 'object',
						description: 'Per found field: the text as printed, confidence, page and box (page 0 and box null for a value from an e-invoice XML)',
						additionalProperties: {
							type: 'object',
							required: ['raw', 'confidence', 'page', 'box'],
							properties: {
								raw: { type: 'string' },
								confidence: { type: 'number' },
								page: { type: 'integer' },
								box: { type: ['array', 'null'], items: { type: 'number' } },
							},
						},
					},
					validation: {
						type: 'object',
						required: ['subtotalPlusTax', 'lineItemsSum', 'lineAmounts'],
						properties: {
							subtotalPlusTax: { type: 'string', enum: ['pass', 'fail', 'not-checked'] },
							lineItemsSum: { type: 'string', enum: ['pass', 'fail', 'not-checked'], description: 'Σ line amounts ≈ subtotal (or total)' },
							lineAmounts: { type: 'string', enum: ['pass', 'fail', 'not-checked'], description: 'quantity × unit price ≈ amount on every line that has all three' },
							eInvoice: {
								type: 'object',
								description: 'With an e-invoice: whether the printed page agrees with its XML (the XML wins) and where not; or why an embedded XML could not be read',
								properties: {
									matchesPrint: { type: 'string', enum: ['pass', 'fail', 'not-checked'] },
									differences: { type: 'array', items: obj({ field: { type: 'string' }, eInvoice: { type: ['string', 'number', 'null'] }, printed: { type: ['string', 'number', 'null'] } }) },
									format: { type: 'string', enum: ['CII', 'UBL'] },
									profile: { type: ['string', 'null'] },
									unreadable: { type: 'string' },
								},
							},
						},
					},
					lineItems: {
						type: 'array',
						description: 'From the table whose header names a description and an amount (or a quantity and a price); totals rows left out',
						items: obj({
							description: nullable('string'),
							quantity: nullable('number'),
							unitPrice: nullable('number'),
							amount: nullable('number'),
							check: { type: 'string', enum: ['pass', 'fail', 'not-checked'], description: 'quantity × unit price ≈ amount' },
							page: { type: 'integer' },
							confidence: { type: 'number' },
						}),
					},
					timings: { type: 'object' },
					pages: { type: 'array', items: { $ref: '#/components/schemas/OcrPage' } },
					review: { $ref: '#/components/schemas/ReviewPicture' },
				}, ['review']),
				...tableSchemas,
				InspectResult: obj({
					files: { type: 'array', items: { $ref: '#/components/schemas/FileInfo' } },
				}),
			},
		},
		paths: {
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
			'/v1/ocr': {
				post: {
					operationId: 'ocr',
					summary:
						'Text lines with boxes, in reading order, from images (PNG, JPEG, WebP, TIFF pages, BMP, GIF) and PDFs',
					security: [{ bearer: [] }],
					requestBody: {
						required: true,
						content: {
							'multipart/form-data': {
								schema: {
									allOf: [
										obj({ file: { type: 'array', items: { type: 'string', format: 'binary' } } }),
										{ $ref: '#/components/schemas/OcrOptions' },
									],
								},
							},
						},
					},
					responses: {
						'200': {
							description: 'One document per file',
							content: {
								'application/json': { schema: { $ref: '#/components/schemas/OcrResult' } },
							},
						},
						...v1Errors,
						...uploadErrors,
					},
				},
			},
			'/v1/transcribe': {
				post: {
					operationId: 'transcribe',
					summary:
						'Speech to text with timed segments, or SRT/VTT subtitles, from audio or the audio track of a video',
					security: [{ bearer: [] }],
					requestBody: {
						required: true,
						content: {
							'multipart/form-data': {
								schema: {
									allOf: [
										obj({ file: { type: 'string', format: 'binary' } }),
										{ $ref: '#/components/schemas/TranscribeOptions' },
									],
								},
							},
						},
					},
					responses: {
						'200': {
							description: 'The transcript (format=json), or plain text, SRT or WebVTT',
							content: {
								'application/json': { schema: { $ref: '#/components/schemas/Transcript' } },
								'text/plain': { schema: { type: 'string' } },
								'application/x-subrip': { schema: { type: 'string' } },
								'text/vtt': { schema: { type: 'string' } },
							},
						},
						...v1Errors,
						...uploadErrors,
					},
				},
			},
			'/v1/ocr/invoice': {
				post: {
					operationId: 'ocrInvoice',
					summary:
						'Invoice and receipt fields (number, dates, vendor, buyer, currency, subtotal, tax, total) from an image, a PDF (an embedded ZUGFeRD / Factur-X / XRechnung XML read exactly) or a CII/UBL XML file',
					security: [{ bearer: [] }],
					requestBody: {
						required: true,
						content: {
							'multipart/form-data': {
								schema: {
									allOf: [
										obj(
											{
												file: { type: 'string', format: 'binary' },
												dateOrder: {
													type: 'string',
													enum: ['auto', 'dmy', 'mdy', 'ymd'],
													default: 'auto',
													description:
														'How to read dates like 03/04/2024 when the document does not tell',
												},
												review: { type: 'boolean', default: false, description: 'Also return `review`: a PNG of the pages with each field outlined and labelled' },
											},
											['dateOrder', 'review'],
										),
										{ $ref: '#/components/schemas/OcrOptions' },
									],
								},
							},
						},
					},
					responses: {
						'200': {
							description:
								'Fields (null when absent: a document that is not an invoice answers 200 with null fields)',
							content: {
								'application/json': { schema: { $ref: '#/components/schemas/InvoiceResult' } },
							},
						},
						...v1Errors,
						...uploadErrors,
					},
				},
			},
			...tablePaths,
			'/v1/inspect': {
				post: {
					operationId: 'inspectFiles',
					summary: 'Identify uploaded files by their bytes: media type, pages, pixel size',
					security: [{ bearer: [] }],
					requestBody: {
						required: true,
						content: {
							'multipart/form-data': {
								schema: obj({
									file: { type: 'array', items: { type: 'string', format: 'binary' } },
								}),
							},
						},
					},
					responses: {
						'200': {
							description: 'One entry per file',
							content: {
								'application/json': { schema: { $ref: '#/components/schemas/InspectResult' } },
							},
						},
						...v1Errors,
						...uploadErrors,
					},
				},
			},
		},
	} as const;
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
