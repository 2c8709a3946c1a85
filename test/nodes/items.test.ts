/** mapItems: bounded concurrency, input order, pairedItem, and Continue On Fail — nothing lost. */
import { NodeOperationError } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { mapItems } from '../../nodes/shared/items';
import { executeContext } from '../helpers/n8nContext';

const items = (n: number) => Array.from({ length: n }, (_, i) => ({ json: { i } }));
const creds = { baseUrl: 'http://127.0.0.1:9' };

describe('mapItems', () => {
	it('keeps input order and pairs every output while running at most `concurrency` at once', async () => {
		const { ctx } = executeContext({ params: {}, credentials: creds, items: items(7) });
		let active = 0;
		let peak = 0;
		const out = await mapItems(
			ctx,
			async (i) => {
				active++;
				peak = Math.max(peak, active);
				await new Promise((r) => setTimeout(r, (7 - i) * 3)); // later items finish first
				active--;
				return i === 3 ? [{ json: { i, part: 'a' } }, { json: { i, part: 'b' } }] : [{ json: { i } }];
			},
			3,
		);
		expect(peak).toBe(3);
		expect(out.map((o) => [o.json.i, o.pairedItem])).toEqual([
			[0, { item: 0 }],
			[1, { item: 1 }],
			[2, { item: 2 }],
			[3, { item: 3 }],
			[3, { item: 3 }],
			[4, { item: 4 }],
			[5, { item: 5 }],
			[6, { item: 6 }],
		]);
	});

	it('with Continue On Fail, turns each failure into an error item in its place', async () => {
		const { ctx } = executeContext({ params: {}, credentials: creds, items: items(4), continueOnFail: true });
		const out = await mapItems(
			ctx,
			async (i) => {
				if (i % 2 === 1) throw new Error(`bad item ${i}`);
				return [{ json: { ok: i } }];
			},
			2,
		);
		expect(out).toEqual([
			{ json: { ok: 0 }, pairedItem: { item: 0 } },
			{ json: { error: 'bad item 1', inputItem: 1 }, pairedItem: { item: 1 } },
			{ json: { ok: 2 }, pairedItem: { item: 2 } },
			{ json: { error: 'bad item 3', inputItem: 3 }, pairedItem: { item: 3 } },
		]);
	});

	it('without it, stops with a NodeOperationError tied to the failing item', async () => {
		const { ctx } = executeContext({ params: {}, credentials: creds, items: items(3) });
		const err = (await mapItems(
			ctx,
			async (i) => {
				if (i === 1) throw new Error('corrupt file');
				return [{ json: {} }];
			},
			1,
		).catch((e: unknown) => e)) as NodeOperationError;
		expect(err).toBeInstanceOf(NodeOperationError);
		expect(err.message).toBe('corrupt file');
		expect(err.context.itemIndex).toBe(1);
	});
});
