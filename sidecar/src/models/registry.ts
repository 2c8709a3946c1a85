/**
 * The model registry (`sidecar/models/registry.json`) as typed data: which files make up a model, where
 * each file comes from (an npm package shipped with the sidecar, or a URL pulled into MODELS_DIR),
 * their size and sha256, and each ONNX session's input/output names. Nothing else in the sidecar
 * hard-codes model paths.
 */
import fs from 'node:fs';
import path from 'node:path';
import { REWRITE_NAMES, type RewriteName } from './onnx/rewrites';

export type TensorType = 'float32' | 'float16' | 'int64' | 'bool';
export type ModelTask = 'ocr' | 'asr' | 'vad';

export interface NpmSource {
	npm: string;
	version: string;
	path: string;
}
export interface UrlSource {
	url: string;
}
export type FileSource = NpmSource | UrlSource;

export interface ModelFile {
	/**
	 * Bytes. Required for npm files; a pulled file may leave it out where the publisher shows only
	 * a rounded size (Hugging Face pages pin sha256 exactly), and the sha256 still decides.
	 */
	size?: number;
	sha256: string;
	source: FileSource;
}

export interface TensorSpec {
	name: string;
	type: TensorType;
	/** Numbers are fixed dimensions; strings are symbols resolved from `warmup`. */
	shape: Array<number | string>;
	/** Value of every element in the warm-up tensor (default 0). */
	fill?: number;
}

export interface SessionSpec {
	file: string;
	inputs: TensorSpec[];
	outputs: string[];
	/** Values for the symbolic dimensions; a list warms each shape (ONNX Runtime's first run per shape is slow). */
	warmup: Record<string, number> | Array<Record<string, number>>;
	/** Graph rewrites (models/onnx/rewrites.ts) applied in memory before the session is made. */
	rewrites?: RewriteName[];
}

export function warmupShapes(spec: SessionSpec): Array<Record<string, number>> {
	return Array.isArray(spec.warmup) ? spec.warmup : [spec.warmup];
}

export interface ModelEntry {
	id: string;
	task: ModelTask;
	family: string;
	embedded: boolean;
	license: string;
	description: string;
	files: Record<string, ModelFile>;
	sessions: Record<string, SessionSpec>;
	defaults: Record<string, unknown>;
}

export interface Registry {
	schemaVersion: 1;
	models: ModelEntry[];
}

export class RegistryError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RegistryError';
	}
}

const TASKS: readonly string[] = ['ocr', 'asr', 'vad'];
export const TENSOR_TYPES: readonly string[] = ['float32', 'float16', 'int64', 'bool'];

function isRecord(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks the registry's shape and cross-references; returns every problem, not just the first. */
export function validateRegistry(data: unknown): string[] {
	const problems: string[] = [];
	if (!isRecord(data) || data.schemaVersion !== 1 || !Array.isArray(data.models)) {
		return ['registry must be an object with schemaVersion 1 and a models array'];
	}
	const ids = new Set<string>();
	for (const [i, m] of data.models.entries()) {
		const at = `models[${i}]`;
		if (!isRecord(m) || typeof m.id !== 'string' || !/^[a-z0-9][a-z0-9.-]*$/.test(m.id)) {
			problems.push(`${at}: id must be a lower-case slug`);
			continue;
		}
		if (ids.has(m.id)) problems.push(`${at}: duplicate id ${m.id}`);
		ids.add(m.id);
		if (!TASKS.includes(String(m.task))) problems.push(`${m.id}: task must be one of ${TASKS.join(', ')}`);
		if (!isRecord(m.files) || !isRecord(m.sessions)) {
			problems.push(`${m.id}: files and sessions must be objects`);
			continue;
		}
		for (const [key, f] of Object.entries(m.files)) {
			if (!isRecord(f) || (f.size !== undefined && !Number.isInteger(f.size)) || typeof f.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(f.sha256)) {
				problems.push(`${m.id}.files.${key}: needs a 64-hex sha256 (and an integer size, if any)`);
				continue;
			}
			const s = f.source;
			const npmOk = isRecord(s) && typeof s.npm === 'string' && typeof s.version === 'string' && typeof s.path === 'string';
			const urlOk = isRecord(s) && typeof s.url === 'string' && /^https?:\/\//.test(s.url);
			if (!npmOk && !urlOk) problems.push(`${m.id}.files.${key}: source must be {npm, version, path} or {url}`);
			if (npmOk && f.size === undefined) problems.push(`${m.id}.files.${key}: an npm file needs its size`);
		}
		for (const [key, s] of Object.entries(m.sessions)) {
			if (!isRecord(s) || typeof s.file !== 'string' || !(s.file in m.files)) {
				problems.push(`${m.id}.sessions.${key}: file must name one of the model's files`);
				continue;
			}
			if (s.rewrites !== undefined && (!Array.isArray(s.rewrites) || !s.rewrites.every((r) => REWRITE_NAMES.includes(r as RewriteName)))) {
				problems.push(`${m.id}.sessions.${key}: rewrites must be a list of ${REWRITE_NAMES.join(', ')}`);
			}
			const shapes = Array.isArray(s.warmup) ? s.warmup : [s.warmup];
			if (!Array.isArray(s.inputs) || !Array.isArray(s.outputs) || shapes.length === 0 || !shapes.every(isRecord)) {
				problems.push(`${m.id}.sessions.${key}: needs inputs, outputs and warmup`);
				continue;
			}
			for (const input of s.inputs) {
				if (!isRecord(input) || typeof input.name !== 'string' || !TENSOR_TYPES.includes(String(input.type)) || !Array.isArray(input.shape)) {
					problems.push(`${m.id}.sessions.${key}: each input needs name, type (${TENSOR_TYPES.join('|')}) and shape`);
					continue;
				}
				for (const dim of input.shape) {
					if (typeof dim === 'string' && shapes.some((w) => typeof (w as Record<string, unknown>)[dim] !== 'number')) {
						problems.push(`${m.id}.sessions.${key}.${input.name}: warmup has no value for dimension "${dim}"`);
					}
				}
			}
		}
	}
	return problems;
}

export function loadRegistry(file: string): Registry {
	let data: unknown;
	try {
		data = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch (err) {
		throw new RegistryError(`cannot read model registry ${file}: ${(err as Error).message}`);
	}
	const problems = validateRegistry(data);
	if (problems.length > 0) throw new RegistryError(`model registry ${file} is invalid: ${problems.join('; ')}`);
	return data as Registry;
}

export function findModel(registry: Registry, id: string): ModelEntry | undefined {
	return registry.models.find((m) => m.id === id);
}

export function isNpmSource(source: FileSource): source is NpmSource {
	return 'npm' in source;
}

/**
 * Finds an installed package's folder by walking Node's module search paths. `require.resolve`
 * is not usable here: the model packages have no entry point, or do not export package.json.
 */
export function resolvePackageDir(name: string, fromDir: string = __dirname): string | undefined {
	for (const dir of require.resolve.paths(name) ?? []) {
		if (!path.isAbsolute(dir) || !dir.startsWith(path.parse(fromDir).root)) continue;
		const candidate = path.join(dir, name);
		if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
	}
	// require.resolve.paths is relative to this module; also walk up from the caller's folder.
	let dir = fromDir;
	for (;;) {
		const candidate = path.join(dir, 'node_modules', name);
		if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
		const parent = path.dirname(dir);
		if (parent === dir) return undefined;
		dir = parent;
	}
}

/**
 * Model files copied out of npm packages that the published sidecar does not depend on (their
 * JavaScript would pull in a second runtime): `sidecar/vendor/<package>/<path>`, made by
 * `sidecar/scripts/vendor-models.mjs` at build time, with the package's licence beside them.
 */
export const VENDOR_DIR = path.resolve(__dirname, '..', '..', 'vendor');

/** Where a model file lives on disk: vendored, inside its npm package, or under MODELS_DIR/<model id>/. */
export function modelFilePath(entry: ModelEntry, fileKey: string, modelsDir: string): string {
	const file = entry.files[fileKey];
	if (file === undefined) throw new RegistryError(`${entry.id} has no file "${fileKey}"`);
	if (isNpmSource(file.source)) {
		const vendored = path.join(VENDOR_DIR, file.source.npm, file.source.path);
		if (fs.existsSync(vendored)) return vendored;
		const dir = resolvePackageDir(file.source.npm);
		if (dir === undefined) {
			throw new RegistryError(`${entry.id}: npm package ${file.source.npm}@${file.source.version} is not installed`);
		}
		return path.join(dir, file.source.path);
	}
	return path.join(modelsDir, entry.id, path.basename(new URL(file.source.url).pathname));
}

/** Keys of a model's files that are not on disk (an npm file whose package is missing counts). Existence only: hashes are checked when the model loads. */
export function missingFiles(entry: ModelEntry, modelsDir: string): string[] {
	return Object.keys(entry.files).filter((key) => {
		try {
			return !fs.existsSync(modelFilePath(entry, key, modelsDir));
		} catch {
			return true;
		}
	});
}
