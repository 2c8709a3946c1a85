/**
 * Entry of a PDF worker thread: pdfjs parses and renders here, never on the sidecar's event loop,
 * so a hostile document can cost at most this thread, which the sidecar terminates at the job's
 * deadline or when memory runs over (see ../workers.ts). One document is open at a time.
 */
import v8 from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { openPdf, type PdfDocument } from '../pdfjs';
import { minimalPdf } from '../minimal';
import { pageFacts, renderPage } from './page';
import type { PdfWorkerLimits, WorkerFailure, WorkerRequest, WorkerResponse } from './protocol';

let doc: PdfDocument | undefined;
let limits: PdfWorkerLimits = { maxImagePixels: 50_000_000, maxRenderPixels: 60_000_000 };

function failure(err: unknown): WorkerFailure {
	const e = err as Error;
	if (e?.name === 'PasswordException') return { kind: 'encrypted', message: 'password-protected' };
	// Deeply nested arrays, dictionaries or pages overflow pdfjs's recursive parser.
	if (e instanceof RangeError && /call stack/i.test(e.message)) return { kind: 'corrupt', message: 'its structure is nested too deeply' };
	const message = String(e?.message ?? e).split('\n')[0]!.slice(0, 200);
	return { kind: 'corrupt', message: message || 'unreadable structure' };
}

async function closeDoc(): Promise<void> {
	const d = doc;
	doc = undefined;
	await d?.destroy().catch(() => undefined);
}

async function handle(msg: WorkerRequest): Promise<WorkerResponse> {
	try {
		switch (msg.op) {
			case 'open': {
				await closeDoc();
				limits = msg.limits;
				doc = await openPdf(msg.data, limits.maxImagePixels);
				return { id: msg.id, ok: true, value: { pageCount: doc.numPages } };
			}
			case 'page': {
				if (!doc) throw new Error('no document open');
				return { id: msg.id, ok: true, value: await pageFacts(doc, msg.page, msg.scale, { text: msg.text, rulings: msg.rulings, images: msg.images === true }) };
			}
			case 'render': {
				if (!doc) throw new Error('no document open');
				return { id: msg.id, ok: true, value: await renderPage(doc, msg.page, msg.scale, limits.maxRenderPixels) };
			}
			case 'attachments': {
				if (!doc) throw new Error('no document open');
				// Embedded XML files of at most 10 MB, at most 20 of them: what e-invoices attach.
				const all = ((await doc.getAttachments()) ?? {}) as Record<string, { filename?: string; content?: Uint8Array }>;
				const xml = Object.entries(all)
					.map(([key, a]) => ({ name: a.filename ?? key, content: a.content ?? new Uint8Array(0) }))
					.filter((a) => /\.xml$/i.test(a.name) && a.content.length > 0 && a.content.length <= 10 * 1024 * 1024)
					.slice(0, 20);
				return { id: msg.id, ok: true, value: xml };
			}
			case 'close': {
				await closeDoc();
				// What this thread holds now (heap it grew to, buffers outside it): the pool ends a
				// thread that a large document left big, since V8 keeps grown heaps for the next one.
				const h = v8.getHeapStatistics();
				return { id: msg.id, ok: true, value: { heldMb: Math.round((h.total_heap_size + h.external_memory + h.malloced_memory) / 2 ** 20) } };
			}
			case 'warm': {
				// Loads pdfjs and reads one page, so the first real request does not pay for module start-up.
				const warm = await openPdf(minimalPdf('warm-up'), limits.maxImagePixels);
				try {
					const page = await warm.getPage(1);
					await page.getTextContent();
				} finally {
					await warm.destroy();
				}
				return { id: msg.id, ok: true, value: null };
			}
		}
	} catch (err) {
		return { id: msg.id, ok: false, error: failure(err) };
	}
}

parentPort!.on('message', (msg: WorkerRequest) => {
	void handle(msg).then((res) => {
		const transfer = res.ok && res.value && !Array.isArray(res.value) && 'data' in res.value ? [res.value.data.buffer as ArrayBuffer] : [];
		parentPort!.postMessage(res, transfer);
	});
});
