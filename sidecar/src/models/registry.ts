/**
 * The model registry (`sidecar/models/registry.json`) as typed data: which files make up a model, where
 * each file comes from (an npm package shipped with the sidecar, or a URL pulled into MODELS_DIR),
 * their size and sha256, and each ONNX session's input/output names. Nothing else in the sidecar
 * hard-codes model paths.
 */
import fs from 'node:fs';
import path from 'node:path';
import { registrySchema, type FileSource, type ModelEntry, type NpmSource, type Registry, type SessionSpec } from './registrySchema';

export type * from './registrySchema';
export { TENSOR_TYPES } from './registrySchema';

export function warmupShapes(spec: SessionSpec): Array<Record<string, number>> {
	return Array.isArray(spec.warmup) ? spec.warmup : [spec.warmup];
}

export class RegistryError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RegistryError';
	}
}

/** Checks the registry against its schema and cross-references; returns every problem, not just the first, each named by model id and path. */
export function validateRegistry(data: unknown): string[] {
	const d = data as { schemaVersion?: unknown; models?: unknown } | null;
	if (typeof d !== 'object' || d === null || Array.isArray(d) || d.schemaVersion !== 1 || !Array.isArray(d.models)) {
		return ['registry must be an object with schemaVersion 1 and a models array'];
	}
	const models = d.models as Array<{ id?: unknown }>;
	const result = registrySchema.safeParse(data);
	if (result.success) return [];
	return result.error.issues.map((issue) => {
		const [first, index, ...rest] = issue.path;
		if (first !== 'models' || typeof index !== 'number') return `${issue.path.join('.') || 'registry'}: ${issue.message}`;
		const id = models[index]?.id;
		const name = typeof id === 'string' && id !== '' ? id : `models[${index}]`;
		return `${[name, ...rest].join('.')}: ${issue.message}`;
	});
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
	return registrySchema.parse(data);
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
