/**
 * Which ffmpeg decodes audio. FFMPEG_PATH=auto (the default) prefers the system's ffmpeg on PATH
 * (kept up to date by the distribution), then the static build that the optional npm dependency
 * @ffmpeg-installer ships for this platform (ffmpeg 4.1 from 2018: old, so a warning says so).
 * An explicit FFMPEG_PATH is used as given. What was found, and its version, is reported on
 * /readyz and /v1/gpu-status; when nothing runs, transcription answers 503 naming the fix.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { resolvePackageDir } from '../models/registry';

export interface FfmpegInfo {
	/** The binary, or null when none runs. */
	path: string | null;
	source: 'FFMPEG_PATH' | 'system' | 'npm' | 'missing';
	/** First line of `ffmpeg -version`, trimmed to the version (e.g. `5.1.9-0+deb12u1`). */
	version: string | null;
}

function versionOf(binary: string): Promise<string | null> {
	return new Promise((resolve) => {
		execFile(binary, ['-hide_banner', '-version'], { timeout: 10_000 }, (err, stdout) => {
			if (err) return resolve(null);
			resolve(/^ffmpeg version (\S+)/.exec(stdout)?.[1] ?? 'unknown');
		});
	});
}

/** The platform build inside @ffmpeg-installer's optional packages, if npm installed one here. */
function npmBinary(): string | undefined {
	const dir = resolvePackageDir(`@ffmpeg-installer/${process.platform}-${process.arch}`);
	return dir ? path.join(dir, process.platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg') : undefined;
}

export async function locateFfmpeg(configured: string): Promise<FfmpegInfo> {
	if (configured !== 'auto') {
		const version = await versionOf(configured);
		return { path: version ? configured : null, source: version ? 'FFMPEG_PATH' : 'missing', version };
	}
	const system = await versionOf('ffmpeg');
	if (system) return { path: 'ffmpeg', source: 'system', version: system };
	const bundled = npmBinary();
	const version = bundled ? await versionOf(bundled) : null;
	return bundled && version ? { path: bundled, source: 'npm', version } : { path: null, source: 'missing', version: null };
}

/** What an operator does about a missing ffmpeg. */
export const FFMPEG_FIX = "install ffmpeg (e.g. apt-get install ffmpeg), or reinstall the sidecar with npm's optional dependencies (@ffmpeg-installer), or set FFMPEG_PATH";
