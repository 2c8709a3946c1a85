#!/usr/bin/env node
/**
 * Stages the two published packages from the build outputs, holding only what each needs, and
 * packs them:
 *   build/n8n-package      n8n-nodes-gpu-inference: dist (nodes, credential, icons, codex), LICENSE,
 *                          the README written for n8n users (docs/n8n-package/README.md)
 *   build/sidecar-package  gpu-inference-sidecar: dist, its registry, the vendored Moonshine weights,
 *                          LICENSE, sidecar/README.md
 * Usage: node scripts/pack-packages.mjs [--stage nodes|sidecar|all] [--pack]
 * `npm run build` stages the n8n package (Dockerfile.n8n copies it); `npm run pack:packages` packs both.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'build');
const arg = (name, fallback) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? process.argv[i + 1] : fallback;
};
const which = arg('stage', 'all');
const pack = process.argv.includes('--pack');

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));
const writeJson = (file, data) => fs.writeFileSync(file, `${JSON.stringify(data, null, '\t')}\n`);
/** Copies a tree, leaving out what a package never needs at run time. */
function copyTree(from, to, skip = () => false) {
	for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
		const src = path.join(from, entry.name);
		if (skip(src, entry)) continue;
		const dst = path.join(to, entry.name);
		if (entry.isDirectory()) {
			fs.mkdirSync(dst, { recursive: true });
			copyTree(src, dst, skip);
		} else fs.copyFileSync(src, dst);
	}
}
const notBuildLeftovers = (src, entry) => entry.name === 'tsconfig.tsbuildinfo' || entry.name.endsWith('.map') || (entry.name === 'package.json' && path.dirname(src).endsWith('dist'));
const need = (file, hint) => {
	if (!fs.existsSync(file)) {
		console.error(`pack-packages: ${path.relative(root, file)} is missing: ${hint}`);
		process.exit(1);
	}
};

function stageNodes() {
	const dir = path.join(out, 'n8n-package');
	need(path.join(root, 'dist/nodes'), 'run npm run build first');
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(path.join(dir, 'dist'), { recursive: true });
	copyTree(path.join(root, 'dist'), path.join(dir, 'dist'), notBuildLeftovers);
	const pkg = readJson(path.join(root, 'package.json'));
	const keep = ['name', 'version', 'description', 'license', 'keywords', 'author', 'repository', 'homepage', 'engines', 'n8n', 'peerDependencies'];
	writeJson(path.join(dir, 'package.json'), { ...Object.fromEntries(keep.filter((k) => k in pkg).map((k) => [k, pkg[k]])), files: ['dist', 'LICENSE', 'README.md'] });
	fs.copyFileSync(path.join(root, 'LICENSE'), path.join(dir, 'LICENSE'));
	fs.copyFileSync(path.join(root, 'docs/n8n-package/README.md'), path.join(dir, 'README.md'));
	return dir;
}

function stageSidecar() {
	const side = path.join(root, 'sidecar');
	const dir = path.join(out, 'sidecar-package');
	need(path.join(side, 'dist/cli.js'), 'run npm run build first');
	need(path.join(side, 'vendor'), 'run npm run build first (it vendors the Moonshine weights)');
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	for (const sub of ['dist', 'models', 'vendor']) {
		fs.mkdirSync(path.join(dir, sub));
		copyTree(path.join(side, sub), path.join(dir, sub), notBuildLeftovers);
	}
	const pkg = readJson(path.join(side, 'package.json'));
	delete pkg.devDependencies;
	delete pkg.scripts;
	pkg.files = ['dist', 'models', 'vendor', 'LICENSE', 'README.md'];
	writeJson(path.join(dir, 'package.json'), pkg);
	fs.copyFileSync(path.join(root, 'LICENSE'), path.join(dir, 'LICENSE'));
	fs.copyFileSync(path.join(side, 'README.md'), path.join(dir, 'README.md'));
	return dir;
}

const staged = [];
if (which === 'nodes' || which === 'all') staged.push(stageNodes());
if (which === 'sidecar' || which === 'all') staged.push(stageSidecar());
for (const dir of staged) {
	if (!pack) {
		console.log(`staged ${path.relative(root, dir)}`);
		continue;
	}
	const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', out], { cwd: dir, encoding: 'utf8' }).trim().split('\n').pop();
	const file = path.join(out, name);
	console.log(`packed ${path.relative(root, file)} (${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB)`);
}
