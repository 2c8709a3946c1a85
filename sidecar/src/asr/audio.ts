/**
 * Audio decoding with ffmpeg (through fluent-ffmpeg): anything ffmpeg reads of the types the
 * sniffer recognises, including the audio track of a video, to 16 kHz mono float32.
 *
 * ffmpeg sees only media: the demuxer is forced from the type sniffed from the bytes (`-f`), only
 * that demuxer may run (`-format_whitelist`), and only the `file` protocol may open anything. So a
 * playlist (HLS, DASH), an `ffconcat` list or any other format that opens further files is never
 * parsed, whatever its first bytes pretend. The upload goes to a private temp file (MP4 and MOV
 * need a seekable input), and the samples stream into a second one (asr/samples.ts), so memory stays
 * bounded whatever the recording's length.
 */
import fs from 'node:fs';
import ffmpeg from 'fluent-ffmpeg';
import { DependencyError, InputError, JobCancelledError } from '../errors';
import type { InputFile } from '../media/file';
import { FileSamples } from './samples';

export const SAMPLE_RATE = 16_000;

/** The one ffmpeg demuxer each sniffed media type may use. */
export const DEMUXERS: Record<string, string> = {
	'audio/wav': 'wav',
	'audio/flac': 'flac',
	'audio/ogg': 'ogg',
	'audio/mpeg': 'mp3',
	'audio/aac': 'aac',
	'video/webm': 'matroska',
	'audio/mp4': 'mov',
	'video/mp4': 'mov',
	'video/quicktime': 'mov',
};

export interface DecodeOptions {
	ffmpegPath: string;
	maxSeconds: number;
	/** Where the upload is written for ffmpeg (the process's private temp folder). */
	tempFile: string;
	/** Where the decoded samples go (same folder); the result owns it and removes it on close(). */
	samplesFile: string;
	signal?: AbortSignal;
}

export interface DecodedAudio {
	samples: FileSamples;
	/** Damage ffmpeg decoded around (frames it dropped): the transcript may miss words there. */
	warnings: string[];
}

/** ffmpeg's stderr with the temp file's path replaced by the client's file name (no server paths in answers). */
function clean(line: string, tempFile: string, filename: string): string {
	return line.split(tempFile).join(filename).replace(/^\[[^\]]*\]\s*/, '').trim();
}

function decodeProblem(filename: string, stderr: string): Error {
	if (/does not contain any stream|Output file #0 does not contain|matches no streams|no audio/i.test(stderr)) {
		return new InputError('no-audio', 'No Audio Track', `${filename} has no audio track`);
	}
	const reason = stderr.split('\n').map((l) => l.trim()).filter((l) => /invalid|error|could not|not found|unknown/i.test(l)).pop() ?? 'ffmpeg could not decode it';
	return new InputError('corrupt-audio', 'Unreadable Audio', `${filename} cannot be decoded as audio (${reason.slice(0, 200)})`);
}

/** Lines where ffmpeg reports damaged data it skipped while still producing sound. */
const DAMAGE = /error while decoding|invalid data found|corrupt|decode_frame|frame sync error|invalid (?:frame|block|sync|residual)|header missing|overread|concealing|skipping/i;

export async function decodeAudio(file: InputFile, opts: DecodeOptions): Promise<DecodedAudio> {
	const demuxer = DEMUXERS[file.media.mediaType];
	if (!demuxer) throw new InputError('unsupported-audio', 'Unsupported Audio Type', `${file.filename} is ${file.media.mediaType}, which the decoder does not take`);
	if (opts.signal?.aborted) throw opts.signal.reason;
	await fs.promises.writeFile(opts.tempFile, file.buffer, { mode: 0o600 });
	const sink = fs.createWriteStream(opts.samplesFile, { mode: 0o600 });
	// After a stop (cancelled, too long) ffmpeg's last bytes may still arrive at the destroyed file: ignored.
	let sinkError: Error | undefined;
	sink.on('error', (err) => (sinkError ??= err));
	let written = 0;
	const limit = opts.maxSeconds * SAMPLE_RATE * 4;
	let stderr = '';
	try {
		await new Promise<void>((resolve, reject) => {
			let stoppedBy: Error | undefined;
			const tooLong = () => new InputError('audio-too-long', 'Audio Too Long', `${file.filename} is longer than MAX_AUDIO_SECONDS=${opts.maxSeconds}`);
			const cmd = ffmpeg(opts.tempFile)
				.setFfmpegPath(opts.ffmpegPath)
				.inputOptions(['-nostdin', '-protocol_whitelist', 'file', '-format_whitelist', demuxer, '-f', demuxer])
				.noVideo()
				.audioChannels(1)
				.audioFrequency(SAMPLE_RATE)
				.format('f32le')
				// One second past the limit tells "over the limit" apart from "exactly at it".
				.outputOptions(['-t', String(opts.maxSeconds + 1), '-map', '0:a:0'])
				.on('stderr', (line: string) => {
					if (stderr.length < 20_000) stderr += `${clean(line, opts.tempFile, file.filename)}\n`;
					// The container's own duration, when it states one, refuses a long recording before decoding it.
					const d = /^\s*Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)/.exec(line);
					if (d && Number(d[1]) * 3600 + Number(d[2]) * 60 + Number(d[3]) > opts.maxSeconds + 1) stop(tooLong());
				})
				.on('error', (err: Error) => {
					if (stoppedBy) return reject(stoppedBy);
					if (/ENOENT/.test(err.message) && !stderr) {
						return reject(new DependencyError('ffmpeg-missing', 'the audio decoder (ffmpeg) could not be started; its operator should check the sidecar\'s ffmpeg (see /v1/gpu-status)'));
					}
					// Killed by a signal nobody here sent (out of memory, an operator): not the file's fault.
					if (/killed with signal|SIG[A-Z]+/.test(err.message)) {
						return reject(new DependencyError('decoder-stopped', `the audio decoder stopped unexpectedly while reading ${file.filename} (${/SIG[A-Z]+/.exec(err.message)?.[0] ?? 'signal'}); try again`));
					}
					reject(decodeProblem(file.filename, stderr || clean(err.message, opts.tempFile, file.filename)));
				})
				.on('end', () => resolve());
			const stop = (err: Error) => {
				if (stoppedBy) return;
				stoppedBy = err;
				cmd.kill('SIGKILL');
				reject(err);
			};
			const onAbort = () => stop(opts.signal?.reason instanceof Error ? opts.signal.reason : new JobCancelledError('deadline'));
			opts.signal?.addEventListener('abort', onAbort, { once: true });
			const out = cmd.pipe();
			out.on('data', (chunk: Buffer) => {
				written += chunk.length;
				if (written > limit) stop(tooLong());
			});
			out.pipe(sink);
			out.on('close', () => opts.signal?.removeEventListener('abort', onAbort));
		});
		// Every byte on disk before the samples are read.
		if (!sink.writableFinished) await new Promise<void>((resolve, reject) => sink.once('finish', resolve).once('error', reject));
		if (sinkError) throw sinkError;
	} catch (err) {
		sink.destroy();
		await fs.promises.rm(opts.samplesFile, { force: true });
		throw err;
	} finally {
		await fs.promises.rm(opts.tempFile, { force: true });
	}
	const damaged = stderr.split('\n').filter((l) => DAMAGE.test(l));
	const warnings =
		damaged.length > 0
			? [`${file.filename} is damaged in places: the decoder skipped unreadable data ${damaged.length} time${damaged.length === 1 ? '' : 's'} (e.g. "${damaged[0]!.slice(0, 120)}"); words may be missing there`]
			: [];
	return { samples: new FileSamples(opts.samplesFile), warnings };
}
