// Concurrent actions on one order: with the same expectedVersion exactly one wins and the other gets a
// version_conflict; without one, both apply one after the other (the row lock serialises them). PGlite
// has a single connection and serialises everything, so the real test is the PostgreSQL run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.ts';
import { networkPartnerChannel } from '../../../src/app/exchange/index.ts';
import type { Deps } from '../../../src/app/deps.ts';
import type { PartnerChannel } from '../../../src/app/orders/index.ts';
import type { Services } from '../../../src/app/node.ts';
import { TEST_DATABASE_URL, warnPostgresSkipped } from '../../support/postgres.ts';
import {
  copies,
  lineInput,
  orderInput,
  pgliteStore,
  postgresStore,
  servicesFor,
  shared,
  sleep,
  trade,
  callerOf,
  type TestStore,
} from '../harness.ts';

warnPostgresSkipped('test/app/orders/concurrency.test.ts');

/** Local delivery that first waits, so that concurrent transactions overlap for real. */
function slowChannel(ms: number): PartnerChannel<Deps> {
  const real = networkPartnerChannel();
  return {
    async deliver(deps, tx, to, message) {
      await sleep(ms);
      await real.deliver(deps, tx, to, message);
    },
  };
}

const backends: { name: string; open: () => Promise<TestStore>; skip: boolean }[] = [
  { name: 'PGlite', open: pgliteStore, skip: false },
  { name: 'PostgreSQL', open: postgresStore, skip: !TEST_DATABASE_URL },
];

for (const backend of backends) {
  describe.skipIf(backend.skip)(`concurrent actions on ${backend.name}`, () => {
    let ts: TestStore;
    let services: Services;
    beforeAll(async () => {
      ts = await backend.open();
      services = servicesFor(ts.store, { partners: slowChannel(50) });
    });
    afterAll(() => ts?.close());

    it('lets exactly one of two actions with the same expectedVersion win', async () => {
      const t = await trade(services, 'Race');
      const order = await services.issueOrder(
        t.asBuyer,
        orderInput(t, { lines: [lineInput('1'), lineInput('2')] }),
      );
      const colleague = callerOf(t.seller, 'sales', 'Sanne Verkoop');
      const results = await Promise.allSettled([
        services.respondToLines(t.asSeller, order.id, [{ lineId: '1', answer: 'accept' }], {
          expectedVersion: 1,
        }),
        services.respondToLines(
          colleague,
          order.id,
          [{ lineId: '2', answer: 'reject', reason: 'sold out' }],
          {
            expectedVersion: 1,
          },
        ),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const reason = (lost[0] as PromiseRejectedResult).reason as unknown;
      expect(reason).toBeInstanceOf(DomainError);
      expect((reason as DomainError).code).toBe('version_conflict');

      // Only the winner's change exists, on both copies.
      const { buyer, seller } = await copies(ts.store, t, order.id);
      expect(buyer.version).toBe(2);
      expect(shared(seller)).toEqual(shared(buyer));
      const changed = buyer.lines.filter((l) => l.state !== 'open');
      expect(changed).toHaveLength(1);
      const events = await ts.store.orders.events(t.seller.id, order.id);
      expect(events.map((e) => e.type)).toEqual([
        'order.issued',
        changed[0]!.state === 'agreed' ? 'line.accepted' : 'line.rejected',
      ]);
      expect(await ts.store.orders.events(t.buyer.id, order.id)).toHaveLength(2);
    });

    it('applies two actions without expectedVersion one after the other, losing neither', async () => {
      const t = await trade(services, 'Queue');
      const order = await services.issueOrder(
        t.asBuyer,
        orderInput(t, { lines: [lineInput('1'), lineInput('2'), lineInput('3')] }),
      );
      const colleague = callerOf(t.seller, 'sales', 'Sanne Verkoop');
      await Promise.all([
        services.respondToLines(t.asSeller, order.id, [{ lineId: '1', answer: 'accept' }]),
        services.respondToLines(colleague, order.id, [{ lineId: '2', answer: 'accept' }]),
        services.respondToLines(t.asSeller, order.id, [{ lineId: '3', answer: 'reject', reason: 'no' }]),
      ]);
      const { buyer, seller } = await copies(ts.store, t, order.id);
      expect(buyer.version).toBe(4);
      expect(buyer.lines.map((l) => l.state)).toEqual(['agreed', 'agreed', 'rejected']);
      expect(shared(seller)).toEqual(shared(buyer));
      expect(await ts.store.orders.events(t.buyer.id, order.id)).toHaveLength(4);
    });

    it('queues a buyer and a seller acting on one order at once instead of deadlocking', async () => {
      const t = await trade(services, 'Both');
      for (let round = 0; round < 3; round++) {
        const order = await services.issueOrder(
          t.asBuyer,
          orderInput(t, { lines: [lineInput('1'), lineInput('2')] }),
        );
        await services.respondToLines(t.asSeller, order.id, [{ lineId: '1', answer: 'accept' }]);
        // The seller answers line 2 while the buyer changes line 1: independent, so both must go through.
        const results = await Promise.allSettled([
          services.respondToLines(t.asSeller, order.id, [{ lineId: '2', answer: 'accept' }]),
          services.changeOrder(t.asBuyer, order.id, {
            change: [{ lineId: '1', quantity: '50' }],
            reason: 'less',
          }),
        ]);
        expect(results.map((r) => (r.status === 'fulfilled' ? 'ok' : String(r.reason)))).toEqual([
          'ok',
          'ok',
        ]);
        const { buyer, seller } = await copies(ts.store, t, order.id);
        expect(buyer.version).toBe(4);
        expect(buyer.lines.map((l) => l.state)).toEqual(['changed', 'agreed']);
        expect(shared(seller)).toEqual(shared(buyer));
      }
    });

    it('gives exactly one of two racing despatches for the same order line its quantity', async () => {
      const t = await trade(services, 'Ship');
      const order = await services.issueOrder(t.asBuyer, orderInput(t));
      await services.respondToLines(t.asSeller, order.id, [{ lineId: '1', answer: 'accept' }]);
      const ship = (n: number) =>
        services.shipGoods(t.asSeller, {
          number: `D${n}-${order.number}`,
          date: '2026-03-20',
          lines: [{ orderId: order.id, lineId: '1', deliveryLineId: '1', quantity: '60' }],
        });
      const results = await Promise.allSettled([ship(1), ship(2)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const reason = (results.find((r) => r.status === 'rejected') as PromiseRejectedResult)
        .reason as DomainError;
      expect(reason.code).toBe('validation_failed'); // 60 + 60 would exceed the agreed 100
      const { buyer, seller } = await copies(ts.store, t, order.id);
      expect(buyer.lines[0]!.progress['1']!.shipped).toBe('60');
      expect(shared(seller)).toEqual(shared(buyer));
      const despatches = await ts.store.database.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM despatches WHERE company_id = $1',
        [t.seller.id],
      );
      expect(despatches.rows[0]!.n).toBe(1);
    });
  });
}
