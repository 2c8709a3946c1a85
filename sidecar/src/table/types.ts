/**
 * Shapes the table engine works on. Everything is in page pixels (y down) of one frame: the
 * text-layer scale for digital PDFs, the deskewed image for scans, so one set of algorithms
 * (lattice, stream) serves both sources.
 */
import type { z } from 'zod';
import type { TableCell as TableCellSchema } from '../contract/tables';
import type { Box } from '../ocr/types';

/** A cell with its spans, its text and bounds, and its lowest word confidence (1 for the text layer or an empty cell). */
export type TableCell = z.output<typeof TableCellSchema>;

/** A word (a run of characters without a wide gap) with its bounds. */
export interface Word {
	text: string;
	box: Box;
	confidence: number;
}

/** A horizontal ruling at `y` from x0 to x1. */
export interface HRule {
	y: number;
	x0: number;
	x1: number;
}

/** A vertical ruling at `x` from y0 to y1. */
export interface VRule {
	x: number;
	y0: number;
	y1: number;
}

export interface Rulings {
	horizontal: HRule[];
	vertical: VRule[];
}

export type TableMethod = 'lattice' | 'stream';

export interface Table {
	page: number;
	box: Box;
	method: TableMethod;
	/** Number of leading rows that form the header (0 when none). */
	headerRows: number;
	/** Column names from the header rows (spanned header cells repeated, stacked rows joined by a space), null without a header. */
	header: string[] | null;
	/** Body rows (header rows excluded), one string per column; a spanned cell's text sits in its first row/column. */
	rows: string[][];
	/** Every cell, header included, with spans. */
	cells: TableCell[];
}

export type HeaderMode = 'auto' | 'first-row' | 'none';
export type TableMode = 'auto' | 'lattice' | 'stream';

export interface TableOptions {
	mode: TableMode;
	header: HeaderMode;
	/** Known column count (optional): stream tables are cut into exactly this many columns. */
	columns: number | null;
}
