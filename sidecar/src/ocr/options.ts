/**
 * What reading a document can be asked to do (/v1/ocr and the routes built on it): the contract's
 * OcrOptions (contract/requests.ts), which also holds the defaults and the vocabularies.
 */
import { OcrOptions, type OcrRequestOptions } from '../contract/requests';
import type { LANGUAGES, PDF_MODES } from '../contract/vocab';

export type { OcrRequestOptions };
export type PdfMode = (typeof PDF_MODES)[number];
export type LanguageHint = (typeof LANGUAGES)[number];

/** Every option at its default: what a request without fields asks for. */
export const OCR_DEFAULTS: OcrRequestOptions = OcrOptions.parse({});
