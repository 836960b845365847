// Undelivered documents: a message the delivery worker gives up on becomes a task of its sender, and a
// resend puts the very same message (same ID, same envelope) back in the queue.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../../src/domain/tasks.ts';
import { httpTransport } from '../../../src/network/http-transport.ts';
import { NetworkMetrics } from '../../../src/network/metrics.ts';
import { OutboxWorker } from '../../../src/network/outbox-worker.ts';
import type { Store } from '../../../src/storage/store.ts';
import { callerOf, orderInput, pgliteStore, servicesFor, T0, trade, type TestStore } from '../harness.ts';

let ts: TestStore;
let store: Store;
beforeAll(async () => {
  ts = await pgliteStore();
  store = ts.store;
});
afterAll(() => ts?.close());

/** Writes an outgoing message of `companyId` about its order copy `orderId` to a node that is down. */
async function queue(companyId: string, peer: string, orderId: string): Promise<string> {
  const id = randomUUID();
  await store.outbox.insert({
    id,
    companyId,
    peerCompanyId: peer,
    conversationId: orderId,
    seq: await store.outbox.nextSeq(companyId, peer, orderId),
    documentType: 'Order',
    // Nothing listens on port 1: every attempt fails with a connection error.
    endpointUrl: 'http://127.0.0.1:1',
    envelope: 'h.p.s',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: T0,
    lastError: null,
    receipt: null,
    createdAt: T0,
    deliveredAt: null,
  });
  return id;
}

/** A worker that gives up on the first failure. */
const impatientWorker = () =>
  new OutboxWorker({ store, transport: httpTransport(2_000), metrics: new NetworkMetrics(), deadAfterMs: 0 });

const undelivered = (tasks: Task[]) => tasks.filter((x) => x.kind === 'document_undelivered');

describe('undelivered documents', () => {
  it('become a task of the sender after dead letter and leave the list when resent', async () => {
    const s = servicesFor(store, { at: T0 });
    const t = await trade(s, 'Dead');
    const order = await s.issueOrder(t.asBuyer, orderInput(t));
    const id = await queue(t.buyer.id, t.seller.id, order.id);

    expect(undelivered(await s.listTasks(t.asBuyer))).toEqual([]);
    await impatientWorker().drain();
    const dead = await store.outbox.get(id);
    expect(dead?.status).toBe('dead');

    const tasks = await s.listTasks(t.asBuyer);
    expect(tasks[0]).toEqual({
      kind: 'document_undelivered',
      orderId: order.id,
      orderNumber: order.number,
      partner: t.seller.name,
      lineIds: [],
      since: T0,
      messageId: id,
      documentType: 'Order',
      lastError: dead!.lastError,
    });
    expect(dead!.lastError).toBeTruthy();
    // Only the sender sees it.
    expect(undelivered(await s.listTasks(t.asSeller))).toEqual([]);

    const partner = async () => (await s.listPartners(t.asBuyer)).find((p) => p.id === t.seller.id)?.delivery;
    // The order itself reached the seller on this node (delivered at once); the faked message did not.
    expect(await partner()).toEqual({ delivered: 1, pending: 0, dead: 1, declined: 0, lastDeliveredAt: T0 });

    const resent = await s.resendMessage(t.asBuyer, id);
    expect(resent).toEqual({ messageId: id, status: 'pending', nextAttemptAt: T0 });
    expect(await store.outbox.get(id)).toMatchObject({ id, status: 'pending', envelope: 'h.p.s' });
    expect(undelivered(await s.listTasks(t.asBuyer))).toEqual([]);
    expect(await partner()).toEqual({ delivered: 1, pending: 1, dead: 0, declined: 0, lastDeliveredAt: T0 });
    // Once queued it cannot be resent again.
    await expect(s.resendMessage(t.asBuyer, id)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('refuses viewers and hides other companies’ messages', async () => {
    const s = servicesFor(store, { at: T0 });
    const t = await trade(s, 'Guard');
    const order = await s.issueOrder(t.asBuyer, orderInput(t));
    const id = await queue(t.buyer.id, t.seller.id, order.id);
    await impatientWorker().drain();

    await expect(s.resendMessage(callerOf(t.buyer, 'viewer'), id)).rejects.toMatchObject({
      code: 'forbidden',
    });
    // Sales may not act on a purchase order either.
    await expect(s.resendMessage(callerOf(t.buyer, 'sales'), id)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(s.resendMessage(t.asSeller, id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(s.resendMessage(t.asBuyer, randomUUID())).rejects.toMatchObject({ code: 'not_found' });
    expect((await store.outbox.get(id))?.status).toBe('dead');
    await s.resendMessage(callerOf(t.buyer, 'admin'), id);
    expect((await store.outbox.get(id))?.status).toBe('pending');
  });

  it('gives a resent message a full retry budget, counted from the resend', async () => {
    const s = servicesFor(store, { at: T0 });
    const t = await trade(s, 'Budget');
    const order = await s.issueOrder(t.asBuyer, orderInput(t));
    const id = await queue(t.buyer.id, t.seller.id, order.id);
    // Dead letter after one hour; the first attempt comes two hours after the message was written.
    const hour = 60 * 60_000;
    const workerAt = (at: Date) =>
      new OutboxWorker({
        store,
        transport: httpTransport(2_000),
        metrics: new NetworkMetrics(),
        deadAfterMs: hour,
        now: () => at,
      });
    const later = new Date(Date.parse(T0) + 2 * hour);
    await workerAt(later).drain();
    expect((await store.outbox.get(id))?.status).toBe('dead');

    await servicesFor(store, { at: later.toISOString() }).resendMessage(t.asBuyer, id);
    const resent = await store.outbox.get(id);
    expect(resent).toMatchObject({ status: 'pending', attempts: 0, requeuedAt: later.toISOString() });
    // A failure right after the resend is retried, not dead-lettered again at once.
    await workerAt(later).drain();
    const retried = await store.outbox.get(id);
    expect(retried).toMatchObject({ status: 'pending', attempts: 1 });
    expect(Date.parse(retried!.nextAttemptAt)).toBeGreaterThan(later.getTime());
    // An hour after the resend it goes to dead letter again.
    await workerAt(new Date(later.getTime() + hour + 1)).drain();
    expect((await store.outbox.get(id))?.status).toBe('dead');
  });
});
