/** Reading the text of several files: one document per file, its pages in the pixels as sent, and the timings summed. Free of HTTP. */
import type { InputFile } from '../media/file';
import { ocrDocument, type DocumentReaders } from '../ocr/document';
import type { OcrEngine } from '../ocr/engine';
import type { OcrRequestOptions } from '../ocr/options';
import { pageInSentPixels } from '../ocr/page/output';

const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 10) / 10;

export async function readText(engine: OcrEngine, files: readonly InputFile[], options: OcrRequestOptions, readers: DocumentReaders) {
	const read = [];
	for (const file of files) read.push(await ocrDocument(engine, file, options, readers));
	return {
		documents: read.map(({ timings: _t, ...doc }) => ({ ...doc, pages: doc.pages.map(pageInSentPixels) })),
		timings: {
			decodeMs: sum(read.map((d) => d.timings.decodeMs)),
			ocrMs: sum(read.map((d) => d.timings.ocrMs)),
			textLayerMs: sum(read.map((d) => d.timings.textLayerMs)),
		},
	};
}
