/**
 * The OCR part of the contract: POST /v1/ocr and POST /v1/inspect, and their schemas.
 */
import { obj, uploadErrors, v1Errors } from './helpers';

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
