/**
 * Voice activity with Silero VAD v5: a speech probability per 512-sample window (32 ms at 16 kHz),
 * each window fed with the previous 64 samples as context (without them every probability is 0),
 * then speech segments with hysteresis, and chunks sized for the recogniser. The segmenting and
 * chunking are pure functions of the probabilities.
 */
import { throwIfCancelled } from '../errors';
import * as ort from 'onnxruntime-node';
import type { ModelSession } from '../runtime/session';
import { SAMPLE_RATE } from './audio';
import type { Samples } from './samples';

export const WINDOW = 512;
export const CONTEXT = 64;

export async function speechProbabilities(session: ModelSession, audio: Samples, signal?: AbortSignal): Promise<Float32Array> {
	const windows = Math.ceil(audio.length / WINDOW);
	const probs = new Float32Array(windows);
	let state: ort.Tensor = new ort.Tensor('float32', new Float32Array(2 * 128), [2, 1, 128]);
	const sr = new ort.Tensor('int64', BigInt64Array.from([BigInt(SAMPLE_RATE)]), []);
	const input = new Float32Array(CONTEXT + WINDOW);
	// Read in blocks (about 65 s) rather than holding the recording.
	const BLOCK = WINDOW * 2048;
	let block: Float32Array = new Float32Array(0);
	let blockStart = 0;
	for (let w = 0; w < windows; w++) {
		// An hour is ~110,000 windows: a cancelled job stops here within a few seconds of audio.
		if (w % 256 === 0) throwIfCancelled(signal);
		const start = w * WINDOW;
		if (start >= blockStart + block.length) {
			blockStart = start;
			block = audio.read(start, start + BLOCK);
		}
		// context: the last 64 samples of the previous window (zeros before the first)
		input.copyWithin(0, WINDOW, WINDOW + CONTEXT);
		if (w === 0) input.fill(0, 0, CONTEXT);
		const frame = block.subarray(start - blockStart, Math.min(start - blockStart + WINDOW, block.length));
		input.set(frame, CONTEXT);
		if (frame.length < WINDOW) input.fill(0, CONTEXT + frame.length);
		const out = await session.run({ input: new ort.Tensor('float32', input.slice(), [1, CONTEXT + WINDOW]), state, sr });
		probs[w] = (out.output!.data as Float32Array)[0]!;
		state = out.stateN!;
	}
	return probs;
}

export interface VadOptions {
	threshold: number;
	/** Falling below this (not `threshold`) ends speech: hysteresis against flicker. */
	negThreshold: number;
	minSpeechMs: number;
	minSilenceMs: number;
	padMs: number;
}

export const VAD_DEFAULTS: VadOptions = { threshold: 0.5, negThreshold: 0.35, minSpeechMs: 250, minSilenceMs: 300, padMs: 100 };

/** Speech segments in samples [start, end), from per-window probabilities. */
export function speechSegments(probs: Float32Array, totalSamples: number, opts: VadOptions = VAD_DEFAULTS): Array<[number, number]> {
	const minSpeech = (opts.minSpeechMs * SAMPLE_RATE) / 1000;
	const minSilence = (opts.minSilenceMs * SAMPLE_RATE) / 1000;
	const pad = (opts.padMs * SAMPLE_RATE) / 1000;
	const segments: Array<[number, number]> = [];
	let start = -1;
	let silenceStart = -1;
	for (let w = 0; w < probs.length; w++) {
		const p = probs[w]!;
		const at = w * WINDOW;
		if (start < 0) {
			if (p >= opts.threshold) start = at;
			continue;
		}
		if (p >= opts.threshold) silenceStart = -1;
		else if (p < opts.negThreshold) {
			if (silenceStart < 0) silenceStart = at;
			if (at + WINDOW - silenceStart >= minSilence) {
				if (silenceStart - start >= minSpeech) segments.push([start, silenceStart]);
				start = -1;
				silenceStart = -1;
			}
		}
	}
	if (start >= 0 && totalSamples - start >= minSpeech) segments.push([start, totalSamples]);
	return segments.map(([s, e]) => [Math.max(0, s - pad), Math.min(totalSamples, e + pad)] as [number, number]);
}

/**
 * Groups segments into chunks of at most `maxSeconds` for the recogniser, merging neighbours
 * separated by less than `joinGapSeconds`; a segment longer than the limit is cut at its
 * quietest window.
 */
export function chunkSegments(segments: Array<[number, number]>, probs: Float32Array, maxSeconds: number, joinGapSeconds = 1): Array<[number, number]> {
	const max = maxSeconds * SAMPLE_RATE;
	const split = (s: number, e: number): Array<[number, number]> => {
		if (e - s <= max) return [[s, e]];
		// quietest window in the middle half of the allowed span
		const from = Math.floor((s + max / 4) / WINDOW);
		const to = Math.floor((s + max) / WINDOW);
		let cut = to;
		for (let w = from; w < to; w++) if ((probs[w] ?? 1) < (probs[cut] ?? 1)) cut = w;
		const at = Math.max(s + WINDOW, Math.min(cut * WINDOW, s + max));
		return [[s, at], ...split(at, e)];
	};
	const pieces = segments.flatMap(([s, e]) => split(s, e));
	const chunks: Array<[number, number]> = [];
	for (const [s, e] of pieces) {
		const last = chunks[chunks.length - 1];
		if (last && s - last[1] <= joinGapSeconds * SAMPLE_RATE && e - last[0] <= max) last[1] = e;
		else chunks.push([s, e]);
	}
	return chunks;
}
