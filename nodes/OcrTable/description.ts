import type { INodeProperties } from 'n8n-workflow';
import {
	binaryInput,
	concurrencyOption,
	languageOption,
	optionsCollection,
	retriesOption,
	reviewPictureOption,
	timeoutOption,
} from '../shared/properties';

export const tableProperties: INodeProperties[] = [
	binaryInput('PDF, scan or photo with tables (PDF, PNG, JPEG, TIFF, WebP …)'),
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'rows',
		options: [
			{
				name: 'One Item per Row',
				value: 'rows',
				description: 'Each table row as an item, keyed by the column headers (ready to append to a sheet)',
			},
			{
				name: 'One Item per Table',
				value: 'tables',
				description: 'Each table as an item: header, rows as arrays, and cells with spans and boxes',
			},
		],
	},
	{
		displayName: 'Tables',
		name: 'tables',
		type: 'options',
		default: 'all',
		options: [
			{ name: 'All Tables', value: 'all' },
			{ name: 'First Table', value: 'first' },
			{ name: 'Largest Table', value: 'largest' },
		],
		description: 'Which of the tables found in the document to return',
	},
	{
		displayName: 'Attach File',
		name: 'attach',
		type: 'options',
		default: 'none',
		options: [
			{ name: 'None', value: 'none' },
			{ name: 'CSV', value: 'csv' },
			{ name: 'XLSX (One Sheet per Table)', value: 'xlsx' },
		],
		description: 'Also attach the tables as a file in the binary property "table" (on the first item of each document)',
	},
	languageOption(['en', 'es', 'de', 'fr', 'it', 'pt'], 'Language of the document, used to repair accents the OCR model cannot write'),
	optionsCollection([
		reviewPictureOption('each table and its cells'),
		{
			displayName: 'Column Count',
			name: 'columns',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 200 },
			default: 0,
			description: 'Known number of columns of borderless tables (0: find them from the layout)',
		},
		concurrencyOption('documents'),
		{
			displayName: 'Detection',
			name: 'mode',
			type: 'options',
			default: 'auto',
			options: [
				{ name: 'Auto', value: 'auto', description: 'Ruled grids and borderless tables' },
				{ name: 'Ruled Grids Only', value: 'lattice' },
				{ name: 'Borderless Only', value: 'stream', description: 'Columns from the alignment of the text, rules ignored' },
			],
		},
		{
			displayName: 'Header',
			name: 'header',
			type: 'options',
			default: 'auto',
			options: [
				{ name: 'Auto', value: 'auto', description: 'Find header rows (rules under them, labels over numbers)' },
				{ name: 'First Row', value: 'first-row' },
				{ name: 'None', value: 'none', description: 'Columns are named Column 1, Column 2, …' },
			],
		},
		{
			displayName: 'Keep Cells as Text',
			name: 'keepText',
			type: 'boolean',
			default: false,
			description:
				'Whether to give every cell as read. By default a column whose cells are all numbers gives numbers (its decimal mark detected), one whose cells are all dates gives ISO dates, and codes with leading zeros stay text.',
		},
		{
			displayName: 'Include Source',
			name: 'includeSource',
			type: 'boolean',
			default: false,
			description: 'Whether to add fileName, page, table and row number to each row item',
		},
		{
			displayName: 'Pages',
			name: 'pages',
			type: 'string',
			default: '',
			placeholder: '1-3,5',
			description: 'Which PDF pages to read (default: all)',
		},
		{
			displayName: 'Read PDFs',
			name: 'pdfMode',
			type: 'options',
			default: 'auto',
			options: [
				{ name: 'Auto', value: 'auto', description: 'Text layer when the page has one, OCR otherwise' },
				{ name: 'Always OCR', value: 'ocr' },
				{ name: 'Text Layer Only', value: 'text' },
			],
		},
		timeoutOption(1800, 'document'),
		retriesOption(),
	]),
];
