// Runs inside a container on the sidecar's network: readiness, one OCR, one table, one invoice and
// one transcription over that network, plus the key and Host checks. Exits 1 on the first failure.
// Usage: node check-sidecar.mjs http://sidecar:8787 API_KEY FIXTURES_DIR
import fs from 'node:fs';
import path from 'node:path';

const [base, key, dir] = process.argv.slice(2);
const auth = { Authorization: `Bearer ${key}` };
let failed = 0;
const check = (name, ok, detail) => {
	console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
	if (!ok) failed++;
};
async function upload(route, file, fields = {}) {
	const form = new FormData();
	form.append('file', new Blob([fs.readFileSync(path.join(dir, file))]), file);
	for (const [k, v] of Object.entries(fields)) form.append(k, v);
	const t = Date.now();
	const res = await fetch(`${base}${route}`, { method: 'POST', body: form, headers: auth });
	return { status: res.status, body: await res.json(), ms: Date.now() - t };
}

const ready = await fetch(`${base}/readyz`);
const readyBody = await ready.json();
check('GET /readyz', ready.status === 200 && readyBody.ready === true, JSON.stringify(readyBody.ffmpeg));
const status = await (await fetch(`${base}/v1/gpu-status`, { headers: auth })).json();
check('GET /v1/gpu-status says CPU, and why', status.activeProvider === 'cpu' && status.requestedDevice === 'cpu', status.providerReason);
check('without the key: 401', (await fetch(`${base}/v1/gpu-status`)).status === 401);

const ocr = await upload('/v1/ocr', 'invoice.png');
check('POST /v1/ocr', ocr.status === 200 && /INV-2024-0917/.test(ocr.body.pages?.[0]?.text ?? ''), `${ocr.ms} ms`);
const table = await upload('/v1/ocr/table', 'sales.pdf');
const rows = (table.body.tables ?? []).flatMap((t) => t.rows.map((r) => r.join(' | ')));
check('POST /v1/ocr/table', table.status === 200 && rows.some((r) => r.includes('Asia Pacific')), `${rows.length} rows, ${table.ms} ms`);
const invoice = await upload('/v1/ocr/invoice', 'invoice.png');
check('POST /v1/ocr/invoice', invoice.status === 200 && invoice.body.fields?.invoiceNumber === 'INV-2024-0917' && invoice.body.fields?.total === 1541.4, `${JSON.stringify({ number: invoice.body.fields?.invoiceNumber, total: invoice.body.fields?.total })}, ${invoice.ms} ms`);
const asr = await upload('/v1/transcribe', 'jfk.wav');
check('POST /v1/transcribe', asr.status === 200 && /ask not what your country/i.test(asr.body.text ?? ''), `"${asr.body.text}", ${asr.ms} ms`);
process.exit(failed ? 1 : 0);
