/**
 * The routes' options from multipart form fields, validated with messages that name the field
 * (400 problem+json). The option types, vocabularies and defaults belong to the domain modules;
 * only reading them from a request lives here.
 */
import { LANGUAGES, OCR_DEFAULTS, type OcrRequestOptions } from '../ocr/options';
import { FORMATS, TRANSCRIBE_DEFAULTS, type TranscribeOptions } from '../asr/options';
import { TABLE_DEFAULTS } from '../table/extract';
import { TABLE_FORMATS, TABLE_SELECTIONS, type TableRequestOptions } from '../table/options';
import { boolField, enumField, formField, numberField, type FormFields } from './formFields';
import { problems } from './problem';

export function parseOcrOptions(fields: FormFields): OcrRequestOptions {
	return {
		mode: enumField(fields, 'mode', ['auto', 'ocr', 'text'] as const, 'auto, ocr or text') ?? OCR_DEFAULTS.mode,
		pages: formField(fields, 'pages'),
		dpi: numberField(fields, 'dpi', 72, 600, true) ?? OCR_DEFAULTS.dpi,
		lang: enumField(fields, 'lang', LANGUAGES) ?? OCR_DEFAULTS.lang,
		angle: boolField(fields, 'angle') ?? OCR_DEFAULTS.angle,
		minConfidence: numberField(fields, 'minConfidence', 0, 1) ?? OCR_DEFAULTS.minConfidence,
		words: boolField(fields, 'words') ?? OCR_DEFAULTS.words,
	};
}

/** `{ [key]: value }` when the field was given, else nothing (so absent stays absent). */
function optional<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
	return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}

export function parseTranscribeOptions(fields: FormFields): TranscribeOptions {
	const language = formField(fields, 'language');
	if (language !== undefined && !/^(auto|[a-z]{2,3})$/.test(language)) throw problems.badRequest(`language must be auto or an ISO 639-1 code such as en (got "${language}")`);
	const d = TRANSCRIBE_DEFAULTS;
	return {
		model: formField(fields, 'model') ?? d.model,
		language: language ?? d.language,
		task: enumField(fields, 'task', ['transcribe', 'translate'] as const, 'transcribe or translate') ?? d.task,
		format: enumField(fields, 'format', FORMATS) ?? d.format,
		wordTimestamps: boolField(fields, 'wordTimestamps') ?? d.wordTimestamps,
		...optional('maxChunkSeconds', numberField(fields, 'maxChunkSeconds', 2, 30)),
		subtitles: enumField(fields, 'subtitles', ['none', 'srt', 'vtt'] as const, 'none, srt or vtt') ?? d.subtitles,
		beamSize: numberField(fields, 'beamSize', 1, 10, true) ?? d.beamSize,
		...optional('batchSize', numberField(fields, 'batchSize', 1, 32, true)),
	};
}

export function parseTableOptions(fields: FormFields): { table: TableRequestOptions; ocr: OcrRequestOptions } {
	// `mode` is the table finder here; the PDF reading mode is `pdfMode`.
	const ocr = parseOcrOptions({ ...fields, mode: formField(fields, 'pdfMode') });
	const table: TableRequestOptions = {
		mode: enumField(fields, 'mode', ['auto', 'lattice', 'stream'] as const, 'auto, lattice or stream') ?? TABLE_DEFAULTS.mode,
		header: enumField(fields, 'header', ['auto', 'first-row', 'none'] as const, 'auto, first-row or none') ?? TABLE_DEFAULTS.header,
		columns: numberField(fields, 'columns', 2, 200, true) ?? null,
		tables: enumField(fields, 'tables', TABLE_SELECTIONS) ?? 'all',
		format: enumField(fields, 'format', TABLE_FORMATS) ?? 'json',
		attach: enumField(fields, 'attach', ['none', 'csv', 'xlsx'] as const) ?? 'none',
		pdfMode: ocr.mode,
		review: boolField(fields, 'review') ?? false,
	};
	return { table, ocr };
}
