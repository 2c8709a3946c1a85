/** What a file is, before any model sees it: type, size, image dimensions or PDF page count. */
import sharp from 'sharp';
import { problems } from '../http/problem';
import type { UploadedFile } from '../http/upload';
import { openPdf } from '../pdf/pdfjs';

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

export async function inspectFile(file: UploadedFile): Promise<FileInfo> {
	const base = { filename: file.filename, bytes: file.buffer.length, mediaType: file.media.mediaType, kind: file.media.kind };
	if (file.media.kind === 'image') {
		try {
			const meta = await sharp(file.buffer, { limitInputPixels: MAX_IMAGE_PIXELS }).metadata();
			return { ...base, pages: meta.pages ?? 1, width: meta.width ?? null, height: meta.height ?? null };
		} catch (err) {
			throw problems.unprocessable('corrupt-image', 'Unreadable Image', `${file.filename} cannot be decoded (${(err as Error).message})`);
		}
	}
	if (file.media.kind === 'pdf') {
		const doc = await openPdf(file.buffer, file.filename);
		try {
			const first = doc.numPages > 0 ? await doc.getPage(1) : null;
			const view = first?.getViewport({ scale: 1 });
			return { ...base, pages: doc.numPages, width: view ? Math.round(view.width) : null, height: view ? Math.round(view.height) : null };
		} finally {
			await doc.destroy();
		}
	}
	return { ...base, pages: null, width: null, height: null };
}
