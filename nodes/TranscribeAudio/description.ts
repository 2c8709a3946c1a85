import type { INodeProperties } from 'n8n-workflow';
import {
	binaryInput,
	concurrencyOption,
	optionsCollection,
	retriesOption,
	timeoutOption,
} from '../shared/properties';

export const transcribeProperties: INodeProperties[] = [
	binaryInput('audio or video file (wav, mp3, m4a, ogg, flac, webm, mp4, mov …)'),
	{
		displayName: 'Model Name or ID',
		name: 'model',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getSpeechModels' },
		default: 'moonshine-tiny',
		description:
			'The speech model to use. moonshine-tiny is built in (English). Whisper models understand about 100 languages and translate; one marked "not downloaded" must first be added by whoever runs the sidecar. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Language Name or ID',
		name: 'language',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getModelLanguages', loadOptionsDependsOn: ['model'] },
		default: 'auto',
		description:
			'Language spoken in the recording, among those the chosen model understands; Auto-Detect lets the model decide. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'transcript',
		options: [
			{
				name: 'One Item per File',
				value: 'transcript',
				description: 'Text, language, duration and the timed segments',
			},
			{
				name: 'One Item per Segment',
				value: 'segments',
				description: 'Each timed segment as its own item (start, end, text)',
			},
		],
	},
	{
		displayName: 'Attach Subtitles',
		name: 'subtitles',
		type: 'options',
		default: 'none',
		options: [
			{ name: 'None', value: 'none' },
			{ name: 'SRT File', value: 'srt' },
			{ name: 'WebVTT File', value: 'vtt' },
		],
		description:
			'Whether to add the subtitles as a binary file (property "subtitles") to each file’s item',
	},
	optionsCollection([
		{
			displayName: 'Task',
			name: 'task',
			type: 'options',
			default: 'transcribe',
			options: [
				{ name: 'Transcribe', value: 'transcribe' },
				{ name: 'Translate to English', value: 'translate', description: 'Whisper models only' },
			],
		},
		{
			displayName: 'Longest Chunk (Seconds)',
			name: 'maxChunkSeconds',
			type: 'number',
			typeOptions: { minValue: 2, maxValue: 30 },
			default: 15,
			description:
				'Speech is cut at pauses into pieces of at most this length; shorter pieces give finer subtitle timing. Left out: the model’s own (Moonshine 15, Whisper 30).',
		},
		{
			displayName: 'Beam Size',
			name: 'beamSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10 },
			default: 1,
			description:
				'Whisper models: 1 decodes greedily (fastest); 5 searches five candidate transcripts per piece, as faster-whisper does by default',
		},
		{
			displayName: 'Batch Size',
			name: 'batchSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 32 },
			default: 4,
			description:
				'Whisper models: pieces decoded together (larger is faster on a GPU). Left out: the model’s own.',
		},
		concurrencyOption('files'),
		timeoutOption(7200, 'file'),
		retriesOption(),
	]),
];
