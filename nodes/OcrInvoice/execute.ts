import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { eachFile } from '../shared/files';
import { mapItems } from '../shared/items';
import { SIDECAR_ROUTES } from '../shared/routes';
import { attachReview } from '../shared/review';
import { sidecarUpload } from '../shared/transport';
import type { InvoiceFields, InvoiceResponse } from '../shared/types';
import { toCheck } from './toCheck';

interface Options {
	attachReview?: boolean;
	dateOrder?: 'auto' | 'dmy' | 'mdy';
	concurrency?: number;
	includeLineItems?: boolean;
	includeTextLines?: boolean;
	splitLineItems?: boolean;
	pages?: string;
	reviewThreshold?: number;
	timeoutSeconds?: number;
	retries?: number;
}

/** Fields a spreadsheet row needs; when one is missing or weak the item is flagged for review. */
const KEY_FIELDS: Array<keyof InvoiceFields> = [
	'invoiceNumber',
	'invoiceDate',
	'vendorName',
	'total',
];

export function weakFields(result: InvoiceResponse, threshold: number): string[] {
	const weak = new Set<string>();
	for (const f of KEY_FIELDS) if (result.fields[f] === null) weak.add(f);
	for (const [f, d] of Object.entries(result.details))
		if (d && d.confidence < threshold) weak.add(f);
	if (result.validation.subtotalPlusTax === 'fail')
		['subtotal', 'tax', 'total'].forEach((f) => weak.add(f));
	if (result.validation.lineItemsSum === 'fail' || result.validation.lineAmounts === 'fail')
		weak.add('lineItems');
	// An e-invoice whose printed page says otherwise: the XML is used, but a person should look.
	for (const d of result.validation.eInvoice?.differences ?? []) weak.add(d.field);
	return [...weak];
}

/** One item per line item, each carrying the invoice's identifying fields (for a spreadsheet of items). */
function lineItemRows(invoice: IDataObject, result: InvoiceResponse): INodeExecutionData[] {
	const keep = {
		fileName: invoice.fileName,
		invoiceNumber: invoice.invoiceNumber,
		invoiceDate: invoice.invoiceDate,
		vendorName: invoice.vendorName,
		currency: invoice.currency,
		needsReview: invoice.needsReview,
	};
	if (result.lineItems.length === 0)
		return [
			{
				json: {
					...keep,
					line: null,
					description: null,
					quantity: null,
					unitPrice: null,
					amount: null,
				},
			},
		];
	return result.lineItems.map((li, k) => ({
		json: {
			...keep,
			line: k + 1,
			description: li.description,
			quantity: li.quantity,
			unitPrice: li.unitPrice,
			amount: li.amount,
			check: li.check,
		},
	}));
}

export async function extractInvoices(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', 0, {}) as Options;
	return await mapItems(
		this,
		async (i) =>
			await eachFile(this, i, 'document', async (binaryPropertyName) => {
				const fileName = this.helpers.assertBinaryData(i, binaryPropertyName).fileName ?? null;
				const result = await sidecarUpload<InvoiceResponse>(
					this,
					i,
					SIDECAR_ROUTES.ocrInvoice,
					binaryPropertyName,
					{
						lang: this.getNodeParameter('language', i) as string,
						dateOrder: options.dateOrder,
						pages: options.pages,
						review: options.attachReview ? true : undefined,
					},
					{ timeoutMs: (options.timeoutSeconds ?? 1800) * 1000, retries: options.retries },
				);
				const weak = weakFields(result, options.reviewThreshold ?? 0.8);
				const confidence = Object.fromEntries(
					Object.entries(result.details).map(([f, d]) => [f, d?.confidence ?? null]),
				);
				const json: IDataObject = {
					fileName,
					source: result.source,
					documentType: result.documentType,
					...(result.fields as unknown as IDataObject),
					needsReview: weak.length > 0,
					weakFields: weak,
					toCheck: toCheck(result, weak),
					validation: result.validation as unknown as IDataObject,
					confidence,
					timings: result.timings as IDataObject,
					...(options.includeLineItems === false
						? {}
						: { lineItems: result.lineItems as unknown as IDataObject[] }),
				};
				if (options.includeTextLines) {
					json.textLines = result.pages.flatMap((p) =>
						p.lines.map((l) => ({
							page: p.page,
							text: l.text,
							confidence: l.confidence,
							box: l.box,
						})),
					);
				}
				const items = options.splitLineItems ? lineItemRows(json, result) : [{ json }];
				await attachReview(this, items[0], result.review);
				return items;
			}),
		options.concurrency ?? 2,
	);
}
