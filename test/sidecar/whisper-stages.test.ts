/** Whisper's front end without weights: tokenizer ids, special tokens, mel filters and log-mel features. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOP, logMel, melFilters, powerSpectrogram } from '../../sidecar/src/asr/whisper/features';
import { WhisperRecogniser } from '../../sidecar/src/asr/whisper/recogniser';
import { createSession } from '../../sidecar/src/runtime/session';
import { FLOAT, INT64, onnxModel } from '../helpers/onnx';
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
	it('computes the 80-band mel filters to within 1e-8 of openai/whisper’s own', () => {
		const buf = fs.readFileSync(path.join(fixtures, 'whisper-mel-80.f32le.bin'));
		const ref = new Float32Array(buf.buffer, buf.byteOffset, buf.length / 4);
		const ours = melFilters(80);
		expect(ours.length).toBe(ref.length);
		expect(Math.max(...ref.map((v, i) => Math.abs(v - ours[i]!)))).toBeLessThan(1e-8);
	});

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

describe('Whisper decoding loop on a generated Whisper-shaped ONNX graph', () => {
	// Encoder: input_features [1, 80, 3000] → last_hidden_state [1, 1500, 80] (a slice, transposed).
	// Decoder: input_ids [1, S], encoder_hidden_states → logits [1, S, V]: a scripted bigram model
	// (each token's successor from a table, as a one-hot row), plus 0 × the encoder output so the
	// graph reads it. Real ONNX Runtime sessions run both.
	const sp = tokenizer().special;
	const V = sp.timestampBegin + 1501;
	const ts = (s: number) => sp.timestampBegin + Math.round(s / 0.02);
	const script = new Map<number, number>([
		[sp.startOfTranscript, sp.languages.get('en')!],
		[sp.transcribe, ts(0)],
		[ts(0), 400],
		[400, 370],
		[370, 452],
		[452, 7177],
		[7177, 6280],
		[6280, ts(1.5)],
		[ts(1.5), sp.endOfText],
		// After "translate" the script takes another path, so the prompt shows in the result.
		[sp.translate, ts(0.5)],
		[ts(0.5), 452],
	]);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'whisper-graph-'));
	const encoderFile = path.join(dir, 'encoder_model.onnx');
	const decoderFile = path.join(dir, 'decoder_model.onnx');
	fs.writeFileSync(
		encoderFile,
		onnxModel({
			inputs: [{ name: 'input_features', type: FLOAT, shape: [1, 80, 3000] }],
			outputs: [{ name: 'last_hidden_state', type: FLOAT, shape: [1, 1500, 80] }],
			initializers: [
				{ name: 'starts', type: INT64, dims: [1], values: [0] },
				{ name: 'ends', type: INT64, dims: [1], values: [1500] },
				{ name: 'axes', type: INT64, dims: [1], values: [2] },
			],
			nodes: [
				{ op: 'Slice', inputs: ['input_features', 'starts', 'ends', 'axes'], outputs: ['half'] },
				{ op: 'Transpose', inputs: ['half'], outputs: ['last_hidden_state'], attrs: { perm: [0, 2, 1] } },
			],
		}),
	);
	fs.writeFileSync(
		decoderFile,
		onnxModel({
			inputs: [
				{ name: 'input_ids', type: INT64, shape: [1, 'sequence'] },
				{ name: 'encoder_hidden_states', type: FLOAT, shape: [1, 1500, 80] },
			],
			outputs: [{ name: 'logits', type: FLOAT, shape: [1, 'sequence', V] }],
			initializers: [
				{ name: 'next', type: INT64, dims: [V], values: Array.from({ length: V }, (_, t) => script.get(t) ?? sp.endOfText) },
				{ name: 'depth', type: INT64, dims: [], values: [V] },
				{ name: 'onoff', type: FLOAT, dims: [2], values: [0, 10] },
				{ name: 'zero', type: FLOAT, dims: [], values: [0] },
			],
			nodes: [
				{ op: 'Gather', inputs: ['next', 'input_ids'], outputs: ['successor'] },
				{ op: 'OneHot', inputs: ['successor', 'depth', 'onoff'], outputs: ['scores'], attrs: { axis: -1 } },
				{ op: 'ReduceSum', inputs: ['encoder_hidden_states'], outputs: ['total'], attrs: { keepdims: 0 } },
				{ op: 'Mul', inputs: ['total', 'zero'], outputs: ['nothing'] },
				{ op: 'Add', inputs: ['scores', 'nothing'], outputs: ['logits'] },
			],
		}),
	);
	const session = (file: string, name: string) => createSession(file, { modelId: 'whisper-test', name, provider: 'cpu', cudaDeviceId: 0, intraOpThreads: 1 });

	it('detects the language, follows the timestamp rules and gives timed segments', async () => {
		const whisper = new WhisperRecogniser(await session(encoderFile, 'encoder'), await session(decoderFile, 'decoder'), tokenizer(), { nMels: 80, maxTokens: 50 });
		const audio = Float32Array.from({ length: 2 * 16000 }, (_, i) => 0.1 * Math.sin(i / 7));
		const auto = await whisper.transcribe(audio, { language: 'auto', task: 'transcribe', offset: 30 });
		expect(auto).toEqual({ language: 'en', segments: [{ start: 30, end: 31.5, text: 'And so my fellow Americans' }] });
		const translated = await whisper.transcribe(audio, { language: 'de', task: 'translate', offset: 0 });
		expect(translated).toEqual({ language: 'de', segments: [{ start: 0.5, end: 1.5, text: 'my fellow Americans' }] });
	});
});
