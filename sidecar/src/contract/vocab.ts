/** The words the contract and the domain share, each list written once. */

export const DEVICES = ['cuda', 'cpu'] as const;
export const REQUESTED_DEVICES = ['auto', 'cuda', 'cpu'] as const;
export const MODEL_TASKS = ['ocr', 'asr', 'vad'] as const;
/** How a cross-check came out. */
export const CHECKS = ['pass', 'fail', 'not-checked'] as const;

/** How PDF pages are read: text layer when it has real text (auto), always render + OCR, text layer only. */
export const PDF_MODES = ['auto', 'ocr', 'text'] as const;
/** Languages for word repair after recognition (the rec model cannot write € ß ñ ö …). */
export const LANGUAGES = ['auto', 'en', 'es', 'de', 'fr', 'it', 'pt', 'none'] as const;
export const PAGE_SOURCES = ['ocr', 'text-layer'] as const;

export const FORMATS = ['json', 'text', 'srt', 'vtt'] as const;
export const SPEECH_TASKS = ['transcribe', 'translate'] as const;
export const SUBTITLE_CHOICES = ['none', 'srt', 'vtt'] as const;

export const TABLE_MODES = ['auto', 'lattice', 'stream'] as const;
export const TABLE_METHODS = ['lattice', 'stream'] as const;
export const HEADER_CHOICES = ['auto', 'first-row', 'none'] as const;
export const TABLE_SELECTIONS = ['all', 'first', 'largest'] as const;
export const TABLE_FORMATS = ['json', 'csv', 'xlsx', 'html', 'markdown'] as const;
export const ATTACH_CHOICES = ['none', 'csv', 'xlsx'] as const;

export const DATE_ORDERS = ['auto', 'dmy', 'mdy', 'ymd'] as const;
export const INVOICE_SOURCES = ['e-invoice', 'document'] as const;
export const DOCUMENT_TYPES = ['invoice', 'credit-note'] as const;
