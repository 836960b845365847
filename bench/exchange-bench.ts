// `npm run bench -- exchange`: end-to-end exchange between two node processes on loopback — the buyer's
// node A issues orders through its API, its outbox worker sends each one as a signed envelope to the
// supplier's node B, B checks, stores and applies it and answers with a signed receipt, A verifies and
// stores the receipt. Measured per store (PGlite, and PostgreSQL when reachable):
//
// - peak: N orders issued with C in flight; throughput = documents with a stored receipt ÷ the time
//   from the first API call to the last receipt;
// - half peak: orders arriving at a fixed rate of half the peak throughput (open loop); latency p50/p99;
// - baseline: the same envelope bytes POSTed with the same concurrency to a minimal node:http server
//   doing one durable INSERT per request into the same kind of store (exchange-baseline-server.ts).
//
// Latency of one document = the receipt's `delivered_at` in A's outbox row (A's clock, set right after
// the receipt verified, before it is stored) − the wall-clock time the API call started (this
// process's clock; same machine, same clock). The rows are read from A's store after the run.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { freePort, freshSchema, postgresUrl, ROOT, stop, writeResults } from './bench-support.ts';
import { closedLoop, latencySummary, openLoop, type Sent } from './exchange-load.ts';
import { startPair, SUPPLIER, type NodePair, type OutboxTiming, type StoreKind } from './exchange-nodes.ts';

const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const HALF_SECONDS = Number(process.env.BENCH_HALF_SECONDS ?? 10);
/** How long to wait for the last receipt of a phase before giving up on the rest. */
const DRAIN_TIMEOUT_MS = Number(process.env.BENCH_DRAIN_TIMEOUT_MS ?? 120_000);
const WARMUP = 20;

interface Phase {
  documents: number;
  delivered: number;
  documentsPerSecond: number;
  latencyMs: { p50: number | null; p99: number | null; max: number | null };
  /** How long the API call that issued the order took (part of the latency above). */
  issueMs: { p50: number | null; p99: number | null };
  /** From the outbox row's created_at (the issue's commit time) to the stored receipt. */
  deliveryMs: { p50: number | null; p99: number | null };
  apiErrors: number;
  retries: number;
}

interface StoreResult {
  store: StoreKind;
  peak: Phase;
  halfPeak: Phase & { targetRate: number };
  baseline: { documents: number; documentsPerSecond: number; latencyMs: Phase['latencyMs']; errors: number };
  /** Schakel peak throughput ÷ baseline throughput (the goal: ≥ 0.5). */
  ratio: number;
  envelopeBytes: number;
  peakRssMiB: { a: number | null; b: number | null };
}

function orderBody(number: string, lines: number): string {
  const line = (n: number) => ({
    lineId: String(n),
    item: { buyerItemId: `VD-${1000 + n}`, sellerItemId: `PA-${2000 + n}`, name: `Beugel type ${n}` },
    unitCode: 'C62',
    price: { amount: '12.50', baseQuantity: '100' },
    schedule: [{ date: '2027-03-01', quantity: String(100 * n) }],
  });
  return JSON.stringify({
    seller: SUPPLIER,
    number,
    issueDate: '2026-11-22',
    currency: 'EUR',
    lines: Array.from({ length: lines }, (_, i) => line(i + 1)),
  });
}

/** Issues order `prefix-i` (1–3 lines) through A's API; the value is the order id (= conversation id). */
const issuer =
  (pair: NodePair, prefix: string) =>
  async (i: number): Promise<{ status: number; value: string | null }> => {
    const r = await fetch(`${pair.a}/api/v1/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${pair.token}`, 'content-type': 'application/json' },
      body: orderBody(`${prefix}-${i}`, 1 + (i % 3)),
    });
    const body = await r.text();
    return { status: r.status, value: r.status === 201 ? (JSON.parse(body) as { id: string }).id : null };
  };

/** Waits until A has a receipt (or a dead letter) for `total` documents so far, or the timeout passes. */
async function drained(pair: NodePair, total: number): Promise<void> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const r = await fetch(`${pair.a}/api/v1/partners`, {
      headers: { authorization: `Bearer ${pair.token}` },
    });
    const { items } = (await r.json()) as { items: { delivery: { delivered: number; dead: number } }[] };
    if (items.reduce((n, p) => n + p.delivery.delivered + p.delivery.dead, 0) >= total) return;
    await new Promise((res) => setTimeout(res, 50));
  }
  console.warn(`not every document was delivered within ${DRAIN_TIMEOUT_MS} ms`);
}

const p50p99 = (values: number[]) => (({ p50, p99 }) => ({ p50, p99 }))(latencySummary(values));

/** Joins the API calls of one phase with A's outbox rows. */
function phaseOf(sent: Sent<string>[], rows: Map<string, OutboxTiming>): Phase {
  const ok = sent.filter((s) => s.value !== null);
  const done = ok.flatMap((s) => {
    const row = rows.get(s.value!);
    return row?.deliveredAt != null ? [{ s, row, deliveredAt: row.deliveredAt }] : [];
  });
  const first = Math.min(...sent.map((s) => s.startedAt));
  const last = Math.max(...done.map((d) => d.deliveredAt));
  return {
    documents: sent.length,
    delivered: done.length,
    documentsPerSecond: done.length ? Number(((1000 * done.length) / (last - first)).toFixed(1)) : 0,
    latencyMs: latencySummary(done.map((d) => d.deliveredAt - d.s.startedAt)),
    issueMs: p50p99(ok.map((s) => s.ms)),
    deliveryMs: p50p99(done.map((d) => d.deliveredAt - d.row.createdAt)),
    apiErrors: sent.length - ok.length,
    retries: done.reduce((n, d) => n + d.row.attempts - 1, 0),
  };
}

async function waitHealthy(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error('baseline server exited');
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('baseline server did not start within 60 s');
}

/** The bare baseline: the same envelopes POSTed with the same concurrency, one durable INSERT each. */
async function baseline(
  store: StoreKind,
  pgUrl: string | null,
  envelopes: string[],
): Promise<StoreResult['baseline']> {
  const port = await freePort();
  const dir = store === 'pglite' ? mkdtempSync(join(tmpdir(), 'schakel-benchx-base-')) : null;
  const schema =
    store === 'postgres' ? await freshSchema(pgUrl!, `schakel_benchx_base_${process.pid}`) : null;
  const child = spawn(
    process.execPath,
    ['bench/exchange-baseline-server.ts', String(port), store, dir ?? schema!.url],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(url, child);
    const post = async (i: number) => {
      const r = await fetch(`${url}/network/v1/inbox`, {
        method: 'POST',
        headers: { 'content-type': 'application/jose', accept: 'application/json' },
        body: envelopes[i % envelopes.length],
      });
      return { status: r.status, value: await r.text() };
    };
    await closedLoop(WARMUP, CONCURRENCY, post);
    const t0 = Date.now();
    const sent = await closedLoop(DOCUMENTS, CONCURRENCY, post);
    const wall = Date.now() - t0;
    const ok = sent.filter((s) => s.status === 200);
    return {
      documents: DOCUMENTS,
      documentsPerSecond: Number(((1000 * ok.length) / wall).toFixed(1)),
      latencyMs: latencySummary(ok.map((s) => s.ms)),
      errors: DOCUMENTS - ok.length,
    };
  } finally {
    await stop(child);
    if (dir) rmSync(dir, { recursive: true, force: true });
    await schema?.drop();
  }
}

async function benchStore(store: StoreKind, pgUrl: string | null): Promise<StoreResult> {
  const pair = await startPair(store, pgUrl);
  try {
    // Warm-up: connections, JIT, the first envelope of each kind; not measured.
    const warm = await closedLoop(WARMUP, CONCURRENCY, issuer(pair, 'WARM'));
    await drained(pair, warm.length);
    const peakSent = await closedLoop(DOCUMENTS, CONCURRENCY, issuer(pair, 'PEAK'));
    await drained(pair, WARMUP + DOCUMENTS);
    // Half peak needs the peak rate now, while the nodes run: taken from the drain (see peakRate).
    const rate = Math.max(1, peakRate(peakSent) / 2);
    const halfCount = Math.max(20, Math.round(rate * HALF_SECONDS));
    const halfSent = await openLoop(halfCount, rate, issuer(pair, 'HALF'));
    await drained(pair, WARMUP + DOCUMENTS + halfCount);
    const peakRssMiB = pair.peakRss();
    const rows = await pair.stopAndReadOutbox();
    const byConversation = new Map(rows.map((r) => [r.conversationId, r]));
    const peak = phaseOf(peakSent, byConversation);
    const halfPeak = { ...phaseOf(halfSent, byConversation), targetRate: Number(rate.toFixed(1)) };
    const envelopes = rows.map((r) => r.envelope);
    const base = await baseline(store, pgUrl, envelopes);
    return {
      store,
      peak,
      halfPeak,
      baseline: base,
      ratio: Number((peak.documentsPerSecond / base.documentsPerSecond).toFixed(2)),
      envelopeBytes: Math.round(envelopes.reduce((n, e) => n + e.length, 0) / envelopes.length),
      peakRssMiB,
    };
  } finally {
    await pair.cleanup();
  }
}

/**
 * Peak throughput while the nodes still run: documents of the peak phase ÷ time from its first API call
 * until A reported them all delivered (polled; the exact figure from the rows is reported afterwards).
 */
function peakRate(sent: Sent<string>[]): number {
  const first = Math.min(...sent.map((s) => s.startedAt));
  return (1000 * sent.length) / (Date.now() - first);
}

/** Runs the exchange benchmark on every reachable store and prints a table. */
export async function runExchangeBench(): Promise<void> {
  const stores = (process.env.BENCH_STORES ?? 'pglite,postgres').split(',') as StoreKind[];
  const pgUrl = stores.includes('postgres') ? await postgresUrl() : null;
  const results: StoreResult[] = [];
  if (stores.includes('pglite')) results.push(await benchStore('pglite', null));
  if (pgUrl) results.push(await benchStore('postgres', pgUrl));
  else if (stores.includes('postgres'))
    console.warn('PostgreSQL not reachable (set BENCH_DATABASE_URL or TEST_DATABASE_URL): PGlite only');
  const file = writeResults('exchange', {
    when: new Date().toISOString(),
    machine: {
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      loadAverage1m: Number(loadavg()[0]!.toFixed(2)),
    },
    documents: DOCUMENTS,
    concurrency: CONCURRENCY,
    halfPeakSeconds: HALF_SECONDS,
    results,
  });
  console.table(
    results.flatMap((r) => [
      row(r.store, 'schakel peak', r.peak),
      row(r.store, `schakel @ ${r.halfPeak.targetRate}/s`, r.halfPeak),
      row(r.store, 'baseline', { ...r.baseline, delivered: r.baseline.documents - r.baseline.errors }),
      { store: r.store, run: 'ratio schakel/baseline', 'doc/s': `${Math.round(100 * r.ratio)} %` },
    ]),
  );
  console.log(
    `latency: API call start → receipt stored on the sending node (baseline: POST → INSERT answered);\n` +
      `issue: the API call alone; send: outbox row written → receipt stored.\n` +
      `goal: ratio ≥ 50 %, p99 < 50 ms at half the peak rate. load average (1 min): ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs.\n` +
      `results: ${file}`,
  );
}

const row = (
  store: string,
  run: string,
  p: Pick<Phase, 'documentsPerSecond' | 'latencyMs' | 'documents'> & Partial<Phase>,
): Record<string, unknown> => ({
  store,
  run,
  'doc/s': p.documentsPerSecond,
  'p50 ms': p.latencyMs.p50,
  'p99 ms': p.latencyMs.p99,
  'max ms': p.latencyMs.max,
  'issue p50': p.issueMs?.p50 ?? '',
  'send p50': p.deliveryMs?.p50 ?? '',
  'send p99': p.deliveryMs?.p99 ?? '',
  'not delivered': p.documents - (p.delivered ?? p.documents),
});
