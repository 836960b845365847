// Bad input is answered with problem+json that names the offending field, and nothing is written:
// malformed or ill-shaped requests → 400 invalid_request, business-rule violations → 422 validation_failed,
// refused lifecycle transitions → 409 with the state and the allowed actions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderEvent } from '../../src/domain/order-events.ts';
import {
  call,
  createApiFixture,
  getOrder,
  issue,
  orderBody,
  problemOf,
  SELLER_ID,
  type ApiFixture,
} from './api-fixture.ts';

let f: ApiFixture;
beforeAll(async () => {
  f = await createApiFixture();
});
afterAll(() => f.close());

type Body = ReturnType<typeof orderBody>;

/** A valid order body for number `n`, with `edit` applied to it. */
function bodyWith(n: string, edit: (b: Body & Record<string, unknown>) => void): Body {
  const b = structuredClone(orderBody(SELLER_ID, n)) as Body & Record<string, unknown>;
  edit(b);
  return b;
}

const buyerOrderCount = async (): Promise<number> =>
  (await call(f.app, 'GET', '/api/v1/orders', { token: f.buyer.tokens.viewer })).json<{ items: unknown[] }>()
    .items.length;

describe('bad input on POST /orders', () => {
  const cases: {
    name: string;
    body: unknown;
    status: number;
    code: string;
    field?: string;
    detail?: RegExp;
  }[] = [
    {
      name: 'malformed JSON',
      body: '{"seller": "0106:12345678", "number": ',
      status: 400,
      code: 'invalid_request',
      detail: /not valid JSON/,
    },
    {
      name: 'unknown field',
      body: bodyWith('BAD-1', (b) => (b.colour = 'rood')),
      status: 400,
      code: 'invalid_request',
      field: 'colour',
      detail: /colour is not a known field/,
    },
    {
      name: 'unknown nested field',
      body: bodyWith('BAD-2', (b) => Object.assign(b.lines[0]!.item, { colour: 'rood' })),
      status: 400,
      code: 'invalid_request',
      field: 'lines[0].item.colour',
    },
    {
      name: 'missing field',
      body: bodyWith('BAD-3', (b) => delete (b as Partial<Body>).currency),
      status: 400,
      code: 'invalid_request',
      field: 'currency',
      detail: /^currency is required$/,
    },
    {
      name: 'wrong type',
      body: bodyWith('BAD-4', (b) => Object.assign(b.lines[1]!.price, { amount: true })),
      status: 400,
      code: 'invalid_request',
      field: 'lines[1].price.amount',
    },
    {
      name: 'a decimal that is not a number',
      body: bodyWith('BAD-5', (b) => Object.assign(b.lines[0]!.schedule[0]!, { quantity: '12,5' })),
      status: 400,
      code: 'invalid_request',
      field: 'lines[0].schedule[0].quantity',
    },
    {
      name: 'zero quantity',
      body: bodyWith('BAD-6', (b) => Object.assign(b.lines[0]!.schedule[0]!, { quantity: '0' })),
      status: 422,
      code: 'validation_failed',
      field: 'lines[0].schedule[0].quantity',
      detail: /greater than zero/,
    },
    {
      name: 'negative quantity (as a JSON number)',
      body: bodyWith('BAD-7', (b) => Object.assign(b.lines[1]!.schedule[0]!, { quantity: -5 })),
      status: 422,
      code: 'validation_failed',
      field: 'lines[1].schedule[0].quantity',
    },
    {
      name: 'unknown unit code',
      body: bodyWith('BAD-8', (b) => (b.lines[0]!.unitCode = 'PCS')), // a common mistake: pieces are C62
      status: 422,
      code: 'validation_failed',
      field: 'lines[0].unitCode',
      detail: /UN\/ECE Rec 20/,
    },
    {
      name: 'unknown currency',
      body: bodyWith('BAD-9', (b) => (b.currency = 'EUX')),
      status: 422,
      code: 'validation_failed',
      field: 'currency',
      detail: /ISO 4217/,
    },
    {
      name: 'impossible date',
      body: bodyWith('BAD-10', (b) => (b.lines[0]!.schedule[0]!.date = '2026-02-30')),
      status: 400,
      code: 'invalid_request',
      field: 'lines[0].schedule[0].date',
    },
    {
      name: 'GLN with a wrong check digit as seller',
      body: bodyWith('BAD-11', (b) => (b.seller = '0088:8712345678907')),
      status: 422,
      code: 'validation_failed',
      field: 'seller',
      detail: /check digit/,
    },
    {
      name: 'seller not on this node',
      body: bodyWith('BAD-12', (b) => (b.seller = '0106:99999999')),
      status: 422,
      code: 'validation_failed',
      field: 'seller',
    },
  ];

  for (const c of cases) {
    it(`answers ${c.status} ${c.code} for ${c.name}`, async () => {
      const before = await buyerOrderCount();
      const r = await call(f.app, 'POST', '/api/v1/orders', {
        token: f.buyer.tokens.purchasing,
        body: c.body,
      });
      expect(r.statusCode).toBe(c.status);
      const p = problemOf(r);
      expect(p).toMatchObject({
        status: c.status,
        code: c.code,
        type: `/api/v1/problems/${c.code}`,
        instance: '/api/v1/orders',
      });
      expect(typeof p.title).toBe('string');
      if (c.field !== undefined) expect(p.field).toBe(c.field);
      if (c.detail) expect(p.detail).toMatch(c.detail);
      expect(await buyerOrderCount()).toBe(before);
    });
  }

  it('lists every schema issue in errors[] and names the first in field', async () => {
    const r = await call(f.app, 'POST', '/api/v1/orders', {
      token: f.buyer.tokens.purchasing,
      body: bodyWith('BAD-20', (b) => {
        delete (b as Partial<Body>).number;
        b.lines[0]!.unitCode = 7 as unknown as string;
        b.extra = 1;
      }),
    });
    const p = problemOf(r);
    expect(r.statusCode).toBe(400);
    expect(p.errors?.map((e) => e.field).sort()).toEqual(['extra', 'lines[0].unitCode', 'number']);
    expect(p.field).toBe(p.errors?.[0]?.field);
  });

  it('refuses a body over the 1 MiB limit with 413', async () => {
    const r = await call(f.app, 'POST', '/api/v1/orders', {
      token: f.buyer.tokens.purchasing,
      body: bodyWith('BAD-21', (b) => (b.note = 'x'.repeat(1024 * 1024))),
    });
    expect(r.statusCode).toBe(413);
    expect(problemOf(r)).toMatchObject({ code: 'payload_too_large', status: 413 });
  });

  it('refuses a body that is not JSON with 415', async () => {
    const r = await call(f.app, 'POST', '/api/v1/orders', {
      token: f.buyer.tokens.purchasing,
      body: JSON.stringify(orderBody(f.seller.identifier, 'BAD-22')),
      headers: { 'content-type': 'text/plain' },
    });
    expect(r.statusCode).toBe(415);
    expect(problemOf(r).code).toBe('unsupported_media_type');
  });

  it('refuses a duplicate order number with 409 conflict', async () => {
    await issue(f, 'PO-DUP-1');
    const r = await call(f.app, 'POST', '/api/v1/orders', {
      token: f.buyer.tokens.purchasing,
      body: orderBody(f.seller.identifier, 'PO-DUP-1'),
    });
    expect(r.statusCode).toBe(409);
    expect(problemOf(r)).toMatchObject({ code: 'conflict', field: 'number' });
  });
});

describe('bad input on order actions', () => {
  it('answers 404 for a malformed order id, on reads and on actions', async () => {
    for (const [method, url, body] of [
      ['GET', '/api/v1/orders/not-a-uuid', undefined],
      ['GET', '/api/v1/orders/123/history', undefined],
      ['POST', '/api/v1/orders/not-a-uuid/cancel', { reason: 'x' }],
      ['POST', "/api/v1/orders/1' OR '1'='1/respond", { answers: [] }],
    ] as const) {
      const r = await call(f.app, method, encodeURI(url), { token: f.buyer.tokens.admin, body });
      expect(r.statusCode, url).toBe(404);
      expect(problemOf(r).code).toBe('not_found');
    }
  });

  it('answers 409 with the state and the allowed actions when the lifecycle refuses an action', async () => {
    const id = await issue(f, 'PO-STATE-1');
    const r = await call(f.app, 'POST', `/api/v1/orders/${id}/decide`, {
      token: f.buyer.tokens.purchasing,
      body: { decisions: [{ lineId: '1', decision: 'accept' }] },
    });
    expect(r.statusCode).toBe(409);
    expect(problemOf(r)).toMatchObject({
      code: 'transition_not_allowed',
      state: 'open',
      allowedActions: ['change', 'cancel'],
    });
    expect((await getOrder(f, f.buyer.tokens.viewer, id)).order.version).toBe(1);
  });

  it('writes nothing when one answer of several breaks a rule', async () => {
    const id = await issue(f, 'PO-ATOMIC-1');
    const r = await call(f.app, 'POST', `/api/v1/orders/${id}/respond`, {
      token: f.seller.tokens.sales,
      body: {
        answers: [
          { lineId: '1', answer: 'accept' },
          { lineId: '2', answer: 'reject', reason: '   ' },
        ],
      },
    });
    expect(r.statusCode).toBe(422);
    expect(problemOf(r)).toMatchObject({ code: 'validation_failed', field: 'answers[1].reason' });
    const { order } = await getOrder(f, f.seller.tokens.sales, id);
    expect(order.lines.map((l) => l.state)).toEqual(['open', 'open']);
    const history = await call(f.app, 'GET', `/api/v1/orders/${id}/history`, {
      token: f.seller.tokens.sales,
    });
    expect(history.json<{ items: OrderEvent[] }>().items.map((e) => e.type)).toEqual(['order.issued']);
  });

  it('names the discriminator when an answer kind is unknown', async () => {
    const id = await issue(f, 'PO-ANSWER-1');
    const r = await call(f.app, 'POST', `/api/v1/orders/${id}/respond`, {
      token: f.seller.tokens.sales,
      body: { answers: [{ lineId: '1', answer: 'maybe' }] },
    });
    expect(r.statusCode).toBe(400);
    expect(problemOf(r).field).toBe('answers[0].answer');
  });

  it('answers 404 for an unknown line and for an unknown invoice', async () => {
    const id = await issue(f, 'PO-LINE-1');
    const line = await call(f.app, 'POST', `/api/v1/orders/${id}/respond`, {
      token: f.seller.tokens.sales,
      body: { answers: [{ lineId: '9', answer: 'accept' }] },
    });
    expect(line.statusCode).toBe(404);
    expect(problemOf(line).field).toBe('lineId');
    const invoice = await call(f.app, 'POST', `/api/v1/orders/${id}/invoices/INV-NONE/decision`, {
      token: f.buyer.tokens.purchasing,
      body: { decision: 'approve', reason: 'ok' },
    });
    expect(invoice.statusCode).toBe(404);
    expect(problemOf(invoice).field).toBe('invoiceId');
  });

  it('refuses a bad list query: unknown parameter, limit out of range, bad cursor', async () => {
    const token = f.buyer.tokens.viewer;
    const unknown = await call(f.app, 'GET', '/api/v1/orders?stauts=issued', { token });
    expect(problemOf(unknown)).toMatchObject({ status: 400, field: 'stauts' });
    const limit = await call(f.app, 'GET', '/api/v1/orders?limit=0', { token });
    expect(problemOf(limit)).toMatchObject({ status: 400, field: 'limit' });
    const status = await call(f.app, 'GET', '/api/v1/orders?status=issued,lost', { token });
    expect(problemOf(status)).toMatchObject({ status: 400, code: 'invalid_request' });
    expect(problemOf(status).field).toMatch(/^status/);
    const cursor = await call(f.app, 'GET', '/api/v1/orders?cursor=bm9wZQ', { token });
    expect(problemOf(cursor)).toMatchObject({ status: 422, code: 'validation_failed', field: 'cursor' });
  });
});
