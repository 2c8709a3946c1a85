/** The 0/180° angle classification stage: owns the classifier's session; batches of 32 crops. */
import * as ort from 'onnxruntime-node';
import type { ModelSession } from '../../runtime/session';
import type { RgbImage } from '../types';
import { clsBatch, CLS_HEIGHT, CLS_WIDTH, upsideDown } from './preprocess';

export class AngleClassifier {
	constructor(private readonly session: ModelSession) {}

	/** Indices of crops the classifier thinks are upside down (score for 180° above `threshold`). */
	async upsideDown(crops: RgbImage[], threshold: number): Promise<number[]> {
		const out: number[] = [];
		for (let i = 0; i < crops.length; i += 32) {
			const batch = crops.slice(i, i + 32);
			const input = new ort.Tensor('float32', clsBatch(batch), [batch.length, 3, CLS_HEIGHT, CLS_WIDTH]);
			const res = await this.session.run({ x: input }, undefined, ['x']);
			const scores = res[this.session.outputNames[0]!]!.data as Float32Array;
			for (const j of upsideDown(scores, batch.length, threshold)) out.push(i + j);
		}
		return out;
	}
}
