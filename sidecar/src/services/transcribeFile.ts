/**
 * Transcribing one recording: the request's options checked against the model it names, the audio
 * decoded, cut by voice activity and recognised, and the complete answer with the options echoed
 * (the model's defaults filled in), timings and warnings. Free of HTTP: bad options are domain
 * errors (OptionError, InputError) that http/errors.ts maps to problems.
 */
import { decodeAudio, SAMPLE_RATE } from '../asr/audio';
import { canTranslate, modelLanguages } from '../asr/languages';
import type { ResolvedTranscribeOptions, TranscribeOptions } from '../asr/options';
import { toSrt, toVtt } from '../asr/subtitles';
import { transcribe, type Transcript } from '../asr/transcribe';
import type { z } from 'zod';
import type { Transcript as TranscriptAnswer } from '../contract/transcribe';
import type { Engines } from '../engines';
import { DependencyError, InputError, OptionError } from '../errors';
import type { Logger } from '../log/logger';
import type { InputFile } from '../media/file';
import { FFMPEG_FIX } from '../media/ffmpeg';
import { findModel, type ModelEntry, type Registry } from '../models/registry';

export type TranscriptResult = z.output<typeof TranscriptAnswer>;

/** The speech model a request names, checked with its language and task before any work is queued. */
export function speechModelFor(registry: Registry, options: TranscribeOptions): { entry: ModelEntry; warnings: string[] } {
	const entry = findModel(registry, options.model);
	if (!entry || entry.task !== 'asr') {
		const asr = registry.models.filter((m) => m.task === 'asr').map((m) => m.id);
		throw new OptionError(`model must be one of the registry's speech models: ${asr.join(', ')} (got "${options.model}")`);
	}
	const languages = modelLanguages(entry);
	if (options.language !== 'auto' && languages.length > 0 && !languages.includes(options.language)) {
		const which = languages.length > 12 ? `${languages.length} languages (ISO 639-1 codes such as ${languages.slice(0, 6).join(', ')})` : `${languages.join(', ')} only`;
		throw new InputError('unsupported-language', 'Unsupported Language', `${entry.id} transcribes ${which} (got language=${options.language})`);
	}
	if (options.task === 'translate' && !canTranslate(entry)) {
		throw new InputError('unsupported-task', 'Unsupported Task', `${entry.id} cannot translate; use a Whisper model for task=translate`);
	}
	const warnings = options.wordTimestamps ? [`${entry.id} gives segment timestamps only; wordTimestamps was ignored`] : [];
	if (options.beamSize > 1 && entry.family !== 'whisper') warnings.push(`${entry.id} decodes greedily; beamSize was ignored`);
	return { entry, warnings };
}

/** What the service needs of the sidecar: models, the decoder, limits and a place for temp files. */
export interface TranscribeDeps {
	engines: Engines;
	ffmpegPath: string | null;
	maxAudioSeconds: number;
	tempFile: (name: string) => string;
}

/** How the running job is followed: cancelled, its deadline grown once the length is known, progress reported. */
export interface TranscribeHooks {
	signal: AbortSignal;
	audioKnown: (seconds: number, provider: 'cuda' | 'cpu') => void;
	progress: (done: number, total: number) => void;
	log: Logger;
}

/** The transcript and what the answer says about how it was made (all but the request's total time). */
export interface TranscribeOutcome {
	transcript: Transcript;
	device: 'cuda' | 'cpu';
	options: ResolvedTranscribeOptions;
	decodeMs: number;
	warnings: string[];
}

export async function transcribeFile(deps: TranscribeDeps, file: InputFile, options: TranscribeOptions, entry: ModelEntry, hooks: TranscribeHooks): Promise<TranscribeOutcome> {
	const recogniser = await deps.engines.asr(entry.id);
	const vad = deps.engines.vad();
	// The model's own defaults fill what the request left out; the answer echoes them.
	const resolved: ResolvedTranscribeOptions = { ...options, maxChunkSeconds: options.maxChunkSeconds ?? recogniser.maxChunkSeconds, batchSize: options.batchSize ?? recogniser.batchSize };
	if (!deps.ffmpegPath) throw new DependencyError('ffmpeg-missing', `the sidecar has no audio decoder (ffmpeg); its operator should ${FFMPEG_FIX}`);
	const t = performance.now();
	const decoded = await decodeAudio(file, { ffmpegPath: deps.ffmpegPath, maxSeconds: deps.maxAudioSeconds, tempFile: deps.tempFile('upload'), samplesFile: deps.tempFile('samples'), signal: hooks.signal });
	const decodeMs = Math.round(performance.now() - t);
	hooks.audioKnown(decoded.samples.length / SAMPLE_RATE, recogniser.provider);
	try {
		const transcript = await transcribe(decoded.samples, vad, recogniser, resolved, hooks.progress, hooks.log, hooks.signal);
		return { transcript, device: recogniser.provider, options: resolved, decodeMs, warnings: decoded.warnings };
	} finally {
		decoded.samples.close();
	}
}

/** The JSON answer: the transcript, the options echoed, timings over `totalMs`, subtitles when asked. */
export function transcriptAnswer(entry: ModelEntry, outcome: TranscribeOutcome, warnings: string[], totalMs: number): TranscriptResult {
	const { transcript, options } = outcome;
	return {
		text: transcript.text,
		language: transcript.language,
		duration: transcript.duration,
		segments: transcript.segments,
		model: entry.id,
		device: outcome.device,
		// Segment timestamps only: the echo says what was given.
		options: { ...options, wordTimestamps: false },
		timings: { decodeMs: outcome.decodeMs, ...transcript.timings, totalMs },
		realtimeFactor: totalMs > 0 ? Math.round((transcript.duration * 1000 * 10) / totalMs) / 10 : null,
		...(options.subtitles !== 'none' ? { subtitles: { format: options.subtitles, content: options.subtitles === 'srt' ? toSrt(transcript.segments) : toVtt(transcript.segments) } } : {}),
		warnings: [...warnings, ...outcome.warnings],
	};
}
