/** The table answers: cells with spans, typed columns, the optional file and review picture. */
import { z } from 'zod';
import { Box, OcrPage } from './ocr';
import { TableOptions } from './requests';
import { answer, int } from './schema';
import { ATTACH_CHOICES, DEVICES, TABLE_METHODS } from './vocab';

export const TableCell = answer('TableCell', {
	row: int().min(0),
	col: int().min(0),
	rowSpan: int().min(1),
	colSpan: int().min(1),
	text: z.string(),
	box: Box,
	confidence: z.number().min(0).max(1).describe('Lowest word confidence in the cell (1 for the text layer)'),
});

export const ColumnType = z.object({ type: z.enum(['number', 'date', 'text']), decimal: z.enum([',', '.']).optional() });

export const Table = answer('Table', {
	page: int().min(1),
	box: Box,
	method: z.enum(TABLE_METHODS).describe('lattice: cells from ruling lines; stream: from the alignment of words'),
	headerRows: int().min(0),
	header: z.array(z.string()).nullable().describe('One name per column (stacked header rows joined by a space), null without a header'),
	rows: z.array(z.array(z.string())).describe('Body rows, one string per column; a spanned cell’s text sits in its first row and column'),
	cells: z.array(TableCell).describe('Every cell, header included, with its spans'),
	columns: z.array(ColumnType).describe('Each body column typed as a whole: number (with the decimal mark it was read with), date (ISO), or text'),
	values: z
		.array(z.array(z.union([z.string(), z.number(), z.null()])))
		.describe('The body rows typed by column: numbers, ISO dates (YYYY-MM-DD), text, or null for an empty cell'),
});

export const ReviewPicture = answer('ReviewPicture', {
	fileName: z.string(),
	mimeType: z.literal('image/png'),
	pages: z.array(int()).describe('The pages shown, top to bottom (those with marks, at most 4 of the first 8)'),
	base64: z.string().describe('The PNG: the pages as read, with what was found outlined and labelled (orange: to check)'),
});

export const Timings = z.record(z.string(), z.number()).describe('Milliseconds per stage');

export const TableResult = answer('TableResult', {
	model: z.string(),
	device: z.enum(DEVICES),
	filename: z.string(),
	pageCount: int(),
	options: TableOptions.describe('The options that produced this result, defaults filled in'),
	timings: Timings,
	tables: z.array(Table),
	file: z
		.object({ format: z.enum(ATTACH_CHOICES.filter((c) => c !== 'none') as ['csv', 'xlsx']), fileName: z.string(), mimeType: z.string(), base64: z.string() })
		.optional()
		.describe('Only with attach=csv|xlsx: that file, base64-encoded'),
	review: ReviewPicture.optional(),
	pages: z.array(OcrPage),
});
