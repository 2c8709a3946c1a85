/**
 * Entry of an inference worker thread: owns one ONNX Runtime session and runs it on request.
 * onnxruntime-node's `run` executes on the calling thread's event loop; here that loop is this
 * thread's, so the sidecar's own (HTTP, /healthz, queue, PDF workers' results) never waits for a
 * model. Tensors cross as plain typed arrays: inputs copied in, outputs transferred out.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';
import type { ThreadRequest, ThreadResponse, ThreadSessionInit, WireTensor } from './inferenceWire';

const init = workerData as ThreadSessionInit;

function toOrt(t: WireTensor): ort.Tensor {
	return new ort.Tensor(t.type as 'float32', t.data as Float32Array, t.dims);
}

/** A tensor's data as a typed array this thread may hand over (ONNX Runtime's may share memory). */
function detachable(data: WireTensor['data']): WireTensor['data'] {
	const whole = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && !(data.buffer instanceof SharedArrayBuffer);
	return whole ? data : (data.slice() as WireTensor['data']);
}

async function main(): Promise<void> {
	let session: ort.InferenceSession;
	try {
		const options: ort.InferenceSession.SessionOptions = {
			executionProviders: init.provider === 'cuda' ? [{ name: 'cuda', deviceId: init.cudaDeviceId }] : ['cpu'],
			graphOptimizationLevel: 'all',
			...(init.intraOpThreads > 0 ? { intraOpNumThreads: init.intraOpThreads } : {}),
		};
		session = typeof init.model === 'string' ? await ort.InferenceSession.create(init.model, options) : await ort.InferenceSession.create(init.model, options);
	} catch (err) {
		parentPort!.postMessage({ kind: 'failed', message: (err as Error).message } satisfies ThreadResponse);
		return;
	}
	parentPort!.postMessage({
		kind: 'ready',
		inputNames: [...session.inputNames],
		outputNames: [...session.outputNames],
		inputs: session.inputMetadata.filter((m) => m.isTensor).map((m) => ({ name: m.name, type: (m as { type: string }).type, shape: [...(m as { shape: ReadonlyArray<number | string> }).shape] })),
	} satisfies ThreadResponse);
	parentPort!.on('message', (msg: ThreadRequest) => {
		if (msg.kind === 'release') {
			void session.release().finally(() => parentPort!.postMessage({ kind: 'released' } satisfies ThreadResponse));
			return;
		}
		const feeds = Object.fromEntries(Object.entries(msg.feeds).map(([k, t]) => [k, toOrt(t)]));
		(msg.fetch ? session.run(feeds, msg.fetch) : session.run(feeds)).then(
			(out) => {
				const outputs: Record<string, WireTensor> = {};
				const transfer: ArrayBuffer[] = [];
				for (const [k, t] of Object.entries(out)) {
					const data = detachable(t.data as WireTensor['data']);
					outputs[k] = { type: t.type, dims: [...t.dims], data };
					transfer.push(data.buffer as ArrayBuffer);
				}
				parentPort!.postMessage({ kind: 'result', id: msg.id, outputs } satisfies ThreadResponse, transfer);
			},
			(err: unknown) => parentPort!.postMessage({ kind: 'error', id: msg.id, message: (err as Error).message } satisfies ThreadResponse),
		);
	});
}

void main();
