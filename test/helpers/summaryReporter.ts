/** Prints the plain closing line CI reads ("N passed, N failed") after vitest's own summary. */
import type { Reporter, TestModule } from 'vitest/node' with { 'resolution-mode': 'import' };

export default class SummaryReporter implements Reporter {
	private line = '';

	onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
		let passed = 0;
		let failed = 0;
		let skipped = 0;
		for (const m of modules) {
			for (const t of m.children.allTests()) {
				const state = t.result().state;
				if (state === 'passed') passed++;
				else if (state === 'failed') failed++;
				else skipped++;
			}
		}
		this.line = `tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
	}


	// onFinished runs after the default reporter has printed its summary: the line comes last.
	async onFinished(): Promise<void> {
		await new Promise((r) => setImmediate(r));
		if (this.line) process.stdout.write(`${this.line}\n`);
	}
}
