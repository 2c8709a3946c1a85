/**
 * The text recognition stage: owns the CRNN recogniser's session and its alphabet. Crops are
 * grouped by width and run in batches; each crop's reading then goes through the per-line chain
 * (readLine.ts). Where the graph was rewritten (`ctc-summary`), the session returns only what
 * decoding reads at each step; otherwise that summary is made here from every class's probability.
 */
import * as ort from 'onnxruntime-node';
import { CTC_SUMMARY } from '../../models/onnx/rewrites';
import type { ExecutionProvider } from '../../runtime/provider';
import type { ModelSession } from '../../runtime/session';
import type { RgbImage } from '../types';
import { ctcClasses, summariseSteps, type CtcSteps } from './ctc';
import { bucketFor, prepareRecCrop, REC_HEIGHT, writeNormalised, type RecInput } from './preprocess';
import type { MarkOdds } from './punctuation';
import { readLine, type CropText } from './readLine';

export class TextRecognizer {
	private readonly alphabet: string[];
	/** Classes of the comma and the full stop, whose odds settle a mark the ink leaves open. */
	private readonly comma: number;
	private readonly stop: number;
	/** Classes whose probabilities decoding reads at every step: the space (last class), the comma, the stop. */
	private readonly picked: number[];
	/** The same, as the recogniser's `ctc_classes` input. */
	private readonly pickedInput: ort.Tensor;

	/** `keys`: the model's character list, one per line (ppocr_keys_v1.txt). */
	constructor(
		private readonly session: ModelSession,
		keys: string,
	) {
		this.alphabet = ctcClasses(keys);
		this.comma = this.alphabet.indexOf(',');
		this.stop = this.alphabet.indexOf('.');
		// A class the keys lack is read as the blank's (index 0) and ignored by markOdds.
		this.picked = [this.alphabet.length - 1, Math.max(0, this.comma), Math.max(0, this.stop)];
		this.pickedInput = new ort.Tensor('int64', BigInt64Array.from(this.picked.map(BigInt)), [this.picked.length]);
	}

	get provider(): ExecutionProvider {
		return this.session.provider;
	}

	/**
	 * CPU: each crop at its own width (rounded to 32), no padding to waste time on. CUDA: the fixed
	 * buckets warmed at start, since every new shape would re-run cuDNN's algorithm search.
	 */
	private get exactWidths(): boolean {
		return this.session.provider === 'cpu';
	}

	/** Reads each crop; `batch` crops of one width per run (sorted by width so a batch wastes little padding). */
	async recognise(crops: RgbImage[], buckets: readonly number[], batch: number): Promise<CropText[]> {
		const inputs: RecInput[] = crops.map((c) => prepareRecCrop(c, REC_HEIGHT, buckets));
		const results: CropText[] = new Array(crops.length);
		const order = inputs.map((_, i) => i).sort((a, b) => inputs[a]!.width - inputs[b]!.width);
		const widthOf = (i: number) => (this.exactWidths ? Math.ceil(inputs[i]!.width / 32) * 32 : bucketFor(inputs[i]!.width, buckets));
		let k = 0;
		while (k < order.length) {
			const bucket = widthOf(order[k]!);
			const group: number[] = [];
			while (k < order.length && group.length < batch && widthOf(order[k]!) === bucket) group.push(order[k++]!);
			const size = 3 * REC_HEIGHT * bucket;
			const data = new Float32Array(group.length * size);
			group.forEach((idx, j) => writeNormalised(inputs[idx]!.image, bucket, data, j * size));
			const summaries = await this.run(data, group.length, bucket);
			group.forEach((idx, j) => (results[idx] = readLine(summaries[j]!, this.alphabet, inputs[idx]!, bucket, this.markOdds(summaries[j]!))));
		}
		return results;
	}

	/** The recogniser's odds of a comma and of a stop over a range of one crop's steps. */
	private markOdds(s: CtcSteps): MarkOdds {
		return (from, to) => {
			const p = { ',': 0, '.': 0 };
			for (let t = Math.max(0, from); t <= Math.min(s.steps - 1, to); t++) {
				if (this.comma >= 0) p[','] = Math.max(p[','], s.picked[t * s.k + 1]!);
				if (this.stop >= 0) p['.'] = Math.max(p['.'], s.picked[t * s.k + 2]!);
			}
			return p;
		};
	}

	/** One run over a batch of crops: each crop's step summary. */
	private async run(data: Float32Array, count: number, width: number): Promise<CtcSteps[]> {
		const x = new ort.Tensor('float32', data, [count, 3, REC_HEIGHT, width]);
		if (this.session.inputNames.includes(CTC_SUMMARY.classes)) {
			const out = await this.session.run({ x, [CTC_SUMMARY.classes]: this.pickedInput }, [CTC_SUMMARY.best, CTC_SUMMARY.prob, CTC_SUMMARY.picked], ['x']);
			const steps = out[CTC_SUMMARY.best]!.dims[1]!;
			const k = this.picked.length;
			const [best, prob, picked] = [out[CTC_SUMMARY.best]!.data as Int32Array, out[CTC_SUMMARY.prob]!.data as Float32Array, out[CTC_SUMMARY.picked]!.data as Float32Array];
			return Array.from({ length: count }, (_, j) => ({ steps, k, best: best.subarray(j * steps, (j + 1) * steps), prob: prob.subarray(j * steps, (j + 1) * steps), picked: picked.subarray(j * steps * k, (j + 1) * steps * k) }));
		}
		const probs = (await this.session.run({ x }, undefined, ['x']))[this.session.outputNames[0]!]!;
		const [, steps, classes] = probs.dims as [number, number, number];
		const all = probs.data as Float32Array;
		return Array.from({ length: count }, (_, j) => summariseSteps(all.subarray(j * steps * classes, (j + 1) * steps * classes), steps, classes, this.picked));
	}
}
