/** Starts a real sidecar (real HTTP, real ONNX sessions) on a free port for a test file. */
import { loadConfig } from '../../sidecar/src/config/config';
import { createLogger } from '../../sidecar/src/log/logger';
import { startSidecar, type RunningSidecar } from '../../sidecar/src/server';

export interface TestSidecar extends RunningSidecar {
	logs: string[];
}

export async function startTestSidecar(env: Record<string, string> = {}, opts: { waitReady?: boolean; nvidiaSmi?: string } = {}): Promise<TestSidecar> {
	const logs: string[] = [];
	const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DEVICE: 'cpu', LOG_LEVEL: 'debug', ...env });
	const sidecar = await startSidecar(config, { logger: createLogger('debug', (line) => logs.push(line)), nvidiaSmi: opts.nvidiaSmi ?? 'nvidia-smi-absent-in-tests' });
	if (opts.waitReady !== false) await sidecar.ready;
	return Object.assign(sidecar, { logs });
}

export const TEST_API_KEY = 'test-key-0123456789abcdef';
