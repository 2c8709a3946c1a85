/**
 * Whisper decoding on ONNX Runtime: log-mel features of a 30-second window → encoder → greedy
 * decoding with the decoder in the Hugging Face ONNX layout (`input_ids`, `encoder_hidden_states`
 * → `logits`), the language from the first step when not given, Whisper's token suppression and
 * timestamp rules, and timed segments. This decoder re-reads the whole sequence each step (no KV
 * cache): at most a few hundred tokens per 30 s window.
 */
import * as ort from 'onnxruntime-node';
import type { ModelSession } from '../../runtime/session';
import { logMel, melFilters, SAMPLE_RATE } from './features';
import { applyTimestampRules, segmentsOf } from './timestamps';
import type { WhisperTokenizer } from './tokenizer';

export const WINDOW_SECONDS = 30;
/** Encoder frames of a 30-second window (10 ms hop). */
const WINDOW_FRAMES = 3000;

export interface WhisperConfig {
	nMels: number;
	/** Most tokens sampled for one window (Whisper: 224, half the context). */
	maxTokens: number;
}

export interface WhisperOptions {
	language: string | 'auto';
	task: 'transcribe' | 'translate';
	/** Where the window starts in the recording, in seconds. */
	offset: number;
}

export interface WhisperSegment {
	start: number;
	end: number;
	text: string;
}

export interface WhisperResult {
	language: string;
	segments: WhisperSegment[];
}

function argmax(v: Float32Array): number {
	let best = 0;
	for (let i = 1; i < v.length; i++) if (v[i]! > v[best]!) best = i;
	return best;
}

export class WhisperRecogniser {
	private readonly filters: Float32Array;

	constructor(
		private readonly encoder: ModelSession,
		private readonly decoder: ModelSession,
		private readonly tok: WhisperTokenizer,
		private readonly cfg: WhisperConfig,
	) {
		this.filters = melFilters(cfg.nMels);
	}

	get provider(): string {
		return this.decoder.provider;
	}

	/** The encoder's output for up to 30 s of 16 kHz audio (zero-padded to the window, as Whisper does). */
	async encode(audio: Float32Array): Promise<ort.Tensor> {
		const window = new Float32Array(WINDOW_SECONDS * SAMPLE_RATE);
		window.set(audio.subarray(0, window.length));
		const mel = logMel(window, this.filters, this.cfg.nMels);
		const frames = Math.min(mel.frames, WINDOW_FRAMES);
		const data = new Float32Array(this.cfg.nMels * WINDOW_FRAMES);
		for (let m = 0; m < this.cfg.nMels; m++) data.set(mel.data.subarray(m * mel.frames, m * mel.frames + frames), m * WINDOW_FRAMES);
		const out = await this.encoder.run({ input_features: new ort.Tensor('float32', data, [1, this.cfg.nMels, WINDOW_FRAMES]) });
		return out[this.encoder.outputNames[0]!]!;
	}

	/** The logits for the token after `tokens` (a copy, free to mask). */
	private async nextLogits(tokens: readonly number[], hidden: ort.Tensor): Promise<Float32Array> {
		const out = await this.decoder.run({
			input_ids: new ort.Tensor('int64', BigInt64Array.from(tokens.map((t) => BigInt(t))), [1, tokens.length]),
			encoder_hidden_states: hidden,
		});
		const logits = out.logits!;
		const vocab = logits.dims[2]!;
		return Float32Array.from((logits.data as Float32Array).subarray((tokens.length - 1) * vocab, tokens.length * vocab));
	}

	/** The likeliest language after <|startoftranscript|>. */
	async detectLanguage(hidden: ort.Tensor): Promise<string> {
		const logits = await this.nextLogits([this.tok.special.startOfTranscript], hidden);
		let best: [string, number] = ['en', -Infinity];
		for (const [code, id] of this.tok.special.languages) if (logits[id]! > best[1]) best = [code, logits[id]!];
		return best[0];
	}

	async transcribe(audio: Float32Array, opts: WhisperOptions): Promise<WhisperResult> {
		const hidden = await this.encode(audio);
		const language = opts.language === 'auto' ? await this.detectLanguage(hidden) : opts.language;
		const prompt = this.tok.prompt(language, opts.task, true);
		const sp = this.tok.special;
		const blank = this.tok.tokenOf(' ');
		const sampled: number[] = [];
		for (let step = 0; step < this.cfg.maxTokens; step++) {
			const logits = await this.nextLogits([...prompt, ...sampled], hidden);
			// Never the prompt's own tokens; at the start, neither a blank nor the end.
			logits.fill(-Infinity, sp.startOfTranscript, sp.noTimestamps);
			if (step === 0) {
				logits[sp.endOfText] = -Infinity;
				if (blank !== undefined) logits[blank] = -Infinity;
			}
			applyTimestampRules(logits, sampled, sp);
			const next = argmax(logits);
			sampled.push(next);
			if (next === sp.endOfText) break;
		}
		const duration = Math.min(WINDOW_SECONDS, audio.length / SAMPLE_RATE);
		const segments = segmentsOf(sampled, sp, duration, opts.offset)
			.map((s) => ({ start: s.start, end: s.end, text: this.tok.decode(s.tokens).trim() }))
			.filter((s) => s.text !== '');
		return { language, segments };
	}
}
