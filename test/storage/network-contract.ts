// The network repositories' part of the storage contract (PGlite and PostgreSQL): outbox claims never
// hand one row to two claimers, inbox dedup on (sender, message id), and per-conversation sequencing.
// Called from describeStoreContract.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { InboxMessage } from '../../src/storage/inbox-repository.ts';
import { migrate } from '../../src/storage/migrate.ts';
import type { OutboxMessage } from '../../src/storage/outbox-repository.ts';
import type { Store } from '../../src/storage/store.ts';
import { describeCardRegistrationsContract } from './card-registrations-contract.ts';
import { company, unique } from './fixtures.ts';
import { describeOutboxTimelineContract } from './outbox-timeline-contract.ts';

const T = '2026-03-02T10:00:00.000Z';

export function outboxRow(companyId: string, peer: string, over: Partial<OutboxMessage> = {}): OutboxMessage {
  return {
    id: randomUUID(),
    companyId,
    peerCompanyId: peer,
    conversationId: randomUUID(),
    seq: 1,
    documentType: 'Order',
    endpointUrl: 'http://127.0.0.1:1',
    envelope: 'h.p.s',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: T,
    lastError: null,
    receipt: null,
    createdAt: T,
    deliveredAt: null,
    ...over,
  };
}

function inboxRow(receiver: string, sender: string, over: Partial<InboxMessage> = {}): InboxMessage {
  return {
    sender: '0106:11111111',
    messageId: randomUUID(),
    receiverCompanyId: receiver,
    senderCompanyId: sender,
    conversationId: randomUUID(),
    seq: 1,
    documentType: 'Order',
    envelope: 'h.p.s',
    status: 'parked',
    result: {},
    receivedAt: T,
    processedAt: null,
    ...over,
  };
}

export async function twoCompanies(store: Store) {
  const [a, b] = [company(), company()];
  await store.companies.insert(a);
  await store.companies.insert(b);
  await store.partners.insertRemote({
    companyId: b.id,
    participant: `0106:${unique()}`,
    endpointUrl: 'http://127.0.0.1:1',
    documentTypes: ['Order'],
    addedAt: T,
  });
  return { a, b };
}

export function describeNetworkContract(store: () => Store): void {
  describe('outbox', () => {
    it('numbers messages per conversation and hands each due row to exactly one of two concurrent claimers', async () => {
      const s = store();
      const { a, b } = await twoCompanies(s);
      const conversation = randomUUID();
      expect(await s.outbox.nextSeq(a.id, b.id, conversation)).toBe(1);
      await s.outbox.insert(outboxRow(a.id, b.id, { conversationId: conversation }));
      expect(await s.outbox.nextSeq(a.id, b.id, conversation)).toBe(2);
      await expect(
        s.outbox.insert(outboxRow(a.id, b.id, { conversationId: conversation })),
      ).rejects.toThrow();
      // Numbered per receiver: a message to another company naming the same conversation starts at 1.
      const { b: other } = await twoCompanies(s);
      expect(await s.outbox.nextSeq(a.id, other.id, conversation)).toBe(1);
      await s.outbox.insert(outboxRow(a.id, other.id, { conversationId: conversation }));
      expect(await s.outbox.nextSeq(a.id, b.id, conversation)).toBe(2);

      const rows = Array.from({ length: 8 }, () =>
        outboxRow(a.id, b.id, {
          createdAt: '2026-03-02T09:00:00.000Z',
          nextAttemptAt: '2026-03-02T09:00:00.000Z',
        }),
      );
      for (const r of rows) await s.outbox.insert(r);
      const lease = '2026-03-02T10:01:00.000Z';
      const claims = await Promise.all(
        [1, 2, 3].map(() => s.outbox.claimDue('2026-03-02T09:30:00.000Z', lease, 5)),
      );
      const ids = claims.flat().map((m) => m.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.sort()).toEqual(rows.map((r) => r.id).sort());
      // Leased: nothing is due again until the lease ends.
      expect(await s.outbox.claimDue('2026-03-02T09:30:00.000Z', lease, 5)).toEqual([]);
      const again = await s.outbox.claimDue('2026-03-02T10:01:00.000Z', '2026-03-02T10:02:00.000Z', 100);
      expect(again.map((m) => m.id)).toEqual(expect.arrayContaining(ids));
    });

    it('records delivery, retries, dead letters and depth per peer', async () => {
      const s = store();
      const { a, b } = await twoCompanies(s);
      const [one, two] = [outboxRow(a.id, b.id), outboxRow(a.id, b.id)];
      await s.outbox.insert(one);
      await s.outbox.insert(two);
      const peer = (await s.partners.getRemote(b.id))!.participant;
      expect((await s.outbox.depthByPeer()).find((d) => d.peer === peer)?.depth).toBe(2);
      await s.outbox.markRetry(one.id, 'HTTP 503', '2026-03-02T10:00:05.000Z');
      expect(await s.outbox.get(one.id)).toMatchObject({
        attempts: 1,
        lastError: 'HTTP 503',
        status: 'pending',
      });
      await s.outbox.markDelivered(one.id, 'r.e.c', '2026-03-02T10:00:06.000Z');
      await s.outbox.markDead(two.id, 'connection refused');
      expect(await s.outbox.get(one.id)).toMatchObject({
        status: 'delivered',
        receipt: 'r.e.c',
        attempts: 2,
      });
      expect((await s.outbox.deadByCompany(a.id)).map((m) => m.id)).toEqual([two.id]);
      expect((await s.outbox.depthByPeer()).find((d) => d.peer === peer)).toBeUndefined();
      // A resend keeps the message id; a delivered message is not sent again.
      expect(await s.outbox.resend(two.id, T)).toBe(true);
      expect(await s.outbox.get(two.id)).toMatchObject({ id: two.id, status: 'pending' });
      expect(await s.outbox.resend(one.id, T)).toBe(false);
    });

    it('records a partner’s Message Level Response on a sent message; rejections are listed per company', async () => {
      const s = store();
      const { a, b } = await twoCompanies(s);
      const documentId = randomUUID();
      const [one, two] = [outboxRow(a.id, b.id, { documentId }), outboxRow(a.id, b.id)];
      await s.outbox.insert(one);
      await s.outbox.insert(two);
      expect(await s.outbox.get(one.id)).toMatchObject({ documentId, partnerResponse: null });
      expect(await s.outbox.getOf(b.id, one.id)).toBeNull();
      expect((await s.outbox.getOf(a.id, one.id))?.id).toBe(one.id);
      const response = {
        code: 'RE',
        description: 'order unknown',
        documentId: randomUUID(),
        issues: [{ location: '/OrderChange', description: '[BR-1] wrong' }],
        at: T,
      };
      await s.outbox.setPartnerResponse(one.id, response);
      await s.outbox.setPartnerResponse(two.id, { ...response, code: 'AP' });
      expect((await s.outbox.get(one.id))!.partnerResponse).toEqual(response);
      expect((await s.outbox.rejectedByCompany(a.id)).map((m) => m.id)).toEqual([one.id]);
      expect(await s.outbox.rejectedByCompany(b.id)).toEqual([]);
    });

    it('turns key announcements dead-lettered as unknown_sender into declined ones (migration 0011)', async () => {
      const s = store();
      const { a, b } = await twoCompanies(s);
      const unknownSender = 'HTTP 401: envelope refused: sender 0106:11112222 is not a pinned partner';
      const announcement = outboxRow(a.id, b.id, { documentType: 'SchakelKeyAnnouncement' });
      const otherCause = outboxRow(a.id, b.id, { documentType: 'SchakelKeyAnnouncement' });
      const order = outboxRow(a.id, b.id);
      for (const m of [announcement, otherCause, order]) await s.outbox.insert(m);
      await s.outbox.markDead(announcement.id, unknownSender);
      await s.outbox.markDead(otherCause.id, 'connect ECONNREFUSED');
      await s.outbox.markDead(order.id, unknownSender);
      // Run the migration again, as on a node that already had these dead letters.
      await s.database.query(`DELETE FROM schema_migrations WHERE name = '0011-outbox-declined.sql'`);
      expect(await migrate(s.database)).toEqual(['0011-outbox-declined.sql']);
      expect((await s.outbox.get(announcement.id))?.status).toBe('declined');
      expect((await s.outbox.timeline(a.id, announcement.id)).at(-1)).toMatchObject({
        event: 'declined',
        detail: { reason: 'unknown_sender', backfilled: true },
      });
      // Only an announcement, and only for that reason: the rest stay dead letters (tasks).
      expect((await s.outbox.get(otherCause.id))?.status).toBe('dead');
      expect((await s.outbox.get(order.id))?.status).toBe('dead');
      expect((await s.outbox.deadByCompany(a.id)).map((m) => m.id).sort()).toEqual(
        [otherCause.id, order.id].sort(),
      );
    });

    it('counts a company’s messages per partner by status, with the last delivery', async () => {
      const s = store();
      const { a, b } = await twoCompanies(s);
      expect(await s.outbox.deliveryByPeer(a.id)).toEqual([]);
      const rows = [1, 2, 3, 4, 5].map(() => outboxRow(a.id, b.id));
      for (const r of rows) await s.outbox.insert(r);
      await s.outbox.markDelivered(rows[0]!.id, 'r.e.c', '2026-03-02T10:00:06.000Z');
      await s.outbox.markDelivered(rows[1]!.id, 'r.e.c', '2026-03-02T11:00:00.000Z');
      await s.outbox.markDead(rows[2]!.id, 'connection refused');
      await s.outbox.markDeclined(
        rows[4]!.id,
        'HTTP 401: not pinned',
        { at: T, httpStatus: 401, reason: 'not pinned' },
        'unknown_sender',
      );
      expect(await s.outbox.deliveryByPeer(a.id)).toEqual([
        {
          peerCompanyId: b.id,
          delivered: 2,
          pending: 1,
          dead: 1,
          declined: 1,
          lastDeliveredAt: '2026-03-02T11:00:00.000Z',
        },
      ]);
      // Only the sender's own messages count.
      expect(await s.outbox.deliveryByPeer(b.id)).toEqual([]);
    });
  });

  describe('inbox', () => {
    it('stores a (sender, message id) once and a seq of a conversation once', async () => {
      const s = store();
      const { a, b } = await twoCompanies(s);
      const first = inboxRow(a.id, b.id);
      expect(await s.inbox.insert(first)).toBe(true);
      expect(await s.inbox.insert({ ...first, envelope: 'other' })).toBe(false);
      expect((await s.inbox.get(first.sender, first.messageId))?.envelope).toBe('h.p.s');
      // Another message claiming the same seq of the same conversation is refused too.
      expect(await s.inbox.insert({ ...first, messageId: randomUUID() })).toBe(false);
    });

    it('knows the last processed seq and finds the parked successor', async () => {
      const s = store();
      const { a, b } = await twoCompanies(s);
      const conversationId = randomUUID();
      const m = (seq: number) => inboxRow(a.id, b.id, { conversationId, seq });
      const [m1, m2, m3] = [m(1), m(2), m(3)];
      // Conversations whose next message is parked with nothing missing before it (sweep-parked-inbox).
      const unblocked = async () =>
        (await s.inbox.unblockedParked(1000)).filter((x) => x.conversationId === conversationId);
      await s.inbox.insert(m3);
      expect(await s.inbox.lastProcessedSeq(a.id, b.id, conversationId)).toBe(0);
      // What an arriving message learns about its conversation, in one statement.
      const state = (messageId: string, seq: number) =>
        s.inbox.sequenceState(
          { receiver: a.id, sender: b.id, conversationId },
          { sender: m1.sender, messageId, seq },
        );
      expect(await state(m3.messageId, 3)).toMatchObject({
        existing: { status: 'parked' },
        lastProcessed: 0,
        seqTaken: true,
        parkedWaiting: true,
      });
      expect(await state(m1.messageId, 1)).toEqual({
        existing: null,
        lastProcessed: 0,
        seqTaken: false,
        parkedWaiting: true,
      });
      expect(await unblocked()).toEqual([]);
      await s.inbox.insert(m1);
      expect(await unblocked()).toEqual([{ receiverCompanyId: a.id, senderCompanyId: b.id, conversationId }]);
      await s.inbox.markProcessed(m1.sender, m1.messageId, 'applied', { kind: 'order.issued' }, T);
      expect(await s.inbox.lastProcessedSeq(a.id, b.id, conversationId)).toBe(1);
      expect(await s.inbox.parked(a.id, b.id, conversationId, 2)).toBeNull();
      expect(await unblocked()).toEqual([]);
      await s.inbox.insert(m2);
      expect((await s.inbox.parked(a.id, b.id, conversationId, 2))?.messageId).toBe(m2.messageId);
      await s.inbox.markProcessed(m2.sender, m2.messageId, 'failed', { error: 'unknown order' }, T);
      expect(await s.inbox.lastProcessedSeq(a.id, b.id, conversationId)).toBe(2);
      expect((await s.inbox.parked(a.id, b.id, conversationId, 3))?.messageId).toBe(m3.messageId);
      expect(await unblocked()).toHaveLength(1);
      await s.inbox.markProcessed(m3.sender, m3.messageId, 'applied', {}, T);
      expect(await state(randomUUID(), 4)).toEqual({
        existing: null,
        lastProcessed: 3,
        seqTaken: false,
        parkedWaiting: false,
      });
      expect(await unblocked()).toEqual([]);
      expect((await s.inbox.get(m2.sender, m2.messageId))?.result).toEqual({ error: 'unknown order' });
    });
  });

  describe('pinned keys', () => {
    it('records when the last key announcement of a partner was applied, and changes key validity', async () => {
      const s = store();
      const { b } = await twoCompanies(s);
      expect(await s.partners.keysAnnouncedAt(b.id)).toBeNull();
      await s.partners.setKeysAnnouncedAt(b.id, '2026-03-02T10:00:00.123Z');
      expect(await s.partners.keysAnnouncedAt(b.id)).toBe('2026-03-02T10:00:00.123Z');
      const key = {
        companyId: b.id,
        kid: 'k1',
        publicJwk: { kty: 'OKP', crv: 'Ed25519', x: 'x' },
        privateJwk: null,
        validFrom: T,
        validUntil: null,
      };
      await s.partners.insertKey(key);
      await s.partners.expireKey(b.id, 'k1', '2026-03-09T10:00:00.000Z');
      expect((await s.partners.keys(b.id))[0]!.validUntil).toBe('2026-03-09T10:00:00.000Z');
      await s.partners.expireKey(b.id, 'k1', null);
      expect((await s.partners.keys(b.id))[0]!.validUntil).toBeNull();
    });
  });

  describe('directory', () => {
    it('stores a registered card proof unchanged and keeps the first registration time on replace', async () => {
      const s = store();
      const participant = `0106:${unique()}`;
      expect(await s.directory.get(participant)).toBeNull();
      const proof = { payload: 'eyJhIjoxfQ', signatures: [{ protected: 'eyJ9', signature: 'c2ln' }] };
      await s.directory.put({ participant, proof, issuedAt: T, registeredAt: T, updatedAt: T });
      expect(await s.directory.get(participant)).toEqual({
        participant,
        proof,
        issuedAt: T,
        registeredAt: T,
        updatedAt: T,
      });
      const later = '2026-03-03T10:00:00.000Z';
      const newer = { ...proof, payload: 'eyJhIjoyfQ' };
      await s.transaction(async (tx) => {
        await tx.directory.lock(participant);
        await tx.directory.put({
          participant,
          proof: newer,
          issuedAt: later,
          registeredAt: later,
          updatedAt: later,
        });
      });
      expect(await s.directory.get(participant)).toEqual({
        participant,
        proof: newer,
        issuedAt: later,
        registeredAt: T,
        updatedAt: later,
      });
    });
  });
  describeOutboxTimelineContract(store);
  describeCardRegistrationsContract(store);
}
