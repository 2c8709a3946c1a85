/**
 * Starting the sidecar's worker threads. Compiled, an entry is the `.js` file beside its caller;
 * from the TypeScript sources (tests and benches run from the repository root) tsx compiles it.
 */
import path from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** A worker running `<dir>/<name>.js` (or `.ts` through tsx), its stdout and stderr drained. */
export function startThread(dir: string, name: string, callerFile: string, options: WorkerOptions = {}): Worker {
	const ext = path.extname(callerFile);
	const entry = path.join(dir, `${name}${ext}`);
	const fromSource = ext === '.ts';
	const worker = new Worker(fromSource ? `require('tsx/cjs'); require(${JSON.stringify(entry)});` : entry, {
		...options,
		eval: fromSource,
		// Libraries may print warnings; they are not the sidecar's JSON log lines.
		stdout: true,
		stderr: true,
	});
	worker.stdout.resume();
	worker.stderr.resume();
	return worker;
}
