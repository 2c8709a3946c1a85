/**
 * The text of an XML file from its bytes, in the encoding the file says it has: a byte-order mark
 * first (UTF-8, UTF-16 LE/BE), else UTF-16 recognised by its `<?` bytes, else the declaration's
 * `encoding="…"` (older ZUGFeRD files write ISO-8859-1, whose umlauts are not UTF-8), else UTF-8.
 * Pure.
 */
import { TextDecoder } from 'node:util';

/** Labels TextDecoder knows under another name, or refuses; unknown labels read as UTF-8. */
function decoderFor(label: string): TextDecoder {
	try {
		return new TextDecoder(label.trim().toLowerCase(), { fatal: false });
	} catch {
		return new TextDecoder('utf-8');
	}
}

export function xmlText(bytes: Uint8Array): string {
	const [a, b, c] = [bytes[0], bytes[1], bytes[2]];
	if (a === 0xef && b === 0xbb && c === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
	if ((a === 0xff && b === 0xfe) || (a === 0x3c && b === 0x00)) return new TextDecoder('utf-16le').decode(bytes).replace(/^\uFEFF/, '');
	if ((a === 0xfe && b === 0xff) || (a === 0x00 && b === 0x3c)) return new TextDecoder('utf-16be').decode(bytes).replace(/^\uFEFF/, '');
	// The declaration is ASCII in every encoding an e-invoice uses.
	const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 256)).toString('latin1');
	const declared = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([\w.:-]+)["']/.exec(head)?.[1];
	return decoderFor(declared ?? 'utf-8').decode(bytes);
}
