/**
 * Protocol Buffers wire format, just enough to edit ONNX files without a schema: a message is a
 * list of fields, each kept as its encoded payload, so fields this code never reads (doc strings,
 * metadata, anything a newer ONNX adds) are written back byte for byte.
 */

/** 0 varint, 1 fixed 64-bit, 2 length-delimited, 5 fixed 32-bit (groups, 3/4, are not used by ONNX). */
export type WireType = 0 | 1 | 2 | 5;

export interface Field {
	no: number;
	type: WireType;
	/** The encoded value: varint bytes, 8 or 4 little-endian bytes, or a length-delimited body. */
	payload: Uint8Array;
}

export class WireError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'WireError';
	}
}

function readVarint(buf: Uint8Array, at: number): { value: bigint; end: number } {
	let value = 0n;
	let shift = 0n;
	for (let i = at; i < buf.length && i < at + 10; i++) {
		const b = buf[i]!;
		value |= BigInt(b & 0x7f) << shift;
		if ((b & 0x80) === 0) return { value, end: i + 1 };
		shift += 7n;
	}
	throw new WireError(`truncated varint at byte ${at}`);
}

/** Splits one message's bytes into its fields, in order. */
export function readFields(buf: Uint8Array): Field[] {
	const fields: Field[] = [];
	let at = 0;
	while (at < buf.length) {
		const tag = readVarint(buf, at);
		const no = Number(tag.value >> 3n);
		const type = Number(tag.value & 7n);
		at = tag.end;
		let end: number;
		if (type === 0) end = readVarint(buf, at).end;
		else if (type === 1) end = at + 8;
		else if (type === 5) end = at + 4;
		else if (type === 2) {
			const len = readVarint(buf, at);
			at = len.end;
			end = at + Number(len.value);
		} else throw new WireError(`unsupported wire type ${type} for field ${no}`);
		if (end > buf.length) throw new WireError(`field ${no} runs past the end of its message`);
		fields.push({ no, type: type as WireType, payload: buf.subarray(at, end) });
		at = end;
	}
	return fields;
}

function varintBytes(value: bigint): number[] {
	// Negative int64s are written as their two's-complement 64-bit pattern (10 bytes).
	let v = BigInt.asUintN(64, value);
	const out: number[] = [];
	do {
		const b = Number(v & 0x7fn);
		v >>= 7n;
		out.push(v > 0n ? b | 0x80 : b);
	} while (v > 0n);
	return out;
}

/** Encodes fields back into one message's bytes. */
export function writeFields(fields: readonly Field[]): Uint8Array {
	const parts: Uint8Array[] = [];
	let size = 0;
	for (const f of fields) {
		const head = varintBytes((BigInt(f.no) << 3n) | BigInt(f.type));
		if (f.type === 2) head.push(...varintBytes(BigInt(f.payload.length)));
		const h = Uint8Array.from(head);
		parts.push(h, f.payload);
		size += h.length + f.payload.length;
	}
	const out = new Uint8Array(size);
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

export const field = {
	varint: (no: number, value: bigint | number): Field => ({ no, type: 0, payload: Uint8Array.from(varintBytes(BigInt(value))) }),
	string: (no: number, value: string): Field => ({ no, type: 2, payload: utf8.encode(value) }),
	bytes: (no: number, value: Uint8Array): Field => ({ no, type: 2, payload: value }),
	float: (no: number, value: number): Field => {
		const payload = new Uint8Array(4);
		new DataView(payload.buffer).setFloat32(0, value, true);
		return { no, type: 5, payload };
	},
};

export const value = {
	/** A varint as a signed 64-bit integer (ONNX's int64 fields). */
	int: (f: Field): bigint => BigInt.asIntN(64, readVarint(f.payload, 0).value),
	string: (f: Field): string => fromUtf8.decode(f.payload),
	float: (f: Field): number => new DataView(f.payload.buffer, f.payload.byteOffset, 4).getFloat32(0, true),
	/** A repeated varint field written packed (one length-delimited field) or one value per field. */
	ints: (fields: readonly Field[]): bigint[] =>
		fields.flatMap((f) => {
			if (f.type === 0) return [value.int(f)];
			const out: bigint[] = [];
			for (let at = 0; at < f.payload.length; ) {
				const v = readVarint(f.payload, at);
				out.push(BigInt.asIntN(64, v.value));
				at = v.end;
			}
			return out;
		}),
};
