/**
 * The text detection stage: owns the DB detector's session. The page is resized so its longest
 * side is `limitSide`, and read a second time larger when the first pass found only small print
 * (detRescaleSide). Only the window of the map that holds ink is run (window.ts). Pre- and
 * post-processing are the pure functions beside it.
 */
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import type { ModelSession } from '../../runtime/session';
import type { Quad, RgbImage } from '../types';
import { dbPostprocess, type DbOptions } from './postprocess';
import { detRescaleSide, detResize, detTensorData, type DetResize } from './preprocess';
import { inkWindow } from './window';

/** Longest side a second, larger detection pass may use (about 30 MB of input at 2560 × 2560). */
const DET_MAX_SIDE = 2560;
const quadHeight = (q: Quad) => Math.hypot(q[3][0] - q[0][0], q[3][1] - q[0][1]);

export class TextDetector {
	constructor(private readonly session: ModelSession) {}

	async detect(img: RgbImage, limitSide: number, db: DbOptions) {
		const size = detResize(img.width, img.height, limitSide);
		const boxes = await this.detectAt(img, size, db);
		const side = detRescaleSide(boxes.map((b) => quadHeight(b.quad)), size, img.width, img.height, DET_MAX_SIDE);
		return side === null ? boxes : await this.detectAt(img, detResize(img.width, img.height, side), db);
	}

	private async detectAt(img: RgbImage, size: DetResize, db: DbOptions) {
		const { data } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
			.resize(size.width, size.height, { fit: 'fill', kernel: 'linear' })
			.raw()
			.toBuffer({ resolveWithObject: true });
		const map = { width: size.width, height: size.height, data };
		const win = inkWindow(map);
		const input = new ort.Tensor('float32', detTensorData(map, win), [1, 3, win.height, win.width]);
		const out = await this.session.run({ x: input }, undefined, ['x']);
		const prob = out[this.session.outputNames[0]!]!.data as Float32Array;
		return dbPostprocess(prob, win.width, win.height, size.scaleX, size.scaleY, img.width, img.height, db, win);
	}
}
