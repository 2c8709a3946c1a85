/**
 * Vitest global setup: every temporary file a test run makes (fixtures written for ffmpeg, model
 * folders, the sidecar's own spool files) goes under one folder, removed when the run ends, so a
 * machine that runs the suite often does not fill /tmp. Workers start after this and inherit TMPDIR,
 * which os.tmpdir() reads on each call.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
	const previous = process.env.TMPDIR;
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gpu-inference-test-'));
	process.env.TMPDIR = root;
	return () => {
		if (previous === undefined) delete process.env.TMPDIR;
		else process.env.TMPDIR = previous;
		fs.rmSync(root, { recursive: true, force: true });
	};
}
