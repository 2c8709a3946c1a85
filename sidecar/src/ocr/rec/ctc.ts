/**
 * CTC greedy decoding: best class per time step, repeats merged, blanks dropped. Keeps, for each
 * emitted character, the time steps it covered; the spacing stage reads those positions.
 */
export interface DecodedChar {
	char: string;
	/** First and last time step of the character's run. */
	start: number;
	end: number;
	prob: number;
	/** Highest probability of the space class in the steps between the previous character and this one. */
	spaceBefore: number;
	/** Blank/space steps between the previous character and this one. */
	gapBefore: number;
}

export interface CtcResult {
	chars: DecodedChar[];
	/** Mean probability of the emitted characters (0 when none). */
	confidence: number;
	/** Time steps in the (unpadded) crop. */
	steps: number;
}

/**
 * Pixels of the crop a decoded character covers: its run of steps sits near the glyph's centre,
 * so about half a glyph either side is its ink.
 */
export function charPixels(c: Pick<DecodedChar, 'start' | 'end'>, stepPx: number): [number, number] {
	return [(c.start - 1) * stepPx, (c.end + 2) * stepPx];
}

/** The crop pixel at the middle of a decoded character's run of steps (its glyph's centre, near enough). */
export function charCentre(c: Pick<DecodedChar, 'start' | 'end'>, stepPx: number): number {
	return ((c.start + c.end) / 2 + 0.5) * stepPx;
}

/** Class list for PP-OCR keys: index 0 is the CTC blank, then the keys file, then a space. */
export function ctcClasses(keysText: string): string[] {
	const keys = keysText.split(/\r?\n/);
	if (keys[keys.length - 1] === '') keys.pop();
	return ['', ...keys, ' '];
}

/**
 * @param probs softmax output for one sample, T×C row-major
 * @param validSteps steps that belong to the crop (the rest is bucket padding)
 */
export function ctcGreedy(probs: Float32Array, steps: number, classes: number, alphabet: readonly string[], validSteps = steps): CtcResult {
	const chars: DecodedChar[] = [];
	const space = classes - 1;
	let prev = 0;
	let gapSpace = 0;
	let gapSteps = 0;
	const limit = Math.min(steps, validSteps);
	for (let t = 0; t < limit; t++) {
		let best = 0;
		let bestP = -1;
		const row = t * classes;
		for (let c = 0; c < classes; c++) {
			const p = probs[row + c]!;
			if (p > bestP) {
				bestP = p;
				best = c;
			}
		}
		if (best !== 0) {
			const last = chars[chars.length - 1];
			if (best === prev && last) {
				last.end = t;
				last.prob = Math.max(last.prob, bestP);
			} else {
				chars.push({ char: alphabet[best] ?? '', start: t, end: t, prob: bestP, spaceBefore: gapSpace, gapBefore: gapSteps });
				gapSpace = 0;
				gapSteps = 0;
			}
		} else {
			gapSpace = Math.max(gapSpace, probs[row + space]!);
			gapSteps++;
		}
		prev = best;
	}
	const confidence = chars.length ? chars.reduce((s, c) => s + c.prob, 0) / chars.length : 0;
	return { chars, confidence, steps: limit };
}
