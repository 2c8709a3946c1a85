import { describe, expect, it } from 'vitest';
import { sniffMedia } from '../../sidecar/src/media/sniff';
import { pdfWithPages, pngOf } from '../helpers/fixtures';
import sharp from 'sharp';

describe('sniffMedia', () => {
	it('recognises images made by sharp in every input format', async () => {
		const png = await pngOf(16, 16);
		expect(sniffMedia(png)?.mediaType).toBe('image/png');
		expect(sniffMedia(await sharp(png).jpeg().toBuffer())?.mediaType).toBe('image/jpeg');
		expect(sniffMedia(await sharp(png).webp().toBuffer())?.mediaType).toBe('image/webp');
		expect(sniffMedia(await sharp(png).tiff().toBuffer())?.mediaType).toBe('image/tiff');
		expect(sniffMedia(await sharp(png).gif().toBuffer())?.mediaType).toBe('image/gif');
	});

	it('recognises PDFs and common audio/video containers', () => {
		expect(sniffMedia(pdfWithPages(1))).toEqual({ mediaType: 'application/pdf', kind: 'pdf' });
		const wav = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVEfmt ')]);
		expect(sniffMedia(wav)?.kind).toBe('audio');
		expect(sniffMedia(Buffer.from('ID3\x04\0\0\0\0\0\0', 'latin1'))?.mediaType).toBe('audio/mpeg');
		expect(sniffMedia(Buffer.from('OggS\0\x02\0\0', 'latin1'))?.mediaType).toBe('audio/ogg');
		expect(sniffMedia(Buffer.from('fLaC\0\0\0\x22', 'latin1'))?.mediaType).toBe('audio/flac');
		expect(sniffMedia(Buffer.from('\0\0\0\x20ftypM4A \0\0\0\0', 'latin1'))?.mediaType).toBe('audio/mp4');
		expect(sniffMedia(Buffer.from('\0\0\0\x20ftypisom\0\0\0\0', 'latin1'))?.mediaType).toBe('video/mp4');
	});

	it('refuses text and too-short input', () => {
		expect(sniffMedia(Buffer.from('hello world, this is text'))).toBeNull();
		expect(sniffMedia(Buffer.from('%P'))).toBeNull();
		expect(sniffMedia(Buffer.alloc(0))).toBeNull();
	});
});
