/**
 * Hostile inputs, generated small: PDFs that are slow, huge or malformed for a parser, multi-page
 * TIFF bombs, and playlists dressed as MP3 that would make ffmpeg open other files. Used by
 * test/sidecar/hostile.test.ts and bench/bad-input.ts.
 */
import zlib from 'node:zlib';

/** A PDF from object bodies (strings, or Buffers for binary streams), with a correct xref. */
export function buildPdf(objects: Array<string | Buffer>, rootRef = '1 0 R'): Buffer {
	const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
	let length = parts[0]!.length;
	const offsets: number[] = [];
	objects.forEach((body, i) => {
		offsets.push(length);
		const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), typeof body === 'string' ? Buffer.from(body, 'latin1') : body, Buffer.from('\nendobj\n', 'latin1')]);
		parts.push(chunk);
		length += chunk.length;
	});
	const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
	parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root ${rootRef} >>\nstartxref\n${length}\n%%EOF\n`, 'latin1'));
	return Buffer.concat(parts);
}

const streamObject = (dict: string, data: Buffer) => Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]);

/** One page whose content stream is `content`, Flate-compressed. */
export function onePagePdf(content: string, resources = '<< >>'): Buffer {
	return buildPdf([
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources ${resources} /Contents 4 0 R >>`,
		streamObject('/Filter /FlateDecode', zlib.deflateSync(Buffer.from(content, 'latin1'))),
	]);
}

/** Hole 1: `levels` nested save/restore operators around one stroke (pdfjs's evaluator slows down on each). */
export function nestedSaveRestorePdf(levels: number): Buffer {
	return onePagePdf(`${'q '.repeat(levels)}0 0 m 100 100 l S ${'Q '.repeat(levels)}`);
}

/** Hole 3: one page drawing a `width`×`height` 8-bit grey image, all white, Flate-compressed to a few hundred KB. */
export async function imageBombPdf(width: number, height: number): Promise<Buffer> {
	const deflate = zlib.createDeflate({ level: 9 });
	const out: Buffer[] = [];
	deflate.on('data', (c: Buffer) => out.push(c));
	const done = new Promise<void>((resolve, reject) => {
		deflate.on('end', resolve);
		deflate.on('error', reject);
	});
	const row = Buffer.alloc(Math.min(width * height, 8 << 20), 0xff);
	let left = width * height;
	while (left > 0) {
		const n = Math.min(left, row.length);
		if (!deflate.write(row.subarray(0, n))) await new Promise((r) => deflate.once('drain', r));
		left -= n;
	}
	deflate.end();
	await done;
	const image = streamObject(`/Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode`, Buffer.concat(out));
	return buildPdf([
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>',
		streamObject('', Buffer.from('q 612 0 0 792 0 0 cm /Im1 Do Q', 'latin1')),
		image,
	]);
}

/** Hole 7: an array (or dictionary) nested `depth` levels deep inside the catalog. */
export function deeplyNestedPdf(depth: number, kind: 'array' | 'dict'): Buffer {
	const nest = kind === 'array' ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'<< /A '.repeat(depth)}1${' >>'.repeat(depth)}`;
	return buildPdf([
		`<< /Type /Catalog /Pages 2 0 R /Junk ${nest} >>`,
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << >> /Contents 4 0 R /Junk ${nest} >>`,
		streamObject('', Buffer.from('BT ET', 'latin1')),
	]);
}

/** Hole 7: a page tree whose Kids point back at their parent. */
export function pageTreeLoopPdf(): Buffer {
	return buildPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 2 >>', '<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>']);
}

/**
 * Hole 4: a TIFF of `pages` pages of `width`×`height` 8-bit grey, every page pointing at one shared
 * Deflate strip of white: ~150 bytes a page on disk, width×height bytes a page decoded.
 */
export function tiffBomb(pages: number, width: number, height: number): Buffer {
	const strip = zlib.deflateSync(Buffer.alloc(width * height, 0xff), { level: 9 });
	// [tag, type (3 SHORT, 4 LONG), count, value]
	const entries = (stripAt: number): Array<[number, number, number, number]> => [
		[256, 4, 1, width], // ImageWidth
		[257, 4, 1, height], // ImageLength
		[258, 3, 1, 8], // BitsPerSample
		[259, 3, 1, 8], // Compression: Adobe Deflate
		[262, 3, 1, 1], // Photometric: black is zero
		[273, 4, 1, stripAt], // StripOffsets
		[277, 3, 1, 1], // SamplesPerPixel
		[278, 4, 1, height], // RowsPerStrip
		[279, 4, 1, strip.length], // StripByteCounts
		[284, 3, 1, 1], // PlanarConfiguration
	];
	const ifdSize = 2 + 10 * 12 + 4;
	const stripAt = 8;
	const firstIfd = stripAt + strip.length + (strip.length % 2);
	const buf = Buffer.alloc(firstIfd + pages * ifdSize);
	buf.write('II', 0, 'latin1');
	buf.writeUInt16LE(42, 2);
	buf.writeUInt32LE(firstIfd, 4);
	strip.copy(buf, stripAt);
	for (let p = 0; p < pages; p++) {
		const at = firstIfd + p * ifdSize;
		const next = p + 1 < pages ? at + ifdSize : 0;
		const list = entries(stripAt);
		buf.writeUInt16LE(list.length, at);
		list.forEach(([tag, type, count, value], i) => {
			const e = at + 2 + i * 12;
			buf.writeUInt16LE(tag, e);
			buf.writeUInt16LE(type, e + 2);
			buf.writeUInt32LE(count, e + 4);
			if (type === 3) buf.writeUInt16LE(value, e + 8);
			else buf.writeUInt32LE(value, e + 8);
		});
		buf.writeUInt32LE(next, at + 2 + list.length * 12);
	}
	return buf;
}

/** An empty ID3v2.4 tag: ten bytes that make any file sniff as audio/mpeg. */
export const ID3_HEADER = Buffer.from([0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);

/** Hole 2: playlists and lists that make ffmpeg open other local files, dressed as MP3. */
export function playlistsDressedAsMp3(secretPath: string): Array<{ name: string; bytes: Buffer }> {
	const dressed = (text: string) => Buffer.concat([ID3_HEADER, Buffer.from(text, 'utf8')]);
	return [
		{ name: 'hls.mp3', bytes: dressed(`#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:30\n#EXTINF:30.0,\n${secretPath}\n#EXT-X-ENDLIST\n`) },
		{ name: 'hls-file-url.mp3', bytes: dressed(`#EXTM3U\n#EXT-X-TARGETDURATION:30\n#EXTINF:30.0,\nfile://${secretPath}\n#EXT-X-ENDLIST\n`) },
		{
			name: 'dash.mp3',
			bytes: dressed(
				`<?xml version="1.0"?>\n<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT30S" minBufferTime="PT1S" profiles="urn:mpeg:dash:profile:isoff-on-demand:2011"><Period><AdaptationSet mimeType="audio/wav"><Representation id="a" bandwidth="256000"><BaseURL>file://${secretPath}</BaseURL></Representation></AdaptationSet></Period></MPD>\n`,
			),
		},
		{ name: 'ffconcat.mp3', bytes: dressed(`ffconcat version 1.0\nfile '${secretPath}'\n`) },
	];
}

/** A deterministic pseudo-random generator (mulberry32), for fuzzing that repeats. */
export function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** `bytes` with a few random changes: flipped bits, overwritten runs, a cut tail or a duplicated block. */
export function mutate(bytes: Buffer, rnd: () => number): Buffer {
	const out = Buffer.from(bytes);
	const kind = Math.floor(rnd() * 4);
	const at = () => Math.floor(rnd() * out.length);
	if (kind === 0) for (let i = 0; i < 1 + rnd() * 20; i++) out[at()] ^= 1 << Math.floor(rnd() * 8);
	else if (kind === 1) {
		const start = at();
		const len = Math.min(out.length - start, 1 + Math.floor(rnd() * 64));
		for (let i = 0; i < len; i++) out[start + i] = Math.floor(rnd() * 256);
	} else if (kind === 2) return out.subarray(0, Math.max(8, at()));
	else {
		const start = at();
		const block = out.subarray(start, Math.min(out.length, start + 1 + Math.floor(rnd() * 4096)));
		return Buffer.concat([out.subarray(0, start), block, block, out.subarray(start)]);
	}
	return out;
}
