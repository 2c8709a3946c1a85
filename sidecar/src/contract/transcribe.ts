/** The speech answer: the transcript with timed segments, the options echoed, timings. */
import { z } from 'zod';
import { TranscribeOptions } from './requests';
import { answer } from './schema';
import { DEVICES } from './vocab';

export const Segment = answer('Segment', { start: z.number().describe('seconds'), end: z.number(), text: z.string() });

export const Transcript = answer('Transcript', {
	text: z.string(),
	language: z.string(),
	duration: z.number().describe('seconds of audio'),
	segments: z.array(Segment),
	model: z.string(),
	device: z.enum(DEVICES),
	/** The model's defaults filled in, so the echo always has a chunk length and a batch size. */
	options: TranscribeOptions.required({ maxChunkSeconds: true, batchSize: true }).describe('The options that produced this result, defaults filled in'),
	timings: z.object({ decodeMs: z.number(), vadMs: z.number(), asrMs: z.number(), totalMs: z.number() }),
	realtimeFactor: z.number().nullable().describe('seconds of audio per second of processing'),
	subtitles: z.object({ format: z.enum(['srt', 'vtt']), content: z.string() }).optional(),
	warnings: z.array(z.string()),
});
