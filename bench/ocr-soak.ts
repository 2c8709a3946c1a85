/**
 * Memory over many sequential OCR requests against the sidecar as deployed (its own process):
 *   node --import tsx bench/ocr-soak.ts [--requests 500]
 * Alternates an A4 150-DPI page image and a rendered-then-OCR'd PDF page; samples the sidecar's
 * RSS from /proc every 50 requests and compares it with the sample after the first 50 (warm).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import sharp from 'sharp';
import { businessPage, renderPage } from '../test/helpers/documents';
import { pdfWithJpeg } from '../test/helpers/fixtures';

const i = process.argv.indexOf('--requests');
const total = i > 0 ? Number(process.argv[i + 1]) : 500;

function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const srv = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
	});
}

const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function main(): Promise<void> {
	const png = await renderPage(businessPage('de'), { dpi: 150 });
	const scan = pdfWithJpeg(await sharp(await renderPage(businessPage('fr'), { dpi: 150 })).jpeg({ quality: 80 }).toBuffer(), 1240, 1754);
	const port = await freePort();
	const child = spawn(process.execPath, ['sidecar/dist/cli.js', 'serve'], { env: { ...process.env, PORT: String(port), DEVICE: 'cpu', PRELOAD_MODELS: 'pp-ocrv4', LOG_LEVEL: 'error' }, stdio: 'ignore' });
	const url = `http://127.0.0.1:${port}`;
	for (let k = 0; k < 240 && !(await fetch(`${url}/readyz`).then((r) => r.ok, () => false)); k++) await new Promise((r) => setTimeout(r, 250));
	const samples: Array<[number, number]> = [[0, rssMiB(child.pid!)]];
	const t0 = performance.now();
	for (let n = 1; n <= total; n++) {
		const form = new FormData();
		const pdf = n % 2 === 0;
		form.append('file', new Blob([new Uint8Array(pdf ? scan : png)]), pdf ? 'scan.pdf' : 'page.png');
		const res = await fetch(`${url}/v1/ocr`, { method: 'POST', body: form });
		if (!res.ok) throw new Error(`request ${n}: HTTP ${res.status}`);
		await res.arrayBuffer();
		if (n % 50 === 0) {
			samples.push([n, rssMiB(child.pid!)]);
			console.log(`after ${String(n).padStart(4)} requests: RSS ${samples[samples.length - 1]![1].toFixed(0)} MiB`);
		}
	}
	child.kill('SIGTERM');
	const warm = samples.find(([n]) => n === 50)?.[1] ?? samples[1]![1];
	const rest = samples.filter(([n]) => n >= 50).map(([, r]) => r);
	const spread = ((Math.max(...rest) - Math.min(...rest)) / warm) * 100;
	console.log(`\n${total} requests in ${((performance.now() - t0) / 1000).toFixed(0)} s; RSS at start ${samples[0]![1].toFixed(0)} MiB, after 50 ${warm.toFixed(0)} MiB, range after that ${Math.min(...rest).toFixed(0)}–${Math.max(...rest).toFixed(0)} MiB (${spread.toFixed(1)} % of the warm value; goal ±10 %)`);
}

void main();
