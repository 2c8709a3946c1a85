/**
 * The OCR part of the contract: POST /v1/ocr and POST /v1/inspect, and their schemas.
 */
import { obj, uploadErrors, v1Errors } from './helpers';

export const ocrSchemas = {
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
		InspectResult: obj({
			files: { type: 'array', items: { $ref: '#/components/schemas/FileInfo' } },
		}),
};

export const ocrPaths = {
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
};

export const inspectPaths = {
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
};
