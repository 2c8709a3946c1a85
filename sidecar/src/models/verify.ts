/** sha256 + size checks for model files, streamed so large exports do not sit in memory twice. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { ModelFile } from './registry';

export async function sha256File(file: string): Promise<string> {
	const hash = crypto.createHash('sha256');
	for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
	return hash.digest('hex');
}

/** Returns null when the file matches its pin, or a one-line reason when it does not. */
export async function checkModelFile(file: string, pin: ModelFile): Promise<string | null> {
	let size: number;
	try {
		size = (await fs.promises.stat(file)).size;
	} catch {
		return `missing: ${file}`;
	}
	if (pin.size !== undefined && size !== pin.size) return `size mismatch for ${file}: ${size} bytes, registry pins ${pin.size}`;
	const actual = await sha256File(file);
	if (actual !== pin.sha256) return `sha256 mismatch for ${file}: ${actual}, registry pins ${pin.sha256}`;
	return null;
}
