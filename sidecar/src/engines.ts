/** Engines built on loaded models (OCR, speech), created on first use and shared by every request. */
import fs from 'node:fs';
import { MoonshineRecogniser } from './asr/moonshine';
import type { SpeechRecogniser } from './asr/recogniser';
import { WhisperRecogniser } from './asr/whisper/recogniser';
import { WhisperTokenizer } from './asr/whisper/tokenizer';
import { findModel, isNpmSource, missingFiles, modelFilePath, type ModelEntry, type MoonshineEntry, type WhisperEntry } from './models/registry';
import { ModelNotDownloadedError, ModelNotLoadedError, type LoadedModel, type ModelPool } from './runtime/modelPool';
import type { ModelSession } from './runtime/session';
import { OcrEngine } from './ocr/engine';
import type { PdfWorkerPool } from './pdf/workers';
import { preloadLexicons } from './ocr/repair/lexicon';

type AsrEntry = MoonshineEntry | WhisperEntry;

export const OCR_MODEL_ID = 'pp-ocrv4';

/** Speech model family → its recogniser, each given its own typed registry entry. */
const RECOGNISERS: { [F in AsrEntry['family']]: (model: LoadedModel, entry: Extract<AsrEntry, { family: F }>, modelsDir: string) => SpeechRecogniser } = {
	moonshine: (model, entry) => new MoonshineRecogniser(model, entry),
	whisper: (model, entry, modelsDir) => {
		const { encoder, decoder } = model.sessions;
		if (!encoder || !decoder) throw new Error(`${entry.id} lacks encoder/decoder sessions`);
		const { nMels, numLanguages, maxTokens, batchSize } = entry.defaults;
		const tokenizer = new WhisperTokenizer(fs.readFileSync(modelFilePath(entry, 'tokenizer', modelsDir), 'utf8'), numLanguages);
		return new WhisperRecogniser(encoder, decoder, tokenizer, { nMels, maxTokens, batchSize });
	},
};
export const VAD_MODEL_ID = 'silero-vad';

export class Engines {
	private ocrEngine: OcrEngine | undefined;
	private readonly recognisers = new Map<string, SpeechRecogniser>();
	private readonly loading = new Map<string, Promise<LoadedModel>>();

	constructor(
		private readonly pool: ModelPool,
		private readonly modelsDir: string,
		private readonly pdf: PdfWorkerPool,
	) {}

	/** True once warm() has run: the OCR engine exists and the repair word lists are in memory. */
	warm = false;

	/** Builds the engines for the loaded models and loads the word lists, so the first request is not slow. */
	async warmUp(preloaded: readonly string[]): Promise<void> {
		if (preloaded.includes(OCR_MODEL_ID)) {
			this.ocr();
			preloadLexicons(['es', 'de', 'fr']);
			await this.pdf.warm();
			// Italian and Portuguese (the largest list) load just after start-up: readiness does not wait for them.
			setImmediate(() => preloadLexicons(['it', 'pt'])).unref();
		}
		this.warm = true;
	}

	/**
	 * Speech recogniser for a registry ASR model. A model that was not preloaded (a pulled Whisper
	 * model, say) is loaded on first use; one whose files are not there yet is a 503 that says
	 * how to pull it.
	 */
	async asr(modelId: string): Promise<SpeechRecogniser> {
		const ready = this.recognisers.get(modelId);
		if (ready) return ready;
		const model = await this.loaded(modelId);
		let r = this.recognisers.get(modelId);
		if (!r) {
			r = this.recogniserFor(model);
			this.recognisers.set(modelId, r);
		}
		return r;
	}

	private async loaded(modelId: string): Promise<LoadedModel> {
		try {
			return this.pool.get(modelId);
		} catch (err) {
			if (!(err instanceof ModelNotLoadedError)) throw err;
		}
		const entry = findModel(this.pool.registry, modelId);
		if (!entry) throw new ModelNotLoadedError(modelId, `unknown model "${modelId}"`);
		let loading = this.loading.get(modelId);
		if (!loading) {
			loading = this.loadPulled(entry).finally(() => this.loading.delete(modelId));
			this.loading.set(modelId, loading);
		}
		return loading;
	}

	private async loadPulled(entry: ModelEntry): Promise<LoadedModel> {
		// Only whether the files are there: the pool checks their hashes as it loads them (once).
		const missing = missingFiles(entry, this.modelsDir).filter((key) => !isNpmSource(entry.files[key]!.source));
		if (missing.length > 0) {
			throw new ModelNotDownloadedError(entry.id, `model ${entry.id} is not downloaded (missing: ${missing.join(', ')} in MODELS_DIR); its operator can run: gpu-inference-sidecar models pull ${entry.id}`);
		}
		try {
			return await this.pool.load(entry.id);
		} catch (err) {
			// The operator's log has the full message; the answer leaves server paths out.
			throw new ModelNotLoadedError(entry.id, `model ${entry.id} failed to load: ${(err as Error).message.split(this.modelsDir).join('MODELS_DIR')}`);
		}
	}

	private recogniserFor(model: LoadedModel): SpeechRecogniser {
		const { entry } = model;
		const make = RECOGNISERS[entry.family as keyof typeof RECOGNISERS] as ((m: LoadedModel, e: ModelEntry, modelsDir: string) => SpeechRecogniser) | undefined;
		if (!make) throw new Error(`no recogniser for the ${entry.family} family`);
		return make(model, entry, this.modelsDir);
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
