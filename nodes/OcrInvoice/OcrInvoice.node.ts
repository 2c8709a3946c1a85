import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { CREDENTIAL_NAME } from '../shared/routes';
import { invoiceProperties } from './description';
import { extractInvoices } from './execute';

export class OcrInvoice implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OCR Invoice',
		name: 'ocrInvoice',
		icon: { light: 'file:ocrInvoice.svg', dark: 'file:ocrInvoice.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: 'invoice fields',
		description: 'Read invoice and receipt fields (number, dates, vendor, buyer, totals) from PDFs and photos',
		defaults: { name: 'OCR Invoice' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_NAME, required: true }],
		properties: invoiceProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await extractInvoices.call(this)];
	}
}
