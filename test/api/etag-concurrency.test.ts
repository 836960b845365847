// Optimistic concurrency: the ETag is the order version; a stale If-Match is refused with 409 and
// nothing changes, neither on the caller's copy nor on the partner's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderEvent } from '../../src/domain/order-events.ts';
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

const historyLength = async (token: string, id: string): Promise<number> =>
  (await call(f.app, 'GET', `/api/v1/orders/${id}/history`, { token })).json<{ items: OrderEvent[] }>().items
    .length;

describe('ETag and If-Match', () => {
  it('GET returns the version as a strong ETag', async () => {
    const id = await issue(f, 'PO-ETAG-1');
    const { order, etag } = await getOrder(f, f.seller.tokens.sales, id);
    expect(etag).toBe(`"${order.version}"`);
    expect(etag).toBe('"1"');
  });

  it('refuses a stale write with 409 version_conflict and changes nothing', async () => {
    const id = await issue(f, 'PO-ETAG-2');
    const seller = f.seller.tokens.sales;
    const { etag } = await getOrder(f, seller, id);

    // Someone else answers line 1 first, with the same ETag: accepted, the version moves on.
    const first = await call(f.app, 'POST', `/api/v1/orders/${id}/respond`, {
      token: seller,
      headers: { 'if-match': etag },
      body: { answers: [{ lineId: '1', answer: 'accept' }] },
    });
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe('"2"');
    const sellerEvents = await historyLength(seller, id);
    const buyerEvents = await historyLength(f.buyer.tokens.viewer, id);

    // The second answer is based on the old version: refused.
    const stale = await call(f.app, 'POST', `/api/v1/orders/${id}/respond`, {
      token: seller,
      headers: { 'if-match': etag },
      body: { answers: [{ lineId: '2', answer: 'reject', reason: 'niet leverbaar' }] },
    });
    expect(stale.statusCode).toBe(409);
    expect(problemOf(stale)).toMatchObject({
      status: 409,
      code: 'version_conflict',
      currentVersion: 2,
      expectedVersion: 1,
    });

    const after = await getOrder(f, seller, id);
    expect(after.etag).toBe('"2"');
    expect(after.order.lines[1]!.state).toBe('open');
    expect((await getOrder(f, f.buyer.tokens.viewer, id)).order.lines[1]!.state).toBe('open');
    expect(await historyLength(seller, id)).toBe(sellerEvents);
    expect(await historyLength(f.buyer.tokens.viewer, id)).toBe(buyerEvents);

    // With the fresh ETag the same answer goes through.
    const fresh = await call(f.app, 'POST', `/api/v1/orders/${id}/respond`, {
      token: seller,
      headers: { 'if-match': after.etag },
      body: { answers: [{ lineId: '2', answer: 'reject', reason: 'niet leverbaar' }] },
    });
    expect(orderOf(fresh).lines[1]!.state).toBe('rejected');
    expect(fresh.headers.etag).toBe('"3"');
  });

  it('applies the If-Match check to cancel as well', async () => {
    const id = await issue(f, 'PO-ETAG-3');
    const cancel = await call(f.app, 'POST', `/api/v1/orders/${id}/cancel`, {
      token: f.buyer.tokens.purchasing,
      headers: { 'if-match': '"9"' },
      body: { reason: 'dubbel besteld' },
    });
    expect(problemOf(cancel).code).toBe('version_conflict');
    expect((await getOrder(f, f.buyer.tokens.viewer, id)).order.status).toBe('issued');
  });

  it('accepts a missing If-Match and If-Match: *', async () => {
    const id = await issue(f, 'PO-ETAG-4');
    const star = await call(f.app, 'POST', `/api/v1/orders/${id}/respond`, {
      token: f.seller.tokens.sales,
      headers: { 'if-match': '*' },
      body: { answers: [{ lineId: '1', answer: 'accept' }] },
    });
    expect(star.statusCode).toBe(200);
    const none = await call(f.app, 'POST', `/api/v1/orders/${id}/respond`, {
      token: f.seller.tokens.sales,
      body: { answers: [{ lineId: '2', answer: 'accept' }] },
    });
    expect(orderOf(none).status).toBe('agreed');
  });

  it('without If-Match acts on the current version (last writer wins) and still applies the order rules', async () => {
    const id = await issue(f, 'PO-ETAG-6');
    const seller = f.seller.tokens.sales;
    const seen = await getOrder(f, seller, id); // two clients both read version 1
    expect(seen.etag).toBe('"1"');
    const propose = (quantity: string) =>
      call(f.app, 'POST', `/api/v1/orders/${id}/respond`, {
        token: seller,
        body: { answers: [{ lineId: '1', answer: 'propose', schedule: [{ date: '2027-05-01', quantity }] }] },
      });

    const first = await propose('80');
    expect(first.headers.etag).toBe('"2"');
    // The second client still holds version 1, sends no If-Match, and overwrites the first proposal.
    const second = await propose('90');
    expect(second.headers.etag).toBe('"3"');
    expect(orderOf(second).lines[0]!.proposal?.terms.quantity).toBe('90');

    // The same change with the version it saw would have been refused.
    const stale = await call(f.app, 'POST', `/api/v1/orders/${id}/respond`, {
      token: seller,
      headers: { 'if-match': seen.etag },
      body: { answers: [{ lineId: '1', answer: 'accept' }] },
    });
    expect(problemOf(stale)).toMatchObject({ status: 409, code: 'version_conflict' });

    // Without If-Match the order rules still decide: a proposed line cannot be accepted by the seller.
    const refused = await call(f.app, 'POST', `/api/v1/orders/${id}/respond`, {
      token: seller,
      body: { answers: [{ lineId: '1', answer: 'accept' }] },
    });
    expect(problemOf(refused)).toMatchObject({ status: 409, code: 'transition_not_allowed' });
    expect((await getOrder(f, seller, id)).etag).toBe('"3"');
  });

  it('refuses an If-Match that is not an order ETag with 400, naming the header', async () => {
    const id = await issue(f, 'PO-ETAG-5');
    const weak = await call(f.app, 'POST', `/api/v1/orders/${id}/respond`, {
      token: f.seller.tokens.sales,
      headers: { 'if-match': 'W/"1"' },
      body: { answers: [{ lineId: '1', answer: 'accept' }] },
    });
    expect(weak.statusCode).toBe(400);
    expect(problemOf(weak)).toMatchObject({ code: 'invalid_request', field: 'if-match' });
    expect((await getOrder(f, f.seller.tokens.sales, id)).order.version).toBe(1);
  });
});
