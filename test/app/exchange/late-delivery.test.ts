// A backlog older than the receiver's time window is still delivered: an envelope written more than
// 5 minutes before the partner's node could take it (an outage, a slow queue) is signed again with a
// fresh sentAt when it is retried, while a replay of the old bytes is still refused as stale. Found by
// the reliability suite (2,000 orders on a slow machine: every order older than 5 minutes was refused
// with stale_timestamp on every retry, until it would have gone to dead letter).
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNode, type RunningNode } from '../../../src/cli/start-node.ts';
import type { OrderView } from '../../../src/domain/order-view.ts';
import { NetworkMetrics } from '../../../src/network/metrics.ts';
import { OutboxWorker } from '../../../src/network/outbox-worker.ts';
import { connectBothWays } from '../../support/network-nodes.ts';

const A_ID = '0106:21212121';
const B_ID = '0106:43434343';
const TEN_MINUTES = 10 * 60_000;

let n1: RunningNode;
let n2: RunningNode;
let tokenA: string;

beforeAll(async () => {
  // Node 1's clock is 10 minutes behind: everything it writes is 10 minutes old for node 2.
  [n1, n2] = await Promise.all([
    startNode({ deliveryIntervalMs: 0, deps: { now: () => new Date(Date.now() - TEN_MINUTES) } }),
    startNode({ deliveryIntervalMs: 0 }),
  ]);
  const a = await n1.services.registerCompany({ name: 'Laat A BV', identifiers: [A_ID], country: 'NL' });
  await n2.services.registerCompany({ name: 'Ontvanger B BV', identifiers: [B_ID], country: 'NL' });
  tokenA = (await n1.services.createApiToken(a.id, { name: 'erp', role: 'admin' })).token;
  await connectBothWays({ node: n1, id: A_ID }, { node: n2, id: B_ID });
}, 240_000);

afterAll(async () => {
  await n1?.close();
  await n2?.close();
});

const inboxPost = (body: string) =>
  fetch(`${n2.url}/network/v1/inbox`, {
    method: 'POST',
    headers: { 'content-type': 'application/jose' },
    body,
  });

describe('an envelope older than the receiver’s time window', { timeout: 120_000 }, () => {
  it('is signed again with a fresh sentAt and delivered once; its old bytes stay refused', async () => {
    const r = await fetch(`${n1.url}/api/v1/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenA}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        seller: B_ID,
        number: 'PO-LATE-1',
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
      }),
    });
    expect(r.status).toBe(201);
    const order = (await r.json()) as OrderView;
    const store = n1.services.deps.store;
    const [stored] = await store.outbox.listByCompany(order.buyer.companyId);

    // The stored bytes, 10 minutes old, are refused by the receiver as they are.
    const old = await inboxPost(stored!.envelope);
    expect(old.status).toBe(422);
    expect(await old.json()).toMatchObject({ reason: 'stale_timestamp' });

    // The worker (on the real clock) re-signs and delivers: one attempt, receipt stored.
    const worker = new OutboxWorker({
      store,
      transport: n1.services.deps.network.transport,
      metrics: new NetworkMetrics(),
    });
    await worker.drain();
    const delivered = await store.outbox.get(stored!.id);
    expect(delivered).toMatchObject({ status: 'delivered', attempts: 1, lastError: null });
    const copy = await n2.services.deps.store.companies.findByIdentifier('0106', '43434343');
    const received = await n2.services.deps.store.inbox.listByReceiver(copy!.id);
    expect(received.map((m) => [m.messageId, m.status])).toEqual([[stored!.id, 'applied']]);
    // What arrived is the same message, with sentAt ≈ now and createdAt unchanged.
    const header = decodeProtectedHeader(received[0]!.envelope);
    const original = decodeProtectedHeader(stored!.envelope);
    expect(header).toMatchObject({ messageId: original.messageId, createdAt: original.createdAt, seq: 1 });
    expect(original.sentAt).toBeUndefined();
    expect(Math.abs(Date.now() - Date.parse(String(header.sentAt)))).toBeLessThan(60_000);

    // The old bytes replayed now are still stale; the re-signed ones are a recognised duplicate.
    expect((await inboxPost(stored!.envelope)).status).toBe(422);
    const again = await inboxPost(received[0]!.envelope);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true });
  });
});
