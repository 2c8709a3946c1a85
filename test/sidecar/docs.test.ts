/**
 * The operators' API page at /docs, rendered by a real browser (Debian's chromium, headless, driven
 * by puppeteer-core): the served OpenAPI document's routes appear, and the bearer key can be entered.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSidecar, TEST_API_KEY, type TestSidecar } from '../helpers/sidecar';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
let sidecar: TestSidecar;
let browser: Browser;

beforeAll(async () => {
	if (!CHROMIUM) throw new Error('no chromium: install Debian\'s "chromium" package (bash .ci/run does)');
	sidecar = await startTestSidecar({ API_KEY: TEST_API_KEY, PRELOAD_MODELS: 'none' });
	browser = await puppeteer.launch({
		executablePath: CHROMIUM,
		headless: true,
		userDataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-')),
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
	});
}, 120_000);
afterAll(async () => {
	await browser?.close();
	await sidecar?.close();
});

describe('GET /docs', () => {
	it('renders the served contract in a browser, with every route and a place for the API key', async () => {
		const page = await browser.newPage();
		await page.goto(`${sidecar.url}/docs`, { waitUntil: 'networkidle0' });
		// RapiDoc renders into its shadow DOM once it has fetched /openapi.json.
		const text = await page.waitForFunction(
			() => {
				// Runs in the page: its `document`, which this (Node) file's types do not know.
				const doc = (globalThis as unknown as { document: { querySelector(s: string): { shadowRoot: { textContent: string | null } | null } | null } }).document;
				const root = doc.querySelector('rapi-doc')?.shadowRoot;
				const t = root?.textContent ?? '';
				return t.includes('/v1/transcribe') ? t : false;
			},
			{ timeout: 30_000 },
		);
		const rendered = (await text.jsonValue()) as string;
		for (const route of ['/v1/ocr', '/v1/ocr/invoice', '/v1/ocr/table', '/v1/transcribe', '/v1/gpu-status', '/readyz']) expect(rendered).toContain(route);
		expect(rendered).toMatch(/AUTHENTICATION/i);
		expect(rendered).toMatch(/bearer/i);
		await page.close();
	}, 60_000);
});
