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
	/** Longest chunk handed to the recogniser, seconds (VAD cuts at pauses); absent: the model's default. */
	maxChunkSeconds?: number;
	/** With format=json: also return the subtitles in this format. */
	subtitles: 'none' | 'srt' | 'vtt';
	/** Chunks decoded together (Whisper); absent: the model's default. */
	batchSize?: number;
	/** Beams per chunk (Whisper); 1 is greedy decoding. */
	beamSize: number;
}

export const TRANSCRIBE_DEFAULTS: TranscribeOptions = { model: 'moonshine-tiny', language: 'auto', task: 'transcribe', format: 'json', wordTimestamps: false, subtitles: 'none', beamSize: 1 };

/** Options with the model's defaults filled in: what the result echoes. */
export type ResolvedTranscribeOptions = TranscribeOptions & Required<Pick<TranscribeOptions, 'maxChunkSeconds' | 'batchSize'>>;


/** `{ [key]: value }` when the field was given, else nothing (so absent stays absent). */
function optional<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
	return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}

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
		...optional('maxChunkSeconds', numberField(fields, 'maxChunkSeconds', 2, 30)),
		subtitles: enumField(fields, 'subtitles', ['none', 'srt', 'vtt'] as const, 'none, srt or vtt') ?? d.subtitles,
		beamSize: numberField(fields, 'beamSize', 1, 10, true) ?? d.beamSize,
		...optional('batchSize', numberField(fields, 'batchSize', 1, 32, true)),
	};
}
