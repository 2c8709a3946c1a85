/** POST /v1/transcribe: text, timed segments, or SRT/VTT from audio or video. The work is services/transcribeFile.ts. */
import { Router } from 'express';
import { toSrt, toVtt } from '../asr/subtitles';
import type { SidecarContext } from '../context';
import { parseTranscribeOptions } from '../http/requestOptions';
import { uploadFiles } from '../http/upload';
import { workDeadlineMs } from '../queue/budget';
import { speechModelFor, transcribeFile, transcriptAnswer } from '../services/transcribeFile';
import { runJob } from './job';
import { uploadLimits } from './limits';

export function transcribeRoutes(ctx: SidecarContext): Router {
	const router = Router();
	router.post('/transcribe', ...uploadFiles({ ...uploadLimits(ctx), accept: ['audio', 'video'], maxFiles: 1 }), async (req, res) => {
		const options = parseTranscribeOptions((req.body ?? {}) as Record<string, unknown>);
		const { entry, warnings } = speechModelFor(ctx.registry, options);
		const started = performance.now();
		const deps = { engines: ctx.engines, ffmpegPath: ctx.ffmpeg.path, maxAudioSeconds: ctx.config.maxAudioSeconds, tempFile: (name: string) => ctx.temp.file(name) };
		const outcome = await runJob(ctx, req, res, async (signal, control) => {
			try {
				const done = await transcribeFile(deps, req.uploads![0]!, options, entry, {
					signal,
					log: req.log,
					// The recording's length is known once decoded: its deadline grows with it (queue/budget.ts).
					audioKnown: (audioSeconds, provider) => control.extendDeadline(workDeadlineMs(ctx.config.requestTimeoutMs, provider, { audioSeconds })),
					progress: (n, total) => {
						ctx.metrics.transcribeProgress.set({ request_id: req.id }, n / total);
						ctx.progress.update(req.id, { done: n, total, unit: 'chunks' });
					},
				});
				ctx.metrics.audioSeconds.inc({ model: entry.id }, done.transcript.duration);
				return done;
			} finally {
				ctx.metrics.transcribeProgress.remove({ request_id: req.id });
			}
		});
		const { segments, text } = outcome.transcript;
		if (options.format === 'srt') return void res.type('application/x-subrip').send(toSrt(segments));
		if (options.format === 'vtt') return void res.type('text/vtt').send(toVtt(segments));
		if (options.format === 'text') return void res.type('text/plain').send(text);
		res.json(transcriptAnswer(entry, outcome, warnings, Math.round(performance.now() - started)));
	});
	return router;
}
