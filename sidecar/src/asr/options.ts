/** /v1/transcribe options from multipart form fields, validated with messages that name the field. */
import { formField, type FormFields } from '../http/formFields';
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
	const o = { ...TRANSCRIBE_DEFAULTS };
	o.model = formField(fields, 'model') ?? o.model;
	const language = formField(fields, 'language');
	if (language !== undefined) {
		if (!/^(auto|[a-z]{2,3})$/.test(language)) throw problems.badRequest(`language must be auto or an ISO 639-1 code such as en (got "${language}")`);
		o.language = language;
	}
	const task = formField(fields, 'task');
	if (task !== undefined) {
		if (task !== 'transcribe' && task !== 'translate') throw problems.badRequest(`task must be transcribe or translate (got "${task}")`);
		o.task = task;
	}
	const format = formField(fields, 'format');
	if (format !== undefined) {
		if (!(FORMATS as readonly string[]).includes(format)) throw problems.badRequest(`format must be one of ${FORMATS.join(', ')} (got "${format}")`);
		o.format = format as TranscriptFormat;
	}
	const words = formField(fields, 'wordTimestamps');
	if (words !== undefined) {
		if (words !== 'true' && words !== 'false') throw problems.badRequest(`wordTimestamps must be true or false (got "${words}")`);
		o.wordTimestamps = words === 'true';
	}
	const chunk = formField(fields, 'maxChunkSeconds');
	if (chunk !== undefined) {
		const n = Number(chunk);
		if (!Number.isFinite(n) || n < 2 || n > 30) throw problems.badRequest(`maxChunkSeconds must be a number from 2 to 30 (got "${chunk}")`);
		o.maxChunkSeconds = n;
	}
	const subtitles = formField(fields, 'subtitles');
	if (subtitles !== undefined) {
		if (!['none', 'srt', 'vtt'].includes(subtitles)) throw problems.badRequest(`subtitles must be none, srt or vtt (got "${subtitles}")`);
		o.subtitles = subtitles as TranscribeOptions['subtitles'];
	}
	return o;
}
