import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts'],
		// Each file starts real sidecars with real ONNX sessions: keep files serial on 2 cores.
		fileParallelism: false,
		testTimeout: 60_000,
		hookTimeout: 120_000,
		reporters: ['default', './test/helpers/summaryReporter.ts'],
	},
});
