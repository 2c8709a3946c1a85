/**
 * Whisper's timestamp rules (openai/whisper decoding.py, ApplyTimestampRules) on one row of
 * logits, and timed segments from a decoded token sequence. Pure.
 */
import type { SpecialTokens } from './tokenizer';

export interface TimestampRuleOptions {
	/** Latest allowed first timestamp, in seconds (Whisper: 1.0). */
	maxInitialTimestamp: number;
}

/**
 * Masks `logits` (one vocabulary row, changed in place) for the next token given the tokens
 * sampled so far (after the prompt): no <|notimestamps|>; timestamps in pairs (after a lone
 * timestamp only a timestamp or end of text, after a pair only text); timestamps never going
 * back; a timestamp first; and a timestamp whenever all timestamps together are likelier than
 * any single text token.
 */
export function applyTimestampRules(logits: Float32Array, sampled: readonly number[], sp: SpecialTokens, opts: TimestampRuleOptions = { maxInitialTimestamp: 1 }): void {
	const tsBegin = sp.timestampBegin;
	const V = logits.length;
	const mask = (from: number, to: number) => logits.fill(-Infinity, Math.max(0, from), Math.min(V, to));
	logits[sp.noTimestamps] = -Infinity;
	const n = sampled.length;
	const last = n >= 1 && sampled[n - 1]! >= tsBegin;
	const penultimate = n < 2 || sampled[n - 2]! >= tsBegin;
	if (last) {
		if (penultimate) mask(tsBegin, V);
		else mask(0, sp.endOfText);
	}
	const stamps = sampled.filter((t) => t >= tsBegin);
	if (stamps.length > 0) {
		const floor = last && !penultimate ? stamps[stamps.length - 1]! : stamps[stamps.length - 1]! + 1;
		mask(tsBegin, floor);
	}
	if (n === 0) {
		mask(0, tsBegin);
		mask(tsBegin + Math.round(opts.maxInitialTimestamp / 0.02) + 1, V);
	}
	// log-sum-exp of the timestamp tokens against the best text token (log-softmax cancels out).
	let maxAll = -Infinity;
	for (let i = 0; i < V; i++) if (logits[i]! > maxAll) maxAll = logits[i]!;
	if (maxAll === -Infinity) return;
	let sumTs = 0;
	for (let i = tsBegin; i < V; i++) sumTs += Math.exp(logits[i]! - maxAll);
	let maxText = -Infinity;
	for (let i = 0; i < tsBegin; i++) if (logits[i]! > maxText) maxText = logits[i]!;
	if (sumTs > 0 && Math.log(sumTs) + maxAll > maxText) mask(0, tsBegin);
}

export interface TokenSegment {
	start: number;
	end: number;
	tokens: number[];
}

/**
 * Segments from sampled tokens: text between a timestamp and the next one. A timestamp that
 * closes a segment may be followed by the one that opens the next; text left open at the end
 * runs to `duration`. Times are offset by `offset` seconds (the chunk's place in the recording).
 */
export function segmentsOf(sampled: readonly number[], sp: SpecialTokens, duration: number, offset = 0): TokenSegment[] {
	const time = (t: number) => Math.round(((t - sp.timestampBegin) * 0.02 + offset) * 100) / 100;
	const out: TokenSegment[] = [];
	let start: number | null = null;
	let text: number[] = [];
	for (const t of sampled) {
		if (t === sp.endOfText) break;
		if (t >= sp.timestampBegin) {
			if (text.length > 0) {
				out.push({ start: start ?? offset, end: time(t), tokens: text });
				text = [];
				// The next segment starts here unless an opening timestamp follows.
				start = time(t);
			} else start = time(t);
		} else if (t < sp.endOfText) text.push(t);
	}
	if (text.length > 0) out.push({ start: start ?? offset, end: Math.round((offset + duration) * 100) / 100, tokens: text });
	return out;
}
