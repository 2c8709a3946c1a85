import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { getModelLanguages, getSpeechModels } from './methods';
import { CREDENTIAL_NAME } from '../shared/routes';
import { transcribeProperties } from './description';
import { transcribeItems } from './execute';

export class TranscribeAudio implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Transcribe Audio',
		name: 'transcribeAudio',
		icon: { light: 'file:transcribeAudio.svg', dark: 'file:transcribeAudio.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["model"]}}',
		description: 'Turn speech in audio or video files into text, timed segments and subtitles',
		defaults: { name: 'Transcribe Audio' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_NAME, required: true }],
		properties: transcribeProperties,
	};

	methods = { loadOptions: { getSpeechModels, getModelLanguages } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await transcribeItems.call(this)];
	}
}
