/**
 * pdfjs-dist loader, for the PDF worker threads only (worker/main.ts): the sidecar's own thread
 * never parses a PDF. pdfjs ships ESM only; this CommonJS package reaches it with a real dynamic
 * import (kept as `import()` by TypeScript's node16 module mode). Embedded scripts, system fonts
 * and images over the pixel limit are off: the documents are untrusted.
 */
type PdfjsModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs', { with: { 'resolution-mode': 'import' } });
export type PdfDocument = Awaited<ReturnType<PdfjsModule['getDocument']>['promise']>;
export type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;

let loaded: Promise<PdfjsModule> | undefined;

export function pdfjs(): Promise<PdfjsModule> {
	loaded ??= import('pdfjs-dist/legacy/build/pdf.mjs');
	return loaded;
}

/** Opens a PDF; pdfjs's own errors (PasswordException, InvalidPDFException, …) pass through. */
export async function openPdf(data: Uint8Array, maxImagePixels: number): Promise<PdfDocument> {
	const lib = await pdfjs();
	// pdfjs transfers (detaches) the buffer it is given: pass a copy.
	const task = lib.getDocument({
		data: new Uint8Array(data),
		isEvalSupported: false,
		useSystemFonts: false,
		disableFontFace: true,
		maxImageSize: maxImagePixels,
		canvasMaxAreaInBytes: maxImagePixels * 4,
		verbosity: 0,
	});
	return await task.promise;
}
