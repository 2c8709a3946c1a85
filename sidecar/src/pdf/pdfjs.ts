/**
 * pdfjs-dist loader. pdfjs ships ESM only; this CommonJS package reaches it with a real dynamic
 * import (kept as `import()` by TypeScript's node16 module mode). Evaluation of embedded scripts
 * and system fonts are off: the sidecar reads untrusted PDFs.
 */
import { problems } from '../http/problem';

type PdfjsModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs', { with: { 'resolution-mode': 'import' } });
export type PdfDocument = Awaited<ReturnType<PdfjsModule['getDocument']>['promise']>;

let loaded: Promise<PdfjsModule> | undefined;

export function pdfjs(): Promise<PdfjsModule> {
	loaded ??= import('pdfjs-dist/legacy/build/pdf.mjs');
	return loaded;
}

/** Opens a PDF or throws the 4xx problem that names what is wrong with it. */
export async function openPdf(data: Buffer, filename: string): Promise<PdfDocument> {
	const lib = await pdfjs();
	// pdfjs transfers (detaches) the buffer it is given: pass a copy.
	const task = lib.getDocument({ data: new Uint8Array(data), isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0 });
	try {
		return await task.promise;
	} catch (err) {
		const name = (err as Error).name;
		if (name === 'PasswordException') {
			throw problems.unprocessable('encrypted-pdf', 'Encrypted PDF', `${filename} is password-protected; remove the password and send it again`);
		}
		throw problems.unprocessable('corrupt-pdf', 'Unreadable PDF', `${filename} is not a readable PDF (${(err as Error).message})`);
	}
}

/** A one-page PDF with one line of text, built with correct xref offsets (for warm-up). */
export function minimalPdf(text: string): Buffer {
	const stream = `BT /F1 12 Tf 72 720 Td (${text.replace(/[\\()]/g, '')}) Tj ET`;
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
		`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
	];
	let out = '%PDF-1.4\n';
	const offsets = objects.map((body, i) => {
		const at = out.length;
		out += `${i + 1} 0 obj\n${body}\nendobj\n`;
		return at;
	});
	const xref = out.length;
	out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
	out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(out, 'latin1');
}

/** Loads pdfjs and reads one page, so the first real request does not pay for module start-up (~1 s). */
export async function warmPdfjs(): Promise<void> {
	const doc = await openPdf(minimalPdf('warm-up'), 'warm-up.pdf');
	try {
		const page = await doc.getPage(1);
		await page.getTextContent();
	} finally {
		await doc.destroy();
	}
}
