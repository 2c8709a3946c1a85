/** One uploaded file → OCR pages: images decoded page by page, PDFs read from their text layer or rendered. */
import sharp from 'sharp';
import { problems } from '../http/problem';
import type { UploadedFile } from '../http/upload';
import { openPdf, type PdfDocument } from '../pdf/pdfjs';
import type { OcrEngine, OcrOptions } from './engine';
import { decodeImage, MAX_PAGE_PIXELS } from './image';
import { pageText } from './layout/readingOrder';
import { guessLanguage } from './repair/language';
import type { OcrRequestOptions } from './options';
import { PageRangeError, parsePageRange } from './pageRange';
import { hasRealText, pageSize, renderPage, runsToLines, textRuns } from './pdf';
import type { OcrPage, RgbImage, TextLine } from './types';

export interface OcrDocument {
	filename: string;
	mediaType: string;
	pageCount: number;
	pages: OcrPage[];
	timings: { decodeMs: number; ocrMs: number; textLayerMs: number };
}

export interface DocumentLimits {
	maxPages: number;
}

type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;

/** What a page was read from: the pixels that were OCR'd, or the PDF page whose text layer was used. */
export interface PageSource {
	image: RgbImage | null;
	pdfPage: PdfPage | null;
	/** Pixels per PDF point of the page's coordinates (dpi / 72); 1 for images. */
	scale: number;
}

export interface DocumentHooks {
	/** Called for each page once it is read, while its pixels or PDF page are still at hand. */
	visit?: (page: OcrPage, source: PageSource) => Promise<void>;
	/** Engine settings for this document (e.g. a larger detection size for small table print). */
	engine?: Partial<OcrOptions>;
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

function selectPages(spec: string | undefined, count: number, filename: string, limits: DocumentLimits): number[] {
	let pages: number[];
	try {
		pages = parsePageRange(spec, count);
	} catch (err) {
		if (err instanceof PageRangeError) throw problems.unprocessable('page-range', 'Page Range Outside Document', `${filename}: ${err.message}`);
		throw err;
	}
	if (pages.length > limits.maxPages) {
		throw problems.unprocessable(
			'too-many-pages',
			'Too Many Pages',
			`${filename}: ${pages.length} pages selected; at most MAX_PAGES=${limits.maxPages} per request (choose some with pages=, e.g. pages=1-${limits.maxPages})`,
		);
	}
	return pages;
}

/** The render scale for a page, lowered so the bitmap stays within MAX_PAGE_PIXELS. */
export function renderScale(page: { getViewport(p: { scale: number }): { width: number; height: number } }, scale: number): number {
	const v = page.getViewport({ scale });
	const pixels = v.width * v.height;
	return pixels > MAX_PAGE_PIXELS ? scale * Math.sqrt(MAX_PAGE_PIXELS / pixels) * 0.999 : scale;
}

const elapsed = (t: number) => Math.round((performance.now() - t) * 10) / 10;

function ocrPage(page: number, img: RgbImage, lines: TextLine[], source: OcrPage['source'], dpi: number | null, language: string | null): OcrPage {
	return { page, width: img.width, height: img.height, source, dpi, lines, text: pageText(lines), language };
}

/** Words stay on lines only when the caller asked for them (they double the size of an answer). */
function keepWords(page: OcrPage, words: boolean): OcrPage {
	if (!words) for (const l of page.lines) delete l.words;
	return page;
}

export async function ocrDocument(engine: OcrEngine, file: UploadedFile, opts: OcrRequestOptions, limits: DocumentLimits, hooks: DocumentHooks = {}): Promise<OcrDocument> {
	const timings = { decodeMs: 0, ocrMs: 0, textLayerMs: 0 };
	const base = { filename: file.filename, mediaType: file.media.mediaType };
	const ocrOptions = { ...hooks.engine, useAngleCls: opts.angle, minConfidence: opts.minConfidence, lang: opts.lang };

	if (file.media.kind === 'image') {
		let t = performance.now();
		const decoded = await decodeImage(file.buffer, file.filename, 10_000);
		const selected = selectPages(opts.pages, decoded.pages.length, file.filename, limits);
		timings.decodeMs = elapsed(t);
		const pages: OcrPage[] = [];
		t = performance.now();
		for (const p of selected) {
			const { img, factor } = await enlarged(decoded.pages[p - 1]!, hooks.enlargeBelow);
			const result = await engine.recognise(img, ocrOptions);
			const page = ocrPage(p, img, result.lines, 'ocr', decoded.dpi ? Math.round(decoded.dpi * factor) : null, result.language);
			await hooks.visit?.(page, { image: img, pdfPage: null, scale: 1 });
			pages.push(keepWords(page, opts.words));
		}
		timings.ocrMs = elapsed(t);
		return { ...base, pageCount: decoded.pages.length, pages, timings };
	}

	const doc = await openPdf(file.buffer, file.filename);
	try {
		if (doc.numPages === 0) throw problems.unprocessable('empty-pdf', 'PDF Without Pages', `${file.filename} has no pages`);
		const selected = selectPages(opts.pages, doc.numPages, file.filename, limits);
		const scale = opts.dpi / 72;
		const pages: OcrPage[] = [];
		for (const p of selected) {
			const page = await doc.getPage(p);
			try {
				if (opts.mode !== 'ocr') {
					const t = performance.now();
					const lines = runsToLines(await textRuns(page, scale));
					timings.textLayerMs += elapsed(t);
					if (opts.mode === 'text' || hasRealText(lines)) {
						const size = pageSize(page, scale);
						const text = pageText(lines);
						const read: OcrPage = { page: p, width: size.width, height: size.height, source: 'text-layer', dpi: opts.dpi, lines, text, language: guessLanguage(text) };
						await hooks.visit?.(read, { image: null, pdfPage: page, scale });
						pages.push(keepWords(read, opts.words));
						continue;
					}
				}
				let t = performance.now();
				// Oversized pages (posters, plans) render at a lower DPI rather than exhausting memory.
				const img = await renderPage(doc, page, renderScale(page, scale));
				timings.decodeMs += elapsed(t);
				t = performance.now();
				const result = await engine.recognise(img, ocrOptions);
				timings.ocrMs += elapsed(t);
				const read = ocrPage(p, img, result.lines, 'ocr', Math.round((opts.dpi * img.width) / pageSize(page, scale).width), result.language);
				await hooks.visit?.(read, { image: img, pdfPage: page, scale: img.width / pageSize(page, 1).width });
				pages.push(keepWords(read, opts.words));
			} finally {
				page.cleanup();
			}
		}
		return { ...base, pageCount: doc.numPages, pages, timings };
	} finally {
		await doc.destroy();
	}
}
