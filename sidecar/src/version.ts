import fs from 'node:fs';
import path from 'node:path';

/** The sidecar package's version (src/ and dist/ both sit one level below package.json). */
export const SIDECAR_VERSION: string = (() => {
	try {
		const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', 'package.json'), 'utf8')) as { version?: string };
		return pkg.version ?? '0.0.0';
	} catch {
		return '0.0.0';
	}
})();
