/**
 * Media type from a file's first bytes. File names and client-declared types are not trusted: a
 * text file named `.png` is refused before any decoder sees it.
 */
import { xmlText } from '../einvoice/decode';

export type MediaKind = 'image' | 'pdf' | 'audio' | 'video' | 'xml';

export interface SniffedMedia {
	mediaType: string;
	kind: MediaKind;
}

const ascii = (buf: Buffer, start: number, end: number) => buf.subarray(start, end).toString('latin1');

export function sniffMedia(buf: Buffer): SniffedMedia | null {
	if (buf.length < 4) return null;
	if (buf[0] === 0x89 && ascii(buf, 1, 4) === 'PNG') return { mediaType: 'image/png', kind: 'image' };
	// XML (an e-invoice, by itself): a declaration, a comment (a licence, as in the EN 16931
	// examples) or a root element first, after a BOM or blanks.
	// UTF-16 files (by their mark or their `<` bytes) are read in UTF-16.
	if (/^(\uFEFF)?\s*<(\?xml[\s?]|!--|[A-Za-z_][\w.-]*(:[\w.-]+)?[\s>/])/.test(xmlText(buf.subarray(0, 256)))) return { mediaType: 'application/xml', kind: 'xml' };
	if (buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return { mediaType: 'image/jpeg', kind: 'image' };
	if (ascii(buf, 0, 4) === 'GIF8') return { mediaType: 'image/gif', kind: 'image' };
	if (ascii(buf, 0, 2) === 'BM' && buf.length >= 26) return { mediaType: 'image/bmp', kind: 'image' };
	if (ascii(buf, 0, 4) === 'II*\0' || ascii(buf, 0, 4) === 'MM\0*') return { mediaType: 'image/tiff', kind: 'image' };
	if (ascii(buf, 0, 4) === 'RIFF' && ascii(buf, 8, 12) === 'WEBP') return { mediaType: 'image/webp', kind: 'image' };
	if (ascii(buf, 0, 4) === 'RIFF' && ascii(buf, 8, 12) === 'WAVE') return { mediaType: 'audio/wav', kind: 'audio' };
	// PDF readers accept the header anywhere in the first 1 KiB.
	if (ascii(buf, 0, Math.min(buf.length, 1024)).includes('%PDF-')) return { mediaType: 'application/pdf', kind: 'pdf' };
	if (ascii(buf, 0, 4) === 'fLaC') return { mediaType: 'audio/flac', kind: 'audio' };
	if (ascii(buf, 0, 4) === 'OggS') return { mediaType: 'audio/ogg', kind: 'audio' };
	if (ascii(buf, 0, 3) === 'ID3' || (buf[0] === 0xff && (buf[1]! & 0xe0) === 0xe0)) return { mediaType: 'audio/mpeg', kind: 'audio' };
	if (buf[0] === 0xff && (buf[1]! & 0xf6) === 0xf0) return { mediaType: 'audio/aac', kind: 'audio' };
	if (buf[0] === 0x1a && buf[1] === 0x45 && buf[2] === 0xdf && buf[3] === 0xa3) return { mediaType: 'video/webm', kind: 'video' };
	if (buf.length >= 12 && ascii(buf, 4, 8) === 'ftyp') {
		const brand = ascii(buf, 8, 12);
		if (brand.startsWith('M4A') || brand.startsWith('M4B')) return { mediaType: 'audio/mp4', kind: 'audio' };
		if (brand === 'qt  ') return { mediaType: 'video/quicktime', kind: 'video' };
		if (brand === 'avif' || brand === 'heic') return null;
		return { mediaType: 'video/mp4', kind: 'video' };
	}
	return null;
}
