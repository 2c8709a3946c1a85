/**
 * The ONNX editing under GRAPH_REWRITES: the wire format reads and writes the shipped models byte
 * for byte, and each rewrite of the OCR models gives the same outputs as the file as shipped, on
 * print drawn here, through real ONNX Runtime sessions.
 */
import fs from 'node:fs';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DEFAULT_REGISTRY_PATH } from '../../sidecar/src/config/config';
import { OnnxGraph } from '../../sidecar/src/models/onnx/model';
import { CTC_SUMMARY, rewriteModel, type RewriteName } from '../../sidecar/src/models/onnx/rewrites';
import { field, readFields, value, writeFields } from '../../sidecar/src/models/onnx/wire';
import { findModel, loadRegistry, modelFilePath } from '../../sidecar/src/models/registry';
import { ctcClasses, ctcGreedy, summariseSteps } from '../../sidecar/src/ocr/rec/ctc';
import { writeNormalised } from '../../sidecar/src/ocr/rec/preprocess';
import { decodeImage } from '../../sidecar/src/ocr/image';
import { businessPage, renderPage } from '../helpers/documents';
import { recLine } from '../helpers/recLine';
import { startTestSidecar } from '../helpers/sidecar';

const ocr = findModel(loadRegistry(DEFAULT_REGISTRY_PATH), 'pp-ocrv4')!;
const bytesOf = (key: string) => new Uint8Array(fs.readFileSync(modelFilePath(ocr, key, '/nonexistent')));
const opCounts = (bytes: Uint8Array) => new OnnxGraph(bytes).nodes.reduce<Record<string, number>>((acc, n) => ({ ...acc, [n.opType]: (acc[n.opType] ?? 0) + 1 }), {});

async function run(model: Uint8Array, x: ort.Tensor): Promise<Float32Array> {
	const s = await ort.InferenceSession.create(model, { intraOpNumThreads: 1 });
	try {
		// The recogniser's step summary asks for classes to pick (any will do here: its first output is compared).
		const picked: Record<string, ort.Tensor> = s.inputNames.includes(CTC_SUMMARY.classes) ? { [CTC_SUMMARY.classes]: new ort.Tensor('int64', BigInt64Array.of(0n), [1]) } : {};
		return (await s.run({ x, ...picked }))[s.outputNames[0]!]!.data as Float32Array;
	} finally {
		await s.release();
	}
}

/** What writes the other input of each Add that adds a scalar constant. */
function scalarAddInputs(bytes: Uint8Array): string[] {
	const g = new OnnxGraph(bytes);
	return g.nodes
		.filter((n) => n.opType === 'Add' && n.inputs.some((i) => g.scalar(i) !== undefined))
		.map((n) => g.producer(n.inputs.find((i) => g.scalar(i) === undefined) ?? '')?.opType ?? 'input');
}

const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

/** A line of print as the recogniser's input (height 48, normalised BGR planes). */
async function recInput(text: string): Promise<ort.Tensor> {
	const line = await recLine(text, 'Liberation Sans');
	const width = Math.ceil(line.width / 32) * 32;
	const data = new Float32Array(3 * 48 * width);
	writeNormalised({ width: line.width, height: 48, data: line.rgb }, width, data, 0);
	return new ort.Tensor('float32', data, [1, 3, 48, width]);
}

/** A small page for the detector: two lines of print, normalised as det/preprocess does (ImageNet mean/std). */
async function detInput(): Promise<ort.Tensor> {
	const [w, h] = [320, 128];
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="100%" height="100%" fill="#fff"/><text x="12" y="48" font-family="Liberation Serif" font-size="26">Total due 1.234,56</text><text x="12" y="100" font-family="Liberation Sans" font-size="20">Invoice FAC-2023-0042</text></svg>`;
	const rgb = await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer();
	const mean = [0.485, 0.456, 0.406];
	const std = [0.229, 0.224, 0.225];
	const data = new Float32Array(3 * w * h);
	for (let i = 0; i < w * h; i++) for (let c = 0; c < 3; c++) data[c * w * h + i] = (rgb[i * 3 + c]! / 255 - mean[c]!) / std[c]!;
	return new ort.Tensor('float32', data, [1, 3, h, w]);
}

describe('ONNX wire format', () => {
	it('writes each shipped OCR model back byte for byte', () => {
		for (const key of ['det', 'rec', 'cls']) {
			const bytes = bytesOf(key);
			expect(Buffer.compare(Buffer.from(new OnnxGraph(bytes).serialize()), Buffer.from(bytes)), key).toBe(0);
		}
	});

	it('keeps negative int64s, floats, strings and packed repeated varints', () => {
		const packed = writeFields([field.varint(1, 3), field.varint(1, -2n)]);
		const fields = readFields(writeFields([field.varint(1, -1n), field.float(2, 0.1), field.string(3, 'hardswish_30.tmp_0'), field.bytes(4, packed)]));
		expect(value.int(fields[0]!)).toBe(-1n);
		expect(fields[0]!.payload.length).toBe(10);
		expect(value.float(fields[1]!)).toBeCloseTo(0.1, 7);
		expect(value.string(fields[2]!)).toBe('hardswish_30.tmp_0');
		// A packed field (one length-delimited body) reads the same as its values written one by one.
		expect(value.ints([{ no: 1, type: 2, payload: Uint8Array.of(3, ...fields[0]!.payload) }])).toEqual([3n, -1n]);
		expect(value.ints(readFields(packed))).toEqual([3n, -2n]);
		expect(() => readFields(Uint8Array.of(0x0a, 0x05, 0x01))).toThrow(/runs past the end/);
	});
});

describe('OCR model rewrites', () => {
	const rewrites = (key: string) => ocr.sessions[key]!.rewrites ?? [];

	it('are named for the detector, the recogniser and the classifier in the registry', () => {
		for (const key of ['det', 'cls']) expect(rewrites(key), key).toEqual<RewriteName[]>(['affine-into-conv', 'hard-swish', 'affine-as-conv']);
		expect(rewrites('rec')).toEqual<RewriteName[]>(['affine-into-conv', 'hard-swish', 'affine-as-conv', 'ctc-summary']);
	});

	it('leave the recogniser no four-op hard-swish and read a line to the same text', async () => {
		const original = bytesOf('rec');
		const { bytes, changed } = rewriteModel(original, rewrites('rec'));
		expect(changed['hard-swish']).toBeGreaterThan(0);
		expect(changed['affine-into-conv']).toBeGreaterThan(0);
		const before = opCounts(original);
		const after = opCounts(bytes);
		expect(after.Clip ?? 0).toBe(0);
		expect(after.HardSigmoid).toBe((before.HardSigmoid ?? 0) + changed['hard-swish']!);
		expect(after.Mul! + after.Add!).toBeLessThan(before.Mul! + before.Add! - 2 * changed['hard-swish']!);
		// What no convolution could take in became 1×1 depthwise convolutions: no scalar Add is left on a feature map.
		expect(changed['affine-as-conv']).toBeGreaterThan(0);
		expect(after.Conv).toBe(before.Conv! + changed['affine-as-conv']!);
		expect(scalarAddInputs(bytes)).not.toContain('Conv');
		expect(scalarAddInputs(bytes)).not.toContain('Mul');
		expect(scalarAddInputs(original)).toContain('Mul');

		const alphabet = ctcClasses(fs.readFileSync(modelFilePath(ocr, 'keys', '/nonexistent'), 'utf8'));
		const x = await recInput('Rechnung Nr. 2023-0042, Summe: 1.234,56');
		const [a, b] = [await run(original, x), await run(bytes, x)];
		expect(maxDiff(a, b)).toBeLessThan(1e-4);
		const steps = a.length / alphabet.length;
		const text = (p: Float32Array) => ctcGreedy(summariseSteps(p, steps, alphabet.length, [alphabet.length - 1]), alphabet).chars.map((c) => c.char).join('');
		expect(text(b)).toBe(text(a));
		expect(text(a)).toMatch(/2023-0042/);
	});

	it('add a step summary to the recogniser equal to the one made from its full output', async () => {
		const { bytes, changed } = rewriteModel(bytesOf('rec'), rewrites('rec'));
		expect(changed['ctc-summary']).toBe(1);
		const x = await recInput('Facture n° 2023-0042, total : 1 234,56 €');
		const picked = [6624, 12, 7];
		const s = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
		try {
			expect(s.inputNames).toEqual(['x', CTC_SUMMARY.classes]);
			const out = await s.run({ x, [CTC_SUMMARY.classes]: new ort.Tensor('int64', BigInt64Array.from(picked.map(BigInt)), [3]) });
			const full = out[s.outputNames[0]!]!;
			const [, steps, classes] = full.dims as [number, number, number];
			const js = summariseSteps(full.data as Float32Array, steps, classes, picked);
			expect(out[CTC_SUMMARY.best]!.dims).toEqual([1, steps]);
			expect(out[CTC_SUMMARY.picked]!.dims).toEqual([1, steps, 3]);
			expect([...(out[CTC_SUMMARY.best]!.data as Int32Array)]).toEqual([...js.best]);
			expect([...(out[CTC_SUMMARY.prob]!.data as Float32Array)]).toEqual([...js.prob]);
			expect([...(out[CTC_SUMMARY.picked]!.data as Float32Array)]).toEqual([...js.picked]);
			expect(new Set(js.best).size).toBeGreaterThan(10);
		} finally {
			await s.release();
		}
		// A graph whose output is not a softmax, or that already has the names, is left alone.
		expect(rewriteModel(bytesOf('det'), ['ctc-summary']).changed['ctc-summary']).toBe(0);
		expect(rewriteModel(bytes, ['ctc-summary']).changed['ctc-summary']).toBe(0);
	});

	it('give the detector the same probability map and the classifier the same odds', async () => {
		const x = await detInput();
		const det = bytesOf('det');
		const [a, b] = [await run(det, x), await run(rewriteModel(det, rewrites('det')).bytes, x)];
		expect(maxDiff(a, b)).toBeLessThan(1e-4);
		expect(Math.max(...a)).toBeGreaterThan(0.9);

		const cls = bytesOf('cls');
		const crop = new ort.Tensor('float32', clsCrop(await recInput('Total due')), [1, 3, 48, 192]);
		expect(maxDiff(await run(cls, crop), await run(rewriteModel(cls, rewrites('cls')).bytes, crop))).toBeLessThan(1e-5);
	});
});

/** The first 192 columns of a recogniser input (the classifier's input width). */
function clsCrop(x: ort.Tensor): Float32Array {
	const w = x.dims[3]!;
	const src = x.data as Float32Array;
	const out = new Float32Array(3 * 48 * 192);
	for (let c = 0; c < 3; c++) for (let y = 0; y < 48; y++) for (let i = 0; i < 192; i++) out[(c * 48 + y) * 192 + i] = i < w ? src[(c * 48 + y) * w + i]! : 0;
	return out;
}

describe('the OCR engine with and without the rewrites', () => {
	it('reads a rendered page to the same lines, boxes and confidences (GRAPH_REWRITES=false makes the step summary in JavaScript)', async () => {
		const img = (await decodeImage(await renderPage(businessPage('fr'), { dpi: 150 }), 'page.png', 1)).pages[0]!;
		const read = async (rewrites: string) => {
			const sidecar = await startTestSidecar({ PRELOAD_MODELS: 'pp-ocrv4', GRAPH_REWRITES: rewrites });
			try {
				const engine = sidecar.ctx.engines.ocr();
				return { inputs: sidecar.ctx.pool.get('pp-ocrv4').sessions.rec!.inputNames, lines: (await engine.recognise(img)).lines };
			} finally {
				await sidecar.close();
			}
		};
		const [plain, rewritten] = [await read('false'), await read('true')];
		expect(plain.inputs).toEqual(['x']);
		expect(rewritten.inputs).toContain(CTC_SUMMARY.classes);
		expect(rewritten.lines.length).toBeGreaterThan(10);
		expect(rewritten.lines).toEqual(plain.lines);
	});
});
