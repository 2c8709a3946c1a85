/**
 * Whisper decoding on ONNX Runtime: log-mel features of 30-second windows → encoder (a batch of
 * windows at once) → greedy decoding of the batch in step with the decoder in either Hugging Face
 * ONNX layout (`decoder.ts`), the language from the first step when not given, Whisper's token
 * suppression and timestamp rules, and timed segments per window.
 */
import * as ort from 'onnxruntime-node';
import { toHalf } from '../../runtime/half';
import type { ModelSession } from '../../runtime/session';
import { DecoderRun, decoderLayout, pickRows, type DecoderLayout } from '../seq2seq/decoder';
import { logMel, melFilters, SAMPLE_RATE } from './features';
import { beamSearch, greedySearch, type Mask } from './search';
import { applyTimestampRules, segmentsOf } from './timestamps';
import type { ChunkTranscript, RecogniseOptions, SpeechChunk, SpeechRecogniser } from '../recogniser';
import type { WhisperTokenizer } from './tokenizer';

export const WINDOW_SECONDS = 30;
/** Encoder frames of a 30-second window (10 ms hop). */
const WINDOW_FRAMES = 3000;

export interface WhisperConfig {
	nMels: number;
	/** Most tokens sampled for one window (Whisper: 224, half the context). */
	maxTokens: number;
	/** Windows encoded and decoded together by default. */
	batchSize: number;
}

export interface WhisperOptions {
	language: string | 'auto';
	task: 'transcribe' | 'translate';
	/** 1: greedy; more: beam search with this many beams per window. */
	beamSize?: number;
	/** Where the window starts in the recording, in seconds. */
	offset: number;
}

export interface WhisperSegment {
	start: number;
	end: number;
	text: string;
}

export interface WhisperResult {
	language: string;
	segments: WhisperSegment[];
}


/** A window of up to 30 s of 16 kHz audio and where it starts in the recording, in seconds. */
export interface WhisperWindow {
	audio: Float32Array;
	offset: number;
}

export class WhisperRecogniser implements SpeechRecogniser {
	private readonly filters: Float32Array;
	private readonly layout: DecoderLayout;
	/** Symbols and music marks Whisper is kept from writing (its "suppress_tokens"). */
	private readonly nonSpeech: number[];

	constructor(
		private readonly encoder: ModelSession,
		private readonly decoder: ModelSession,
		private readonly tok: WhisperTokenizer,
		private readonly cfg: WhisperConfig,
	) {
		this.filters = melFilters(cfg.nMels);
		this.layout = decoderLayout(decoder);
		this.nonSpeech = tok.nonSpeechTokens();
	}

	get provider(): SpeechRecogniser['provider'] {
		return this.decoder.provider;
	}

	readonly maxChunkSeconds = WINDOW_SECONDS;

	get batchSize(): number {
		return this.cfg.batchSize;
	}

	/** Chunks of at most 30 s, one window each, decoded as one batch. */
	recognise(chunks: readonly SpeechChunk[], opts: RecogniseOptions): Promise<ChunkTranscript[]> {
		return this.transcribeBatch(
			chunks.map((c) => ({ audio: c.audio, offset: c.start })),
			opts,
		);
	}

	/** The encoder's output for a batch of windows (each zero-padded to 30 s, as Whisper does). */
	async encode(windows: readonly Float32Array[]): Promise<ort.Tensor> {
		const { nMels } = this.cfg;
		const data = new Float32Array(windows.length * nMels * WINDOW_FRAMES);
		for (const [b, audio] of windows.entries()) {
			const window = new Float32Array(WINDOW_SECONDS * SAMPLE_RATE);
			window.set(audio.subarray(0, window.length));
			const mel = logMel(window, this.filters, nMels);
			const frames = Math.min(mel.frames, WINDOW_FRAMES);
			for (let m = 0; m < nMels; m++) data.set(mel.data.subarray(m * mel.frames, m * mel.frames + frames), (b * nMels + m) * WINDOW_FRAMES);
		}
		const dims = [windows.length, nMels, WINDOW_FRAMES];
		const input = this.encoder.inputSpec('input_features')?.type === 'float16' ? new ort.Tensor('float16', toHalf(data), dims) : new ort.Tensor('float32', data, dims);
		const out = await this.encoder.run({ input_features: input });
		return out[this.encoder.outputNames[0]!]!;
	}

	/** The likeliest language from the logits after <|startoftranscript|>. */
	private languageOf(logits: Float32Array): string {
		let best: [string, number] = ['en', -Infinity];
		for (const [code, id] of this.tok.special.languages) if (logits[id]! > best[1]) best = [code, logits[id]!];
		return best[0];
	}

	async transcribe(audio: Float32Array, opts: WhisperOptions): Promise<WhisperResult> {
		const [result] = await this.transcribeBatch([{ audio, offset: opts.offset }], opts);
		return result!;
	}

	/** Windows decoded together: one encoder run, then one decoder run per step for the whole batch. */
	async transcribeBatch(windows: readonly WhisperWindow[], opts: Omit<WhisperOptions, 'offset'>): Promise<WhisperResult[]> {
		if (windows.length === 0) return [];
		const beamSize = opts.beamSize ?? 1;
		const encoded = await this.encode(windows.map((w) => w.audio));
		// Beam search decodes beamSize rows per window, each reading that window's audio.
		const hidden = beamSize > 1 ? pickRows(encoded, windows.flatMap((_, w) => new Array<number>(beamSize).fill(w))) : encoded;
		const run = new DecoderRun(this.decoder, this.layout, hidden);
		const rows = hidden.dims[0]!;
		const sp = this.tok.special;
		let logits: Float32Array[];
		let languages: string[];
		if (opts.language === 'auto') {
			// The first step reads <|startoftranscript|> alone; its logits name each window's language,
			// and the rest of the prompt continues the same run.
			const first = await run.next(Array.from({ length: rows }, () => [sp.startOfTranscript]));
			languages = first.map((l) => this.languageOf(l));
			logits = await run.next(languages.map((language) => this.tok.prompt(language, opts.task, true).slice(1)));
		} else {
			languages = Array.from({ length: rows }, () => opts.language);
			logits = await run.next(languages.map((language) => this.tok.prompt(language, opts.task, true)));
		}
		const blank = this.tok.tokenOf(' ');
		const mask: Mask = (l, sampled) => {
			// Never the prompt's own tokens or non-speech symbols; at the start, neither a blank nor the end.
			l.fill(-Infinity, sp.startOfTranscript, sp.noTimestamps);
			for (const t of this.nonSpeech) l[t] = -Infinity;
			if (sampled.length === 0) {
				l[sp.endOfText] = -Infinity;
				if (blank !== undefined) l[blank] = -Infinity;
			}
			applyTimestampRules(l, sampled, sp);
		};
		const search = { maxTokens: this.cfg.maxTokens, endOfText: sp.endOfText, mask };
		const found = beamSize > 1 ? await beamSearch(run, logits, beamSize, search) : await greedySearch(run, logits, search);
		return windows.map((w, b) => {
			const duration = Math.min(WINDOW_SECONDS, w.audio.length / SAMPLE_RATE);
			const segments = segmentsOf(found[b]!, sp, duration, w.offset)
				.map((s) => ({ start: s.start, end: s.end, text: this.tok.decode(s.tokens).trim() }))
				.filter((s) => s.text !== '');
			return { language: languages[b * beamSize]!, segments };
		});
	}
}
