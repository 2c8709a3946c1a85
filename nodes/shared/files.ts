/**
 * Which of an item's binary files a node reads. The field takes one name (`data`), several
 * (`data, scan`), or a pattern with `*` (`attachment_*`: every attachment an email trigger gave
 * the item). A pattern keeps only the files the node can read (PDFs and images for OCR, audio and
 * video for transcription), so an email's logo-free PDFs and its signature .txt sort themselves out.
 */
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { asNodeError, errorItem } from './items';

export type FileKind = 'document' | 'audio';

const READABLE: Record<FileKind, { mime: RegExp; ext: RegExp; noun: string }> = {
	document: {
		mime: /^(application\/pdf|image\/)/i,
		ext: /\.(pdf|png|jpe?g|tiff?|webp|bmp|gif)$/i,
		noun: 'PDF or image',
	},
	audio: {
		mime: /^(audio\/|video\/)/i,
		ext: /\.(wav|mp3|m4a|aac|ogg|opus|flac|webm|mp4|mov)$/i,
		noun: 'audio or video file',
	},
};

const escape = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** The item's binary property names the field selects, in the item's own order. */
export function selectFiles(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: string,
	kind: FileKind,
): string[] {
	const names = field
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	if (names.length === 1 && !names[0]!.includes('*')) return names;
	const binary = ctx.getInputData()[itemIndex]?.binary ?? {};
	const readable = READABLE[kind];
	const picked: string[] = [];
	for (const name of names) {
		if (!name.includes('*')) {
			picked.push(name);
			continue;
		}
		const pattern = new RegExp(`^${name.split('*').map(escape).join('.*')}$`);
		for (const [key, file] of Object.entries(binary)) {
			if (!pattern.test(key) || picked.includes(key)) continue;
			if (readable.mime.test(file.mimeType ?? '') || readable.ext.test(file.fileName ?? ''))
				picked.push(key);
		}
	}
	if (picked.length === 0) {
		const present = Object.entries(binary).map(
			([k, f]) => `${k} (${f.fileName ?? 'no name'}, ${f.mimeType || 'unknown type'})`,
		);
		throw new NodeOperationError(
			ctx.getNode(),
			`No ${readable.noun} among this item's files matching "${field}"`,
			{
				itemIndex,
				description: present.length
					? `The item has: ${present.join('; ')}`
					: 'The item has no binary files at all.',
			},
		);
	}
	return picked;
}

/**
 * Runs `work` for each selected file of the item and joins the output items (each names its file).
 * With "Continue On Fail", a file that fails becomes an error item naming it, and the item's other
 * files are still read; otherwise the first failure stops the node, tied to the item.
 */
export async function eachFile(
	ctx: IExecuteFunctions,
	itemIndex: number,
	kind: FileKind,
	work: (binaryPropertyName: string) => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	const field = ctx.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const out: INodeExecutionData[] = [];
	for (const name of selectFiles(ctx, itemIndex, field, kind)) {
		try {
			out.push(...(await work(name)));
		} catch (error) {
			if (!ctx.continueOnFail()) throw asNodeError(ctx, error, itemIndex);
			const file = ctx.getInputData()[itemIndex]?.binary?.[name];
			out.push(errorItem(error, itemIndex, { fileName: file?.fileName ?? null, mimeType: file?.mimeType ?? null, binaryPropertyName: name }));
		}
	}
	return out;
}
