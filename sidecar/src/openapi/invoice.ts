/**
 * The OCR Invoice part of the contract: POST /v1/ocr/invoice; its schemas are in contract/.
 */
import { uploadBody, uploadErrors, v1Errors } from './helpers';

export const invoicePaths = {
		'/v1/ocr/invoice': {
			post: {
				operationId: 'ocrInvoice',
				summary:
					'Invoice and receipt fields (number, dates, vendor, buyer, currency, subtotal, tax, total) from an image, a PDF (an embedded ZUGFeRD / Factur-X / XRechnung XML read exactly) or a CII/UBL XML file',
				security: [{ bearer: [] }],
				requestBody: uploadBody('one', 'OcrOptions', 'InvoiceOptions'),
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
