/** Node parameters every sidecar node offers, built once so their names and limits stay the same. */
import type { INodeProperties } from 'n8n-workflow';

export function binaryInput(what: string): INodeProperties {
	return {
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: `The binary field holding the ${what}. Several: names separated by commas; every matching file: a pattern such as attachment_* (files of other types are skipped).`,
	};
}

export function concurrencyOption(noun: string): INodeProperties {
	return {
		displayName: 'Files in Parallel',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 8 },
		default: 2,
		description: `How many ${noun} to send to the sidecar at once (it queues them)`,
	};
}

export function timeoutOption(defaultSeconds: number, noun: string): INodeProperties {
	return {
		displayName: 'Timeout (Seconds)',
		name: 'timeoutSeconds',
		type: 'number',
		typeOptions: { minValue: 10 },
		default: defaultSeconds,
		description: `How long to wait for one ${noun}. The sidecar allows each job time by its size (15 s a page, and the length of the recording on CPU), so raise this only for very large files.`,
	};
}

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', fr: 'French', de: 'German', it: 'Italian', pt: 'Portuguese', es: 'Spanish' };

/** A language picker: Auto-Detect first, then the given ISO 639-1 codes by name. */
export function languageOption(codes: string[], description: string): INodeProperties {
	return {
		displayName: 'Language',
		name: 'language',
		type: 'options',
		default: 'auto',
		options: [{ name: 'Auto-Detect', value: 'auto' }, ...codes.map((c) => ({ name: LANGUAGE_NAMES[c] ?? c, value: c })).sort((a, b) => a.name.localeCompare(b.name))],
		description,
	};
}

/** The "Options" collection every node ends with. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options };
}

export function retriesOption(): INodeProperties {
	return {
		displayName: 'Retries When Busy',
		name: 'retries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 20 },
		default: 5,
		description:
			'How many more times to send a file when the sidecar is starting up, restarting or unreachable, waiting longer each time (up to about 30 seconds between tries). When its queue is full, a file waits its turn for as long as the Timeout allows.',
	};
}

export function reviewPictureOption(what: string): INodeProperties {
	return {
		displayName: 'Attach Review Picture',
		name: 'attachReview',
		type: 'boolean',
		default: false,
		description: `Whether to attach a PNG of the page with ${what} outlined and labelled (binary property "review", on the first item of each document), so a person sees at a glance what was read where. Orange marks what to check. At most 4 pages of the first 8.`,
	};
}
