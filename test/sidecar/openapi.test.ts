/** The OpenAPI document is the contract: routes, the nodes' client and real answers must agree with it. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIDECAR_ROUTES } from '../../nodes/shared/routes';
import { NODE_TYPES_PATH, nodeTypesText } from '../../scripts/node-types';
import { createApp } from '../../sidecar/src/app';
import { schemaValidator } from '../helpers/openapi';
import { startTestSidecar, type TestSidecar } from '../helpers/sidecar';

interface Layer {
	rawPath?: string;
	route?: { path: string; methods: Record<string, boolean> };
	handle?: { stack?: Layer[] };
}

/** Every [METHOD, path] the express app really registers, found by walking its router tree. */
function registeredRoutes(stack: Layer[], prefix = ''): string[] {
	const out: string[] = [];
	for (const layer of stack) {
		if (layer.route) {
			for (const m of Object.keys(layer.route.methods)) out.push(`${m.toUpperCase()} ${prefix}${layer.route.path}`);
		} else if (layer.handle?.stack) {
			const mount = layer.rawPath && layer.rawPath !== '/' ? layer.rawPath : '';
			out.push(...registeredRoutes(layer.handle.stack, prefix + mount));
		}
	}
	return out;
}

type Doc = {
	openapi: string;
	paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>>;
	components: { schemas: Record<string, object> };
};

let sidecar: TestSidecar;
let doc: Doc;

beforeAll(async () => {
	sidecar = await startTestSidecar({ PRELOAD_MODELS: 'silero-vad' });
	doc = (await (await fetch(`${sidecar.url}/openapi.json`)).json()) as Doc;
});
afterAll(async () => {
	await sidecar?.close();
});

const documented = () => Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));

describe('OpenAPI document', () => {
	it('is OpenAPI 3.1 and every $ref resolves', () => {
		expect(doc.openapi).toBe('3.1.0');
		const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/[A-Za-z]+"/g) ?? [];
		expect(refs.length).toBeGreaterThan(5);
		for (const ref of refs) expect(doc.components.schemas, ref).toHaveProperty(ref.slice(22, -1));
	});

	it('documents exactly the routes express registers', () => {
		const app = createApp(sidecar.ctx) as unknown as { router: { stack: Layer[] } };
		// Express writes parameters as :name, OpenAPI as {name}; the docs page's script is a static asset, not an operation.
		const routes = registeredRoutes(app.router.stack)
			.map((r) => r.replace(/:(\w+)/g, '{$1}'))
			.filter((r) => r !== 'GET /docs/rapidoc-min.js');
		expect(routes.sort()).toEqual(documented().sort());
	});

	it('gives the nodes their types: nodes/shared/contract.ts is generated from it (npm run node-types) and up to date', () => {
		expect(fs.readFileSync(NODE_TYPES_PATH, 'utf8')).toBe(nodeTypesText());
		// The nodes' names for the answers are all taken from it, none written again.
		expect(fs.readFileSync(path.join(__dirname, '../../nodes/shared/types.ts'), 'utf8')).not.toMatch(/^export interface /m);
	});

	it('contains every route the n8n nodes call, with the same method', () => {
		for (const [name, route] of Object.entries(SIDECAR_ROUTES)) {
			expect(documented(), name).toContain(`${route.method} ${route.path}`);
		}
	});

	it('describes the real answers of the GET routes (validated against their schemas)', async () => {
		const validate = schemaValidator(doc);
		// The check must be able to fail: an empty object is not a GpuStatus.
		expect(validate('GpuStatus', {})).toMatch(/must have required property/);
		let checked = 0;
		for (const [p, ops] of Object.entries(doc.paths)) {
			const schema = ops.get?.responses['200']?.content?.['application/json']?.schema as { $ref?: string } | undefined;
			// A templated path (/v1/progress/{requestId}) needs a request of its own to exist: the progress test validates it.
			if (!schema?.$ref || p.includes('{')) continue;
			const res = await fetch(`${sidecar.url}${p}`);
			expect(res.status, p).toBe(200);
			expect(validate(schema.$ref.split('/').pop()!, await res.json()), p).toBeNull();
			checked++;
		}
		expect(checked).toBeGreaterThanOrEqual(4);
	});
});
