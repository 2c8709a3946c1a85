/**
 * The request side of the contract: the form fields of each upload route, with their defaults.
 * http/formFields.ts parses a request with these; the OpenAPI document shows them as sent.
 */
import { z } from 'zod';
import { choice, flag, numberIn } from './form';
import { forms, named } from './schema';
import { ATTACH_CHOICES, DATE_ORDERS, FORMATS, HEADER_CHOICES, LANGUAGES, PDF_MODES, SPEECH_TASKS, SUBTITLE_CHOICES, TABLE_FORMATS, TABLE_MODES, TABLE_SELECTIONS } from './vocab';

const PDF_MODE_TEXT = 'PDF pages: text layer when it has real text (auto), always render + OCR (ocr), text layer only (text)';

/** How a document is read: shared by /v1/ocr, /v1/ocr/table and /v1/ocr/invoice. */
const readingFields = {
	pages: z.string().optional().describe('Page selection, e.g. 1-3,5 (default: all, at most MAX_PAGES)'),
	dpi: numberIn(72, 600, true).default(200).describe('Render resolution for OCR of PDF pages, and the pixel scale of text-layer coordinates'),
	lang: choice(LANGUAGES).default('auto').describe('Language for word repair (accents, ß, œ) after recognition'),
	angle: flag().prefault('true').describe('Check every line for upside-down text'),
	minConfidence: numberIn(0, 1).default(0.5).describe('Lines read with lower confidence are dropped'),
	words: flag().prefault('false').describe('Add each line’s words with their boxes'),
};

export const OcrOptions = named(forms, 'OcrOptions', z.object({ mode: choice(PDF_MODES).default('auto').describe(PDF_MODE_TEXT), ...readingFields }));
export type OcrRequestOptions = z.output<typeof OcrOptions>;

/** The invoice route's own fields; its form is these and OcrOptions. */
export const InvoiceOptions = named(
	forms,
	'InvoiceOptions',
	z.object({
		dateOrder: choice(DATE_ORDERS).default('auto').describe('How to read dates like 03/04/2024 when the document does not tell'),
		review: flag().prefault('false').describe('Also return `review`: a PNG of the pages with each field outlined and labelled'),
	}),
);
export const InvoiceForm = OcrOptions.extend(InvoiceOptions.shape);

/** `mode` here is the table finder; the PDF reading mode is `pdfMode`. */
export const TableOptions = named(
	forms,
	'TableOptions',
	z.object({
		mode: choice(TABLE_MODES).default('auto').describe('Ruled grids (lattice), whitespace alignment (stream), or both'),
		header: choice(HEADER_CHOICES).default('auto').describe('How header rows are chosen'),
		columns: numberIn(2, 200, true).optional().describe('Known column count (optional): borderless tables are cut into exactly this many columns'),
		tables: choice(TABLE_SELECTIONS).default('all'),
		format: choice(TABLE_FORMATS).default('json').describe('json, or a file holding every returned table (XLSX: a sheet per table)'),
		attach: choice(ATTACH_CHOICES).default('none').describe('With format=json, also return that file base64-encoded in `file`'),
		review: flag().prefault('false').describe('With format=json, also return `review`: a PNG of the pages with each table and its cells outlined'),
		pdfMode: choice(PDF_MODES).default('auto').describe(PDF_MODE_TEXT),
		...readingFields,
	}),
);

export const TranscribeOptions = named(
	forms,
	'TranscribeOptions',
	z.object({
		model: z.string().default('moonshine-tiny').describe('A registry speech model (GET /v1/models)'),
		language: z
			.string()
			.regex(/^(auto|[a-z]{2,3})$/, { error: () => 'auto or an ISO 639-1 code such as en' })
			.default('auto')
			.describe('auto, or an ISO 639-1 code the model supports'),
		task: choice(SPEECH_TASKS).default('transcribe'),
		format: choice(FORMATS).default('json'),
		wordTimestamps: flag().prefault('false').describe('Only where the model supports it (else ignored, with a warning)'),
		maxChunkSeconds: numberIn(2, 30)
			.optional()
			.describe("Longest piece of speech handed to the recogniser; voice activity cuts at pauses. Default: the model's (Moonshine 15, Whisper 30, its window)"),
		beamSize: numberIn(1, 10, true).default(1).describe("Whisper: beams per piece (1 is greedy decoding; 5 is faster-whisper's default). Other models decode greedily, with a warning"),
		batchSize: numberIn(1, 32, true).optional().describe("Chunks encoded and decoded together (Whisper; Moonshine reads one at a time). Default: the model's (registry defaults.batchSize)"),
		subtitles: choice(SUBTITLE_CHOICES).default('none').describe('With format=json, also return subtitles in this format'),
	}),
);
export type TranscribeRequestOptions = z.output<typeof TranscribeOptions>;
