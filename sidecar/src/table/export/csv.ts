/** CSV (RFC 4180): one table a block, header names first; several tables separated by an empty line. Pure. */
import type { Table } from '../types';
import { flatRows } from './grid';

const field = (s: string) => (/[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function tableCsv(t: Table): string {
	return flatRows(t)
		.map((r) => r.map(field).join(','))
		.join('\r\n');
}

export function tablesCsv(tables: readonly Table[]): string {
	return tables.length === 0 ? '' : `${tables.map(tableCsv).join('\r\n\r\n')}\r\n`;
}
