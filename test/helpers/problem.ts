/** Assertions on problem+json answers. */
import { expect } from 'vitest';

export async function expectProblem(res: Response, status: number, type: string, detail?: RegExp): Promise<void> {
	expect(res.status).toBe(status);
	expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
	const body = (await res.json()) as { type: string; detail: string };
	expect(body.type).toBe(`urn:gpu-inference:problem:${type}`);
	if (detail) expect(body.detail).toMatch(detail);
}
