// Scenario 1 — the receiver is killed with SIGKILL, again and again. 2,000 orders (RELIABILITY_ORDERS)
// flow from the buyer on node A to the supplier on node B, and the supplier's answers flow back, while node B is killed at seeded random moments and restarted on the same store.
// Afterwards every order exists exactly once on both sides, the copies agree line by line, no outbox
// holds anything pending or dead, and no inbox holds a message twice. On PGlite, and on PostgreSQL when
// TEST_DATABASE_URL is set.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, it, type TestContext } from 'vitest';
import {
  deliveryOf,
  expectExactlyOnce,
  metricsOf,
  metricValue,
  tradingReport,
} from './support/exactly-once.ts';
import { readLedger } from './support/pair-ledger.ts';
import { postgresPair, skipMessage, type PostgresPair } from './support/postgres-pair.ts';
import { formatDuration, printReport, timeToDrain } from './support/report.ts';
import { chooseSeed, seededRandom } from './support/seeded-random.ts';
import { issueOrders, startAnswering } from './support/trade-traffic.ts';
import { SELLER, setUpTradingPair } from './support/trading-pair.ts';

/**
 * 2,000 orders on each store (about 2 minutes each on an idle 2-core machine; RELIABILITY_ORDERS sets
 * both, e.g. lower for a quick local run).
 */
const ORDERS = Number(process.env.RELIABILITY_ORDERS ?? 2000);
const KILLS = 5;
/**
 * Generous: on a loaded 2-core machine both directions together moved about 4 documents/s, so 2,000
 * orders and their answers took about 20 minutes there (see docs/network.md).
 */
const TIMEOUT_MS = 45 * 60_000;
const ANSWERED_WITHIN_MS = 30 * 60_000;

async function killReceiver(
  ctx: TestContext,
  label: string,
  orders: number,
  databaseUrls?: readonly [string, string],
) {
  const { expect } = ctx;
  const seed = chooseSeed();
  const random = seededRandom(seed);
  ctx.onTestFailed(() =>
    console.error(`[kill-receiver ${label}] seed ${seed} (repeat with FAULT_SEED=${seed})`),
  );
  const pair = await setUpTradingPair({ label, databaseUrls }, ctx);
  const { buyer, seller } = pair;
  const started = performance.now();

  // Kill points: seeded fractions of the orders B has received and answered (B's progress, so the kills
  // spread over the whole exchange even when A issues faster than B takes), each with a seeded pause
  // before the kill (so it may hit any moment of a request) and before the restart.
  const killAt = Array.from({ length: KILLS }, () => Math.floor(orders * (0.05 + 0.85 * random.next()))).sort(
    (x, y) => x - y,
  );
  const answering = startAnswering(pair);
  const issuing = issueOrders(pair, orders);
  let kills = 0;
  for (const point of killAt) {
    while (answering.answered.size < point && performance.now() - started < ANSWERED_WITHIN_MS)
      await sleep(50);
    await sleep(random.int(0, 1000));
    const exit = await seller.kill();
    expect(exit.signal).toBe('SIGKILL');
    kills++;
    await sleep(random.int(200, 2000));
    await seller.start();
  }
  const lastRestart = performance.now();
  const issued = await issuing;
  expect(issued.failures).toEqual([]);
  const ids = [...issued.ids.values()];
  expect(ids).toHaveLength(orders);

  // The supplier answers every order; then both outboxes drain.
  await expect
    .poll(() => answering.answered.size, { timeout: ANSWERED_WITHIN_MS, interval: 500 })
    .toBe(orders);
  await answering.stop();
  expect(answering.failures).toEqual([]);
  // Time to drain: from the supplier's last answer until both outboxes hold nothing undelivered.
  const trafficEnded = performance.now();
  const drained = async () => {
    const [ab, ba] = await Promise.all([
      deliveryOf(buyer, pair.buyerToken),
      deliveryOf(seller, pair.sellerToken),
    ]);
    return (
      ab.pending + ab.dead + ba.pending + ba.dead === 0 && ab.delivered === orders && ba.delivered === orders
    );
  };
  const drainMs = await timeToDrain(drained, { timeoutMs: 5 * 60_000, intervalMs: 250 });
  const wallMs = performance.now() - started;
  expect(drainMs, 'outboxes drained').not.toBeNull();

  // A was never restarted: its counters cover the whole run. Nothing went to dead letter.
  const metricsA = await metricsOf(buyer);
  expect(metricValue(metricsA, 'schakel_dead_letters_total')).toBe(0);
  expect(metricValue(metricsA, 'schakel_outbox_depth')).toBe(0);
  expect(metricValue(metricsA, 'schakel_deliveries_total', { peer: SELLER })).toBe(orders);

  await Promise.all([buyer.stop(), seller.stop()]);
  const [a, b] = [await readLedger(buyer, 'buyer'), await readLedger(seller, 'seller')];
  expectExactlyOnce(expect, ids, a, b);
  // Deliveries whose receipt was lost to a kill came back as "duplicate": suppressed, not applied twice.
  const report = tradingReport(
    `receiver killed with SIGKILL (${label})`,
    ids,
    a,
    b,
    drainMs,
    a.outbox.duplicateReceipts + b.outbox.duplicateReceipts,
    {
      orders: orders,
      'SIGKILLs of node B': kills,
      'API calls to B without answer (retried)': answering.clientErrors,
      'traffic after the last restart': formatDuration(trafficEnded - lastRestart),
      'wall time': formatDuration(wallMs),
      seed,
    },
  );
  printReport(report);
  expect(report.delivered).toBe(report.sent);
}

describe('scenario 1: receiver killed with SIGKILL', () => {
  let pg: PostgresPair;
  beforeAll(async () => {
    pg = await postgresPair();
  });
  afterAll(async () => {
    await pg?.drop();
  });

  it(
    `on PGlite delivers ${ORDERS} orders and answers exactly once`,
    async (ctx) => {
      await killReceiver(ctx, 'pglite', ORDERS);
    },
    TIMEOUT_MS,
  );

  it(
    `on PostgreSQL delivers ${ORDERS} orders and answers exactly once`,
    async (ctx) => {
      if (!pg.urls) {
        console.warn(skipMessage('kill-receiver', pg.skipReason));
        return ctx.skip();
      }
      await killReceiver(ctx, 'postgres', ORDERS, pg.urls);
    },
    TIMEOUT_MS,
  );
});
