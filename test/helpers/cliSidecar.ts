/**
 * The built sidecar CLI as its own process, as operators run it: its memory (VmRSS, VmHWM) and
 * its liveness can be watched from outside while it works on a request.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const CLI = path.join(__dirname, '../../sidecar/dist/cli.js');

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
		srv.on('error', reject);
	});
}

export interface CliSidecar {
	url: string;
	child: ChildProcess;
	/** Everything it printed (JSON log lines on stdout, start-up refusals on stderr). */
	output: () => string;
	exited: Promise<number | null>;
	/** Resident memory now and at its peak since start, in MiB (from /proc). */
	memory: () => { rssMiB: number; peakMiB: number };
	stop: () => Promise<number | null>;
}

export async function startCliSidecar(env: Record<string, string>, opts: { waitReady?: boolean } = {}): Promise<CliSidecar> {
	const port = env.PORT ? Number(env.PORT) : await freePort();
	const child = spawn(process.execPath, [CLI, 'serve'], {
		env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', PORT: String(port), DEVICE: 'cpu', LOG_LEVEL: 'info', ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let out = '';
	child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
	child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	const url = `http://127.0.0.1:${port}`;
	const memory = () => {
		const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
		const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
		return { rssMiB: Math.round(kb('VmRSS') / 1024), peakMiB: Math.round(kb('VmHWM') / 1024) };
	};
	const sidecar: CliSidecar = {
		url,
		child,
		output: () => out,
		exited,
		memory,
		stop: async () => {
			if (child.exitCode === null) child.kill('SIGTERM');
			return exited;
		},
	};
	const want = opts.waitReady === false ? '/healthz' : '/readyz';
	for (let i = 0; i < 480; i++) {
		if (child.exitCode !== null) throw new Error(`sidecar exited (${child.exitCode}): ${out.slice(-2000)}`);
		if (await fetch(`${url}${want}`).then((r) => r.ok, () => false)) return sidecar;
		await new Promise((r) => setTimeout(r, 250));
	}
	child.kill('SIGKILL');
	throw new Error(`sidecar not ready after 120 s: ${out.slice(-2000)}`);
}

/**
 * Runs `work` while polling `/healthz` every 100 ms; returns its result and the slowest health
 * answer (ms). A blocked event loop shows as a slow or missing answer.
 */
export async function whileWatched<T>(url: string, work: () => Promise<T>): Promise<{ result: T; slowestHealthMs: number; healthChecks: number }> {
	let done = false;
	let slowest = 0;
	let checks = 0;
	const watcher = (async () => {
		while (!done) {
			const t = performance.now();
			const ok = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) }).then((r) => r.ok, () => false);
			slowest = Math.max(slowest, ok ? performance.now() - t : 5000);
			checks++;
			await new Promise((r) => setTimeout(r, 100));
		}
	})();
	try {
		const result = await work();
		return { result, slowestHealthMs: Math.round(slowest), healthChecks: checks };
	} finally {
		done = true;
		await watcher;
	}
}
