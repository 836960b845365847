// Roles: viewers read but never act; sales cannot buy, purchasing cannot sell; admin tasks need admin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
beforeAll(async () => {
  f = await createApiFixture();
  orderId = await issue(f, 'PO-ROLES-1');
});
afterAll(() => f.close());

describe('roles', () => {
  it('lets a viewer read orders, history, tasks, the company and partners', async () => {
    for (const url of [
      `/api/v1/orders/${orderId}`,
      `/api/v1/orders/${orderId}/history`,
      '/api/v1/orders',
      '/api/v1/tasks',
      '/api/v1/company',
      '/api/v1/partners',
      '/api/v1/me',
    ]) {
      const r = await call(f.app, 'GET', url, { token: f.buyer.tokens.viewer });
      expect(r.statusCode, url).toBe(200);
    }
  });

  it('refuses every action of a viewer with 403 and changes nothing', async () => {
    const buyerViewer = f.buyer.tokens.viewer;
    const sellerViewer = f.seller.tokens.viewer;
    const attempts: [string, string, unknown][] = [
      [buyerViewer, '/api/v1/orders', orderBody(f.seller.identifier, 'PO-VIEWER')],
      [buyerViewer, `/api/v1/orders/${orderId}/cancel`, { reason: 'mag niet' }],
      [buyerViewer, `/api/v1/orders/${orderId}/change`, { cancel: [{ lineId: '1' }] }],
      [sellerViewer, `/api/v1/orders/${orderId}/respond`, { answers: [{ lineId: '1', answer: 'accept' }] }],
      [
        sellerViewer,
        '/api/v1/despatches',
        {
          number: 'D-V',
          date: '2027-01-01',
          lines: [{ orderId, lineId: '1', deliveryLineId: '1', quantity: '1' }],
        },
      ],
      [buyerViewer, '/api/v1/tokens', { name: 'mijn token' }],
    ];
    for (const [token, url, body] of attempts) {
      const r = await call(f.app, 'POST', url, { token, body });
      expect(r.statusCode, url).toBe(403);
      expect(problemOf(r).code).toBe('forbidden');
    }
    const { order } = await getOrder(f, buyerViewer, orderId);
    expect(order.version).toBe(1);
    expect(order.lines.map((l) => l.state)).toEqual(['open', 'open']);
    const list = await call(f.app, 'GET', '/api/v1/orders?q=PO-VIEWER', { token: buyerViewer });
    expect(list.json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('does not let sales issue orders, nor purchasing answer them', async () => {
    const sales = await call(f.app, 'POST', '/api/v1/orders', {
      token: f.buyer.tokens.sales,
      body: orderBody(f.seller.identifier, 'PO-SALES'),
    });
    expect(sales.statusCode).toBe(403);
    expect(problemOf(sales)).toMatchObject({
      code: 'forbidden',
      detail: 'the role sales may not act as buyer',
    });
    const purchasing = await call(f.app, 'POST', `/api/v1/orders/${orderId}/respond`, {
      token: f.seller.tokens.purchasing,
      body: { answers: [{ lineId: '1', answer: 'accept' }] },
    });
    expect(purchasing.statusCode).toBe(403);
    const buyerSales = await call(f.app, 'POST', `/api/v1/orders/${orderId}/cancel`, {
      token: f.buyer.tokens.sales,
      body: { reason: 'niet mijn afdeling' },
    });
    expect(buyerSales.statusCode).toBe(403);
    expect((await getOrder(f, f.buyer.tokens.viewer, orderId)).order.status).toBe('issued');
  });

  it('lets the right roles act: sales answers, purchasing receives, admin does both', async () => {
    const id = await issue(f, 'PO-ROLES-2');
    expect((await acceptAll(f, id)).status).toBe('agreed');
    const adminShips = await call(f.app, 'POST', '/api/v1/despatches', {
      token: f.seller.tokens.admin,
      body: {
        number: 'D-ADMIN',
        date: '2027-01-01',
        lines: [{ orderId: id, lineId: '1', deliveryLineId: '1', quantity: '10' }],
      },
    });
    expect(adminShips.statusCode).toBe(201);
    const received = await call(f.app, 'POST', `/api/v1/orders/${id}/receipts`, {
      token: f.buyer.tokens.purchasing,
      body: { lines: [{ lineId: '1', deliveryLineId: '1', received: '10' }] },
    });
    expect(received.statusCode).toBe(200);
  });

  it('keeps user and token administration to admins', async () => {
    for (const role of ['purchasing', 'sales', 'viewer'] as const) {
      const users = await call(f.app, 'GET', '/api/v1/company/users', { token: f.buyer.tokens[role] });
      expect(users.statusCode, role).toBe(403);
      const tokens = await call(f.app, 'GET', '/api/v1/tokens', { token: f.buyer.tokens[role] });
      expect(tokens.statusCode, role).toBe(403);
    }
    expect(
      (await call(f.app, 'GET', '/api/v1/company/users', { token: f.buyer.tokens.admin })).statusCode,
    ).toBe(200);
  });
});
