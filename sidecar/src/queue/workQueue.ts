/**
 * Bounded admission for inference work: at most `concurrency` jobs run, at most `capacity` wait.
 * A full queue answers at once (HTTP 429) instead of letting latency grow without bound, and a job
 * that waits or runs past its deadline gives its caller a timeout (HTTP 504).
 */
export class QueueFullError extends Error {
	constructor(readonly retryAfterSeconds: number) {
		super('the inference queue is full');
		this.name = 'QueueFullError';
	}
}

export class JobTimeoutError extends Error {
	constructor(readonly timeoutMs: number) {
		super(`the job did not finish within ${timeoutMs} ms`);
		this.name = 'JobTimeoutError';
	}
}

export interface QueueSnapshot {
	depth: number;
	capacity: number;
	running: number;
	concurrency: number;
}

interface Waiter {
	start: () => void;
}

export type QueueListener = (snapshot: QueueSnapshot) => void;

export class WorkQueue {
	private running = 0;
	private readonly waiting: Waiter[] = [];
	private idleResolvers: Array<() => void> = [];

	constructor(
		readonly concurrency: number,
		readonly capacity: number,
		private readonly onChange: QueueListener = () => undefined,
	) {}

	snapshot(): QueueSnapshot {
		return { depth: this.waiting.length, capacity: this.capacity, running: this.running, concurrency: this.concurrency };
	}

	/**
	 * Runs `job` when a slot is free. The deadline covers waiting and running; on timeout the caller
	 * is answered, and the slot is released when the job itself settles (work is not torn down mid-run).
	 */
	run<T>(job: () => Promise<T>, timeoutMs: number): Promise<T> {
		if (this.running >= this.concurrency && this.waiting.length >= this.capacity) {
			throw new QueueFullError(Math.max(1, Math.ceil(timeoutMs / 1000 / Math.max(1, this.concurrency))));
		}
		return new Promise<T>((resolve, reject) => {
			let settled = false;
			const timer = setTimeout(() => {
				if (settled) return;
				settled = true;
				const i = this.waiting.indexOf(waiter);
				if (i >= 0) {
					this.waiting.splice(i, 1);
					this.changed();
				}
				reject(new JobTimeoutError(timeoutMs));
			}, timeoutMs);
			const start = () => {
				this.running++;
				this.changed();
				job()
					.then(
						(value) => {
							if (!settled) resolve(value);
						},
						(err: unknown) => {
							if (!settled) reject(err);
						},
					)
					.finally(() => {
						settled = true;
						clearTimeout(timer);
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
		this.onChange(this.snapshot());
		if (this.running === 0 && this.waiting.length === 0) {
			const resolvers = this.idleResolvers;
			this.idleResolvers = [];
			for (const r of resolvers) r();
		}
	}
}
