/** Files the tests make themselves: images rendered with sharp and PDFs written byte by byte. */
import sharp from 'sharp';

export async function pngOf(width: number, height: number, text?: string): Promise<Buffer> {
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="white"/>${
		text ? `<text x="10" y="${Math.round(height / 2)}" font-size="24" font-family="DejaVu Sans, sans-serif">${text}</text>` : ''
	}</svg>`;
	return await sharp(Buffer.from(svg)).png().toBuffer();
}

/** A minimal valid PDF with `pages` US-Letter pages, each showing one line of text (correct xref offsets). */
export function pdfWithPages(pages: number, text = 'Hello'): Buffer {
	const objects: string[] = [];
	const pageIds = Array.from({ length: pages }, (_, i) => 4 + i * 2);
	objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
	objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages} >>`;
	objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
	for (const [i, id] of pageIds.entries()) {
		const stream = `BT /F1 24 Tf 72 700 Td (${text} ${i + 1}) Tj ET`;
		objects[id] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${id + 1} 0 R >>`;
		objects[id + 1] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
	}
	let out = '%PDF-1.4\n';
	const offsets: number[] = [];
	for (let id = 1; id < objects.length; id++) {
		offsets[id] = Buffer.byteLength(out, 'latin1');
		out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
	}
	const xref = Buffer.byteLength(out, 'latin1');
	out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
	for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
	out += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(out, 'latin1');
}

export function multipart(files: Array<{ name: string; data: Buffer; type?: string }>, fields: Record<string, string> = {}): FormData {
	const form = new FormData();
	for (const [k, v] of Object.entries(fields)) form.append(k, v);
	for (const f of files) form.append('file', new Blob([new Uint8Array(f.data)], { type: f.type ?? 'application/octet-stream' }), f.name);
	return form;
}
