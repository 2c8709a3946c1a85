/** Everything a route handler may use, built once per server (tests run several servers side by side). */
import type { SidecarConfig } from './config/config';
import type { Logger } from './log/logger';
import type { Engines } from './engines';
import type { SidecarMetrics } from './metrics/metrics';
import type { Registry } from './models/registry';
import type { ModelPool } from './runtime/modelPool';
import type { PdfWorkerPool } from './pdf/workers';
import type { TempFiles } from './runtime/tempFiles';
import type { FfmpegInfo } from './media/ffmpeg';
import type { UploadBudget } from './http/upload';
import type { ProgressBoard } from './queue/progress';
import type { CudaProbe, ProviderDecision } from './runtime/provider';
import type { WorkQueue } from './queue/workQueue';

export interface SidecarState {
	shuttingDown: boolean;
	startedAt: number;
}

export interface SidecarContext {
	config: SidecarConfig;
	logger: Logger;
	metrics: SidecarMetrics;
	registry: Registry;
	pool: ModelPool;
	engines: Engines;
	/** Worker threads that parse and render PDFs off the event loop. */
	pdf: PdfWorkerPool;
	/** The process's private temp folder (audio handed to ffmpeg). */
	temp: TempFiles;
	/** The ffmpeg that decodes audio (found at start), or why there is none. */
	ffmpeg: FfmpegInfo;
	/** Upload bytes held in memory across requests (MAX_INFLIGHT_MB). */
	uploads: UploadBudget;
	/** Each request's progress, for GET /v1/progress/{requestId}. */
	progress: ProgressBoard;
	queue: WorkQueue;
	cuda: CudaProbe;
	decision: ProviderDecision;
	version: string;
	state: SidecarState;
}
