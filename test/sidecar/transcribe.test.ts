/**
 * POST /v1/transcribe with the embedded Moonshine tiny + Silero VAD models, on a public-domain
 * recording and on audio/video the test makes with ffmpeg and espeak-ng.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convert, ffmpeg, JFK, JFK_TEXT, quietNoise, speak, tmpFile, wer } from '../helpers/audio';
import { multipart, pdfWithPages } from '../helpers/fixtures';
import { validatorOf } from '../helpers/openapi';
import { expectProblem } from '../helpers/problem';
import { startTestSidecar, type TestSidecar } from '../helpers/sidecar';

interface Transcript {
	text: string;
	language: string;
	duration: number;
	segments: Array<{ start: number; end: number; text: string }>;
	realtimeFactor: number;
	warnings: string[];
	device: string;
}

let sidecar: TestSidecar;
let validate: (name: string, body: unknown) => string | null;
const jfk = fs.readFileSync(JFK);

beforeAll(async () => {
	sidecar = await startTestSidecar({ PRELOAD_MODELS: 'moonshine-tiny,silero-vad', MAX_AUDIO_SECONDS: '60', MAX_UPLOAD_MB: '5' });
	validate = await validatorOf(sidecar.url);
});
afterAll(async () => {
	await sidecar?.close();
});

const send = (name: string, data: Buffer, fields: Record<string, string> = {}) =>
	fetch(`${sidecar.url}/v1/transcribe`, { method: 'POST', body: multipart([{ name, data }], fields) });

async function transcript(name: string, data: Buffer, fields: Record<string, string> = {}): Promise<Transcript> {
	const res = await send(name, data, fields);
	const body = (await res.json()) as Transcript;
	expect(res.status, JSON.stringify(body)).toBe(200);
	expect(validate('Transcript', body)).toBeNull();
	return body;
}


describe('POST /v1/transcribe', () => {
	it('transcribes the JFK clip with WER ≤ 10 %, timed within the recording', async () => {
		const t = await transcript('jfk.wav', jfk);
		expect(wer(t.text, JFK_TEXT)).toBeLessThanOrEqual(0.1);
		expect(t).toMatchObject({ language: 'en', device: 'cpu' });
		expect(t.duration).toBeCloseTo(11, 0);
		expect(t.segments.length).toBeGreaterThan(0);
		for (const s of t.segments) {
			expect(s.start).toBeGreaterThanOrEqual(0);
			expect(s.end).toBeLessThanOrEqual(t.duration);
			expect(s.end).toBeGreaterThan(s.start);
		}
		expect(t.realtimeFactor).toBeGreaterThan(1);
	});

	it('puts speech after silence at its place on the original timeline, and silence yields no words', async () => {
		const padded = tmpFile('wav');
		ffmpeg(['-f', 'lavfi', '-i', 'anoisesrc=color=pink:amplitude=0.002:sample_rate=16000:duration=6', '-i', JFK, '-filter_complex', '[0:a][1:a]concat=n=2:v=0:a=1', '-ac', '1', padded]);
		const t = await transcript('padded.wav', fs.readFileSync(padded));
		expect(t.segments[0]!.start).toBeGreaterThanOrEqual(5.5);
		expect(wer(t.text, JFK_TEXT)).toBeLessThanOrEqual(0.1);
		const quiet = await transcript('quiet.wav', quietNoise(8));
		expect(quiet.text).toBe('');
		expect(quiet.segments).toEqual([]);
	});

	it('reads synthetic speech (espeak-ng)', async () => {
		const t = await transcript('tts.wav', speak('The invoice total is four hundred and twenty dollars, due next Friday.'));
		expect(t.text.toLowerCase()).toMatch(/invoice/);
		expect(t.text.toLowerCase()).toMatch(/friday/);
	});

	it('decodes every common container and the audio track of a video', async () => {
		const inputs: Array<[string, Buffer]> = [
			['jfk.mp3', convert(JFK, 'mp3')],
			['jfk.m4a', convert(JFK, 'm4a', ['-c:a', 'aac'])],
			['jfk.ogg', convert(JFK, 'ogg', ['-c:a', 'libopus'])],
			['jfk.flac', convert(JFK, 'flac')],
			['jfk.webm', convert(JFK, 'webm', ['-c:a', 'libopus'])],
		];
		const video = tmpFile('mp4');
		ffmpeg(['-f', 'lavfi', '-i', 'color=c=black:s=160x120:d=11', '-i', JFK, '-shortest', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac', video]);
		inputs.push(['clip.mp4', fs.readFileSync(video)]);
		for (const [name, data] of inputs) {
			const t = await transcript(name, data);
			expect(wer(t.text, JFK_TEXT), name).toBeLessThanOrEqual(0.15);
		}
	});

	it('answers text, SRT and WebVTT', async () => {
		const text = await send('jfk.wav', jfk, { format: 'text' });
		expect(text.headers.get('content-type')).toMatch(/^text\/plain/);
		expect(wer(await text.text(), JFK_TEXT)).toBeLessThanOrEqual(0.1);
		const srt = await send('jfk.wav', jfk, { format: 'srt' });
		expect(srt.headers.get('content-type')).toMatch(/^application\/x-subrip/);
		expect(await srt.text()).toMatch(/^1\n\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}\n\S.*\n/);
		const vtt = await send('jfk.wav', jfk, { format: 'vtt' });
		expect(vtt.headers.get('content-type')).toMatch(/^text\/vtt/);
		expect(await vtt.text()).toMatch(/^WEBVTT\n\n\d\d:\d\d:\d\d\.\d{3} --> /);
	});

	it('says what the model cannot do', async () => {
		await expectProblem(await send('jfk.wav', jfk, { model: 'nope' }), 400, 'bad-request', /model must be one of the registry's speech models: moonshine-tiny/);
		await expectProblem(await send('jfk.wav', jfk, { language: 'de' }), 422, 'unsupported-language', /moonshine-tiny transcribes en only/);
		await expectProblem(await send('jfk.wav', jfk, { task: 'translate' }), 422, 'unsupported-task', /use a Whisper model/);
		await expectProblem(await send('jfk.wav', jfk, { format: 'docx' }), 400, 'bad-request', /format must be one of json, text, srt, vtt/);
		const words = await transcript('jfk.wav', jfk, { wordTimestamps: 'true' });
		expect(words.warnings).toEqual(['moonshine-tiny gives segment timestamps only; wordTimestamps was ignored']);
	});
});

describe('POST /v1/transcribe bad input', () => {
	it('refuses or answers empty for each, and keeps serving', async () => {
		await expectProblem(await send('zero.mp3', Buffer.alloc(0)), 422, 'empty-file');
		await expectProblem(await send('doc.mp3', pdfWithPages(1)), 415, 'unsupported-media-type', /doc\.mp3 is application\/pdf/);
		const mp3 = convert(JFK, 'mp3');
		const cut = await send('cut.mp3', mp3.subarray(0, 1500));
		// a few frames survive the cut: either a short transcript or a clear 422, never a crash
		expect([200, 422]).toContain(cut.status);
		const tiny = tmpFile('wav');
		ffmpeg(['-i', JFK, '-t', '0.1', tiny]);
		const short = await transcript('tiny.wav', fs.readFileSync(tiny));
		expect(short.segments).toEqual([]);
		const mute = tmpFile('mp4');
		ffmpeg(['-f', 'lavfi', '-i', 'color=c=black:s=160x120:d=2', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', mute]);
		await expectProblem(await send('mute.mp4', fs.readFileSync(mute)), 422, 'no-audio', /mute\.mp4 has no audio track/);
		const long = tmpFile('mp3');
		ffmpeg(['-f', 'lavfi', '-i', 'anoisesrc=amplitude=0.002:sample_rate=16000:duration=70', '-ac', '1', '-b:a', '16k', long]);
		await expectProblem(await send('long.mp3', fs.readFileSync(long)), 422, 'audio-too-long', /MAX_AUDIO_SECONDS=60/);
		const big = Buffer.concat([Buffer.from('RIFF\0\0\0\0WAVEfmt '), Buffer.alloc(6 * 1024 * 1024)]);
		await expectProblem(await send('big.wav', big), 413, 'payload-too-large');
		expect((await fetch(`${sidecar.url}/healthz`)).status).toBe(200);
		expect(wer((await transcript('jfk.wav', jfk)).text, JFK_TEXT)).toBeLessThanOrEqual(0.1);
	});
});
