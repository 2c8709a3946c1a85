import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { asNodeError, errorItem } from '../shared/items';
import { CREDENTIAL_NAME, SIDECAR_ROUTES } from '../shared/routes';
import { sidecarRequest } from '../shared/transport';
import { gpuAlert } from './alert';
import type { GpuStatusResponse } from '../shared/types';

export class GpuStatus implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GPU Status',
		name: 'gpuStatus',
		icon: { light: 'file:gpuStatus.svg', dark: 'file:gpuStatus.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["whenNotOnGpu"] === "error" ? "fail when not on GPU" : "report"}}',
		description: 'Report whether the inference sidecar runs on the GPU, with GPU, model and queue facts',
		defaults: { name: 'GPU Status' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_NAME, required: true }],
		properties: [
			{
				displayName: 'When the GPU Is Not Active',
				name: 'whenNotOnGpu',
				type: 'options',
				default: 'output',
				options: [
					{
						name: 'Output Status',
						value: 'output',
						description: 'Output the status; route on its gpuActive field (e.g. with an IF node)',
					},
					{
						name: 'Fail the Execution',
						value: 'error',
						description: 'Stop with an error naming why CUDA is not used, so an error workflow can alert',
					},
				],
			},
			{
				displayName: 'Also Require the Sidecar to Be Ready',
				name: 'requireReady',
				type: 'boolean',
				default: false,
				description: 'Whether a sidecar whose models are not all loaded and warm counts as not active',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// One status check per execution, paired with every input item (a status is not per item).
		const items = this.getInputData();
		const pairedItem = items.map((_, item) => ({ item }));
		const whenNotOnGpu = this.getNodeParameter('whenNotOnGpu', 0) as 'output' | 'error';
		const requireReady = this.getNodeParameter('requireReady', 0) as boolean;
		try {
			const status = await sidecarRequest<GpuStatusResponse>(this, 0, SIDECAR_ROUTES.gpuStatus, { timeoutMs: 30_000 });
			const problem = gpuAlert(status, requireReady);
			const gpuActive = problem === null;
			if (problem && whenNotOnGpu === 'error') {
				throw new NodeOperationError(this.getNode(), problem.alert, { itemIndex: 0, description: problem.details });
			}
			const json: IDataObject = { gpuActive, alert: problem?.alert ?? null, details: problem?.details ?? null, ...(status as unknown as IDataObject) };
			return [[{ json, pairedItem }]];
		} catch (error) {
			if (this.continueOnFail()) return [[{ json: errorItem(error, 0).json, pairedItem }]];
			throw asNodeError(this, error, 0);
		}
	}
}
