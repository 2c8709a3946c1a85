/**
 * Long recordings through the Transcribe Audio node with its default settings, against a real
 * sidecar process on CPU (issue 24's acceptance):
 *   node --import tsx bench/long-audio.ts ../shared/data [--minutes 60] [--silent-hours 4]
 * - a recording of about `--minutes` of speech as MP3, made of the LibriSpeech and JFK clips in
 *   speech/manifest.tsv repeated in turn (their transcripts give the words to expect): time,
 *   real-time factor, WER, and the sidecar's peak RSS;
 * - `--silent-hours` of near-silence (pink noise at -54 dBFS, 8 kHz MP3): it must finish with the
 *   sidecar's peak RSS under 1 GB.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TranscribeAudio } from '../nodes/TranscribeAudio/TranscribeAudio.node.js';
import { wer } from '../test/helpers/audio';
import { startCliSidecar } from '../test/helpers/cliSidecar';
import { binaryItem, executeContext } from '../test/helpers/n8nContext';
import { numberArg } from './peers/args';

const root = process.argv[2];
if (!root || root.startsWith('--')) {
	console.error('usage: node --import tsx bench/long-audio.ts <data-root> [--minutes 60] [--silent-hours 4]');
	process.exit(2);
}
const minutes = numberArg('minutes', 60);
const silentHours = numberArg('silent-hours', 4);
const ff = (args: string[]) => execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
const normalise = (s: string) => s.toLowerCase().replace(/\bmr\./g, 'mister').replace(/-/g, ' ');

async function transcribeWithNode(url: string, file: string) {
	const { ctx } = executeContext({
		params: { binaryPropertyName: 'data', model: 'moonshine-tiny', language: 'auto', output: 'transcript', subtitles: 'none', options: {} },
		credentials: { baseUrl: url },
		items: [binaryItem(fs.readFileSync(file), path.basename(file), 'audio/mpeg')],
	});
	const t = performance.now();
	const [out] = await new TranscribeAudio().execute.call(ctx);
	return { json: out![0]!.json as { text: string; duration: number; error?: string }, seconds: (performance.now() - t) / 1000 };
}

async function main(): Promise<void> {
	const speech = path.resolve(root, 'speech');
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'long-audio-'));
	const manifest = fs
		.readFileSync(path.join(speech, 'manifest.tsv'), 'utf8')
		.trim()
		.split('\n')
		.map((l) => l.split('\t'))
		.filter((c) => c.length >= 2 && !c[0]!.startsWith('path'));
	// One round of every clip with a second of silence after each, then that round repeated.
	const round = path.join(tmp, 'round.wav');
	const list = path.join(tmp, 'list.txt');
	const pieces: string[] = [];
	for (const [i, [rel]] of manifest.entries()) {
		const wav = path.join(tmp, `clip${i}.wav`);
		ff(['-i', path.join(speech, rel!), '-af', 'apad=pad_dur=1', '-ar', '16000', '-ac', '1', wav]);
		pieces.push(`file '${wav}'`);
	}
	fs.writeFileSync(list, pieces.join('\n'));
	ff(['-f', 'concat', '-safe', '0', '-i', list, round]);
	const roundSeconds = Number(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', round]).toString());
	const repeats = Math.max(1, Math.round((minutes * 60) / roundSeconds));
	const long = path.join(tmp, 'meeting.mp3');
	ff(['-stream_loop', String(repeats - 1), '-i', round, '-b:a', '48k', long]);
	const reference = Array.from({ length: repeats }, () => manifest.map((c) => c[1]).join(' ')).join(' ');
	const silent = path.join(tmp, 'silence.mp3');
	ff(['-f', 'lavfi', '-i', `anoisesrc=color=pink:amplitude=0.002:sample_rate=8000`, '-t', String(silentHours * 3600), '-ac', '1', '-b:a', '8k', silent]);
	console.log(`speech: ${repeats} rounds of ${manifest.length} clips = ${((repeats * roundSeconds) / 60).toFixed(1)} min (${(fs.statSync(long).size / 1e6).toFixed(1)} MB mp3); silence: ${silentHours} h (${(fs.statSync(silent).size / 1e6).toFixed(1)} MB mp3)`);

	const sidecar = await startCliSidecar({ PRELOAD_MODELS: 'moonshine-tiny,silero-vad', LOG_LEVEL: 'warn', TMPDIR: tmp });
	const base = sidecar.memory();
	const a = await transcribeWithNode(sidecar.url, long);
	const afterSpeech = sidecar.memory();
	if (a.json.error) throw new Error(`speech: ${a.json.error}`);
	const w = wer(normalise(a.json.text), normalise(reference));
	console.log(`speech ${(a.json.duration / 60).toFixed(1)} min: ${a.seconds.toFixed(1)} s through the node, real-time factor ${(a.json.duration / a.seconds).toFixed(1)}×, WER ${(w * 100).toFixed(2)} %, sidecar RSS ${base.rssMiB} → peak ${afterSpeech.peakMiB} MiB`);
	const b = await transcribeWithNode(sidecar.url, silent);
	const afterSilence = sidecar.memory();
	if (b.json.error) throw new Error(`silence: ${b.json.error}`);
	console.log(`near-silence ${(b.json.duration / 3600).toFixed(2)} h: ${b.seconds.toFixed(1)} s, ${b.json.text.split(/\s+/).filter(Boolean).length} words, sidecar peak RSS ${afterSilence.peakMiB} MiB (${afterSilence.peakMiB < 1024 ? 'under' : 'OVER'} 1 GB)`);
	await sidecar.stop();
	fs.rmSync(tmp, { recursive: true, force: true });
	if (afterSilence.peakMiB >= 1024) process.exit(1);
}

void main();
