/** Audio fixtures made at test time with the system's ffmpeg and espeak-ng. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const JFK = path.join(__dirname, '../fixtures/jfk.wav');
export const JFK_TEXT = 'And so my fellow Americans, ask not what your country can do for you, ask what you can do for your country.';

/** One folder per process for the files made here, removed when the process exits (benches use these helpers too). */
let root: string | undefined;
function tmpRoot(): string {
	if (root === undefined) {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asr-'));
		process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
		root = dir;
	}
	return root;
}

export function tmpFile(ext: string): string {
	return path.join(fs.mkdtempSync(path.join(tmpRoot(), 'f-')), `f.${ext}`);
}

export function ffmpeg(args: string[]): void {
	execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Re-encodes a file to another container/codec; extra args go before the output name. */
export function convert(input: string, ext: string, extra: string[] = []): Buffer {
	const out = tmpFile(ext);
	ffmpeg(['-i', input, ...extra, out]);
	return fs.readFileSync(out);
}

/** Speech from espeak-ng (US English), as WAV bytes. */
export function speak(text: string, speed = 140): Buffer {
	const out = tmpFile('wav');
	execFileSync('espeak-ng', ['-v', 'en-us', '-s', String(speed), '-w', out, text]);
	return fs.readFileSync(out);
}

/** Low-level noise (not digital zero): what a quiet room or a muted line records. */
export function quietNoise(seconds: number, ext = 'wav'): Buffer {
	const out = tmpFile(ext);
	ffmpeg(['-f', 'lavfi', '-i', `anoisesrc=color=pink:amplitude=0.002:sample_rate=16000:duration=${seconds}`, '-ac', '1', out]);
	return fs.readFileSync(out);
}

/** Word error rate after lower-casing and removing punctuation. */
export function wer(hyp: string, ref: string): number {
	const words = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}\s']/gu, ' ').split(/\s+/).filter(Boolean);
	const h = words(hyp);
	const r = words(ref);
	let prev = Array.from({ length: h.length + 1 }, (_, j) => j);
	for (let i = 1; i <= r.length; i++) {
		const cur = [i];
		for (let j = 1; j <= h.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (r[i - 1] === h[j - 1] ? 0 : 1));
		prev = cur;
	}
	return r.length ? prev[h.length]! / r.length : h.length ? 1 : 0;
}
