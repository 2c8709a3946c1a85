/**
 * The processes of a scaled-out install, each a real program started as operators start it:
 * PostgreSQL (n8n's database in queue mode), Redis (the Bull queue), sidecars, HAProxy in front of
 * them with /readyz checks, and n8n as one main process plus workers. Nothing is mocked.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startCliSidecar, type CliSidecar } from '../../test/helpers/cliSidecar';
import { n8nEnv } from '../../test/helpers/n8nEnv';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Proc {
	name: string;
	child: ChildProcess;
	output: () => string;
	exited: Promise<number | null>;
	/** How many output lines matched `opts.count` over the whole run. */
	counted: () => number;
}

export function startProc(name: string, cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; count?: RegExp } = {}): Proc {
	const child = spawn(cmd, args, { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	let counted = 0;
	// The last 64 KB is enough to say why a process failed; more would grow for the whole run.
	const keep = (d: Buffer) => {
		const text = d.toString();
		if (opts.count) counted += text.split('\n').filter((l) => opts.count!.test(l)).length;
		out = (out + text).slice(-65_536);
	};
	child.stdout!.on('data', keep);
	child.stderr!.on('data', keep);
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
	return { name, child, output: () => out, exited, counted: () => counted };
}

export async function waitFor(what: string, proc: Proc | null, check: () => Promise<boolean>, timeoutMs = 180_000): Promise<void> {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		if (proc && proc.child.exitCode !== null) throw new Error(`${what}: ${proc.name} exited (${proc.child.exitCode}): ${proc.output().slice(-3000)}`);
		if (await check().catch(() => false)) return;
		await sleep(250);
	}
	throw new Error(`${what}: not ready after ${timeoutMs / 1000} s${proc ? `: ${proc.output().slice(-3000)}` : ''}`);
}

const httpOk = (url: string) => fetch(url, { signal: AbortSignal.timeout(5000) }).then((r) => r.ok);

/** PostgreSQL 15 from Debian in a throw-away cluster (as the postgres user when run as root: it refuses root). */
export async function startPostgres(dir: string): Promise<{ proc: Proc; port: number }> {
	const bin = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'].find((d) => fs.existsSync(path.join(d, 'initdb')));
	if (!bin) throw new Error('PostgreSQL server not found: apt-get install postgresql');
	const asRoot = process.getuid?.() === 0;
	const run = (cmd: string, args: string[]) => (asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]) as [string, string[]];
	fs.mkdirSync(dir, { recursive: true });
	if (asRoot) execFileSync('chown', ['-R', 'postgres', dir]);
	const data = path.join(dir, 'data');
	execFileSync(...run(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'n8n', '--no-sync']), { stdio: 'pipe' });
	const port = await freePort();
	const proc = startProc('postgres', ...run(path.join(bin, 'postgres'), ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200']));
	await waitFor('postgres', proc, async () => {
		execFileSync('pg_isready', ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n'], { stdio: 'ignore' });
		return true;
	});
	execFileSync('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', '-d', 'postgres', '-c', 'CREATE DATABASE n8n'], { stdio: 'pipe' });
	return { proc, port };
}

export async function startRedis(): Promise<{ proc: Proc; port: number }> {
	const port = await freePort();
	const proc = startProc('redis', 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
	await waitFor('redis', proc, async () => execFileSync('redis-cli', ['-p', String(port), 'ping'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().includes('PONG'));
	return { proc, port };
}

export function startSidecar(apiKey: string): Promise<CliSidecar> {
	// One inference thread each: two sidecars share this machine's two cores.
	return startCliSidecar({ API_KEY: apiKey, PRELOAD_MODELS: 'pp-ocrv4,moonshine-tiny,silero-vad', LOG_LEVEL: 'warn', INTRA_OP_THREADS: '1', QUEUE_CAPACITY: '64' });
}

/**
 * HAProxy in front of the sidecars, with the configuration docker-compose.scale.yml ships
 * (deploy/compose/haproxy.cfg: least connections, /readyz checks, redispatch), its bind line and
 * its one-server-per-GPU lines replaced by this machine's port and sidecars.
 */
export async function startBalancer(dir: string, backends: string[], port?: number): Promise<{ proc: Proc; url: string }> {
	port ??= await freePort();
	const cfg = path.join(dir, `haproxy-${port}.cfg`);
	const shipped = fs.readFileSync(path.join(__dirname, '../../deploy/compose/haproxy.cfg'), 'utf8');
	const servers = backends.map((b, i) => `  server s${i + 1} ${b.replace(/^http:\/\//, '')} check`).join('\n');
	const config = shipped.replace(/^ {2}bind :8787$/m, `  bind 127.0.0.1:${port}`).replace(/(^ {2}server .*\n?)+/m, `${servers}\n`);
	if (!config.includes(`bind 127.0.0.1:${port}`) || !config.includes(servers)) throw new Error('deploy/compose/haproxy.cfg no longer has the bind and server lines this bench replaces');
	fs.writeFileSync(cfg, config);
	const proc = startProc('haproxy', 'haproxy', ['-f', cfg, '-db']);
	const url = `http://127.0.0.1:${port}`;
	await waitFor('haproxy', proc, () => httpOk(`${url}/readyz`));
	return { proc, url };
}

export interface QueueStack {
	userFolder: string;
	env: NodeJS.ProcessEnv;
	bin: string;
}

/** The environment every n8n process of the install shares: queue mode, Postgres, Redis, binary data in the database. */
export function queueEnv(userFolder: string, pgPort: number, redisPort: number): NodeJS.ProcessEnv {
	return n8nEnv(userFolder, {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(pgPort),
		DB_POSTGRESDB_DATABASE: 'n8n',
		DB_POSTGRESDB_USER: 'n8n',
		DB_POSTGRESDB_PASSWORD: '',
		// n8n 2's default in queue mode; filesystem mode is not shared between workers.
		N8N_DEFAULT_BINARY_DATA_MODE: 'database',
		// A dead worker's job is found within seconds, not the default minute and a half.
		QUEUE_WORKER_LOCK_DURATION: '10000',
		QUEUE_WORKER_LOCK_RENEW_TIME: '2500',
		QUEUE_WORKER_STALLED_INTERVAL: '5000',
		N8N_LOG_LEVEL: 'info',
	});
}

export function n8nCli(stack: QueueStack, args: string[]): string {
	return execFileSync('timeout', ['-s', 'KILL', '180', stack.bin, ...args], { env: stack.env, cwd: stack.userFolder, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 }).toString();
}

export async function startMain(stack: QueueStack): Promise<{ proc: Proc; url: string }> {
	const port = await freePort();
	const env = { ...stack.env, N8N_PORT: String(port), N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
	const proc = startProc('n8n main', stack.bin, ['start'], { env, cwd: stack.userFolder });
	const url = `http://127.0.0.1:${port}`;
	await waitFor('n8n main', proc, () => httpOk(`${url}/healthz/readiness`), 240_000);
	return { proc, url };
}

export async function startWorker(stack: QueueStack, name: string, concurrency: number): Promise<Proc> {
	const port = await freePort();
	// Each process has its own task broker for Code nodes; on one machine each needs its own port.
	const env = { ...stack.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()), QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' };
	// The nodes log each retry ("busy or unavailable") in the worker's log.
	const proc = startProc(name, stack.bin, ['worker', `--concurrency=${concurrency}`], { env, cwd: stack.userFolder, count: /busy or unavailable/ });
	await waitFor(name, proc, () => httpOk(`http://127.0.0.1:${port}/healthz/readiness`), 240_000);
	return proc;
}

export const n8nBin = () =>
	process.env.N8N_BIN ??
	path.join(process.env.N8N_E2E_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'n8n-nodes-gpu-inference', `n8n-${process.env.N8N_VERSION ?? '2.8.4'}`), 'node_modules/.bin/n8n');

export async function stop(proc: Proc | { child: ChildProcess; exited: Promise<number | null> } | undefined, signal: NodeJS.Signals = 'SIGTERM', graceMs = 20_000): Promise<void> {
	if (!proc || proc.child.exitCode !== null || proc.child.signalCode !== null) return;
	proc.child.kill(signal);
	const timer = setTimeout(() => proc.child.kill('SIGKILL'), graceMs);
	await proc.exited;
	clearTimeout(timer);
}
