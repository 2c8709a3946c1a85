/**
 * The sidecar's temporary files live in one folder per process, `<tmp>/gpu-inference-sidecar/<pid>`:
 * swept at start of any left by processes that are gone (a SIGKILL mid-decode leaves the upload
 * there), and removed at exit. ONNX Runtime's empty `mat-debug-<pid>.log` files are swept too.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const alive = (pid: number): boolean => {
	if (pid === process.pid) return true;
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return (err as NodeJS.ErrnoException).code === 'EPERM';
	}
};

export class TempFiles {
	readonly dir: string;

	constructor(private readonly root = os.tmpdir()) {
		this.dir = path.join(root, 'gpu-inference-sidecar', String(process.pid));
	}

	/** Removes what dead processes left (in a container the previous run had this very pid: its folder goes too). Returns what was removed. */
	sweep(): string[] {
		const removed: string[] = [];
		const base = path.dirname(this.dir);
		for (const name of safeList(base)) {
			const pid = Number(name);
			if (Number.isInteger(pid) && (pid === process.pid || !alive(pid))) {
				fs.rmSync(path.join(base, name), { recursive: true, force: true });
				removed.push(path.join(base, name));
			}
		}
		for (const name of safeList(this.root)) {
			const m = /^mat-debug-(\d+)\.log$/.exec(name);
			if (!m) continue;
			const file = path.join(this.root, name);
			const pid = Number(m[1]);
			if ((pid !== process.pid && alive(pid)) || fileSize(file) > 0) continue;
			fs.rmSync(file, { force: true });
			removed.push(file);
		}
		fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
		return removed;
	}

	/** A fresh path inside the process folder (the folder is made if a sweep has not run). */
	file(prefix: string): string {
		fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
		return path.join(this.dir, `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`);
	}

	/** Removes the process folder and this process's ONNX Runtime debug log (at exit). */
	removeAll(): void {
		fs.rmSync(this.dir, { recursive: true, force: true });
		const log = path.join(this.root, `mat-debug-${process.pid}.log`);
		if (fileSize(log) === 0) fs.rmSync(log, { force: true });
	}
}

function safeList(dir: string): string[] {
	try {
		return fs.readdirSync(dir);
	} catch {
		return [];
	}
}

function fileSize(file: string): number {
	try {
		return fs.statSync(file).size;
	} catch {
		return -1;
	}
}
