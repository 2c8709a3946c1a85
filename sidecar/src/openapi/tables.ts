/** The OCR Table part of the contract: POST /v1/ocr/table and its schemas. */
import { obj, uploadErrors, v1Errors } from './helpers';

const box = { type: 'array', items: { type: 'number' }, minItems: 4, maxItems: 4, description: '[x0, y0, x1, y1] in page pixels' };

export const tableSchemas = {
	TableCell: obj({
		row: { type: 'integer', minimum: 0 },
		col: { type: 'integer', minimum: 0 },
		rowSpan: { type: 'integer', minimum: 1 },
		colSpan: { type: 'integer', minimum: 1 },
		text: { type: 'string' },
		box,
		confidence: { type: 'number', minimum: 0, maximum: 1, description: 'Lowest word confidence in the cell (1 for the text layer)' },
	}),
	Table: obj({
		page: { type: 'integer', minimum: 1 },
		box,
		method: { type: 'string', enum: ['lattice', 'stream'], description: 'lattice: cells from ruling lines; stream: from the alignment of words' },
		headerRows: { type: 'integer', minimum: 0 },
		header: { type: ['array', 'null'], items: { type: 'string' }, description: 'One name per column (stacked header rows joined by a space), null without a header' },
		rows: { type: 'array', items: { type: 'array', items: { type: 'string' } }, description: 'Body rows, one string per column; a spanned cell’s text sits in its first row and column' },
		cells: { type: 'array', items: { $ref: '#/components/schemas/TableCell' }, description: 'Every cell, header included, with its spans' },
		columns: {
			type: 'array',
			description: 'Each body column typed as a whole: number (with the decimal mark it was read with), date (ISO), or text',
			items: { type: 'object', required: ['type'], properties: { type: { type: 'string', enum: ['number', 'date', 'text'] }, decimal: { type: 'string', enum: [',', '.'] } } },
		},
		values: {
			type: 'array',
			description: 'The body rows typed by column: numbers, ISO dates (YYYY-MM-DD), text, or null for an empty cell',
			items: { type: 'array', items: { type: ['string', 'number', 'null'] } },
		},
	}),
	TableResult: obj(
		{
			model: { type: 'string' },
			device: { type: 'string', enum: ['cuda', 'cpu'] },
			filename: { type: 'string' },
			pageCount: { type: 'integer' },
			options: { type: 'object', description: 'The options that produced this result, defaults filled in' },
			timings: { type: 'object' },
			tables: { type: 'array', items: { $ref: '#/components/schemas/Table' } },
			file: {
				type: 'object',
				description: 'Only with attach=csv|xlsx: that file, base64-encoded',
				required: ['format', 'fileName', 'mimeType', 'base64'],
				properties: { format: { type: 'string', enum: ['csv', 'xlsx'] }, fileName: { type: 'string' }, mimeType: { type: 'string' }, base64: { type: 'string' } },
			},
			review: { $ref: '#/components/schemas/ReviewPicture' },
			pages: { type: 'array', items: { $ref: '#/components/schemas/OcrPage' } },
		},
		['file', 'review'],
	),
	ReviewPicture: obj({
		fileName: { type: 'string' },
		mimeType: { type: 'string', enum: ['image/png'] },
		pages: { type: 'array', items: { type: 'integer' }, description: 'The pages shown, top to bottom (those with marks, at most 4 of the first 8)' },
		base64: { type: 'string', description: 'The PNG: the pages as read, with what was found outlined and labelled (orange: to check)' },
	}),
	TableOptions: {
		type: 'object',
		properties: {
			mode: { type: 'string', enum: ['auto', 'lattice', 'stream'], default: 'auto', description: 'Ruled grids (lattice), whitespace alignment (stream), or both' },
			header: { type: 'string', enum: ['auto', 'first-row', 'none'], default: 'auto', description: 'How header rows are chosen' },
			columns: { type: 'integer', minimum: 2, maximum: 200, description: 'Known column count (optional): borderless tables are cut into exactly this many columns' },
			tables: { type: 'string', enum: ['all', 'first', 'largest'], default: 'all' },
			format: { type: 'string', enum: ['json', 'csv', 'xlsx', 'html', 'markdown'], default: 'json', description: 'json, or a file holding every returned table (XLSX: a sheet per table)' },
			attach: { type: 'string', enum: ['none', 'csv', 'xlsx'], default: 'none', description: 'With format=json, also return that file base64-encoded in `file`' },
			review: { type: 'boolean', default: false, description: 'With format=json, also return `review`: a PNG of the pages with each table and its cells outlined' },
			pdfMode: { type: 'string', enum: ['auto', 'ocr', 'text'], default: 'auto', description: 'PDF pages: text layer when it has real text (auto), always render + OCR (ocr), text layer only (text)' },
			pages: { type: 'string', description: 'Page selection, e.g. 1-3,5 (default: all, at most MAX_PAGES)' },
			dpi: { type: 'integer', minimum: 72, maximum: 600, default: 200, description: 'Render resolution for OCR of PDF pages, and the pixel scale of text-layer coordinates' },
			lang: { type: 'string', enum: ['auto', 'en', 'es', 'de', 'fr', 'it', 'pt', 'none'], default: 'auto', description: 'Language for word repair after recognition' },
		},
	},
};

export const tablePaths = {
	'/v1/ocr/table': {
		post: {
			operationId: 'ocrTable',
			summary: 'Tables (ruled or borderless, spans, several per page) from an image or PDF, as JSON rows and cells or as CSV/XLSX/HTML/Markdown',
			security: [{ bearer: [] }],
			requestBody: {
				required: true,
				content: {
					'multipart/form-data': {
						schema: { allOf: [obj({ file: { type: 'string', format: 'binary' } }), { $ref: '#/components/schemas/TableOptions' }] },
					},
				},
			},
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
