/** /v1/ocr options from multipart form fields, validated with messages that name the field. */
import { formField, type FormFields } from '../http/formFields';
import { problems } from '../http/problem';

export type PdfMode = 'auto' | 'ocr' | 'text';
export const LANGUAGES = ['auto', 'en', 'es', 'de', 'fr', 'none'] as const;
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
}

export const OCR_DEFAULTS: OcrRequestOptions = { mode: 'auto', pages: undefined, dpi: 200, lang: 'auto', angle: true, minConfidence: 0.5 };


export function parseOcrOptions(fields: FormFields): OcrRequestOptions {
	const o = { ...OCR_DEFAULTS };
	const mode = formField(fields, 'mode');
	if (mode !== undefined) {
		if (!['auto', 'ocr', 'text'].includes(mode)) throw problems.badRequest(`mode must be auto, ocr or text (got "${mode}")`);
		o.mode = mode as PdfMode;
	}
	o.pages = formField(fields, 'pages');
	const dpi = formField(fields, 'dpi');
	if (dpi !== undefined) {
		const n = Number(dpi);
		if (!Number.isInteger(n) || n < 72 || n > 600) throw problems.badRequest(`dpi must be an integer from 72 to 600 (got "${dpi}")`);
		o.dpi = n;
	}
	const lang = formField(fields, 'lang');
	if (lang !== undefined) {
		if (!(LANGUAGES as readonly string[]).includes(lang)) throw problems.badRequest(`lang must be one of ${LANGUAGES.join(', ')} (got "${lang}")`);
		o.lang = lang as LanguageHint;
	}
	const angle = formField(fields, 'angle');
	if (angle !== undefined) {
		if (!['true', 'false'].includes(angle)) throw problems.badRequest(`angle must be true or false (got "${angle}")`);
		o.angle = angle === 'true';
	}
	const minConfidence = formField(fields, 'minConfidence');
	if (minConfidence !== undefined) {
		const n = Number(minConfidence);
		if (!Number.isFinite(n) || n < 0 || n > 1) throw problems.badRequest(`minConfidence must be a number from 0 to 1 (got "${minConfidence}")`);
		o.minConfidence = n;
	}
	return o;
}
