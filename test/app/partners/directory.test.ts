// A directory node between three real nodes on loopback (real HTTP, PGlite each): company B's node
// registers B's signed card at the directory; company A's node finds B there, pins B after the
// fingerprint check and then exchanges an order with B's node directly. The directory can neither
// change a card nor let anyone else take a registration over.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNode, type RunningNode } from '../../../src/cli/start-node.ts';
import type { OrderView } from '../../../src/domain/order-view.ts';
import { signCardProof, type CardProof } from '../../../src/network/card-proof.ts';
import { DIRECTORY_CARDS_PATH } from '../../../src/network/http-transport.ts';
import { generateSigningKey } from '../../../src/network/keys.ts';
import { api } from '../../support/network-nodes.ts';

const A_ID = '0106:11112222';
const B_ID = '0106:33334444';

let dir: RunningNode;
let na: RunningNode;
let nb: RunningNode;
let tokenA: string;
let tokenB: string;

const register = (node: RunningNode, proof: unknown) =>
  fetch(`${node.url}${DIRECTORY_CARDS_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(proof),
  });

const cardAt = async (node: RunningNode, participant: string) => {
  const r = await fetch(`${node.url}/.well-known/schakel/participants/${participant}`);
  return { status: r.status, body: (await r.json()) as Record<string, unknown> & { proof?: CardProof } };
};

/** The proof with its payload replaced by `change(card)`, signatures untouched. */
function tampered(proof: CardProof, change: (card: Record<string, unknown>) => void): CardProof {
  const card = JSON.parse(Buffer.from(proof.payload, 'base64url').toString()) as Record<string, unknown>;
  change(card);
  return { ...proof, payload: Buffer.from(JSON.stringify(card)).toString('base64url') };
}

beforeAll(async () => {
  [dir, na, nb] = await Promise.all([
    startNode({ deliveryIntervalMs: 0, directory: true }),
    startNode({ deliveryIntervalMs: 0 }),
    startNode({ deliveryIntervalMs: 0 }),
  ]);
  const a = await na.services.registerCompany({
    name: 'Machinebouw A BV',
    identifiers: [A_ID],
    country: 'NL',
  });
  const b = await nb.services.registerCompany({ name: 'Draaierij B BV', identifiers: [B_ID], country: 'NL' });
  tokenA = (await na.services.createApiToken(a.id, { name: 'erp', role: 'admin' })).token;
  tokenB = (await nb.services.createApiToken(b.id, { name: 'erp', role: 'admin' })).token;
}, 300_000);

afterAll(async () => {
  await Promise.all([dir?.close(), na?.close(), nb?.close()]);
});

describe('directory node', { timeout: 120_000 }, () => {
  let registered: CardProof;

  it('takes a signed card from the participant’s node and serves it to anyone', async () => {
    expect((await cardAt(dir, B_ID)).status).toBe(404);
    const reg = await api<{ participant: string; replaced: boolean }>(
      nb,
      tokenB,
      'POST',
      '/directory/registrations',
      {
        directoryUrl: dir.url,
      },
    );
    expect(reg).toMatchObject({ participant: B_ID, replaced: false });
    const served = await cardAt(dir, B_ID);
    expect(served.status).toBe(200);
    expect(served.body).toMatchObject({ participant: B_ID, name: 'Draaierij B BV', endpoint: nb.url });
    expect(served.body.proof!.signatures).toHaveLength(1);
    registered = served.body.proof!;
    // A node that is not a directory takes no registrations.
    const refused = await register(na, registered);
    expect(refused.status).toBe(404);
    expect(await refused.json()).toMatchObject({ detail: expect.stringMatching(/not a directory/) });
  });

  it('lets a node pin the partner from the directory and then trade with the partner’s node directly', async () => {
    const direct = await na.services.fetchPartnerCard(nb.url, B_ID);
    const viaDirectory = await na.services.fetchPartnerCard(dir.url, B_ID, { viaDirectory: true });
    expect(viaDirectory.fingerprint).toBe(direct.fingerprint);
    expect(viaDirectory.card.endpoint).toBe(nb.url);
    await expect(na.services.pinPartner(viaDirectory, '0000 0000')).rejects.toThrow(/nothing was pinned/);
    const pinned = await na.services.pinPartner(viaDirectory, viaDirectory.fingerprint);
    expect(pinned.partner.endpointUrl).toBe(nb.url);
    const back = await nb.services.fetchPartnerCard(na.url, A_ID);
    await nb.services.pinPartner(back, back.fingerprint);

    const order = await api<OrderView>(na, tokenA, 'POST', '/orders', {
      seller: B_ID,
      number: 'PO-DIR-1',
      issueDate: '2026-11-22',
      currency: 'EUR',
      lines: [
        {
          lineId: '1',
          item: { name: 'As' },
          unitCode: 'C62',
          price: { amount: '7' },
          schedule: [{ date: '2027-05-01', quantity: '4' }],
        },
      ],
    });
    await na.outbox.drain();
    const [sent] = (await na.services.deps.store.outbox.listByCompany(order.buyer.companyId)).filter(
      (m) => m.conversationId === order.id,
    );
    expect(sent).toMatchObject({ status: 'delivered', endpointUrl: nb.url });
    expect(await api<OrderView>(nb, tokenB, 'GET', `/orders/${order.id}`)).toMatchObject({
      number: 'PO-DIR-1',
      role: 'seller',
    });
    await api(nb, tokenB, 'POST', `/orders/${order.id}/respond`, {
      answers: [{ lineId: '1', answer: 'accept' }],
    });
    await nb.outbox.drain();
    expect((await api<OrderView>(na, tokenA, 'GET', `/orders/${order.id}`)).lines[0]!.state).toBe('agreed');
  });

  it('refuses a changed card, a takeover by other keys and an older card, and keeps the registration', async () => {
    const redirected = tampered(registered, (c) => (c.endpoint = 'http://127.0.0.1:9'));
    const bad = await register(dir, redirected);
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ reason: 'bad_signature' });

    // Someone with their own key signs a card for B: valid by itself, but not by a key of B's card.
    const thief = await generateSigningKey(crypto.randomUUID(), new Date(Date.now() - 1000).toISOString());
    const card = JSON.parse(Buffer.from(registered.payload, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const stolen = await signCardProof(
      {
        ...card,
        endpoint: 'http://127.0.0.1:9',
        issuedAt: new Date().toISOString(),
        keys: [{ jwk: thief.publicJwk, validFrom: thief.validFrom, validUntil: null }],
      },
      [thief],
    );
    const takeover = await register(dir, stolen);
    expect(takeover.status).toBe(401);
    expect(await takeover.json()).toMatchObject({ reason: 'unregistered_key' });

    const replay = await register(dir, registered);
    expect(replay.status).toBe(409);
    expect(await replay.json()).toMatchObject({ reason: 'stale_card' });
    expect((await cardAt(dir, B_ID)).body.proof).toEqual(registered);
  });

  it('does not let the directory change a card it serves: the client checks the signatures', async () => {
    const entry = (await dir.services.deps.store.directory.get(B_ID))!;
    await dir.services.deps.store.directory.put({
      ...entry,
      proof: tampered(registered, (c) => (c.endpoint = 'http://127.0.0.1:9')),
    });
    try {
      await expect(na.services.fetchPartnerCard(dir.url, B_ID, { viaDirectory: true })).rejects.toThrow(
        /not signed by its participant: the signature of key .* does not verify/,
      );
    } finally {
      await dir.services.deps.store.directory.put(entry);
    }
  });

  it('takes a newer card after a key rotation, signed by old and new key', async () => {
    await api(nb, tokenB, 'POST', '/keys/rotate', { graceDays: 5 });
    const reg = await api<{ replaced: boolean }>(nb, tokenB, 'POST', '/directory/registrations', {
      directoryUrl: dir.url,
    });
    expect(reg.replaced).toBe(true);
    const served = await cardAt(dir, B_ID);
    expect(served.body.proof!.signatures).toHaveLength(2);
    const fetched = await na.services.fetchPartnerCard(dir.url, B_ID, { viaDirectory: true });
    expect(fetched.card.keys).toHaveLength(2);
    expect(fetched.fingerprint).toBe((await na.services.fetchPartnerCard(nb.url, B_ID)).fingerprint);
  });
});
