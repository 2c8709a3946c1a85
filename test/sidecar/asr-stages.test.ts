/** Speech pipeline pieces that need no model: segmenting, chunking, subtitles, options. */
import { describe, expect, it } from 'vitest';
import { parseTranscribeOptions } from '../../sidecar/src/http/requestOptions';
import { toSrt, toVtt } from '../../sidecar/src/asr/subtitles';
import { chunkSegments, speechSegments, VAD_DEFAULTS, WINDOW } from '../../sidecar/src/asr/vad';

const SR = 16_000;
/** Probabilities per 32 ms window from a pattern of [seconds, probability] runs. */
function probs(runs: Array<[number, number]>): Float32Array {
	const out: number[] = [];
	for (const [seconds, p] of runs) for (let i = 0; i < Math.round((seconds * SR) / WINDOW); i++) out.push(p);
	return Float32Array.from(out);
}

describe('voice activity segments', () => {
	it('finds speech with hysteresis, pads it, and drops blips', () => {
		const p = probs([[1, 0.05], [2, 0.9], [0.1, 0.4], [1, 0.9], [1, 0.02], [0.1, 0.95], [2, 0.02]]);
		const segs = speechSegments(p, p.length * WINDOW, VAD_DEFAULTS);
		expect(segs).toHaveLength(1); // the 0.4 dip is above negThreshold; the 0.1 s blip is shorter than minSpeech
		const [s, e] = segs[0]!;
		expect(s / SR).toBeCloseTo(1 - 0.1, 1);
		expect(e / SR).toBeCloseTo(4.1 + 0.1, 1);
	});

	it('joins close segments into chunks and cuts long speech at its quietest window', () => {
		const p = probs([[40, 0.9]]);
		p[Math.round((12 * SR) / WINDOW)] = 0.51; // a quieter moment at 12 s
		const chunks = chunkSegments([[0, 40 * SR]], p, 15);
		expect(chunks.every(([s, e]) => e - s <= 15 * SR)).toBe(true);
		expect(chunks[0]![1] / SR).toBeCloseTo(12, 1);
		expect(chunks[chunks.length - 1]![1]).toBe(40 * SR);
		expect(chunkSegments([[0, SR], [1.5 * SR, 3 * SR], [10 * SR, 11 * SR]], p, 15)).toEqual([[0, 3 * SR], [10 * SR, 11 * SR]]);
	});
});

describe('subtitles', () => {
	const segs = [
		{ start: 0.25, end: 3.5, text: 'Hello there.' },
		{ start: 3661.007, end: 3662, text: 'An hour later.' },
	];
	it('writes SRT and WebVTT clocks', () => {
		expect(toSrt(segs)).toBe('1\n00:00:00,250 --> 00:00:03,500\nHello there.\n\n2\n01:01:01,007 --> 01:01:02,000\nAn hour later.\n');
		expect(toVtt(segs)).toBe('WEBVTT\n\n00:00:00.250 --> 00:00:03.500\nHello there.\n\n01:01:01.007 --> 01:01:02.000\nAn hour later.\n');
		expect(toVtt([])).toBe('WEBVTT\n\n');
	});
});

describe('transcribe options', () => {
	it('fills defaults and refuses bad values by name', () => {
		// Chunk length and batch size stay unset here: the model's own defaults fill them (the route echoes them).
		expect(parseTranscribeOptions({})).toEqual({ model: 'moonshine-tiny', language: 'auto', task: 'transcribe', format: 'json', wordTimestamps: false, subtitles: 'none', beamSize: 1 });
		expect(parseTranscribeOptions({ batchSize: '8' })).toMatchObject({ batchSize: 8 });
		expect(() => parseTranscribeOptions({ batchSize: '2.5' })).toThrow(/batchSize must be an integer from 1 to 32/);
		expect(parseTranscribeOptions({ format: 'srt', language: 'en', maxChunkSeconds: '8' })).toMatchObject({ format: 'srt', language: 'en', maxChunkSeconds: 8 });
		expect(() => parseTranscribeOptions({ maxChunkSeconds: '90' })).toThrow(/maxChunkSeconds must be a number from 2 to 30/);
		expect(() => parseTranscribeOptions({ language: 'English' })).toThrow(/language must be auto or an ISO 639-1 code/);
	});
});
