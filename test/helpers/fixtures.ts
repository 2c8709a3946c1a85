/** Files the tests make themselves: images rendered with sharp and PDFs written byte by byte. */
import sharp from 'sharp';

export async function pngOf(width: number, height: number, text?: string): Promise<Buffer> {
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="white"/>${
		text ? `<text x="10" y="${Math.round(height / 2)}" font-size="24" font-family="DejaVu Sans, sans-serif">${text}</text>` : ''
	}</svg>`;
	return await sharp(Buffer.from(svg)).png().toBuffer();
}

export interface PdfPageSpec {
	content: string;
	resources: string;
	/** Page size in points (default US Letter). */
	mediaBox?: string;
	/** Extra objects this page needs (e.g. an image XObject), numbered from `firstId`. */
	extra?: (firstId: number) => Array<string | Buffer>;
}

/** Writes a PDF with correct xref offsets from page specs (US Letter, 612×792 pt). */
export function buildPdf(pages: PdfPageSpec[], trailerExtra = '', extraObjects: string[] = []): Buffer {
	const objects: Array<string | Buffer> = [];
	objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
	objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
	let next = 4;
	const pageIds: number[] = [];
	for (const p of pages) {
		const pageId = next++;
		const contentId = next++;
		pageIds.push(pageId);
		const extra = p.extra?.(next) ?? [];
		for (const e of extra) objects[next++] = e;
		const content = Buffer.from(p.content, 'latin1');
		objects[pageId] = `<< /Type /Page /Parent 2 0 R /MediaBox [${p.mediaBox ?? '0 0 612 792'}] /Resources ${p.resources} /Contents ${contentId} 0 R >>`;
		objects[contentId] = Buffer.concat([Buffer.from(`<< /Length ${content.length} >>\nstream\n`, 'latin1'), content, Buffer.from('\nendstream', 'latin1')]);
	}
	for (const e of extraObjects) objects[next++] = e;
	objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
	const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
	let offset = chunks[0]!.length;
	const offsets: number[] = [];
	for (let id = 1; id < objects.length; id++) {
		offsets[id] = offset;
		const body = objects[id]!;
		const chunk = Buffer.concat([Buffer.from(`${id} 0 obj\n`, 'latin1'), typeof body === 'string' ? Buffer.from(body, 'latin1') : body, Buffer.from('\nendobj\n', 'latin1')]);
		chunks.push(chunk);
		offset += chunk.length;
	}
	let xref = `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
	for (let id = 1; id < objects.length; id++) xref += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
	xref += `trailer\n<< /Size ${objects.length} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${offset}\n%%EOF\n`;
	chunks.push(Buffer.from(xref, 'latin1'));
	return Buffer.concat(chunks);
}

/** WinAnsiEncoding bytes for the characters outside Latin-1 that business text uses. */
const WIN_ANSI: Record<string, number> = { '€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, 'Œ': 0x8c, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, 'œ': 0x9c };

export const pdfString = (s: string) =>
	`(${s.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[€‚„…Œ‘’“”•–—œ]/g, (c) => String.fromCharCode(WIN_ANSI[c]!))})`;

/** A digital PDF page per entry, each line of text set in Helvetica (WinAnsi: Latin accents work). */
export function pdfWithLines(pages: string[][], sizePt = 11, mediaBox = '0 0 612 792'): Buffer {
	return buildPdf(
		pages.map((lines) => ({
			mediaBox,
			resources: '<< /Font << /F1 3 0 R >> >>',
			content: lines.map((l, i) => `BT /F1 ${sizePt} Tf 72 ${720 - i * sizePt * 1.6} Td ${pdfString(l)} Tj ET`).join('\n'),
		})),
	);
}

/** A minimal valid PDF with `pages` pages, each showing one line of text. */
export function pdfWithPages(pages: number, text = 'Hello'): Buffer {
	return pdfWithLines(Array.from({ length: pages }, (_, i) => [`${text} ${i + 1}`]), 24);
}

/** A scan: one JPEG drawn over the whole page, no text layer; or with a `stamp` set in text at its foot, as a fax or a document system adds one. */
export function pdfWithJpeg(jpeg: Buffer, width: number, height: number, stamp?: string): Buffer {
	return buildPdf([
		{
			resources: '<< /XObject << /Im1 6 0 R >> /Font << /F1 3 0 R >> >>',
			content: `q 612 0 0 792 0 0 cm /Im1 Do Q${stamp ? `\nBT /F1 8 Tf 40 14 Td ${pdfString(stamp)} Tj ET` : ''}`,
			extra: () => [
				Buffer.concat([
					Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>\nstream\n`, 'latin1'),
					jpeg,
					Buffer.from('\nendstream', 'latin1'),
				]),
			],
		},
	]);
}

/** A PDF whose Standard security handler needs a user password pdfjs does not have. */
export function encryptedPdf(): Buffer {
	const hex = (n: number) => `<${'ab'.repeat(n)}>`;
	return buildPdf([{ resources: '<< /Font << /F1 3 0 R >> >>', content: 'BT /F1 12 Tf 72 700 Td (secret) Tj ET' }], `/Encrypt 6 0 R /ID [${hex(16)} ${hex(16)}] `, [
		`<< /Filter /Standard /V 1 /R 2 /O ${hex(32)} /U ${hex(32)} /P -4 >>`,
	]);
}

/** A PNG that claims width×height in its header (decoders refuse it before allocating). */
export function pngHeaderOnly(width: number, height: number): Buffer {
	const crcTable = Array.from({ length: 256 }, (_, n) => {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		return c >>> 0;
	});
	const crc = (buf: Buffer) => {
		let c = 0xffffffff;
		for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
		return (c ^ 0xffffffff) >>> 0;
	};
	const chunk = (type: string, data: Buffer) => {
		const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
		const out = Buffer.alloc(8 + data.length + 4);
		out.writeUInt32BE(data.length, 0);
		body.copy(out, 4);
		out.writeUInt32BE(crc(body), 8 + data.length);
		return out;
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr[8] = 8;
	ihdr[9] = 2;
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])), chunk('IEND', Buffer.alloc(0))]);
}

export function multipart(files: Array<{ name: string; data: Buffer; type?: string }>, fields: Record<string, string> = {}): FormData {
	const form = new FormData();
	for (const [k, v] of Object.entries(fields)) form.append(k, v);
	for (const f of files) form.append('file', new Blob([new Uint8Array(f.data)], { type: f.type ?? 'application/octet-stream' }), f.name);
	return form;
}
