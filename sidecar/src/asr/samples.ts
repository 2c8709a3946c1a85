/**
 * Decoded audio, 16 kHz mono float32, read by range. A long recording is never held whole in
 * memory: ffmpeg writes it to the process's temp folder, and voice detection and recognition read
 * the parts they need (4 hours would be 920 MB of float32; here memory is bounded by one chunk).
 */
import fs from 'node:fs';

export interface Samples {
	/** Number of samples. */
	readonly length: number;
	/** Samples [start, end) as a fresh array (clamped to the recording). */
	read(start: number, end: number): Float32Array;
}

/** Samples already in memory (tests, short clips). */
export class MemorySamples implements Samples {
	constructor(private readonly data: Float32Array) {}
	get length(): number {
		return this.data.length;
	}
	read(start: number, end: number): Float32Array {
		return this.data.slice(Math.max(0, start), Math.min(this.data.length, end));
	}
}

/** Samples in a raw float32 little-endian file; close() removes the file. */
export class FileSamples implements Samples {
	private fd: number | undefined;
	readonly length: number;

	constructor(private readonly file: string) {
		this.fd = fs.openSync(file, 'r');
		this.length = Math.floor(fs.fstatSync(this.fd).size / 4);
	}

	read(start: number, end: number): Float32Array {
		if (this.fd === undefined) throw new Error('samples closed');
		const from = Math.max(0, start);
		const to = Math.min(this.length, end);
		const out = new Float32Array(Math.max(0, to - from));
		if (out.length > 0) fs.readSync(this.fd, new Uint8Array(out.buffer), 0, out.length * 4, from * 4);
		return out;
	}

	close(): void {
		if (this.fd !== undefined) fs.closeSync(this.fd);
		this.fd = undefined;
		fs.rmSync(this.file, { force: true });
	}
}
