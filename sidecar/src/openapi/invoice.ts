/**
 * The OCR Invoice part of the contract: POST /v1/ocr/invoice and its schema.
 */
import { nullable, obj, uploadErrors, v1Errors } from './helpers';

export const invoiceSchemas = {
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
};

export const invoicePaths = {
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
};
