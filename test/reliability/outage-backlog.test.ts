// Scenario 2 — the receiver is down for a while. Node B is stopped while the buyer on node A keeps
// issuing orders; A's outbox builds a backlog, retries with backoff (time compressed by the node's
// settings) and drains once B is back. A's /metrics shows it: the retry counter rises, the outbox depth
// towards B rises to the backlog and falls to 0, and the delivery latency histogram holds the long
// waits. The outage is shorter than the dead-letter age, so nothing goes to dead letter; afterwards the
// same exactly-once checks as scenario 1 hold.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'vitest';
import {
  deliveryOf,
  expectExactlyOnce,
  metricsOf,
  metricValue,
  tradingReport,
} from './support/exactly-once.ts';
import { readLedger } from './support/pair-ledger.ts';
import { formatDuration, printReport, timeToDrain } from './support/report.ts';
import { issueOrders, startAnswering } from './support/trade-traffic.ts';
import { SELLER, setUpTradingPair } from './support/trading-pair.ts';

/** Orders while B is up, before the outage. */
const BEFORE = 30;
/** Orders issued while B is down. */
const DURING = 150;
/** B stays down at least this long (and until the DURING orders are issued). */
const OUTAGE_MS = 20_000;
/** Far longer than the outage, far shorter than the real 24 h. */
const DEAD_LETTER_AFTER_MS = 600_000;
const peer = { peer: SELLER };

describe('scenario 2: receiver down for a while', () => {
  it(
    'builds a backlog, retries with backoff and drains it without dead letters',
    async (ctx) => {
      const { expect } = ctx;
      const pair = await setUpTradingPair(
        {
          label: 'outage',
          // Backoff up to 4 s and a breaker that opens after 3 failures for 2 s: the waits are visible but
          // short, and the backlog is retried within seconds of B's return.
          buyerEnv: {
            SCHAKEL_RETRY_BASE_MS: '250',
            SCHAKEL_RETRY_CAP_MS: '4000',
            SCHAKEL_BREAKER_THRESHOLD: '3',
            SCHAKEL_BREAKER_COOLDOWN_MS: '2000',
            SCHAKEL_DEAD_LETTER_AFTER_MS: String(DEAD_LETTER_AFTER_MS),
          },
        },
        ctx,
      );
      const { buyer, seller } = pair;
      const answering = startAnswering(pair);
      const metrics = async () => metricsOf(buyer);

      // Before: B is up, everything is delivered promptly.
      const before = await issueOrders(pair, BEFORE);
      await expect
        .poll(async () => (await deliveryOf(buyer, pair.buyerToken)).delivered, { timeout: 120_000 })
        .toBe(BEFORE);
      const m0 = await metrics();
      expect(metricValue(m0, 'schakel_outbox_depth', peer)).toBe(0);

      // Outage: B is killed; A keeps issuing, its outbox depth towards B grows.
      await seller.kill();
      const outageStarted = performance.now();
      const issuedAt: number[] = [];
      const depths: number[] = [];
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          depths.push(metricValue(await metrics(), 'schakel_outbox_depth', peer));
          await sleep(500);
        }
      })();
      const during = await issueOrdersNumbered(pair, DURING, issuedAt);
      const remaining = OUTAGE_MS - (performance.now() - outageStarted);
      if (remaining > 0) await sleep(remaining);
      const mDown = await metrics();
      sampling = false;
      await sampler;
      // Nothing could be delivered: every order issued during the outage waits, and A kept retrying.
      expect(metricValue(mDown, 'schakel_outbox_depth', peer)).toBe(DURING);
      expect(Math.max(...depths)).toBe(DURING);
      expect(metricValue(mDown, 'schakel_delivery_retries_total', peer)).toBeGreaterThan(
        metricValue(m0, 'schakel_delivery_retries_total', peer),
      );
      expect(metricValue(mDown, 'schakel_deliveries_total', peer)).toBe(
        metricValue(m0, 'schakel_deliveries_total', peer),
      );

      // B returns: the backlog drains to 0.
      await seller.start();
      const outageMs = performance.now() - outageStarted;
      const drainMs = await timeToDrain(
        async () => metricValue(await metrics(), 'schakel_outbox_depth', peer) === 0,
        {
          timeoutMs: 5 * 60_000,
          intervalMs: 250,
        },
      );
      expect(drainMs, 'backlog drained').not.toBeNull();
      const mUp = await metrics();
      expect(metricValue(mUp, 'schakel_dead_letters_total')).toBe(0);
      // Long waits in the histogram: an order issued more than 10 s before B returned waited longer than
      // the histogram's last finite bucket (10 s).
      const outageEnded = outageStarted + outageMs;
      const waitedOver10s = issuedAt.filter((t) => outageEnded - t > 10_000).length;
      const histogram = (le: string) => metricValue(mUp, 'schakel_delivery_latency_seconds_bucket', { le });
      expect(waitedOver10s).toBeGreaterThan(0);
      expect(histogram('+Inf') - histogram('10')).toBeGreaterThanOrEqual(waitedOver10s);

      // The supplier answers everything; then both directions drain and the exactly-once checks hold.
      const ids = [...before.ids.values(), ...during.ids.values()];
      await expect
        .poll(() => answering.answered.size, { timeout: 10 * 60_000, interval: 500 })
        .toBe(ids.length);
      await answering.stop();
      expect(answering.failures).toEqual([]);
      await expect
        .poll(
          async () => [await deliveryOf(buyer, pair.buyerToken), await deliveryOf(seller, pair.sellerToken)],
          {
            timeout: 5 * 60_000,
            interval: 250,
          },
        )
        .toEqual([
          { delivered: ids.length, pending: 0, dead: 0 },
          { delivered: ids.length, pending: 0, dead: 0 },
        ]);
      const retries = metricValue(await metrics(), 'schakel_delivery_retries_total', peer);
      await Promise.all([buyer.stop(), seller.stop()]);
      const [a, b] = [await readLedger(buyer, 'buyer'), await readLedger(seller, 'seller')];
      expectExactlyOnce(expect, ids, a, b);
      const report = tradingReport(
        'receiver down for a while (backlog)',
        ids,
        a,
        b,
        drainMs,
        a.outbox.duplicateReceipts + b.outbox.duplicateReceipts,
        {
          'orders before / during the outage': `${BEFORE} / ${DURING}`,
          outage: formatDuration(outageMs),
          'peak outbox depth A→B': Math.max(...depths),
          'retries A→B (A /metrics)': retries,
          'deliveries waiting > 10 s': histogram('+Inf') - histogram('10'),
          'dead-letter age': formatDuration(DEAD_LETTER_AFTER_MS),
        },
      );
      printReport(report);
      expect(report.delivered).toBe(report.sent);
    },
    20 * 60_000,
  );
});

/** issueOrders with numbers after the first BEFORE, recording when each was acknowledged. */
async function issueOrdersNumbered(
  pair: Parameters<typeof issueOrders>[0],
  count: number,
  issuedAt: number[],
) {
  return issueOrders(pair, count, {
    concurrency: 4,
    firstNumber: BEFORE + 1,
    onIssued: () => issuedAt.push(performance.now()),
  });
}
