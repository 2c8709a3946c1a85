/** What a transcription can be asked to do, and the defaults. Parsed from a request by http/requestOptions.ts. */

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
