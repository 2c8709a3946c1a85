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

export const invoiceProperties: INodeProperties[] = [
	binaryInput('invoice or receipt (PDF, PNG, JPEG, TIFF, WebP …)'),
	languageOption(
		['en', 'es', 'de', 'fr', 'it', 'pt'],
		'Language of the document, used to repair accents the OCR model cannot write',
	),
	optionsCollection([
		reviewPictureOption('each field found'),
		{
			displayName: 'Date Order',
			name: 'dateOrder',
			type: 'options',
			default: 'auto',
			options: [
				{
					name: 'Auto',
					value: 'auto',
					description: 'From the document’s other dates; else month/day for US English (dollars, no VAT or GST), day/month for other English and every other language',
				},
				{ name: 'Day/Month/Year', value: 'dmy' },
				{ name: 'Month/Day/Year', value: 'mdy' },
			],
			description: 'How to read a date like 03/04/2024 when the document does not tell',
		},
		concurrencyOption('documents'),
		{
			displayName: 'Include Line Items',
			name: 'includeLineItems',
			type: 'boolean',
			default: true,
			description: 'Whether to add the line items (description, quantity, unit price, amount) as the array "lineItems"',
		},
		{
			displayName: 'Include Text Lines',
			name: 'includeTextLines',
			type: 'boolean',
			default: false,
			description:
				'Whether to add every recognised line with its box and confidence (field "textLines")',
		},
		{
			displayName: 'Pages',
			name: 'pages',
			type: 'string',
			default: '',
			placeholder: '1-2',
			description: 'Which PDF pages to read (default: all)',
		},
		{
			displayName: 'Split Line Items Into Items',
			name: 'splitLineItems',
			type: 'boolean',
			default: false,
			description:
				'Whether to output one item per line item, each with the invoice number, date, vendor and currency (an invoice without line items still gives one item)',
		},
		{
			displayName: 'Review Below Confidence',
			name: 'reviewThreshold',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
			default: 0.8,
			description:
				'Fields found with less confidence, a missing total, or totals that do not add up set needsReview, are listed in weakFields, and are named with the reason in toCheck (one line for a reviewer)',
		},
		timeoutOption(1800, 'document'),
		retriesOption(),
	]),
];
