/**
 * Transcription accuracy and speed with the embedded model, through the sidecar as deployed:
 *   node --import tsx bench/asr.ts ../shared/data [--soak 100]
 * - WER (lower-cased, punctuation removed) on speech/manifest.tsv (LibriSpeech test-clean + JFK)
 * - real-time factor on a 5-minute recording made from those clips
 * - 1 hour of near-silence (pink noise at -54 dBFS, not digital zero)
 * - sidecar RSS over repeated requests
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { wer } from '../test/helpers/audio';

const root = process.argv[2];
if (!root) {
	console.error('usage: node --import tsx bench/asr.ts <data-root> [--soak 100]');
	process.exit(2);
}
const soakArg = process.argv.indexOf('--soak');
const soak = soakArg > 0 ? Number(process.argv[soakArg + 1]) : 100;
const speech = path.resolve(root, 'speech');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'asr-bench-'));

function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const srv = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
	});
}
const ff = (args: string[]) => execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function main(): Promise<void> {
	const port = await freePort();
	const child = spawn(process.execPath, ['sidecar/dist/cli.js', 'serve'], { env: { ...process.env, PORT: String(port), DEVICE: 'cpu', PRELOAD_MODELS: 'moonshine-tiny,silero-vad', LOG_LEVEL: 'error', MAX_UPLOAD_MB: '200', MAX_REQUEST_MB: '200' }, stdio: ['ignore', 'ignore', 'inherit'] });
	const url = `http://127.0.0.1:${port}`;
	for (let k = 0; k < 240 && !(await fetch(`${url}/readyz`).then((r) => r.ok, () => false)); k++) await new Promise((r) => setTimeout(r, 250));
	const send = async (file: string) => {
		const form = new FormData();
		form.append('file', new Blob([new Uint8Array(fs.readFileSync(file))]), path.basename(file));
		const t = performance.now();
		const res = await fetch(`${url}/v1/transcribe`, { method: 'POST', body: form });
		const body = (await res.json()) as { text: string; duration: number; segments: unknown[]; realtimeFactor: number };
		if (!res.ok) throw new Error(`${file}: ${JSON.stringify(body)}`);
		return { ...body, wallMs: performance.now() - t };
	};

	// 1. WER
	const rows = fs.readFileSync(path.join(speech, 'manifest.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
	let errors = 0;
	let words = 0;
	for (const [rel, ref] of rows) {
		if (!rel || !ref || rel.endsWith('jfk.flac')) continue; // jfk.wav is the same recording
		const r = await send(path.join(speech, rel));
		const n = ref.split(/\s+/).length;
		errors += wer(r.text, ref) * n;
		words += n;
	}
	console.log(`WER on ${speech}: ${((errors / words) * 100).toFixed(2)}% over ${words} words (${rows.length - 1} clips)`);

	// 2. Five minutes of speech
	// The concat demuxer wants one codec: every clip to 16 kHz mono PCM first.
	const clips = rows
		.map(([rel]) => path.join(speech, rel!))
		.filter((f) => !f.endsWith('jfk.flac'))
		.map((f, k) => {
			const out = path.join(tmp, `clip${k}.wav`);
			ff(['-i', f, '-ar', '16000', '-ac', '1', '-c:a', 'pcm_s16le', out]);
			return out;
		});
	const list = path.join(tmp, 'list.txt');
	const lines: string[] = [];
	while (lines.length < 60) for (const c of clips) lines.push(`file '${c}'`);
	fs.writeFileSync(list, lines.join('\n'));
	const five = path.join(tmp, 'five.flac');
	ff(['-f', 'concat', '-safe', '0', '-i', list, '-t', '300', '-ar', '16000', '-ac', '1', five]);
	const r5 = await send(five);
	console.log(`5-minute recording: ${r5.duration.toFixed(0)} s of audio in ${(r5.wallMs / 1000).toFixed(1)} s → ${(r5.duration / (r5.wallMs / 1000)).toFixed(1)}× faster than real time (goal ≥ 20×), ${r5.segments.length} segments`);

	// 3. An hour of near-silence
	const hour = path.join(tmp, 'hour.mp3');
	ff(['-f', 'lavfi', '-i', 'anoisesrc=color=pink:amplitude=0.002:sample_rate=16000:duration=3600', '-ac', '1', '-b:a', '16k', hour]);
	const rh = await send(hour);
	console.log(`1 hour of near-silence: ${(rh.wallMs / 1000).toFixed(1)} s (goal < 60 s), ${rh.segments.length} segments, text ${JSON.stringify(rh.text.slice(0, 60))}`);

	// 4. Memory over repeated requests
	const jfk = path.join(speech, 'jfk', 'jfk.wav');
	const samples: number[] = [];
	for (let n = 1; n <= soak; n++) {
		await send(jfk);
		if (n % 10 === 0) samples.push(rssMiB(child.pid!));
	}
	const warm = samples[0]!;
	console.log(`RSS over ${soak} requests: ${samples.map((s) => s.toFixed(0)).join(', ')} MiB (range ${(((Math.max(...samples) - Math.min(...samples)) / warm) * 100).toFixed(1)} % of the first sample)`);
	child.kill('SIGTERM');
	fs.rmSync(tmp, { recursive: true, force: true });
}

void main();
