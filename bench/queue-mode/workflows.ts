/**
 * The workflows the scaled-out install runs: one per kind of file, each started by a webhook with
 * a list of files (a chunk of the batch) and answering with what its last node produced:
 *   Webhook → Split Out (one item per file) → Read File → OCR Invoice | OCR Table | Transcribe Audio → Paired
 * "Paired" asks n8n itself, through the item's pairedItem chain, which file each result came from
 * ($('Split Out').item), so a result paired with the wrong input shows as a wrong name.
 */
export type Kind = 'invoice' | 'table' | 'audio';
export const KINDS: Kind[] = ['invoice', 'table', 'audio'];
export const CREDENTIAL = { id: 'queueSidecarCred', name: 'GPU Inference Sidecar (balanced)' };

const inferenceNode: Record<Kind, { type: string; name: string; parameters: Record<string, unknown> }> = {
	invoice: { type: 'n8n-nodes-gpu-inference.ocrInvoice', name: 'OCR Invoice', parameters: { binaryPropertyName: 'data', language: 'auto', options: {} } },
	table: { type: 'n8n-nodes-gpu-inference.ocrTable', name: 'OCR Table', parameters: { binaryPropertyName: 'data', output: 'tables', tables: 'first', attach: 'none', language: 'auto', options: {} } },
	audio: { type: 'n8n-nodes-gpu-inference.transcribeAudio', name: 'Transcribe Audio', parameters: { binaryPropertyName: 'data', model: 'moonshine-tiny', language: 'auto', output: 'transcript', subtitles: 'none', options: {} } },
};

export const workflowId = (kind: Kind) => `queueBatch${kind[0]!.toUpperCase()}${kind.slice(1)}`;
export const webhookPath = (kind: Kind) => `batch-${kind}`;

export function workflow(kind: Kind): Record<string, unknown> {
	const id = (n: number) => `7b3d${kind.length}c00-0000-4000-8000-${String(n).padStart(12, '0')}`;
	const inference = inferenceNode[kind];
	return {
		id: workflowId(kind),
		name: `Queue-mode batch: ${kind}`,
		nodes: [
			{
				parameters: { httpMethod: 'POST', path: webhookPath(kind), responseMode: 'lastNode', responseData: 'allEntries', options: {} },
				id: id(1),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: id(101),
			},
			{ parameters: { fieldToSplitOut: 'body.files', options: {} }, id: id(2), name: 'Split Out', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [200, 0] },
			{ parameters: { operation: 'read', fileSelector: '={{ $json.path }}', options: {} }, id: id(3), name: 'Read File', type: 'n8n-nodes-base.readWriteFile', typeVersion: 1, position: [400, 0] },
			{ ...inference, id: id(4), typeVersion: 1, position: [600, 0], credentials: { gpuInferenceSidecarApi: CREDENTIAL } },
			{
				parameters: {
					mode: 'manual',
					includeOtherFields: true,
					assignments: { assignments: [{ id: id(50), name: 'pairedWith', value: "={{ $('Split Out').item.json.name }}", type: 'string' }] },
					options: {},
				},
				id: id(5),
				name: 'Paired',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [800, 0],
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] },
			'Split Out': { main: [[{ node: 'Read File', type: 'main', index: 0 }]] },
			'Read File': { main: [[{ node: inference.name, type: 'main', index: 0 }]] },
			[inference.name]: { main: [[{ node: 'Paired', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}
