/**
 * The encoder-decoder loop shared by Whisper and Moonshine: their decoders in the two Hugging Face
 * ONNX layouts, for a batch of windows decoded in step:
 * - `decoder_model.onnx` (`input_ids`, `encoder_hidden_states` → `logits`): no cache, so each step
 *   feeds every token so far;
 * - `decoder_model_merged*.onnx` (adds `past_key_values.<layer>.<decoder|encoder>.<key|value>`
 *   and `use_cache_branch`, returns `present.*`): the first step runs without cache (empty past,
 *   branch off) and yields the cross-attention keys/values, kept unchanged; after that each step
 *   feeds only the new token and the self-attention cache grows by one.
 * fp16 exports take and give float16 tensors; the layout is read from the ONNX file's inputs.
 */
import * as ort from 'onnxruntime-node';
import { fromHalf, toHalf } from '../../runtime/half';
import type { ModelSession, Outputs } from '../../runtime/session';
import { makeTensor } from '../../runtime/session';

export interface DecoderLayout {
	cached: boolean;
	layers: number;
	heads: number;
	headDim: number;
	/** Element type of the cache tensors (float32 or float16). */
	cacheType: 'float32' | 'float16';
}

const PAST = /^past_key_values\.(\d+)\.decoder\.key$/;

export function decoderLayout(session: ModelSession): DecoderLayout {
	const layers = session.inputNames.filter((n) => PAST.test(n)).length;
	if (layers === 0) return { cached: false, layers: 0, heads: 0, headDim: 0, cacheType: 'float32' };
	if (!session.inputNames.includes('use_cache_branch')) throw new Error(`${session.modelId}: a decoder with past_key_values must be the merged export (use_cache_branch)`);
	const spec = session.inputSpec('past_key_values.0.decoder.key');
	const [, heads, , headDim] = spec?.shape ?? [];
	if (typeof heads !== 'number' || typeof headDim !== 'number') throw new Error(`${session.modelId}: past_key_values.0.decoder.key must declare [batch, heads, past, headDim] with fixed heads and headDim`);
	return { cached: true, layers, heads, headDim, cacheType: spec?.type === 'float16' ? 'float16' : 'float32' };
}

/** A tensor whose rows (first dimension) are `rows` of `t`, in that order (repeats allowed). */
export function pickRows(t: ort.Tensor, rows: readonly number[]): ort.Tensor {
	const [, ...rest] = t.dims;
	const size = rest.reduce((a, b) => a * b, 1);
	const src = t.data as Float32Array | Uint16Array;
	const out = new (src.constructor as Float32ArrayConstructor | Uint16ArrayConstructor)(rows.length * size);
	rows.forEach((r, i) => out.set(src.subarray(r * size, (r + 1) * size), i * size));
	return new ort.Tensor(t.type as 'float32', out as Float32Array, [rows.length, ...rest]);
}

function logitsOf(t: ort.Tensor): Float32Array {
	return t.type === 'float16' ? fromHalf(t.data as Uint16Array) : (t.data as Float32Array);
}

/** One batch's decoding: `next` takes each row's new tokens (the same count per row) and gives each row's logits for the token after them. */
export class DecoderRun {
	private readonly sequences: number[][];
	private past: Record<string, ort.Tensor> | null = null;

	private readonly hidden: ort.Tensor;

	constructor(
		private readonly session: ModelSession,
		private readonly layout: DecoderLayout,
		hidden: ort.Tensor,
	) {
		this.sequences = Array.from({ length: hidden.dims[0]! }, () => []);
		// An fp16 encoder may feed a float32 decoder, or the other way round.
		const wanted = session.inputSpec('encoder_hidden_states')?.type;
		this.hidden = wanted === 'float32' && hidden.type === 'float16' ? new ort.Tensor('float32', fromHalf(hidden.data as Uint16Array), hidden.dims) : wanted === 'float16' && hidden.type === 'float32' ? new ort.Tensor('float16', toHalf(hidden.data as Float32Array), hidden.dims) : hidden;
	}

	async next(tokens: readonly (readonly number[])[]): Promise<Float32Array[]> {
		const batch = this.sequences.length;
		if (tokens.length !== batch || tokens.some((t) => t.length !== tokens[0]!.length)) throw new Error('each row needs the same number of new tokens');
		tokens.forEach((t, b) => this.sequences[b]!.push(...t));
		const feed = this.layout.cached ? tokens : this.sequences;
		const width = feed[0]!.length;
		const ids = new ort.Tensor('int64', BigInt64Array.from(feed.flatMap((row) => row.map((t) => BigInt(t)))), [batch, width]);
		const out = await this.session.run({ input_ids: ids, encoder_hidden_states: this.hidden, ...(this.layout.cached ? this.cacheFeeds(batch) : {}) });
		if (this.layout.cached) this.keepCache(out);
		const logits = out.logits!;
		const [, steps, vocab] = logits.dims as [number, number, number];
		const all = logitsOf(logits);
		// A copy of each row's last position, free to mask.
		return Array.from({ length: batch }, (_, b) => Float32Array.from(all.subarray((b * steps + steps - 1) * vocab, (b * steps + steps) * vocab)));
	}

	/**
	 * Row `i` continues from old row `rows[i]` (beam search keeps the best continuations). Rows of
	 * one window share its audio, so the cross-attention cache and the encoder output stay as they are.
	 */
	reorder(rows: readonly number[]): void {
		if (rows.length !== this.sequences.length) throw new Error('a reorder keeps the batch size');
		const sequences = rows.map((r) => [...this.sequences[r]!]);
		this.sequences.splice(0, sequences.length, ...sequences);
		if (!this.past) return;
		for (const name of Object.keys(this.past)) if (name.includes('.decoder.')) this.past[name] = pickRows(this.past[name]!, rows);
	}

	private cacheFeeds(batch: number): Record<string, ort.Tensor> {
		const { layers, heads, headDim, cacheType } = this.layout;
		const first = this.past === null;
		const feeds: Record<string, ort.Tensor> = { use_cache_branch: new ort.Tensor('bool', Uint8Array.of(first ? 0 : 1), [1]) };
		const empty = makeTensor(cacheType, [batch, heads, 0, headDim]);
		for (let l = 0; l < layers; l++) {
			for (const part of ['decoder', 'encoder']) {
				for (const kv of ['key', 'value']) {
					const name = `past_key_values.${l}.${part}.${kv}`;
					feeds[name] = this.past?.[name] ?? empty;
				}
			}
		}
		return feeds;
	}

	private keepCache(out: Outputs): void {
		const first = this.past === null;
		const past: Record<string, ort.Tensor> = { ...this.past };
		for (let l = 0; l < this.layout.layers; l++) {
			for (const kv of ['key', 'value']) {
				past[`past_key_values.${l}.decoder.${kv}`] = out[`present.${l}.decoder.${kv}`]!;
				// Cross-attention keys/values depend only on the audio: computed at the first step, kept.
				if (first) past[`past_key_values.${l}.encoder.${kv}`] = out[`present.${l}.encoder.${kv}`]!;
			}
		}
		this.past = past;
	}
}
