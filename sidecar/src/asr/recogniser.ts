/**
 * The one interface transcription sees over a speech model family (Moonshine, Whisper): chunks
 * of 16 kHz audio in, timed text segments out, on the recording's timeline.
 */
import type { ExecutionProvider } from '../runtime/provider';
import type { Segment } from './subtitles';

export interface SpeechChunk {
	audio: Float32Array;
	/** Where the chunk starts and ends in the recording, in seconds. */
	start: number;
	end: number;
}

export interface ChunkTranscript {
	/** ISO 639-1 code: detected, or the one asked for. */
	language: string;
	segments: Segment[];
}

export interface RecogniseOptions {
	language: string;
	task: 'transcribe' | 'translate';
	/** Beams per chunk (1: greedy). Models without beam search decode greedily. */
	beamSize: number;
}

export interface SpeechRecogniser {
	/** Execution provider of the model's sessions (cpu | cuda). */
	readonly provider: ExecutionProvider;
	/** Chunks one `recognise` call takes at most by default (the model's batch size). */
	readonly batchSize: number;
	/** Longest chunk the model reads well, seconds (Whisper: its 30-second window). */
	readonly maxChunkSeconds: number;
	recognise(chunks: readonly SpeechChunk[], opts: RecogniseOptions): Promise<ChunkTranscript[]>;
}
