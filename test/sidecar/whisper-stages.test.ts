/** Whisper's front end without weights: tokenizer ids, special tokens, mel filters and log-mel features. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOP, logMel, melFilters, powerSpectrogram } from '../../sidecar/src/asr/whisper/features';
import { WhisperRecogniser } from '../../sidecar/src/asr/whisper/recogniser';
import { createSession } from '../../sidecar/src/runtime/session';
import { fromHalf, toHalf } from '../../sidecar/src/runtime/half';
import type { Feeds } from '../../sidecar/src/runtime/session';
import { DecoderRun, decoderLayout, pickRows } from '../../sidecar/src/asr/seq2seq/decoder';
import { logSoftmax, topK } from '../../sidecar/src/asr/whisper/search';
import * as ort from 'onnxruntime-node';
import { cachedIds, seconds, writeWhisperGraphs } from '../helpers/whisperGraph';
import { applyTimestampRules, segmentsOf } from '../../sidecar/src/asr/whisper/timestamps';
import { WhisperTokenizer } from '../../sidecar/src/asr/whisper/tokenizer';

const fixtures = path.join(__dirname, '../fixtures');
const tokenizer = (languages = 99) => new WhisperTokenizer(fs.readFileSync(path.join(fixtures, 'whisper-multilingual-subset.tiktoken'), 'utf8'), languages);

describe('Whisper tokenizer', () => {
	it('encodes the JFK sentence to the token ids Whisper itself produces, and decodes them back', () => {
		const text = ' And so my fellow Americans, ask not what your country can do for you, ask what you can do for your country.';
		const ids = tokenizer().encode(text);
		expect(ids).toEqual([400, 370, 452, 7177, 6280, 11, 1029, 406, 437, 428, 1941, 393, 360, 337, 291, 11, 1029, 437, 291, 393, 360, 337, 428, 1941, 13]);
		expect(tokenizer().decode(ids)).toBe(text);
		const mixed = ' Ask not what your country can do for you, ¿qué? Größe 日本';
		expect(tokenizer().decode(tokenizer().encode(mixed))).toBe(mixed);
	});

	it('lists the non-speech tokens Whisper suppresses, as openai/whisper computes them', () => {
		// The "suppress_tokens" of Whisper's multilingual generation config, special tokens aside.
		expect(tokenizer().nonSpeechTokens()).toEqual([
			1, 2, 7, 8, 9, 10, 14, 25, 26, 27, 28, 29, 31, 58, 59, 60, 61, 62, 63, 90, 91, 92, 93, 359, 503, 522, 542, 873, 893, 902, 918, 922, 931, 1350, 1853, 1982, 2460, 2627, 3246, 3253, 3268, 3536, 3846,
			3961, 4183, 4667, 6585, 6647, 7273, 9061, 9383, 10428, 10929, 11938, 12033, 12331, 12562, 13793, 14157, 14635, 15265, 15618, 16553, 16604, 18362, 18956, 20075, 21675, 22520, 26130, 26161, 26435,
			28279, 29464, 31650, 32302, 32470, 36865, 42863, 47425, 49870, 50254,
		]);
	});

	it('numbers the special tokens as Whisper does (large-v3 adds a language, shifting the rest)', () => {
		const t = tokenizer();
		expect(t.special).toMatchObject({ endOfText: 50257, startOfTranscript: 50258, translate: 50358, transcribe: 50359, noSpeech: 50362, noTimestamps: 50363, timestampBegin: 50364 });
		expect([t.special.languages.get('en'), t.special.languages.get('de'), t.special.languages.get('yue')]).toEqual([50259, 50261, undefined]);
		expect(t.prompt('de', 'translate', false)).toEqual([50258, 50261, 50358, 50363]);
		const v3 = tokenizer(100);
		expect(v3.special).toMatchObject({ translate: 50359, transcribe: 50360, noTimestamps: 50364, timestampBegin: 50365 });
		expect(v3.special.languages.get('yue')).toBe(50358);
		expect([t.isTimestamp(50364 + 150), t.timeOf(50364 + 150)]).toEqual([true, 3]);
		expect(t.decode([50258, 50259, 50359, 50364, 400, 370, 50414])).toBe(' And so');
	});
});

describe('Whisper log-mel features', () => {
	for (const bands of [80, 128]) {
		it(`computes the ${bands}-band mel filters to within 1e-8 of openai/whisper’s own`, () => {
			const buf = fs.readFileSync(path.join(fixtures, `whisper-mel-${bands}.f32le.bin`));
			const ref = new Float32Array(buf.buffer, buf.byteOffset, buf.length / 4);
			const ours = melFilters(bands);
			expect(ours.length).toBe(ref.length);
			expect(Math.max(...ref.map((v, i) => Math.abs(v - ours[i]!)))).toBeLessThan(1e-8);
		});
	}

	it('puts a tone in its band, gives one frame per 10 ms, and scales like Whisper', () => {
		const sr = 16000;
		const audio = Float32Array.from({ length: sr }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 1000 * i) / sr));
		const { frames, power } = powerSpectrogram(audio);
		expect(frames).toBe(sr / HOP);
		// 1 kHz sits in FFT bin 1000 / (16000 / 400) = 25.
		const mid = power.subarray(50 * 201, 51 * 201);
		expect(mid.indexOf(Math.max(...mid))).toBe(25);
		const mel = logMel(audio, melFilters(80), 80);
		expect(mel.data.length).toBe(80 * frames);
		const max = Math.max(...mel.data);
		const min = Math.min(...mel.data);
		// log10 clamped 8 below the maximum, then (x + 4) / 4: the range is exactly 2.
		expect(max - min).toBeCloseTo(2, 5);
	});
});

describe('Whisper timestamp rules and segments', () => {
	const sp = tokenizer().special;
	const V = sp.timestampBegin + 1501;
	const row = (fill: (i: number) => number) => Float32Array.from({ length: V }, (_, i) => fill(i));
	const best = (l: Float32Array) => l.indexOf(Math.max(...l));
	const ts = (s: number) => sp.timestampBegin + Math.round(s / 0.02);

	it('starts with a timestamp no later than 1 s, never <|notimestamps|>', () => {
		const l = row((i) => (i === 400 ? 10 : i === sp.noTimestamps ? 20 : i === ts(3) ? 5 : i === ts(0.5) ? 1 : 0));
		applyTimestampRules(l, [], sp);
		expect(best(l)).toBe(ts(0.5));
	});

	it('pairs timestamps, never goes back in time, and prefers a timestamp when they outweigh text', () => {
		// After text and one timestamp: a timestamp or end of text, not text; not earlier than the last one.
		let l = row((i) => (i === 400 ? 10 : i === ts(0.2) ? 8 : i === ts(2) ? 6 : 0));
		applyTimestampRules(l, [ts(0), 400, 370, ts(1)], sp);
		expect(best(l)).toBe(ts(2));
		// After a pair: text.
		l = row((i) => (i === ts(3) ? 10 : i === 452 ? 5 : 0));
		applyTimestampRules(l, [ts(0), 400, ts(1), ts(1)], sp);
		expect(best(l)).toBe(452);
		// Many likely timestamps together beat a slightly likelier word.
		l = row((i) => (i === 452 ? 3 : i >= ts(1.02) && i < ts(1.2) ? 2.5 : -5));
		applyTimestampRules(l, [ts(0), 400, 370], sp);
		expect(best(l)).toBeGreaterThanOrEqual(sp.timestampBegin);
	});

	it('turns sampled tokens into timed segments on the recording’s timeline', () => {
		const t = tokenizer();
		const sampled = [ts(0), 400, 370, ts(1.5), ts(1.5), 452, 7177, 6280, ts(3.2), 1029, 406, sp.endOfText];
		const segs = segmentsOf(sampled, sp, 5, 60);
		expect(segs.map((s) => [s.start, s.end, t.decode(s.tokens)])).toEqual([
			[60, 61.5, ' And so'],
			[61.5, 63.2, ' my fellow Americans'],
			[63.2, 65, ' ask not'],
		]);
	});
});

describe('float16 conversion (fp16 model inputs and outputs)', () => {
	it('rounds to the nearest half, keeps subnormals, saturates to infinity, and reads back', () => {
		const bits = toHalf(Float32Array.of(1, -2, 65504, 0.1, 2 ** -24, 1e-9, 70000, -Infinity, 1 + 2 ** -11, 1 + 3 * 2 ** -11));
		expect([...bits]).toEqual([0x3c00, 0xc000, 0x7bff, 0x2e66, 0x0001, 0x0000, 0x7c00, 0xfc00, 0x3c00, 0x3c02]);
		expect([...fromHalf(bits)]).toEqual([1, -2, 65504, 0.0999755859375, 2 ** -24, 0, Infinity, -Infinity, 1, 1 + 2 ** -9]);
		expect(Number.isNaN(fromHalf(toHalf(Float32Array.of(NaN)))[0])).toBe(true);
		const values = Float32Array.from({ length: 1000 }, (_, i) => (i - 500) * 0.731);
		const back = fromHalf(toHalf(values));
		for (let i = 0; i < values.length; i++) expect(Math.abs(back[i]! - values[i]!)).toBeLessThanOrEqual(Math.abs(values[i]!) * 2 ** -11 + 1e-7);
	});
});

describe('Whisper decoding loop on generated Whisper-shaped ONNX graphs', () => {
	// test/helpers/whisperGraph.ts: a slicing encoder and a scripted bigram decoder, run by real
	// ONNX Runtime sessions, in the plain and the merged (KV cache) layouts, float32 and float16.
	const sp = tokenizer().special;
	const session = (file: string, name: string) => createSession(file, { modelId: 'whisper-test', name, provider: 'cpu', cudaDeviceId: 0, intraOpThreads: 1 });
	const recogniser = async (opts: { merged: boolean; float16: boolean; beamTrap?: boolean; symbolFirst?: boolean }, spy?: (feeds: Feeds) => void) => {
		const files = writeWhisperGraphs(fs.mkdtempSync(path.join(os.tmpdir(), 'whisper-graph-')), sp, opts);
		const decoder = await session(files.decoder, 'decoder');
		// Every decoder call's inputs are recorded; the real session still runs them.
		const watched = spy ? new Proxy(decoder, { get: (t, k) => (k === 'run' ? (f: Feeds) => (spy(f), t.run(f)) : Reflect.get(t, k)) }) : decoder;
		return new WhisperRecogniser(await session(files.encoder, 'encoder'), watched, tokenizer(), { nMels: 80, maxTokens: 50, batchSize: 4 });
	};
	const sine = Float32Array.from({ length: 2 * 16000 }, (_, i) => 0.1 * Math.sin(i / 7));
	const silence = new Float32Array(3 * 16000);

	it('detects the language, follows the timestamp rules and gives timed segments (decoder without cache)', async () => {
		const whisper = await recogniser({ merged: false, float16: false });
		const auto = await whisper.transcribe(silence, { language: 'auto', task: 'transcribe', offset: 30 });
		expect(auto).toEqual({ language: 'en', segments: [{ start: 30, end: 31.5, text: 'And so my fellow Americans' }] });
		const translated = await whisper.transcribe(silence, { language: 'de', task: 'translate', offset: 0 });
		expect(translated).toEqual({ language: 'de', segments: [{ start: 0.5, end: 1.5, text: 'my fellow Americans' }] });
	});

	for (const float16 of [false, true]) {
		it(`decodes a batch in step with the merged decoder's KV cache (${float16 ? 'float16' : 'float32'} I/O)`, async () => {
			const feeds: Feeds[] = [];
			const whisper = await recogniser({ merged: true, float16 }, (f) => feeds.push(f));
			const [loud, quiet] = await whisper.transcribeBatch([{ audio: sine, offset: 0 }, { audio: silence, offset: 12 }], { language: 'auto', task: 'transcribe' });
			// The rows take different paths and lengths in one batch.
			expect(loud).toEqual({ language: 'en', segments: [{ start: 0, end: 1.5, text: 'my fellow Americans' }] });
			expect(quiet).toEqual({ language: 'en', segments: [{ start: 12, end: 13.5, text: 'And so my fellow Americans' }] });
			// Step 1: <|startoftranscript|> alone, no cache; step 2: the rest of the prompt; then one token a step.
			expect(feeds.map((f) => f.input_ids!.dims)).toEqual([[2, 1], [2, 2], ...Array.from({ length: feeds.length - 2 }, () => [2, 1])]);
			expect(feeds.map((f) => (f.use_cache_branch!.data as Uint8Array)[0])).toEqual([0, ...Array.from({ length: feeds.length - 1 }, () => 1)]);
			// The cache each step sees holds exactly the ids fed before it (fp16 rounds large ids).
			const asStored = (ids: number[]) => (float16 ? [...fromHalf(toHalf(Float32Array.from(ids)))] : ids);
			const fed: number[][] = [[], []];
			for (const f of feeds) {
				for (const b of [0, 1]) {
					expect(cachedIds(f['past_key_values.1.decoder.value']!, b)).toEqual(asStored(fed[b]!));
					expect(f['past_key_values.0.encoder.key']!.dims[2]).toBe(fed[b]!.length === 0 ? 0 : 1500);
				}
				const ids = f.input_ids!.data as BigInt64Array;
				const width = f.input_ids!.dims[1]!;
				for (const b of [0, 1]) fed[b]!.push(...Array.from(ids.subarray(b * width, (b + 1) * width), Number));
			}
			expect(fed[1]!.slice(0, 4)).toEqual([sp.startOfTranscript, sp.languages.get('en'), sp.transcribe, seconds(sp, 0)]);
		});
	}

	it('feeds an fp16 encoder\'s output to a float32 decoder and the other way round', async () => {
		const dir = (float16: boolean) => writeWhisperGraphs(fs.mkdtempSync(path.join(os.tmpdir(), 'whisper-mixed-')), sp, { merged: true, float16 });
		const [half, full] = [dir(true), dir(false)];
		for (const [encoder, decoder] of [[half.encoder, full.decoder], [full.encoder, half.decoder]] as const) {
			const whisper = new WhisperRecogniser(await session(encoder, 'encoder'), await session(decoder, 'decoder'), tokenizer(), { nMels: 80, maxTokens: 50, batchSize: 4 });
			const [r] = await whisper.transcribeBatch([{ audio: sine, offset: 0 }], { language: 'auto', task: 'transcribe' });
			expect(r).toEqual({ language: 'en', segments: [{ start: 0, end: 1.5, text: 'my fellow Americans' }] });
		}
	});

	it('never writes a non-speech symbol: "(" is suppressed and the runner-up taken', async () => {
		const whisper = await recogniser({ merged: true, float16: false, symbolFirst: true });
		const [r] = await whisper.transcribeBatch([{ audio: silence, offset: 0 }], { language: 'en', task: 'transcribe' });
		expect(r!.segments.map((s) => s.text)).toEqual(['And so my fellow Americans']);
	});

	it('takes the forced language and task into the prompt', async () => {
		const whisper = await recogniser({ merged: true, float16: false });
		const [r] = await whisper.transcribeBatch([{ audio: silence, offset: 0 }], { language: 'de', task: 'translate' });
		expect(r).toEqual({ language: 'de', segments: [{ start: 0.5, end: 1.5, text: 'my fellow Americans' }] });
	});

	for (const merged of [false, true]) {
		it(`finds with a beam search what greedy decoding misses, batch by batch (${merged ? 'merged decoder, cache reordered' : 'decoder without cache'})`, async () => {
			const whisper = await recogniser({ merged, float16: false, beamTrap: true });
			const opts = { language: 'en', task: 'transcribe' as const };
			const greedy = await whisper.transcribeBatch([{ audio: silence, offset: 0 }], opts);
			expect(greedy[0]!.segments.map((s) => s.text)).toEqual(['And so my fellow Americans']);
			const beams = await whisper.transcribeBatch([{ audio: silence, offset: 0 }, { audio: silence, offset: 40 }], { ...opts, beamSize: 3 });
			expect(beams).toEqual([
				{ language: 'en', segments: [{ start: 0, end: 1.5, text: 'my fellow Americans' }] },
				{ language: 'en', segments: [{ start: 40, end: 41.5, text: 'my fellow Americans' }] },
			]);
		});
	}
});

describe('decoder rows for beam search', () => {
	it('reorders the self-attention cache (and the sequences) row by row, for both layouts', async () => {
		const sp = tokenizer().special;
		for (const merged of [true, false]) {
			const files = writeWhisperGraphs(fs.mkdtempSync(path.join(os.tmpdir(), 'whisper-rows-')), sp, { merged, float16: false });
			const seen: Feeds[] = [];
			const real = await createSession(files.decoder, { modelId: 'whisper-test', name: 'decoder', provider: 'cpu', cudaDeviceId: 0, intraOpThreads: 1 });
			const decoder = new Proxy(real, { get: (t, k) => (k === 'run' ? (f: Feeds) => (seen.push(f), t.run(f)) : Reflect.get(t, k)) });
			const hidden = new ort.Tensor('float32', new Float32Array(3 * 1500 * 80), [3, 1500, 80]);
			const run = new DecoderRun(decoder, decoderLayout(decoder), hidden);
			await run.next([[10, 11], [20, 21], [30, 31]]);
			await run.next([[12], [22], [32]]);
			run.reorder([2, 0, 0]);
			await run.next([[33], [13], [14]]);
			const last = seen[seen.length - 1]!;
			const expected = [[30, 31, 32], [10, 11, 12], [10, 11, 12]];
			if (merged) {
				for (const b of [0, 1, 2]) expect(cachedIds(last['past_key_values.0.decoder.key']!, b)).toEqual(expected[b]);
				expect(last.input_ids!.dims).toEqual([3, 1]);
			} else {
				expect(Array.from(last.input_ids!.data as BigInt64Array, Number)).toEqual([...expected[0]!, 33, ...expected[1]!, 13, ...expected[2]!, 14]);
			}
		}
	});

	it('copies rows of any tensor, repeats allowed (encoder states for the beams of each window)', () => {
		const t = new ort.Tensor('float32', Float32Array.from([1, 2, 3, 4, 5, 6]), [3, 2]);
		const picked = pickRows(t, [2, 2, 0]);
		expect([picked.dims, Array.from(picked.data as Float32Array)]).toEqual([[3, 2], [5, 6, 5, 6, 1, 2]]);
		const half = pickRows(new ort.Tensor('float16', Uint16Array.from([1, 2, 3, 4]), [2, 2]), [1]);
		expect([half.type, Array.from(half.data as Uint16Array)]).toEqual(['float16', [3, 4]]);
	});
});

describe('search helpers', () => {
	it('picks the k largest entries in order and normalises log-probabilities', () => {
		const v = Float32Array.of(0.5, 3, -Infinity, 2, 3.5, -1);
		expect(topK(v, 3)).toEqual([4, 1, 3]);
		expect(topK(v, 10)).toEqual([4, 1, 3, 0, 5]);
		const p = logSoftmax(Float32Array.of(1, 2, 3, -Infinity));
		expect(p[3]).toBe(-Infinity);
		expect(Math.exp(p[0]!) + Math.exp(p[1]!) + Math.exp(p[2]!)).toBeCloseTo(1, 6);
		expect(p[2]! - p[1]!).toBeCloseTo(1, 6);
	});
});
