/** POST /v1/transcribe: text, timed segments, or SRT/VTT from audio or video. */
import { Router } from 'express';
import { decodeAudio, SAMPLE_RATE } from '../asr/audio';
import { workDeadlineMs } from '../queue/budget';
import type { ResolvedTranscribeOptions } from '../asr/options';
import { parseTranscribeOptions } from '../http/requestOptions';
import { toSrt, toVtt } from '../asr/subtitles';
import { canTranslate, modelLanguages } from '../asr/languages';
import { transcribe } from '../asr/transcribe';
import type { SidecarContext } from '../context';
import { DependencyError } from '../errors';
import { problems } from '../http/problem';
import { FFMPEG_FIX } from '../media/ffmpeg';
import { uploadFiles } from '../http/upload';
import { uploadLimits } from './limits';
import { findModel } from '../models/registry';
import { runJob } from './job';

export function transcribeRoutes(ctx: SidecarContext): Router {
	const router = Router();
	router.post('/transcribe', ...uploadFiles({ ...uploadLimits(ctx), accept: ['audio', 'video'], maxFiles: 1 }), async (req, res) => {
		const options = parseTranscribeOptions((req.body ?? {}) as Record<string, unknown>);
		const entry = findModel(ctx.registry, options.model);
		if (!entry || entry.task !== 'asr') {
			const asr = ctx.registry.models.filter((m) => m.task === 'asr').map((m) => m.id);
			throw problems.badRequest(`model must be one of the registry's speech models: ${asr.join(', ')} (got "${options.model}")`);
		}
		const languages = modelLanguages(entry);
		if (options.language !== 'auto' && languages.length > 0 && !languages.includes(options.language)) {
			throw problems.unprocessable('unsupported-language', 'Unsupported Language', `${entry.id} transcribes ${languages.length > 12 ? `${languages.length} languages (ISO 639-1 codes such as ${languages.slice(0, 6).join(', ')})` : `${languages.join(', ')} only`} (got language=${options.language})`);
		}
		if (options.task === 'translate' && !canTranslate(entry)) {
			throw problems.unprocessable('unsupported-task', 'Unsupported Task', `${entry.id} cannot translate; use a Whisper model for task=translate`);
		}
		const warnings = options.wordTimestamps ? [`${entry.id} gives segment timestamps only; wordTimestamps was ignored`] : [];
		if (options.beamSize > 1 && entry.family !== 'whisper') warnings.push(`${entry.id} decodes greedily; beamSize was ignored`);
		const file = req.uploads![0]!;
		const started = performance.now();
		const result = await runJob(ctx, req, res, async (signal, control) => {
			const recogniser = await ctx.engines.asr(entry.id);
			const vad = ctx.engines.vad();
			// The model's own defaults fill what the request left out; the answer echoes them.
			const resolved: ResolvedTranscribeOptions = { ...options, maxChunkSeconds: options.maxChunkSeconds ?? recogniser.maxChunkSeconds, batchSize: options.batchSize ?? recogniser.batchSize };
			const t = performance.now();
			if (!ctx.ffmpeg.path) throw new DependencyError('ffmpeg-missing', `the sidecar has no audio decoder (ffmpeg); its operator should ${FFMPEG_FIX}`);
			const decoded = await decodeAudio(file, { ffmpegPath: ctx.ffmpeg.path, maxSeconds: ctx.config.maxAudioSeconds, tempFile: ctx.temp.file('upload'), samplesFile: ctx.temp.file('samples'), signal });
			const decodeMs = Math.round(performance.now() - t);
			// The recording's length is known now: its deadline grows with it (queue/budget.ts).
			control.extendDeadline(workDeadlineMs(ctx.config.requestTimeoutMs, recogniser.provider, { audioSeconds: decoded.samples.length / SAMPLE_RATE }));
			try {
				const transcript = await transcribe(decoded.samples, vad, recogniser, resolved, (done, total) => {
						ctx.metrics.transcribeProgress.set({ request_id: req.id }, done / total);
						ctx.progress.update(req.id, { done, total, unit: 'chunks' });
					}, req.log, signal);
				ctx.metrics.audioSeconds.inc({ model: entry.id }, transcript.duration);
				warnings.push(...decoded.warnings);
				return { transcript, decodeMs, device: recogniser.provider, resolved };
			} finally {
				decoded.samples.close();
				ctx.metrics.transcribeProgress.remove({ request_id: req.id });
			}
		});
		const totalMs = Math.round(performance.now() - started);
		const { transcript } = result;
		if (options.format === 'srt') return void res.type('application/x-subrip').send(toSrt(transcript.segments));
		if (options.format === 'vtt') return void res.type('text/vtt').send(toVtt(transcript.segments));
		if (options.format === 'text') return void res.type('text/plain').send(transcript.text);
		res.json({
			text: transcript.text,
			language: transcript.language,
			duration: transcript.duration,
			segments: transcript.segments,
			model: entry.id,
			device: result.device,
			options: { ...result.resolved, wordTimestamps: false },
			timings: { decodeMs: result.decodeMs, ...transcript.timings, totalMs },
			realtimeFactor: totalMs > 0 ? Math.round((transcript.duration * 1000 * 10) / totalMs) / 10 : null,
			...(options.subtitles !== 'none' ? { subtitles: { format: options.subtitles, content: options.subtitles === 'srt' ? toSrt(transcript.segments) : toVtt(transcript.segments) } } : {}),
			warnings,
		});
	});
	return router;
}
