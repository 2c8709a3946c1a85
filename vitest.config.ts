import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts'],
		// One temporary folder per run, removed at its end (test/helpers/tmpRoot.ts).
		globalSetup: ['./test/helpers/tmpRoot.ts'],
		// Each file starts real sidecars with real ONNX sessions: keep files serial on 2 cores.
		fileParallelism: false,
		testTimeout: 60_000,
		hookTimeout: 120_000,
		reporters: ['default', './test/helpers/summaryReporter.ts'],
	},
});
