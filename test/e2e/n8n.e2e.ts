/**
 * Real n8n (pinned, installed by scripts/install-n8n.sh) runs the shipped example workflows with
 * this package loaded as a community package, against the real sidecar. n8n keeps its 2.x
 * defaults: file access only under ~/.n8n-files, $env blocked. The workflows are imported as
 * shipped; only the credential is added and schedule/email triggers are swapped for a Manual
 * Trigger (the email's attachments read from disk and put on one item, as the IMAP trigger does).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JFK, JFK_TEXT, wer } from '../helpers/audio';
import * as XLSX from '@e965/xlsx';
import { businessPage, degrade, renderPage } from '../helpers/documents';
import { n8nEnv as sharedN8nEnv } from '../helpers/n8nEnv';
import { readRunOutput } from '../../scripts/n8n-run-output.cjs';
import { combine, drawingPdf, drawingPng, layoutTable, priceTable, salesTable } from '../helpers/tables';

const repo = path.join(__dirname, '../..');
const n8nDir = process.env.N8N_E2E_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'n8n-nodes-gpu-inference', `n8n-${process.env.N8N_VERSION ?? '2.8.4'}`);
const n8nBin = process.env.N8N_BIN ?? path.join(n8nDir, 'node_modules/.bin/n8n');
const API_KEY = 'e2e-key-0123456789abcdef';

interface Item {
	json: Record<string, unknown>;
	binary?: Record<string, { fileName?: string; mimeType: string }>;
	pairedItem?: unknown;
}
interface RunResult {
	data: { resultData: { runData: Record<string, Array<{ data?: { main: Array<Item[] | null> } }>>; error?: { message: string } } };
}

let sidecar: ChildProcess;
let sidecarUrl: string;
let userFolder: string;
let filesDir: string;

function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const srv = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
	});
}

function n8nEnv(): NodeJS.ProcessEnv {
	// --rawOutput prints through n8n's logger at info level: warn would swallow the result.
	return sharedN8nEnv(userFolder, { N8N_LOG_LEVEL: 'info' });
}

/** Every n8n CLI call runs under a hard timeout (a CLI run once hung at full CPU ignoring SIGTERM). */
function n8n(args: string[], timeoutMs = 120_000): Promise<{ code: number; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		// From its user folder, as `n8n start` runs from a user's home (the examples' paths are relative to it).
		execFile('timeout', ['-s', 'KILL', String(Math.ceil(timeoutMs / 1000)), n8nBin, ...args], { env: n8nEnv(), cwd: userFolder, maxBuffer: 256 << 20 }, (err, stdout, stderr) => {
			resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
		});
	});
}

async function run(workflowId: string): Promise<RunResult> {
	const r = await n8n(['execute', `--id=${workflowId}`, '--rawOutput']);
	try {
		return readRunOutput(r.stdout) as RunResult;
	} catch (err) {
		throw new Error(`${(err as Error).message} (exit ${r.code}) ${r.stderr.slice(0, 2000)}`);
	}
}

const outputOf = (result: RunResult, node: string, output = 0): Item[] => result.data.resultData.runData[node]?.[0]?.data?.main[output] ?? [];

function importWorkflow(file: string, id: string, patch: (wf: Record<string, unknown>) => void = () => undefined): Promise<{ code: number; stdout: string; stderr: string }> {
	const wf = JSON.parse(fs.readFileSync(path.join(repo, 'examples/workflows', file), 'utf8')) as Record<string, unknown>;
	wf.id = id;
	patch(wf);
	const out = path.join(userFolder, `${id}.json`);
	fs.writeFileSync(out, JSON.stringify(wf));
	return n8n(['import:workflow', `--input=${out}`]);
}

beforeAll(async () => {
	if (!fs.existsSync(n8nBin)) throw new Error(`no n8n at ${n8nBin}: run "npm run e2e:install" first`);
	if (!fs.existsSync(path.join(repo, 'dist/nodes/GpuStatus/GpuStatus.node.js'))) throw new Error('package not built: run "npm run build"');
	userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-'));
	// n8n 2's default: Read/Write Files from Disk may touch only ~/.n8n-files.
	filesDir = path.join(userFolder, '.n8n-files');
	fs.mkdirSync(path.join(filesDir, 'recordings'), { recursive: true });
	fs.copyFileSync(JFK, path.join(filesDir, 'recordings', 'jfk.wav'));
	fs.writeFileSync(path.join(filesDir, 'recordings', 'broken.wav'), Buffer.from('RIFF\0\0\0\0WAVEthis-is-not-audio'));
	fs.mkdirSync(path.join(filesDir, 'invoices', 'out'), { recursive: true });
	const acme = await renderPage(businessPage('en'), { dpi: 150 });
	fs.writeFileSync(path.join(filesDir, 'invoices', 'acme.png'), acme);
	fs.writeFileSync(path.join(filesDir, 'invoices', 'mueller.png'), await renderPage(businessPage('de'), { dpi: 150 }));
	fs.writeFileSync(path.join(filesDir, 'invoices', 'note.png'), await renderPage([{ text: 'Thank you for your visit', xMm: 20, yMm: 30, sizePt: 14 }], { dpi: 100, heightMm: 60 }));
	fs.writeFileSync(path.join(filesDir, 'invoices', 'broken.pdf'), Buffer.from('%PDF-1.4 not a real pdf'));
	// One email's attachments: a logo first (what attachment_0 often is), the invoice, a text file, a broken PDF.
	fs.mkdirSync(path.join(filesDir, 'mail'), { recursive: true });
	fs.writeFileSync(path.join(filesDir, 'mail', 'a-logo.png'), await renderPage([{ text: 'ACME', xMm: 5, yMm: 12, sizePt: 28 }], { dpi: 100, widthMm: 60, heightMm: 20 }));
	fs.writeFileSync(path.join(filesDir, 'mail', 'b-invoice.png'), acme);
	fs.writeFileSync(path.join(filesDir, 'mail', 'c-notes.txt'), 'Please find the invoice attached.');
	fs.writeFileSync(path.join(filesDir, 'mail', 'd-broken.pdf'), Buffer.from('%PDF-1.4 not a real pdf'));
	for (const dir of ['inbox', 'out', 'done']) fs.mkdirSync(path.join(filesDir, 'tables', dir), { recursive: true });
	const scan = await drawingPng(combine(layoutTable(priceTable('grid', 15))), 200, { heightMm: 70 });
	fs.writeFileSync(path.join(filesDir, 'tables', 'inbox', 'prices-scan.jpg'), await degrade(scan, { angleDeg: 1, noise: 10, jpegQuality: 60 }));
	fs.writeFileSync(path.join(filesDir, 'tables', 'inbox', 'sales.pdf'), drawingPdf([combine(layoutTable(salesTable('booktabs', 30)))]));
	fs.writeFileSync(path.join(filesDir, 'tables', 'inbox', 'broken.pdf'), Buffer.from('%PDF-1.4 not a real pdf'));
	// Load the package as an installed community package.
	const nodesDir = path.join(userFolder, '.n8n', 'nodes', 'node_modules');
	fs.mkdirSync(nodesDir, { recursive: true });
	fs.symlinkSync(repo, path.join(nodesDir, 'n8n-nodes-gpu-inference'));

	const port = await freePort();
	sidecarUrl = `http://127.0.0.1:${port}`;
	sidecar = spawn(process.execPath, [path.join(repo, 'sidecar/dist/cli.js'), 'serve'], {
		env: { PATH: process.env.PATH, PORT: String(port), API_KEY, DEVICE: 'auto', PRELOAD_MODELS: 'pp-ocrv4,moonshine-tiny,silero-vad', LOG_LEVEL: 'warn' },
		stdio: 'ignore',
	});
	for (let i = 0; i < 240 && !(await fetch(`${sidecarUrl}/readyz`).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 250));

	const creds = path.join(userFolder, 'creds.json');
	fs.writeFileSync(creds, JSON.stringify([{ id: 'gpuSidecarCred', name: 'GPU Inference Sidecar', type: 'gpuInferenceSidecarApi', data: { baseUrl: sidecarUrl, apiKey: API_KEY } }]));
	const c = await n8n(['import:credentials', `--input=${creds}`]);
	expect(c.code, c.stderr).toBe(0);
	// `n8n execute` starts from a Manual Trigger: the schedule is swapped for one, as a person testing the flow would.
	const w1 = await importWorkflow('gpu-watchdog.json', 'gpuWatchdog0001', (wf) => {
		const nodes = wf.nodes as Array<{ name: string; type: string; typeVersion: number; parameters: Record<string, unknown> }>;
		Object.assign(nodes.find((n) => n.type === 'n8n-nodes-base.scheduleTrigger')!, { type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });
	});
	expect(w1.code, w1.stderr).toBe(0);
	const w2 = await importWorkflow('transcribe-folder.json', 'transcribeDir01');
	expect(w2.code, w2.stderr).toBe(0);
	const w4 = await importWorkflow('invoices-to-spreadsheet.json', 'invoicesSheet01');
	expect(w4.code, w4.stderr).toBe(0);
	const w5 = await importWorkflow('tables-to-spreadsheet.json', 'tablesSheet0001', (wf) => {
		const nodes = wf.nodes as Array<{ name: string; type: string; typeVersion: number; parameters: Record<string, unknown> }>;
		Object.assign(nodes.find((n) => n.type === 'n8n-nodes-base.scheduleTrigger')!, { type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });
	});
	expect(w5.code, w5.stderr).toBe(0);
	// The IMAP trigger swapped for a Manual Trigger; the email's attachments are read from disk and
	// put on one item (attachment_0, attachment_0_1, …), the shape the trigger gives an email.
	const w6 = await importWorkflow('invoices-from-email.json', 'invoicesEmail01', (wf) => {
		const nodes = wf.nodes as Array<Record<string, unknown> & { name: string; parameters: Record<string, unknown> }>;
		Object.assign(nodes.find((n) => n.name === 'New Email')!, { type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {}, credentials: undefined });
		nodes.push(
			{ id: 'read-attachments', name: 'Attachments From Disk', type: 'n8n-nodes-base.readWriteFile', typeVersion: 1, position: [110, 150], parameters: { operation: 'read', fileSelector: '.n8n-files/mail/*', options: { dataPropertyName: 'attachment_0' } } },
			{ id: 'one-email', name: 'One Email', type: 'n8n-nodes-base.aggregate', typeVersion: 1, position: [160, 150], parameters: { aggregate: 'aggregateAllItemData', options: { includeBinaries: true } } },
		);
		const connections = wf.connections as Record<string, unknown>;
		connections['One Email'] = connections['New Email'];
		connections['Attachments From Disk'] = { main: [[{ node: 'One Email', type: 'main', index: 0 }]] };
		connections['New Email'] = { main: [[{ node: 'Attachments From Disk', type: 'main', index: 0 }]] };
	});
	expect(w6.code, w6.stderr).toBe(0);
	const w3 = await importWorkflow('transcribe-upload.json', 'transcribeUpld1');
	expect(w3.code, w3.stderr).toBe(0);
	const p = await n8n(['publish:workflow', '--id=transcribeUpld1']);
	expect(p.code, p.stderr).toBe(0);
});

let server: ChildProcess | undefined;

afterAll(() => {
	sidecar?.kill('SIGTERM');
	// n8n runs under `timeout` in a process group of its own: end the whole group, n8n included.
	if (server?.pid) {
		try {
			process.kill(-server.pid, 'SIGKILL');
		} catch {
			// already gone
		}
	}
});

describe('real n8n with n8n-nodes-gpu-inference', () => {
	it('GPU watchdog: GPU Status on this CPU machine takes the alert branch', async () => {
		const result = await run('gpuWatchdog0001');
		expect(result.data.resultData.error).toBeUndefined();
		const status = outputOf(result, 'GPU Status');
		expect(status).toHaveLength(1);
		expect(status[0]!.json).toMatchObject({ gpuActive: false, activeProvider: 'cpu' });
		const alert = outputOf(result, 'Compose Alert (Replace With Send Email)');
		expect(alert).toHaveLength(1);
		// In plain words for the alert; the technical reason is in `details` for the operator.
		expect(alert[0]!.json.alert).toBe('GPU inference sidecar is not on the GPU: The sidecar is running on the CPU because no NVIDIA GPU is visible to it.');
		expect(String(status[0]!.json.details)).toMatch(/^DEVICE=auto fell back to CPU/);
		expect(result.data.resultData.runData['All Good']).toBeUndefined();
	});

	/** The spreadsheet a flow wrote (its name carries the time): each row's file, number, date and total. */
	function writtenRows(dir: string, prefix: string): unknown[][] {
		const files = fs.readdirSync(dir).filter((f) => f.startsWith(prefix) && f.endsWith('.xlsx'));
		expect(files, `${prefix}*.xlsx in ${dir}`).toHaveLength(1);
		const book = XLSX.read(fs.readFileSync(path.join(dir, files[0]!)));
		const sheet = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets[book.SheetNames[0]!]!);
		return sheet.map((r) => [r.File, r['Invoice Number'], r['Invoice Date'], r.Total]).sort();
	}

	/** The folder flow: every input accounted for, fields read, weak and broken ones to review, an XLSX of the rest. */
	function expectInvoices(result: RunResult): void {
		const ocr = outputOf(result, 'OCR Invoice');
		expect(ocr).toHaveLength(4); // every input accounted for
		const byFile = (name: string) => ocr.find((i) => i.json.fileName === name)?.json;
		expect(byFile('acme.png')).toMatchObject({ invoiceNumber: 'INV-2024-0917', invoiceDate: '2024-03-12', total: 1541.4, needsReview: false });
		expect(byFile('mueller.png')).toMatchObject({ invoiceNumber: 'RE-2024-0458', total: 3710.9, currency: 'EUR', needsReview: false });
		expect(byFile('note.png')).toMatchObject({ needsReview: true, total: null });
		expect(ocr.some((i) => /broken\.pdf is not a readable PDF/.test(String(i.json.error)))).toBe(true);
		expect(outputOf(result, 'Needs Review?', 0)).toHaveLength(2);
		const rows = outputOf(result, 'Spreadsheet Row');
		expect(rows.map((r) => r.json['Invoice Number']).sort()).toEqual(['INV-2024-0917', 'RE-2024-0458']);
		const xlsx = outputOf(result, 'Invoices XLSX (Or Append to Google Sheets)');
		expect(xlsx).toHaveLength(1);
		expect(xlsx[0]!.binary?.data).toMatchObject({ fileName: 'invoices.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
		// The spreadsheet the flow wrote: one row per good invoice, the values as the node read them.
		expect(writtenRows(path.join(filesDir, 'invoices', 'out'), 'invoices-2')).toEqual([
			['acme.png', 'INV-2024-0917', '2024-03-12', 1541.4],
			['mueller.png', 'RE-2024-0458', '2024-02-14', 3710.9],
		]);
	}

	it('Invoices from a folder to a spreadsheet: fields per invoice, weak and broken files to review, an XLSX of the rest', async () => {
		expectInvoices(await run('invoicesSheet01'));
	});

	it('Invoices from email: every PDF and image attachment read (the logo too, to review), the text file skipped, the broken PDF an error item naming it', async () => {
		const result = await run('invoicesEmail01');
		expect(result.data.resultData.error).toBeUndefined();
		expect(outputOf(result, 'One Email')).toHaveLength(1);
		const ocr = outputOf(result, 'OCR Invoice');
		expect(ocr.map((i) => i.json.fileName).sort()).toEqual(['a-logo.png', 'b-invoice.png', 'd-broken.pdf']);
		expect(ocr.every((i) => JSON.stringify(i.pairedItem) === JSON.stringify({ item: 0 }))).toBe(true);
		const byFile = (name: string) => ocr.find((i) => i.json.fileName === name)?.json;
		expect(byFile('b-invoice.png')).toMatchObject({ invoiceNumber: 'INV-2024-0917', total: 1541.4, needsReview: false });
		expect(byFile('a-logo.png')).toMatchObject({ needsReview: true, total: null });
		expect(byFile('d-broken.pdf')).toMatchObject({ mimeType: 'application/pdf', inputItem: 0 });
		expect(String(byFile('d-broken.pdf')?.error)).toMatch(/d-broken\.pdf is not a readable PDF/);
		expect(outputOf(result, 'Needs Review?', 0)).toHaveLength(2);
		expect(writtenRows(path.join(filesDir, 'invoices', 'out'), 'invoices-email-')).toEqual([['b-invoice.png', 'INV-2024-0917', '2024-03-12', 1541.4]]);
	});

	it('Scanned tables to a spreadsheet: a row item per table row, the corrupt file to check, the XLSX on disk, the scans archived', async () => {
		const result = await run('tablesSheet0001');
		expect(result.data.resultData.error).toBeUndefined();
		const rows = outputOf(result, 'OCR Table');
		const from = (file: string) => rows.filter((r) => r.json.fileName === file).map((r) => r.json);
		// Every input accounted for: 5 price rows, 4 sales rows, and the broken file's error item.
		expect(from('prices-scan.jpg').map((r) => r.Item)).toEqual(['A-1001', 'B-2040', 'C-3310', 'D-0475', 'E-1299']);
		expect(from('prices-scan.jpg')[1]).toMatchObject({ Description: 'Hydraulic hose', Qty: 4, 'Unit price': 48.9, Delivery: '2024-03-15' });
		expect(from('sales.pdf').map((r) => r['Quarter 2 Sales'])).toEqual([1402.75, 1110, 455.35, 2498.9]);
		expect(rows.filter((r) => /broken\.pdf is not a readable PDF/.test(String(r.json.error)))).toHaveLength(1);
		expect(rows).toHaveLength(10);
		expect(outputOf(result, 'No Rows?', 0)).toHaveLength(1);
		const written = fs.readdirSync(path.join(filesDir, 'tables', 'out')).filter((f) => f.endsWith('.xlsx'));
		expect(written).toHaveLength(1);
		const book = XLSX.read(fs.readFileSync(path.join(filesDir, 'tables', 'out', written[0]!)));
		const sheet = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets[book.SheetNames[0]!]!);
		expect(sheet).toHaveLength(9);
		// The spreadsheet gets numbers as numbers.
		expect(sheet.find((r) => r.Item === 'C-3310')).toMatchObject({ fileName: 'prices-scan.jpg', Description: 'Safety gloves', Qty: 25 });
		expect(sheet.find((r) => r.Region === 'Asia Pacific')).toMatchObject({ fileName: 'sales.pdf', 'Quarter 1 Units': 530 });
		expect(fs.readdirSync(path.join(filesDir, 'tables', 'done')).sort()).toEqual(['broken.pdf', 'prices-scan.jpg', 'sales.pdf']);
		// The next hourly run finds the same scans in the inbox and reads none of them again.
		const again = await run('tablesSheet0001');
		expect(again.data.resultData.error).toBeUndefined();
		expect(outputOf(again, 'Read Scans')).toHaveLength(3);
		expect(outputOf(again, 'Skip Scans Already Read')).toHaveLength(0);
		expect(again.data.resultData.runData['OCR Table']).toBeUndefined();
	});

	it('Transcribe recordings from a folder: every file accounted for, the corrupt one as an error item', async () => {
		const result = await run('transcribeDir01');
		const items = outputOf(result, 'Transcribe Audio');
		expect(items).toHaveLength(2);
		const ok = items.find((i) => i.json.fileName === 'jfk.wav');
		const bad = items.find((i) => i.json.error !== undefined);
		expect(wer(String(ok?.json.text), JFK_TEXT)).toBeLessThanOrEqual(0.1);
		expect(ok?.binary?.subtitles).toMatchObject({ fileName: 'jfk.srt', mimeType: 'text/plain' });
		expect(String(bad?.json.error)).toMatch(/broken\.wav cannot be decoded as audio/);
	});

	it('Transcribe an uploaded recording: n8n start, a real multipart upload to the webhook, the transcript in the answer', async () => {
		const port = await freePort();
		const brokerPort = await freePort();
		server = spawn('timeout', ['-s', 'KILL', '170', n8nBin, 'start'], { env: { ...n8nEnv(), N8N_PORT: String(port), N8N_RUNNERS_BROKER_PORT: String(brokerPort) }, stdio: 'ignore', detached: true });
		const base = `http://127.0.0.1:${port}`;
		let up = false;
		for (let i = 0; i < 120 && !up; i++) {
			await new Promise((r) => setTimeout(r, 500));
			up = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
		}
		expect(up).toBe(true);
		const form = new FormData();
		form.append('file', new Blob([new Uint8Array(fs.readFileSync(JFK))], { type: 'audio/wav' }), 'jfk.wav');
		let res: Response | undefined;
		let text = '';
		// The webhook is registered shortly after /healthz turns green (404, or 503 while n8n still starts).
		for (let i = 0; i < 40; i++) {
			res = await fetch(`${base}/webhook/transcribe`, { method: 'POST', body: form });
			text = await res.text();
			if (res.status !== 404 && res.status !== 503) break;
			await new Promise((r) => setTimeout(r, 500));
		}
		expect(res!.status, text).toBe(200);
		const body = JSON.parse(text) as { text: string; duration: number; segments: unknown[]; srt: string | null };
		expect(wer(body.text, JFK_TEXT)).toBeLessThanOrEqual(0.1);
		expect(body.duration).toBeCloseTo(11, 0);
		expect(body.segments.length).toBeGreaterThan(0);
		expect(body.srt).toBe('attached');
	});
});
