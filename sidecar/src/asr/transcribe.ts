/**
 * Transcription: decode → voice activity → chunks at pauses → recogniser per chunk. Timestamps
 * are the chunks' places on the original timeline; silence yields no chunk, so no invented words.
 */
import type { Logger } from '../log/logger';
import { SAMPLE_RATE } from './audio';
import type { MoonshineRecogniser } from './moonshine';
import type { TranscribeOptions } from './options';
import type { Segment } from './subtitles';
import { chunkSegments, speechProbabilities, speechSegments } from './vad';
import type { ModelSession } from '../runtime/session';

export interface Transcript {
	text: string;
	language: string;
	duration: number;
	segments: Segment[];
	timings: { vadMs: number; asrMs: number };
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

export async function transcribe(
	audio: Float32Array,
	vad: ModelSession,
	recogniser: MoonshineRecogniser,
	opts: TranscribeOptions,
	progress: (done: number, total: number) => void,
	log?: Logger,
): Promise<Transcript> {
	let t = performance.now();
	const probs = await speechProbabilities(vad, audio);
	const chunks = chunkSegments(speechSegments(probs, audio.length), probs, opts.maxChunkSeconds);
	const vadMs = performance.now() - t;
	t = performance.now();
	const segments: Segment[] = [];
	for (const [i, [s, e]] of chunks.entries()) {
		const text = await recogniser.transcribe(audio.subarray(s, e));
		if (text !== '') segments.push({ start: round3(s / SAMPLE_RATE), end: round3(e / SAMPLE_RATE), text });
		progress(i + 1, chunks.length);
		if (chunks.length >= 20 && (i + 1) % 10 === 0) log?.info('transcription progress', { chunks: `${i + 1}/${chunks.length}`, audioSeconds: round3(e / SAMPLE_RATE) });
	}
	return {
		text: segments.map((s) => s.text).join(' '),
		language: 'en',
		duration: round3(audio.length / SAMPLE_RATE),
		segments,
		timings: { vadMs: Math.round(vadMs), asrMs: Math.round(performance.now() - t) },
	};
}
