/** The registry is data: these checks hold it to the files that really ship with the sidecar. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_REGISTRY_PATH } from '../../sidecar/src/config/config';
import { isNpmSource, loadRegistry, modelFilePath, validateRegistry, VENDOR_DIR } from '../../sidecar/src/models/registry';
import { checkModelFile } from '../../sidecar/src/models/verify';
import { warmupFeeds } from '../../sidecar/src/runtime/modelPool';
import { REGISTRY_SCHEMA_PATH, registrySchemaText } from '../../scripts/registry-schema';

const registry = loadRegistry(DEFAULT_REGISTRY_PATH);

describe('model registry', () => {
	it('holds the three embedded models', () => {
		expect(registry.models.filter((m) => m.embedded).map((m) => m.id)).toEqual(['pp-ocrv4', 'moonshine-tiny', 'silero-vad']);
	});

	it('pins every embedded file by size and sha256, and the installed files match', async () => {
		for (const m of registry.models.filter((x) => x.embedded)) {
			for (const [key, pin] of Object.entries(m.files)) {
				expect(isNpmSource(pin.source), `${m.id}.${key}`).toBe(true);
				const file = modelFilePath(m, key, '/nonexistent');
				expect(await checkModelFile(file, pin), `${m.id}.${key}`).toBeNull();
			}
		}
	});

	it('pins npm package versions that match the sidecar dependencies, or are vendored from its devDependencies', () => {
		const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../sidecar/package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
		for (const m of registry.models) {
			for (const f of Object.values(m.files)) {
				if (!isNpmSource(f.source)) continue;
				expect(pkg.dependencies[f.source.npm] ?? pkg.devDependencies[f.source.npm], f.source.npm).toBe(f.source.version);
				// A package the published sidecar does not depend on ships its files in vendor/ (npm run build).
				if (!pkg.dependencies[f.source.npm]) expect(fs.existsSync(path.join(VENDOR_DIR, f.source.npm, f.source.path)), `${f.source.npm}/${f.source.path} vendored`).toBe(true);
			}
		}
	});

	it('detects a changed file', async () => {
		const m = registry.models[0]!;
		const [key, pin] = Object.entries(m.files)[0]!;
		const problem = await checkModelFile(modelFilePath(m, key, '/x'), { ...pin, sha256: 'f'.repeat(64) });
		expect(problem).toMatch(/sha256 mismatch/);
		expect(await checkModelFile('/no/such/file', pin)).toMatch(/^missing/);
	});

	it('validation reports every structural problem, named by model id and path', () => {
		expect(validateRegistry({})).toEqual(['registry must be an object with schemaVersion 1 and a models array']);
		const base = { embedded: false, license: 'MIT', description: '' };
		const silero = { family: 'silero', task: 'vad', defaults: { sampleRate: 16000, windowSamples: 512, contextSamples: 64, threshold: 0.5 } };
		const problems = validateRegistry({
			schemaVersion: 1,
			models: [
				{ ...base, ...silero, id: 'a', files: { f: { size: 1, sha256: 'xyz', source: { url: 'ftp://x' } } }, sessions: { s: { file: 'g', inputs: [], outputs: [], warmup: {} } } },
				{ ...base, ...silero, id: 'a', task: 'tts', files: {}, sessions: {} },
				{ ...base, ...silero, id: 'c', files: { f: { size: 1, sha256: 'a'.repeat(64), source: { url: 'https://x/f' } } }, sessions: { s: { file: 'f', inputs: [{ name: 'x', type: 'float32', shape: ['n'] }], outputs: [], warmup: {}, rewrites: ['hard-swish', 'fuse-everything'] } } },
				{ ...base, id: 'd', family: 'whisper', task: 'asr', files: {}, sessions: {}, defaults: { nMels: 81 } },
				{ ...base, id: 'e', family: 'tesseract', task: 'ocr', files: {}, sessions: {}, defaults: {} },
			],
		}).join('\n');
		expect(problems).toMatch(/^a\.files\.f\.sha256: needs a 64-hex sha256$/m);
		expect(problems).toMatch(/^a\.files\.f\.source\.url: must be an http\(s\) URL$/m);
		expect(problems).toMatch(/^a\.task: /m);
		expect(problems).toMatch(/^c\.sessions\.s\.rewrites\.1: rewrites must be a list of hard-swish, affine-into-conv, affine-as-conv, ctc-summary$/m);
		// Each family's defaults are checked: Whisper's mel bins are 80 or 128, and none may be left out.
		expect(problems).toMatch(/^d\.defaults\.nMels: /m);
		expect(problems).toMatch(/^d\.defaults\.batchSize: /m);
		expect(problems).toMatch(/^e\.family: family must be one of pp-ocr, moonshine, silero, whisper/m);
		// Cross-references are checked once the shapes are right (zod runs refinements on valid data).
		const cross = validateRegistry({
			schemaVersion: 1,
			models: [
				{ ...base, ...silero, id: 'a', files: { f: { size: 1, sha256: 'a'.repeat(64), source: { url: 'https://x/f' } } }, sessions: { s: { file: 'g', inputs: [{ name: 'x', type: 'float32', shape: ['n'] }], outputs: [], warmup: {} } } },
				{ ...base, ...silero, id: 'a', files: {}, sessions: {} },
				{ ...base, ...silero, id: 'b', files: { f: { sha256: 'a'.repeat(64), source: { npm: 'x', version: '1.0.0', path: 'f.onnx' } } }, sessions: {} },
			],
		}).join('\n');
		expect(cross).toMatch(/^b\.files\.f: an npm file needs its size$/m);
		expect(cross).toMatch(/^a\.sessions\.s\.file: file must name one of the model's files$/m);
		expect(cross).toMatch(/^a\.sessions\.s\.inputs\.x: warmup has no value for dimension "n"$/m);
		expect(cross).toMatch(/^a\.id: duplicate id a$/m);
	});

	it('has a JSON Schema, generated from the schema the sidecar validates with (npm run registry:schema)', () => {
		expect(fs.readFileSync(REGISTRY_SCHEMA_PATH, 'utf8')).toBe(registrySchemaText());
		const raw = JSON.parse(fs.readFileSync(DEFAULT_REGISTRY_PATH, 'utf8')) as { $schema: string };
		expect(path.resolve(path.dirname(DEFAULT_REGISTRY_PATH), raw.$schema)).toBe(REGISTRY_SCHEMA_PATH);
	});

	it('pins every pulled Whisper file by sha256 at a fixed commit, with the decoder cache the ONNX export declares', () => {
		const whisper = registry.models.filter((m) => m.family === 'whisper');
		expect(whisper.map((m) => m.id)).toEqual(['whisper-base', 'whisper-large-v3-turbo']);
		for (const m of whisper) {
			expect(Object.keys(m.files).sort()).toEqual(['decoder', 'encoder', 'tokenizer']);
			for (const [key, f] of Object.entries(m.files)) {
				expect(isNpmSource(f.source), `${m.id}.${key}`).toBe(false);
				// A branch name could move; only a 40-hex commit pins what the sha256 describes.
				expect((f.source as { url: string }).url, `${m.id}.${key}`).toMatch(/^https:\/\/[^/]+\/.*\/[0-9a-f]{40}\//);
			}
			const decoder = m.sessions.decoder!;
			const layers = decoder.inputs.filter((i) => /^past_key_values\.\d+\.decoder\.key$/.test(i.name)).length;
			expect(layers, m.id).toBeGreaterThan(0);
			expect(decoder.inputs.length).toBe(2 + 4 * layers + 1);
			expect(decoder.outputs).toEqual(['logits', ...decoder.inputs.filter((i) => i.name.startsWith('past_key_values.')).map((i) => i.name.replace('past_key_values', 'present'))]);
			expect(m.sessions.encoder!.inputs[0]!.shape[1]).toBe(m.defaults.nMels);
		}
	});
});

describe('warm-up inputs', () => {
	it('take the element type the ONNX file declares over the registry’s (fp16 exports may keep float32 I/O)', () => {
		const spec = { file: 'f', inputs: [{ name: 'x', type: 'float16' as const, shape: ['batch', 3] }, { name: 'ids', type: 'int64' as const, shape: [1, 'n'], fill: 7 }], outputs: ['y'], warmup: { batch: 2, n: 4 } };
		const declared = { inputSpec: (name: string) => (name === 'x' ? { type: 'float32', shape: ['batch', 3] } : undefined) };
		const feeds = warmupFeeds(spec, { batch: 2, n: 4 }, declared);
		expect([feeds.x!.type, feeds.x!.dims, feeds.ids!.type, feeds.ids!.dims, Number((feeds.ids!.data as BigInt64Array)[0])]).toEqual(['float32', [2, 3], 'int64', [1, 4], 7]);
		expect(warmupFeeds(spec, { batch: 1, n: 1 }).x!.type).toBe('float16');
	});

	it('feed zeros to inputs the ONNX file has beyond the registry’s (added by a graph rewrite)', () => {
		const spec = { file: 'f', inputs: [{ name: 'x', type: 'float32' as const, shape: [1, 'w'] }], outputs: ['y'], warmup: { w: 8 } };
		const session = {
			inputNames: ['x', 'ctc_classes'],
			inputSpec: (name: string) => (name === 'ctc_classes' ? { type: 'int64', shape: ['picked'] } : { type: 'float32', shape: [1, 'w'] }),
		};
		const feeds = warmupFeeds(spec, { w: 8 }, session);
		expect(Object.keys(feeds)).toEqual(['x', 'ctc_classes']);
		expect([feeds.ctc_classes!.type, feeds.ctc_classes!.dims, feeds.x!.dims]).toEqual(['int64', [1], [1, 8]]);
	});
});
