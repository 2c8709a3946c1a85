#!/usr/bin/env node
/**
 * Adds lock entries for platform-specific optional packages the registry mirror here does not
 * serve (e.g. @rollup/rollup-darwin-arm64). npm leaves them out of package-lock.json when it cannot
 * fetch their manifests, and `npm ci` then refuses the lock as out of sync. Each entry gets the
 * os/cpu/libc its name encodes, so npm skips it on other platforms and fetches it where it fits.
 *   npm install && node scripts/complete-lock.mjs
 */
import fs from 'node:fs';

const LOCK = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(fs.readFileSync(LOCK, 'utf8'));
const OS = ['android', 'darwin', 'freebsd', 'linux', 'openbsd', 'openharmony', 'win32', 'sunos', 'aix', 'netbsd'];
const CPU = ['arm64', 'arm', 'x64', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x', 'mips64el'];

function platformOf(name) {
	const parts = name.split('/').pop().split('-');
	const os = parts.find((p) => OS.includes(p));
	const cpu = parts.find((p) => CPU.includes(p));
	if (!os || !cpu) return null;
	const rest = parts.slice(parts.indexOf(cpu) + 1).join('-');
	const libc = os === 'linux' ? (rest.includes('musl') ? 'musl' : rest.includes('gnu') ? 'glibc' : undefined) : undefined;
	return { os: [os === 'openharmony' ? 'openharmony' : os], cpu: [cpu], ...(libc ? { libc: [libc] } : {}) };
}

let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
	for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
		const key = `node_modules/${dep}`;
		const nested = `${path}/node_modules/${dep}`;
		if (lock.packages[key] || lock.packages[nested]) continue;
		const platform = platformOf(dep);
		if (!platform) {
			console.warn(`complete-lock: ${dep} (optional dependency of ${path || 'root'}) is missing and has no platform in its name; left alone`);
			continue;
		}
		lock.packages[key] = { version, ...(entry.dev ? { dev: true } : {}), optional: true, ...platform };
		added++;
	}
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
fs.writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lock: added ${added} platform-specific optional entries`);
