/**
 * Generated from the sidecar's OpenAPI document by scripts/node-types.ts (npm run node-types):
 * do not edit. The sidecar's answers as the nodes read them.
 */

export interface Problem {
	/** A URI naming the kind of problem */
	type: string;
	title: string;
	status: number;
	detail: string;
	instance?: string;
	requestId?: string;
}

export interface Health {
	status: 'ok';
}

export interface GpuInfo {
	index: number;
	name: string;
	driverVersion: string;
	cudaVersion: string | null;
	memoryTotalMiB: number;
	memoryUsedMiB: number;
	utilizationPercent: number | null;
	temperatureC: number | null;
}

export interface ModelStatus {
	id: string;
	task: 'ocr' | 'asr' | 'vad';
	family: string;
	embedded: boolean;
	provider: 'cuda' | 'cpu' | null;
	providerReason: string | null;
	loaded: boolean;
	warm: boolean;
	loadMs: number | null;
	warmupMs: number | null;
	error: string | null;
}

export interface FfmpegStatus {
	available: boolean;
	source: 'FFMPEG_PATH' | 'system' | 'npm' | 'missing';
	version: string | null;
}

export interface Readiness {
	ready: boolean;
	models: Array<ModelStatus>;
	ffmpeg: FfmpegStatus;
}

export interface QueueStatus {
	depth: number;
	capacity: number;
	running: number;
	concurrency: number;
}

export interface GpuStatus {
	activeProvider: 'cuda' | 'cpu';
	requestedDevice: 'auto' | 'cuda' | 'cpu';
	/** Why the active provider was chosen (e.g. why CUDA is not used) */
	providerReason: string;
	cuda: {
		available: boolean;
		reason: string | null;
		gpus: Array<GpuInfo>;
	};
	models: Array<ModelStatus>;
	queue: QueueStatus;
	process: {
		rssMiB: number;
		heapUsedMiB: number;
		uptimeS: number;
		pid: number;
		node: string;
	};
	ffmpeg: FfmpegStatus;
	version: string;
	ready: boolean;
}

export interface ModelList {
	models: Array<{
		id: string;
		task: string;
		family: string;
		embedded: boolean;
		license: string;
		description: string;
		files: Record<string, {
			/** null where only the sha256 is pinned */
			size: number | null;
			sha256: string;
		}>;
		/** Every file is in place (false: run `gpu-inference-sidecar models pull <id>`) */
		downloaded: boolean;
		status: ModelStatus;
		/** Speech models: ISO 639-1 codes they transcribe */
		languages?: Array<string>;
		/** Speech models: whether task=translate is supported */
		translate?: boolean;
	}>;
}

export interface FileInfo {
	filename: string;
	bytes: number;
	mediaType: string;
	kind: 'image' | 'pdf' | 'audio' | 'video';
	pages: number | null;
	width: number | null;
	height: number | null;
}

export interface InspectResult {
	files: Array<FileInfo>;
}

export interface Progress {
	requestId: string;
	route: string;
	state: 'queued' | 'running' | 'done' | 'failed';
	done: number | null;
	total: number | null;
	unit: 'pages' | 'chunks' | null;
	elapsedMs: number;
}

export type Point = [number, number];

export interface TextLine {
	text: string;
	confidence: number;
	/** [x0, y0, x1, y1] in page pixels */
	box: [number, number, number, number];
	/** top-left, top-right, bottom-right, bottom-left */
	polygon: [Point, Point, Point, Point];
	/** Only with words=true: the words of the line with their bounds */
	words?: Array<{
		text: string;
		/** [x0, y0, x1, y1] in page pixels */
		box: [number, number, number, number];
	}>;
}

export interface OcrPage {
	page: number;
	width: number;
	height: number;
	source: 'ocr' | 'text-layer';
	/** Resolution the pixel coordinates refer to (null: an image without density metadata) */
	dpi: number | null;
	/** In reading order */
	lines: Array<TextLine>;
	/** The page text in reading order: a row per line, blocks and columns one after another */
	text: string;
	/** Language guessed from the page (en, es, de, fr), null when unclear */
	language: string | null;
	/** The clockwise turn that made the page upright (boxes stay in the pixels as sent) */
	orientation: 0 | 90 | 180 | 270;
	/** false: too little text to tell which way up; the page was read as sent */
	orientationDecided: boolean;
	/** The clockwise tilt of the text lines that was taken out */
	skewDegrees: number;
	/** A photographed page was found, flattened and its light evened out */
	dewarped: boolean;
	/** Corners of the photographed page in the image as sent (TL, TR, BR, BL) */
	quad: [Point, Point, Point, Point] | null;
}

export interface OcrDocument {
	filename: string;
	mediaType: string;
	pageCount: number;
	pages: Array<OcrPage>;
}

export interface OcrResult {
	model: string;
	device: 'cuda' | 'cpu';
	/** The options that produced this result, defaults filled in */
	options: {
		/** PDF pages: text layer when it has real text (auto), always render + OCR (ocr), text layer only (text) */
		mode: 'auto' | 'ocr' | 'text';
		/** Page selection, e.g. 1-3,5 (default: all, at most MAX_PAGES) */
		pages?: string;
		/** Render resolution for OCR of PDF pages, and the pixel scale of text-layer coordinates */
		dpi: number;
		/** Language for word repair (accents, ß, œ) after recognition */
		lang: 'auto' | 'en' | 'es' | 'de' | 'fr' | 'it' | 'pt' | 'none';
		/** Check every line for upside-down text */
		angle: boolean;
		/** Lines read with lower confidence are dropped */
		minConfidence: number;
		/** Add each line’s words with their boxes */
		words: boolean;
	};
	timings: {
		totalMs: number;
		decodeMs: number;
		ocrMs: number;
		textLayerMs: number;
	};
	documents: Array<OcrDocument>;
	/** Only when one file was sent: the same as documents[0].pages */
	pages?: Array<OcrPage>;
}

export interface Segment {
	/** seconds */
	start: number;
	end: number;
	text: string;
}

export interface Transcript {
	text: string;
	language: string;
	/** seconds of audio */
	duration: number;
	segments: Array<Segment>;
	model: string;
	device: 'cuda' | 'cpu';
	/** The options that produced this result, defaults filled in */
	options: {
		/** A registry speech model (GET /v1/models) */
		model: string;
		/** auto, or an ISO 639-1 code the model supports */
		language: string;
		task: 'transcribe' | 'translate';
		format: 'json' | 'text' | 'srt' | 'vtt';
		/** Only where the model supports it (else ignored, with a warning) */
		wordTimestamps: boolean;
		/** Longest piece of speech handed to the recogniser; voice activity cuts at pauses. Default: the model's (Moonshine 15, Whisper 30, its window) */
		maxChunkSeconds: number;
		/** Whisper: beams per piece (1 is greedy decoding; 5 is faster-whisper's default). Other models decode greedily, with a warning */
		beamSize: number;
		/** Chunks encoded and decoded together (Whisper; Moonshine reads one at a time). Default: the model's (registry defaults.batchSize) */
		batchSize: number;
		/** With format=json, also return subtitles in this format */
		subtitles: 'none' | 'srt' | 'vtt';
	};
	timings: {
		decodeMs: number;
		vadMs: number;
		asrMs: number;
		totalMs: number;
	};
	/** seconds of audio per second of processing */
	realtimeFactor: number | null;
	subtitles?: {
		format: 'srt' | 'vtt';
		content: string;
	};
	warnings: Array<string>;
}

export interface TableCell {
	row: number;
	col: number;
	rowSpan: number;
	colSpan: number;
	text: string;
	/** [x0, y0, x1, y1] in page pixels */
	box: [number, number, number, number];
	/** Lowest word confidence in the cell (1 for the text layer) */
	confidence: number;
}

export interface Table {
	page: number;
	/** [x0, y0, x1, y1] in page pixels */
	box: [number, number, number, number];
	/** lattice: cells from ruling lines; stream: from the alignment of words */
	method: 'lattice' | 'stream';
	headerRows: number;
	/** One name per column (stacked header rows joined by a space), null without a header */
	header: Array<string> | null;
	/** Body rows, one string per column; a spanned cell’s text sits in its first row and column */
	rows: Array<Array<string>>;
	/** Every cell, header included, with its spans */
	cells: Array<TableCell>;
	/** Each body column typed as a whole: number (with the decimal mark it was read with), date (ISO), or text */
	columns: Array<{
		type: 'number' | 'date' | 'text';
		decimal?: ',' | '.';
	}>;
	/** The body rows typed by column: numbers, ISO dates (YYYY-MM-DD), text, or null for an empty cell */
	values: Array<Array<string | number | null>>;
}

export interface ReviewPicture {
	fileName: string;
	mimeType: 'image/png';
	/** The pages shown, top to bottom (those with marks, at most 4 of the first 8) */
	pages: Array<number>;
	/** The PNG: the pages as read, with what was found outlined and labelled (orange: to check) */
	base64: string;
}

export interface TableResult {
	model: string;
	device: 'cuda' | 'cpu';
	filename: string;
	pageCount: number;
	/** The options that produced this result, defaults filled in */
	options: {
		/** Ruled grids (lattice), whitespace alignment (stream), or both */
		mode: 'auto' | 'lattice' | 'stream';
		/** How header rows are chosen */
		header: 'auto' | 'first-row' | 'none';
		/** Known column count (optional): borderless tables are cut into exactly this many columns */
		columns?: number;
		tables: 'all' | 'first' | 'largest';
		/** json, or a file holding every returned table (XLSX: a sheet per table) */
		format: 'json' | 'csv' | 'xlsx' | 'html' | 'markdown';
		/** With format=json, also return that file base64-encoded in `file` */
		attach: 'none' | 'csv' | 'xlsx';
		/** With format=json, also return `review`: a PNG of the pages with each table and its cells outlined */
		review: boolean;
		/** PDF pages: text layer when it has real text (auto), always render + OCR (ocr), text layer only (text) */
		pdfMode: 'auto' | 'ocr' | 'text';
		/** Page selection, e.g. 1-3,5 (default: all, at most MAX_PAGES) */
		pages?: string;
		/** Render resolution for OCR of PDF pages, and the pixel scale of text-layer coordinates */
		dpi: number;
		/** Language for word repair (accents, ß, œ) after recognition */
		lang: 'auto' | 'en' | 'es' | 'de' | 'fr' | 'it' | 'pt' | 'none';
		/** Check every line for upside-down text */
		angle: boolean;
		/** Lines read with lower confidence are dropped */
		minConfidence: number;
		/** Add each line’s words with their boxes */
		words: boolean;
	};
	/** Milliseconds per stage */
	timings: Record<string, number>;
	tables: Array<Table>;
	/** Only with attach=csv|xlsx: that file, base64-encoded */
	file?: {
		format: 'csv' | 'xlsx';
		fileName: string;
		mimeType: string;
		base64: string;
	};
	review?: ReviewPicture;
	pages: Array<OcrPage>;
}

export interface InvoiceFields {
	invoiceNumber: string | null;
	invoiceDate: string | null;
	dueDate: string | null;
	/** When the goods were delivered or the service performed (Lieferdatum, Leistungsdatum, date de livraison, tax point …) */
	deliveryDate: string | null;
	vendorName: string | null;
	vendorAddress: string | null;
	vendorTaxId: string | null;
	billTo: string | null;
	currency: string | null;
	subtotal: number | null;
	tax: number | null;
	/** The invoice total, tax included, before anything already paid or taken off (an e-invoice's GrandTotalAmount) */
	total: number | null;
	/** What is left to pay: the total less a deposit, prepayment, payment made or agency commission printed after it (an e-invoice's DuePayableAmount); the total where nothing is taken off */
	amountDue: number | null;
}

export interface FieldDetail {
	/** The text as printed */
	raw: string;
	confidence: number;
	/** 0 for a value from an e-invoice XML */
	page: number;
	/** Where on the page (null for a value from an e-invoice XML) */
	box: [number, number, number, number] | null;
}

export interface LineItem {
	description: string | null;
	quantity: number | null;
	unitPrice: number | null;
	amount: number | null;
	/** quantity × unit price ≈ amount */
	check: 'pass' | 'fail' | 'not-checked';
	page: number;
	confidence: number;
}

export interface InvoiceValidation {
	subtotalPlusTax: 'pass' | 'fail' | 'not-checked';
	/** The seller's tax id by its format's check digits (EU VAT numbers, GSTIN, ABN …): fail where they do not add up, a wrong or made-up number as printed; not-checked where the format has none */
	vendorTaxId: 'pass' | 'fail' | 'not-checked';
	/** Σ line amounts ≈ subtotal (or total) */
	lineItemsSum: 'pass' | 'fail' | 'not-checked';
	/** quantity × unit price ≈ amount on every line that has all three */
	lineAmounts: 'pass' | 'fail' | 'not-checked';
	/** With an e-invoice: whether the printed page agrees with its XML (the XML wins) and where not; or why an embedded XML could not be read */
	eInvoice?: {
		matchesPrint?: 'pass' | 'fail' | 'not-checked';
		differences?: Array<{
			field: string;
			eInvoice: string | number | null;
			printed: string | number | null;
		}>;
		format?: 'CII' | 'UBL';
		profile?: string | null;
		unreadable?: string;
	};
}

export interface InvoiceResult {
	model: string;
	device: 'cuda' | 'cpu';
	filename: string;
	pageCount: number;
	/** e-invoice: fields and line items from the CII/UBL XML (a ZUGFeRD / Factur-X / XRechnung PDF, or an XML file), exactly; document: read from the pages */
	source: 'e-invoice' | 'document';
	/** A credit note gives its amounts negative */
	documentType: 'invoice' | 'credit-note';
	fields: InvoiceFields;
	/** Per found field: the text as printed, confidence, page and box */
	details: Record<string, FieldDetail>;
	validation: InvoiceValidation;
	/** From the table whose header names a description and an amount (or a quantity and a price); totals rows left out */
	lineItems: Array<LineItem>;
	/** Milliseconds per stage */
	timings: Record<string, number>;
	pages: Array<OcrPage>;
	review?: ReviewPicture;
}

export interface OcrOptions {
	/** PDF pages: text layer when it has real text (auto), always render + OCR (ocr), text layer only (text) */
	mode?: 'auto' | 'ocr' | 'text';
	/** Page selection, e.g. 1-3,5 (default: all, at most MAX_PAGES) */
	pages?: string;
	/** Render resolution for OCR of PDF pages, and the pixel scale of text-layer coordinates */
	dpi?: number;
	/** Language for word repair (accents, ß, œ) after recognition */
	lang?: 'auto' | 'en' | 'es' | 'de' | 'fr' | 'it' | 'pt' | 'none';
	/** Check every line for upside-down text */
	angle?: 'true' | 'false';
	/** Lines read with lower confidence are dropped */
	minConfidence?: number;
	/** Add each line’s words with their boxes */
	words?: 'true' | 'false';
}

export interface InvoiceOptions {
	/** How to read dates like 03/04/2024 when the document does not tell */
	dateOrder?: 'auto' | 'dmy' | 'mdy' | 'ymd';
	/** Also return `review`: a PNG of the pages with each field outlined and labelled */
	review?: 'true' | 'false';
}

export interface TableOptions {
	/** Ruled grids (lattice), whitespace alignment (stream), or both */
	mode?: 'auto' | 'lattice' | 'stream';
	/** How header rows are chosen */
	header?: 'auto' | 'first-row' | 'none';
	/** Known column count (optional): borderless tables are cut into exactly this many columns */
	columns?: number;
	tables?: 'all' | 'first' | 'largest';
	/** json, or a file holding every returned table (XLSX: a sheet per table) */
	format?: 'json' | 'csv' | 'xlsx' | 'html' | 'markdown';
	/** With format=json, also return that file base64-encoded in `file` */
	attach?: 'none' | 'csv' | 'xlsx';
	/** With format=json, also return `review`: a PNG of the pages with each table and its cells outlined */
	review?: 'true' | 'false';
	/** PDF pages: text layer when it has real text (auto), always render + OCR (ocr), text layer only (text) */
	pdfMode?: 'auto' | 'ocr' | 'text';
	/** Page selection, e.g. 1-3,5 (default: all, at most MAX_PAGES) */
	pages?: string;
	/** Render resolution for OCR of PDF pages, and the pixel scale of text-layer coordinates */
	dpi?: number;
	/** Language for word repair (accents, ß, œ) after recognition */
	lang?: 'auto' | 'en' | 'es' | 'de' | 'fr' | 'it' | 'pt' | 'none';
	/** Check every line for upside-down text */
	angle?: 'true' | 'false';
	/** Lines read with lower confidence are dropped */
	minConfidence?: number;
	/** Add each line’s words with their boxes */
	words?: 'true' | 'false';
}

export interface TranscribeOptions {
	/** A registry speech model (GET /v1/models) */
	model?: string;
	/** auto, or an ISO 639-1 code the model supports */
	language?: string;
	task?: 'transcribe' | 'translate';
	format?: 'json' | 'text' | 'srt' | 'vtt';
	/** Only where the model supports it (else ignored, with a warning) */
	wordTimestamps?: 'true' | 'false';
	/** Longest piece of speech handed to the recogniser; voice activity cuts at pauses. Default: the model's (Moonshine 15, Whisper 30, its window) */
	maxChunkSeconds?: number;
	/** Whisper: beams per piece (1 is greedy decoding; 5 is faster-whisper's default). Other models decode greedily, with a warning */
	beamSize?: number;
	/** Chunks encoded and decoded together (Whisper; Moonshine reads one at a time). Default: the model's (registry defaults.batchSize) */
	batchSize?: number;
	/** With format=json, also return subtitles in this format */
	subtitles?: 'none' | 'srt' | 'vtt';
}
