#!/usr/bin/env node
/**
 * n8n-node build compiles the nodes into dist/ and copies every .png and .svg of the repository
 * beside them, wherever they lie (test output, a staged package's own dist/, data folders): only
 * dist/nodes and dist/credentials are the community package, so everything else in dist/ goes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = path.join(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'), 'dist');
const keep = new Set(['nodes', 'credentials']);
const removed = fs.readdirSync(dist).filter((entry) => !keep.has(entry));
for (const entry of removed) fs.rmSync(path.join(dist, entry), { recursive: true, force: true });
console.log(`prune-dist: kept dist/nodes and dist/credentials${removed.length ? `, removed ${removed.map((e) => `dist/${e}`).join(', ')}` : ''}`);
