/**
 * The Whisper path end to end, with no Whisper weights (none can be downloaded here): a registry
 * entry in the Hugging Face layout whose files (a generated Whisper-shaped encoder and merged
 * KV-cache decoder, and the tokenizer ranks) are served by a local HTTP server, pinned by sha256,
 * pulled with `models pull`, then loaded on first use by POST /v1/transcribe next to the real
 * Silero VAD. The graph's script says "my fellow Americans" for any audible chunk, so the test
 * checks the wiring: chunks, batches, timeline, languages, formats, errors.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WhisperTokenizer } from '../../sidecar/src/asr/whisper/tokenizer';
import { DEFAULT_REGISTRY_PATH } from '../../sidecar/src/config/config';
import { pullModel } from '../../sidecar/src/models/pull';
import { loadRegistry, type ModelEntry, type Registry } from '../../sidecar/src/models/registry';
import { JFK } from '../helpers/audio';
import { multipart } from '../helpers/fixtures';
import { validatorOf } from '../helpers/openapi';
import { expectProblem } from '../helpers/problem';
import { startTestSidecar, type TestSidecar } from '../helpers/sidecar';
import { GRAPH_HEAD_DIM, GRAPH_HEADS, GRAPH_LAYERS, writeWhisperGraphs } from '../helpers/whisperGraph';

interface Transcript {
	text: string;
	language: string;
	segments: Array<{ start: number; end: number; text: string }>;
	model: string;
	device: string;
	options: Record<string, unknown>;
}

const TIKTOKEN = path.join(__dirname, '../fixtures/whisper-multilingual-subset.tiktoken');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'whisper-route-'));
const modelsDir = path.join(dir, 'models');
const registryFile = path.join(dir, 'registry.json');
let files: Record<'encoder' | 'decoder' | 'tokenizer', string>;
let server: http.Server;
let sidecar: TestSidecar;
let validate: (name: string, body: unknown) => string | null;
const jfk = fs.readFileSync(JFK);

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A registry entry shaped like the shipped whisper-base one, for the generated graphs. */
function whisperTestEntry(base: string): ModelEntry {
	const past = Array.from({ length: GRAPH_LAYERS }, (_, l) => ['decoder', 'encoder'].flatMap((part) => ['key', 'value'].map((kv) => `${l}.${part}.${kv}`))).flat();
	const url = (key: keyof typeof files) => `${base}/${path.basename(files[key])}`;
	return {
		id: 'whisper-test',
		task: 'asr',
		family: 'whisper',
		embedded: false,
		license: 'MIT',
		description: 'generated Whisper-shaped graphs served by the test',
		files: {
			encoder: { sha256: sha256(files.encoder), source: { url: url('encoder') } },
			decoder: { sha256: sha256(files.decoder), source: { url: url('decoder') } },
			tokenizer: { size: fs.statSync(files.tokenizer).size, sha256: sha256(files.tokenizer), source: { url: url('tokenizer') } },
		},
		sessions: {
			encoder: { file: 'encoder', inputs: [{ name: 'input_features', type: 'float32', shape: ['batch', 80, 3000] }], outputs: ['last_hidden_state'], warmup: { batch: 1 } },
			decoder: {
				file: 'decoder',
				inputs: [
					{ name: 'input_ids', type: 'int64', shape: ['batch', 'sequence'] },
					{ name: 'encoder_hidden_states', type: 'float32', shape: ['batch', 1500, 80] },
					...past.map((p) => ({ name: `past_key_values.${p}`, type: 'float32' as const, shape: ['batch', GRAPH_HEADS, 'past', GRAPH_HEAD_DIM] })),
					{ name: 'use_cache_branch', type: 'bool', shape: [1] },
				],
				outputs: ['logits', ...past.map((p) => `present.${p}`)],
				warmup: { batch: 1, sequence: 4, past: 0 },
			},
		},
		defaults: { sampleRate: 16000, nMels: 80, numLanguages: 99, maxTokens: 40, batchSize: 2 },
	};
}

beforeAll(async () => {
	const sp = new WhisperTokenizer(fs.readFileSync(TIKTOKEN, 'utf8')).special;
	const graphs = writeWhisperGraphs(fs.mkdtempSync(path.join(dir, 'graphs-')), sp, { merged: true, float16: false });
	files = { ...graphs, tokenizer: TIKTOKEN };
	server = http.createServer((req, res) => {
		const file = Object.values(files).find((f) => `/${path.basename(f)}` === req.url);
		if (!file) return void res.writeHead(404).end();
		res.writeHead(200, { 'content-length': fs.statSync(file).size });
		fs.createReadStream(file).pipe(res);
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const shipped = loadRegistry(DEFAULT_REGISTRY_PATH);
	const registry: Registry = { schemaVersion: 1, models: [...shipped.models.filter((m) => m.id === 'silero-vad'), whisperTestEntry(base)] };
	fs.writeFileSync(registryFile, JSON.stringify(registry));
	sidecar = await startTestSidecar({ MODELS_REGISTRY: registryFile, MODELS_DIR: modelsDir, PRELOAD_MODELS: 'silero-vad', MAX_AUDIO_SECONDS: '60' });
	validate = await validatorOf(sidecar.url);
});
afterAll(async () => {
	await sidecar?.close();
	server?.close();
});

const send = (fields: Record<string, string>, data = jfk) => fetch(`${sidecar.url}/v1/transcribe`, { method: 'POST', body: multipart([{ name: 'jfk.wav', data }], fields) });

describe('POST /v1/transcribe with a pulled Whisper model', () => {
	it('says how to pull a model that is not downloaded yet', async () => {
		await expectProblem(await send({ model: 'whisper-test' }), 503, 'model-not-downloaded', /gpu-inference-sidecar models pull whisper-test/);
	});

	it('pulls the pinned files, loads the model on first use and transcribes in batches on the recording’s timeline', async () => {
		const pulled = await pullModel(loadRegistry(registryFile), 'whisper-test', modelsDir);
		expect(pulled.map((f) => path.relative(modelsDir, f))).toEqual(['whisper-test/encoder_model.onnx', 'whisper-test/decoder_model_merged.onnx', 'whisper-test/whisper-multilingual-subset.tiktoken']);
		const res = await send({ model: 'whisper-test', maxChunkSeconds: '4' });
		const t = (await res.json()) as Transcript;
		expect(res.status, JSON.stringify(t)).toBe(200);
		expect(validate('Transcript', t)).toBeNull();
		expect(t).toMatchObject({ model: 'whisper-test', device: 'cpu', language: 'en' });
		// The model's defaults are echoed: Whisper's batch of 2 from the registry, the chunk size asked for.
		expect(t.options).toMatchObject({ model: 'whisper-test', batchSize: 2, maxChunkSeconds: 4, language: 'auto' });
		// 11 s of speech cut at pauses into chunks of at most 4 s: one segment per chunk, each starting
		// where its chunk starts and lasting the script's 1.5 s (the graph ignores what is said).
		expect(t.segments.length).toBeGreaterThanOrEqual(3);
		for (const [i, s] of t.segments.entries()) {
			expect(s.text).toBe('my fellow Americans');
			expect(s.end - s.start).toBeCloseTo(1.5, 5);
			if (i > 0) expect(s.start).toBeGreaterThanOrEqual(t.segments[i - 1]!.start + 1);
		}
		expect(t.segments[0]!.start).toBeLessThan(1);
		expect(t.text).toBe(t.segments.map((s) => s.text).join(' '));
		// Batch size 1 gives the same transcript.
		const one = (await (await send({ model: 'whisper-test', maxChunkSeconds: '4', batchSize: '1' })).json()) as Transcript;
		expect(one.segments).toEqual(t.segments);
		// So does a beam search (this graph leaves it nothing better to find), echoed in the options.
		const beams = (await (await send({ model: 'whisper-test', maxChunkSeconds: '4', beamSize: '3' })).json()) as Transcript;
		expect([beams.segments, beams.options.beamSize]).toEqual([t.segments, 3]);
	});

	it('forces a language and task, writes subtitles, and refuses a language Whisper does not have', async () => {
		const res = await send({ model: 'whisper-test', language: 'de', task: 'translate', format: 'srt' });
		expect(res.status).toBe(200);
		const srt = await res.text();
		expect(srt).toMatch(/^1\n00:00:0\d,\d{3} --> 00:00:0\d,\d{3}\nmy fellow Americans\n/);
		await expectProblem(await send({ model: 'whisper-test', language: 'xx' }), 422, 'unsupported-language', /99 languages/);
		await expectProblem(await send({ model: 'whisper-test', batchSize: '0' }), 400, 'bad-request', /batchSize must be an integer from 1 to 32/);
	});
});
