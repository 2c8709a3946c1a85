/**
 * Whisper-shaped ONNX graphs for tests (no weights can be downloaded here). The encoder slices the
 * log-mel input (input_features [batch, 80, 3000] → last_hidden_state [batch, 1500, 80]); the
 * decoder is a scripted bigram model: each token's successor from a table gets a logit 10 above
 * every other token (and, with `beamTrap`, a runner-up). Windows whose features are not silent (mean above −1.4; silence is exactly −1.5)
 * get 20 for "my" after <|0.00|>, so rows of one batch can take different paths.
 * `merged` builds the Hugging Face merged-decoder layout: past_key_values.* in, present.* out,
 * use_cache_branch; the self-attention cache carries the token ids fed so far (read them back
 * with `cachedIds`). `float16` gives every float input and output as float16, like the fp16
 * exports for GPUs.
 */
import fs from 'node:fs';
import path from 'node:path';
import type * as ort from 'onnxruntime-node';
import type { SpecialTokens } from '../../sidecar/src/asr/whisper/tokenizer';
import { fromHalf } from '../../sidecar/src/runtime/half';
import { BOOL, FLOAT, FLOAT16, INT64, onnxModel, type Initializer, type Node, type ValueInfo } from './onnx';

export const GRAPH_LAYERS = 2;
export const GRAPH_HEADS = 2;
export const GRAPH_HEAD_DIM = 4;

export interface WhisperGraphOptions {
	merged: boolean;
	float16: boolean;
	/**
	 * A trap for greedy decoding: after <|0.00|>, "And" (10) barely beats "my" (9.9), but "And" is
	 * followed by two equally likely tokens (9 each) while "my" goes on surely, so a beam search,
	 * which ranks whole sequences, takes "my".
	 */
	beamTrap?: boolean;
	/** After <|0.00|>, "(" (a non-speech symbol Whisper suppresses) first and "And" a close second. */
	symbolFirst?: boolean;
}

export const seconds = (sp: SpecialTokens, s: number) => sp.timestampBegin + Math.round(s / 0.02);

/** JFK's "And so my fellow Americans" between <|0.00|> and <|1.50|>; after "translate" another path. */
export function whisperScript(sp: SpecialTokens): Map<number, number> {
	const ts = (s: number) => seconds(sp, s);
	return new Map<number, number>([
		[sp.startOfTranscript, sp.languages.get('en')!],
		[sp.transcribe, ts(0)],
		[ts(0), 400],
		[400, 370],
		[370, 452],
		[452, 7177],
		[7177, 6280],
		[6280, ts(1.5)],
		[ts(1.5), sp.endOfText],
		[sp.translate, ts(0.5)],
		[ts(0.5), 452],
	]);
}

export function writeWhisperGraphs(dir: string, sp: SpecialTokens, opts: WhisperGraphOptions): { encoder: string; decoder: string } {
	const V = sp.timestampBegin + 1501;
	const floatType = opts.float16 ? FLOAT16 : FLOAT;
	// Float inputs are cast to float32 inside the graph and float outputs cast back, so one body serves both.
	const cast = (from: string, to: string, type: number): Node => ({ op: 'Cast', inputs: [from], outputs: [to], attrs: { to: type } });
	const encoder = path.join(dir, opts.float16 ? 'encoder_model_fp16.onnx' : 'encoder_model.onnx');
	fs.writeFileSync(
		encoder,
		onnxModel({
			inputs: [{ name: 'input_features', type: floatType, shape: ['batch', 80, 3000] }],
			outputs: [{ name: 'last_hidden_state', type: floatType, shape: ['batch', 1500, 80] }],
			initializers: [
				{ name: 'starts', type: INT64, dims: [1], values: [0] },
				{ name: 'ends', type: INT64, dims: [1], values: [1500] },
				{ name: 'axes', type: INT64, dims: [1], values: [2] },
			],
			nodes: [
				cast('input_features', 'features', FLOAT),
				{ op: 'Slice', inputs: ['features', 'starts', 'ends', 'axes'], outputs: ['half'] },
				{ op: 'Transpose', inputs: ['half'], outputs: ['hidden'], attrs: { perm: [0, 2, 1] } },
				cast('hidden', 'last_hidden_state', floatType),
			],
		}),
	);

	const script = whisperScript(sp);
	const strength = new Array<number>(V).fill(10);
	const runnerUp = new Array<number>(V).fill(sp.endOfText);
	const runnerUpStrength = new Array<number>(V).fill(0);
	if (opts.beamTrap) {
		runnerUp[seconds(sp, 0)] = 452;
		runnerUpStrength[seconds(sp, 0)] = 9.9;
		strength[400] = 9;
		runnerUp[400] = 371;
		runnerUpStrength[400] = 9;
		script.set(371, 452);
	}
	if (opts.symbolFirst) {
		script.set(seconds(sp, 0), 7);
		runnerUp[seconds(sp, 0)] = 400;
		runnerUpStrength[seconds(sp, 0)] = 9;
	}
	const boost = new Array<number>(V).fill(0);
	boost[452] = 20;
	const inputs: ValueInfo[] = [
		{ name: 'input_ids', type: INT64, shape: ['batch', 'sequence'] },
		{ name: 'encoder_hidden_states', type: floatType, shape: ['batch', 1500, 80] },
	];
	const outputs: ValueInfo[] = [{ name: 'logits', type: floatType, shape: ['batch', 'sequence', V] }];
	const nodes: Node[] = [
		cast('encoder_hidden_states', 'enc', FLOAT),
		{ op: 'Gather', inputs: ['next', 'input_ids'], outputs: ['successor'] },
		{ op: 'OneHot', inputs: ['successor', 'depth', 'onoff'], outputs: ['firstHot'], attrs: { axis: -1 } },
		{ op: 'Gather', inputs: ['strength', 'input_ids'], outputs: ['firstStrength'] },
		{ op: 'Unsqueeze', inputs: ['firstStrength', 'axis2'], outputs: ['firstStrength3'] },
		{ op: 'Mul', inputs: ['firstHot', 'firstStrength3'], outputs: ['firstScores'] },
		{ op: 'Gather', inputs: ['runnerUp', 'input_ids'], outputs: ['second'] },
		{ op: 'OneHot', inputs: ['second', 'depth', 'onoff'], outputs: ['secondHot'], attrs: { axis: -1 } },
		{ op: 'Gather', inputs: ['runnerUpStrength', 'input_ids'], outputs: ['secondStrength'] },
		{ op: 'Unsqueeze', inputs: ['secondStrength', 'axis2'], outputs: ['secondStrength3'] },
		{ op: 'Mul', inputs: ['secondHot', 'secondStrength3'], outputs: ['secondScores'] },
		{ op: 'Add', inputs: ['firstScores', 'secondScores'], outputs: ['hot'] },
		// Everything else 10 below: a peaked distribution, as a trained model's is.
		{ op: 'Add', inputs: ['hot', 'base'], outputs: ['scores'] },
		// Not silent → 20 for "my" wherever the input token is <|0.00|>.
		{ op: 'ReduceMean', inputs: ['enc'], outputs: ['level'], attrs: { axes: [1, 2], keepdims: 1 } },
		{ op: 'Greater', inputs: ['level', 'threshold'], outputs: ['loudBool'] },
		cast('loudBool', 'loud', FLOAT),
		{ op: 'Equal', inputs: ['input_ids', 'ts0'], outputs: ['atTs0Bool'] },
		cast('atTs0Bool', 'atTs0', FLOAT),
		{ op: 'Unsqueeze', inputs: ['atTs0', 'axis2'], outputs: ['atTs0x'] },
		{ op: 'Mul', inputs: ['atTs0x', 'loud'], outputs: ['gate'] },
		{ op: 'Mul', inputs: ['gate', 'boost'], outputs: ['boosted'] },
		{ op: 'Add', inputs: ['scores', 'boosted'], outputs: ['raw'] },
	];
	let sum = 'raw';
	const addZeroTimes = (tensor: string) => {
		// Reads an input without changing the logits, so ONNX Runtime cannot prune it.
		nodes.push({ op: 'ReduceSum', inputs: [tensor], outputs: [`${tensor}_sum`], attrs: { keepdims: 0 } });
		nodes.push({ op: 'Mul', inputs: [`${tensor}_sum`, 'zero'], outputs: [`${tensor}_zero`] });
		nodes.push({ op: 'Add', inputs: [sum, `${tensor}_zero`], outputs: [`${sum}+`] });
		sum = `${sum}+`;
	};
	addZeroTimes('enc');
	if (opts.merged) {
		const kvShape = (len: string) => ['batch', GRAPH_HEADS, len, GRAPH_HEAD_DIM];
		inputs.push({ name: 'use_cache_branch', type: BOOL, shape: [1] });
		nodes.push(cast('use_cache_branch', 'branch', FLOAT));
		addZeroTimes('branch');
		// New self-attention entries: each fed token id, broadcast over heads and head dimension.
		nodes.push(cast('input_ids', 'idsFloat', FLOAT));
		nodes.push({ op: 'Unsqueeze', inputs: ['idsFloat', 'axes13'], outputs: ['ids4'] });
		nodes.push({ op: 'Expand', inputs: ['ids4', 'kvBroadcast'], outputs: ['fresh'] });
		// Cross-attention entries: the first features of each frame.
		nodes.push({ op: 'Slice', inputs: ['enc', 'zero1', 'headDim1', 'axis2'], outputs: ['encSlice'] });
		nodes.push({ op: 'Unsqueeze', inputs: ['encSlice', 'axis1'], outputs: ['enc4'] });
		nodes.push({ op: 'Expand', inputs: ['enc4', 'headsBroadcast'], outputs: ['cross'] });
		for (let l = 0; l < GRAPH_LAYERS; l++) {
			for (const kv of ['key', 'value']) {
				const dec = `past_key_values.${l}.decoder.${kv}`;
				const enc = `past_key_values.${l}.encoder.${kv}`;
				inputs.push({ name: dec, type: floatType, shape: kvShape('past_sequence') });
				inputs.push({ name: enc, type: floatType, shape: kvShape('encoder_sequence') });
				outputs.push({ name: `present.${l}.decoder.${kv}`, type: floatType, shape: kvShape('total_sequence') });
				outputs.push({ name: `present.${l}.encoder.${kv}`, type: floatType, shape: kvShape('encoder_sequence_out') });
				nodes.push(cast(dec, `${dec}_f`, FLOAT));
				nodes.push(cast(enc, `${enc}_f`, FLOAT));
				addZeroTimes(`${dec}_f`);
				addZeroTimes(`${enc}_f`);
				nodes.push({ op: 'Concat', inputs: [`${dec}_f`, 'fresh'], outputs: [`present.${l}.decoder.${kv}_f`], attrs: { axis: 2 } });
				nodes.push(cast(`present.${l}.decoder.${kv}_f`, `present.${l}.decoder.${kv}`, floatType));
				nodes.push(cast('cross', `present.${l}.encoder.${kv}`, floatType));
			}
		}
	}
	nodes.push(cast(sum, 'logits', floatType));
	const decoder = path.join(dir, `${opts.merged ? 'decoder_model_merged' : 'decoder_model'}${opts.float16 ? '_fp16' : ''}.onnx`);
	fs.writeFileSync(
		decoder,
		onnxModel({
			inputs,
			outputs,
			nodes,
			initializers: [
				{ name: 'next', type: INT64, dims: [V], values: Array.from({ length: V }, (_, t) => script.get(t) ?? sp.endOfText) },
				{ name: 'depth', type: INT64, dims: [], values: [V] },
				{ name: 'onoff', type: FLOAT, dims: [2], values: [0, 1] },
				{ name: 'strength', type: FLOAT, dims: [V], values: strength },
				{ name: 'runnerUp', type: INT64, dims: [V], values: runnerUp },
				{ name: 'runnerUpStrength', type: FLOAT, dims: [V], values: runnerUpStrength },
				{ name: 'zero', type: FLOAT, dims: [], values: [0] },
				{ name: 'base', type: FLOAT, dims: [], values: [-10] },
				{ name: 'threshold', type: FLOAT, dims: [], values: [-1.4] },
				{ name: 'ts0', type: INT64, dims: [], values: [seconds(sp, 0)] },
				{ name: 'boost', type: FLOAT, dims: [V], values: boost },
				{ name: 'axis2', type: INT64, dims: [1], values: [2] },
				// The cache's constants only where the graph has a cache (ONNX Runtime warns of unused ones).
				...(opts.merged
					? ([
							{ name: 'axis1', type: INT64, dims: [1], values: [1] },
							{ name: 'axes13', type: INT64, dims: [2], values: [1, 3] },
							{ name: 'zero1', type: INT64, dims: [1], values: [0] },
							{ name: 'headDim1', type: INT64, dims: [1], values: [GRAPH_HEAD_DIM] },
							{ name: 'kvBroadcast', type: INT64, dims: [4], values: [1, GRAPH_HEADS, 1, GRAPH_HEAD_DIM] },
							{ name: 'headsBroadcast', type: INT64, dims: [4], values: [1, GRAPH_HEADS, 1, 1] },
						] satisfies Initializer[])
					: []),
			],
		}),
	);
	return { encoder, decoder };
}

/** Row `b`'s token ids held in a self-attention cache tensor [batch, heads, length, headDim]. */
export function cachedIds(t: ort.Tensor, b: number): number[] {
	const [, heads, length, dim] = t.dims as [number, number, number, number];
	const data = t.type === 'float16' ? fromHalf(t.data as Uint16Array) : (t.data as Float32Array);
	return Array.from({ length }, (_, i) => data[((b * heads + 0) * length + i) * dim]!);
}
