/** GitHub-flavoured Markdown tables (no spans in Markdown: a spanned cell's text sits in its first column). Pure. */
import type { Table } from '../types';
import { flatRows } from './grid';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

export function tableMarkdown(t: Table): string {
	const rows = flatRows(t);
	const n = Math.max(1, ...rows.map((r) => r.length));
	const line = (r: string[]) => `| ${Array.from({ length: n }, (_, k) => cell(r[k] ?? '')).join(' | ')} |`;
	const head = t.header ? rows[0]! : new Array<string>(n).fill('');
	const body = t.header ? rows.slice(1) : rows;
	return [line(head), `|${' --- |'.repeat(n)}`, ...body.map(line)].join('\n');
}

export function tablesMarkdown(tables: readonly Table[]): string {
	return tables.map((t, i) => `Table ${i + 1} (page ${t.page})\n\n${tableMarkdown(t)}\n`).join('\n');
}
