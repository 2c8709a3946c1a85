/**
 * Progress of each request's work, readable while it runs (GET /v1/progress/{requestId}): queued,
 * running with how many pages or chunks are done of how many, then done or failed. Kept for a
 * minute after the work ends, so a client polling slowly still sees how it ended.
 */
export type ProgressState = 'queued' | 'running' | 'done' | 'failed';

export interface Progress {
	requestId: string;
	route: string;
	state: ProgressState;
	/** Pages (OCR) or speech chunks (transcription) finished, of `total`; null before the work knows its size. */
	done: number | null;
	total: number | null;
	unit: 'pages' | 'chunks' | null;
	elapsedMs: number;
}

interface Entry {
	route: string;
	state: ProgressState;
	done: number | null;
	total: number | null;
	unit: Progress['unit'];
	since: number;
	endedAt?: number;
}

const KEEP_MS = 60_000;
const MAX_ENTRIES = 10_000;

export class ProgressBoard {
	private readonly entries = new Map<string, Entry>();

	queued(requestId: string, route: string): void {
		this.sweep();
		this.entries.set(requestId, { route, state: 'queued', done: null, total: null, unit: null, since: Date.now() });
	}

	running(requestId: string): void {
		const e = this.entries.get(requestId);
		if (e) e.state = 'running';
	}

	/** `total` grows as documents reveal their pages; `done` counts up. */
	update(requestId: string, change: { done?: number; addTotal?: number; total?: number; unit: NonNullable<Progress['unit']> }): void {
		const e = this.entries.get(requestId);
		if (!e) return;
		e.unit = change.unit;
		if (change.total !== undefined) e.total = change.total;
		if (change.addTotal !== undefined) e.total = (e.total ?? 0) + change.addTotal;
		if (change.done !== undefined) e.done = change.done;
		else e.done ??= 0;
	}

	finish(requestId: string, ok: boolean): void {
		const e = this.entries.get(requestId);
		if (!e) return;
		e.state = ok ? 'done' : 'failed';
		e.endedAt = Date.now();
	}

	get(requestId: string): Progress | undefined {
		const e = this.entries.get(requestId);
		if (!e) return undefined;
		return { requestId, route: e.route, state: e.state, done: e.done, total: e.total, unit: e.unit, elapsedMs: (e.endedAt ?? Date.now()) - e.since };
	}

	private sweep(): void {
		const now = Date.now();
		for (const [id, e] of this.entries) if (e.endedAt !== undefined && now - e.endedAt > KEEP_MS) this.entries.delete(id);
		// A bound, whatever clients send as request ids.
		while (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
	}
}
