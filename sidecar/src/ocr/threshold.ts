/** Ink versus paper in greyscale pixels (table rulings, glyphs the recogniser has no class for). Pure. */

/** Otsu's threshold of 8-bit values: the level that best splits them into two classes. */
export function otsuThreshold(gray: Uint8Array): number {
	const hist = new Float64Array(256);
	for (let i = 0; i < gray.length; i++) hist[gray[i]!]!++;
	const total = gray.length;
	let sum = 0;
	for (let t = 0; t < 256; t++) sum += t * hist[t]!;
	let sumB = 0;
	let wB = 0;
	let best = 0;
	let threshold = 128;
	for (let t = 0; t < 256; t++) {
		wB += hist[t]!;
		if (wB === 0) continue;
		const wF = total - wB;
		if (wF === 0) break;
		sumB += t * hist[t]!;
		const mB = sumB / wB;
		const mF = (sum - sumB) / wF;
		const between = wB * wF * (mB - mF) * (mB - mF);
		if (between > best) {
			best = between;
			threshold = t;
		}
	}
	return threshold;
}

/** Otsu's threshold, kept in a range where paper stays white. */
export function darkThreshold(gray: Uint8Array): number {
	return Math.min(200, Math.max(80, otsuThreshold(gray)));
}
