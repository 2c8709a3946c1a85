/**
 * Bounded admission for inference work: at most `concurrency` jobs run, at most `capacity` wait.
 * A full queue answers at once (HTTP 429) instead of letting latency grow without bound. Every job
 * gets an AbortSignal: when its deadline passes, or its caller's own signal aborts (the client went
 * away, the sidecar is stopping), the caller is answered at once and the job is told to stop; its
 * slot is released when the job settles, which cancellable work does within a page or a chunk.
 */
import { JobCancelledError, type CancelReason } from '../errors';

export class QueueFullError extends Error {
	constructor(readonly retryAfterSeconds: number) {
		super('the inference queue is full');
		this.name = 'QueueFullError';
	}
}

/** The deadline flavour of a cancelled job (kept as its own class: callers and tests name it). */
export class JobTimeoutError extends JobCancelledError {
	constructor(timeoutMs: number) {
		super('deadline', timeoutMs);
		this.name = 'JobTimeoutError';
	}
}

export interface QueueSnapshot {
	depth: number;
	capacity: number;
	running: number;
	concurrency: number;
}

export interface QueueEvents {
	/** Depth or running count changed. */
	changed?: (snapshot: QueueSnapshot) => void;
	/** A job was refused because the queue was full. */
	rejected?: () => void;
	/** A job was stopped before it finished (`running`: it held a slot; else it was still waiting). */
	cancelled?: (reason: CancelReason, running: boolean) => void;
}

/** What a running job may do about its own deadline. */
export interface JobControl {
	/**
	 * Moves the deadline to `ms` from now when that is later: a job that learns how much work it
	 * carries (a recording's length, a PDF's pages) asks for the time that work needs.
	 */
	extendDeadline(ms: number): void;
}

export interface RunOptions {
	/** Aborted by the caller (client gone, shutdown); its reason should be a JobCancelledError. */
	signal?: AbortSignal;
}

interface Waiter {
	start: () => void;
}

export class WorkQueue {
	private running = 0;
	private readonly waiting: Waiter[] = [];
	private idleResolvers: Array<() => void> = [];
	/** Recent jobs' running time (exponentially weighted, ms): how soon a slot frees, for Retry-After. */
	private typicalMs = 2000;
	/** When the last client turned away was told to come back (ms since epoch): the next is told a slot later. */
	private lastReturnAt = 0;
	/** How to stop each job that waits or runs (shutdown stops them all). */
	private readonly stops = new Set<(err: JobCancelledError) => void>();

	constructor(
		readonly concurrency: number,
		readonly capacity: number,
		private readonly events: QueueEvents = {},
	) {}

	snapshot(): QueueSnapshot {
		return { depth: this.waiting.length, capacity: this.capacity, running: this.running, concurrency: this.concurrency };
	}

	/** Runs `job` when a slot is free; the deadline covers waiting and running. */
	run<T>(job: (signal: AbortSignal, control: JobControl) => Promise<T>, timeoutMs: number, opts: RunOptions = {}): Promise<T> {
		if (this.running >= this.concurrency && this.waiting.length >= this.capacity) {
			this.events.rejected?.();
			throw new QueueFullError(this.appointment(timeoutMs));
		}
		if (opts.signal?.aborted) return Promise.reject(opts.signal.reason);
		return new Promise<T>((resolve, reject) => {
			const controller = new AbortController();
			let settled = false;
			let started = false;
			const stop = (err: JobCancelledError) => {
				if (settled) return;
				settled = true;
				this.stops.delete(stop);
				clearTimeout(timer);
				opts.signal?.removeEventListener('abort', onCallerAbort);
				const i = this.waiting.indexOf(waiter);
				if (i >= 0) {
					this.waiting.splice(i, 1);
					this.changed();
				}
				this.events.cancelled?.(err.reason, started);
				controller.abort(err);
				reject(err);
			};
			const queuedAt = performance.now();
			let deadlineAt = queuedAt + timeoutMs;
			let timer = setTimeout(() => stop(new JobTimeoutError(timeoutMs)), timeoutMs);
			const control: JobControl = {
				extendDeadline: (ms) => {
					const at = performance.now() + ms;
					if (settled || at <= deadlineAt) return;
					deadlineAt = at;
					clearTimeout(timer);
					timer = setTimeout(() => stop(new JobTimeoutError(Math.round(at - queuedAt))), ms);
				},
			};
			const onCallerAbort = () => {
				const reason = opts.signal?.reason;
				stop(reason instanceof JobCancelledError ? reason : new JobCancelledError('client-gone'));
			};
			opts.signal?.addEventListener('abort', onCallerAbort, { once: true });
			this.stops.add(stop);
			const start = () => {
				started = true;
				const began = performance.now();
				this.running++;
				this.changed();
				Promise.resolve()
					.then(() => job(controller.signal, control))
					.then(
						(value) => {
							if (!settled) resolve(value);
						},
						(err: unknown) => {
							if (!settled) reject(err);
						},
					)
					.finally(() => {
						this.typicalMs = 0.8 * this.typicalMs + 0.2 * (performance.now() - began);
						settled = true;
						clearTimeout(timer);
						opts.signal?.removeEventListener('abort', onCallerAbort);
						this.stops.delete(stop);
						this.running--;
						this.next();
					});
			};
			const waiter: Waiter = { start };
			if (this.running < this.concurrency) start();
			else {
				this.waiting.push(waiter);
				this.changed();
			}
		});
	}

	/**
	 * Retry-After for a client turned away now: after the jobs ahead have drained, and one slot's
	 * time after the client turned away before it. Clients refused together are told different
	 * times, at the pace slots free, so they do not all come back at once and are refused again
	 * (a burst at 4× capacity otherwise failed files after every retry).
	 */
	private appointment(timeoutMs: number, now = Date.now()): number {
		const drainAt = now + (this.typicalMs * (this.waiting.length + this.running)) / Math.max(1, this.concurrency);
		const returnAt = Math.max(drainAt, this.lastReturnAt + this.typicalMs / Math.max(1, this.concurrency));
		this.lastReturnAt = Math.min(returnAt, now + 30_000);
		return Math.max(1, Math.ceil((Math.min(returnAt, now + Math.min(30_000, timeoutMs)) - now) / 1000));
	}

	/** Stops every waiting and running job (shutdown after its grace period); returns how many there were. */
	cancelAll(reason: JobCancelledError): number {
		const stops = [...this.stops];
		for (const stop of stops) stop(reason);
		return stops.length;
	}

	/** Resolves when nothing runs or waits (graceful shutdown). */
	idle(): Promise<void> {
		if (this.running === 0 && this.waiting.length === 0) return Promise.resolve();
		return new Promise((resolve) => this.idleResolvers.push(resolve));
	}

	private next(): void {
		const waiter = this.waiting.shift();
		if (waiter) waiter.start();
		this.changed();
	}

	private changed(): void {
		this.events.changed?.(this.snapshot());
		if (this.running === 0 && this.waiting.length === 0) {
			const resolvers = this.idleResolvers;
			this.idleResolvers = [];
			for (const r of resolvers) r();
		}
	}
}
