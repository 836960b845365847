// A whole order flow through the use cases on one node: both copies (buyer's and seller's) converge after
// every step, at the versions the use cases give them, and the history of each copy records who did what
// (people, API tokens), why, and in which order. What every exchange between a buyer and a seller must do
// alike on one node and between nodes is the exchange contract (test/app/exchange/exchange-contract.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../../src/app/node.ts';
import type { Store } from '../../../src/storage/store.ts';
import {
  copies,
  domainRejection,
  lineInput,
  orderInput,
  pgliteStore,
  servicesFor,
  shared,
  trade,
  type TestStore,
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

describe('an order from issue to invoice', () => {
  it('keeps the buyer and seller copies identical after every step', async () => {
    const t = await trade(services, 'Flow');
    const converged = async (orderId: string) => {
      const { buyer, seller } = await copies(store, t, orderId);
      expect(buyer.role).toBe('buyer');
      expect(seller.role).toBe('seller');
      expect(buyer.companyId).toBe(t.buyer.id);
      expect(seller.companyId).toBe(t.seller.id);
      expect(shared(seller)).toEqual(shared(buyer));
      return buyer;
    };

    const issued = await services.issueOrder(
      t.asBuyer,
      orderInput(t, {
        lines: [
          lineInput('1'),
          lineInput('2', {
            schedule: [
              { id: 'a', date: '2026-04-01', quantity: '40' },
              { id: 'b', date: '2026-05-01', quantity: '60' },
            ],
          }),
        ],
      }),
    );
    expect((await converged(issued.id)).version).toBe(1);

    await services.respondToLines(
      t.asSeller,
      issued.id,
      [
        { lineId: '1', answer: 'accept' },
        { lineId: '2', answer: 'propose', price: { amount: '13' }, note: 'steel went up' },
      ],
      { expectedVersion: 1 },
    );
    expect((await converged(issued.id)).lines.map((l) => l.state)).toEqual(['agreed', 'proposed']);

    await services.decideProposals(t.asBuyer, issued.id, [{ lineId: '2', decision: 'accept' }], {
      expectedVersion: 2,
    });
    await services.changeOrder(t.asBuyer, issued.id, { add: [lineInput('3')], reason: 'forgot one' });
    await services.respondToLines(t.asSeller, issued.id, [
      { lineId: '3', answer: 'reject', reason: 'not in our range' },
    ]);
    await services.reportProduction(t.asSeller, issued.id, [
      { lineId: '1', deliveryLineId: '1', produced: '100' },
    ]);
    const afterNegotiation = await converged(issued.id);
    expect(afterNegotiation.lines.map((l) => l.state)).toEqual(['agreed', 'agreed', 'rejected']);
    expect(afterNegotiation.lines[1]!.agreed!.price.amount).toBe('13');

    const shipped = await services.shipGoods(t.asSeller, {
      number: `D-${issued.number}`,
      date: '2026-03-30',
      lines: [
        { orderId: issued.id, lineId: '1', deliveryLineId: '1', quantity: '100' },
        { orderId: issued.id, lineId: '2', deliveryLineId: 'a', quantity: '40' },
      ],
    });
    expect(shipped.orders).toHaveLength(1);
    await services.receiveGoods(t.asBuyer, issued.id, [
      { lineId: '1', deliveryLineId: '1', received: '98', rejected: '2', reason: 'two bent' },
      { lineId: '2', deliveryLineId: 'a', received: '40' },
    ]);
    await services.submitInvoice(t.asSeller, issued.id, {
      number: `INV-${issued.number}`,
      issueDate: '2026-04-02',
      lines: [
        { lineId: '1', quantity: '98', price: { amount: '12.5' } },
        { lineId: '2', quantity: '40', price: { amount: '13' } },
      ],
    });

    const final = await converged(issued.id);
    expect(final.version).toBe(9);
    expect(final.invoices).toHaveLength(1);
    expect(final.invoices[0]).toMatchObject({ status: 'matched', total: '1745' });
    expect(final.lines[0]!.progress['1']).toEqual({
      produced: '100',
      shipped: '100',
      received: '98',
      rejected: '2',
    });
    expect(final.lines[1]!.progress.a).toMatchObject({ shipped: '40', received: '40' });

    // Both histories tell the same story in the same order; only event ids and owners differ, and each
    // side names its own people but the partner company for the partner's steps (what its documents say).
    const story = async (companyId: string) =>
      (await store.orders.events(companyId, issued.id)).map((e) => [
        e.type,
        e.lineId,
        e.reason,
        e.actor.companyId === companyId ? 'own' : e.actor.name,
        e.at,
      ]);
    const buyerStory = await story(t.buyer.id);
    const sellerStory = await story(t.seller.id);
    const byBuyer = (row: unknown[]) =>
      ['order.issued', 'proposal.accepted', 'line.added', 'goods.received'].includes(String(row[0]));
    const mirrored = buyerStory.map((r) => [...r.slice(0, 3), byBuyer(r) ? t.buyer.name : 'own', r[4]]);
    expect(sellerStory).toEqual(mirrored);
    expect(buyerStory.map((r) => r[3])).toEqual(buyerStory.map((r) => (byBuyer(r) ? 'own' : t.seller.name)));
    expect(buyerStory.map((e) => e[0])).toEqual([
      'order.issued',
      'line.accepted',
      'line.proposed',
      'proposal.accepted',
      'line.added',
      'line.rejected',
      'production.reported',
      'goods.shipped',
      'goods.shipped',
      'goods.received',
      'goods.received',
      'invoice.received',
    ]);

    // The views the two sides see agree on status, and the lists on both sides show it.
    const buyerView = await services.getOrder(t.asBuyer, issued.id);
    const sellerView = await services.getOrder(t.asSeller, issued.id);
    expect(buyerView.status).toBe(sellerView.status);
    const sellerList = await services.listOrders(t.asSeller, { role: 'seller' });
    expect(sellerList.items.map((x) => [x.id, x.status, x.version])).toEqual([
      [issued.id, sellerView.status, 9],
    ]);
  });
});

describe('history', () => {
  it('records the actor (user or API token), the reason, the document and the order of events', async () => {
    const t = await trade(services, 'History');
    const { token } = await services.createApiToken(t.buyer.id, {
      name: 'ERP-koppeling',
      role: 'purchasing',
    });
    const erp = await services.authenticate({ bearer: token });
    expect(erp.actor).toMatchObject({ userId: null, name: 'API token ERP-koppeling' });

    const password = 'correct horse battery';
    const sven = await services.addUser({
      companyId: t.seller.id,
      email: `sven.${t.seller.id}@example.nl`,
      name: 'Sven Verkoop',
      role: 'sales',
      password,
    });
    const { session } = await services.login(sven.email, password);
    const person = await services.authenticate({ session });
    expect(person.actor).toMatchObject({ userId: sven.id, tokenId: null, name: 'Sven Verkoop' });

    const documentId = '0a8f5d1e-0000-4000-8000-000000000001';
    const order = await services.issueOrder(
      erp,
      orderInput(t, { lines: [lineInput('1'), lineInput('2')] }),
      documentId,
    );
    await services.respondToLines(person, order.id, [
      { lineId: '1', answer: 'accept' },
      { lineId: '2', answer: 'reject', reason: 'no capacity in April' },
    ]);

    // Each copy names its own company's people; the partner's steps arrived as signed documents, which
    // name the partner company (not its people, as between nodes) and link the received document.
    const companyActor = (c: typeof t.buyer) => ({
      companyId: c.id,
      companyName: c.name,
      userId: null,
      tokenId: null,
      name: c.name,
    });
    const received = async (companyId: string, type: string) =>
      (await store.documents.listByOrder(companyId, order.id)).find(
        (d) => d.direction === 'received' && d.documentType === type,
      )?.id;
    for (const [caller, own] of [
      [erp, 'buyer'],
      [person, 'seller'],
    ] as const) {
      const events = await services.orderHistory(caller, order.id);
      expect(events.map((e) => [e.type, e.lineId, e.reason])).toEqual([
        ['order.issued', null, null],
        ['line.accepted', '1', null],
        ['line.rejected', '2', 'no capacity in April'],
      ]);
      expect(events.every((e) => e.orderId === order.id)).toBe(true);
      expect(Date.parse(events[0]!.at)).toBeLessThanOrEqual(Date.parse(events[2]!.at));
      if (own === 'buyer') {
        expect(events[0]!.actor).toEqual(erp.actor);
        expect(events[0]!.actor.tokenId).not.toBeNull();
        expect(events[0]!.documentId).toBe(documentId);
        expect(events[2]!.actor).toEqual(companyActor(t.seller));
        expect(events[2]!.documentId).toBe(await received(t.buyer.id, 'OrderResponse'));
      } else {
        expect(events[0]!.actor).toEqual(companyActor(t.buyer));
        expect(events[0]!.documentId).toBe(await received(t.seller.id, 'Order'));
        expect(events[2]!.actor).toEqual(person.actor);
        expect(events[2]!.documentId).toBeNull();
      }
      expect(events.find((e) => e.actor.companyId !== caller.companyId)?.documentId).toBeTruthy();
    }
    const line2 = await services.orderHistory(person, order.id, '2');
    expect(line2.map((e) => e.type)).toEqual(['line.rejected']);

    // Another company cannot read it: the order does not exist for them.
    const stranger = await trade(services, 'Stranger');
    expect((await domainRejection(services.orderHistory(stranger.asBuyer, order.id))).code).toBe('not_found');
    expect((await domainRejection(services.getOrder(stranger.asSeller, order.id))).code).toBe('not_found');
  });
});
