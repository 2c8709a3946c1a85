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
