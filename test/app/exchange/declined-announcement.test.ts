// A key announcement to a node that never pinned the company, across three real nodes on loopback (real
// HTTP, PGlite each): A's node pins B and C, but only B's node pins A. When A rotates its key, B applies
// the announcement and C's node refuses it as unknown_sender — a final answer, recorded as `declined`:
// no retry, no dead letter, no task, no outbox depth. An order refused the same way is still a failure
// that is retried and dead-lettered. When C's node pins A later, it gets the new keys from A's card.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNode, type RunningNode } from '../../../src/cli/start-node.ts';
import type { OrderView } from '../../../src/domain/order-view.ts';
import type { Task } from '../../../src/domain/tasks.ts';
import { KEY_ANNOUNCEMENT_TYPE } from '../../../src/network/key-announcement.ts';
import { NetworkMetrics } from '../../../src/network/metrics.ts';
import { OutboxWorker } from '../../../src/network/outbox-worker.ts';
import { api, connect } from '../../support/network-nodes.ts';

const A_ID = '0106:11112222';
const B_ID = '0106:33334444';
const C_ID = '0106:55556666';

let n1: RunningNode;
let n2: RunningNode;
let n3: RunningNode;
let tokenA: string;
let tokenC: string;
let companyA: string;

const metric = async (node: RunningNode, name: string, peer: string) => {
  const text = await (await fetch(`${node.url}/metrics`)).text();
  const m = new RegExp(`${name}\\{peer="${peer}"\\} (\\d+)`).exec(text);
  return m ? Number(m[1]) : 0;
};

const orderBody = (number: string) => ({
  seller: C_ID,
  number,
  issueDate: '2026-11-22',
  currency: 'EUR',
  lines: [
    {
      lineId: '1',
      item: { name: 'Bout' },
      unitCode: 'C62',
      price: { amount: '1' },
      schedule: [{ date: '2027-05-01', quantity: '50' }],
    },
  ],
});

interface Partner {
  id: string;
  remote: { participant: string } | null;
  delivery: { delivered: number; pending: number; dead: number; declined: number };
}

const deliveryTo = async (participant: string) =>
  (await api<{ items: Partner[] }>(n1, tokenA, 'GET', '/partners')).items.find(
    (p) => p.remote?.participant === participant,
  )!.delivery;

const tasksOfA = async () => (await api<{ items: Task[] }>(n1, tokenA, 'GET', '/tasks')).items;

beforeAll(async () => {
  [n1, n2, n3] = await Promise.all([
    startNode({ deliveryIntervalMs: 0 }),
    startNode({ deliveryIntervalMs: 0 }),
    startNode({ deliveryIntervalMs: 0 }),
  ]);
  const a = await n1.services.registerCompany({
    name: 'Machinebouw A BV',
    identifiers: [A_ID],
    country: 'NL',
  });
  await n2.services.registerCompany({ name: 'Draaierij B BV', identifiers: [B_ID], country: 'NL' });
  const c = await n3.services.registerCompany({ name: 'Plaatwerk C BV', identifiers: [C_ID], country: 'NL' });
  companyA = a.id;
  tokenA = (await n1.services.createApiToken(a.id, { name: 'erp', role: 'admin' })).token;
  tokenC = (await n3.services.createApiToken(c.id, { name: 'erp', role: 'admin' })).token;
  await connect(n1, n2, B_ID);
  await connect(n1, n3, C_ID);
  // B's node pins A; C's node does not (yet).
  await connect(n2, n1, A_ID);
}, 300_000);

afterAll(async () => {
  await Promise.all([n1?.close(), n2?.close(), n3?.close()]);
});

describe('a key announcement to a node that does not pin the company', { timeout: 120_000 }, () => {
  let declinedId: string;
  let orderId: string;
  let orderMessageId: string;

  it('is declined for good: no retry, no dead letter, no task, no depth, shown as declined', async () => {
    const rotated = await api<{ announcedTo: string[] }>(n1, tokenA, 'POST', '/keys/rotate', {
      graceDays: 2,
    });
    expect([...rotated.announcedTo].sort()).toEqual([B_ID, C_ID]);
    await n1.outbox.drain();

    const announcements = (await n1.services.deps.store.outbox.listByCompany(companyA)).filter(
      (m) => m.documentType === KEY_ANNOUNCEMENT_TYPE,
    );
    const partnerId = async (participant: string) =>
      (await n1.services.deps.store.companies.findByIdentifier('0106', participant.slice(5)))!.id;
    const [bId, cId] = [await partnerId(B_ID), await partnerId(C_ID)];
    expect(announcements).toHaveLength(2);
    const toC = announcements.find((m) => m.peerCompanyId === cId)!;
    declinedId = toC.id;
    expect(announcements.find((m) => m.peerCompanyId === bId)).toMatchObject({ status: 'delivered' });
    expect(toC).toMatchObject({ status: 'declined', attempts: 1 });

    const shown = await api<{
      status: string;
      nextAttemptAt: string | null;
      timeline: { event: string; outcome?: string; httpStatus?: number; reason?: string }[];
    }>(n1, tokenA, 'GET', `/outbox/${toC.id}`);
    expect(shown.status).toBe('declined');
    expect(shown.nextAttemptAt).toBeNull();
    expect(shown.timeline.map((e) => e.event)).toEqual(['queued', 'attempt', 'declined']);
    expect(shown.timeline[1]).toMatchObject({
      outcome: 'refused',
      httpStatus: 401,
      reason: expect.stringMatching(/sender 0106:11112222 is not a pinned partner/),
    });
    expect(shown.timeline[2]).toMatchObject({ reason: 'unknown_sender' });

    expect(await deliveryTo(C_ID)).toEqual(
      expect.objectContaining({ delivered: 0, pending: 0, dead: 0, declined: 1 }),
    );
    expect(await deliveryTo(B_ID)).toEqual(expect.objectContaining({ delivered: 1, declined: 0 }));
    expect(await metric(n1, 'schakel_key_announcements_declined_total', C_ID)).toBe(1);
    expect(await metric(n1, 'schakel_outbox_depth', C_ID)).toBe(0);
    expect(await metric(n1, 'schakel_delivery_retries_total', C_ID)).toBe(0);
    expect(await tasksOfA()).toEqual([]);

    // Even a worker that dead-letters at the first failure, a day later, leaves it alone: it is final.
    const impatient = new OutboxWorker({
      store: n1.services.deps.store,
      transport: n1.services.deps.network.transport,
      metrics: new NetworkMetrics(),
      deadAfterMs: 0,
      now: () => new Date(Date.now() + 24 * 60 * 60_000),
    });
    await impatient.drain();
    expect(await n1.services.deps.store.outbox.get(toC.id)).toMatchObject({
      status: 'declined',
      attempts: 1,
    });
    expect(await tasksOfA()).toEqual([]);
  });

  it('still treats an order refused as unknown_sender as a failure: retried, then a dead letter and a task', async () => {
    const order = await api<OrderView>(n1, tokenA, 'POST', '/orders', orderBody('PO-DECL-1'));
    orderId = order.id;
    await n1.outbox.drain();
    const [sent] = await n1.services.deps.store.outbox.listByConversation(companyA, order.id);
    orderMessageId = sent!.id;
    expect(sent).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: expect.stringMatching(/HTTP 401: .*is not a pinned partner/),
    });
    expect(Date.parse(sent!.nextAttemptAt)).toBeGreaterThan(Date.now() - 1000);
    expect(await metric(n1, 'schakel_delivery_retries_total', C_ID)).toBe(1);

    const impatient = new OutboxWorker({
      store: n1.services.deps.store,
      transport: n1.services.deps.network.transport,
      metrics: new NetworkMetrics(),
      deadAfterMs: 0,
      now: () => new Date(Date.now() + 24 * 60 * 60_000),
    });
    await impatient.drain();
    expect(await n1.services.deps.store.outbox.get(sent!.id)).toMatchObject({ status: 'dead' });
    expect(await tasksOfA()).toEqual([
      expect.objectContaining({ kind: 'document_undelivered', orderId: order.id, messageId: sent!.id }),
    ]);
    expect(await deliveryTo(C_ID)).toEqual(expect.objectContaining({ dead: 1, declined: 1 }));
    // The declined announcement is still not a task, and cannot be resent (nothing failed).
    await expect(api(n1, tokenA, 'POST', `/outbox/${declinedId}/resend`)).rejects.toThrow(/409/);
  });

  it('lets the node that declined pin the company later and get the new keys from its card', async () => {
    const [newest] = await n1.services.deps.store.partners.keys(companyA);
    await connect(n3, n1, A_ID);
    const aOnC = await n3.services.deps.store.companies.findByIdentifier('0106', '11112222');
    expect((await n3.services.deps.store.partners.keys(aOnC!.id)).map((k) => k.kid)).toContain(newest!.kid);

    // The order, signed with the new key, now goes through on a resend.
    await api(n1, tokenA, 'POST', `/outbox/${orderMessageId}/resend`);
    await n1.outbox.drain();
    expect(await n1.services.deps.store.outbox.get(orderMessageId)).toMatchObject({ status: 'delivered' });
    expect(await api<OrderView>(n3, tokenC, 'GET', `/orders/${orderId}`)).toMatchObject({
      number: 'PO-DECL-1',
      role: 'seller',
    });
    expect(await tasksOfA()).toEqual([]);
  });
});
