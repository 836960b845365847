import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Browser tests need a build and Chromium: `npm run test:e2e`; the reliability suite runs node
    // processes: `npm run test:reliability`. Both are part of `npm test`.
    exclude: ['**/node_modules/**', 'test/e2e/**', 'test/reliability/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite instances are heavy (WASM); keep parallelism modest on 2-core machines.
    maxWorkers: 2,
  },
});
