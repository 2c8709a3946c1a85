/** What a transcription can be asked to do: the contract's TranscribeOptions (contract/requests.ts), with its defaults. */
import { TranscribeOptions as TranscribeOptionsSchema, type TranscribeRequestOptions } from '../contract/requests';
import type { FORMATS } from '../contract/vocab';

export type TranscriptFormat = (typeof FORMATS)[number];

/** What a request asks for; `maxChunkSeconds` and `batchSize` absent mean the model's defaults. */
export type TranscribeOptions = TranscribeRequestOptions;

export const TRANSCRIBE_DEFAULTS: TranscribeOptions = TranscribeOptionsSchema.parse({});

/** Options with the model's defaults filled in: what the result echoes. */
export type ResolvedTranscribeOptions = TranscribeOptions & Required<Pick<TranscribeOptions, 'maxChunkSeconds' | 'batchSize'>>;
