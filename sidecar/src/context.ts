/** Everything a route handler may use, built once per server (tests run several servers side by side). */
import type { SidecarConfig } from './config/config';
import type { Logger } from './log/logger';
import type { Engines } from './engines';
import type { SidecarMetrics } from './metrics/metrics';
import type { Registry } from './models/registry';
import type { ModelPool } from './runtime/modelPool';
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
	queue: WorkQueue;
	cuda: CudaProbe;
	decision: ProviderDecision;
	version: string;
	state: SidecarState;
}
