/** The Transcribe Audio node with a mocked IExecuteFunctions against the real sidecar and models. */
import fs from 'node:fs';
import { NodeApiError } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TranscribeAudio } from '../../nodes/TranscribeAudio/TranscribeAudio.node';
import { JFK, JFK_TEXT, wer } from '../helpers/audio';
import { binaryItem, executeContext, loadOptionsContext } from '../helpers/n8nContext';
import { startTestSidecar, TEST_API_KEY, type TestSidecar } from '../helpers/sidecar';

let sidecar: TestSidecar;
const node = new TranscribeAudio();
const jfk = fs.readFileSync(JFK);
const params = (extra: Record<string, unknown> = {}) => ({ binaryPropertyName: 'data', model: 'moonshine-tiny', language: 'auto', output: 'transcript', subtitles: 'none', options: {}, ...extra });

beforeAll(async () => {
	sidecar = await startTestSidecar({ API_KEY: TEST_API_KEY, PRELOAD_MODELS: 'moonshine-tiny,silero-vad' });
});
afterAll(async () => {
	await sidecar?.close();
});

describe('Transcribe Audio node', () => {
	const creds = () => ({ baseUrl: sidecar.url, apiKey: TEST_API_KEY });

	it('outputs one item per file with the transcript, and an SRT file when asked', async () => {
		const { ctx, requests } = executeContext({ params: params({ subtitles: 'srt' }), credentials: creds(), items: [binaryItem(jfk, 'jfk.wav', 'audio/wav')] });
		const [out] = await node.execute.call(ctx);
		expect(out).toHaveLength(1);
		const item = out![0]!;
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({ fileName: 'jfk.wav', language: 'en', model: 'moonshine-tiny', device: 'cpu' });
		expect(wer(item.json.text as string, JFK_TEXT)).toBeLessThanOrEqual(0.1);
		expect(item.binary?.subtitles).toMatchObject({ fileName: 'jfk.srt', mimeType: 'text/plain' });
		expect(Buffer.from(item.binary!.subtitles!.data, 'base64').toString()).toMatch(/^1\n00:00:0\d,\d{3} --> /);
		expect(requests[0]).toMatchObject({ method: 'POST', url: `${sidecar.url}/v1/transcribe` });
	});

	it('splits segments into items, each paired with its file', async () => {
		const { ctx } = executeContext({ params: params({ output: 'segments' }), credentials: creds(), items: [binaryItem(jfk, 'a.wav', 'audio/wav'), binaryItem(jfk, 'b.wav', 'audio/wav')] });
		const [out] = await node.execute.call(ctx);
		expect(out!.length).toBeGreaterThanOrEqual(2);
		expect(new Set(out!.map((o) => JSON.stringify(o.pairedItem)))).toEqual(new Set(['{"item":0}', '{"item":1}']));
		expect(out!.filter((o) => o.json.fileName === 'a.wav').map((o) => o.json.text).join(' ')).toMatch(/fellow Americans/);
		expect(out![0]!.json).toMatchObject({ index: 0, start: expect.any(Number), end: expect.any(Number) });
	});

	it('attaches the subtitles in the segment shape too, on each file\'s first segment item, as viewable text', async () => {
		const { ctx } = executeContext({ params: params({ output: 'segments', subtitles: 'srt' }), credentials: creds(), items: [binaryItem(jfk, 'talk.wav', 'audio/wav')] });
		const [out] = await node.execute.call(ctx);
		expect(out![0]!.binary?.subtitles).toMatchObject({ fileName: 'talk.srt', mimeType: 'text/plain' });
		expect(Buffer.from(out![0]!.binary!.subtitles!.data, 'base64').toString('utf8')).toMatch(/^1\n00:00:\d\d,\d{3} --> /);
		expect(out!.slice(1).every((o) => o.binary === undefined)).toBe(true);
	});

	it('offers the sidecar\'s speech models, marked when not downloaded, and the languages of the chosen one', async () => {
		const models = await node.methods.loadOptions.getSpeechModels.call(loadOptionsContext(creds()));
		expect(models.find((m) => m.value === 'moonshine-tiny')?.name).toBe('moonshine-tiny (English only)');
		const whisper = models.find((m) => m.value === 'whisper-base');
		expect(whisper?.name).toBe('whisper-base (99 languages, translates) — not downloaded');
		expect(whisper?.description).toMatch(/ask its operator to run "gpu-inference-sidecar models pull whisper-base"/);
		const moonshine = await node.methods.loadOptions.getModelLanguages.call(loadOptionsContext(creds(), { model: 'moonshine-tiny' }));
		expect(moonshine).toEqual([{ name: 'Auto (English)', value: 'auto' }, { name: 'English', value: 'en' }]);
		const many = await node.methods.loadOptions.getModelLanguages.call(loadOptionsContext(creds(), { model: 'whisper-base' }));
		expect(many).toHaveLength(100);
		expect(many).toContainEqual({ name: 'German', value: 'de' });
		expect(many).toContainEqual({ name: 'Swahili', value: 'sw' });
	});

	it('with Continue On Fail, a corrupt file becomes an error item and the others still come through', async () => {
		const items = [binaryItem(jfk, 'ok.wav', 'audio/wav'), binaryItem(Buffer.from('RIFF\0\0\0\0WAVEjunk-not-audio'), 'broken.wav', 'audio/wav'), binaryItem(jfk, 'ok2.wav', 'audio/wav')];
		const { ctx } = executeContext({ params: params(), credentials: creds(), items, continueOnFail: true });
		const [out] = await node.execute.call(ctx);
		expect(out!.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out![1]!.json.error).toMatch(/broken\.wav cannot be decoded as audio/);
		expect(out![1]!.json.httpCode).toBe('422');
		expect(wer(out![2]!.json.text as string, JFK_TEXT)).toBeLessThanOrEqual(0.1);
	});

	it('without it, stops with a NodeApiError naming the item', async () => {
		const items = [binaryItem(jfk, 'ok.wav', 'audio/wav'), binaryItem(Buffer.from('%PDF-1.4 not audio'), 'doc.mp3', 'audio/mpeg')];
		const { ctx } = executeContext({ params: params(), credentials: creds(), items });
		const err = (await node.execute.call(ctx).catch((e: unknown) => e)) as NodeApiError;
		expect(err).toBeInstanceOf(NodeApiError);
		expect(err.context.itemIndex).toBe(1);
		expect(err.httpCode).toBe('415');
	});
});
