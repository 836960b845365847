// Scenario 3 — a bad link between the nodes. A seeded fault proxy sits in front of each node's inbox
// (A→B carries the orders, B→A the answers): it drops connections, resets them in the middle of the
// request or the response body, delays requests, replays them a second time and truncates responses.
// The API calls of buyer and supplier go to the nodes directly. Afterwards the same guarantee as
// scenario 1 holds — exactly once, copies agree, nothing undelivered — and the duplicates the
// receivers recognised and suppressed are counted.
import { describe, it } from 'vitest';
import {
  deliveryOf,
  expectExactlyOnce,
  metricsOf,
  metricValue,
  tradingReport,
} from './support/exactly-once.ts';
import type { FaultPlan } from './support/fault-plan.ts';
import { startFaultProxy } from './support/fault-proxy.ts';
import { freePort } from './support/free-port.ts';
import { readLedger } from './support/pair-ledger.ts';
import { formatDuration, printReport, timeToDrain } from './support/report.ts';
import { chooseSeed } from './support/seeded-random.ts';
import { issueOrders, startAnswering } from './support/trade-traffic.ts';
import { setUpTradingPair } from './support/trading-pair.ts';

const ORDERS = Number(process.env.RELIABILITY_LINK_ORDERS ?? 300);

/** About one request in three is disturbed. */
const PLAN: FaultPlan = [
  { fault: { kind: 'pass' }, weight: 12 },
  { fault: { kind: 'delay', ms: [20, 400] }, weight: 2 },
  { fault: { kind: 'drop' }, weight: 1 },
  { fault: { kind: 'reset-request', afterBytes: [0, 2000] }, weight: 1 },
  { fault: { kind: 'reset-response', afterBytes: [0, 200] }, weight: 1 },
  { fault: { kind: 'truncate-response', keepBytes: [0, 200] }, weight: 1 },
  { fault: { kind: 'duplicate', delayMs: [0, 50] }, weight: 2 },
];

describe('scenario 3: faulty link between the nodes', () => {
  it(
    `delivers ${ORDERS} orders and answers exactly once through drops, resets, delays, duplicates and truncation`,
    async (ctx) => {
      const { expect } = ctx;
      const seed = chooseSeed();
      const [portA, portB] = [await freePort(), await freePort()];
      // Pass-through while the partners fetch each other's cards through the proxies.
      const toB = await startFaultProxy({ upstreamPort: portB, seed });
      const toA = await startFaultProxy({ upstreamPort: portA, seed: (seed + 1) >>> 0 });
      ctx.onTestFailed(() => console.error(`${toB.summary()}\n${toA.summary()}`));
      ctx.onTestFinished(async () => {
        await Promise.all([toB.close(), toA.close()]);
      });
      const proxyOf = (port: number) => (port === portB ? toB.url : toA.url);
      const pair = await setUpTradingPair(
        { label: 'link', ports: [portA, portB], endpointOf: (node) => proxyOf(node.port) },
        ctx,
      );
      const { buyer, seller } = pair;
      const started = performance.now();
      toB.setPlan(PLAN);
      toA.setPlan(PLAN);

      const answering = startAnswering(pair);
      const issued = await issueOrders(pair, ORDERS);
      expect(issued.failures).toEqual([]);
      const ids = [...issued.ids.values()];
      await expect.poll(() => answering.answered.size, { timeout: 10 * 60_000, interval: 500 }).toBe(ORDERS);
      await answering.stop();
      expect(answering.failures).toEqual([]);
      // Nobody was down: every API call got an answer.
      expect(answering.clientErrors).toBe(0);
      const drainMs = await timeToDrain(
        async () => {
          const [ab, ba] = [
            await deliveryOf(buyer, pair.buyerToken),
            await deliveryOf(seller, pair.sellerToken),
          ];
          return ab.pending + ba.pending === 0 && ab.delivered === ORDERS && ba.delivered === ORDERS;
        },
        { timeoutMs: 5 * 60_000, intervalMs: 250 },
      );
      expect(drainMs, 'outboxes drained').not.toBeNull();

      // Neither node restarted: their counters cover the whole run.
      const [mA, mB] = [await metricsOf(buyer), await metricsOf(seller)];
      const suppressed =
        metricValue(mA, 'schakel_inbound_received_total', { outcome: 'duplicate' }) +
        metricValue(mB, 'schakel_inbound_received_total', { outcome: 'duplicate' });
      const stats = [toB.stats(), toA.stats()];
      const faults = (kind: keyof (typeof stats)[0]['faults']) =>
        stats[0]!.faults[kind] + stats[1]!.faults[kind];
      // Every kind of fault happened, and every replayed request the receiver answered was a duplicate it
      // recognised (on top of the retries after a lost receipt).
      for (const kind of [
        'delay',
        'drop',
        'reset-request',
        'reset-response',
        'truncate-response',
        'duplicate',
      ] as const)
        expect(faults(kind), kind).toBeGreaterThan(0);
      expect(suppressed).toBeGreaterThanOrEqual(stats[0]!.duplicateResponses + stats[1]!.duplicateResponses);
      expect(
        metricValue(mA, 'schakel_dead_letters_total') + metricValue(mB, 'schakel_dead_letters_total'),
      ).toBe(0);
      const retriesByMetrics =
        metricValue(mA, 'schakel_delivery_retries_total') + metricValue(mB, 'schakel_delivery_retries_total');

      await Promise.all([buyer.stop(), seller.stop()]);
      const [a, b] = [await readLedger(buyer, 'buyer'), await readLedger(seller, 'seller')];
      expectExactlyOnce(expect, ids, a, b);
      // The retries the outboxes recorded are the ones /metrics counted.
      expect(a.outbox.retries + b.outbox.retries).toBe(retriesByMetrics);
      const report = tradingReport('faulty link (fault proxy both ways)', ids, a, b, drainMs, suppressed, {
        orders: ORDERS,
        'inbox requests through the proxies': stats[0]!.requests + stats[1]!.requests,
        'faults: drop / reset-req / reset-resp': `${faults('drop')} / ${faults('reset-request')} / ${faults('reset-response')}`,
        'faults: truncate / duplicate / delay': `${faults('truncate-response')} / ${faults('duplicate')} / ${faults('delay')}`,
        'wall time': formatDuration(performance.now() - started),
        seed: `${seed} (A→B), ${(seed + 1) >>> 0} (B→A)`,
      });
      printReport(report);
      expect(report.delivered).toBe(report.sent);
    },
    20 * 60_000,
  );
});
