// POST /outbox/{id}/resend: an undelivered document goes back in the queue under the same message ID,
// for the sending company only and never for a viewer; the task list follows.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../src/domain/tasks.ts';
import { call, createApiFixture, issue, problemOf, type ApiFixture } from './api-fixture.ts';

let f: ApiFixture;
let orderId: string;
let messageId: string;

beforeAll(async () => {
  f = await createApiFixture();
  orderId = await issue(f, 'PO-DEAD-1');
  messageId = randomUUID();
  const at = new Date().toISOString();
  await f.store.outbox.insert({
    id: messageId,
    companyId: f.buyer.company.id,
    peerCompanyId: f.seller.company.id,
    conversationId: orderId,
    // After the order's own message, which reached the seller on this node.
    seq: await f.store.outbox.nextSeq(f.buyer.company.id, f.seller.company.id, orderId),
    documentType: 'Order',
    endpointUrl: 'http://127.0.0.1:1',
    envelope: 'h.p.s',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: at,
    lastError: null,
    receipt: null,
    createdAt: at,
    deliveredAt: null,
  });
  await f.store.outbox.markDead(messageId, 'connect ECONNREFUSED 127.0.0.1:1');
});
afterAll(() => f?.close());

const resend = (id: string, token: string) => call(f.app, 'POST', `/api/v1/outbox/${id}/resend`, { token });

async function undelivered(token: string): Promise<Task[]> {
  const r = await call(f.app, 'GET', '/api/v1/tasks', { token });
  expect(r.statusCode).toBe(200);
  return r.json<{ items: Task[] }>().items.filter((x) => x.kind === 'document_undelivered');
}

describe('resend', () => {
  it('lists the dead letter as a task of the sender only', async () => {
    expect(await undelivered(f.buyer.tokens.viewer)).toEqual([
      expect.objectContaining({
        orderId,
        orderNumber: 'PO-DEAD-1',
        partner: f.seller.company.name,
        messageId,
        documentType: 'Order',
        lastError: 'connect ECONNREFUSED 127.0.0.1:1',
      }),
    ]);
    expect(await undelivered(f.seller.tokens.admin)).toEqual([]);
  });

  it('refuses a viewer and answers 404 to other companies and malformed ids', async () => {
    expect((await resend(messageId, f.buyer.tokens.viewer)).statusCode).toBe(403);
    const foreign = await resend(messageId, f.outsider.tokens.admin);
    expect(foreign.statusCode).toBe(404);
    expect(problemOf(foreign).status).toBe(404);
    expect((await resend(messageId, f.seller.tokens.sales)).statusCode).toBe(404);
    expect((await resend('not-a-uuid', f.buyer.tokens.admin)).statusCode).toBe(404);
    expect((await f.store.outbox.get(messageId))?.status).toBe('dead');
  });

  it('requeues the message under the same id, once', async () => {
    const r = await resend(messageId, f.buyer.tokens.purchasing);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ messageId, status: 'pending' });
    expect(await f.store.outbox.get(messageId)).toMatchObject({ id: messageId, status: 'pending' });
    expect(await undelivered(f.buyer.tokens.viewer)).toEqual([]);
    const again = await resend(messageId, f.buyer.tokens.purchasing);
    expect(again.statusCode).toBe(409);
  });

  it('shows the dead letter and the resend in the message’s timeline, to the sender only', async () => {
    const r = await call(f.app, 'GET', `/api/v1/outbox/${messageId}`, { token: f.buyer.tokens.viewer });
    expect(r.statusCode).toBe(200);
    const m = r.json<{ status: string; orderId: string; timeline: { event: string; reason?: string }[] }>();
    expect(m).toMatchObject({ status: 'pending', orderId });
    expect(m.timeline.map((e) => e.event)).toEqual(['queued', 'attempt', 'dead_lettered', 'resent']);
    expect(m.timeline[2]!.reason).toBe('connect ECONNREFUSED 127.0.0.1:1');
    const list = await call(f.app, 'GET', `/api/v1/orders/${orderId}/deliveries`, {
      token: f.buyer.tokens.viewer,
    });
    // The order's own message (delivered at once to the seller on this node), then the dead letter.
    expect(
      list
        .json<{ items: { messageId: string; documentType: string; status: string }[] }>()
        .items.map((x) => [x.messageId === messageId, x.documentType, x.status]),
    ).toEqual([
      [false, 'Order', 'delivered'],
      [true, 'Order', 'pending'],
    ]);
    for (const token of [f.outsider.tokens.admin, f.seller.tokens.admin]) {
      const foreign = await call(f.app, 'GET', `/api/v1/outbox/${messageId}`, { token });
      expect(foreign.statusCode).toBe(404);
      expect(problemOf(foreign).status).toBe(404);
    }
  });
});
