/**
 * Token search over a batch of windows decoded in step: greedy (the likeliest token each step)
 * or beam search (the `beamSize` likeliest continuations per window, ranked at the end by their
 * log-probability per token, as openai/whisper's and faster-whisper's default ranking does).
 * `mask` applies Whisper's suppression and timestamp rules to one row's logits in place.
 */
import type { DecoderRun } from '../seq2seq/decoder';

export type Mask = (logits: Float32Array, sampled: readonly number[]) => void;

export interface SearchOptions {
	maxTokens: number;
	endOfText: number;
	mask: Mask;
}

function argmax(v: Float32Array): number {
	let best = 0;
	for (let i = 1; i < v.length; i++) if (v[i]! > v[best]!) best = i;
	return best;
}

/** log-softmax in place; masked entries (−∞) stay −∞. */
export function logSoftmax(v: Float32Array): Float32Array {
	let max = -Infinity;
	for (const x of v) if (x > max) max = x;
	let sum = 0;
	for (const x of v) sum += Math.exp(x - max);
	const log = max + Math.log(sum);
	for (let i = 0; i < v.length; i++) v[i] = v[i]! - log;
	return v;
}

/** Indices of the `k` largest entries, largest first. */
export function topK(v: Float32Array, k: number): number[] {
	const best: number[] = [];
	for (let i = 0; i < v.length; i++) {
		if (v[i] === -Infinity || (best.length === k && v[i]! <= v[best[k - 1]!]!)) continue;
		let at = best.length < k ? best.length : k - 1;
		while (at > 0 && v[best[at - 1]!]! < v[i]!) at--;
		best.splice(at, 0, i);
		if (best.length > k) best.pop();
	}
	return best;
}

/** One row per window: the likeliest token each step until <|endoftext|>. */
export async function greedySearch(run: DecoderRun, first: Float32Array[], o: SearchOptions): Promise<number[][]> {
	let logits = first;
	const sampled: number[][] = first.map(() => []);
	const done = first.map(() => false);
	for (let step = 0; step < o.maxTokens; step++) {
		const next = logits.map((l, b) => {
			if (done[b]) return o.endOfText;
			o.mask(l, sampled[b]!);
			const token = argmax(l);
			sampled[b]!.push(token);
			if (token === o.endOfText) done[b] = true;
			return token;
		});
		if (!done.includes(false) || step + 1 === o.maxTokens) break;
		logits = await run.next(next.map((t) => [t]));
	}
	return sampled;
}

interface Beam {
	tokens: number[];
	logprob: number;
}

const score = (b: Beam) => b.logprob / Math.max(1, b.tokens.length);

/**
 * `beamSize` rows per window (rows w·K … w·K+K−1 read window w). Each step every live beam offers
 * its K+1 likeliest tokens; a window keeps its K best continuations (rows reordered to follow
 * them) and the endings ranked above them, until K have ended or the token limit.
 */
export async function beamSearch(run: DecoderRun, first: Float32Array[], beamSize: number, o: SearchOptions): Promise<number[][]> {
	const K = beamSize;
	const windows = first.length / K;
	const beams: Beam[][] = Array.from({ length: windows }, () => Array.from({ length: K }, () => ({ tokens: [], logprob: 0 })));
	const finished: Beam[][] = Array.from({ length: windows }, () => []);
	const done = new Array<boolean>(windows).fill(false);
	let logits = first;
	for (let step = 0; step < o.maxTokens; step++) {
		const order = logits.map((_, r) => r);
		const next = logits.map(() => o.endOfText);
		for (let w = 0; w < windows; w++) {
			if (done[w]) continue;
			const candidates: Array<{ from: number; token: number; logprob: number }> = [];
			// At the first step every beam holds the same prompt: expand one.
			for (let k = 0; k < (step === 0 ? 1 : K); k++) {
				const l = logits[w * K + k]!;
				const beam = beams[w]![k]!;
				o.mask(l, beam.tokens);
				logSoftmax(l);
				for (const token of topK(l, K + 1)) candidates.push({ from: k, token, logprob: beam.logprob + l[token]! });
			}
			candidates.sort((a, b) => b.logprob - a.logprob);
			const live: typeof candidates = [];
			// Best first until K continue; an ending ranked above the K-th continuation is kept as finished.
			for (const c of candidates) {
				if (live.length === K) break;
				if (c.token !== o.endOfText) live.push(c);
				else if (finished[w]!.length < K) finished[w]!.push({ tokens: [...beams[w]![c.from]!.tokens, c.token], logprob: c.logprob });
			}
			if (finished[w]!.length >= K || live.length === 0) {
				done[w] = true;
				continue;
			}
			// Fewer than K candidates (a masked step): the best one fills the remaining rows.
			while (live.length < K) live.push(live[0]!);
			beams[w] = live.map((c) => ({ tokens: [...beams[w]![c.from]!.tokens, c.token], logprob: c.logprob }));
			live.forEach((c, i) => {
				order[w * K + i] = w * K + c.from;
				next[w * K + i] = c.token;
			});
		}
		if (!done.includes(false) || step + 1 === o.maxTokens) break;
		run.reorder(order);
		logits = await run.next(next.map((t) => [t]));
	}
	return beams.map((live, w) => {
		const pool = finished[w]!.length > 0 ? finished[w]! : live;
		return pool.reduce((best, b) => (score(b) > score(best) ? b : best)).tokens;
	});
}
