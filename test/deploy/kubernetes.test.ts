/**
 * The Kubernetes manifests (deploy/kubernetes): every object of the base and of the CPU overlay
 * (its patches applied as kustomize applies them) validates against the Kubernetes schemas
 * (kubernetes-models), and holds what operators rely on: the sidecar's settings parse with the
 * sidecar's own config reader, probes on the real routes, the autoscaler's metric is one the
 * sidecar exports, n8n main and workers share one queue-mode configuration, Services select pods.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { loadConfig } from '../../sidecar/src/config/config';
import { createMetrics } from '../../sidecar/src/metrics/metrics';

const dir = path.join(__dirname, '../../deploy/kubernetes');
type Obj = { apiVersion: string; kind: string; metadata: { name: string }; spec?: any; data?: Record<string, string> };
type Kustomization = { resources: string[]; images?: Array<{ name: string; newTag: string }>; patches?: Array<{ target: { kind: string; name: string }; patch: string }> };

type Schema = new (data: any) => { validate(): void };
/** The schemas by apiVersion/kind (kubernetes-models is ESM only: imported when the test runs). */
async function schemas(): Promise<Record<string, Schema>> {
	const [core, apps, autoscaling, batch, policy] = await Promise.all([
		import('kubernetes-models/v1'),
		import('kubernetes-models/apps/v1'),
		import('kubernetes-models/autoscaling/v2'),
		import('kubernetes-models/batch/v1'),
		import('kubernetes-models/policy/v1'),
	]);
	return {
		'apps/v1/Deployment': apps.Deployment,
		'apps/v1/StatefulSet': apps.StatefulSet,
		'v1/Service': core.Service,
		'v1/ConfigMap': core.ConfigMap,
		'v1/PersistentVolumeClaim': core.PersistentVolumeClaim,
		'batch/v1/Job': batch.Job,
		'policy/v1/PodDisruptionBudget': policy.PodDisruptionBudget,
		'autoscaling/v2/HorizontalPodAutoscaler': autoscaling.HorizontalPodAutoscaler,
	};
}

/** JSON Pointer → path segments (RFC 6901: ~1 is /, ~0 is ~). */
const pointer = (p: string) => p.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));

/** The RFC 6902 operations the overlays use: test, replace, remove, add. */
function applyPatch(doc: any, ops: Array<{ op: string; path: string; value?: unknown }>): void {
	for (const { op, path: p, value } of ops) {
		const keys = pointer(p);
		const last = keys.pop()!;
		const parent = keys.reduce((o, k) => o?.[k], doc);
		if (parent === undefined || (op !== 'add' && !(last in parent))) throw new Error(`${op} ${p}: no such path`);
		if (op === 'test') expect(parent[last], p).toEqual(value);
		else if (op === 'replace' || op === 'add') parent[last] = value;
		else if (op === 'remove') Array.isArray(parent) ? parent.splice(Number(last), 1) : delete parent[last];
		else throw new Error(`unsupported op ${op}`);
	}
}

/** What `kubectl apply -k <folder>` would send: resources, image tags, patches. */
function render(folder: string): Obj[] {
	const k = parse(fs.readFileSync(path.join(dir, folder, 'kustomization.yaml'), 'utf8')) as Kustomization;
	const objects = k.resources.flatMap((r) =>
		fs.statSync(path.join(dir, folder, r)).isDirectory() ? render(path.join(folder, r)) : parseAllDocuments(fs.readFileSync(path.join(dir, folder, r), 'utf8')).map((d) => d.toJS() as Obj),
	);
	for (const o of objects) {
		for (const c of [...(o.spec?.template?.spec?.containers ?? []), ...(o.spec?.template?.spec?.initContainers ?? [])]) {
			const image = k.images?.find((i) => i.name === c.image.split(':')[0]);
			if (image) c.image = `${image.name}:${image.newTag}`;
		}
	}
	for (const patch of k.patches ?? []) {
		const target = objects.find((o) => o.kind === patch.target.kind && o.metadata.name === patch.target.name);
		expect(target, `${patch.target.kind}/${patch.target.name}`).toBeDefined();
		applyPatch(target, parse(patch.patch) as Array<{ op: string; path: string; value?: unknown }>);
	}
	return objects;
}

const find = (objects: Obj[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name)!;
const sidecarOf = (objects: Obj[]) => find(objects, 'Deployment', 'gpu-inference-sidecar').spec.template.spec;
const envOf = (container: { env: Array<{ name: string; value?: string; valueFrom?: unknown }> }) => Object.fromEntries(container.env.map((e) => [e.name, e.value ?? e.valueFrom]));

describe.each(['base', 'overlays/cpu'])('Kubernetes manifests: %s', (folder) => {
	const objects = render(folder);
	const gpu = folder === 'base';

	it('validates every object against the Kubernetes schemas', async () => {
		expect(objects.length).toBeGreaterThan(10);
		const known = await schemas();
		for (const o of objects) {
			const Schema = known[`${o.apiVersion}/${o.kind}`];
			expect(Schema, `${o.apiVersion} ${o.kind} has no schema here`).toBeDefined();
			expect(() => new Schema!(o).validate(), `${o.kind}/${o.metadata.name}`).not.toThrow();
		}
	});

	it('runs the sidecar with settings its own config reader accepts, on the device the variant says', () => {
		const pod = sidecarOf(objects);
		const container = pod.containers[0];
		const env = envOf(container);
		expect(env.API_KEY).toEqual({ secretKeyRef: { name: 'gpu-inference-api-key', key: 'API_KEY' } });
		const plain = Object.fromEntries(Object.entries(env).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
		const config = loadConfig({ ...plain, API_KEY: 'k'.repeat(32) });
		expect(config.device).toBe(gpu ? 'cuda' : 'cpu');
		expect(config.host).toBe('0.0.0.0');
		expect(container.image).toBe(`gpu-inference-sidecar:${gpu ? 'gpu' : 'cpu'}`);
		expect(container.resources.limits['nvidia.com/gpu']).toBe(gpu ? 1 : undefined);
		expect(pod.nodeSelector !== undefined).toBe(gpu);
		// Kubernetes waits for running jobs longer than the sidecar lets them run on shutdown.
		expect(pod.terminationGracePeriodSeconds * 1000).toBeGreaterThan(config.shutdownGraceMs);
		expect(container.readinessProbe.httpGet.path).toBe('/readyz');
		expect(container.livenessProbe.httpGet.path).toBe('/healthz');
		// The shared models volume, read-only, filled by the pull Job from the same claim.
		const models = container.volumeMounts.find((m: { name: string }) => m.name === 'models');
		expect(models).toMatchObject({ mountPath: config.modelsDir, readOnly: true });
		const claim = pod.volumes.find((v: { name: string }) => v.name === 'models').persistentVolumeClaim.claimName;
		expect(find(objects, 'PersistentVolumeClaim', claim).spec.accessModes).toContain('ReadWriteMany');
		const pull = find(objects, 'Job', 'gpu-inference-models-pull').spec.template.spec;
		expect(pull.containers[0].command.slice(2, 4)).toEqual(['models', 'pull']);
		expect(pull.volumes[0].persistentVolumeClaim.claimName).toBe(claim);
	});

	it('scales the sidecar on a metric it exports (queue depth) on GPU, on CPU utilisation on CPU', async () => {
		const hpa = find(objects, 'HorizontalPodAutoscaler', 'gpu-inference-sidecar');
		const metric = hpa.spec.metrics[0];
		if (gpu) {
			expect(metric.type).toBe('Pods');
			const exported = await createMetrics().registry.getMetricsAsJSON();
			expect(exported.map((m) => m.name)).toContain(metric.pods.metric.name);
		} else expect(metric).toMatchObject({ type: 'Resource', resource: { name: 'cpu' } });
		expect(find(objects, 'PodDisruptionBudget', 'gpu-inference-sidecar').spec.maxUnavailable).toBe(1);
	});

	it('runs n8n in queue mode: main and workers share one database, queue, key and binary-data mode that is not the filesystem', () => {
		const shared = find(objects, 'ConfigMap', 'n8n-queue-mode').data!;
		expect(shared).toMatchObject({ EXECUTIONS_MODE: 'queue', DB_TYPE: 'postgresdb', QUEUE_BULL_REDIS_HOST: 'n8n-redis', DB_POSTGRESDB_HOST: 'n8n-postgres' });
		expect(shared.N8N_DEFAULT_BINARY_DATA_MODE).not.toBe('filesystem');
		// The sidecar's Service name is what n8n may call and what the sidecar answers to.
		expect(shared.N8N_SSRF_ALLOWED_HOSTNAMES).toBe('gpu-inference-sidecar');
		expect(envOf(sidecarOf(objects).containers[0]).ALLOWED_HOSTS).toMatch(/^gpu-inference-sidecar,/);
		for (const name of ['n8n-main', 'n8n-worker']) {
			const c = find(objects, 'Deployment', name).spec.template.spec.containers[0];
			expect(c.envFrom, name).toEqual([{ configMapRef: { name: 'n8n-queue-mode' } }, { secretRef: { name: 'n8n-secrets' } }]);
		}
		expect(find(objects, 'Deployment', 'n8n-worker').spec.template.spec.containers[0].args[0]).toBe('worker');
	});

	it('has every Service select pods that exist, on a port they expose', () => {
		for (const s of objects.filter((o) => o.kind === 'Service')) {
			const pods = objects.filter((o) => o.spec?.template && Object.entries(s.spec.selector).every(([k, v]) => o.spec.template.metadata.labels?.[k] === v));
			expect(pods.length, s.metadata.name).toBeGreaterThan(0);
			const ports = pods.flatMap((p) => p.spec.template.spec.containers.flatMap((c: { ports?: Array<{ name: string }> }) => c.ports ?? []).map((p: { name: string }) => p.name));
			for (const port of s.spec.ports) expect(ports, s.metadata.name).toContain(port.targetPort);
		}
	});
});

describe('Kubernetes README', () => {
	it('makes every secret the manifests read', () => {
		const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
		const secrets = new Set([...JSON.stringify(render('base')).matchAll(/"(?:secretKeyRef|secretRef)":\{"name":"([^"]+)"/g)].map((m) => m[1]));
		expect([...secrets].sort()).toEqual(['gpu-inference-api-key', 'n8n-secrets']);
		for (const s of secrets) expect(readme).toContain(`kubectl create secret generic ${s}`);
		for (const key of ['N8N_ENCRYPTION_KEY', 'DB_POSTGRESDB_PASSWORD', 'CREDENTIALS_OVERWRITE_DATA', 'API_KEY']) expect(readme).toContain(`${key}=`);
	});
});
