/**
 * How long a job may run, from what it carries. REQUEST_TIMEOUT_MS bounds waiting in the queue and
 * is the base; a job that learns its size (pages to read, seconds of audio) extends its deadline by
 * these budgets: several times what the work measures on a busy 2-core CPU (a 150-DPI page ≈ 0.6 s,
 * a second of speech ≈ 0.03 s with Moonshine, ≈ 0.2 s with Whisper base), so only stuck work times out.
 */
import type { ExecutionProvider } from '../runtime/provider';

export const WORK_BUDGET: Record<ExecutionProvider, { pageMs: number; audioSecondMs: number }> = {
	cpu: { pageMs: 15_000, audioSecondMs: 1_000 },
	cuda: { pageMs: 5_000, audioSecondMs: 200 },
};

/** The deadline (ms from now) for `pages` pages, or `audioSeconds` of audio, on `provider`. */
export function workDeadlineMs(baseMs: number, provider: ExecutionProvider, work: { pages?: number; audioSeconds?: number }): number {
	const b = WORK_BUDGET[provider];
	return baseMs + (work.pages ?? 0) * b.pageMs + (work.audioSeconds ?? 0) * b.audioSecondMs;
}
