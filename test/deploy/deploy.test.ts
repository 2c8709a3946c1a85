/** No Docker engine here: the deployment files are parsed and held to what operators rely on. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';

const root = path.join(__dirname, '../..');
const read = (f: string) => fs.readFileSync(path.join(root, f), 'utf8');

type Service = {
	build?: { context: string; dockerfile?: string; args?: Record<string, string> };
	image?: string;
	environment: Record<string, string>;
	ports?: string[];
	expose?: string[];
	volumes?: string[];
	deploy?: { resources?: { reservations?: { devices?: Array<{ driver: string; capabilities: string[] }> } } };
	healthcheck?: { test: string[] };
	depends_on?: Record<string, { condition: string }>;
};
const compose = parse(read('docker-compose.yml')) as { services: Record<string, Service>; volumes: Record<string, unknown> };

describe('docker-compose.yml', () => {
	const { sidecar, n8n } = compose.services;

	it('builds the sidecar from Dockerfile.gpu with a GPU reservation', () => {
		expect(sidecar?.build).toMatchObject({ context: '.', dockerfile: 'Dockerfile.gpu' });
		expect(sidecar?.deploy?.resources?.reservations?.devices).toEqual([{ driver: 'nvidia', count: 'all', capabilities: ['gpu'] }]);
	});

	it('keeps the sidecar off the host network, reachable from n8n', () => {
		expect(sidecar?.ports).toBeUndefined();
		expect(sidecar?.expose).toEqual(['8787']);
		expect(n8n?.environment.CREDENTIALS_OVERWRITE_DATA).toContain('"baseUrl":"http://sidecar:8787"');
	});

	it('passes one API key variable to both services', () => {
		expect(sidecar?.environment.API_KEY).toMatch(/^\$\{SIDECAR_API_KEY:\?/);
		expect(n8n?.environment.CREDENTIALS_OVERWRITE_DATA).toMatch(/"apiKey":"\$\{SIDECAR_API_KEY/);
	});

	it('health-checks the sidecar on /readyz and starts n8n after it is healthy', () => {
		expect(sidecar?.healthcheck?.test.join(' ')).toContain('/readyz');
		expect(n8n?.depends_on?.sidecar?.condition).toBe('service_healthy');
		expect(n8n?.healthcheck?.test.join(' ')).toContain('/healthz');
	});

	it('mounts a models volume and the community package as an installed package', () => {
		expect(sidecar?.volumes).toContain('models:/models');
		expect(sidecar?.environment.MODELS_DIR).toBe('/models');
		expect(compose.volumes).toHaveProperty('models');
		expect(n8n?.volumes).toContain('./dist:/home/node/.n8n/nodes/node_modules/n8n-nodes-gpu-inference/dist:ro');
		expect(n8n?.image).toMatch(/^docker\.n8n\.io\/n8nio\/n8n:/);
	});

	it('has a CPU-only override that drops the GPU reservation', () => {
		const text = read('docker-compose.cpu.yml');
		// `!reset` (Compose >= 2.24) removes the base file's GPU reservation; YAML keeps the tag on the node.
		const doc = parseDocument(text);
		const deploy = doc.getIn(['services', 'sidecar', 'deploy'], true) as { tag?: string };
		expect(deploy.tag).toBe('!reset');
		const cpu = doc.toJS() as { services: { sidecar: { environment: Record<string, string>; build: { args: Record<string, string> } } } };
		expect(cpu.services.sidecar.environment.DEVICE).toBe('cpu');
		expect(cpu.services.sidecar.build.args.ORT_INSTALL).toBe('skip');
	});
});

describe('Dockerfile.gpu', () => {
	const text = read('Dockerfile.gpu');
	const arg = (name: string) => new RegExp(`^ARG ${name}=(.+)$`, 'm').exec(text)?.[1];

	it('runs on a CUDA 12 + cuDNN 9 runtime base with Node 22 or newer', () => {
		expect(arg('RUNTIME_BASE')).toMatch(/^nvidia\/cuda:12\.\d+\.\d+-cudnn-runtime-/);
		// cuDNN 9 ships with the CUDA >= 12.4 "cudnn" tags.
		expect(Number(/cuda:12\.(\d+)/.exec(arg('RUNTIME_BASE') ?? '')?.[1])).toBeGreaterThanOrEqual(4);
		expect(Number(/^node:(\d+)/.exec(arg('NODE_IMAGE') ?? '')?.[1])).toBeGreaterThanOrEqual(22);
	});

	it('installs the CUDA 12 execution provider, ffmpeg, runs as non-root with a readiness HEALTHCHECK', () => {
		expect(arg('ORT_INSTALL')).toBe('cuda12');
		expect(text).toMatch(/ONNXRUNTIME_NODE_INSTALL=cuda12/);
		expect(text).toMatch(/apt-get install[^\n]*ffmpeg/);
		expect(text).toMatch(/^USER sidecar$/m);
		expect(text).toMatch(/^HEALTHCHECK [\s\S]*\/readyz/m);
		expect(text).toMatch(/^CMD \["node", "sidecar\/dist\/cli\.js", "serve"\]$/m);
	});

	it('builds the sidecar from its own package: its build tools are its own devDependencies', () => {
		// The image installs only the sidecar workspace (npm ci --workspace sidecar), so the root's tools are absent.
		expect(text).toMatch(/npm ci --workspace sidecar --include-workspace-root=false/);
		const sidecarPkg = JSON.parse(read('sidecar/package.json')) as { scripts: { build: string }; devDependencies: Record<string, string> };
		expect(sidecarPkg.scripts.build).toMatch(/^tsc /);
		expect(sidecarPkg.devDependencies).toHaveProperty('typescript');
		expect(sidecarPkg.devDependencies).toHaveProperty('@types/node');
	});

	it('copies only files that exist in the repository', () => {
		for (const m of text.matchAll(/^COPY (?!--from)([^\n]+)$/gm)) {
			const sources = m[1]!.trim().split(/\s+/).slice(0, -1);
			for (const src of sources) expect(fs.existsSync(path.join(root, src)), src).toBe(true);
		}
	});
});
