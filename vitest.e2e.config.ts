import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/e2e/**/*.e2e.ts'],
		fileParallelism: false,
		testTimeout: 180_000,
		hookTimeout: 300_000,
		reporters: ['default', './test/helpers/summaryReporter.ts'],
	},
});
