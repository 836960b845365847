// All-or-nothing: a change and its delivery to the partner's copy commit together or not at all, and a
// despatch covering several orders ships all of them or none.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../../src/domain/order-types.ts';
import { networkPartnerChannel } from '../../../src/app/exchange/index.ts';
import type { Deps } from '../../../src/app/deps.ts';
import type { PartnerChannel } from '../../../src/app/orders/index.ts';
import type { Services } from '../../../src/app/node.ts';
import type { Store } from '../../../src/storage/store.ts';
import {
  agreedOrder,
  copies,
  domainRejection,
  lineInput,
  orderInput,
  pgliteStore,
  rejection,
  servicesFor,
  shared,
  trade,
  type TestStore,
  type Trade,
} from '../harness.ts';

let ts: TestStore;
let store: Store;
let services: Services;
beforeAll(async () => {
  ts = await pgliteStore();
  store = ts.store;
  services = servicesFor(store);
});
afterAll(() => ts?.close());

/** A partner channel that fails: after delivering (partner copy written) or before (nothing delivered). */
function failingChannel(when: 'before' | 'after'): PartnerChannel<Deps> {
  const real = networkPartnerChannel();
  return {
    async deliver(deps, tx, to, message) {
      if (when === 'after') await real.deliver(deps, tx, to, message);
      throw new Error(`partner unreachable (${when})`);
    },
  };
}

/** What both copies of an order look like, history included. */
async function snapshot(t: Trade, orderId: string) {
  const { buyer, seller } = await copies(store, t, orderId);
  return {
    buyer,
    seller,
    buyerEvents: await store.orders.events(t.buyer.id, orderId),
    sellerEvents: await store.orders.events(t.seller.id, orderId),
  };
}

const count = async (table: string, companyId: string): Promise<number> =>
  (
    await store.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${table} WHERE company_id = $1`,
      [companyId],
    )
  ).rows[0]!.n;

describe('delivery to the partner copy', () => {
  for (const when of ['before', 'after'] as const) {
    it(`rolls back the sender's change when delivery fails ${when} writing the partner copy`, async () => {
      const t = await trade(services, `Fail-${when}`);
      const order = await services.issueOrder(t.asBuyer, orderInput(t));
      const before = await snapshot(t, order.id);
      const broken = servicesFor(store, { partners: failingChannel(when) });

      const e = await rejection(
        broken.respondToLines(t.asSeller, order.id, [{ lineId: '1', answer: 'accept' }]),
      );
      expect(String(e)).toContain('partner unreachable');
      expect(await snapshot(t, order.id)).toEqual(before);
      expect(before.seller.lines[0]!.state).toBe('open');

      // The same action through a working channel still goes through afterwards.
      await services.respondToLines(t.asSeller, order.id, [{ lineId: '1', answer: 'accept' }], {
        expectedVersion: 1,
      });
      const after = await copies(store, t, order.id);
      expect(after.buyer.lines[0]!.state).toBe('agreed');
      expect(shared(after.seller)).toEqual(shared(after.buyer));
    });
  }

  it('stores no copy at all when issuing fails to reach the seller, and the number stays free', async () => {
    const t = await trade(services, 'FailIssue');
    const broken = servicesFor(store, { partners: failingChannel('after') });
    const input = orderInput(t);
    await rejection(broken.issueOrder(t.asBuyer, input));
    expect(await count('orders', t.buyer.id)).toBe(0);
    expect(await count('orders', t.seller.id)).toBe(0);
    expect(await count('order_events', t.buyer.id)).toBe(0);
    expect(await count('order_lines', t.buyer.id)).toBe(0);

    const order = await services.issueOrder(t.asBuyer, input);
    expect(order.number).toBe(input.number);
    await copies(store, t, order.id);
  });

  it("rolls back the sender's change when the partner's copy refuses the action", async () => {
    const t = await trade(services, 'Diverged');
    const order = await services.issueOrder(
      t.asBuyer,
      orderInput(t, { lines: [lineInput('1'), lineInput('2')] }),
    );
    // Make the buyer's copy diverge: line 1 cancelled there only (as a lost message would).
    const buyerCopy = (await store.orders.get(t.buyer.id, order.id))!;
    const cancelled: Order = {
      ...buyerCopy,
      version: 2,
      lines: buyerCopy.lines.map((l) => (l.lineId === '1' ? { ...l, state: 'cancelled' as const } : l)),
    };
    await store.orders.update(cancelled, 1, ['1'], []);
    const before = await snapshot(t, order.id);

    const e = await domainRejection(
      // The seller's answer names line 1 (a proposal is stated per line), which the buyer's copy cancelled.
      services.respondToLines(t.asSeller, order.id, [
        { lineId: '2', answer: 'accept' },
        { lineId: '1', answer: 'propose', price: { amount: '13' } },
      ]),
    );
    expect(e.code).toBe('transition_not_allowed');
    // Said as the partner's refusal, without the partner's line states or allowed actions.
    expect(e.message).toMatch(
      new RegExp(`^${t.buyer.name} could not apply this OrderResponse to its copy: `),
    );
    expect(e.details).toEqual({ reason: 'partner_refused' });
    expect(await snapshot(t, order.id)).toEqual(before);
    expect(before.seller.lines.map((l) => l.state)).toEqual(['open', 'open']);
  });

  it('refuses delivery to a partner not hosted on this node, writing nothing', async () => {
    const t = await trade(services, 'Gone');
    const order = await services.issueOrder(t.asBuyer, orderInput(t));
    const before = await snapshot(t, order.id);
    const lost: PartnerChannel<Deps> = {
      deliver: (deps, tx, _to, message) => networkPartnerChannel().deliver(deps, tx, randomUUID(), message),
    };
    const e = await domainRejection(
      servicesFor(store, { partners: lost }).respondToLines(t.asSeller, order.id, [
        { lineId: '1', answer: 'accept' },
      ]),
    );
    expect(e.code).toBe('validation_failed');
    expect(await snapshot(t, order.id)).toEqual(before);
  });
});

describe('a despatch covering several orders', () => {
  it('ships none of them when one line is invalid, and records no despatch', async () => {
    const t = await trade(services, 'Despatch');
    const first = await agreedOrder(services, t);
    const second = await agreedOrder(services, t);
    const before = [await snapshot(t, first.id), await snapshot(t, second.id)];
    const number = `D-${first.number}`;

    for (const bad of [
      { orderId: second.id, lineId: '1', deliveryLineId: '1', quantity: '1000' }, // more than agreed
      { orderId: second.id, lineId: 'nope', deliveryLineId: '1', quantity: '1' }, // no such line
      { orderId: randomUUID(), lineId: '1', deliveryLineId: '1', quantity: '1' }, // no such order
    ]) {
      const e = await domainRejection(
        services.shipGoods(t.asSeller, {
          number,
          date: '2026-03-20',
          lines: [{ orderId: first.id, lineId: '1', deliveryLineId: '1', quantity: '10' }, bad],
        }),
      );
      expect(['validation_failed', 'not_found']).toContain(e.code);
      expect(await snapshot(t, first.id)).toEqual(before[0]);
      expect(await snapshot(t, second.id)).toEqual(before[1]);
      expect(await count('despatches', t.seller.id)).toBe(0);
    }

    // Corrected, the same despatch number ships both orders at once.
    const ok = await services.shipGoods(t.asSeller, {
      number,
      date: '2026-03-20',
      lines: [
        { orderId: first.id, lineId: '1', deliveryLineId: '1', quantity: '10' },
        { orderId: second.id, lineId: '1', deliveryLineId: '1', quantity: '100' },
      ],
    });
    expect(ok.orders.map((o) => o.id)).toEqual([first.id, second.id]);
    expect(await count('despatches', t.seller.id)).toBe(1);
    const shipped = [await copies(store, t, first.id), await copies(store, t, second.id)];
    expect(shipped.map((c) => c.buyer.lines[0]!.progress['1']!.shipped)).toEqual(['10', '100']);
    for (const c of shipped) expect(shared(c.seller)).toEqual(shared(c.buyer));
    const shippedEvent = (await store.orders.events(t.buyer.id, second.id)).at(-1)!;
    expect(shippedEvent).toMatchObject({
      type: 'goods.shipped',
      data: { despatchId: ok.despatchId, despatchNumber: number },
    });

    // The number is now taken; a second despatch with it changes nothing.
    const again = await domainRejection(
      services.shipGoods(t.asSeller, {
        number,
        date: '2026-03-21',
        lines: [{ orderId: first.id, lineId: '1', deliveryLineId: '1', quantity: '1' }],
      }),
    );
    expect(again.code).toBe('conflict');
    expect((await copies(store, t, first.id)).seller.lines[0]!.progress['1']!.shipped).toBe('10');
  });
});
