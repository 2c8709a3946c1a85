/** Shapes of the sidecar's answers, as the OpenAPI document (GET /openapi.json) defines them. */
export type ExecutionProvider = 'cuda' | 'cpu';

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
	task: string;
	family: string;
	embedded: boolean;
	provider: ExecutionProvider | null;
	providerReason: string | null;
	loaded: boolean;
	warm: boolean;
	loadMs: number | null;
	warmupMs: number | null;
	error: string | null;
}

export interface GpuStatusResponse {
	activeProvider: ExecutionProvider;
	requestedDevice: 'auto' | 'cuda' | 'cpu';
	providerReason: string;
	cuda: { available: boolean; reason: string | null; gpus: GpuInfo[] };
	models: ModelStatus[];
	queue: { depth: number; capacity: number; running: number; concurrency: number };
	process: { rssMiB: number; heapUsedMiB: number; uptimeS: number; pid: number; node: string };
	version: string;
	ready: boolean;
}

export interface TranscriptSegment {
	start: number;
	end: number;
	text: string;
}

export interface TranscribeResponse {
	text: string;
	language: string;
	duration: number;
	segments: TranscriptSegment[];
	model: string;
	device: ExecutionProvider;
	realtimeFactor: number | null;
	subtitles?: { format: 'srt' | 'vtt'; content: string };
	warnings: string[];
}

export interface InvoiceFields {
	invoiceNumber: string | null;
	invoiceDate: string | null;
	dueDate: string | null;
	vendorName: string | null;
	vendorAddress: string | null;
	vendorTaxId: string | null;
	billTo: string | null;
	currency: string | null;
	subtotal: number | null;
	tax: number | null;
	total: number | null;
}

type Check = 'pass' | 'fail' | 'not-checked';

export interface InvoiceLineItem {
	description: string | null;
	quantity: number | null;
	unitPrice: number | null;
	amount: number | null;
	check: Check;
	page: number;
	confidence: number;
}

export interface InvoiceResponse {
	/** e-invoice: from the CII/UBL XML, exactly; document: read from the pages. */
	source: 'e-invoice' | 'document';
	documentType: 'invoice' | 'credit-note';
	fields: InvoiceFields;
	details: Partial<Record<keyof InvoiceFields, { raw: string; confidence: number; page: number; box: number[] | null }>>;
	validation: {
		subtotalPlusTax: Check;
		lineItemsSum: Check;
		lineAmounts: Check;
		eInvoice?: { matchesPrint?: Check; differences?: Array<{ field: string; eInvoice: unknown; printed: unknown }>; unreadable?: string };
	};
	lineItems: InvoiceLineItem[];
	pages: Array<{ page: number; lines: Array<{ text: string; confidence: number; box: number[] }> }>;
	/** Milliseconds: decoding, OCR, text layer, and the whole request in the sidecar. */
	timings: Record<string, number>;
	review?: ReviewPicture;
}

export interface TableCell {
	row: number;
	col: number;
	rowSpan: number;
	colSpan: number;
	text: string;
	box: number[];
	confidence: number;
}

export interface TableData {
	page: number;
	box: number[];
	method: 'lattice' | 'stream';
	headerRows: number;
	header: string[] | null;
	rows: string[][];
	cells: TableCell[];
	/** Each body column typed as a whole (number with its decimal mark, ISO date, or text). */
	columns: Array<{ type: 'number' | 'date' | 'text'; decimal?: ',' | '.' }>;
	/** The body rows typed by column: numbers, ISO dates, text, null for an empty cell. */
	values: Array<Array<string | number | null>>;
}

export interface TableResponse {
	model: string;
	device: ExecutionProvider;
	filename: string;
	pageCount: number;
	tables: TableData[];
	file?: { format: 'csv' | 'xlsx'; fileName: string; mimeType: string; base64: string };
	review?: ReviewPicture;
}

/** With review=true: a PNG of the pages read, with what was found outlined and labelled. */
export interface ReviewPicture {
	fileName: string;
	mimeType: 'image/png';
	pages: number[];
	base64: string;
}

export interface ModelInfo {
	id: string;
	task: string;
	family: string;
	embedded: boolean;
	description: string;
	downloaded: boolean;
	/** Speech models: the ISO 639-1 codes they transcribe. */
	languages?: string[];
	translate?: boolean;
}

export interface ModelsResponse {
	models: ModelInfo[];
}
