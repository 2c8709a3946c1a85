/**
 * The deployment files held to what operators rely on, read as data. They are also run for real by
 * CI (.ci/containers/test.sh builds both images and brings the compose stack up with podman); these
 * checks keep the properties that a run on a CPU machine cannot show (the GPU override, the pins).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.join(__dirname, '../..');
const read = (f: string) => fs.readFileSync(path.join(root, f), 'utf8');

type Service = {
	build?: { context: string; dockerfile?: string; args?: Record<string, string> };
	image?: string;
	user?: string;
	environment: Record<string, string>;
	ports?: string[];
	expose?: string[];
	volumes?: string[];
	deploy?: { resources?: { reservations?: { devices?: Array<{ driver: string; capabilities: string[] }> } } };
	healthcheck?: { test: string[] };
	depends_on?: Record<string, { condition: string }>;
	stop_grace_period?: string;
};
type Compose = { services: Record<string, Service>; volumes?: Record<string, unknown> };
const compose = parse(read('docker-compose.yml')) as Compose;
const gpu = parse(read('docker-compose.gpu.yml')) as Compose;

describe('docker-compose.yml (CPU, valid for every Compose)', () => {
	const { sidecar, n8n } = compose.services;

	it('uses no Compose ≥ 2.24 syntax and builds the CPU sidecar', () => {
		expect(read('docker-compose.yml')).not.toMatch(/!reset|!override/);
		expect(sidecar?.build).toMatchObject({ context: '.', dockerfile: 'Dockerfile.gpu', args: { RUNTIME_BASE: 'debian:bookworm-slim', ORT_INSTALL: 'skip', DEVICE: 'cpu' } });
		expect(sidecar?.deploy).toBeUndefined();
	});

	it('keeps the sidecar off the host network, reachable from n8n by a name it accepts', () => {
		expect(sidecar?.ports).toBeUndefined();
		expect(sidecar?.expose).toEqual(['8787']);
		expect(n8n?.environment.CREDENTIALS_OVERWRITE_DATA).toContain('"baseUrl":"http://sidecar:8787"');
		expect(sidecar?.environment.ALLOWED_HOSTS.split(',')).toContain('sidecar');
	});

	it('passes one API key variable to both services, and always sets one', () => {
		expect(sidecar?.environment.API_KEY).toMatch(/^\$\{SIDECAR_API_KEY:\?/);
		expect(n8n?.environment.CREDENTIALS_OVERWRITE_DATA).toMatch(/"apiKey":"\$\{SIDECAR_API_KEY/);
	});

	it('starts n8n once the sidecar is healthy and the data folder is made', () => {
		expect(sidecar?.healthcheck?.test.join(' ')).toContain('/readyz');
		expect(n8n?.depends_on).toEqual({ sidecar: { condition: 'service_healthy' }, 'files-init': { condition: 'service_completed_successfully' } });
		expect(n8n?.healthcheck?.test.join(' ')).toContain('/healthz');
		expect(compose.services['files-init']?.user).toBe('0:0');
		expect(compose.services['files-init']?.volumes).toEqual(['./data:/files']);
	});

	it("gives running work its grace: Docker's stop period is longer than SHUTDOWN_GRACE_MS", () => {
		const seconds = Number(/^(\d+)s$/.exec(sidecar?.stop_grace_period ?? '')?.[1]);
		expect(seconds * 1000).toBeGreaterThan(Number(sidecar?.environment.SHUTDOWN_GRACE_MS));
	});

	it('runs n8n from its own image with the package outside the data volume, and files under ~/.n8n-files', () => {
		expect(n8n?.build).toMatchObject({ context: '.', dockerfile: 'Dockerfile.n8n' });
		expect(n8n?.volumes).toEqual(['n8n_data:/home/node/.n8n', './data:/home/node/.n8n-files']);
		// n8n 2's default file access (~/.n8n-files) is kept: no override.
		expect(n8n?.environment).not.toHaveProperty('N8N_RESTRICT_FILE_ACCESS_TO');
		expect(sidecar?.volumes).toContain('models:/models');
		expect(compose.volumes).toHaveProperty('models');
	});
});

describe('docker-compose.gpu.yml', () => {
	it('adds the GPU reservation, the CUDA build and DEVICE=cuda', () => {
		const s = gpu.services.sidecar!;
		expect(s.deploy?.resources?.reservations?.devices).toEqual([{ driver: 'nvidia', count: 'all', capabilities: ['gpu'] }]);
		expect(s.build?.args).toMatchObject({ ORT_INSTALL: 'cuda12', DEVICE: 'cuda' });
		expect(s.build?.args?.RUNTIME_BASE).toMatch(/^nvidia\/cuda:12\.\d+\.\d+-cudnn-runtime-/);
		expect(s.environment.DEVICE).toBe('cuda');
	});
});

describe('docker-compose.scale.yml (several GPUs, n8n in queue mode)', () => {
	// Compose merges the x-sidecar / x-n8n anchors (<<) as the yaml parser does with merge keys on.
	const scale = parse(read('docker-compose.scale.yml'), { merge: true }) as Compose;
	const services = scale.services;
	const sidecars = Object.entries(services).filter(([name]) => /^sidecar-gpu\d+$/.test(name));
	const haproxy = read('deploy/compose/haproxy.cfg');

	it('runs one sidecar per GPU, each on its own device, each a server of the balancer checked on /readyz', () => {
		expect(sidecars.length).toBeGreaterThanOrEqual(2);
		const ids = sidecars.map(([, s]) => (s.deploy?.resources?.reservations?.devices?.[0] as { device_ids?: string[] } | undefined)?.device_ids);
		expect(new Set(ids.map((d) => d?.join())).size).toBe(sidecars.length);
		for (const [name, s] of sidecars) {
			expect(s.environment.DEVICE).toBe('cuda');
			expect(s.healthcheck?.test.join(' ')).toContain('/readyz');
			expect(haproxy).toMatch(new RegExp(`^ {2}server ${name} ${name}:8787 check$`, 'm'));
		}
		expect(haproxy.match(/^ {2}server /gm)).toHaveLength(sidecars.length);
		expect(haproxy).toMatch(/^ {2}option httpchk GET \/readyz$/m);
		expect(services.sidecars?.volumes).toContain('./deploy/compose/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro');
	});

	it('points the credential at the balancer by a name every sidecar accepts as Host', () => {
		expect(services.n8n?.environment.CREDENTIALS_OVERWRITE_DATA).toContain('"baseUrl":"http://sidecars:8787"');
		for (const [, s] of sidecars) expect(s.environment.ALLOWED_HOSTS.split(',')).toContain('sidecars');
	});

	it('runs n8n main and workers in queue mode on Postgres and Redis, sharing the encryption key, binary data in the database', () => {
		const main = services.n8n!;
		const worker = services['n8n-worker']!;
		expect((worker as Service & { command: string[] }).command[0]).toBe('worker');
		for (const s of [main, worker]) {
			expect(s.environment).toMatchObject({ EXECUTIONS_MODE: 'queue', DB_TYPE: 'postgresdb', QUEUE_BULL_REDIS_HOST: 'redis', N8N_DEFAULT_BINARY_DATA_MODE: 'database' });
			expect(s.environment.N8N_ENCRYPTION_KEY).toMatch(/^\$\{N8N_ENCRYPTION_KEY:\?/);
			expect(s.depends_on).toMatchObject({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
		}
		// A stopped worker finishes what it holds before Docker's SIGKILL.
		const grace = Number(/^(\d+)s$/.exec(worker.stop_grace_period ?? '')?.[1]);
		expect(grace).toBeGreaterThan(Number(worker.environment.N8N_GRACEFUL_SHUTDOWN_TIMEOUT));
		expect(read('.env.example')).toMatch(/^N8N_ENCRYPTION_KEY=/m);
		expect(read('.env.example')).toMatch(/^POSTGRES_PASSWORD=/m);
	});
});

describe('Dockerfile.gpu', () => {
	const text = read('Dockerfile.gpu');
	const arg = (name: string) => new RegExp(`^ARG ${name}=(.+)$`, 'm').exec(text)?.[1];

	it('defaults to a CUDA 12 + cuDNN 9 runtime with Node 22 or newer', () => {
		expect(arg('RUNTIME_BASE')).toMatch(/^nvidia\/cuda:12\.\d+\.\d+-cudnn-runtime-/);
		// cuDNN 9 ships with the CUDA >= 12.4 "cudnn" tags.
		expect(Number(/cuda:12\.(\d+)/.exec(arg('RUNTIME_BASE') ?? '')?.[1])).toBeGreaterThanOrEqual(4);
		expect(Number(/^node:(\d+)/.exec(arg('NODE_IMAGE') ?? '')?.[1])).toBeGreaterThanOrEqual(22);
		expect(arg('ORT_INSTALL')).toBe('cuda12');
	});

	it('takes DEVICE from a build argument, runs as non-root with a readiness HEALTHCHECK, and checks itself', () => {
		expect(arg('DEVICE')).toBe('cuda');
		expect(text).toMatch(/DEVICE=\$\{DEVICE\}/);
		expect(text).toMatch(/apt-get install[^\n]*ffmpeg[^\n]*tzdata/);
		expect(text).toMatch(/^USER sidecar$/m);
		expect(text).toMatch(/^HEALTHCHECK [\s\S]*\/readyz/m);
		expect(text).toMatch(/import\('pdfjs-dist\/legacy\/build\/pdf\.mjs'\)/);
		expect(text).toMatch(/cli\.js models verify/);
		// The sidecar's own node_modules (pdfjs-dist lives there) goes into the final stage.
		expect(text).toMatch(/^COPY --from=build \/app\/sidecar\/node_modules sidecar\/node_modules$/m);
	});

	it('builds the sidecar from its own package, whose build vendors the Moonshine weights', () => {
		expect(text).toMatch(/npm ci --workspace sidecar --include-workspace-root=false/);
		const sidecarPkg = JSON.parse(read('sidecar/package.json')) as { scripts: { build: string }; dependencies: Record<string, string>; devDependencies: Record<string, string> };
		expect(sidecarPkg.scripts.build).toMatch(/^tsc .*vendor-models\.mjs/);
		expect(sidecarPkg.devDependencies).toHaveProperty('typescript');
		// Its JavaScript would bring @huggingface/transformers and a second onnxruntime-node.
		expect(sidecarPkg.dependencies).not.toHaveProperty('@moonshine-ai/moonshine-js');
	});
});

describe('files every deployment path relies on', () => {
	it('copies only files that exist (after npm run build)', () => {
		for (const file of ['Dockerfile.gpu', 'Dockerfile.n8n']) {
			for (const m of read(file).matchAll(/^COPY (?!--from)(?:--\S+ )*([^\n]+)$/gm)) {
				const sources = m[1]!.trim().split(/\s+/).slice(0, -1);
				for (const src of sources) expect(fs.existsSync(path.join(root, src)), `${file}: ${src}`).toBe(true);
			}
		}
	});

	it('never ships or commits .env', () => {
		expect(read('.gitignore').split('\n')).toContain('.env');
		expect(read('.dockerignore').split('\n')).toContain('.env');
		expect(read('.env.example')).toMatch(/^SIDECAR_API_KEY=/m);
	});

	it('example workflows run on a default n8n 2: no $env, files only under ~/.n8n-files', () => {
		for (const file of fs.readdirSync(path.join(root, 'examples/workflows'))) {
			const text = read(`examples/workflows/${file}`);
			expect(text, file).not.toMatch(/\$env/);
			for (const m of text.matchAll(/"(?:fileSelector|fileName)": "=?([^"]+)"/g)) {
				if (m[1]!.includes('/')) expect(m[1], file).toMatch(/^\.n8n-files\//);
			}
		}
	});
});
