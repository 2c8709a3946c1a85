/** Prometheus metrics for the sidecar: one registry per server so tests can run several side by side. */
import client from 'prom-client';

export interface SidecarMetrics {
	registry: client.Registry;
	httpRequests: client.Counter<'method' | 'route' | 'status'>;
	httpDuration: client.Histogram<'method' | 'route'>;
	queueDepth: client.Gauge;
	queueRunning: client.Gauge;
	queueRejected: client.Counter;
	jobsCancelled: client.Counter<'reason' | 'state'>;
	documentWorkersStopped: client.Counter<'why'>;
	inferenceSeconds: client.Histogram<'model' | 'session' | 'provider'>;
	modelReady: client.Gauge<'model' | 'provider'>;
	transcribeProgress: client.Gauge<'request_id'>;
	audioSeconds: client.Counter<'model'>;
}

export function createMetrics(): SidecarMetrics {
	const registry = new client.Registry();
	client.collectDefaultMetrics({ register: registry, prefix: 'sidecar_' });
	return {
		registry,
		httpRequests: new client.Counter({
			name: 'sidecar_http_requests_total',
			help: 'HTTP requests by method, route template and status code',
			labelNames: ['method', 'route', 'status'],
			registers: [registry],
		}),
		httpDuration: new client.Histogram({
			name: 'sidecar_http_request_duration_seconds',
			help: 'HTTP request latency by method and route template',
			labelNames: ['method', 'route'],
			buckets: [0.005, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
			registers: [registry],
		}),
		queueDepth: new client.Gauge({ name: 'sidecar_queue_depth', help: 'Jobs waiting for an inference slot', registers: [registry] }),
		queueRunning: new client.Gauge({ name: 'sidecar_queue_running', help: 'Jobs holding an inference slot', registers: [registry] }),
		queueRejected: new client.Counter({ name: 'sidecar_queue_rejected_total', help: 'Jobs refused because the queue was full', registers: [registry] }),
		jobsCancelled: new client.Counter({
			name: 'sidecar_jobs_cancelled_total',
			help: 'Jobs stopped before they finished, by reason (deadline, client-gone, shutdown) and state (waiting, running)',
			labelNames: ['reason', 'state'],
			registers: [registry],
		}),
		documentWorkersStopped: new client.Counter({
			name: 'sidecar_document_workers_stopped_total',
			help: 'PDF worker threads terminated, by why (cancelled, memory, crashed)',
			labelNames: ['why'],
			registers: [registry],
		}),
		inferenceSeconds: new client.Histogram({
			name: 'sidecar_inference_seconds',
			help: 'Time in ONNX Runtime per session run',
			labelNames: ['model', 'session', 'provider'],
			buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
			registers: [registry],
		}),
		modelReady: new client.Gauge({
			name: 'sidecar_model_ready',
			help: '1 when a model is loaded and warmed, by execution provider',
			labelNames: ['model', 'provider'],
			registers: [registry],
		}),
		transcribeProgress: new client.Gauge({
			name: 'sidecar_transcribe_progress_ratio',
			help: 'Share of a running transcription done (chunks), by request id; removed when it ends',
			labelNames: ['request_id'],
			registers: [registry],
		}),
		audioSeconds: new client.Counter({
			name: 'sidecar_transcribed_audio_seconds_total',
			help: 'Seconds of audio transcribed, by model',
			labelNames: ['model'],
			registers: [registry],
		}),
	};
}
