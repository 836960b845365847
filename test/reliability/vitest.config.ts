// Reliability suite: real node processes, a fault-injecting proxy between them, SIGKILL at any
// moment. Run with `npm run test:reliability` (part of `npm test`); FAULT_SEED=<n> repeats a run.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    // Node processes start PGlite (WASM) and may be killed and restarted several times per test.
    testTimeout: 300_000,
    hookTimeout: 120_000,
    // Each node is a process of its own; two test files at a time suit 2-core machines.
    maxWorkers: 2,
  },
});
