/**
 * With CONCURRENCY > 1 on CPU, the sessions the registry marks `copyPerJob` are opened once per job,
 * so two pages in recognition at once each get a copy rather than take turns (issue 24). Real
 * sidecars, real sessions, real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SessionCopies } from '../../sidecar/src/runtime/session';
import { businessPage, renderPage } from '../helpers/documents';
import { multipart } from '../helpers/fixtures';
import { startTestSidecar, type TestSidecar } from '../helpers/sidecar';

describe('session copies', () => {
	let two: TestSidecar;
	let one: TestSidecar;

	beforeAll(async () => {
		two = await startTestSidecar({ PRELOAD_MODELS: 'pp-ocrv4', CONCURRENCY: '2' });
		one = await startTestSidecar({ PRELOAD_MODELS: 'pp-ocrv4', CONCURRENCY: '1' });
	}, 120_000);
	afterAll(async () => {
		await two?.close();
		await one?.close();
	});

	it('opens the recogniser and the angle classifier once per job, the detector once', () => {
		const sessions = two.ctx.pool.get('pp-ocrv4').sessions;
		for (const name of ['rec', 'cls']) {
			expect(sessions[name], name).toBeInstanceOf(SessionCopies);
			expect((sessions[name] as SessionCopies).size).toBe(2);
		}
		expect(sessions.det).not.toBeInstanceOf(SessionCopies);
		for (const s of Object.values(one.ctx.pool.get('pp-ocrv4').sessions)) expect(s).not.toBeInstanceOf(SessionCopies);
	});

	it('two pages read at once use both copies and read alike', async () => {
		const rec = two.ctx.pool.get('pp-ocrv4').sessions.rec as SessionCopies;
		const runs = rec.all.map((copy) => vi.spyOn(copy, 'run'));
		const page = await renderPage(businessPage('en'), { dpi: 150 });
		const read = async () => {
			const res = await fetch(`${two.url}/v1/ocr`, { method: 'POST', body: multipart([{ name: 'page.png', data: page }]) });
			expect(res.status).toBe(200);
			return ((await res.json()) as { pages: Array<{ text: string }> }).pages[0]!.text;
		};
		const [a, b] = await Promise.all([read(), read()]);
		expect(a).toBe(b);
		expect(a).toMatch(/INV-2024-0917/);
		for (const [i, run] of runs.entries()) expect(run.mock.calls.length, `copy ${i}`).toBeGreaterThan(0);
	}, 120_000);
});
