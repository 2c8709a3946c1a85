/**
 * Files for the container checks, made as the test suite makes them: an English invoice page, a
 * digital PDF with a table, and the JFK recording. Usage: node --import tsx make-fixtures.ts DIR
 */
import fs from 'node:fs';
import path from 'node:path';
import { JFK } from '../../test/helpers/audio';
import { businessPage, renderPage } from '../../test/helpers/documents';
import { combine, drawingPdf, layoutTable, salesTable } from '../../test/helpers/tables';

async function main(): Promise<void> {
	const dir = process.argv[2];
	if (!dir) throw new Error('usage: make-fixtures.ts DIR');
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'invoice.png'), await renderPage(businessPage('en'), { dpi: 150 }));
	fs.writeFileSync(path.join(dir, 'sales.pdf'), drawingPdf([combine(layoutTable(salesTable('booktabs', 30)))]));
	fs.copyFileSync(JFK, path.join(dir, 'jfk.wav'));
	console.log(`fixtures in ${dir}: ${fs.readdirSync(dir).join(', ')}`);
}

void main();
