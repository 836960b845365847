// GET /api/v1/events: server-sent events for open screens. Authenticated, scoped to the caller's company:
// both companies of an order hear about its changes, a third company hears nothing; closing the node
// ends open streams instead of waiting for them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNode } from '../../src/cli/start-node.ts';
import { startDemoNode, type DemoNode } from './support/demo-node.ts';

let env: DemoNode;
beforeAll(async () => {
  env = await startDemoNode();
});
afterAll(() => env?.close());

const token = (key: string) => env.demo.companies.find((c) => c.key === key)!.token;

interface Stream {
  events: { event: string; data: Record<string, unknown> }[];
  close(): void;
}

/** Opens the event stream with a token and collects its events. */
async function open(key: string): Promise<Stream> {
  const controller = new AbortController();
  const response = await fetch(`${env.url}/api/v1/events`, {
    headers: { authorization: `Bearer ${token(key)}` },
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const stream: Stream = { events: [], close: () => controller.abort() };
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) stream.events.push({ event, data: JSON.parse(data) as Record<string, unknown> });
        }
      }
    } catch {
      // aborted
    }
  })();
  await expect.poll(() => stream.events.some((e) => e.event === 'ready')).toBe(true);
  return stream;
}

async function api(key: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const r = await fetch(`${env.url}/api/v1${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${token(key)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? null : JSON.stringify(body),
  });
  return { status: r.status, etag: r.headers.get('etag'), json: (await r.json()) as Record<string, unknown> };
}

describe('GET /api/v1/events', () => {
  it('needs authentication', async () => {
    const r = await fetch(`${env.url}/api/v1/events`);
    expect(r.status).toBe(401);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
  });

  it('tells both companies of an order about a change, and nobody else', async () => {
    const [buyer, seller, outsider] = await Promise.all([open('oem'), open('assembler'), open('material')]);
    const list = await api('assembler', '/orders?role=seller&status=issued');
    const order = (list.json.items as { id: string; number: string }[])[0]!;
    const current = await api('assembler', `/orders/${order.id}`);
    const answered = await api(
      'assembler',
      `/orders/${order.id}/respond`,
      { answers: [{ lineId: '10', answer: 'accept' }] },
      { 'if-match': current.etag! },
    );
    expect(answered.status).toBe(200);

    const expected = {
      event: 'order',
      data: expect.objectContaining({
        orderId: order.id,
        orderNumber: order.number,
        action: 'respond',
        byCompanyId: env.demo.companies.find((c) => c.key === 'assembler')!.id,
      }),
    };
    await expect.poll(() => buyer.events).toContainEqual(expected);
    await expect.poll(() => seller.events).toContainEqual(expected);
    // Give a wrongly scoped event time to arrive before concluding there is none.
    await new Promise((r) => setTimeout(r, 300));
    expect(outsider.events.filter((e) => e.event === 'order')).toEqual([]);
    for (const s of [buyer, seller, outsider]) s.close();
  });

  it('announces new orders and despatches (one event per order)', async () => {
    const seller = await open('assembler');
    const issued = await api('oem', '/orders', {
      seller: env.demo.companies.find((c) => c.key === 'assembler')!.identifier,
      number: 'VDM-PO-SSE-1',
      issueDate: '2026-01-05',
      currency: 'EUR',
      lines: [
        {
          lineId: '1',
          item: { name: 'Afdekkap' },
          unitCode: 'C62',
          price: { amount: '10' },
          schedule: [{ date: '2099-01-01', quantity: '5' }],
        },
      ],
    });
    expect(issued.status).toBe(201);
    await expect.poll(() => seller.events.map((e) => e.data.action)).toContain('issue');
    seller.close();
  });

  it('does not keep the node from closing', async () => {
    let secret = '';
    const other = await startNode({
      prepare: async (services) => {
        const company = await services.registerCompany({ name: 'Sluit BV', identifiers: ['0106:11112222'] });
        secret = (await services.createApiToken(company.id, { name: 'test' })).token;
      },
    });
    const controller = new AbortController();
    const r = await fetch(`${other.url}/api/v1/events`, {
      headers: { authorization: `Bearer ${secret}` },
      signal: controller.signal,
    });
    expect(r.status).toBe(200);
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(5000);
    controller.abort();
  });
});
