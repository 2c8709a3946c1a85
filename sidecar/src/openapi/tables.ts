/** The OCR Table part of the contract: POST /v1/ocr/table and its schemas. */
import { uploadBody, uploadErrors, v1Errors } from './helpers';


export const tablePaths = {
	'/v1/ocr/table': {
		post: {
			operationId: 'ocrTable',
			summary: 'Tables (ruled or borderless, spans, several per page) from an image or PDF, as JSON rows and cells or as CSV/XLSX/HTML/Markdown',
			security: [{ bearer: [] }],
			requestBody: uploadBody('one', 'TableOptions'),
			responses: {
				'200': {
					description: 'The tables found (an empty list when the document has none); with format≠json the file, its count in X-Tables-Found',
					content: {
						'application/json': { schema: { $ref: '#/components/schemas/TableResult' } },
						'text/csv': { schema: { type: 'string' } },
						'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
						'text/html': { schema: { type: 'string' } },
						'text/markdown': { schema: { type: 'string' } },
					},
				},
				...v1Errors,
				...uploadErrors,
			},
		},
	},
};
