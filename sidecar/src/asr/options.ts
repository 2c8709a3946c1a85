/** /v1/transcribe options from multipart form fields, validated with messages that name the field. */
import { boolField, enumField, formField, numberField, type FormFields } from '../http/formFields';
import { problems } from '../http/problem';

export const FORMATS = ['json', 'text', 'srt', 'vtt'] as const;
export type TranscriptFormat = (typeof FORMATS)[number];

export interface TranscribeOptions {
	model: string;
	/** ISO 639-1 code, or auto. */
	language: string;
	task: 'transcribe' | 'translate';
	format: TranscriptFormat;
	wordTimestamps: boolean;
	/** Longest chunk handed to the recogniser, seconds (VAD cuts at pauses). */
	maxChunkSeconds: number;
	/** With format=json: also return the subtitles in this format. */
	subtitles: 'none' | 'srt' | 'vtt';
}

export const TRANSCRIBE_DEFAULTS: TranscribeOptions = { model: 'moonshine-tiny', language: 'auto', task: 'transcribe', format: 'json', wordTimestamps: false, maxChunkSeconds: 15, subtitles: 'none' };


export function parseTranscribeOptions(fields: FormFields): TranscribeOptions {
	const language = formField(fields, 'language');
	if (language !== undefined && !/^(auto|[a-z]{2,3})$/.test(language)) throw problems.badRequest(`language must be auto or an ISO 639-1 code such as en (got "${language}")`);
	const d = TRANSCRIBE_DEFAULTS;
	return {
		model: formField(fields, 'model') ?? d.model,
		language: language ?? d.language,
		task: enumField(fields, 'task', ['transcribe', 'translate'] as const, 'transcribe or translate') ?? d.task,
		format: enumField(fields, 'format', FORMATS) ?? d.format,
		wordTimestamps: boolField(fields, 'wordTimestamps') ?? d.wordTimestamps,
		maxChunkSeconds: numberField(fields, 'maxChunkSeconds', 2, 30) ?? d.maxChunkSeconds,
		subtitles: enumField(fields, 'subtitles', ['none', 'srt', 'vtt'] as const, 'none, srt or vtt') ?? d.subtitles,
	};
}
