/**
 * Runs a node's work per input item with bounded concurrency. Output order follows the input,
 * every output item carries `pairedItem`, and with "Continue On Fail" a failing item becomes an
 * error item instead of stopping the execution: nothing is lost either way.
 */
import { NodeApiError, NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

/** Errors leave a node as NodeApiError/NodeOperationError tied to the item that failed. */
export function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

export type ItemWork = (itemIndex: number) => Promise<INodeExecutionData[]>;

/** The file an item was about, as error items name it (a review branch says which attachment failed). */
export interface FileRef {
	fileName: string | null;
	mimeType: string | null;
	binaryPropertyName: string;
}

export function errorItem(error: unknown, itemIndex: number, file?: FileRef): INodeExecutionData {
	const e = error as Error & { description?: string; httpCode?: string };
	return {
		json: {
			error: e.message,
			...(e.description ? { errorDescription: e.description } : {}),
			...(e.httpCode ? { httpCode: e.httpCode } : {}),
			...(file ? { fileName: file.fileName, mimeType: file.mimeType, binaryPropertyName: file.binaryPropertyName } : {}),
			inputItem: itemIndex,
		},
		pairedItem: { item: itemIndex },
	};
}

export async function mapItems(ctx: IExecuteFunctions, work: ItemWork, concurrency: number): Promise<INodeExecutionData[]> {
	const count = ctx.getInputData().length;
	const results: INodeExecutionData[][] = new Array<INodeExecutionData[]>(count);
	let next = 0;
	let failure: unknown;
	const worker = async () => {
		while (failure === undefined && next < count) {
			const itemIndex = next++;
			try {
				const out = await work(itemIndex);
				results[itemIndex] = out.map((o) => ({ ...o, pairedItem: o.pairedItem ?? { item: itemIndex } }));
			} catch (error) {
				if (ctx.continueOnFail()) results[itemIndex] = [errorItem(error, itemIndex)];
				else failure ??= asNodeError(ctx, error, itemIndex);
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
	if (failure !== undefined) throw failure;
	return results.flat();
}
