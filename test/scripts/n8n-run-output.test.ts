import { describe, expect, it } from 'vitest';
import { readRunOutput } from '../../scripts/n8n-run-output.cjs';

// `n8n execute --rawOutput` shares its stream with n8n's other log lines; the CI and e2e checks read
// the run out of that stream. A CI run once failed because a log line followed the JSON.
const run = { data: { resultData: { runData: { 'OCR Table': [{ text: 'a "}{" brace\\ and [ bracket' }] } } } };

describe('reading the run that n8n execute prints', () => {
	it('finds the run between log lines, braces inside strings included', () => {
		const printed = `Loading {config}\n${JSON.stringify(run, null, 2)}\nTask runner stopped { code: 0 }\n`;
		expect(readRunOutput(printed)).toEqual(run);
	});

	it('skips a balanced log object that is not a run', () => {
		const printed = `{"level":"info","msg":"started"}\n${JSON.stringify(run)}`;
		expect(readRunOutput(printed)).toEqual(run);
	});

	it('says so, with the output, when no run was printed', () => {
		expect(() => readRunOutput('Execution was NOT successful. {"error":"x"}')).toThrow(/no run JSON: Execution was NOT/);
		expect(() => readRunOutput(JSON.stringify(run).slice(0, -3))).toThrow(/no run JSON/);
	});
});
