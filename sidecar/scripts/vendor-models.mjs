#!/usr/bin/env node
/**
 * Copies the model files of registry npm sources that are not runtime dependencies of the sidecar
 * (e.g. Moonshine's weights, whose package brings a second onnxruntime) into sidecar/vendor/,
 * with each package's licence. Runs after `tsc` in `npm run build`; the packed sidecar and the
 * Docker image carry vendor/, so they never install that package.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const registry = JSON.parse(fs.readFileSync(path.join(root, 'models', 'registry.json'), 'utf8'));
const require = createRequire(path.join(root, 'package.json'));

function packageDir(name) {
	for (const dir of require.resolve.paths(name) ?? []) {
		const candidate = path.join(dir, name);
		if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
	}
	return undefined;
}

const vendorDir = path.join(root, 'vendor');
let copied = 0;
for (const model of registry.models) {
	for (const file of Object.values(model.files)) {
		const source = file.source;
		if (!source.npm || pkg.dependencies?.[source.npm]) continue;
		const target = path.join(vendorDir, source.npm, source.path);
		if (fs.existsSync(target) && fs.statSync(target).size === file.size) continue;
		const dir = packageDir(source.npm);
		if (!dir) {
			console.error(`vendor-models: ${source.npm}@${source.version} is not installed (a devDependency of the sidecar); run npm ci first`);
			process.exit(1);
		}
		fs.mkdirSync(path.dirname(target), { recursive: true });
		fs.copyFileSync(path.join(dir, source.path), target);
		for (const licence of ['LICENSE', 'LICENSE.md', 'LICENSE.txt']) {
			if (fs.existsSync(path.join(dir, licence))) fs.copyFileSync(path.join(dir, licence), path.join(vendorDir, source.npm, licence));
		}
		copied++;
	}
}
console.log(`vendor-models: ${copied} file(s) copied into ${path.relative(process.cwd(), vendorDir) || vendorDir}`);
