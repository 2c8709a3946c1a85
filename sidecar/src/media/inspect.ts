/** What a file is, before any model sees it: type, size, image dimensions or PDF page count. */
import sharp from 'sharp';
import { InputError } from '../errors';
import type { PdfWorkerPool } from '../pdf/workers';
import type { InputFile } from './file';

export interface FileInfo {
	filename: string;
	bytes: number;
	mediaType: string;
	kind: string;
	pages: number | null;
	width: number | null;
	height: number | null;
}

/** Largest image the sidecar decodes (pixels), against decompression bombs. */
export const MAX_IMAGE_PIXELS = 100_000_000;

export async function inspectFile(file: InputFile, pdf: PdfWorkerPool, signal?: AbortSignal): Promise<FileInfo> {
	const base = { filename: file.filename, bytes: file.buffer.length, mediaType: file.media.mediaType, kind: file.media.kind };
	if (file.media.kind === 'image') {
		try {
			const meta = await sharp(file.buffer, { limitInputPixels: MAX_IMAGE_PIXELS }).metadata();
			return { ...base, pages: meta.pages ?? 1, width: meta.width ?? null, height: meta.height ?? null };
		} catch (err) {
			throw new InputError('corrupt-image', 'Unreadable Image', `${file.filename} cannot be decoded (${(err as Error).message.split('\n')[0]})`);
		}
	}
	if (file.media.kind === 'pdf') {
		const doc = await pdf.open(file.buffer, file.filename, signal);
		try {
			const first = doc.pageCount > 0 ? await doc.page(1, 1, { text: false, rulings: false }) : null;
			return { ...base, pages: doc.pageCount, width: first?.width ?? null, height: first?.height ?? null };
		} finally {
			await doc.close();
		}
	}
	return { ...base, pages: null, width: null, height: null };
}
