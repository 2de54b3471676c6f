import { defineConfig } from 'vitest/config';

// Browser tests drive headless Chromium against the real core through the bridge.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    // Generous: on a busy 2-core machine one voice journey has taken over two minutes.
    testTimeout: 300_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
