/** HTML tables with their row and column spans; header rows in <thead>. Pure. */
import type { Table } from '../types';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function tableHtml(t: Table): string {
	const rows = new Map<number, string[]>();
	for (const c of [...t.cells].sort((a, b) => a.row - b.row || a.col - b.col)) {
		const tag = c.row < t.headerRows ? 'th' : 'td';
		const spans = `${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}`;
		rows.set(c.row, [...(rows.get(c.row) ?? []), `<${tag}${spans}>${escape(c.text)}</${tag}>`]);
	}
	const nRows = Math.max(0, ...t.cells.map((c) => c.row + c.rowSpan));
	const tr = (r: number) => `<tr>${(rows.get(r) ?? []).join('')}</tr>`;
	const head = Array.from({ length: t.headerRows }, (_, r) => tr(r)).join('\n');
	const body = Array.from({ length: nRows - t.headerRows }, (_, i) => tr(i + t.headerRows)).join('\n');
	return `<table data-page="${t.page}">\n${head ? `<thead>\n${head}\n</thead>\n` : ''}<tbody>\n${body}\n</tbody>\n</table>`;
}

export function tablesHtml(tables: readonly Table[]): string {
	return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Tables</title></head><body>\n${tables.map(tableHtml).join('\n')}\n</body></html>\n`;
}
