/**
 * Audio decoding with the system ffmpeg (through fluent-ffmpeg): anything ffmpeg reads, including
 * the audio track of a video, to 16 kHz mono float32. The upload goes to a private temp file (MP4
 * and MOV need a seekable input), ffmpeg may open only that file (no network protocols), and the
 * samples stream into one growing array instead of being buffered twice.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ffmpeg from 'fluent-ffmpeg';
import { problems } from '../http/problem';

export const SAMPLE_RATE = 16_000;

export interface DecodeOptions {
	ffmpegPath: string;
	maxSeconds: number;
}

/** Appends float32 little-endian bytes that may be split anywhere into a growing array. */
class SampleSink {
	private data = new Float32Array(SAMPLE_RATE * 30);
	length = 0;
	private carry = Buffer.alloc(0);

	push(chunk: Buffer): void {
		const bytes = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
		const whole = bytes.length - (bytes.length % 4);
		this.carry = Buffer.from(bytes.subarray(whole));
		const n = whole / 4;
		if (this.length + n > this.data.length) {
			const grown = new Float32Array(Math.max(this.data.length * 2, this.length + n));
			grown.set(this.data.subarray(0, this.length));
			this.data = grown;
		}
		for (let i = 0; i < n; i++) this.data[this.length + i] = bytes.readFloatLE(i * 4);
		this.length += n;
	}

	samples(): Float32Array {
		return this.data.slice(0, this.length);
	}
}

function decodeProblem(filename: string, stderr: string): Error {
	if (/does not contain any stream|Output file #0 does not contain|matches no streams|no audio/i.test(stderr)) {
		return problems.unprocessable('no-audio', 'No Audio Track', `${filename} has no audio track`);
	}
	const reason = stderr.split('\n').map((l) => l.trim()).filter((l) => /invalid|error|could not|not found|unknown/i.test(l)).pop() ?? 'ffmpeg could not decode it';
	return problems.unprocessable('corrupt-audio', 'Unreadable Audio', `${filename} cannot be decoded as audio (${reason.replace(/^\[[^\]]*\]\s*/, '').slice(0, 200)})`);
}

export async function decodeAudio(buffer: Buffer, filename: string, opts: DecodeOptions): Promise<Float32Array> {
	const file = path.join(os.tmpdir(), `sidecar-audio-${crypto.randomUUID()}`);
	await fs.promises.writeFile(file, buffer, { mode: 0o600 });
	const sink = new SampleSink();
	const limit = opts.maxSeconds * SAMPLE_RATE;
	try {
		await new Promise<void>((resolve, reject) => {
			let stderr = '';
			let tooLong = false;
			const cmd = ffmpeg(file)
				.setFfmpegPath(opts.ffmpegPath)
				.inputOptions(['-protocol_whitelist', 'file', '-nostdin'])
				.noVideo()
				.audioChannels(1)
				.audioFrequency(SAMPLE_RATE)
				.format('f32le')
				// One second past the limit tells "over the limit" apart from "exactly at it".
				.outputOptions(['-t', String(opts.maxSeconds + 1), '-map', '0:a:0'])
				.on('stderr', (line: string) => {
					if (stderr.length < 20_000) stderr += `${line}\n`;
				})
				.on('error', (err: Error) => {
					if (tooLong) return;
					if (/ENOENT/.test(err.message) && !stderr) reject(new Error(`ffmpeg not found at FFMPEG_PATH=${opts.ffmpegPath}`));
					else reject(decodeProblem(filename, stderr || err.message));
				})
				.on('end', () => resolve());
			const out = cmd.pipe();
			out.on('data', (chunk: Buffer) => {
				sink.push(chunk);
				if (sink.length > limit && !tooLong) {
					tooLong = true;
					cmd.kill('SIGKILL');
					reject(problems.unprocessable('audio-too-long', 'Audio Too Long', `${filename} is longer than MAX_AUDIO_SECONDS=${opts.maxSeconds}`));
				}
			});
		});
	} finally {
		await fs.promises.rm(file, { force: true });
	}
	return sink.samples();
}
