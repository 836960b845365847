// Each sent document's delivery timeline in the API: a real partner node behind a real HTTP proxy that
// first drops the connection, then refuses with 503, then lets the envelope through. The timeline shows
// the failed attempts with their reasons, then the delivery with the receiver's receipt; a dead letter
// that a person resends shows the dead letter, the resend and the delivery. Other companies get 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNode, type RunningNode } from '../../../src/cli/start-node.ts';
import type { OrderView } from '../../../src/domain/order-view.ts';
import { CircuitBreaker } from '../../../src/network/backoff.ts';
import { NetworkMetrics } from '../../../src/network/metrics.ts';
import { OutboxWorker } from '../../../src/network/outbox-worker.ts';
import type { Delivery, DeliveryWithTimeline } from '../../../src/app/exchange/delivery-timeline.ts';
import { startFlakyProxy, type FlakyProxy } from '../../support/flaky-proxy.ts';
import { connectBothWays } from '../../support/network-nodes.ts';

const A_ID = '0106:51515151';
const B_ID = '0106:62626262';

let n1: RunningNode;
let n2: RunningNode;
let proxy: FlakyProxy;
let tokens: { admin: string; viewer: string; stranger: string };

beforeAll(async () => {
  [n1, n2] = await Promise.all([startNode({ deliveryIntervalMs: 0 }), startNode({ deliveryIntervalMs: 0 })]);
  const a = await n1.services.registerCompany({ name: 'Tijdlijn A BV', identifiers: [A_ID], country: 'NL' });
  await n2.services.registerCompany({ name: 'Ontvanger B BV', identifiers: [B_ID], country: 'NL' });
  const other = await n1.services.registerCompany({
    name: 'Buurman BV',
    identifiers: ['0106:73737373'],
    country: 'NL',
  });
  tokens = {
    admin: (await n1.services.createApiToken(a.id, { name: 'erp', role: 'admin' })).token,
    viewer: (await n1.services.createApiToken(a.id, { name: 'screen', role: 'viewer' })).token,
    stranger: (await n1.services.createApiToken(other.id, { name: 'erp', role: 'admin' })).token,
  };
  await connectBothWays({ node: n1, id: A_ID }, { node: n2, id: B_ID });
  proxy = await startFlakyProxy(() => n2.url);
  // Node 1 reaches node 2 only through the proxy.
  await n1.services.deps.store.database.query('UPDATE remote_partners SET endpoint_url = $1', [proxy.url]);
}, 240_000);

afterAll(async () => {
  await proxy?.close();
  await n1?.close();
  await n2?.close();
});

async function api<T>(method: string, path: string, token = tokens.admin, body?: unknown) {
  const r = await fetch(`${n1.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: r.status, body: (await r.json()) as T };
}

async function issueOrder(number: string): Promise<string> {
  const r = await api<OrderView>('POST', '/orders', tokens.admin, {
    seller: B_ID,
    number,
    issueDate: '2026-11-22',
    currency: 'EUR',
    lines: [
      {
        lineId: '1',
        item: { name: 'Plaat' },
        unitCode: 'C62',
        price: { amount: '3' },
        schedule: [{ date: '2027-05-01', quantity: '10' }],
      },
    ],
  });
  expect(r.status).toBe(201);
  return r.body.id;
}

/** A worker that retries at once (no backoff) and never opens its breaker, dead-lettering after `deadAfterMs`. */
const worker = (deadAfterMs: number) =>
  new OutboxWorker({
    store: n1.services.deps.store,
    transport: n1.services.deps.network.transport,
    metrics: new NetworkMetrics(),
    backoff: { baseMs: 0, capMs: 0 },
    breaker: new CircuitBreaker(1_000, 1),
    deadAfterMs,
  });

const deliveries = async (orderId: string) =>
  (await api<{ items: Delivery[] }>('GET', `/orders/${orderId}/deliveries`)).body.items;

describe('delivery timeline', { timeout: 120_000 }, () => {
  it('shows the failed attempts with their reasons, then the delivery with its receipt', async () => {
    const orderId = await issueOrder('PO-TIME-1');
    const [queued] = await deliveries(orderId);
    expect(queued).toMatchObject({ documentType: 'Order', orderId, status: 'pending', totalAttempts: 0 });

    proxy.faults = ['drop', 'refuse'];
    await worker(24 * 60 * 60_000).drain();
    expect(proxy.faults).toEqual([]);

    const r = await api<DeliveryWithTimeline>('GET', `/outbox/${queued!.messageId}`, tokens.viewer);
    expect(r.status).toBe(200);
    const m = r.body;
    expect(m).toMatchObject({
      messageId: queued!.messageId,
      documentType: 'Order',
      partner: { name: 'Ontvanger B BV' },
      orderId,
      status: 'delivered',
      attempts: 3,
      totalAttempts: 3,
      lastError: null,
      nextAttemptAt: null,
      receipt: { status: 'accepted' },
    });
    expect(m.receipt!.receivedAt).toEqual(expect.any(String));
    expect(m.timeline.map((e) => [e.event, e.outcome ?? null, e.attempt ?? null])).toEqual([
      ['queued', null, null],
      ['attempt', 'network_error', 1],
      ['attempt', 'refused', 2],
      ['attempt', 'delivered', 3],
      ['receipt_stored', null, null],
    ]);
    expect(m.timeline[1]!.error).toBeTruthy();
    expect(m.timeline[2]).toMatchObject({ httpStatus: 503, reason: 'maintenance window' });
    expect(m.timeline[4]).toMatchObject({ receivedAt: m.receipt!.receivedAt, receiptStatus: 'accepted' });
    expect(m.timeline[3]!.at).toBe(m.deliveredAt);
    // Node 2 applied it once.
    const copy = await n2.services.deps.store.companies.findByIdentifier('0106', '62626262');
    const inbox = await n2.services.deps.store.inbox.listByReceiver(copy!.id);
    expect(inbox.filter((x) => x.messageId === m.messageId).map((x) => x.status)).toEqual(['applied']);

    // The order's deliveries say the same in one line.
    expect(await deliveries(orderId)).toEqual([
      expect.objectContaining({ messageId: m.messageId, status: 'delivered', totalAttempts: 3 }),
    ]);
  });

  it('shows a dead letter, its resend and the delivery after it', async () => {
    const orderId = await issueOrder('PO-TIME-2');
    const [queued] = await deliveries(orderId);
    proxy.faults = ['refuse'];
    await worker(0).drain();
    expect((await deliveries(orderId))[0]).toMatchObject({ status: 'dead', totalAttempts: 1 });

    const resent = await api<{ status: string }>('POST', `/outbox/${queued!.messageId}/resend`);
    expect(resent.status).toBe(200);
    await worker(24 * 60 * 60_000).drain();

    const { body: m } = await api<DeliveryWithTimeline>('GET', `/outbox/${queued!.messageId}`);
    expect(m).toMatchObject({ status: 'delivered', attempts: 1, totalAttempts: 2 });
    expect(m.timeline.map((e) => [e.event, e.outcome ?? null])).toEqual([
      ['queued', null],
      ['attempt', 'refused'],
      ['dead_lettered', null],
      ['resent', null],
      ['attempt', 'delivered'],
      ['receipt_stored', null],
    ]);
    expect(m.timeline[2]).toMatchObject({ reason: 'HTTP 503: maintenance window' });
    expect(m.timeline[4]).toMatchObject({ attempt: 1 });
  });

  it('answers 404 to another company and for unknown ids', async () => {
    const orderId = await issueOrder('PO-TIME-3');
    const [queued] = await deliveries(orderId);
    const foreign = await api<{ status: number }>('GET', `/outbox/${queued!.messageId}`, tokens.stranger);
    expect(foreign.status).toBe(404);
    expect(foreign.body.status).toBe(404);
    expect((await api('GET', `/orders/${orderId}/deliveries`, tokens.stranger)).status).toBe(404);
    expect((await api('GET', `/outbox/${orderId}`)).status).toBe(404);
    expect((await api('GET', '/outbox/not-a-uuid')).status).toBe(404);
  });
});
