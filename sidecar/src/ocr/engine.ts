/**
 * The text OCR engine: detection → crops → angle classification → recognition → spacing →
 * reading order. Holds no state beyond the loaded sessions, so concurrent requests share it.
 */
import fs from 'node:fs';
import type { LoadedModel } from '../runtime/modelPool';
import type { ExecutionProvider } from '../runtime/provider';
import { modelFilePath } from '../models/registry';
import { AngleClassifier } from './cls/classifier';
import { cropQuad, rotate180 } from './crop';
import { TextDetector } from './det/detector';
import { DB_DEFAULTS, type DbOptions } from './det/postprocess';
import { orderLines } from './layout/readingOrder';
import { withLanguageAccents } from './rec/diacritics';
import type { CropText } from './rec/readLine';
import { TextRecognizer } from './rec/recognizer';
import { proportionalWords, syncWords, wordBoxes } from './layout/words';
import { blockLanguages, guessLanguage } from './repair/language';
import { lexicon, type RepairLanguage } from './repair/lexicon';
import { repairText } from './repair/repair';
import { repairConfusions } from './repair/confusions';
import { normaliseWidth } from './repair/width';
import { quadBounds, type Quad, type RgbImage, type TextLine } from './types';
import { identityFrame, type PageFrame } from './page/frame';
import { uprightPage, type StageTools } from './page/stage';

/** How the engine reads an image (detector size, classifier, batches, repair): its tuning, not a request's options (those are OcrRequestOptions). */
export interface EngineSettings {
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

/**
 * Orchestrates the stages, each owning its session (det/detector.ts, cls/classifier.ts,
 * rec/recognizer.ts): the page stage, recognition with the upside-down check, word repair, reading order.
 */
export class OcrEngine {
	private readonly detector: TextDetector;
	private readonly classifier: AngleClassifier;
	private readonly recognizer: TextRecognizer;
	readonly defaults: EngineSettings;

	constructor(model: LoadedModel, modelsDir: string) {
		const s = model.sessions;
		if (!s.det || !s.cls || !s.rec) throw new Error(`${model.entry.id} lacks det/cls/rec sessions`);
		if (model.entry.family !== 'pp-ocr') throw new Error(`${model.entry.id} is not a PP-OCR model`);
		this.detector = new TextDetector(s.det);
		this.classifier = new AngleClassifier(s.cls);
		this.recognizer = new TextRecognizer(s.rec, fs.readFileSync(modelFilePath(model.entry, 'keys', modelsDir), 'utf8'));
		const d = model.entry.defaults;
		this.defaults = {
			detLimitSide: d.detLimitSide,
			useAngleCls: true,
			clsThreshold: d.clsThreshold,
			db: DB_DEFAULTS,
			recBuckets: d.recWidthBuckets,
			// CUDA: batches fill the GPU. CPU: four crops of one width per run cost 6 % less than one at a
			// time with every core, 13 % less with one thread per session (CONCURRENCY=2 on 2 cores); a
			// batch holds crops of one padded width only, so each reads as it would alone.
			recBatch: this.recognizer.provider === 'cuda' ? 16 : 4,
			minConfidence: 0.5,
			lang: 'auto',
			pageStage: true,
		};
	}

	get provider(): ExecutionProvider {
		return this.recognizer.provider;
	}

	async recognise(sent: RgbImage, options: Partial<EngineSettings> = {}): Promise<OcrImageResult> {
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
	private stageTools(opts: EngineSettings): StageTools {
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
	async readRegions(img: RgbImage, quads: Quad[], options: Partial<EngineSettings> = {}): Promise<Array<{ text: string; confidence: number }>> {
		const opts = { ...this.defaults, ...options };
		const texts = await this.readCrops(quads.map((q) => cropQuad(img, q)), opts);
		return texts.map((t) => ({ text: normaliseWidth(t.text), confidence: round3(t.confidence) }));
	}

	/** Letter/digit look-alikes, the accents each line's language writes (the page's, or its block's: blockLanguages), width normalisation, then word repair in that language (in place). */
	private repair(lines: TextLine[], hint: EngineSettings['lang'], accented: ReadonlyMap<TextLine, string>): RepairLanguage | null {
		const lang = hint === 'none' ? null : hint === 'auto' ? guessLanguage(lines.map((l) => normaliseWidth(l.text)).join(' ')) : hint;
		// A German seller on an English page keeps its ü and ß: its block is repaired in German.
		const langs = hint === 'auto' ? blockLanguages(lines, lang) : lines.map(() => lang);
		lines.forEach((l, i) => {
			const own = langs[i]!;
			l.text = normaliseWidth(withLanguageAccents(repairConfusions(l.text), accented.get(l) ?? l.text, own));
			if (own !== null && own !== 'en') l.text = repairText(l.text, lexicon(own));
			if (l.words) l.words = syncWords(l.text, l.words, l.box);
		});
		return lang;
	}

	private detect(img: RgbImage, opts: EngineSettings) {
		return this.detector.detect(img, opts.detLimitSide, opts.db);
	}

	/**
	 * Recognition with the upside-down check. The classifier alone flips some upright lines, so it
	 * only sees lines read with doubt, and a flip is kept only when the flipped line reads better.
	 */
	private async readCrops(crops: RgbImage[], opts: EngineSettings): Promise<CropText[]> {
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

	private upsideDownCandidates(crops: RgbImage[], threshold: number): Promise<number[]> {
		return this.classifier.upsideDown(crops, threshold);
	}

	private recogniseCrops(crops: RgbImage[], opts: EngineSettings): Promise<CropText[]> {
		return this.recognizer.recognise(crops, opts.recBuckets, opts.recBatch);
	}
}

/** Below this recognition confidence a line is checked for being upside down. */
const UPRIGHT_CONFIDENCE = 0.9;
const isTall = (q: Quad) => Math.hypot(q[0][0] - q[3][0], q[0][1] - q[3][1]) >= 1.5 * Math.hypot(q[0][0] - q[1][0], q[0][1] - q[1][1]);
const ms = (v: number) => Math.round(v * 10) / 10;
const round3 = (v: number) => Math.round(v * 1000) / 1000;
