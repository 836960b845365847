// Item substitution over HTTP: the seller proposes another item for a line, both copies show it in the
// proposal, and the buyer's acceptance makes it the line's item. People's GTINs are checked here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createApiFixture,
  getOrder,
  issue,
  orderOf,
  problemOf,
  type ApiFixture,
} from './api-fixture.ts';

let f: ApiFixture;
beforeAll(async () => {
  f = await createApiFixture();
});
afterAll(() => f.close());

const SUBSTITUTE = {
  name: 'Beugel type 1, verzinkt',
  sellerItemId: 'DZ-101Z',
  standardItemId: { scheme: '0160', value: '8712345678906' },
};

const propose = (id: string, substitute: unknown) =>
  call(f.app, 'POST', `/api/v1/orders/${id}/respond`, {
    token: f.seller.tokens.sales,
    body: { answers: [{ lineId: '1', answer: 'propose', note: 'type 1 niet meer leverbaar', substitute }] },
  });

describe('item substitution over HTTP', () => {
  it('the seller offers a substitute; the buyer sees it and accepting makes it the line’s item', async () => {
    const id = await issue(f, 'PO-SUB-1');
    const proposed = orderOf(await propose(id, SUBSTITUTE));
    expect(proposed.lines[0]!.state).toBe('proposed');
    const expected = { ...SUBSTITUTE, buyerItemId: null, description: null };
    expect(proposed.lines[0]!.proposal!.substitute).toEqual(expected);
    expect(proposed.lines[1]!.proposal).toBeNull();

    const buyerCopy = await getOrder(f, f.buyer.tokens.purchasing, id);
    expect(buyerCopy.order.lines[0]!.proposal!.substitute).toEqual(expected);
    expect(buyerCopy.order.lines[0]!.item.name).toBe('Beugel type 1');

    const decided = orderOf(
      await call(f.app, 'POST', `/api/v1/orders/${id}/decide`, {
        token: f.buyer.tokens.purchasing,
        body: { decisions: [{ lineId: '1', decision: 'accept' }] },
      }),
    );
    expect(decided.lines[0]!.state).toBe('agreed');
    expect(decided.lines[0]!.item).toEqual(expected);
    expect(decided.lines[0]!.proposal).toBeNull();
    const sellerCopy = await getOrder(f, f.seller.tokens.sales, id);
    expect(sellerCopy.order.lines[0]!.item).toEqual(expected);
  });

  it('a proposal without substitute still has none (the field is absent)', async () => {
    const id = await issue(f, 'PO-SUB-2');
    const r = await call(f.app, 'POST', `/api/v1/orders/${id}/respond`, {
      token: f.seller.tokens.sales,
      body: { answers: [{ lineId: '1', answer: 'propose', price: { amount: '13' } }] },
    });
    expect(orderOf(r).lines[0]!.proposal).not.toHaveProperty('substitute');
  });

  it('refuses a substitute GTIN with a wrong check digit, and the ordered item as its own substitute', async () => {
    const id = await issue(f, 'PO-SUB-3');
    const bad = await propose(id, {
      ...SUBSTITUTE,
      standardItemId: { scheme: '0160', value: '8712345678907' },
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(problemOf(bad))).toContain('check digit');
    const same = await propose(id, { name: 'Beugel type 1' });
    expect(same.statusCode).toBe(422);
    expect(problemOf(same).detail).toBe(
      'the substitute for line 1 is the ordered item itself; leave the substitute out',
    );
    expect((await getOrder(f, f.seller.tokens.sales, id)).order.lines[0]!.state).toBe('open');
  });
});
