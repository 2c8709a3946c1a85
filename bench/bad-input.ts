/**
 * Bad-input corpus against a real sidecar process: malformed, hostile and oversized files and
 * requests, each answered with a status and a problem type, in bounded time and memory, while
 * /healthz keeps answering. Prints one row per case and a summary; exits 1 on any 5xx other than
 * the expected 503/504, on a slow /healthz (≥ 1 s) or on peak RSS over the limit.
 *
 *   node --import tsx bench/bad-input.ts [--limit-mib 1536]
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { convert, ffmpeg, JFK, speak, tmpFile } from '../test/helpers/audio';
import { startCliSidecar, whileWatched } from '../test/helpers/cliSidecar';
import { renderPage } from '../test/helpers/documents';
import { buildPdf, deeplyNestedPdf, ID3_HEADER, imageBombPdf, nestedSaveRestorePdf, onePagePdf, pageTreeLoopPdf, playlistsDressedAsMp3, tiffBomb } from '../test/helpers/hostile';
import { minimalPdf } from '../sidecar/src/pdf/minimal';

const KEY = 'bad-input-key-0123456789abcdef';
const limitAt = process.argv.indexOf('--limit-mib');
const limitMiB = limitAt > 0 ? Number(process.argv[limitAt + 1]) : 1536;

interface Case {
	name: string;
	route: string;
	files?: Array<{ name: string; bytes: Buffer }>;
	fields?: Record<string, string>;
	headers?: Record<string, string>;
	/** A raw HTTP request instead of a multipart POST. */
	raw?: string;
	/** A JSON or other non-multipart body. */
	body?: { type: string; data: string };
	method?: string;
}

const file = (name: string, bytes: Buffer) => [{ name, bytes }];

async function seeds() {
	const png = await renderPage([{ text: 'Invoice 4711 total 12.50', xMm: 10, yMm: 15, sizePt: 14 }], { dpi: 100, heightMm: 40 });
	const jpeg = await sharp(png).jpeg({ quality: 80 }).toBuffer();
	const pdf = minimalPdf('Invoice 4711 total 12.50');
	const wav = fs.readFileSync(JFK);
	const mp3 = convert(JFK, 'mp3');
	const flac = convert(JFK, 'flac');
	const ogg = convert(JFK, 'ogg', ['-c:a', 'libvorbis']);
	const m4a = convert(JFK, 'm4a');
	return { png, jpeg, pdf, wav, mp3, flac, ogg, m4a };
}

async function corpus(tmp: string): Promise<Case[]> {
	const s = await seeds();
	const cases: Case[] = [];
	const add = (c: Case) => cases.push(c);

	// Not what the route takes, or nothing at all.
	add({ name: 'empty file', route: '/v1/ocr', files: file('empty.png', Buffer.alloc(0)) });
	add({ name: 'one byte', route: '/v1/ocr', files: file('one.png', Buffer.from([0x89])) });
	add({ name: 'text named .png', route: '/v1/ocr', files: file('note.png', Buffer.from('hello, this is text')) });
	add({ name: 'HTML named .pdf', route: '/v1/ocr', files: file('page.pdf', Buffer.from('<!doctype html><title>x</title>')) });
	add({ name: 'zip', route: '/v1/ocr', files: file('a.zip', Buffer.from('PK\x03\x04' + '\0'.repeat(100), 'latin1')) });
	add({ name: 'PNG to transcribe', route: '/v1/transcribe', files: file('a.png', s.png) });
	add({ name: 'WAV to OCR', route: '/v1/ocr', files: file('a.wav', s.wav) });
	for (const n of [16, 1024, 65536]) add({ name: `random ${n} bytes`, route: '/v1/ocr', files: file(`r${n}.bin`, Buffer.from(Array.from({ length: n }, (_, i) => (i * 2654435761) >>> 24))) });

	// Truncated files of each type.
	for (const [kind, bytes, route] of [
		['png', s.png, '/v1/ocr'],
		['jpeg', s.jpeg, '/v1/ocr'],
		['pdf', s.pdf, '/v1/ocr'],
		['wav', s.wav, '/v1/transcribe'],
		['mp3', s.mp3, '/v1/transcribe'],
		['flac', s.flac, '/v1/transcribe'],
		['ogg', s.ogg, '/v1/transcribe'],
		['m4a', s.m4a, '/v1/transcribe'],
	] as const) {
		for (const frac of [0.02, 0.1, 0.5, 0.9]) add({ name: `${kind} cut at ${frac * 100}%`, route, files: file(`cut.${kind}`, bytes.subarray(0, Math.max(12, Math.floor(bytes.length * frac)))) });
	}

	// Hostile PDFs.
	for (const levels of [1000, 15_000, 200_000]) add({ name: `PDF ${levels} nested q…Q`, route: '/v1/ocr', files: file('nested.pdf', nestedSaveRestorePdf(levels)) });
	for (const side of [5000, 10_000, 20_000]) add({ name: `PDF ${side}² Flate image`, route: '/v1/ocr', files: file('bomb.pdf', await imageBombPdf(side, side)) });
	for (const depth of [1000, 10_000, 100_000]) {
		add({ name: `PDF array ${depth} deep`, route: '/v1/ocr', files: file('deep.pdf', deeplyNestedPdf(depth, 'array')) });
		add({ name: `PDF dict ${depth} deep`, route: '/v1/ocr/table', files: file('deep.pdf', deeplyNestedPdf(depth, 'dict')) });
	}
	add({ name: 'PDF page-tree loop', route: '/v1/ocr/invoice', files: file('loop.pdf', pageTreeLoopPdf()) });
	add({ name: 'PDF without pages', route: '/v1/ocr', files: file('none.pdf', buildPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>'])) });
	add({ name: 'PDF /Count 1e9', route: '/v1/ocr', files: file('count.pdf', buildPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1000000000 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>'])) });
	add({ name: 'PDF 200-inch page', route: '/v1/ocr', files: file('poster.pdf', Buffer.from(onePagePdf('0 0 m 100 100 l S').toString('latin1').replace('[0 0 612 792]', '[0 0 14400 14400]'), 'latin1')) });
	add({ name: 'PDF zero-size page', route: '/v1/ocr', files: file('zero.pdf', Buffer.from(onePagePdf('0 0 m 1 1 l S').toString('latin1').replace('[0 0 612 792]', '[0 0 0 0]'), 'latin1')) });
	add({ name: 'PDF negative MediaBox', route: '/v1/ocr', files: file('neg.pdf', Buffer.from(onePagePdf('0 0 m 1 1 l S').toString('latin1').replace('[0 0 612 792]', '[0 0 -612 -792]'), 'latin1')) });
	add({ name: 'PDF JavaScript action', route: '/v1/ocr', files: file('js.pdf', buildPdf(['<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>'])) });
	add({ name: 'PDF encrypted dictionary', route: '/v1/ocr', files: file('enc.pdf', Buffer.from(minimalPdf('x').toString('latin1').replace('/Root 1 0 R', '/Root 1 0 R /Encrypt << /Filter /Standard /V 1 /R 2 /O (xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx) /U (xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx) /P -4 >> /ID [(a)(a)]'), 'latin1')) });
	add({ name: 'PDF garbage xref', route: '/v1/ocr', files: file('xref.pdf', Buffer.from(minimalPdf('x').toString('latin1').replace(/startxref\n\d+/, 'startxref\n999999999'), 'latin1')) });
	add({ name: 'PDF 500 pages (over MAX_PAGES)', route: '/v1/ocr', files: file('many.pdf', buildPdf(['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${Array.from({ length: 500 }, () => '3 0 R').join(' ')}] /Count 500 >>`, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>'])) });
	add({ name: 'PDF pages=7 of 1', route: '/v1/ocr', files: file('one.pdf', s.pdf), fields: { pages: '7' } });
	add({ name: 'PDF bad content operators', route: '/v1/ocr', fields: { mode: 'ocr' }, files: file('ops.pdf', onePagePdf('1 2 3 4 5 6 7 cm q q q Q Q Q Q Q Q /X Do BT /F9 12 Tf (x) Tj ET 1 0 0 RG 0 0 m 1e309 1e309 l S')) });

	// Image bombs and oddities.
	add({ name: 'TIFF 1000 pages, pages=1', route: '/v1/ocr', files: file('bomb.tif', tiffBomb(1000, 1000, 1000)), fields: { pages: '1' } });
	add({ name: 'TIFF 1000 pages, all', route: '/v1/ocr', files: file('bomb.tif', tiffBomb(1000, 1000, 1000)) });
	add({ name: 'TIFF 3 pages of 9000²', route: '/v1/ocr', files: file('big.tif', tiffBomb(3, 9000, 9000)) });
	add({ name: 'PNG header 30000×30000', route: '/v1/ocr', files: file('huge.png', pngHeaderOnly(30_000, 30_000)) });
	add({ name: 'PNG header 1×1000000', route: '/v1/ocr', files: file('thin.png', pngHeaderOnly(1, 1_000_000)) });
	add({ name: 'JPEG 65000×65000 header', route: '/v1/ocr/table', files: file('huge.jpg', jpegWithSize(s.jpeg, 65000, 65000)) });
	add({ name: 'GIF 200 frames', route: '/v1/ocr', files: file('anim.gif', await animatedGif()) });
	add({ name: 'BMP header lies', route: '/v1/ocr', files: file('lie.bmp', Buffer.concat([Buffer.from('BM', 'latin1'), Buffer.alloc(60, 0xff)])) });
	add({ name: 'WebP truncated', route: '/v1/ocr', files: file('t.webp', (await sharp(s.png).webp().toBuffer()).subarray(0, 40)) });
	add({ name: 'image 2×2 pixels', route: '/v1/ocr/invoice', files: file('tiny.png', await sharp({ create: { width: 2, height: 2, channels: 3, background: '#fff' } }).png().toBuffer()) });
	add({ name: 'blank A4 image', route: '/v1/ocr/table', files: file('blank.png', await sharp({ create: { width: 1240, height: 1754, channels: 3, background: '#fff' } }).png().toBuffer()) });

	// Audio and video that is not what it says, or opens other files.
	const secret = path.join(tmp, 'secret.mp3');
	fs.writeFileSync(secret, convert(JFK, 'mp3'));
	for (const p of playlistsDressedAsMp3(secret)) add({ name: `${p.name} → local file`, route: '/v1/transcribe', files: [p] });
	add({ name: 'ID3 then nothing', route: '/v1/transcribe', files: file('id3.mp3', ID3_HEADER) });
	add({ name: 'ID3 then text', route: '/v1/transcribe', files: file('id3t.mp3', Buffer.concat([ID3_HEADER, Buffer.from('not audio at all '.repeat(100))])) });
	add({ name: 'WAV header claims 4 GB', route: '/v1/transcribe', files: file('lie.wav', wavHeaderLie()) });
	add({ name: 'silence over MAX_AUDIO_SECONDS', route: '/v1/transcribe', files: file('long.mp3', silentMp3(1900)) });
	add({ name: 'video without audio', route: '/v1/transcribe', files: file('mute.mp4', videoWithoutAudio()) });
	add({ name: 'MP4 with moov at the end', route: '/v1/transcribe', files: file('tail.m4a', convert(JFK, 'm4a', ['-movflags', '0'])) });
	add({ name: 'damaged FLAC frames', route: '/v1/transcribe', files: file('dmg.flac', damaged(s.flac)) });
	add({ name: 'damaged MP3 frames', route: '/v1/transcribe', files: file('dmg.mp3', damaged(s.mp3)) });
	add({ name: 'OGG page garbage', route: '/v1/transcribe', files: file('g.ogg', Buffer.concat([Buffer.from('OggS', 'latin1'), Buffer.alloc(5000, 0x55)])) });
	add({ name: 'WebM garbage', route: '/v1/transcribe', files: file('g.webm', Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(5000, 0x42)])) });
	add({ name: 'ftyp garbage', route: '/v1/transcribe', files: file('g.mp4', Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom', 'latin1'), Buffer.alloc(5000, 0x13)])) });
	add({ name: 'speech fine (control)', route: '/v1/transcribe', files: file('ok.wav', speak('this control case must pass')) });

	// Requests that are wrong as requests.
	add({ name: 'JSON body', route: '/v1/ocr', body: { type: 'application/json', data: '{"file":"x"}' } });
	add({ name: 'no file field', route: '/v1/ocr', fields: { document: 'x' } });
	add({ name: '21 files', route: '/v1/ocr', files: Array.from({ length: 21 }, (_, i) => ({ name: `p${i}.png`, bytes: s.png })) });
	add({ name: 'two files to the table route', route: '/v1/ocr/table', files: [...file('a.png', s.png), ...file('b.png', s.png)] });
	for (const [k, v] of [
		['dpi', 'abc'],
		['dpi', '100000'],
		['pages', '0'],
		['pages', '1-999999999'],
		['pages', '3-1'],
		['lang', 'xx'],
		['format', 'zzz'],
		['minConfidence', '-1'],
		['mode', 'magic'],
		['columns', '1'],
	] as const) {
		add({ name: `field ${k}=${v}`, route: k === 'format' || k === 'columns' ? '/v1/ocr/table' : '/v1/ocr', files: file('a.png', s.png), fields: { [k]: v } });
	}
	for (const [k, v] of [
		['language', 'klingon'],
		['model', '../../etc/passwd'],
		['task', 'translate'],
		['beamSize', '99'],
		['maxChunkSeconds', '0'],
	] as const) {
		add({ name: `field ${k}=${v}`, route: '/v1/transcribe', files: file('a.wav', s.wav), fields: { [k]: v } });
	}
	add({ name: 'field 1 MB long', route: '/v1/ocr', files: file('a.png', s.png), fields: { pages: '1,'.repeat(500_000) } });
	add({ name: 'no key', route: '/v1/ocr', files: file('a.png', s.png), headers: {} });
	add({ name: 'wrong key', route: '/v1/ocr', files: file('a.png', s.png), headers: { Authorization: 'Bearer wrong-key-0123456789abcdef' } });
	add({ name: 'key in lower-case scheme', route: '/v1/gpu-status', method: 'GET', headers: { Authorization: `bearer ${KEY}` } });
	add({ name: 'path traversal file name', route: '/v1/inspect', files: file('../../../../etc/passwd.png', s.png) });
	add({ name: 'UTF-8 file name', route: '/v1/inspect', files: file('Rechnung_Müller_№5.png', s.png) });
	add({ name: 'NUL in file name', route: '/v1/inspect', files: file('a\u0000b.png', s.png) });
	add({ name: 'GET on an upload route', route: '/v1/ocr', method: 'GET' });
	add({ name: 'unknown route', route: '/v1/nothing', method: 'GET' });
	add({ name: 'encoded traversal route', route: '/v1/%2e%2e/healthz', method: 'GET' });
	add({ name: 'Host header of another name', route: '/healthz', raw: 'GET /healthz HTTP/1.1\r\nHost: rebind.attacker.example\r\nConnection: close\r\n\r\n' });
	add({ name: 'headers over 64 KB', route: '/healthz', raw: `GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(70_000)}\r\n\r\n` });
	add({ name: 'not HTTP', route: '/', raw: 'HELLO THERE\r\n\r\n' });
	add({ name: 'Content-Length lies (short)', route: '/v1/ocr', raw: 'POST /v1/ocr HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 10\r\nConnection: close\r\n\r\n--x\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n' });
	add({ name: 'Content-Length over MAX_REQUEST_MB', route: '/v1/ocr', raw: 'POST /v1/ocr HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 999999999999\r\nConnection: close\r\n\r\n' });
	add({ name: 'multipart without boundary', route: '/v1/ocr', body: { type: 'multipart/form-data', data: 'garbage' } });
	add({ name: 'multipart unterminated', route: '/v1/ocr', body: { type: 'multipart/form-data; boundary=zz', data: '--zz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n\x89PNG' } });
	return cases;
}

function pngHeaderOnly(width: number, height: number): Buffer {
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr[8] = 8;
	ihdr[9] = 2;
	const chunk = Buffer.concat([Buffer.from([0, 0, 0, 13]), Buffer.from('IHDR', 'latin1'), ihdr, Buffer.alloc(4)]);
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk, Buffer.from([0, 0, 0, 0]), Buffer.from('IEND', 'latin1'), Buffer.alloc(4)]);
}

/** The JPEG with its frame header's size replaced (the first SOF marker). */
function jpegWithSize(jpeg: Buffer, width: number, height: number): Buffer {
	const out = Buffer.from(jpeg);
	for (let i = 2; i < out.length - 9; i++) {
		if (out[i] === 0xff && out[i + 1]! >= 0xc0 && out[i + 1]! <= 0xc2) {
			out.writeUInt16BE(height, i + 5);
			out.writeUInt16BE(width, i + 7);
			break;
		}
	}
	return out;
}

async function animatedGif(): Promise<Buffer> {
	const frame = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#fff' } }).raw().toBuffer();
	return sharp(Buffer.concat(Array.from({ length: 200 }, () => frame)), { raw: { width: 200, height: 200 * 200, channels: 3, pageHeight: 200 } as sharp.CreateRaw & { pageHeight: number } })
		.gif()
		.toBuffer();
}

function wavHeaderLie(): Buffer {
	const h = Buffer.alloc(44 + 32000);
	h.write('RIFF', 0, 'latin1');
	h.writeUInt32LE(0xffffffff, 4);
	h.write('WAVEfmt ', 8, 'latin1');
	h.writeUInt32LE(16, 16);
	h.writeUInt16LE(1, 20);
	h.writeUInt16LE(1, 22);
	h.writeUInt32LE(16000, 24);
	h.writeUInt32LE(32000, 28);
	h.writeUInt16LE(2, 32);
	h.writeUInt16LE(16, 34);
	h.write('data', 36, 'latin1');
	h.writeUInt32LE(0xffffffff, 40);
	return h;
}

function silentMp3(seconds: number): Buffer {
	const out = tmpFile('mp3');
	ffmpeg(['-f', 'lavfi', '-i', 'anullsrc=r=8000:cl=mono', '-t', String(seconds), '-b:a', '8k', out]);
	return fs.readFileSync(out);
}

function videoWithoutAudio(): Buffer {
	const out = tmpFile('mp4');
	ffmpeg(['-f', 'lavfi', '-i', 'color=c=white:s=64x64:d=1', '-pix_fmt', 'yuv420p', out]);
	return fs.readFileSync(out);
}

function damaged(bytes: Buffer): Buffer {
	const out = Buffer.from(bytes);
	for (let i = Math.floor(out.length * 0.4); i < Math.floor(out.length * 0.4) + 600; i++) out[i] = (i * 7919) & 0xff;
	return out;
}

async function send(url: string, c: Case): Promise<{ status: number; type: string }> {
	if (c.raw) {
		const { port } = new URL(url);
		const text = await new Promise<string>((resolve) => {
			const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(c.raw!));
			let data = '';
			socket.setTimeout(30_000, () => socket.destroy());
			socket.on('data', (d) => (data += d.toString()));
			socket.on('close', () => resolve(data));
			socket.on('error', () => resolve(data));
		});
		const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
		return { status, type: /"type":"urn:gpu-inference:problem:([^"]+)"/.exec(text)?.[1] ?? '' };
	}
	const headers: Record<string, string> = c.headers ?? { Authorization: `Bearer ${KEY}` };
	let body: RequestInit['body'];
	if (c.body) {
		headers['Content-Type'] = c.body.type;
		body = c.body.data;
	} else if (c.method !== 'GET') {
		const form = new FormData();
		for (const f of c.files ?? []) form.append('file', new Blob([new Uint8Array(f.bytes)]), f.name);
		for (const [k, v] of Object.entries(c.fields ?? {})) form.append(k, v);
		body = form;
	}
	const res = await fetch(`${url}${c.route}`, { method: c.method ?? 'POST', headers, body, signal: AbortSignal.timeout(60_000) }).catch(() => null);
	if (!res) return { status: 0, type: 'connection dropped' };
	const text = await res.text();
	let type = '';
	try {
		type = String((JSON.parse(text) as { type?: string }).type ?? '').replace('urn:gpu-inference:problem:', '');
	} catch {
		type = res.headers.get('content-type') ?? '';
	}
	return { status: res.status, type };
}

async function main(): Promise<void> {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bad-input-'));
	const cases = await corpus(tmp);
	// glibc's arenas as the images set them (Dockerfile.gpu), unless the caller says otherwise.
	const arenas = process.env.MALLOC_ARENA_MAX ?? '2';
	const sidecar = await startCliSidecar({ API_KEY: KEY, TMPDIR: tmp, REQUEST_TIMEOUT_MS: '10000', MAX_AUDIO_SECONDS: '1800', LOG_LEVEL: 'warn', MALLOC_ARENA_MAX: arenas });
	console.log(`${cases.length} cases against ${sidecar.url}; sidecar RSS at start ${sidecar.memory().rssMiB} MiB, MALLOC_ARENA_MAX=${arenas}`);
	console.log(['#', 'case', 'route', 'status', 'problem type', 'ms', 'health ms', 'RSS MiB', 'peak so far'].join(' | '));
	let bad = 0;
	for (const [i, c] of cases.entries()) {
		let ms = 0;
		const { result, slowestHealthMs } = await whileWatched(sidecar.url, async () => {
			const t = performance.now();
			const r = await send(sidecar.url, c);
			ms = Math.round(performance.now() - t);
			return r;
		});
		const { rssMiB, peakMiB } = sidecar.memory();
		const unexpected5xx = result.status >= 500 && ![503, 504].includes(result.status);
		const problem = unexpected5xx || result.status === 0 || slowestHealthMs >= 1000;
		if (problem) bad++;
		console.log([i + 1, c.name, c.route, result.status, result.type, ms, slowestHealthMs, rssMiB, peakMiB].join(' | ') + (problem ? '  <-- PROBLEM' : ''));
	}
	const { peakMiB } = sidecar.memory();
	const code = await sidecar.stop();
	fs.rmSync(tmp, { recursive: true, force: true });
	console.log(`\n${cases.length} cases: ${bad} problems; peak RSS ${peakMiB} MiB (limit ${limitMiB}); sidecar exit code ${code}`);
	if (bad > 0 || peakMiB >= limitMiB) process.exit(1);
}

void main();
