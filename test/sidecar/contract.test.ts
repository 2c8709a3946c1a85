/**
 * The contract (sidecar/src/contract/) is written once: its zod schemas parse the requests, make
 * the OpenAPI document's schemas and type the domain's answers. These checks hold it to that.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as contract from '../../sidecar/src/contract/all';
import { answers, forms } from '../../sidecar/src/contract/schema';
import { parseInvoiceOptions, parseOcrOptions, parseTableOptions } from '../../sidecar/src/http/requestOptions';
import { openApiDocument } from '../../sidecar/src/openapi/document';
import { schemaValidator } from '../helpers/openapi';

const SRC = path.join(__dirname, '../../sidecar/src');
const sourceFiles = (dir: string): string[] =>
	fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));

describe('the contract', () => {
	it('names every OpenAPI schema once, from a zod schema in one of its two registries', () => {
		const names = Object.keys(openApiDocument('test').components.schemas).sort();
		const registered = Object.values(contract)
			.filter((v): v is never => typeof v === 'object' && v !== null && '_zod' in v)
			.map((s) => answers.get(s)?.id ?? forms.get(s)?.id)
			.filter((id): id is string => Boolean(id));
		expect(registered.sort()).toEqual(names);
	});

	it('parses a form with its defaults, the last of repeated values, and blanks as absent', () => {
		expect(parseOcrOptions({})).toEqual({ mode: 'auto', dpi: 200, lang: 'auto', angle: true, minConfidence: 0.5, words: false });
		expect(parseOcrOptions({ dpi: ['150', ' 300 '], angle: 'false', pages: '  ', lang: 'de' })).toEqual({ mode: 'auto', dpi: 300, lang: 'de', angle: false, minConfidence: 0.5, words: false });
		expect(parseInvoiceOptions({ dateOrder: 'mdy', review: 'true', mode: 'ocr' })).toMatchObject({ dateOrder: 'mdy', review: true, ocr: { mode: 'ocr' } });
		// On the table route `mode` finds tables, and `pdfMode` is how the PDF is read.
		const table = parseTableOptions({ mode: 'stream', pdfMode: 'text', columns: '4', words: 'true' });
		expect(table.table).toMatchObject({ mode: 'stream', pdfMode: 'text', columns: 4 });
		expect(table.ocr).toMatchObject({ mode: 'text', words: true });
		expect(parseTableOptions({}).table.columns).toBeNull();
	});

	it('refuses a bad field by name, saying what it must be, whichever check failed', () => {
		expect(() => parseOcrOptions({ dpi: 'high' })).toThrow('dpi must be an integer from 72 to 600 (got "high")');
		expect(() => parseOcrOptions({ dpi: '150.5' })).toThrow('dpi must be an integer from 72 to 600 (got "150.5")');
		expect(() => parseOcrOptions({ angle: 'yes' })).toThrow('angle must be true or false (got "yes")');
		expect(() => parseOcrOptions({ lang: 'xx' })).toThrow('lang must be one of auto, en, es, de, fr, it, pt, none (got "xx")');
		expect(() => parseInvoiceOptions({ dateOrder: 'dym' })).toThrow('dateOrder must be one of auto, dmy, mdy, ymd (got "dym")');
		expect(() => parseTableOptions({ tables: 'some' })).toThrow('tables must be all, first or largest (got "some")');
	});

	it('writes the same answer shape as JSON Schema and as zod: a real-shaped answer passes both, a wrong one fails both', () => {
		const validate = schemaValidator(openApiDocument('test'));
		const gpu = { index: 0, name: 'H100', driverVersion: '550.54', cudaVersion: '12.4', memoryTotalMiB: 81559, memoryUsedMiB: 1, utilizationPercent: 0, temperatureC: 31 };
		expect(validate('GpuInfo', gpu)).toBeNull();
		expect(contract.GpuInfo.safeParse(gpu).success).toBe(true);
		const wrong = { ...gpu, memoryTotalMiB: '80 GB' };
		expect(validate('GpuInfo', wrong)).toMatch(/memoryTotalMiB/);
		expect(contract.GpuInfo.safeParse(wrong).success).toBe(false);
		// An answer echoes its options as values, not as the strings a form sends.
		const echo = { mode: 'auto', dpi: 200, lang: 'auto', angle: true, minConfidence: 0.5, words: false };
		const ocr = { model: 'm', device: 'cpu', options: echo, timings: { totalMs: 1, decodeMs: 0, ocrMs: 1, textLayerMs: 0 }, documents: [] };
		expect(validate('OcrResult', ocr)).toBeNull();
		expect(validate('OcrResult', { ...ocr, options: { ...echo, angle: 'true' } })).toMatch(/angle/);
	});

	it('keeps the domain free of HTTP: only the routes, the HTTP layer, the document and the wiring import http/', () => {
		const wiring = new Set(['app.ts', 'server.ts', 'context.ts', 'cli.ts']);
		const offenders = sourceFiles(SRC)
			.map((f) => path.relative(SRC, f))
			.filter((f) => !/^(http|routes|openapi)\//.test(f) && !wiring.has(f))
			.filter((f) => /from '(\.\.?\/)+(http|routes)\//.test(fs.readFileSync(path.join(SRC, f), 'utf8')));
		expect(offenders).toEqual([]);
	});
});
