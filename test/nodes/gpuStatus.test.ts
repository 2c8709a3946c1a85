/** The GPU Status node against the real sidecar (CPU machine: the GPU is never the active provider here). */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GpuStatus } from '../../nodes/GpuStatus/GpuStatus.node';
import { executeContext } from '../helpers/n8nContext';
import { startTestSidecar, TEST_API_KEY, type TestSidecar } from '../helpers/sidecar';

let sidecar: TestSidecar;
beforeAll(async () => {
	sidecar = await startTestSidecar({ API_KEY: TEST_API_KEY, PRELOAD_MODELS: 'silero-vad' });
});
afterAll(async () => {
	await sidecar?.close();
});

const node = new GpuStatus();
const creds = () => ({ baseUrl: `${sidecar.url}/`, apiKey: TEST_API_KEY });

describe('GPU Status node', () => {
	it('outputs one status item paired with every input item, with gpuActive=false and the reason', async () => {
		const { ctx, requests } = executeContext({ params: { whenNotOnGpu: 'output' }, credentials: creds(), items: [{ json: { a: 1 } }, { json: { a: 2 } }] });
		const [out] = await node.execute.call(ctx);
		expect(out).toHaveLength(1);
		expect(out![0]!.pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
		const json = out![0]!.json;
		expect(json).toMatchObject({ gpuActive: false, activeProvider: 'cpu', requestedDevice: 'cpu', ready: true });
		expect(json.alert).toBe('The sidecar is set to use the CPU only (its operator chose DEVICE=cpu), so it does not use a GPU.');
		expect(json.details).toMatch(/^DEVICE=cpu forces CPU/);
		expect(requests).toEqual([{ method: 'GET', url: `${sidecar.url}/v1/gpu-status`, headers: { Authorization: `Bearer ${TEST_API_KEY}` } }]);
	});

	it('fails the execution when asked to, naming why CUDA is not used', async () => {
		const { ctx } = executeContext({ params: { whenNotOnGpu: 'error' }, credentials: creds() });
		const err = await node.execute.call(ctx).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(NodeOperationError);
		expect((err as NodeOperationError).message).toBe('The sidecar is set to use the CPU only (its operator chose DEVICE=cpu), so it does not use a GPU.');
	});

	it('maps a 401 problem from the sidecar to NodeApiError with the item index', async () => {
		const { ctx } = executeContext({ params: { whenNotOnGpu: 'output' }, credentials: { baseUrl: sidecar.url, apiKey: 'not-the-key-000000' } });
		const err = (await node.execute.call(ctx).catch((e: unknown) => e)) as NodeApiError;
		expect(err).toBeInstanceOf(NodeApiError);
		expect(err.httpCode).toBe('401');
		expect(err.message).toBe('Unauthorized: invalid API key');
		expect(err.context.itemIndex).toBe(0);
	});

	it('honours Continue On Fail with an error item', async () => {
		const { ctx } = executeContext({ params: { whenNotOnGpu: 'error' }, credentials: creds(), continueOnFail: true });
		const [out] = await node.execute.call(ctx);
		expect(out).toHaveLength(1);
		expect(out![0]!.pairedItem).toEqual([{ item: 0 }]);
		expect(out![0]!.json).toMatchObject({ error: 'The sidecar is set to use the CPU only (its operator chose DEVICE=cpu), so it does not use a GPU.', inputItem: 0 });
		expect(String(out![0]!.json.errorDescription)).toMatch(/^DEVICE=cpu forces CPU/);
	});

	it('reports an unreachable sidecar clearly', async () => {
		const { ctx } = executeContext({ params: { whenNotOnGpu: 'output' }, credentials: { baseUrl: 'http://127.0.0.1:9', apiKey: TEST_API_KEY } });
		const err = (await node.execute.call(ctx).catch((e: unknown) => e)) as NodeApiError;
		expect(err).toBeInstanceOf(NodeApiError);
		expect(err.message).toBe('Cannot reach the GPU inference sidecar at http://127.0.0.1:9/v1/gpu-status');
	});
});
