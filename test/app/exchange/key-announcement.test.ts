// Key rotation across two real nodes on loopback (real HTTP, PGlite each): company A on node 1 rotates
// its key, node 1 announces the new key set to node 2 through the outbox, signed with the key node 2
// pinned, and node 2 then accepts A's envelopes signed with the new key. Forged announcements (not
// signed by a pinned key) are refused and change nothing; older announcements never roll keys back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNode, type RunningNode } from '../../../src/cli/start-node.ts';
import type { OrderView } from '../../../src/domain/order-view.ts';
import { sealEnvelope } from '../../../src/network/envelope.ts';
import {
  KEY_ANNOUNCEMENT_TYPE,
  keyConversationId,
  writeKeyAnnouncement,
  type KeyAnnouncement,
} from '../../../src/network/key-announcement.ts';
import { generateSigningKey, type StoredKey } from '../../../src/network/keys.ts';
import { uuidV7 } from '../../../src/network/uuid-v7.ts';
import { api, connect } from '../../support/network-nodes.ts';

const A_ID = '0106:11112222';
const B_ID = '0106:33334444';

let n1: RunningNode;
let n2: RunningNode;
let tokenA: string;
let tokenB: string;
let companyA: string;

const inboxPost = (node: RunningNode, body: string) =>
  fetch(`${node.url}/network/v1/inbox`, {
    method: 'POST',
    headers: { 'content-type': 'application/jose' },
    body,
  });

/** The keys node 2 pins for A: kid and validity, newest first. */
async function pinnedOnB() {
  const a = await n2.services.deps.store.companies.findByIdentifier('0106', '11112222');
  const keys = await n2.services.deps.store.partners.keys(a!.id);
  return keys.map((k) => ({ kid: k.kid, validFrom: k.validFrom, validUntil: k.validUntil }));
}

/** A's own keys on node 1 (with private parts), newest first. */
const ownKeysOfA = () => n1.services.deps.store.partners.keys(companyA);

const orderBody = (number: string) => ({
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

/** An announcement envelope from A to B signed with `key`, as an attacker or a replayer would build it. */
async function announcementFrom(key: StoredKey, announcement: KeyAnnouncement, seq: number) {
  const { jws } = await sealEnvelope(
    {
      messageId: uuidV7(new Date()),
      conversationId: keyConversationId(A_ID),
      seq,
      sender: A_ID,
      receiver: B_ID,
      documentType: KEY_ANNOUNCEMENT_TYPE,
      createdAt: new Date().toISOString(),
    },
    writeKeyAnnouncement(announcement),
    key,
  );
  return jws;
}

const rejectedCount = async (node: RunningNode, reason: string) => {
  const text = await (await fetch(`${node.url}/metrics`)).text();
  const m = new RegExp(`schakel_inbound_rejected_total\\{reason="${reason}"\\} (\\d+)`).exec(text);
  return m ? Number(m[1]) : 0;
};

beforeAll(async () => {
  [n1, n2] = await Promise.all([startNode({ deliveryIntervalMs: 0 }), startNode({ deliveryIntervalMs: 0 })]);
  const a = await n1.services.registerCompany({
    name: 'Machinebouw A BV',
    identifiers: [A_ID],
    country: 'NL',
  });
  const b = await n2.services.registerCompany({ name: 'Draaierij B BV', identifiers: [B_ID], country: 'NL' });
  companyA = a.id;
  tokenA = (await n1.services.createApiToken(a.id, { name: 'erp', role: 'admin' })).token;
  tokenB = (await n2.services.createApiToken(b.id, { name: 'erp', role: 'admin' })).token;
  await connect(n1, n2, B_ID);
  await connect(n2, n1, A_ID);
}, 240_000);

afterAll(async () => {
  await n1?.close();
  await n2?.close();
});

describe('key rotation between two nodes', { timeout: 120_000 }, () => {
  let firstAnnouncement: string;
  let originalKey: StoredKey;

  it('announces the new key to the partner node, which then accepts what the new key signs', async () => {
    originalKey = (await ownKeysOfA())[0]!;
    expect(await pinnedOnB()).toEqual([expect.objectContaining({ kid: originalKey!.kid, validUntil: null })]);

    // Only admins rotate.
    const viewer = (await n1.services.createApiToken(companyA, { name: 'look', role: 'viewer' })).token;
    await expect(api(n1, viewer, 'POST', '/keys/rotate', { graceDays: 3 })).rejects.toThrow(/403/);

    const rotated = await api<{ fingerprint: string; announcedTo: string[] }>(
      n1,
      tokenA,
      'POST',
      '/keys/rotate',
      { graceDays: 3 },
    );
    expect(rotated.announcedTo).toEqual([B_ID]);
    const [newKey, oldKey] = await ownKeysOfA();
    expect(oldKey!.kid).toBe(originalKey!.kid);
    expect(Date.parse(oldKey!.validUntil!) - Date.parse(newKey!.validFrom)).toBe(3 * 24 * 60 * 60_000);

    // The announcement is an ordinary outbox envelope, signed with the old key (the one B pins).
    const [queued] = (await n1.services.deps.store.outbox.listByCompany(companyA)).filter(
      (m) => m.documentType === KEY_ANNOUNCEMENT_TYPE,
    );
    expect(queued).toMatchObject({ status: 'pending', conversationId: keyConversationId(A_ID), seq: 1 });
    const header = JSON.parse(Buffer.from(queued!.envelope.split('.')[0]!, 'base64url').toString()) as {
      kid: string;
    };
    expect(header.kid).toBe(originalKey!.kid);
    firstAnnouncement = queued!.envelope;

    await n1.outbox.drain();
    expect(await n1.services.deps.store.outbox.get(queued!.id)).toMatchObject({ status: 'delivered' });
    expect(await pinnedOnB()).toEqual([
      { kid: newKey!.kid, validFrom: newKey!.validFrom, validUntil: null },
      { kid: oldKey!.kid, validFrom: oldKey!.validFrom, validUntil: oldKey!.validUntil },
    ]);

    // An order from A is now signed with the new key, and B accepts it.
    const order = await api<OrderView>(n1, tokenA, 'POST', '/orders', orderBody('PO-KEY-1'));
    const [sent] = (await n1.services.deps.store.outbox.listByCompany(companyA)).filter(
      (m) => m.conversationId === order.id,
    );
    expect(JSON.parse(Buffer.from(sent!.envelope.split('.')[0]!, 'base64url').toString())).toMatchObject({
      kid: newKey!.kid,
    });
    await n1.outbox.drain();
    expect(await n1.services.deps.store.outbox.get(sent!.id)).toMatchObject({ status: 'delivered' });
    expect(await api<OrderView>(n2, tokenB, 'GET', `/orders/${order.id}`)).toMatchObject({
      number: 'PO-KEY-1',
      role: 'seller',
    });
  });

  it('refuses a forged announcement (not signed by a pinned key) and changes nothing', async () => {
    const before = await pinnedOnB();
    const metricBefore = await rejectedCount(n2, 'unpinned_key_announcement');
    const evil = await generateSigningKey(companyA, new Date(Date.now() - 1000).toISOString());
    const forged: KeyAnnouncement = {
      participant: A_ID,
      issuedAt: new Date().toISOString(),
      keys: [{ jwk: evil.publicJwk, validFrom: evil.validFrom, validUntil: null }],
    };
    // Signed by the attacker's own key: its kid is not pinned.
    const own = await inboxPost(n2, await announcementFrom(evil, forged, 50));
    expect(own.status).toBe(401);
    expect(await own.json()).toMatchObject({
      code: 'unauthenticated',
      reason: 'unpinned_key_announcement',
      detail: expect.stringMatching(/not signed by a key pinned for the sender \(unknown_key/),
    });
    // Claiming the kid of the pinned key, but signed by the attacker's key.
    const [pinnedKid] = before.map((k) => k.kid);
    const claimed = await inboxPost(n2, await announcementFrom({ ...evil, kid: pinnedKid! }, forged, 51));
    expect(claimed.status).toBe(401);
    expect(await claimed.json()).toMatchObject({ reason: 'unpinned_key_announcement' });

    expect(await pinnedOnB()).toEqual(before);
    expect(await rejectedCount(n2, 'unpinned_key_announcement')).toBe(metricBefore + 2);
    const bId = (await n2.services.deps.store.companies.findByIdentifier('0106', '33334444'))!.id;
    const stored = await n2.services.deps.store.inbox.listByReceiver(bId);
    expect(stored.filter((m) => m.documentType === KEY_ANNOUNCEMENT_TYPE)).toHaveLength(1);
  });

  it('does not roll keys back for a replayed or older announcement', async () => {
    // The exact envelope again: recognised as a duplicate.
    const again = await inboxPost(n2, firstAnnouncement);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true });

    // A second rotation, delivered: B pins three keys.
    await api(n1, tokenA, 'POST', '/keys/rotate', { graceDays: 2 });
    await n1.outbox.drain();
    const after = await pinnedOnB();
    expect(after).toHaveLength(3);
    expect(after[0]!.validUntil).toBeNull();
    expect(after[1]!.validUntil).not.toBeNull();

    // The first announcement's content, sent anew (fresh message id and time) and signed by the original
    // key, which B still pins: accepted with a receipt, but it must not reopen or drop any key.
    const firstPayload = JSON.parse(
      Buffer.from(firstAnnouncement.split('.')[1]!, 'base64url').toString(),
    ) as KeyAnnouncement;
    const replay = await inboxPost(n2, await announcementFrom(originalKey, firstPayload, 60));
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ duplicate: false, status: 'applied' });
    expect(await pinnedOnB()).toEqual(after);

    // And the newest key still carries A's orders.
    const order = await api<OrderView>(n1, tokenA, 'POST', '/orders', orderBody('PO-KEY-2'));
    await n1.outbox.drain();
    expect(await api<OrderView>(n2, tokenB, 'GET', `/orders/${order.id}`)).toMatchObject({
      number: 'PO-KEY-2',
    });
  });

  it('says unknown_key for an envelope signed by a key not yet announced, and delivers after the announcement', async () => {
    await api(n1, tokenA, 'POST', '/keys/rotate', {});
    const order = await api<OrderView>(n1, tokenA, 'POST', '/orders', orderBody('PO-KEY-3'));
    const [sent] = (await n1.services.deps.store.outbox.listByCompany(companyA)).filter(
      (m) => m.conversationId === order.id,
    );
    // Straight to B, ahead of the announcement still in A's outbox.
    const early = await inboxPost(n2, sent!.envelope);
    expect(early.status).toBe(401);
    expect(await early.json()).toMatchObject({
      reason: 'unknown_key',
      detail: expect.stringMatching(/is not pinned for sender 0106:11112222/),
    });
    await n1.outbox.drain();
    expect(await n1.services.deps.store.outbox.get(sent!.id)).toMatchObject({ status: 'delivered' });
    expect(await pinnedOnB()).toHaveLength(4);
    expect(await api<OrderView>(n2, tokenB, 'GET', `/orders/${order.id}`)).toMatchObject({
      number: 'PO-KEY-3',
    });
  });
});
