/**
 * Moonshine (tiny, quantized) speech recognition: the encoder reads raw 16 kHz audio, the merged
 * decoder generates tokens greedily through the loop Whisper uses too (seq2seq/decoder.ts: step 0
 * without cache yields the cross-attention keys/values, kept; the self-attention cache grows one
 * step at a time; the cache's layout is read from the decoder's declared inputs).
 * Tokens are decoded with llama-tokenizer-js (Moonshine uses a LLaMA-style SentencePiece vocabulary).
 */
import * as ort from 'onnxruntime-node';
import type { MoonshineEntry } from '../models/registry';
import type { LoadedModel } from '../runtime/modelPool';
import type { ModelSession } from '../runtime/session';
import { SAMPLE_RATE } from './audio';
import type { ChunkTranscript, SpeechChunk, SpeechRecogniser } from './recogniser';
import { DecoderRun, decoderLayout, type DecoderLayout } from './seq2seq/decoder';

interface Tokenizer {
	decode(tokenIds: number[], addBosToken?: boolean, addPrecedingSpace?: boolean): string;
}

let tokenizer: Promise<Tokenizer> | undefined;
function loadTokenizer(): Promise<Tokenizer> {
	// ESM-only package: a real dynamic import (kept by TypeScript's node16 module mode).
	tokenizer ??= import('llama-tokenizer-js').then((m) => m.default as Tokenizer);
	return tokenizer;
}

export class MoonshineRecogniser implements SpeechRecogniser {
	/** One chunk at a time: Moonshine's encoder takes no attention mask, so a padded batch would change the result. */
	readonly batchSize = 1;
	/** Moonshine is trained on short utterances; longer chunks drop words. */
	readonly maxChunkSeconds = 15;

	private readonly encoder: ModelSession;
	private readonly decoder: ModelSession;
	private readonly layout: DecoderLayout;
	private readonly d: MoonshineEntry['defaults'];

	constructor(model: LoadedModel, entry: MoonshineEntry) {
		if (!model.sessions.encoder || !model.sessions.decoder) throw new Error(`${entry.id} lacks encoder/decoder sessions`);
		this.encoder = model.sessions.encoder;
		this.decoder = model.sessions.decoder;
		this.layout = decoderLayout(this.decoder);
		if (!this.layout.cached) throw new Error(`${entry.id}: the decoder must be the merged export with past_key_values`);
		this.d = entry.defaults;
	}

	get provider(): SpeechRecogniser['provider'] {
		return this.decoder.provider;
	}

	/** Token ids for one chunk of 16 kHz audio (start token first, EOS dropped). */
	async tokens(audio: Float32Array): Promise<number[]> {
		const enc = await this.encoder.run({ input_values: new ort.Tensor('float32', audio, [1, audio.length]) });
		const hidden = enc.last_hidden_state!;
		const maxTokens = Math.max(4, Math.ceil((audio.length / SAMPLE_RATE) * this.d.maxTokensPerSecond));
		const tokens = [this.d.startToken];
		const run = new DecoderRun(this.decoder, this.layout, hidden);
		let next = [this.d.startToken];
		for (let step = 0; step < maxTokens; step++) {
			const [logits] = await run.next([next]);
			let best = 0;
			for (let i = 1; i < logits!.length; i++) if (logits![i]! > logits![best]!) best = i;
			if (best === this.d.eosToken) break;
			tokens.push(best);
			next = [best];
		}
		return tokens;
	}

	async transcribe(audio: Float32Array): Promise<string> {
		const tokens = await this.tokens(audio);
		if (tokens.length <= 1) return '';
		const tok = await loadTokenizer();
		return tok.decode(tokens.slice(1), false, false).replace(/\s+/g, ' ').trim();
	}

	async recognise(chunks: readonly SpeechChunk[]): Promise<ChunkTranscript[]> {
		const out: ChunkTranscript[] = [];
		for (const c of chunks) {
			const text = await this.transcribe(c.audio);
			out.push({ language: 'en', segments: text === '' ? [] : [{ start: c.start, end: c.end, text }] });
		}
		return out;
	}
}
