/**
 * Mutation fuzzing of the upload routes against a real sidecar process: valid PNG, JPEG, PDF, MP3
 * and WAV seeds with random bit flips, overwritten runs, cut tails and duplicated blocks. Any 500,
 * dropped connection, answer slower than the deadline allows, slow /healthz (≥ 1 s) or peak RSS
 * over the limit is a finding; the seed of each finding is printed so it can be replayed.
 *
 *   node --import tsx bench/fuzz.ts [--cases 2000] [--seed 1] [--limit-mib 1536]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { convert, JFK } from '../test/helpers/audio';
import { startCliSidecar } from '../test/helpers/cliSidecar';
import { renderPage } from '../test/helpers/documents';
import { mutate, random } from '../test/helpers/hostile';
import { combine, drawingPdf, layoutTable, priceTable } from '../test/helpers/tables';

const arg = (name: string, fallback: number) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CASES = arg('cases', 2000);
const SEED = arg('seed', 1);
const LIMIT_MIB = arg('limit-mib', 1536);
const DEADLINE_MS = 15_000;

async function main(): Promise<void> {
	const png = await renderPage([{ text: 'Total due 1,234.50 EUR', xMm: 10, yMm: 12, sizePt: 12 }], { dpi: 96, heightMm: 30 });
	const seeds: Array<{ kind: string; ext: string; route: string; bytes: Buffer }> = [
		{ kind: 'png', ext: 'png', route: '/v1/ocr', bytes: png },
		{ kind: 'jpeg', ext: 'jpg', route: '/v1/ocr/invoice', bytes: await sharp(png).jpeg({ quality: 85 }).toBuffer() },
		{ kind: 'pdf', ext: 'pdf', route: '/v1/ocr/table', bytes: drawingPdf([combine(layoutTable(priceTable('grid', 4)))]) },
		{ kind: 'mp3', ext: 'mp3', route: '/v1/transcribe', bytes: convert(JFK, 'mp3', ['-t', '3']) },
		{ kind: 'wav', ext: 'wav', route: '/v1/transcribe', bytes: convert(JFK, 'wav', ['-t', '3', '-ar', '16000']) },
	];
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-'));
	// glibc's arenas as the images set them (Dockerfile.gpu), unless the caller says otherwise.
	const sidecar = await startCliSidecar({ TMPDIR: tmp, LOG_LEVEL: 'error', REQUEST_TIMEOUT_MS: String(DEADLINE_MS - 5000), MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' });
	const rnd = random(SEED);
	const statuses = new Map<string, number>();
	const findings: string[] = [];
	let slowestHealth = 0;
	const started = performance.now();
	// /healthz polled throughout, as an orchestrator's liveness probe would.
	let done = false;
	const watcher = (async () => {
		while (!done) {
			const t = performance.now();
			const ok = await fetch(`${sidecar.url}/healthz`, { signal: AbortSignal.timeout(5000) }).then((r) => r.ok, () => false);
			slowestHealth = Math.max(slowestHealth, ok ? performance.now() - t : 5000);
			await new Promise((r) => setTimeout(r, 200));
		}
	})();
	for (let i = 0; i < CASES; i++) {
		const seed = seeds[Math.floor(rnd() * seeds.length)]!;
		let bytes = seed.bytes;
		for (let k = 0, n = 1 + Math.floor(rnd() * 3); k < n; k++) bytes = mutate(bytes, rnd);
		const form = new FormData();
		form.append('file', new Blob([new Uint8Array(bytes)]), `fuzz-${i}.${seed.ext}`);
		const t = performance.now();
		const res = await fetch(`${sidecar.url}${seed.route}`, { method: 'POST', body: form, signal: AbortSignal.timeout(DEADLINE_MS + 10_000) }).catch(() => null);
		const body = res ? await res.text().catch(() => '') : '';
		const ms = performance.now() - t;
		const key = `${seed.kind} ${res?.status ?? 'dropped'}`;
		statuses.set(key, (statuses.get(key) ?? 0) + 1);
		if (!res || res.status >= 500 || ms > DEADLINE_MS) {
			findings.push(`case ${i} (${seed.kind} → ${seed.route}): ${res?.status ?? 'dropped'} after ${Math.round(ms)} ms ${body.slice(0, 200)}`);
			fs.writeFileSync(path.join(tmp, `finding-${i}.${seed.ext}`), bytes);
		}
		if ((i + 1) % 250 === 0) console.log(`${i + 1}/${CASES} cases, ${findings.length} findings, RSS ${sidecar.memory().rssMiB} MiB, ${((performance.now() - started) / 1000).toFixed(0)} s`);
	}
	done = true;
	await watcher;
	const { peakMiB, rssMiB } = sidecar.memory();
	await sidecar.stop();
	console.log(`\n${CASES} cases (seed ${SEED}) in ${((performance.now() - started) / 1000).toFixed(0)} s`);
	for (const [k, n] of [...statuses].sort()) console.log(`  ${k.padEnd(14)} ${n}`);
	console.log(`findings: ${findings.length}${findings.length ? `\n  ${findings.join('\n  ')}\n  (files kept in ${tmp})` : ''}`);
	console.log(`slowest /healthz ${Math.round(slowestHealth)} ms; RSS at end ${rssMiB} MiB, peak ${peakMiB} MiB (limit ${LIMIT_MIB})`);
	if (!findings.length) fs.rmSync(tmp, { recursive: true, force: true });
	if (findings.length > 0 || peakMiB >= LIMIT_MIB) process.exit(1);
}

void main();
