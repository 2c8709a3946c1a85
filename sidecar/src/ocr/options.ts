/** What reading a document can be asked to do (/v1/ocr and the routes built on it), and the defaults. Parsed from a request by http/requestOptions.ts. */

export type PdfMode = 'auto' | 'ocr' | 'text';
export const LANGUAGES = ['auto', 'en', 'es', 'de', 'fr', 'it', 'pt', 'none'] as const;
export type LanguageHint = (typeof LANGUAGES)[number];

export interface OcrRequestOptions {
	/** PDF pages: text layer when it has real text (auto), always render + OCR (ocr), text layer only (text). */
	mode: PdfMode;
	pages: string | undefined;
	/** Render resolution for PDF pages that are OCR'd; also the pixel scale of text-layer coordinates. */
	dpi: number;
	/** Language for word repair after recognition: auto-detect, a fixed language, or none. */
	lang: LanguageHint;
	/** Run the 0/180° classifier on every line crop. */
	angle: boolean;
	/** Lines recognised with lower confidence are dropped. */
	minConfidence: number;
	/** Add each line's words with their boxes. */
	words: boolean;
}

export const OCR_DEFAULTS: OcrRequestOptions = { mode: 'auto', pages: undefined, dpi: 200, lang: 'auto', angle: true, minConfidence: 0.5, words: false };
