/**
 * The speech part of the contract: POST /v1/transcribe and its schemas.
 */
import { obj, uploadErrors, v1Errors } from './helpers';

export const transcribeSchemas = {
		Segment: obj({
			start: { type: 'number', description: 'seconds' },
			end: { type: 'number' },
			text: { type: 'string' },
		}),
		TranscribeOptions: {
			type: 'object',
			properties: {
				model: {
					type: 'string',
					default: 'moonshine-tiny',
					description: 'A registry speech model (GET /v1/models)',
				},
				language: {
					type: 'string',
					default: 'auto',
					description: 'auto, or an ISO 639-1 code the model supports',
				},
				task: { type: 'string', enum: ['transcribe', 'translate'], default: 'transcribe' },
				format: { type: 'string', enum: ['json', 'text', 'srt', 'vtt'], default: 'json' },
				wordTimestamps: {
					type: 'string',
					enum: ['true', 'false'],
					default: 'false',
					description: 'Only where the model supports it (else ignored, with a warning)',
				},
				maxChunkSeconds: {
					type: 'number',
					minimum: 2,
					maximum: 30,
					description:
						"Longest piece of speech handed to the recogniser; voice activity cuts at pauses. Default: the model's (Moonshine 15, Whisper 30, its window)",
				},
				beamSize: {
					type: 'integer',
					minimum: 1,
					maximum: 10,
					default: 1,
					description: 'Whisper: beams per piece (1 is greedy decoding; 5 is faster-whisper\'s default). Other models decode greedily, with a warning',
				},
				batchSize: {
					type: 'integer',
					minimum: 1,
					maximum: 32,
					description:
						"Chunks encoded and decoded together (Whisper; Moonshine reads one at a time). Default: the model's (registry defaults.batchSize)",
				},
				subtitles: {
					type: 'string',
					enum: ['none', 'srt', 'vtt'],
					default: 'none',
					description: 'With format=json, also return subtitles in this format',
				},
			},
		},
		Transcript: obj(
			{
				text: { type: 'string' },
				language: { type: 'string' },
				duration: { type: 'number', description: 'seconds of audio' },
				segments: { type: 'array', items: { $ref: '#/components/schemas/Segment' } },
				model: { type: 'string' },
				device: { type: 'string', enum: ['cuda', 'cpu'] },
				options: {
					type: 'object',
					required: [
						'model',
						'language',
						'task',
						'format',
						'wordTimestamps',
						'maxChunkSeconds',
						'batchSize',
						'beamSize',
						'subtitles',
					],
					properties: {
						subtitles: { type: 'string' },
						model: { type: 'string' },
						language: { type: 'string' },
						task: { type: 'string' },
						format: { type: 'string' },
						wordTimestamps: { type: 'boolean' },
						maxChunkSeconds: { type: 'number' },
						batchSize: { type: 'integer' },
						beamSize: { type: 'integer' },
					},
				},
				timings: {
					type: 'object',
					required: ['decodeMs', 'vadMs', 'asrMs', 'totalMs'],
					properties: {
						decodeMs: { type: 'number' },
						vadMs: { type: 'number' },
						asrMs: { type: 'number' },
						totalMs: { type: 'number' },
					},
				},
				realtimeFactor: {
					type: ['number', 'null'],
					description: 'seconds of audio per second of processing',
				},
				subtitles: {
					type: 'object',
					required: ['format', 'content'],
					properties: {
						format: { type: 'string', enum: ['srt', 'vtt'] },
						content: { type: 'string' },
					},
				},
				warnings: { type: 'array', items: { type: 'string' } },
			},
			['subtitles'],
		),
};

export const transcribePaths = {
		'/v1/transcribe': {
			post: {
				operationId: 'transcribe',
				summary:
					'Speech to text with timed segments, or SRT/VTT subtitles, from audio or the audio track of a video',
				security: [{ bearer: [] }],
				requestBody: {
					required: true,
					content: {
						'multipart/form-data': {
							schema: {
								allOf: [
									obj({ file: { type: 'string', format: 'binary' } }),
									{ $ref: '#/components/schemas/TranscribeOptions' },
								],
							},
						},
					},
				},
				responses: {
					'200': {
						description: 'The transcript (format=json), or plain text, SRT or WebVTT',
						content: {
							'application/json': { schema: { $ref: '#/components/schemas/Transcript' } },
							'text/plain': { schema: { type: 'string' } },
							'application/x-subrip': { schema: { type: 'string' } },
							'text/vtt': { schema: { type: 'string' } },
						},
					},
					...v1Errors,
					...uploadErrors,
				},
			},
		},
};
