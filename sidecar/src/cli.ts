#!/usr/bin/env node
/**
 * gpu-inference-sidecar CLI: `serve` runs the HTTP sidecar in the foreground; `models list|verify`
 * reads the registry. Start-up problems print one line to stderr and exit non-zero.
 */
import { ConfigError, loadConfig } from './config/config';
import { createLogger } from './log/logger';
import { isNpmSource, loadRegistry, missingFiles, modelFilePath } from './models/registry';
import { pullModel } from './models/pull';
import { checkModelFile } from './models/verify';
import { startSidecar } from './server';
import { SIDECAR_VERSION } from './version';

const USAGE = `gpu-inference-sidecar ${SIDECAR_VERSION}

Usage:
  gpu-inference-sidecar serve          run the HTTP sidecar (configured by environment variables)
  gpu-inference-sidecar models list    list registry models and where their files come from
  gpu-inference-sidecar models verify  check every installed model file against its sha256 pin
  gpu-inference-sidecar models pull ID download a registry model's files into MODELS_DIR (resumable, verified)
  gpu-inference-sidecar --version

Environment: HOST, PORT, DEVICE=auto|cuda|cpu, API_KEY, MODELS_DIR, MAX_UPLOAD_MB,
REQUEST_TIMEOUT_MS, QUEUE_CAPACITY, CONCURRENCY, PRELOAD_MODELS, ... (see the README).`;

function fail(message: string): never {
	process.stderr.write(`gpu-inference-sidecar: ${message}\n`);
	process.exit(1);
}

async function serve(): Promise<void> {
	const config = loadConfig();
	const logger = createLogger(config.logLevel);
	const sidecar = await startSidecar(config, { logger });
	sidecar.ready.catch((err: unknown) => {
		void sidecar.close().finally(() => fail((err as Error).message.split('\n')[0] ?? 'model loading failed'));
	});
	let signals = 0;
	const stop = (signal: string) => {
		if (++signals > 1) fail(`second ${signal}: exiting without waiting for in-flight work`);
		logger.info('signal received', { signal });
		// Non-zero when work was dropped at the end of the grace period, so supervisors see it.
		void sidecar.close().then(({ dropped }) => process.exit(dropped > 0 ? 1 : 0));
	};
	process.on('SIGTERM', () => stop('SIGTERM'));
	process.on('SIGINT', () => stop('SIGINT'));
}

async function models(sub: string | undefined): Promise<void> {
	const config = loadConfig();
	const registry = loadRegistry(config.registryPath);
	let bad = 0;
	for (const m of registry.models) {
		// A model to pull that nobody pulled is optional, not broken; one pulled in part is checked.
		const pulled = Object.values(m.files).some((pin) => isNpmSource(pin.source)) || missingFiles(m, config.modelsDir).length < Object.keys(m.files).length;
		if (sub === 'verify' && !pulled) {
			process.stdout.write(`-    ${m.id} not pulled (gpu-inference-sidecar models pull ${m.id})\n`);
			continue;
		}
		for (const [key, pin] of Object.entries(m.files)) {
			let where: string;
			try {
				where = modelFilePath(m, key, config.modelsDir);
			} catch (err) {
				where = `(${(err as Error).message})`;
			}
			if (sub === 'verify') {
				const problem = where.startsWith('(') ? where : await checkModelFile(where, pin);
				if (problem) bad++;
				process.stdout.write(`${problem ? 'FAIL' : 'ok  '} ${m.id}.${key} ${problem ?? where}\n`);
			} else {
				process.stdout.write(`${m.id}\t${m.task}\t${key}\t${pin.size ?? '-'}\t${pin.sha256.slice(0, 12)}\t${where}\n`);
			}
		}
	}
	if (bad > 0) process.exit(1);
}

async function pull(id: string): Promise<void> {
	const config = loadConfig();
	const registry = loadRegistry(config.registryPath);
	let lastReport = 0;
	const files = await pullModel(registry, id, config.modelsDir, (e) => {
		if (e.kind === 'progress') {
			if (Date.now() - lastReport < 1000 && e.bytes < e.total) return;
			lastReport = Date.now();
			process.stderr.write(e.total > 0 ? `${e.file}: ${((e.bytes / e.total) * 100).toFixed(1)} % of ${e.total} bytes\n` : `${e.file}: ${e.bytes} bytes\n`);
		} else if (e.kind === 'resume') process.stderr.write(`${e.file}: resuming at byte ${e.from}\n`);
		else process.stderr.write(`${e.file}: ${e.kind === 'present' ? 'already present and verified' : 'downloaded and verified'}\n`);
	});
	process.stdout.write(`${id}: ${files.length} file(s) ready in ${config.modelsDir}\n`);
}

async function main(argv: string[]): Promise<void> {
	const [cmd, sub] = argv;
	try {
		if (cmd === 'serve' || cmd === undefined) return await serve();
		if (cmd === 'models' && (sub === 'list' || sub === 'verify')) return await models(sub);
		if (cmd === 'models' && sub === 'pull' && argv[2]) return await pull(argv[2]);
		if (cmd === '--version' || cmd === '-v') return void process.stdout.write(`${SIDECAR_VERSION}\n`);
		if (cmd === '--help' || cmd === '-h' || cmd === 'help') return void process.stdout.write(`${USAGE}\n`);
		fail(`unknown command "${argv.join(' ')}"\n\n${USAGE}`);
	} catch (err) {
		if (err instanceof ConfigError) fail(err.message);
		fail((err as Error).message.split('\n')[0] ?? String(err));
	}
}

void main(process.argv.slice(2));
