/**
 * The OCR part of the contract: POST /v1/ocr and POST /v1/inspect, and their schemas.
 */
import { uploadBody, uploadErrors, v1Errors } from './helpers';

export const ocrPaths = {
		'/v1/ocr': {
			post: {
				operationId: 'ocr',
				summary:
					'Text lines with boxes, in reading order, from images (PNG, JPEG, WebP, TIFF pages, BMP, GIF) and PDFs',
				security: [{ bearer: [] }],
				requestBody: uploadBody('many', 'OcrOptions'),
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
				requestBody: uploadBody('many'),
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
