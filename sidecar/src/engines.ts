/** Engines built on loaded models (OCR, speech), created on first use and shared by every request. */
import { MoonshineRecogniser } from './asr/moonshine';
import type { ModelPool } from './runtime/modelPool';
import type { ModelSession } from './runtime/session';
import { OcrEngine } from './ocr/engine';
import { warmPdfjs } from './pdf/pdfjs';
import { preloadLexicons } from './ocr/repair/lexicon';

export const OCR_MODEL_ID = 'pp-ocrv4';
export const VAD_MODEL_ID = 'silero-vad';

export class Engines {
	private ocrEngine: OcrEngine | undefined;
	private readonly recognisers = new Map<string, MoonshineRecogniser>();

	constructor(
		private readonly pool: ModelPool,
		private readonly modelsDir: string,
	) {}

	/** True once warm() has run: the OCR engine exists and the repair word lists are in memory. */
	warm = false;

	/** Builds the engines for the loaded models and loads the word lists, so the first request is not slow. */
	async warmUp(preloaded: readonly string[]): Promise<void> {
		if (preloaded.includes(OCR_MODEL_ID)) {
			this.ocr();
			preloadLexicons();
			await warmPdfjs();
		}
		this.warm = true;
	}

	/** Speech recogniser for a registry ASR model; throws ModelNotLoadedError (HTTP 503) until it is loaded. */
	asr(modelId: string): MoonshineRecogniser {
		let r = this.recognisers.get(modelId);
		if (!r) {
			const model = this.pool.get(modelId);
			if (model.entry.family !== 'moonshine') throw new Error(`no recogniser for the ${model.entry.family} family`);
			r = new MoonshineRecogniser(model);
			this.recognisers.set(modelId, r);
		}
		return r;
	}

	vad(): ModelSession {
		const session = this.pool.get(VAD_MODEL_ID).sessions.vad;
		if (!session) throw new Error(`${VAD_MODEL_ID} has no vad session`);
		return session;
	}

	/** Throws ModelNotLoadedError (HTTP 503) while the OCR model is not loaded. */
	ocr(): OcrEngine {
		this.ocrEngine ??= new OcrEngine(this.pool.get(OCR_MODEL_ID), this.modelsDir);
		return this.ocrEngine;
	}
}
