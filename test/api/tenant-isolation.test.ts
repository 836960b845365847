// Tenant isolation: a company sees and touches only its own order copies. Another company's order id
// answers exactly like an unknown id, on every endpoint, and nothing is written.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderEvent } from '../../src/domain/order-events.ts';
import type { Task } from '../../src/domain/tasks.ts';
import {
  acceptAll,
  call,
  createApiFixture,
  getOrder,
  issue,
  orderBody,
  problemOf,
  type ApiFixture,
} from './api-fixture.ts';

let f: ApiFixture;
let orderId: string;
let invoiceId: string;

beforeAll(async () => {
  f = await createApiFixture();
  // An order between buyer and seller with something in every stage, so that every action has a target.
  orderId = await issue(f, 'PO-PRIVATE-1');
  await acceptAll(f, orderId);
  await call(f.app, 'POST', '/api/v1/despatches', {
    token: f.seller.tokens.sales,
    body: {
      number: 'DESADV-P1',
      date: '2027-03-01',
      lines: [{ orderId, lineId: '1', deliveryLineId: '1', quantity: '50' }],
    },
  });
  await call(f.app, 'POST', `/api/v1/orders/${orderId}/receipts`, {
    token: f.buyer.tokens.purchasing,
    body: { lines: [{ lineId: '1', deliveryLineId: '1', received: '50' }] },
  });
  const invoiced = await call(f.app, 'POST', `/api/v1/orders/${orderId}/invoices`, {
    token: f.seller.tokens.sales,
    body: {
      number: 'INV-P1',
      issueDate: '2027-03-05',
      lines: [{ lineId: '1', quantity: '60', price: { amount: '12.5' } }],
    },
  });
  invoiceId = invoiced.json<{ invoices: { id: string }[] }>().invoices[0]!.id;
});
afterAll(() => f.close());

/** Every order endpoint with a body that would be acceptable in shape. */
const endpoints = (id: string): { method: 'GET' | 'POST'; url: string; body?: unknown }[] => [
  { method: 'GET', url: `/api/v1/orders/${id}` },
  { method: 'GET', url: `/api/v1/orders/${id}/history` },
  { method: 'GET', url: `/api/v1/orders/${id}/deliveries` },
  {
    method: 'POST',
    url: `/api/v1/orders/${id}/respond`,
    body: { answers: [{ lineId: '2', answer: 'accept' }] },
  },
  {
    method: 'POST',
    url: `/api/v1/orders/${id}/decide`,
    body: { decisions: [{ lineId: '2', decision: 'accept' }] },
  },
  { method: 'POST', url: `/api/v1/orders/${id}/change`, body: { cancel: [{ lineId: '2' }], reason: 'x' } },
  { method: 'POST', url: `/api/v1/orders/${id}/cancel`, body: { reason: 'weg ermee' } },
  { method: 'POST', url: `/api/v1/orders/${id}/reopen`, body: { lineIds: ['2'], reason: 'opnieuw' } },
  {
    method: 'POST',
    url: `/api/v1/orders/${id}/production`,
    body: { lines: [{ lineId: '2', deliveryLineId: '1', produced: '1' }] },
  },
  {
    method: 'POST',
    url: `/api/v1/orders/${id}/receipts`,
    body: { lines: [{ lineId: '1', deliveryLineId: '1', received: '0' }] },
  },
  {
    method: 'POST',
    url: `/api/v1/orders/${id}/invoices`,
    body: {
      number: 'INV-X',
      issueDate: '2027-03-06',
      lines: [{ lineId: '1', quantity: '1', price: { amount: '1' } }],
    },
  },
  {
    method: 'POST',
    url: `/api/v1/orders/${id}/invoices/${invoiceId}/decision`,
    body: { decision: 'dispute', reason: 'te veel' },
  },
];

describe('tenant isolation', () => {
  it('answers 404 on every order endpoint for another company’s order, exactly like an unknown id', async () => {
    const unknown = randomUUID();
    const outsider = f.outsider.tokens.admin;
    const foreign = endpoints(orderId);
    const missing = endpoints(unknown);
    for (let i = 0; i < foreign.length; i++) {
      const a = foreign[i]!;
      const b = missing[i]!;
      const ra = await call(f.app, a.method, a.url, {
        token: outsider,
        body: a.body,
        headers: { 'if-match': '"1"' },
      });
      const rb = await call(f.app, b.method, b.url, {
        token: outsider,
        body: b.body,
        headers: { 'if-match': '"1"' },
      });
      expect(ra.statusCode, `${a.method} ${a.url}`).toBe(404);
      expect(rb.statusCode, `${b.method} ${b.url}`).toBe(404);
      const pa = problemOf(ra);
      const pb = problemOf(rb);
      expect(pa.code).toBe('not_found');
      // Same answer apart from the id itself: nothing tells a foreign order from a missing one.
      expect(JSON.stringify(pa).replaceAll(orderId, 'ID')).toBe(JSON.stringify(pb).replaceAll(unknown, 'ID'));
    }
  });

  it('answers 404 for a despatch that covers another company’s order, and writes nothing', async () => {
    const r = await call(f.app, 'POST', '/api/v1/despatches', {
      token: f.outsider.tokens.admin,
      body: {
        number: 'DESADV-STEAL',
        date: '2027-03-01',
        lines: [{ orderId, lineId: '1', deliveryLineId: '1', quantity: '1' }],
      },
    });
    expect(r.statusCode).toBe(404);
    expect(problemOf(r).detail).toBe(`order ${orderId} not found`);
    expect((await getOrder(f, f.seller.tokens.viewer, orderId)).order.lines[0]!.quantities.shipped).toBe(
      '50',
    );
  });

  it('left the order untouched after all those attempts', async () => {
    const buyerCopy = await getOrder(f, f.buyer.tokens.viewer, orderId);
    const sellerCopy = await getOrder(f, f.seller.tokens.viewer, orderId);
    expect(buyerCopy.order.lines.map((l) => l.state)).toEqual(['agreed', 'agreed']);
    expect(buyerCopy.order.invoices.map((i) => i.status)).toEqual(['mismatch']);
    expect(sellerCopy.order.lines[1]!.quantities.produced).toBe('0');
    const history = await call(f.app, 'GET', `/api/v1/orders/${orderId}/history`, {
      token: f.buyer.tokens.viewer,
    });
    expect(
      history.json<{ items: OrderEvent[] }>().items.every((e) => e.actor.companyId !== f.outsider.company.id),
    ).toBe(true);
  });

  it('shows none of the others’ orders or tasks in the outsider’s lists', async () => {
    const outsider = f.outsider.tokens.viewer;
    const list = await call(f.app, 'GET', '/api/v1/orders', { token: outsider });
    expect(list.json()).toEqual({ items: [], nextCursor: null, counts: {} });
    const byPartner = await call(f.app, 'GET', `/api/v1/orders?partner=${f.buyer.company.id}`, {
      token: outsider,
    });
    expect(byPartner.json<{ items: unknown[] }>().items).toEqual([]);
    const search = await call(f.app, 'GET', '/api/v1/orders?q=PRIVATE', { token: outsider });
    expect(search.json<{ items: unknown[] }>().items).toEqual([]);
    const tasks = await call(f.app, 'GET', '/api/v1/tasks', { token: outsider });
    expect(tasks.json<{ items: Task[] }>().items).toEqual([]);
    // Whereas the buyer does see its order and its invoice task: the lists above are not empty by accident.
    const buyerTasks = await call(f.app, 'GET', '/api/v1/tasks', { token: f.buyer.tokens.viewer });
    expect(buyerTasks.json<{ items: Task[] }>().items.map((t) => t.orderId)).toContain(orderId);
  });

  it('keeps users, tokens and the company record per company', async () => {
    const users = await call(f.app, 'GET', '/api/v1/company/users', { token: f.outsider.tokens.admin });
    expect(users.json<{ items: { email: string }[] }>().items.map((u) => u.email)).toEqual([
      f.outsider.adminEmail,
    ]);
    const company = await call(f.app, 'GET', '/api/v1/company', { token: f.outsider.tokens.admin });
    expect(company.json<{ id: string }>().id).toBe(f.outsider.company.id);
    const tokens = await call(f.app, 'GET', '/api/v1/tokens', { token: f.outsider.tokens.admin });
    expect(
      tokens
        .json<{ items: { companyId: string }[] }>()
        .items.every((t) => t.companyId === f.outsider.company.id),
    ).toBe(true);

    // The outsider cannot revoke the buyer's token, which keeps working.
    const buyerTokens = await call(f.app, 'GET', '/api/v1/tokens', { token: f.buyer.tokens.admin });
    const victim = buyerTokens
      .json<{ items: { id: string; role: string }[] }>()
      .items.find((t) => t.role === 'viewer')!;
    const revoke = await call(f.app, 'DELETE', `/api/v1/tokens/${victim.id}`, {
      token: f.outsider.tokens.admin,
    });
    expect(revoke.statusCode).toBe(404);
    expect((await call(f.app, 'GET', '/api/v1/orders', { token: f.buyer.tokens.viewer })).statusCode).toBe(
      200,
    );
  });

  it('makes the caller the buyer of what it issues: a body cannot name another buyer', async () => {
    const spoof = await call(f.app, 'POST', '/api/v1/orders', {
      token: f.outsider.tokens.purchasing,
      body: { ...orderBody(f.seller.identifier, 'PO-SPOOF'), buyer: f.buyer.identifier },
    });
    expect(spoof.statusCode).toBe(400);
    expect(problemOf(spoof).field).toBe('buyer');
    const own = await call(f.app, 'POST', '/api/v1/orders', {
      token: f.outsider.tokens.purchasing,
      body: orderBody(f.seller.identifier, 'PO-OOST-1'),
    });
    expect(own.json<{ buyer: { companyId: string } }>().buyer.companyId).toBe(f.outsider.company.id);
    const buyerList = await call(f.app, 'GET', '/api/v1/orders?q=PO-OOST', { token: f.buyer.tokens.viewer });
    expect(buyerList.json<{ items: unknown[] }>().items).toEqual([]);
  });
  it('keeps directory registrations and their tasks per company', async () => {
    const now = new Date().toISOString();
    const [key] = await f.store.partners.keys(f.buyer.company.id);
    await f.store.cardRegistrations.recordAccepted({
      companyId: f.buyer.company.id,
      directoryUrl: 'http://dir.example',
      participant: f.buyer.identifier,
      endpoint: 'http://node.example',
      issuedAt: now,
      signedBy: [key!.kid],
      at: now,
    });
    // A refresh the directory refused: a task of the buyer at once.
    await f.store.cardRegistrations.markRefreshDue(f.buyer.company.id, now);
    await f.store.cardRegistrations.recordFailure(
      f.buyer.company.id,
      'http://dir.example',
      'HTTP 401',
      now,
      null,
    );
    const list = (token: string) => call(f.app, 'GET', '/api/v1/directory/registrations', { token });
    const own = await list(f.buyer.tokens.admin);
    expect(own.json<{ items: { directoryUrl: string; status: string }[] }>().items).toEqual([
      expect.objectContaining({ directoryUrl: 'http://dir.example', status: 'refresh_refused' }),
    ]);
    expect((await list(f.outsider.tokens.admin)).json()).toEqual({ items: [] });
    expect((await list(f.buyer.tokens.viewer)).statusCode).toBe(403);
    const tasks = async (token: string) =>
      (await call(f.app, 'GET', '/api/v1/tasks', { token })).json<{ items: Task[] }>().items;
    expect((await tasks(f.buyer.tokens.viewer)).map((t) => t.kind)).toContain('directory_refresh_failed');
    expect((await tasks(f.outsider.tokens.viewer)).map((t) => t.kind)).not.toContain(
      'directory_refresh_failed',
    );
    expect((await tasks(f.seller.tokens.viewer)).map((t) => t.kind)).not.toContain(
      'directory_refresh_failed',
    );
  });
});
