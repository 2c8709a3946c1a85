import { describe, expect, it } from 'vitest';
import { JobTimeoutError, QueueFullError, WorkQueue } from '../../sidecar/src/queue/workQueue';

const deferred = () => {
	let resolve!: (v: string) => void;
	const promise = new Promise<string>((r) => (resolve = r));
	return { promise, resolve };
};

describe('WorkQueue', () => {
	it('runs at most `concurrency` jobs, queues up to `capacity`, refuses the rest', async () => {
		const snapshots: number[] = [];
		const q = new WorkQueue(1, 1, { changed: (s) => snapshots.push(s.depth) });
		const a = deferred();
		const b = deferred();
		const first = q.run(() => a.promise, 5000);
		const second = q.run(() => b.promise, 5000);
		expect(q.snapshot()).toEqual({ depth: 1, capacity: 1, running: 1, concurrency: 1 });
		expect(() => q.run(async () => 'c', 5000)).toThrow(QueueFullError);
		a.resolve('a');
		expect(await first).toBe('a');
		b.resolve('b');
		expect(await second).toBe('b');
		await q.idle();
		expect(q.snapshot()).toMatchObject({ depth: 0, running: 0 });
		expect(snapshots).toContain(1);
	});

	it('tells clients turned away together to come back at different times, a slot apart, at most 30 s on', async () => {
		const q = new WorkQueue(1, 1);
		const a = deferred();
		const b = deferred();
		const first = q.run(() => a.promise, 60_000);
		const second = q.run(() => b.promise, 60_000);
		const told = Array.from({ length: 20 }, () => {
			try {
				q.run(async () => 'refused', 60_000);
				return 0;
			} catch (err) {
				return (err as QueueFullError).retryAfterSeconds;
			}
		});
		// Two jobs ahead at the default pace (2 s each), then one slot's time (2 s) more per client refused before.
		expect(told.slice(0, 4)).toEqual([4, 6, 8, 10]);
		expect(new Set(told.slice(0, 13)).size).toBe(13);
		expect(Math.max(...told)).toBe(30);
		// A short deadline caps the time too.
		expect(() => q.run(async () => 'x', 3000)).toThrow(expect.objectContaining({ retryAfterSeconds: 3 }));
		a.resolve('a');
		b.resolve('b');
		await Promise.all([first, second]);
	});

	it('times out a job that waits too long and never starts it', async () => {
		const q = new WorkQueue(1, 5);
		const a = deferred();
		const running = q.run(() => a.promise, 5000);
		let started = false;
		const waiting = q.run(async () => {
			started = true;
			return 'late';
		}, 50);
		await expect(waiting).rejects.toBeInstanceOf(JobTimeoutError);
		a.resolve('done');
		await running;
		await q.idle();
		expect(started).toBe(false);
	});

	it('answers a timeout for a running job but keeps its slot until it settles', async () => {
		const q = new WorkQueue(1, 5);
		const a = deferred();
		await expect(q.run(() => a.promise, 30)).rejects.toThrow(/did not finish within 30 ms/);
		expect(q.snapshot().running).toBe(1);
		a.resolve('x');
		await q.idle();
		expect(q.snapshot().running).toBe(0);
	});

	it('lets a running job move its deadline later as it learns its size, never earlier', async () => {
		const q = new WorkQueue(1, 0);
		const result = q.run(async (signal, control) => {
			control.extendDeadline(10); // earlier than the 100 ms it has: ignored
			await new Promise((r) => setTimeout(r, 150));
			control.extendDeadline(300);
			await new Promise((r) => setTimeout(r, 150));
			return signal.aborted ? 'aborted' : 'done';
		}, 100);
		// Without the extension the caller would have had a timeout at 100 ms: the job's first sleep is 150 ms.
		await expect(result).rejects.toBeInstanceOf(JobTimeoutError);
		const extended = new WorkQueue(1, 0).run(async (signal, control) => {
			control.extendDeadline(400);
			await new Promise((r) => setTimeout(r, 200));
			return signal.aborted ? 'aborted' : 'done';
		}, 100);
		expect(await extended).toBe('done');
	});

	it('aborts the job signal at its deadline, so cancellable work stops', async () => {
		const q = new WorkQueue(1, 0);
		let seen: unknown;
		const job = q.run((signal) => new Promise<string>((_, reject) => signal.addEventListener('abort', () => reject((seen = signal.reason)))), 50);
		await expect(job).rejects.toBeInstanceOf(JobTimeoutError);
		await q.idle();
		expect(seen).toBeInstanceOf(JobTimeoutError);
		expect(q.snapshot().running).toBe(0);
	});

	it('passes job errors through', async () => {
		const q = new WorkQueue(2, 0);
		await expect(q.run(async () => Promise.reject(new Error('boom')), 1000)).rejects.toThrow('boom');
	});
});
