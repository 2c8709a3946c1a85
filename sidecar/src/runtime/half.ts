/**
 * IEEE 754 half precision ↔ single precision, for models exported with float16 inputs and
 * outputs (fp16 Whisper exports for GPUs). onnxruntime-node takes float16 tensors as Uint16Array
 * bit patterns. Rounding is to nearest even, as a GPU cast does.
 */
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

function halfBits(v: number): number {
	f32[0] = v;
	const x = u32[0]!;
	const sign = (x >>> 16) & 0x8000;
	const exp = (x >>> 23) & 0xff;
	let mant = x & 0x7fffff;
	if (exp === 0xff) return sign | 0x7c00 | (mant !== 0 ? 0x200 : 0); // Inf / NaN
	const e = exp - 127 + 15;
	if (e >= 0x1f) return sign | 0x7c00; // overflow → Inf
	if (e <= 0) {
		if (e < -10) return sign; // underflow → ±0
		mant |= 0x800000;
		const shift = 14 - e;
		const half = mant >>> shift;
		const rest = mant & ((1 << shift) - 1);
		const mid = 1 << (shift - 1);
		return sign | (half + (rest > mid || (rest === mid && (half & 1) === 1) ? 1 : 0));
	}
	const half = (e << 10) | (mant >>> 13);
	const rest = mant & 0x1fff;
	// A carry out of the mantissa correctly bumps the exponent (up to Inf).
	return sign | (half + (rest > 0x1000 || (rest === 0x1000 && (half & 1) === 1) ? 1 : 0));
}

export function toHalf(values: Float32Array): Uint16Array {
	const out = new Uint16Array(values.length);
	for (let i = 0; i < values.length; i++) out[i] = halfBits(values[i]!);
	return out;
}

export function fromHalf(bits: Uint16Array): Float32Array {
	const out = new Float32Array(bits.length);
	for (let i = 0; i < bits.length; i++) {
		const h = bits[i]!;
		const sign = h & 0x8000 ? -1 : 1;
		const exp = (h >>> 10) & 0x1f;
		const mant = h & 0x3ff;
		if (exp === 0) out[i] = sign * mant * 2 ** -24;
		else if (exp === 0x1f) out[i] = mant ? NaN : sign * Infinity;
		else out[i] = sign * (1 + mant / 1024) * 2 ** (exp - 15);
	}
	return out;
}
