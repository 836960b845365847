// Scenario 5 — several node processes on one PostgreSQL. The buyer's node runs as two processes on one
// database (A1, A2), the supplier's too (B1, B2). Each serves the API and runs an outbox worker; the
// workers claim envelopes with FOR UPDATE SKIP LOCKED, so a message goes out through exactly one of
// them. Orders are issued through both buyer processes, answered through B2; the partners pinned A1 and
// B1 as the nodes' endpoints. Afterwards the exactly-once checks hold, the receivers saw no duplicate
// (no message was sent by two workers), and the two processes' delivery counters add up to the number of
// messages, with both buyer processes having delivered.
import { describe, it } from 'vitest';
import {
  deliveryOf,
  expectExactlyOnce,
  metricsOf,
  metricValue,
  tradingReport,
} from './support/exactly-once.ts';
import { launchNode } from './support/node-process.ts';
import { readLedger } from './support/pair-ledger.ts';
import { postgresPair, skipMessage } from './support/postgres-pair.ts';
import { formatDuration, printReport, timeToDrain } from './support/report.ts';
import { issueOrders, startAnswering } from './support/trade-traffic.ts';
import { BUYER, FAST_DELIVERY, SELLER, setUpTradingPair } from './support/trading-pair.ts';

const ORDERS = Number(process.env.RELIABILITY_SHARED_ORDERS ?? 400);

describe('scenario 5: two node processes per company on one PostgreSQL', () => {
  it(
    `delivers ${ORDERS} orders and answers exactly once, each through one of the processes' workers`,
    async (ctx) => {
      const { expect } = ctx;
      const pg = await postgresPair();
      ctx.onTestFinished(() => pg.drop());
      if (!pg.urls) {
        console.warn(skipMessage('shared-store', pg.skipReason));
        return ctx.skip();
      }
      const pair = await setUpTradingPair({ label: 'shared', databaseUrls: pg.urls }, ctx);
      const [a2, b2] = await Promise.all([
        launchNode({ name: 'shared-A2-buyer', databaseUrl: pg.urls[0], env: FAST_DELIVERY }, ctx),
        launchNode({ name: 'shared-B2-supplier', databaseUrl: pg.urls[1], env: FAST_DELIVERY }, ctx),
      ]);
      await Promise.all([a2.start(), b2.start()]);
      const started = performance.now();

      const answering = startAnswering({ ...pair, seller: b2 });
      const half = Math.floor(ORDERS / 2);
      const [viaA1, viaA2] = await Promise.all([
        issueOrders(pair, half, { concurrency: 6 }),
        issueOrders({ ...pair, buyer: a2 }, ORDERS - half, { concurrency: 6, firstNumber: half + 1 }),
      ]);
      expect([...viaA1.failures, ...viaA2.failures]).toEqual([]);
      const ids = [...viaA1.ids.values(), ...viaA2.ids.values()];
      expect(ids).toHaveLength(ORDERS);
      await expect.poll(() => answering.answered.size, { timeout: 10 * 60_000, interval: 500 }).toBe(ORDERS);
      await answering.stop();
      expect(answering.failures).toEqual([]);
      const drainMs = await timeToDrain(
        async () => {
          const [ab, ba] = [
            await deliveryOf(pair.buyer, pair.buyerToken),
            await deliveryOf(pair.seller, pair.sellerToken),
          ];
          return ab.pending + ba.pending === 0 && ab.delivered === ORDERS && ba.delivered === ORDERS;
        },
        { timeoutMs: 5 * 60_000, intervalMs: 250 },
      );
      expect(drainMs, 'outboxes drained').not.toBeNull();

      const [mA1, mA2, mB1, mB2] = (await Promise.all([pair.buyer, a2, pair.seller, b2].map(metricsOf))) as [
        string,
        string,
        string,
        string,
      ];
      const deliveries = (m: string, peer: string) => metricValue(m, 'schakel_deliveries_total', { peer });
      // Each message went out through one worker: the counters add up, and nothing arrived twice.
      expect(deliveries(mA1, SELLER) + deliveries(mA2, SELLER)).toBe(ORDERS);
      expect(deliveries(mB1, BUYER) + deliveries(mB2, BUYER)).toBe(ORDERS);
      expect(deliveries(mA1, SELLER)).toBeGreaterThan(0);
      expect(deliveries(mA2, SELLER)).toBeGreaterThan(0);
      const duplicates = [mA1, mB1].map((m) =>
        metricValue(m, 'schakel_inbound_received_total', { outcome: 'duplicate' }),
      );
      expect(duplicates).toEqual([0, 0]);

      await Promise.all([pair.buyer.stop(), a2.stop(), pair.seller.stop(), b2.stop()]);
      const [a, b] = [await readLedger(pair.buyer, 'buyer'), await readLedger(pair.seller, 'seller')];
      expectExactlyOnce(expect, ids, a, b);
      const report = tradingReport('two processes per company on one PostgreSQL', ids, a, b, drainMs, 0, {
        orders: ORDERS,
        'orders delivered by A1 / A2': `${deliveries(mA1, SELLER)} / ${deliveries(mA2, SELLER)}`,
        'answers delivered by B1 / B2': `${deliveries(mB1, BUYER)} / ${deliveries(mB2, BUYER)}`,
        'wall time': formatDuration(performance.now() - started),
      });
      printReport(report);
      expect(report.delivered).toBe(report.sent);
    },
    20 * 60_000,
  );
});
