// Browser tests: a real node (startNode, in-memory PGlite) and Debian's Chromium through playwright-core.
// Run with `npm run test:e2e`, which builds the web app first; `npm test` runs them too.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file starts its own node and browser; two at a time suits 2-core machines.
    maxWorkers: 2,
  },
});
