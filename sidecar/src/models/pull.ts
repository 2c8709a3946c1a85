/**
 * `models pull <id>`: downloads a registry model's URL-sourced files into MODELS_DIR/<id>/.
 * Resumable (an interrupted download continues from its `.partial` file with an HTTP Range
 * request), verified (size and sha256 against the registry's pins) and atomic (only a verified
 * file is renamed into place; a mismatch deletes the partial, so nothing wrong is left behind).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { findModel, isNpmSource, modelFilePath, type ModelFile, type Registry } from './registry';
import { checkModelFile } from './verify';

export type PullEvent =
	| { kind: 'present'; file: string }
	| { kind: 'resume'; file: string; from: number }
	| { kind: 'progress'; file: string; bytes: number; total: number }
	| { kind: 'done'; file: string };

export class PullError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'PullError';
	}
}

async function hashOf(file: string, hash: crypto.Hash): Promise<number> {
	let bytes = 0;
	for await (const chunk of fs.createReadStream(file)) {
		hash.update(chunk as Buffer);
		bytes += (chunk as Buffer).length;
	}
	return bytes;
}

/** The whole file's length from a response: Content-Range's total for 206, Content-Length for 200. */
function totalOf(res: Response, have: number): number | undefined {
	const range = /\/(\d+)$/.exec(res.headers.get('content-range') ?? '');
	if (range) return Number(range[1]);
	const length = Number(res.headers.get('content-length') ?? NaN);
	return Number.isFinite(length) ? have + length : undefined;
}

async function download(url: string, dest: string, pin: ModelFile, onEvent: (e: PullEvent) => void): Promise<void> {
	const partial = `${dest}.partial`;
	await fs.promises.mkdir(path.dirname(dest), { recursive: true });
	const hash = crypto.createHash('sha256');
	let have = fs.existsSync(partial) ? await hashOf(partial, hash) : 0;
	if (pin.size !== undefined && have > pin.size) {
		await fs.promises.rm(partial);
		return download(url, dest, pin, onEvent);
	}
	if (have > 0) onEvent({ kind: 'resume', file: dest, from: have });
	const res = pin.size === undefined || have < pin.size ? await fetch(url, { headers: have > 0 ? { Range: `bytes=${have}-` } : {} }) : null;
	// 416 to a resumed request: the partial file already holds every byte (only when no size is pinned).
	if (res && !(res.status === 416 && have > 0)) {
		if (res.status === 200 && have > 0) {
			// The server ignored the range: start over.
			await fs.promises.rm(partial);
			return download(url, dest, pin, onEvent);
		}
		if (res.status !== 200 && res.status !== 206) throw new PullError(`GET ${url}: HTTP ${res.status}`);
		if (!res.body) throw new PullError(`GET ${url}: empty body`);
		const total = pin.size ?? totalOf(res, have) ?? 0;
		const out = fs.createWriteStream(partial, { flags: have > 0 ? 'a' : 'w' });
		try {
			for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
				hash.update(chunk);
				have += chunk.length;
				if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
				onEvent({ kind: 'progress', file: dest, bytes: have, total });
				if (pin.size !== undefined && have > pin.size) break;
			}
		} finally {
			await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
		}
	}
	const digest = hash.digest('hex');
	if ((pin.size !== undefined && have !== pin.size) || digest !== pin.sha256) {
		await fs.promises.rm(partial, { force: true });
		const pinned = pin.size !== undefined ? `${pin.size} bytes, sha256 ${pin.sha256}` : `sha256 ${pin.sha256}`;
		throw new PullError(`${url}: got ${have} bytes with sha256 ${digest}; the registry pins ${pinned}. Nothing was kept.`);
	}
	await fs.promises.rename(partial, dest);
	onEvent({ kind: 'done', file: dest });
}

export async function pullModel(registry: Registry, id: string, modelsDir: string, onEvent: (e: PullEvent) => void = () => undefined): Promise<string[]> {
	const entry = findModel(registry, id);
	if (!entry) throw new PullError(`unknown model "${id}"; known: ${registry.models.map((m) => m.id).join(', ')}`);
	const files: string[] = [];
	for (const [key, pin] of Object.entries(entry.files)) {
		const dest = modelFilePath(entry, key, modelsDir);
		files.push(dest);
		if (isNpmSource(pin.source)) {
			// Embedded: installed with the sidecar's npm dependencies, only checked here.
			const problem = await checkModelFile(dest, pin);
			if (problem) throw new PullError(`${id}.${key} comes from the npm package ${pin.source.npm}: ${problem}`);
			onEvent({ kind: 'present', file: dest });
			continue;
		}
		if ((await checkModelFile(dest, pin)) === null) {
			onEvent({ kind: 'present', file: dest });
			continue;
		}
		await fs.promises.rm(dest, { force: true });
		await download(pin.source.url, dest, pin, onEvent);
	}
	return files;
}
