/** The OCR answers: lines with boxes, pages, documents, and the /v1/ocr result. */
import { z } from 'zod';
import { OcrOptions } from './requests';
import { answer, answers, int, named } from './schema';
import { DEVICES, PAGE_SOURCES } from './vocab';

export const Point = named(answers, 'Point', z.tuple([z.number(), z.number()]));
/** [x0, y0, x1, y1] in page pixels. */
export const Box = z.tuple([z.number(), z.number(), z.number(), z.number()]).describe('[x0, y0, x1, y1] in page pixels');
export const Quad = z.tuple([Point, Point, Point, Point]);

export const TextLine = answer('TextLine', {
	text: z.string(),
	confidence: z.number().min(0).max(1),
	box: Box,
	polygon: Quad.describe('top-left, top-right, bottom-right, bottom-left'),
	words: z.array(z.object({ text: z.string(), box: Box })).optional().describe('Only with words=true: the words of the line with their bounds'),
});

export const OcrPage = answer('OcrPage', {
	page: int().min(1),
	width: int(),
	height: int(),
	source: z.enum(PAGE_SOURCES),
	dpi: int().nullable().describe('Resolution the pixel coordinates refer to (null: an image without density metadata)'),
	lines: z.array(TextLine).describe('In reading order'),
	text: z.string().describe('The page text in reading order: a row per line, blocks and columns one after another'),
	language: z.string().nullable().describe('Language guessed from the page (en, es, de, fr), null when unclear'),
	orientation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]).describe('The clockwise turn that made the page upright (boxes stay in the pixels as sent)'),
	orientationDecided: z.boolean().describe('false: too little text to tell which way up; the page was read as sent'),
	skewDegrees: z.number().describe('The clockwise tilt of the text lines that was taken out'),
	dewarped: z.boolean().describe('A photographed page was found, flattened and its light evened out'),
	quad: Quad.nullable().describe('Corners of the photographed page in the image as sent (TL, TR, BR, BL)'),
});

export const OcrDocument = answer('OcrDocument', { filename: z.string(), mediaType: z.string(), pageCount: int(), pages: z.array(OcrPage) });

export const OcrResult = answer('OcrResult', {
	model: z.string(),
	device: z.enum(DEVICES),
	options: OcrOptions.describe('The options that produced this result, defaults filled in'),
	timings: z.object({ totalMs: z.number(), decodeMs: z.number(), ocrMs: z.number(), textLayerMs: z.number() }),
	documents: z.array(OcrDocument),
	pages: z.array(OcrPage).optional().describe('Only when one file was sent: the same as documents[0].pages'),
});
