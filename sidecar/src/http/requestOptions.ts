/**
 * The routes' options from multipart form fields, parsed by the contract's request schemas
 * (contract/requests.ts: vocabularies, ranges and defaults live there once), with 400 problem+json
 * messages that name the field.
 */
import type { z } from 'zod';
import { InvoiceForm, OcrOptions, TableOptions, TranscribeOptions } from '../contract/requests';
import type { OcrRequestOptions } from '../ocr/options';
import type { TranscribeOptions as DomainTranscribeOptions } from '../asr/options';
import type { TableRequestOptions } from '../table/options';
import { parseForm, type FormFields } from './formFields';

export function parseOcrOptions(fields: FormFields): OcrRequestOptions {
	return parseForm(OcrOptions, fields);
}

export function parseTranscribeOptions(fields: FormFields): DomainTranscribeOptions {
	return parseForm(TranscribeOptions, fields);
}

export function parseInvoiceOptions(fields: FormFields) {
	const { dateOrder, review, ...ocr } = parseForm(InvoiceForm, fields);
	return { ocr, dateOrder, review };
}

/** The table options and the reading options they carry, and the form as parsed (what the answer echoes). */
export function parseTableOptions(fields: FormFields): { table: TableRequestOptions; ocr: OcrRequestOptions; echo: z.output<typeof TableOptions> } {
	const echo = parseForm(TableOptions, fields);
	// `mode` is the table finder here; the PDF reading mode is `pdfMode`.
	const { mode, header, columns, tables, format, attach, review, pdfMode, ...reading } = echo;
	return {
		table: { mode, header, columns: columns ?? null, tables, format, attach, pdfMode, review },
		ocr: { ...reading, mode: pdfMode },
		echo,
	};
}
