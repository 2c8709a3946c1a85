import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { CREDENTIAL_NAME } from '../shared/routes';
import { tableProperties } from './description';
import { extractTables } from './execute';

export class OcrTable implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OCR Table',
		name: 'ocrTable',
		icon: { light: 'file:ocrTable.svg', dark: 'file:ocrTable.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["output"] === "tables" ? "one item per table" : "one item per row"}}',
		description: 'Read tables from PDFs, scans and photos into rows (ruled or borderless, merged headers), with CSV or XLSX files',
		defaults: { name: 'OCR Table' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_NAME, required: true }],
		properties: tableProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await extractTables.call(this)];
	}
}
