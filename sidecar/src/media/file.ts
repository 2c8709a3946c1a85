/** A file handed to the domain code: its name as the client gave it, its bytes, and its type sniffed from those bytes. */
import type { SniffedMedia } from './sniff';

export interface InputFile {
	filename: string;
	buffer: Buffer;
	media: SniffedMedia;
}
