/** The root package is an n8n community package: no runtime dependencies, and every declared file is built. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GpuInferenceSidecarApi } from '../../credentials/GpuInferenceSidecarApi.credentials';

const root = path.join(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
	name: string;
	keywords: string[];
	dependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	n8n: { nodes: string[]; credentials: string[] };
	files: string[];
};

describe('n8n community package', () => {
	it('is named and tagged as a community node package', () => {
		expect(pkg.name).toBe('n8n-nodes-gpu-inference');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.files).toEqual(['dist', 'LICENSE']);
	});

	it("has a codex per node that n8n's node creator finds by the words users search for", () => {
		const codex = (node: string) => JSON.parse(fs.readFileSync(path.join(root, 'nodes', node, `${node}.node.json`), 'utf8')) as { node: string; categories: string[]; alias: string[] };
		const words: Record<string, string[]> = {
			OcrInvoice: ['receipt', 'bill', 'pdf', 'scan', 'ocr'],
			OcrTable: ['table', 'pdf', 'scan', 'csv', 'excel', 'ocr'],
			TranscribeAudio: ['speech', 'audio', 'subtitles', 'srt', 'whisper'],
			GpuStatus: ['gpu', 'ocr'],
		};
		for (const [node, expected] of Object.entries(words)) {
			const c = codex(node);
			expect(c.node).toBe(`n8n-nodes-gpu-inference.${node[0]!.toLowerCase()}${node.slice(1)}`);
			expect(c.alias).toEqual(expect.arrayContaining(expected));
			// n8n 2.8's editor files "AI" nodes apart: its "What happens next?" search then never lists them
			// (seen in the real editor: "receipt" found nothing, "OCR" listed GPU Status but not OCR Invoice).
			expect(c.categories, node).not.toContain('AI');
			expect(c.categories.length).toBeGreaterThan(0);
		}
	});

	it('has no runtime dependencies and n8n-workflow as its only peer', () => {
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	});

	it('declares built nodes and credentials that exist, and whose code loads', async () => {
		expect(pkg.n8n.credentials).toEqual(['dist/credentials/GpuInferenceSidecarApi.credentials.js']);
		expect(pkg.n8n.nodes).toEqual(['dist/nodes/GpuStatus/GpuStatus.node.js', 'dist/nodes/OcrInvoice/OcrInvoice.node.js', 'dist/nodes/OcrTable/OcrTable.node.js', 'dist/nodes/TranscribeAudio/TranscribeAudio.node.js']);
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			const full = path.join(root, file);
			expect(fs.existsSync(full), `${file} (run npm run build)`).toBe(true);
			const mod = (await import(full)) as Record<string, unknown>;
			expect(Object.keys(mod).length, file).toBeGreaterThan(0);
		}
		// The build must not ship the sidecar (icons from its node_modules would otherwise be copied).
		expect(fs.existsSync(path.join(root, 'dist/sidecar'))).toBe(false);
	});

	it('ships node icons next to the built nodes', () => {
		for (const icon of ['GpuStatus/gpuStatus.svg', 'OcrInvoice/ocrInvoice.svg', 'OcrTable/ocrTable.svg', 'OcrTable/ocrTable.dark.svg', 'TranscribeAudio/transcribeAudio.svg']) {
			expect(fs.existsSync(path.join(root, 'dist/nodes', icon)), icon).toBe(true);
		}
		expect(fs.existsSync(path.join(root, 'dist/credentials/gpuInference.svg'))).toBe(true);
	});

	it('has a credential with a Bearer header and a test request against the sidecar', () => {
		const cred = new GpuInferenceSidecarApi();
		expect(cred.name).toBe('gpuInferenceSidecarApi');
		expect(cred.authenticate.properties.headers).toEqual({ Authorization: '=Bearer {{$credentials.apiKey}}' });
		expect(cred.test.request.url).toBe('/v1/gpu-status');
		expect(cred.properties.map((p) => p.name)).toEqual(['baseUrl', 'apiKey']);
	});
});
