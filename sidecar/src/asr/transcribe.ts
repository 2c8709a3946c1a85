/**
 * Transcription: decode → voice activity → chunks at pauses → recogniser per chunk. Timestamps
 * are the chunks' places on the original timeline; silence yields no chunk, so no invented words.
 */
import { throwIfCancelled } from '../errors';
import type { Logger } from '../log/logger';
import { SAMPLE_RATE } from './audio';
import type { ResolvedTranscribeOptions } from './options';
import type { Samples } from './samples';
import type { SpeechChunk, SpeechRecogniser } from './recogniser';
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

/** The language said most often across chunks (ties: the first), or the one asked for. */
function mainLanguage(languages: readonly string[], asked: string): string {
	if (asked !== 'auto' || languages.length === 0) return asked === 'auto' ? 'en' : asked;
	const counts = new Map<string, number>();
	for (const l of languages) counts.set(l, (counts.get(l) ?? 0) + 1);
	return [...counts].reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

export async function transcribe(
	audio: Samples,
	vad: ModelSession,
	recogniser: SpeechRecogniser,
	opts: ResolvedTranscribeOptions,
	progress: (done: number, total: number) => void,
	log?: Logger,
	signal?: AbortSignal,
): Promise<Transcript> {
	let t = performance.now();
	const probs = await speechProbabilities(vad, audio, signal);
	const ranges = chunkSegments(speechSegments(probs, audio.length), probs, opts.maxChunkSeconds);
	const vadMs = performance.now() - t;
	t = performance.now();
	const batchSize = opts.batchSize;
	const segments: Segment[] = [];
	const languages: string[] = [];
	// Each batch's audio is read when its turn comes: memory holds one batch of chunks, not the recording.
	for (let i = 0; i < ranges.length; i += batchSize) {
		throwIfCancelled(signal);
		const batch: SpeechChunk[] = ranges.slice(i, i + batchSize).map(([s, e]) => ({ audio: audio.read(s, e), start: round3(s / SAMPLE_RATE), end: round3(e / SAMPLE_RATE) }));
		for (const r of await recogniser.recognise(batch, { language: opts.language, task: opts.task, beamSize: opts.beamSize })) {
			segments.push(...r.segments);
			if (r.segments.length > 0) languages.push(r.language);
		}
		const done = i + batch.length;
		progress(done, ranges.length);
		if (ranges.length >= 20 && Math.floor(done / 10) > Math.floor(i / 10)) log?.info('transcription progress', { chunks: `${done}/${ranges.length}`, audioSeconds: batch[batch.length - 1]!.end });
	}
	return {
		text: segments.map((s) => s.text).join(' '),
		language: mainLanguage(languages, opts.language),
		duration: round3(audio.length / SAMPLE_RATE),
		segments,
		timings: { vadMs: Math.round(vadMs), asrMs: Math.round(performance.now() - t) },
	};
}
