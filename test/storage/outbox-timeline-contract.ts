// The delivery timeline's part of the storage contract (PGlite and PostgreSQL): every outbox change
// appends its event in the same statement, in order, with what happened; nothing is appended for a change
// that did not happen; a company sees only its own messages' timelines. Called from describeNetworkContract.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/storage/store.ts';
import { outboxRow, twoCompanies } from './network-contract.ts';

const at = (s: number) => new Date(Date.parse('2026-03-02T10:00:00.000Z') + s * 1000).toISOString();

export function describeOutboxTimelineContract(store: () => Store): void {
  describe('outbox delivery timeline', () => {
    it('records queued, each attempt with its outcome, dead letter, resend, receipt and partner response', async () => {
      const s = store();
      const { a, b } = await twoCompanies(s);
      const m = outboxRow(a.id, b.id, { createdAt: at(0), nextAttemptAt: at(0), seq: 1 });
      await s.outbox.insert(m);
      await s.outbox.markRetry(m.id, 'HTTP 503: maintenance', at(2), {
        at: at(1),
        httpStatus: 503,
        reason: 'maintenance',
      });
      await s.outbox.markRetry(m.id, 'connect ECONNREFUSED', at(4), {
        at: at(3),
        httpStatus: null,
        reason: 'connect ECONNREFUSED',
      });
      // Two holds in a row are one event.
      await s.outbox.holdForBreaker(m.id, at(30), at(5));
      await s.outbox.holdForBreaker(m.id, at(60), at(31));
      await s.outbox.markDead(m.id, 'HTTP 401: unknown_key', {
        at: at(61),
        httpStatus: 401,
        reason: 'unknown_key',
      });
      expect(await s.outbox.resend(m.id, at(100))).toBe(true);
      await s.outbox.markDelivered(m.id, 'r.e.c', at(101), { receivedAt: at(101), status: 'accepted' });
      const mlr = randomUUID();
      await s.outbox.setPartnerResponse(m.id, {
        code: 'RE',
        description: 'unknown order',
        documentId: mlr,
        issues: [{ location: '/Order', description: 'x' }],
        at: at(200),
      });

      expect(await s.outbox.timeline(a.id, m.id)).toEqual([
        { at: at(0), event: 'queued', detail: { seq: 1, documentType: 'Order' } },
        {
          at: at(1),
          event: 'attempt',
          detail: { attempt: 1, outcome: 'refused', httpStatus: 503, reason: 'maintenance', retryAt: at(2) },
        },
        {
          at: at(3),
          event: 'attempt',
          detail: { attempt: 2, outcome: 'network_error', error: 'connect ECONNREFUSED', retryAt: at(4) },
        },
        { at: at(5), event: 'attempt', detail: { outcome: 'breaker_open', retryAt: at(30) } },
        {
          at: at(61),
          event: 'attempt',
          detail: { attempt: 3, outcome: 'refused', httpStatus: 401, reason: 'unknown_key' },
        },
        { at: at(61), event: 'dead_lettered', detail: { reason: 'HTTP 401: unknown_key' } },
        { at: at(100), event: 'resent', detail: {} },
        { at: at(101), event: 'attempt', detail: { attempt: 1, outcome: 'delivered' } },
        { at: at(101), event: 'receipt_stored', detail: { receivedAt: at(101), receiptStatus: 'accepted' } },
        {
          at: at(200),
          event: 'partner_response',
          detail: { code: 'RE', description: 'unknown order', documentId: mlr, issues: 1 },
        },
      ]);
      // Attempts on the wire in total, across the resend; the row counts only those since.
      const [listed] = await s.outbox.listByConversation(a.id, m.conversationId);
      expect(listed).toMatchObject({ id: m.id, status: 'delivered', attempts: 1, totalAttempts: 4 });
    });

    it('appends nothing for a change that did not happen, and nothing another company can read', async () => {
      const s = store();
      const { a, b } = await twoCompanies(s);
      const m = outboxRow(a.id, b.id);
      await s.outbox.insert(m);
      // Not dead: no resend, no event.
      expect(await s.outbox.resend(m.id, at(1))).toBe(false);
      // A duplicate (conversation, seq) is refused and leaves no 'queued' event behind.
      const dup = outboxRow(a.id, b.id, { conversationId: m.conversationId });
      await expect(s.outbox.insert(dup)).rejects.toThrow();
      expect(await s.outbox.timeline(a.id, dup.id)).toEqual([]);
      // A rolled-back transaction takes its events with it.
      await expect(
        s.transaction(async (tx) => {
          await tx.outbox.markDelivered(m.id, 'r.e.c', at(2), null);
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      // Without a failure, an error is a network error at the database's clock.
      await s.outbox.markRetry(m.id, 'socket hang up', at(9));
      const timeline = await s.outbox.timeline(a.id, m.id);
      expect(timeline.map((e) => e.event)).toEqual(['queued', 'attempt']);
      expect(timeline[1]!.detail).toEqual({
        attempt: 1,
        outcome: 'network_error',
        error: 'socket hang up',
        retryAt: at(9),
      });
      expect(Number.isNaN(Date.parse(timeline[1]!.at))).toBe(false);
      // Tenant isolation: the peer company and a stranger see nothing.
      expect(await s.outbox.timeline(b.id, m.id)).toEqual([]);
      expect(await s.outbox.listByConversation(b.id, m.conversationId)).toEqual([]);
      expect((await s.outbox.listByConversation(a.id, m.conversationId)).map((x) => x.id)).toEqual([m.id]);
      expect(await s.outbox.timeline(a.id, randomUUID())).toEqual([]);
    });

    it('records a declined key announcement as final: no longer due, no dead letter, no depth', async () => {
      const s = store();
      const { a, b } = await twoCompanies(s);
      const m = outboxRow(a.id, b.id, {
        documentType: 'SchakelKeyAnnouncement',
        createdAt: at(0),
        nextAttemptAt: at(0),
      });
      await s.outbox.insert(m);
      const depth = async () => (await s.outbox.depthByPeer()).reduce((n, d) => n + d.depth, 0);
      const depthBefore = await depth();
      await s.outbox.markDeclined(
        m.id,
        'HTTP 401: envelope refused: sender is not a pinned partner',
        { at: at(1), httpStatus: 401, reason: 'envelope refused: sender is not a pinned partner' },
        'unknown_sender',
      );
      expect(await s.outbox.get(m.id)).toMatchObject({
        status: 'declined',
        attempts: 1,
        lastError: 'HTTP 401: envelope refused: sender is not a pinned partner',
        deliveredAt: null,
      });
      expect(await s.outbox.timeline(a.id, m.id)).toEqual([
        { at: at(0), event: 'queued', detail: { seq: 1, documentType: 'SchakelKeyAnnouncement' } },
        {
          at: at(1),
          event: 'attempt',
          detail: {
            attempt: 1,
            outcome: 'refused',
            httpStatus: 401,
            reason: 'envelope refused: sender is not a pinned partner',
          },
        },
        { at: at(1), event: 'declined', detail: { reason: 'unknown_sender' } },
      ]);
      // Final: not a dead letter (no task), not waiting (no depth), not resendable.
      expect((await s.outbox.deadByCompany(a.id)).map((x) => x.id)).not.toContain(m.id);
      expect(await depth()).toBe(depthBefore - 1);
      expect(await s.outbox.resend(m.id, at(2))).toBe(false);
      // Only a pending message can be declined: a second answer changes nothing and writes no event.
      await s.outbox.markDeclined(m.id, 'again', { at: at(3), httpStatus: 401, reason: 'again' }, 'x');
      expect(await s.outbox.timeline(a.id, m.id)).toHaveLength(3);
    });
  });
}
