// Benchmark runner: `npm run bench -- <name>`. Each benchmark writes JSON to bench/results/ and a table to stdout.
// Benchmarks are never timed tests: they measure and report, they do not pass or fail on speed.
const BENCHES: Record<string, () => Promise<unknown>> = {
  api: async () => (await import('./api-bench.ts')).runApiBench(),
  exchange: async () => (await import('./exchange-bench.ts')).runExchangeBench(),
  documents: async () => (await import('./documents-bench.ts')).runDocumentsBench(),
  web: async () => (await import('./web-bench.ts')).runWebBench(),
};

const name = process.argv[2];
const run = name ? BENCHES[name] : undefined;
if (!run) {
  console.error(`usage: npm run bench -- <${Object.keys(BENCHES).join('|')}>`);
  process.exit(2);
}
await run();
