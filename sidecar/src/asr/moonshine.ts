/**
 * Moonshine (tiny, quantized) speech recognition: the encoder reads raw 16 kHz audio, the merged
 * decoder generates tokens greedily with its KV cache. Step 0 runs without cache and yields the
 * encoder keys/values, which are reused unchanged; decoder keys/values grow one step at a time.
 * Tokens are decoded with llama-tokenizer-js (Moonshine uses a LLaMA-style SentencePiece vocabulary).
 */
import * as ort from 'onnxruntime-node';
import type { LoadedModel } from '../runtime/modelPool';
import type { ModelSession, Outputs } from '../runtime/session';
import { SAMPLE_RATE } from './audio';
import type { ChunkTranscript, SpeechChunk, SpeechRecogniser } from './recogniser';

interface Tokenizer {
	decode(tokenIds: number[], addBosToken?: boolean, addPrecedingSpace?: boolean): string;
}

let tokenizer: Promise<Tokenizer> | undefined;
function loadTokenizer(): Promise<Tokenizer> {
	// ESM-only package: a real dynamic import (kept by TypeScript's node16 module mode).
	tokenizer ??= import('llama-tokenizer-js').then((m) => m.default as Tokenizer);
	return tokenizer;
}

export interface MoonshineDefaults {
	startToken: number;
	eosToken: number;
	maxTokensPerSecond: number;
	layers: number;
	heads: number;
	headDim: number;
}

export class MoonshineRecogniser implements SpeechRecogniser {
	/** One chunk at a time: Moonshine's encoder takes no attention mask, so a padded batch would change the result. */
	readonly batchSize = 1;
	/** Moonshine is trained on short utterances; longer chunks drop words. */
	readonly maxChunkSeconds = 15;

	private readonly encoder: ModelSession;
	private readonly decoder: ModelSession;
	private readonly d: MoonshineDefaults;

	constructor(model: LoadedModel) {
		if (!model.sessions.encoder || !model.sessions.decoder) throw new Error(`${model.entry.id} lacks encoder/decoder sessions`);
		this.encoder = model.sessions.encoder;
		this.decoder = model.sessions.decoder;
		const d = model.entry.defaults as Partial<MoonshineDefaults>;
		this.d = { startToken: d.startToken ?? 1, eosToken: d.eosToken ?? 2, maxTokensPerSecond: d.maxTokensPerSecond ?? 6, layers: 6, heads: 8, headDim: 36 };
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
		const { layers, heads, headDim } = this.d;
		const empty = new ort.Tensor('float32', new Float32Array(0), [1, heads, 0, headDim]);
		const past: Record<string, ort.Tensor> = {};
		for (let l = 0; l < layers; l++) for (const part of ['decoder', 'encoder']) for (const kv of ['key', 'value']) past[`past_key_values.${l}.${part}.${kv}`] = empty;
		for (let step = 0; step < maxTokens; step++) {
			const out: Outputs = await this.decoder.run({
				input_ids: new ort.Tensor('int64', BigInt64Array.from([BigInt(tokens[tokens.length - 1]!)]), [1, 1]),
				encoder_hidden_states: hidden,
				use_cache_branch: new ort.Tensor('bool', Uint8Array.from([step > 0 ? 1 : 0]), [1]),
				...past,
			});
			const logits = out.logits!.data as Float32Array;
			let best = 0;
			for (let i = 1; i < logits.length; i++) if (logits[i]! > logits[best]!) best = i;
			for (let l = 0; l < layers; l++) {
				for (const kv of ['key', 'value']) {
					past[`past_key_values.${l}.decoder.${kv}`] = out[`present.${l}.decoder.${kv}`]!;
					// The encoder cache is computed once, at step 0, and kept.
					if (step === 0) past[`past_key_values.${l}.encoder.${kv}`] = out[`present.${l}.encoder.${kv}`]!;
				}
			}
			if (best === this.d.eosToken) break;
			tokens.push(best);
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
