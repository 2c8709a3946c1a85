/**
 * ffmpeg on a machine without one: the sidecar falls back to the build that npm installed with it
 * (@ffmpeg-installer), says which on /readyz, and without any ffmpeg answers 503 naming the fix.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JFK } from '../helpers/audio';
import { startCliSidecar, type CliSidecar } from '../helpers/cliSidecar';

let sidecar: CliSidecar | undefined;
afterEach(async () => {
	await sidecar?.stop();
	sidecar = undefined;
});

/** A PATH with node but no ffmpeg: a folder holding only a link to this node binary. */
function pathWithoutFfmpeg(): string {
	const dir = fs.mkdtempSync(path.join(fs.realpathSync('/tmp'), 'no-ffmpeg-'));
	fs.symlinkSync(process.execPath, path.join(dir, 'node'));
	return dir;
}

async function transcribe(url: string) {
	const form = new FormData();
	form.append('file', new Blob([new Uint8Array(fs.readFileSync(JFK))]), 'jfk.wav');
	const res = await fetch(`${url}/v1/transcribe`, { method: 'POST', body: form });
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('ffmpeg', () => {
	it('without a system ffmpeg, transcribes with the npm build and reports it on /readyz', async () => {
		sidecar = await startCliSidecar({ PATH: pathWithoutFfmpeg(), PRELOAD_MODELS: 'moonshine-tiny,silero-vad' });
		const ready = (await (await fetch(`${sidecar.url}/readyz`)).json()) as { ffmpeg: { available: boolean; source: string; version: string } };
		expect(ready.ffmpeg).toMatchObject({ available: true, source: 'npm' });
		expect(ready.ffmpeg.version).toMatch(/\S/);
		const r = await transcribe(sidecar.url);
		expect(r.status).toBe(200);
		expect(String(r.body.text)).toMatch(/ask not what your country/i);
	}, 120_000);

	it('prefers the system ffmpeg when there is one', async () => {
		sidecar = await startCliSidecar({ PRELOAD_MODELS: 'silero-vad' });
		const ready = (await (await fetch(`${sidecar.url}/readyz`)).json()) as { ffmpeg: { source: string } };
		expect(ready.ffmpeg.source).toBe('system');
	}, 120_000);

	it('with no ffmpeg at all, answers 503 naming the fix, never 500', async () => {
		sidecar = await startCliSidecar({ FFMPEG_PATH: '/nonexistent/ffmpeg', PRELOAD_MODELS: 'moonshine-tiny,silero-vad' });
		const ready = (await (await fetch(`${sidecar.url}/readyz`)).json()) as { ready: boolean; ffmpeg: { available: boolean; source: string } };
		expect(ready).toMatchObject({ ready: true, ffmpeg: { available: false, source: 'missing' } });
		const r = await transcribe(sidecar.url);
		expect(r.status).toBe(503);
		expect(r.body.type).toBe('urn:gpu-inference:problem:ffmpeg-missing');
		expect(String(r.body.detail)).toMatch(/install ffmpeg/);
		expect(String(r.body.detail)).not.toContain('/nonexistent');
	}, 120_000);
});
