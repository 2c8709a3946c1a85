/**
 * Screenshots of the nodes in a real n8n editor (n8n 2.8.4, headless Debian chromium driven by
 * puppeteer-core), for the README and for review by eye:
 *   node --import tsx scripts/screenshots.ts [out-dir=screenshots]
 * Needs: `npm run build`, n8n installed by scripts/install-n8n.sh, and Debian's chromium. It starts
 * the built sidecar and n8n with this package linked as a community package (the example
 * workflows and a credential imported), creates the owner account, and saves:
 *   creator-receipt.png: the node creator searched for "receipt";
 *   panel-<node>.png: each node's panel;
 *   output-ocr-invoice.png: an executed invoice flow, OCR Invoice's output in table view.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Page } from 'puppeteer-core';
import { freePort, startCliSidecar } from '../test/helpers/cliSidecar';
import { businessPage, renderPage } from '../test/helpers/documents';
import { n8nEnv } from '../test/helpers/n8nEnv';

const repo = path.join(__dirname, '..');
const out = path.resolve(process.argv[2] ?? 'screenshots');
const n8nDir = process.env.N8N_E2E_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'n8n-nodes-gpu-inference', `n8n-${process.env.N8N_VERSION ?? '2.8.4'}`);
const n8nBin = path.join(n8nDir, 'node_modules/.bin/n8n');
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
const OWNER = { email: 'owner@example.com', firstName: 'Ada', lastName: 'Owner', password: 'Screenshots-2026' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The flow the output screenshot executes: a file from ~/.n8n-files → OCR Invoice. */
function invoiceFlow(): object {
	const node = (name: string, type: string, position: [number, number], parameters: object, extra: object = {}) => ({ id: name.replace(/\W/g, ''), name, type, typeVersion: 1, position, parameters, ...extra });
	return {
		id: 'screenshotInvoice',
		name: 'Screenshot: one invoice',
		active: false,
		settings: {},
		connections: {
			'When clicking Execute workflow': { main: [[{ node: 'Read invoice', type: 'main', index: 0 }]] },
			'Read invoice': { main: [[{ node: 'OCR Invoice', type: 'main', index: 0 }]] },
		},
		nodes: [
			node('When clicking Execute workflow', 'n8n-nodes-base.manualTrigger', [0, 0], {}),
			node('Read invoice', 'n8n-nodes-base.readWriteFile', [220, 0], { operation: 'read', fileSelector: '.n8n-files/invoice.png', options: {} }),
			node('OCR Invoice', 'n8n-nodes-gpu-inference.ocrInvoice', [440, 0], { binaryPropertyName: 'data', language: 'auto', options: {} }, { credentials: { gpuInferenceSidecarApi: { id: 'gpuSidecarCred', name: 'GPU Inference Sidecar' } } }),
		],
	};
}

async function shot(page: Page, name: string): Promise<void> {
	await sleep(1500);
	await page.screenshot({ path: path.join(out, name) });
	console.log(`saved ${path.join(out, name)}`);
}

async function openWorkflow(page: Page, base: string, id: string): Promise<void> {
	await page.goto(`${base}/workflow/${id}`, { waitUntil: 'networkidle2', timeout: 60_000 });
	await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 60_000 });
}

async function openNode(page: Page, name: string): Promise<void> {
	const node = await page.waitForSelector(`[data-test-id="canvas-node"][data-node-name="${name}"]`, { timeout: 30_000 });
	await node!.click({ count: 2 });
	await page.waitForSelector('[data-test-id="ndv"]', { timeout: 30_000 });
}

async function main(): Promise<void> {
	if (!CHROMIUM) throw new Error('no chromium: apt-get install chromium');
	if (!fs.existsSync(n8nBin)) throw new Error(`no n8n at ${n8nBin}: run bash scripts/install-n8n.sh`);
	fs.mkdirSync(out, { recursive: true });
	const home = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-shots-'));
	const nodesDir = path.join(home, '.n8n/nodes/node_modules');
	fs.mkdirSync(nodesDir, { recursive: true });
	fs.symlinkSync(repo, path.join(nodesDir, 'n8n-nodes-gpu-inference'));
	fs.mkdirSync(path.join(home, '.n8n-files'), { recursive: true });
	fs.writeFileSync(path.join(home, '.n8n-files/invoice.png'), await renderPage(businessPage('en'), { dpi: 150 }));

	const sidecar = await startCliSidecar({ PRELOAD_MODELS: 'pp-ocrv4' });
	const port = await freePort();
	const env = n8nEnv(home, { N8N_PORT: String(port), N8N_SECURE_COOKIE: 'false' });
	const cli = (args: string[]) => execFileSync('timeout', ['-s', 'KILL', '120', n8nBin, ...args], { env, cwd: home, stdio: 'ignore' });
	fs.writeFileSync(path.join(home, 'creds.json'), JSON.stringify([{ id: 'gpuSidecarCred', name: 'GPU Inference Sidecar', type: 'gpuInferenceSidecarApi', data: { baseUrl: sidecar.url, apiKey: '' } }]));
	fs.writeFileSync(path.join(home, 'flow.json'), JSON.stringify(invoiceFlow()));
	cli(['import:credentials', `--input=${path.join(home, 'creds.json')}`]);
	// The examples as shipped, each under an id the script can open.
	const flows = path.join(home, 'flows');
	fs.mkdirSync(flows);
	for (const f of fs.readdirSync(path.join(repo, 'examples/workflows'))) {
		const wf = JSON.parse(fs.readFileSync(path.join(repo, 'examples/workflows', f), 'utf8')) as object;
		fs.writeFileSync(path.join(flows, f), JSON.stringify({ ...wf, id: f.replace(/\.json$/, '').replace(/\W/g, '') }));
	}
	cli(['import:workflow', '--separate', `--input=${flows}`]);
	cli(['import:workflow', `--input=${path.join(home, 'flow.json')}`]);
	const log = fs.openSync(path.join(out, 'n8n.log'), 'w');
	const n8n = spawn(n8nBin, ['start'], { env, cwd: home, stdio: ['ignore', log, log], detached: true });
	const base = `http://127.0.0.1:${port}`;
	const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, userDataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-')), args: ['--no-sandbox', '--disable-dev-shm-usage'] });
	let page: Page | undefined;
	try {
		// The editor's pages are served a little after /healthz answers, and for a while after start
		// n8n may still answer its setup page with a bare "Cannot GET /setup": wait for the editor's own page.
		const editorServed = () => fetch(`${base}/setup`, { headers: { accept: 'text/html' } }).then(async (r) => r.ok && /<div id="app"|<script/i.test(await r.text()), () => false);
		for (let i = 0; i < 240 && !(await editorServed()); i++) await sleep(500);
		page = await browser.newPage();
		await page.setViewport({ width: 1440, height: 900 });

		// The owner account, as a new user makes it (the page loaded again if the form does not come).
		for (let attempt = 1; ; attempt++) {
			await page.goto(`${base}/setup`, { waitUntil: 'networkidle2', timeout: 60_000 });
			const form = await page.waitForSelector('[data-test-id="setup-form"] input', { timeout: 30_000 }).then(() => true, () => false);
			if (form) break;
			if (attempt === 4) throw new Error(`the setup form did not come after ${attempt} loads of ${base}/setup`);
			await sleep(5000);
		}
		await page.type('input[autocomplete="email"]', OWNER.email);
		await page.type('input[autocomplete="given-name"]', OWNER.firstName);
		await page.type('input[autocomplete="family-name"]', OWNER.lastName);
		await page.type('input[autocomplete="new-password"]', OWNER.password);
		await page.keyboard.press('Enter');
		await page.waitForFunction(() => !location.pathname.startsWith('/setup'), { timeout: 60_000 });

		// The node creator, searched as a user would search for an invoice node. (On an empty canvas it
		// offers triggers only, so from a workflow that has one.)
		await openWorkflow(page, base, 'screenshotInvoice');
		await page.click('[data-test-id="node-creator-plus-button"]');
		await page.waitForSelector('[data-test-id="node-creator-search-bar"] input, [data-test-id="search-bar"] input', { timeout: 30_000 });
		await page.keyboard.type(process.env.SEARCH ?? 'receipt');
		await page.waitForSelector('[data-test-id="node-creator-item-name"]', { timeout: 30_000 });
		await shot(page, 'creator-receipt.png');

		// Each node's panel, from the example workflows.
		const panels: Array<[string, string]> = [
			['invoices-to-spreadsheet', 'OCR Invoice'],
			['tables-to-spreadsheet', 'OCR Table'],
			['transcribe-upload', 'Transcribe Audio'],
			['gpu-watchdog', 'GPU Status'],
		];
		for (const [file, nodeName] of panels) {
			await openWorkflow(page, base, file.replace(/\W/g, ''));
			await openNode(page, nodeName);
			await shot(page, `panel-${nodeName.toLowerCase().replace(/\s+/g, '-')}.png`);
		}

		// An executed flow: OCR Invoice's output in table view.
		await openWorkflow(page, base, 'screenshotInvoice');
		await page.click('[data-test-id="execute-workflow-button"]');
		await page.waitForSelector('[data-test-id="canvas-node"][data-node-name="OCR Invoice"] [data-test-id="canvas-node-status-success"]', { timeout: 120_000 });
		await page.setViewport({ width: 1920, height: 1000 });
		await openNode(page, 'OCR Invoice');
		// The output in table view, with the invoice's number read.
		await page.waitForFunction(() => document.body.innerText.includes('INV-2024-0917'), { timeout: 30_000 });
		await shot(page, 'output-ocr-invoice.png');
	} catch (err) {
		// What the editor showed when a step failed, to see why.
		await page?.screenshot({ path: path.join(out, 'failed.png') }).catch(() => undefined);
		console.error(`failed at ${page?.url() ?? '(no page)'}; see ${path.join(out, 'failed.png')}; the sidecar said:\n${sidecar.output().slice(-3000)}`);
		throw err;
	} finally {
		await browser.close();
		try {
			process.kill(-n8n.pid!, 'SIGKILL');
		} catch {
			// already gone
		}
		await sidecar.stop();
	}
}

main().catch((err: unknown) => {
	console.error(err);
	process.exit(1);
});
