import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { eachFile } from '../shared/files';
import { mapItems } from '../shared/items';
import { SIDECAR_ROUTES } from '../shared/routes';
import { attachReview } from '../shared/review';
import { sidecarUpload } from '../shared/transport';
import type { TableData, TableResponse } from '../shared/types';
import { columnKeys } from './keys';

interface Options {
	attachReview?: boolean;
	columns?: number;
	concurrency?: number;
	mode?: 'auto' | 'lattice' | 'stream';
	header?: 'auto' | 'first-row' | 'none';
	includeSource?: boolean;
	keepText?: boolean;
	pages?: string;
	pdfMode?: 'auto' | 'ocr' | 'text';
	timeoutSeconds?: number;
	retries?: number;
}

const columnCount = (t: TableData) => t.rows[0]?.length ?? t.header?.length ?? 0;

/** Each table row as an item keyed by the header (or Column 1…); a document without tables still gives one item. */
function rowItems(
	result: TableResponse,
	fileName: string | null,
	includeSource: boolean,
	asText: boolean,
): INodeExecutionData[] {
	const items = result.tables.flatMap((t, ti) => {
		const keys = columnKeys(t.header, columnCount(t));
		return t.rows.map((row, ri) => {
			const json: IDataObject = includeSource
				? { fileName, page: t.page, table: ti + 1, row: ri + 1 }
				: {};
			// Typed by column (numbers, ISO dates) unless the user keeps everything as read; empty cells stay ''.
			keys.forEach((k, c) => (json[k] = asText ? (row[c] ?? '') : (t.values?.[ri]?.[c] ?? row[c] ?? '')));
			return { json };
		});
	});
	return items.length > 0
		? items
		: [{ json: { fileName, tablesFound: 0, message: 'No table found in this document' } }];
}

function tableItems(result: TableResponse, fileName: string | null): INodeExecutionData[] {
	const items = result.tables.map((t, ti) => ({
		json: {
			columnTypes: t.columns,
			fileName,
			page: t.page,
			table: ti + 1,
			method: t.method,
			header: t.header,
			columns: columnKeys(t.header, columnCount(t)),
			rows: t.rows,
			cells: t.cells,
			box: t.box,
		} as unknown as IDataObject,
	}));
	return items.length > 0
		? items
		: [{ json: { fileName, tablesFound: 0, message: 'No table found in this document' } }];
}

export async function extractTables(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', 0, {}) as Options;
	return await mapItems(
		this,
		async (i) =>
			await eachFile(this, i, 'document', async (binaryPropertyName) => {
				const output = this.getNodeParameter('output', i) as 'rows' | 'tables';
				const attach = this.getNodeParameter('attach', i) as 'none' | 'csv' | 'xlsx';
				const fileName = this.helpers.assertBinaryData(i, binaryPropertyName).fileName ?? null;
				const result = await sidecarUpload<TableResponse>(
					this,
					i,
					SIDECAR_ROUTES.ocrTable,
					binaryPropertyName,
					{
						lang: this.getNodeParameter('language', i) as string,
						tables: this.getNodeParameter('tables', i) as string,
						attach,
						mode: options.mode,
						header: options.header,
						columns: options.columns ? options.columns : undefined,
						pages: options.pages,
						pdfMode: options.pdfMode,
						review: options.attachReview ? true : undefined,
					},
					{ timeoutMs: (options.timeoutSeconds ?? 1800) * 1000, retries: options.retries },
				);
				const items =
					output === 'tables'
						? tableItems(result, fileName)
						: rowItems(result, fileName, options.includeSource ?? false, options.keepText ?? false);
				if (result.file) {
					const file: IBinaryData = await this.helpers.prepareBinaryData(
						Buffer.from(result.file.base64, 'base64'),
						result.file.fileName,
						result.file.mimeType,
					);
					items[0]!.binary = { table: file };
				}
				await attachReview(this, items[0], result.review);
				return items;
			}),
		options.concurrency ?? 2,
	);
}
