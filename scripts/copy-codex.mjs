#!/usr/bin/env node
/**
 * n8n-node build copies icons but not the codex files (`<Node>.node.json`: categories, search aliases,
 * documentation links) that n8n reads beside each `<Node>.node.js`; this copies them into dist.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let copied = 0;
for (const dir of fs.readdirSync(path.join(root, 'nodes'))) {
	for (const file of fs.readdirSync(path.join(root, 'nodes', dir)).filter((f) => f.endsWith('.node.json'))) {
		fs.mkdirSync(path.join(root, 'dist/nodes', dir), { recursive: true });
		fs.copyFileSync(path.join(root, 'nodes', dir, file), path.join(root, 'dist/nodes', dir, file));
		copied++;
	}
}
console.log(`copy-codex: ${copied} codex file(s) into dist/nodes`);
