/**
 * The text OCR engine: detection → crops → angle classification → recognition → spacing →
 * reading order. Holds no state beyond the loaded sessions, so concurrent requests share it.
 */
import fs from 'node:fs';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import type { LoadedModel } from '../runtime/modelPool';
import type { ModelSession } from '../runtime/session';
import type { ExecutionProvider } from '../runtime/provider';
import { CTC_SUMMARY } from '../models/onnx/rewrites';
import { modelFilePath } from '../models/registry';
import { clsBatch, CLS_HEIGHT, CLS_WIDTH, upsideDown } from './cls/preprocess';
import { cropQuad, rotate180 } from './crop';
import { dbPostprocess, DB_DEFAULTS, type DbOptions } from './det/postprocess';
import { detRescaleSide, detResize, detTensorData, type DetResize } from './det/preprocess';
import { orderLines } from './layout/readingOrder';
import { charPixels, ctcClasses, ctcGreedy, summariseSteps, type CtcSteps } from './rec/ctc';
import { bucketFor, prepareRecCrop, REC_HEIGHT, writeNormalised, type RecInput } from './rec/preprocess';
import { inkLevels, parseTemplates, toGray, withUnreadSigns } from './rec/glyphs';
import { withInkAccents, withLanguageAccents } from './rec/diacritics';
import { darkness } from './rec/ink';
import { withInkCase } from './rec/letterCase';
import { withInkMarks, type MarkOdds } from './rec/punctuation';
import glyphTemplates from './rec/glyphTemplates.json';
import { wordSpans } from './rec/spacing';
import { proportionalWords, syncWords, wordBoxes, type WordFraction } from './layout/words';
import { guessLanguage } from './repair/language';
import { lexicon, type RepairLanguage } from './repair/lexicon';
import { repairText } from './repair/repair';
import { repairConfusions } from './repair/confusions';
import { normaliseWidth } from './repair/width';
import { quadBounds, type Quad, type RgbImage, type TextLine } from './types';
import { identityFrame, type PageFrame } from './page/frame';
import { uprightPage, type StageTools } from './page/stage';

/** Bitmaps of the currency signs the recogniser has no class for (and of their look-alikes). */
const SIGN_TEMPLATES = parseTemplates(glyphTemplates);

export interface OcrOptions {
	detLimitSide: number;
	useAngleCls: boolean;
	clsThreshold: number;
	db: DbOptions;
	recBuckets: readonly number[];
	recBatch: number;
	/** Lines whose recognition confidence is below this are dropped. */
	minConfidence: number;
	/** Word repair: a language, auto-detection from the page, or none. */
	lang: 'auto' | RepairLanguage | 'none';
	/** Make the page upright and flat first (photo, right-angle turn, upside down, skew): ocr/page/stage.ts. */
	pageStage: boolean;
}

export interface OcrTimings {
	detMs: number;
	cropMs: number;
	recMs: number;
	totalMs: number;
}

export interface OcrImageResult {
	/** Language used for word repair (null: none detected or repair off). */
	language: RepairLanguage | null;
	/** Lines in the upright page's pixels (`frame` maps them to the image as sent). */
	lines: TextLine[];
	/** The upright page the lines were read on, and how it was made from the image as sent. */
	upright: RgbImage;
	frame: PageFrame;
	timings: OcrTimings;
}

export class OcrEngine {
	private readonly det: ModelSession;
	private readonly cls: ModelSession;
	private readonly rec: ModelSession;
	private readonly alphabet: string[];
	/** Classes of the comma and the full stop, whose odds settle a mark the ink leaves open. */
	private readonly comma: number;
	private readonly stop: number;
	/** Classes whose probabilities decoding reads at every step: the space (last class), the comma, the stop. */
	private readonly picked: number[];
	/** The same, as the recogniser's `ctc_classes` input. */
	private readonly pickedInput: ort.Tensor;
	readonly defaults: OcrOptions;

	constructor(model: LoadedModel, modelsDir: string) {
		const s = model.sessions;
		if (!s.det || !s.cls || !s.rec) throw new Error(`${model.entry.id} lacks det/cls/rec sessions`);
		this.det = s.det;
		this.cls = s.cls;
		this.rec = s.rec;
		this.alphabet = ctcClasses(fs.readFileSync(modelFilePath(model.entry, 'keys', modelsDir), 'utf8'));
		this.comma = this.alphabet.indexOf(',');
		this.stop = this.alphabet.indexOf('.');
		// A class the keys lack is read as the blank's (index 0) and ignored by markOdds.
		this.picked = [this.alphabet.length - 1, Math.max(0, this.comma), Math.max(0, this.stop)];
		this.pickedInput = new ort.Tensor('int64', BigInt64Array.from(this.picked.map(BigInt)), [this.picked.length]);
		const d = model.entry.defaults as { detLimitSide?: number; recWidthBuckets?: number[]; clsThreshold?: number };
		this.defaults = {
			detLimitSide: d.detLimitSide ?? 960,
			useAngleCls: true,
			clsThreshold: d.clsThreshold ?? 0.9,
			db: DB_DEFAULTS,
			recBuckets: d.recWidthBuckets ?? [160, 320, 640, 1280],
			// CPU: one crop per run is fastest per column; CUDA: batches fill the GPU.
			recBatch: this.rec.provider === 'cuda' ? 16 : 1,
			minConfidence: 0.5,
			lang: 'auto',
			pageStage: true,
		};
	}

	/**
	 * CPU: each crop at its own width (rounded to 32), no padding to waste time on. CUDA: the fixed
	 * buckets warmed at start, since every new shape would re-run cuDNN's algorithm search.
	 */
	private get exactWidths(): boolean {
		return this.rec.provider === 'cpu';
	}

	get provider(): ExecutionProvider {
		return this.rec.provider;
	}

	async recognise(sent: RgbImage, options: Partial<OcrOptions> = {}): Promise<OcrImageResult> {
		const opts = { ...this.defaults, ...options };
		const t0 = performance.now();
		const page = opts.pageStage
			? await uprightPage(sent, this.stageTools(opts))
			: { image: sent, quads: (await this.detect(sent, opts)).map((b) => b.quad), frame: identityFrame(sent.width, sent.height) };
		const img = page.image;
		const boxes = page.quads.map((quad) => ({ quad }));
		const t1 = performance.now();
		const crops = boxes.map((b) => cropQuad(img, b.quad));
		const t2 = performance.now();
		const texts = await this.readCrops(crops, opts);
		const t3 = performance.now();
		const lines: TextLine[] = [];
		const accented = new Map<TextLine, string>();
		boxes.forEach((b, i) => {
			const r = texts[i]!;
			if (r.text.trim() === '' || r.confidence < opts.minConfidence) return;
			const box = quadBounds(b.quad).map(Math.round) as TextLine['box'];
			// Tall quads were read turned 90°: their words do not run along the quad's top edge.
			const words = isTall(b.quad) ? [{ text: r.text, box }] : r.words ? wordBoxes(b.quad, r.words) : proportionalWords(r.text, box);
			const line: TextLine = { text: r.text, confidence: round3(r.confidence), box, polygon: b.quad.map(([x, y]) => [Math.round(x), Math.round(y)]) as TextLine['polygon'], words };
			if (r.accented) accented.set(line, r.accented);
			lines.push(line);
		});
		const language = this.repair(lines, opts.lang, accented);
		return {
			language,
			lines: orderLines(lines),
			upright: img,
			frame: page.frame,
			timings: { detMs: ms(t1 - t0), cropMs: ms(t2 - t1), recMs: ms(t3 - t2), totalMs: ms(t3 - t0) },
		};
	}

	/** What the page stage uses of this engine: detection, the angle classifier, and reading confidence. */
	private stageTools(opts: OcrOptions): StageTools {
		return {
			detect: async (img) => (await this.detect(img, opts)).map((b) => b.quad),
			upsideDownShare: async (img, quads) => {
				const crops = quads.map((q) => cropQuad(img, q));
				return (await this.upsideDownCandidates(crops, opts.clsThreshold)).length / Math.max(1, crops.length);
			},
			readConfidence: async (img, quads, turned) => {
				const crops = quads.map((q) => (turned ? rotate180(cropQuad(img, q)) : cropQuad(img, q)));
				const texts = await this.recogniseCrops(crops, opts);
				return texts.reduce((s, t) => s + t.confidence, 0) / Math.max(1, texts.length);
			},
		};
	}

	/**
	 * Reads given regions (e.g. ground-truth boxes, or a table cell) without detection: crop,
	 * upside-down check, recognition, width normalisation. No word repair (no page context).
	 */
	async readRegions(img: RgbImage, quads: Quad[], options: Partial<OcrOptions> = {}): Promise<Array<{ text: string; confidence: number }>> {
		const opts = { ...this.defaults, ...options };
		const texts = await this.readCrops(quads.map((q) => cropQuad(img, q)), opts);
		return texts.map((t) => ({ text: normaliseWidth(t.text), confidence: round3(t.confidence) }));
	}

	/** Letter/digit look-alikes, the accents the page's language writes, width normalisation, then word repair in that language (in place). */
	private repair(lines: TextLine[], hint: OcrOptions['lang'], accented: ReadonlyMap<TextLine, string>): RepairLanguage | null {
		const lang = hint === 'none' ? null : hint === 'auto' ? guessLanguage(lines.map((l) => normaliseWidth(l.text)).join(' ')) : hint;
		const lex = lang === null || lang === 'en' ? null : lexicon(lang);
		for (const l of lines) {
			l.text = normaliseWidth(withLanguageAccents(repairConfusions(l.text), accented.get(l) ?? l.text, lang));
			if (lex) l.text = repairText(l.text, lex);
			if (l.words) l.words = syncWords(l.text, l.words, l.box);
		}
		return lang;
	}

	/** Detection, run a second time larger when the first found only small print (see detRescaleSide). */
	private async detect(img: RgbImage, opts: OcrOptions) {
		const size = detResize(img.width, img.height, opts.detLimitSide);
		const boxes = await this.detectAt(img, size, opts);
		const side = detRescaleSide(boxes.map((b) => quadHeight(b.quad)), size, img.width, img.height, DET_MAX_SIDE);
		return side === null ? boxes : await this.detectAt(img, detResize(img.width, img.height, side), opts);
	}

	private async detectAt(img: RgbImage, size: DetResize, opts: OcrOptions) {
		const { data } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
			.resize(size.width, size.height, { fit: 'fill', kernel: 'linear' })
			.raw()
			.toBuffer({ resolveWithObject: true });
		const input = new ort.Tensor('float32', detTensorData({ width: size.width, height: size.height, data }), [1, 3, size.height, size.width]);
		const out = await this.det.run({ x: input });
		const prob = out[this.det.outputNames[0]!]!.data as Float32Array;
		return dbPostprocess(prob, size.width, size.height, size.scaleX, size.scaleY, img.width, img.height, opts.db);
	}

	/**
	 * Recognition with the upside-down check. The classifier alone flips some upright lines, so it
	 * only sees lines read with doubt, and a flip is kept only when the flipped line reads better.
	 */
	private async readCrops(crops: RgbImage[], opts: OcrOptions): Promise<CropText[]> {
		const texts = await this.recogniseCrops(crops, opts);
		// Only lines read with doubt go to the classifier: upright text reads with high confidence.
		const doubtful = opts.useAngleCls ? texts.map((t, i) => (t.confidence < UPRIGHT_CONFIDENCE ? i : -1)).filter((i) => i >= 0) : [];
		const flagged = doubtful.length > 0 ? (await this.upsideDownCandidates(doubtful.map((i) => crops[i]!), opts.clsThreshold)).map((k) => doubtful[k]!) : [];
		if (flagged.length > 0) {
			const flipped = await this.recogniseCrops(flagged.map((i) => rotate180(crops[i]!)), opts);
			flagged.forEach((i, k) => {
				const f = flipped[k]!;
				// Word positions were read on the turned crop: mirror them back onto the quad.
				if (f.confidence > texts[i]!.confidence) texts[i] = { ...f, words: f.words?.map((w) => ({ text: w.text, f0: 1 - w.f1, f1: 1 - w.f0 })) ?? null };
			});
		}
		return texts;
	}

	/** Indices of crops the 0/180° classifier thinks are upside down. */
	private async upsideDownCandidates(crops: RgbImage[], threshold: number): Promise<number[]> {
		const out: number[] = [];
		for (let i = 0; i < crops.length; i += 32) {
			const batch = crops.slice(i, i + 32);
			const input = new ort.Tensor('float32', clsBatch(batch), [batch.length, 3, CLS_HEIGHT, CLS_WIDTH]);
			const res = await this.cls.run({ x: input });
			const scores = res[this.cls.outputNames[0]!]!.data as Float32Array;
			for (const j of upsideDown(scores, batch.length, threshold)) out.push(i + j);
		}
		return out;
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

	/**
	 * One recogniser run over a batch of crops: each crop's step summary. Where the graph was
	 * rewritten (`ctc-summary`), only the summary is fetched; else it is made from every class's
	 * probability here.
	 */
	private async runRec(data: Float32Array, count: number, width: number): Promise<CtcSteps[]> {
		const x = new ort.Tensor('float32', data, [count, 3, REC_HEIGHT, width]);
		if (this.rec.inputNames.includes(CTC_SUMMARY.classes)) {
			const out = await this.rec.run({ x, [CTC_SUMMARY.classes]: this.pickedInput }, [CTC_SUMMARY.best, CTC_SUMMARY.prob, CTC_SUMMARY.picked]);
			const steps = out[CTC_SUMMARY.best]!.dims[1]!;
			const k = this.picked.length;
			const [best, prob, picked] = [out[CTC_SUMMARY.best]!.data as Int32Array, out[CTC_SUMMARY.prob]!.data as Float32Array, out[CTC_SUMMARY.picked]!.data as Float32Array];
			return Array.from({ length: count }, (_, j) => ({ steps, k, best: best.subarray(j * steps, (j + 1) * steps), prob: prob.subarray(j * steps, (j + 1) * steps), picked: picked.subarray(j * steps * k, (j + 1) * steps * k) }));
		}
		const probs = (await this.rec.run({ x }))[this.rec.outputNames[0]!]!;
		const [, steps, classes] = probs.dims as [number, number, number];
		const all = probs.data as Float32Array;
		return Array.from({ length: count }, (_, j) => summariseSteps(all.subarray(j * steps * classes, (j + 1) * steps * classes), steps, classes, this.picked));
	}

	private async recogniseCrops(crops: RgbImage[], opts: OcrOptions): Promise<CropText[]> {
		const inputs: RecInput[] = crops.map((c) => prepareRecCrop(c, REC_HEIGHT, opts.recBuckets));
		const results: CropText[] = new Array(crops.length);
		// Group by bucket width (sorted by width so a batch wastes little padding).
		const order = inputs.map((_, i) => i).sort((a, b) => inputs[a]!.width - inputs[b]!.width);
		let k = 0;
		while (k < order.length) {
			const widthOf = (i: number) => (this.exactWidths ? Math.ceil(inputs[i]!.width / 32) * 32 : bucketFor(inputs[i]!.width, opts.recBuckets));
			const bucket = widthOf(order[k]!);
			const batch: number[] = [];
			while (k < order.length && batch.length < opts.recBatch && widthOf(order[k]!) === bucket) batch.push(order[k++]!);
			const size = 3 * REC_HEIGHT * bucket;
			const data = new Float32Array(batch.length * size);
			batch.forEach((idx, j) => writeNormalised(inputs[idx]!.image, bucket, data, j * size));
			const summaries = await this.runRec(data, batch.length, bucket);
			batch.forEach((idx, j) => {
				const summary = summaries[j]!;
				const validSteps = Math.ceil((inputs[idx]!.width / bucket) * summary.steps);
				const decoded = ctcGreedy(summary, this.alphabet, validSteps);
				const stepPx = bucket / summary.steps;
				const w = inputs[idx]!.width;
				const gray = toGray(inputs[idx]!.image.data, w, REC_HEIGHT);
				const levels = inkLevels(gray);
				// Currency signs sit beside amounts: only lines with digits are searched for them.
				const signed = decoded.chars.some((c) => /\d/.test(c.char)) ? withUnreadSigns(decoded.chars, gray, levels, w, REC_HEIGHT, stepPx, SIGN_TEMPLATES) : decoded.chars;
				const dark = darkness(gray, levels);
				const marked = withInkMarks(signed, dark, w, REC_HEIGHT, stepPx, this.markOdds(summary));
				const ctc = { ...decoded, chars: withInkCase(marked, dark, w, REC_HEIGHT, stepPx) };
				const spans = wordSpans(ctc);
				// Accents change letters one for one: the same spans, for repair to take in the page's language.
				const accented = wordSpans({ ...ctc, chars: withInkAccents(ctc.chars, dark, w, REC_HEIGHT, stepPx) });
				results[idx] = {
					text: spans.map((s) => s.text).join(' '),
					accented: accented.map((s) => s.text).join(' '),
					confidence: ctc.confidence,
					words: spans.map((s) => {
						const [x0, x1] = charPixels(s, stepPx);
						return { text: s.text, f0: x0 / w, f1: x1 / w };
					}),
				};
			});
		}
		return results;
	}
}

interface CropText {
	text: string;
	/** The text with accents read from the ink (rec/diacritics.ts), letter for letter. */
	accented?: string;
	confidence: number;
	/** Word spans as fractions of the crop's width (null when unknown). */
	words: WordFraction[] | null;
}

/** Longest side a second, larger detection pass may use (about 30 MB of input at 2560 × 2560). */
const DET_MAX_SIDE = 2560;
const quadHeight = (q: Quad) => Math.hypot(q[3][0] - q[0][0], q[3][1] - q[0][1]);
/** Below this recognition confidence a line is checked for being upside down. */
const UPRIGHT_CONFIDENCE = 0.9;
const isTall = (q: Quad) => Math.hypot(q[0][0] - q[3][0], q[0][1] - q[3][1]) >= 1.5 * Math.hypot(q[0][0] - q[1][0], q[0][1] - q[1][1]);
const ms = (v: number) => Math.round(v * 10) / 10;
const round3 = (v: number) => Math.round(v * 1000) / 1000;
