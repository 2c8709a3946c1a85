/**
 * PDF parsing and rendering off the event loop: a small pool of worker threads (one document each
 * at a time) running pdfjs under limits. A worker is terminated — and a fresh one started for the
 * next document — when its job is cancelled (deadline, client gone, shutdown), when its heap
 * passes `heapMb`, or when the process's resident memory passes `rssLimitMb` while it works. So
 * /healthz, other requests and SIGTERM stay responsive whatever a document does.
 */
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startThread } from '../runtime/threads';
import { InputError } from '../errors';
import type { RgbImage } from '../ocr/types';
import type { Attachment, PageFacts, PdfWorkerLimits, RenderedPage, WorkerCall, WorkerFailure, WorkerResponse } from './worker/protocol';

export interface PdfWorkerPoolOptions {
	/** Workers at most (documents read at once). */
	size: number;
	/** V8 heap limit per worker (MB). */
	heapMb: number;
	/** Resident memory of the whole process (MB) above which busy workers are stopped. */
	rssLimitMb: number;
	/**
	 * A worker still holding more than this (MB of heap and buffers) once its document is closed is
	 * ended, and a fresh one starts for the next: a poster-sized page would otherwise keep its
	 * hundreds of MB for the life of the process.
	 */
	recycleMb: number;
	limits: PdfWorkerLimits;
	/** Told when a worker is stopped, and why (for the log and metrics). */
	onStop?: (why: 'cancelled' | 'memory' | 'crashed', filename: string) => void;
}

/** An open PDF in a worker; close() hands the worker back. */
export interface PdfFile {
	readonly pageCount: number;
	/** Size, and optionally the text runs, rulings and image cover, of a page at `scale` (= dpi / 72). */
	page(pageNumber: number, scale: number, want: { text: boolean; rulings: boolean; images?: boolean }): Promise<PageFacts>;
	/** Embedded XML files (e-invoices), at most 20 of at most 10 MB. */
	attachments(): Promise<Attachment[]>;
	/** The page's pixels at `scale`, or at a lower scale where the bitmap would pass the pixel limit. */
	render(pageNumber: number, scale: number): Promise<RgbImage & { scale: number }>;
	close(): Promise<void>;
}

type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void };

/** The largest bitmap a PDF page is rendered to (pixels): enough for A3 at 300 DPI; larger pages render at a lower DPI. */
export const MAX_RENDER_PIXELS = 18_000_000;

/** See PdfWorkerPoolOptions.recycleMb: pdfjs after an ordinary document holds 25–60 MB; after a page of large images or a poster-sized page, 130–170 MB. */
export const PDF_WORKER_RECYCLE_MB = 80;


class Slot {
	worker: Worker | undefined;
	busy = false;
	filename = '';
	private readonly pending = new Map<number, Pending>();
	private nextId = 1;

	constructor(private readonly heapMb: number, private readonly onDeath: (slot: Slot, err: unknown) => void) {}

	private spawn(): Worker {
		const worker = startThread(path.join(__dirname, 'worker'), 'main', __filename, {
			resourceLimits: { maxOldGenerationSizeMb: this.heapMb, maxYoungGenerationSizeMb: 32 },
		});
		worker.on('message', (res: WorkerResponse) => {
			const p = this.pending.get(res.id);
			if (!p) return;
			this.pending.delete(res.id);
			if (res.ok) p.resolve(res.value);
			else p.reject(res.error);
		});
		const died = (err: unknown) => {
			if (this.worker !== worker) return;
			this.worker = undefined;
			this.onDeath(this, err);
		};
		worker.on('error', died);
		worker.on('exit', (code) => died(new Error(`worker exited with code ${code}`)));
		worker.unref();
		return worker;
	}

	call<T>(msg: WorkerCall, transfer: ArrayBuffer[] = []): Promise<T> {
		this.worker ??= this.spawn();
		const id = this.nextId++;
		return new Promise<T>((resolve, reject) => {
			this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
			this.worker!.postMessage({ ...msg, id }, transfer);
		});
	}

	/** Terminates the worker and fails whatever waits on it with `err`. */
	kill(err: unknown): void {
		const w = this.worker;
		this.worker = undefined;
		this.failAll(err);
		void w?.terminate();
	}

	failAll(err: unknown): void {
		const pending = [...this.pending.values()];
		this.pending.clear();
		for (const p of pending) p.reject(err);
	}
}

function inputError(failure: WorkerFailure, filename: string): InputError {
	if (failure.kind === 'encrypted') return new InputError('encrypted-pdf', 'Encrypted PDF', `${filename} is password-protected; remove the password and send it again`);
	return new InputError('corrupt-pdf', 'Unreadable PDF', `${filename} is not a readable PDF (${failure.message})`);
}

const isFailure = (e: unknown): e is WorkerFailure => typeof e === 'object' && e !== null && 'kind' in e && 'message' in e && !(e instanceof Error);

export class PdfWorkerPool {
	private readonly slots: Slot[];
	private readonly waiters: Array<(slot: Slot) => void> = [];
	private watchdog: NodeJS.Timeout | undefined;

	constructor(private readonly opts: PdfWorkerPoolOptions) {
		this.slots = Array.from({ length: Math.max(1, opts.size) }, () => new Slot(opts.heapMb, (slot, err) => this.died(slot, err)));
	}

	/** Loads pdfjs in one worker ahead of the first request. */
	async warm(): Promise<void> {
		const slot = await this.acquire(undefined);
		try {
			await slot.call({ op: 'warm' });
		} finally {
			this.release(slot);
		}
	}

	async open(data: Buffer, filename: string, signal?: AbortSignal): Promise<PdfFile> {
		const slot = await this.acquire(signal);
		slot.filename = filename;
		const onAbort = () => {
			this.opts.onStop?.('cancelled', filename);
			slot.kill(signal!.reason);
		};
		signal?.addEventListener('abort', onAbort, { once: true });
		let released = false;
		const release = () => {
			if (released) return;
			released = true;
			signal?.removeEventListener('abort', onAbort);
			this.release(slot);
		};
		const call = async <T>(msg: WorkerCall, transfer: ArrayBuffer[] = []): Promise<T> => {
			if (signal?.aborted) throw signal.reason;
			try {
				return await slot.call<T>(msg, transfer);
			} catch (err) {
				throw isFailure(err) ? inputError(err, filename) : err;
			}
		};
		try {
			const copy = new Uint8Array(data);
			const { pageCount } = await call<{ pageCount: number }>({ op: 'open', data: copy, limits: this.opts.limits }, [copy.buffer]);
			return {
				pageCount,
				page: (pageNumber, scale, want) => call<PageFacts>({ op: 'page', page: pageNumber, scale, ...want }),
				attachments: () => call<Attachment[]>({ op: 'attachments' }),
				render: async (pageNumber, scale) => {
					const r = await call<RenderedPage>({ op: 'render', page: pageNumber, scale });
					return { width: r.width, height: r.height, data: r.data, scale: r.scale };
				},
				close: async () => {
					if (released) return;
					if (slot.worker) {
						const held = await call<{ heldMb: number }>({ op: 'close' }).catch(() => undefined);
						if (held && held.heldMb > this.opts.recycleMb) slot.kill(new Error('the PDF worker is being replaced'));
					}
					release();
				},
			};
		} catch (err) {
			release();
			throw err;
		}
	}

	/** Stops every worker (shutdown). */
	async close(): Promise<void> {
		clearInterval(this.watchdog);
		for (const s of this.slots) s.kill(new Error('the PDF workers are closing'));
	}

	private died(slot: Slot, err: unknown): void {
		const code = (err as { code?: string }).code;
		const memory = code === 'ERR_WORKER_OUT_OF_MEMORY';
		this.opts.onStop?.(memory ? 'memory' : 'crashed', slot.filename);
		slot.failAll(
			memory
				? new InputError('document-too-complex', 'Document Too Complex', `${slot.filename} needs more memory than one document may use; split it or send its pages as images`)
				: new InputError('corrupt-pdf', 'Unreadable PDF', `${slot.filename} is not a readable PDF (the reader stopped on it)`),
		);
	}

	private acquire(signal: AbortSignal | undefined): Promise<Slot> {
		const free = this.slots.find((s) => !s.busy);
		if (free) return Promise.resolve(this.take(free));
		return new Promise<Slot>((resolve, reject) => {
			const waiter = (slot: Slot) => {
				signal?.removeEventListener('abort', onAbort);
				resolve(this.take(slot));
			};
			const onAbort = () => {
				const i = this.waiters.indexOf(waiter);
				if (i >= 0) this.waiters.splice(i, 1);
				reject(signal!.reason);
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			this.waiters.push(waiter);
		});
	}

	private take(slot: Slot): Slot {
		slot.busy = true;
		this.watchdog ??= setInterval(() => this.checkMemory(), 200).unref();
		return slot;
	}

	private release(slot: Slot): void {
		slot.busy = false;
		slot.filename = '';
		const waiter = this.waiters.shift();
		if (waiter) {
			waiter(slot);
			return;
		}
		if (this.slots.every((s) => !s.busy)) {
			clearInterval(this.watchdog);
			this.watchdog = undefined;
		}
	}

	/** Resident memory over the limit while documents are read: the busy workers are the ones growing it. */
	private checkMemory(): void {
		if (process.memoryUsage.rss() <= this.opts.rssLimitMb * 1024 * 1024) return;
		for (const slot of this.slots) {
			if (!slot.busy || !slot.worker) continue;
			this.opts.onStop?.('memory', slot.filename);
			slot.kill(new InputError('document-too-large', 'Document Too Large', `${slot.filename} needs more memory than this sidecar allows for one document (MAX_RSS_MB); split it or send smaller pages`));
		}
	}
}

/** A pool with the sidecar's default limits, for tools that read documents without a server (benches). */
export function standalonePdfPool(size = 1): PdfWorkerPool {
	return new PdfWorkerPool({ size, heapMb: 512, rssLimitMb: 3072, recycleMb: PDF_WORKER_RECYCLE_MB, limits: { maxImagePixels: 60_000_000, maxRenderPixels: MAX_RENDER_PIXELS } });
}
