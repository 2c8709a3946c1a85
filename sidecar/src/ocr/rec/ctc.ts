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
 * One crop's recogniser output, step by step: the most probable class and its probability, and
 * the probabilities of a few classes asked for by index, `k` per step (the space class first).
 * The graph makes it (the `ctc-summary` rewrite); `summariseSteps` makes the same from the full output.
 */
export interface CtcSteps {
	steps: number;
	best: Int32Array;
	prob: Float32Array;
	/** steps × k probabilities of the picked classes; column 0 is the space class. */
	picked: Float32Array;
	k: number;
}

/**
 * The step summary from the full softmax output (T×C, row-major), as the `ctc-summary` rewrite
 * computes it in the graph: the first class wins a tie, as ONNX ArgMax does.
 */
export function summariseSteps(probs: Float32Array, steps: number, classes: number, picked: readonly number[]): CtcSteps {
	const k = picked.length;
	const out: CtcSteps = { steps, best: new Int32Array(steps), prob: new Float32Array(steps), picked: new Float32Array(steps * k), k };
	for (let t = 0; t < steps; t++) {
		const row = t * classes;
		let best = 0;
		let bestP = probs[row]!;
		for (let c = 1; c < classes; c++) {
			if (probs[row + c]! > bestP) {
				bestP = probs[row + c]!;
				best = c;
			}
		}
		out.best[t] = best;
		out.prob[t] = bestP;
		for (let j = 0; j < k; j++) out.picked[t * k + j] = probs[row + picked[j]!]!;
	}
	return out;
}

/** @param validSteps steps that belong to the crop (the rest is bucket padding) */
export function ctcGreedy(s: CtcSteps, alphabet: readonly string[], validSteps = s.steps): CtcResult {
	const chars: DecodedChar[] = [];
	let prev = 0;
	let gapSpace = 0;
	let gapSteps = 0;
	const limit = Math.min(s.steps, validSteps);
	for (let t = 0; t < limit; t++) {
		const best = s.best[t]!;
		const bestP = s.prob[t]!;
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
			gapSpace = Math.max(gapSpace, s.picked[t * s.k]!);
			gapSteps++;
		}
		prev = best;
	}
	const confidence = chars.length ? chars.reduce((sum, c) => sum + c.prob, 0) / chars.length : 0;
	return { chars, confidence, steps: limit };
}
