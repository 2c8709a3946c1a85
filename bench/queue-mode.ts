/**
 * n8n in queue mode on one machine, as a team that outgrew one process runs it (issue 20):
 * PostgreSQL, Redis, n8n 2.8.4 as a main process plus 2 workers, and 2 sidecars behind HAProxy
 * with /readyz checks, all real processes. A 60-file batch (24 invoices, 18 tables, 18 recordings)
 * goes in as 10 webhook calls of 6 files, 4 at a time:
 *   1. through 1 sidecar, 2. through 2 sidecars (times compared),
 *   3. through 2 sidecars while one sidecar is killed (SIGKILL) and then one n8n worker (SIGKILL).
 * Checked for every run: each call answers with its 6 files' results, in order, each paired (by
 * n8n's own pairedItem chain) with its own file, none an error, each the same result run 1 gave;
 * n8n's database holds exactly one successful execution per call. Exits 1 when a check fails.
 *   node --import tsx bench/queue-mode.ts [--chunk 6] [--parallel 4] [--keep]
 * Needs: apt-get install postgresql redis-server haproxy; npm run build; npm run e2e:install.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { numberArg } from './peers/args';
import { resultKey, showsMarker, writeBatch, type BatchFile } from './queue-mode/batch';
import { n8nBin, n8nCli, queueEnv, sleep, startBalancer, startMain, startPostgres, startRedis, startSidecar, startWorker, stop, waitFor, type Proc, type QueueStack } from './queue-mode/services';
import { CREDENTIAL, KINDS, webhookPath, workflow, workflowId, type Kind } from './queue-mode/workflows';

const CHUNK = numberArg('chunk', 6);
const PARALLEL = numberArg('parallel', 4);
const KEEP = process.argv.includes('--keep');
const API_KEY = 'queue-mode-key-0123456789abcdef';
const repo = path.join(__dirname, '..');

interface Chunk {
	id: string;
	kind: Kind;
	files: BatchFile[];
}
interface ChunkOutcome {
	chunk: Chunk;
	items: Array<Record<string, unknown>>;
	attempts: number;
	failures: string[];
}

function chunksOf(files: BatchFile[], run: string): Chunk[] {
	const out: Chunk[] = [];
	for (const kind of KINDS) {
		const ofKind = files.filter((f) => f.kind === kind);
		for (let i = 0; i < ofKind.length; i += CHUNK) out.push({ id: `${run}-${kind}-${i / CHUNK + 1}`, kind, files: ofKind.slice(i, i + CHUNK) });
	}
	// Kinds interleaved, so every moment of the run has invoices, tables and audio in flight.
	return out.sort((a, b) => Number(a.id.split('-').pop()) - Number(b.id.split('-').pop()));
}

/**
 * One webhook call per chunk, answered when the workflow ends. An answer that is not the chunk's
 * results (the worker running it died: n8n fails the execution) is sent again, as a webhook
 * sender does with a 5xx; the items are idempotent, so a second run of the chunk is safe.
 */
async function sendChunk(mainUrl: string, chunk: Chunk): Promise<ChunkOutcome> {
	const failures: string[] = [];
	for (let attempt = 1; attempt <= 4; attempt++) {
		try {
			const res = await fetch(`${mainUrl}/webhook/${webhookPath(chunk.kind)}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ chunk: chunk.id, files: chunk.files.map((f) => ({ name: f.name, path: f.path })) }),
				signal: AbortSignal.timeout(900_000),
			});
			const text = await res.text();
			const body = JSON.parse(text || 'null') as unknown;
			if (res.ok && Array.isArray(body) && body.length === chunk.files.length) return { chunk, items: body as Array<Record<string, unknown>>, attempts: attempt, failures };
			failures.push(`HTTP ${res.status}: ${text.slice(0, 200)}`);
		} catch (e) {
			failures.push((e as Error).message);
		}
		await sleep(2000);
	}
	return { chunk, items: [], attempts: 4, failures };
}

async function runBatch(mainUrl: string, chunks: Chunk[], onDone: (done: number) => void = () => undefined): Promise<{ seconds: number; outcomes: ChunkOutcome[] }> {
	const started = performance.now();
	const outcomes: ChunkOutcome[] = [];
	let next = 0;
	await Promise.all(
		Array.from({ length: PARALLEL }, async () => {
			while (next < chunks.length) {
				const chunk = chunks[next++]!;
				outcomes.push(await sendChunk(mainUrl, chunk));
				onDone(outcomes.length);
			}
		}),
	);
	return { seconds: (performance.now() - started) / 1000, outcomes };
}

/** n8n's own record: every execution since `afterId`, its workflow, status, and (when it succeeded) which chunk it ran. */
function executionsSince(pgPort: number, afterId: number): Array<{ id: number; workflowId: string; status: string; chunk: string | null }> {
	const { parse } = createRequire(path.join(path.dirname(path.dirname(fs.realpathSync(n8nBin()))), 'package.json'))('flatted') as { parse: (s: string) => unknown };
	const sql = `SELECT e.id, e."workflowId", e.status, CASE WHEN e.status = 'success' THEN d.data ELSE '' END FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id WHERE e.id > ${afterId} ORDER BY e.id`;
	const out = execFileSync('psql', ['-h', '127.0.0.1', '-p', String(pgPort), '-U', 'n8n', '-d', 'n8n', '-At', '-F', '\u001f', '-R', '\u001e', '-c', sql], { maxBuffer: 1 << 30 }).toString();
	return out
		.split('\u001e')
		.filter((r) => r.trim())
		.map((row) => {
			const [id, wf, status, data] = row.split('\u001f');
			let chunk: string | null = null;
			if (data) {
				const run = parse(data) as { resultData: { runData: Record<string, Array<{ data: { main: Array<Array<{ json: { body?: { chunk?: string } } }>> } }>> } };
				chunk = run.resultData.runData.Webhook?.[0]?.data.main[0]?.[0]?.json.body?.chunk ?? null;
			}
			return { id: Number(id), workflowId: wf!, status: status!, chunk };
		});
}

const lastExecutionId = (pgPort: number) => Number(execFileSync('psql', ['-h', '127.0.0.1', '-p', String(pgPort), '-U', 'n8n', '-d', 'n8n', '-At', '-c', 'SELECT coalesce(max(id), 0) FROM execution_entity']).toString().trim());

interface RunReport {
	label: string;
	seconds: number;
	problems: string[];
	attempts: number;
	statuses: Record<string, number>;
	markersShown: number;
	items: number;
	/** Calls sent again, with what the first answer was. */
	resent: string[];
	/** Files whose marker (invoice number, item code, spoken word) the result does not show: misreads, the same in every run. */
	misread: string[];
}

function check(label: string, seconds: number, outcomes: ChunkOutcome[], chunks: Chunk[], reference: Map<string, string> | null, executions: ReturnType<typeof executionsSince>): RunReport {
	const problems: string[] = [];
	let markersShown = 0;
	let items = 0;
	const misread: string[] = [];
	for (const { chunk, items: got, failures } of outcomes) {
		if (got.length !== chunk.files.length) {
			problems.push(`${chunk.id}: no complete answer after ${failures.length} tries: ${failures.join(' | ')}`);
			continue;
		}
		chunk.files.forEach((file, i) => {
			const json = got[i]!;
			items++;
			if (json.pairedWith !== file.name) problems.push(`${chunk.id} item ${i}: paired with ${String(json.pairedWith)}, expected ${file.name}`);
			if (json.error !== undefined) problems.push(`${chunk.id} ${file.name}: error item: ${String(json.error)}`);
			const key = resultKey(file.kind, json);
			if (reference && reference.get(file.name) !== key) problems.push(`${file.name}: ${key.slice(0, 120)} differs from run 1: ${String(reference.get(file.name)).slice(0, 120)}`);
			if (showsMarker(file, json)) markersShown++;
			else misread.push(file.name);
		});
	}
	const done = outcomes.map((o) => o.chunk.id);
	for (const c of chunks) if (done.filter((d) => d === c.id).length !== 1) problems.push(`${c.id}: answered ${done.filter((d) => d === c.id).length} times`);
	const successes = executions.filter((e) => e.status === 'success');
	for (const c of chunks) {
		const n = successes.filter((e) => e.chunk === c.id).length;
		if (n !== 1) problems.push(`${c.id}: ${n} successful executions in n8n's database`);
	}
	const statuses: Record<string, number> = {};
	for (const e of executions) statuses[e.status] = (statuses[e.status] ?? 0) + 1;
	const resent = outcomes.filter((o) => o.failures.length).map((o) => `${o.chunk.id}: ${o.failures.join(' | ')}`);
	return { label, seconds, problems, attempts: outcomes.reduce((s, o) => s + o.attempts, 0), statuses, markersShown, items, resent, misread };
}

async function main(): Promise<void> {
	const bin = n8nBin();
	if (!fs.existsSync(bin)) throw new Error(`no n8n at ${bin}: run "npm run e2e:install"`);
	if (!fs.existsSync(path.join(repo, 'dist/nodes/OcrInvoice/OcrInvoice.node.js'))) throw new Error('package not built: run "npm run build"');
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-mode-'));
	const procs: Array<Proc | undefined> = [];
	const sidecars: Awaited<ReturnType<typeof startSidecar>>[] = [];
	let pgDir: string | undefined;
	const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
	try {
		// Its own folder under /tmp: the postgres user cannot enter this run's (mode 0700, root's).
		pgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-mode-pg-'));
		const pg = await startPostgres(pgDir);
		const redis = await startRedis();
		procs.push(pg.proc, redis.proc);
		sidecars.push(...(await Promise.all([startSidecar(API_KEY), startSidecar(API_KEY)])));
		log(`postgres :${pg.port}, redis :${redis.port}, sidecars ${sidecars.map((s) => s.url).join(' ')}`);

		const userFolder = path.join(tmp, 'n8n');
		const nodesDir = path.join(userFolder, '.n8n', 'nodes', 'node_modules');
		fs.mkdirSync(nodesDir, { recursive: true });
		fs.symlinkSync(repo, path.join(nodesDir, 'n8n-nodes-gpu-inference'));
		const files = await writeBatch(path.join(userFolder, '.n8n-files', 'batch'));
		log(`batch: ${files.length} files (${KINDS.map((k) => `${files.filter((f) => f.kind === k).length} ${k}`).join(', ')})`);

		// The balancer's port stays the same when its servers change: the credential points at it.
		let balancer = await startBalancer(tmp, [sidecars[0]!.url]);
		procs.push(balancer.proc);
		const balancerPort = Number(new URL(balancer.url).port);
		const stack: QueueStack = { userFolder, env: queueEnv(userFolder, pg.port, redis.port), bin };
		fs.writeFileSync(path.join(tmp, 'creds.json'), JSON.stringify([{ ...CREDENTIAL, type: 'gpuInferenceSidecarApi', data: { baseUrl: balancer.url, apiKey: API_KEY } }]));
		n8nCli(stack, ['import:credentials', `--input=${path.join(tmp, 'creds.json')}`]);
		for (const kind of KINDS) {
			const file = path.join(tmp, `${kind}.json`);
			fs.writeFileSync(file, JSON.stringify(workflow(kind)));
			n8nCli(stack, ['import:workflow', `--input=${file}`]);
			n8nCli(stack, ['publish:workflow', `--id=${workflowId(kind)}`]);
		}
		const mainProc = await startMain(stack);
		procs.push(mainProc.proc);
		const workers = await Promise.all([startWorker(stack, 'worker 1', 2), startWorker(stack, 'worker 2', 2)]);
		procs.push(...workers);
		// Main reports ready before it has registered every published workflow's webhook.
		for (const kind of KINDS) {
			await waitFor(`webhook ${webhookPath(kind)}`, mainProc.proc, async () => (await fetch(`${mainProc.url}/webhook/${webhookPath(kind)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"chunk":"warm-up","files":[]}' })).status !== 404);
		}
		log(`n8n main ${mainProc.url} (queue mode), 2 workers (concurrency 2), balancer ${balancer.url}`);

		const reports: RunReport[] = [];
		const reference = new Map<string, string>();
		const runOnce = async (label: string, run: string, onDone?: (done: number) => void) => {
			const chunks = chunksOf(files, run);
			const before = lastExecutionId(pg.port);
			const { seconds, outcomes } = await runBatch(mainProc.url, chunks, onDone);
			await sleep(1000);
			const report = check(label, seconds, outcomes, chunks, reference.size ? reference : null, executionsSince(pg.port, before));
			if (!reference.size) for (const o of outcomes) o.chunk.files.forEach((f, i) => o.items[i] && reference.set(f.name, resultKey(f.kind, o.items[i]!)));
			reports.push(report);
			log(`${label}: ${report.seconds.toFixed(1)} s, ${report.items} items, ${report.problems.length} problems, executions ${JSON.stringify(report.statuses)}`);
		};

		await runOnce('1 sidecar', 'r1');
		await stop(balancer.proc);
		balancer = await startBalancer(tmp, sidecars.map((s) => s.url), balancerPort);
		procs.push(balancer.proc);
		await runOnce('2 sidecars', 'r2');
		const killed: string[] = [];
		await runOnce('2 sidecars, one sidecar and one worker killed', 'r3', (done) => {
			if (done === 2 && !killed.length) {
				sidecars[1]!.child.kill('SIGKILL');
				killed.push(`sidecar 2 SIGKILL after ${done} calls`);
				log(killed.at(-1)!);
			}
			if (done === 4 && killed.length === 1) {
				workers[1]!.child.kill('SIGKILL');
				killed.push(`worker 2 SIGKILL after ${done} calls`);
				log(killed.at(-1)!);
			}
		});

		console.log('\n| run | time | items | right file (pairedItem) and same result as run 1 | key marker read | webhook calls | n8n executions |');
		console.log('|---|---|---|---|---|---|---|');
		for (const r of reports) {
			console.log(`| ${r.label} | ${r.seconds.toFixed(1)} s | ${r.items} | ${r.problems.length ? `**${r.problems.length} problems**` : 'all'} | ${r.markersShown}/${files.length} | ${r.attempts} | ${Object.entries(r.statuses).map(([k, v]) => `${v} ${k}`).join(', ')} |`);
		}
		for (const r of reports) for (const line of r.resent) console.log(`${r.label}: sent again: ${line}`);
		console.log(`misread in every run (the engine, not the scaling): ${reports[0]!.misread.join(', ') || 'none'}`);
		const nodeRetries = workers.map((w) => w.counted());
		console.log(`the nodes' own retries (502 from the balancer, refused or reset connections), from the workers' logs: ${nodeRetries.join(' + ')}`);
		console.log(`\n2 sidecars vs 1: ${(reports[0]!.seconds / reports[1]!.seconds).toFixed(2)}× faster; killed in run 3: ${killed.join(', ')}`);
		const problems = reports.flatMap((r) => r.problems.map((p) => `${r.label}: ${p}`));
		if (killed.length < 2) problems.push(`run 3 ended before both kills (${killed.length})`);
		for (const p of problems) console.log(`PROBLEM ${p}`);
		process.exitCode = problems.length ? 1 : 0;
	} catch (e) {
		console.error(e);
		for (const p of procs) if (p) console.error(`--- ${p.name}\n${p.output().slice(-2000)}`);
		process.exitCode = 1;
	} finally {
		await Promise.all([...procs.slice().reverse().map((p) => stop(p)), ...sidecars.map((s) => s.stop())]);
		if (KEEP) console.log(`kept ${tmp}`);
		else for (const d of [tmp, pgDir]) if (d) fs.rmSync(d, { recursive: true, force: true });
	}
}

void main();
