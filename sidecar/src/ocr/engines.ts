/** Engines built on loaded models, created on first use and shared by every request. */
import type { ModelPool } from '../runtime/modelPool';
import { OcrEngine } from './engine';
import { preloadLexicons } from './repair/lexicon';

export const OCR_MODEL_ID = 'pp-ocrv4';

export class Engines {
	private ocrEngine: OcrEngine | undefined;

	constructor(
		private readonly pool: ModelPool,
		private readonly modelsDir: string,
	) {}

	/** True once warm() has run: the OCR engine exists and the repair word lists are in memory. */
	warm = false;

	/** Builds the engines for the loaded models and loads the word lists, so the first request is not slow. */
	warmUp(preloaded: readonly string[]): void {
		if (preloaded.includes(OCR_MODEL_ID)) {
			this.ocr();
			preloadLexicons();
		}
		this.warm = true;
	}

	/** Throws ModelNotLoadedError (HTTP 503) while the OCR model is not loaded. */
	ocr(): OcrEngine {
		this.ocrEngine ??= new OcrEngine(this.pool.get(OCR_MODEL_ID), this.modelsDir);
		return this.ocrEngine;
	}
}
