/** One input file → OCR pages: images decoded page by page, PDFs read from their text layer or rendered (in a worker). */
import sharp from 'sharp';
import { InputError, throwIfCancelled } from '../errors';
import type { InputFile } from '../media/file';
import type { PdfFile, PdfWorkerPool } from '../pdf/workers';
import type { OcrEngine, OcrImageResult, EngineSettings } from './engine';
import { openImage } from './image';
import { pageText } from './layout/readingOrder';
import { guessLanguage } from './repair/language';
import type { OcrRequestOptions } from './options';
import { PageRangeError, parsePageRange } from './pageRange';
import { hasRealText, runsToLines, SCAN_COVER, sparseText } from './pdf';
import { identityFrame } from './page/frame';
import type { OcrPage, RgbImage } from './types';

export interface OcrDocument {
	filename: string;
	mediaType: string;
	pageCount: number;
	pages: OcrPage[];
	timings: { decodeMs: number; ocrMs: number; textLayerMs: number };
}

/** What reading a document may use, and how far: the page limit, the PDF workers, and the job's signal. */
export interface DocumentReaders {
	maxPages: number;
	pdf: PdfWorkerPool;
	/** Aborted when the job is cancelled: reading stops between pages (a PDF worker at once). */
	signal?: AbortSignal;
	/** Told how many pages will be read, so the job's deadline can grow with them. */
	pagesAhead?: (pages: number) => void;
	/** Told when a page is read (progress). */
	pageDone?: () => void;
}

/** What a page was read from: the pixels that were OCR'd, or the PDF page whose text layer was used. */
export interface PageSource {
	image: RgbImage | null;
	/** The PDF and page number, for readers that want more of a text-layer page (its rulings). */
	pdf: { file: PdfFile; page: number } | null;
	/** Pixels per PDF point of the page's coordinates (dpi / 72); 1 for images. */
	scale: number;
}

export interface DocumentHooks {
	/** Called for each page once it is read, while its pixels or PDF page are still at hand. */
	visit?: (page: OcrPage, source: PageSource) => Promise<void>;
	/** Engine settings for this document (e.g. a larger detection size for small table print). */
	engine?: Partial<EngineSettings>;
	/**
	 * Images whose longer side is below this many pixels are enlarged to it (at most 3×) before OCR:
	 * a cropped screenshot's 8-pixel text is too small for detection. Coordinates then refer to the
	 * enlarged page (its width and height say so).
	 */
	enlargeBelow?: number;
}

/** The image enlarged so that its longer side reaches `target` (at most 3×), or as it is. */
async function enlarged(img: RgbImage, target: number | undefined): Promise<{ img: RgbImage; factor: number }> {
	const longer = Math.max(img.width, img.height);
	if (!target || longer >= target) return { img, factor: 1 };
	const factor = Math.min(3, target / longer);
	const width = Math.round(img.width * factor);
	const height = Math.round(img.height * factor);
	const data = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } }).resize(width, height, { kernel: 'lanczos3' }).raw().toBuffer();
	return { img: { width, height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) }, factor };
}

function selectPages(spec: string | undefined, count: number, filename: string, limits: { maxPages: number }): number[] {
	let pages: number[];
	try {
		pages = parsePageRange(spec, count);
	} catch (err) {
		if (err instanceof PageRangeError) throw new InputError('page-range', 'Page Range Outside Document', `${filename}: ${err.message}`);
		throw err;
	}
	if (pages.length > limits.maxPages) {
		throw new InputError(
			'too-many-pages',
			'Too Many Pages',
			`${filename}: ${pages.length} pages selected; at most MAX_PAGES=${limits.maxPages} per request (choose some with pages=, e.g. pages=1-${limits.maxPages})`,
		);
	}
	return pages;
}

const elapsed = (t: number) => Math.round((performance.now() - t) * 10) / 10;

function ocrPage(page: number, result: OcrImageResult, source: OcrPage['source'], dpi: number | null): OcrPage {
	const { upright, lines, language, frame } = result;
	return { page, width: upright.width, height: upright.height, source, dpi, lines, text: pageText(lines), language, frame };
}

/** Words stay on lines only when the caller asked for them (they double the size of an answer). */
function keepWords(page: OcrPage, words: boolean): OcrPage {
	if (!words) for (const l of page.lines) delete l.words;
	return page;
}

export async function ocrDocument(engine: OcrEngine, file: InputFile, opts: OcrRequestOptions, readers: DocumentReaders, hooks: DocumentHooks = {}): Promise<OcrDocument> {
	const timings = { decodeMs: 0, ocrMs: 0, textLayerMs: 0 };
	const base = { filename: file.filename, mediaType: file.media.mediaType };
	const ocrOptions = { ...hooks.engine, useAngleCls: opts.angle, minConfidence: opts.minConfidence, lang: opts.lang };
	const { signal } = readers;

	if (file.media.kind === 'image') {
		const image = await openImage(file.buffer, file.filename);
		// Counted from the header, so a page range or MAX_PAGES refuses a 1000-page TIFF before decoding it.
		const selected = selectPages(opts.pages, image.pageCount, file.filename, readers);
		readers.pagesAhead?.(selected.length);
		const pages: OcrPage[] = [];
		for (const p of selected) {
			throwIfCancelled(signal);
			let t = performance.now();
			const { img, factor } = await enlarged(await image.page(p - 1), hooks.enlargeBelow);
			timings.decodeMs += elapsed(t);
			t = performance.now();
			const result = await engine.recognise(img, ocrOptions);
			const page = ocrPage(p, result, 'ocr', image.dpi ? Math.round(image.dpi * factor) : null);
			await hooks.visit?.(page, { image: result.upright, pdf: null, scale: 1 });
			pages.push(keepWords(page, opts.words));
			timings.ocrMs += elapsed(t);
			readers.pageDone?.();
		}
		return { ...base, pageCount: image.pageCount, pages, timings };
	}

	const pdf = await readers.pdf.open(file.buffer, file.filename, signal);
	try {
		if (pdf.pageCount === 0) throw new InputError('empty-pdf', 'PDF Without Pages', `${file.filename} has no pages`);
		const selected = selectPages(opts.pages, pdf.pageCount, file.filename, readers);
		readers.pagesAhead?.(selected.length);
		const scale = opts.dpi / 72;
		const pages: OcrPage[] = [];
		for (const p of selected) {
			throwIfCancelled(signal);
			if (opts.mode !== 'ocr') {
				const t = performance.now();
				const facts = await pdf.page(p, scale, { text: true, rulings: false });
				const lines = runsToLines(facts.runs ?? []);
				// A few words over a scan (a stamp, a fax header) leave the page's content in its image: OCR it.
				const scanUnder = opts.mode !== 'text' && hasRealText(lines) && sparseText(lines) && ((await pdf.page(p, scale, { text: false, rulings: false, images: true })).imageCover ?? 0) >= SCAN_COVER;
				timings.textLayerMs += elapsed(t);
				if (opts.mode === 'text' || (hasRealText(lines) && !scanUnder)) {
					const text = pageText(lines);
					// Text drawn turned on the page (a landscape table) is read in its upright frame; answers map back.
					const frame = facts.turn === 0 ? undefined : { ...identityFrame(facts.shownWidth, facts.shownHeight), orientation: facts.turn, width: facts.width, height: facts.height };
					const read: OcrPage = { page: p, width: facts.width, height: facts.height, source: 'text-layer', dpi: opts.dpi, lines, text, language: guessLanguage(text), ...(frame ? { frame } : {}) };
					await hooks.visit?.(read, { image: null, pdf: { file: pdf, page: p }, scale });
					pages.push(keepWords(read, opts.words));
					readers.pageDone?.();
					continue;
				}
			}
			let t = performance.now();
			// Oversized pages (posters, plans) render at a lower DPI rather than exhausting memory.
			const img = await pdf.render(p, scale);
			timings.decodeMs += elapsed(t);
			t = performance.now();
			const result = await engine.recognise(img, ocrOptions);
			timings.ocrMs += elapsed(t);
			const read = ocrPage(p, result, 'ocr', Math.round((opts.dpi * img.scale) / scale));
			await hooks.visit?.(read, { image: result.upright, pdf: { file: pdf, page: p }, scale: img.scale });
			pages.push(keepWords(read, opts.words));
			readers.pageDone?.();
		}
		return { ...base, pageCount: pdf.pageCount, pages, timings };
	} finally {
		await pdf.close();
	}
}
