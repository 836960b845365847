// Two real nodes on loopback ports, each with its own PGlite store, talking real HTTP. The exchange
// contract runs on them (buyer on node 1, seller on node 2, connected both ways by pinning each other's
// cards); then what only two nodes do, with companies of their own: company A on node 1 buys from company
// B on node 2 — they connect by URL and pinned keys, an order and an answer travel as signed envelopes
// through the outbox and the inbox with receipts, a tampered envelope is refused, and a node that fails
// is retried with backoff until the message is dead-lettered.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegisterCompanyInput } from '../../../src/app/accounts/index.ts';
import { CircuitBreaker } from '../../../src/network/backoff.ts';
import { INBOX_PATH } from '../../../src/network/http-transport.ts';
import { generateSigningKey } from '../../../src/network/keys.ts';
import { NetworkMetrics } from '../../../src/network/metrics.ts';
import { OutboxWorker } from '../../../src/network/outbox-worker.ts';
import { startNode, type RunningNode } from '../../../src/cli/start-node.ts';
import { primaryIdentifier } from '../../../src/domain/company-types.ts';
import type { OrderView } from '../../../src/domain/order-view.ts';
import { api, connect, connectBothWays } from '../../support/network-nodes.ts';
import {
  CONTRACT_BUYER,
  CONTRACT_SELLER,
  exchangeContract,
  type Side,
  type Topology,
} from './exchange-contract.ts';

const A_ID = '0106:11112222';
const B_ID = '0106:33334444';

let n1: RunningNode;
let n2: RunningNode;
let tokenA: string;
let tokenB: string;

const inboxPost = (node: RunningNode, body: string) =>
  fetch(`${node.url}/network/v1/inbox`, {
    method: 'POST',
    headers: { 'content-type': 'application/jose' },
    body,
  });

beforeAll(async () => {
  [n1, n2] = await Promise.all([startNode({ deliveryIntervalMs: 0 }), startNode({ deliveryIntervalMs: 0 })]);
  const a = await n1.services.registerCompany({
    name: 'Machinebouw A BV',
    identifiers: [A_ID],
    country: 'NL',
  });
  const b = await n2.services.registerCompany({ name: 'Draaierij B BV', identifiers: [B_ID], country: 'NL' });
  tokenA = (await n1.services.createApiToken(a.id, { name: 'erp', role: 'admin' })).token;
  tokenB = (await n2.services.createApiToken(b.id, { name: 'erp', role: 'admin' })).token;
  // Starting two embedded databases is slow on a loaded machine.
}, 240_000);

afterAll(async () => {
  await n1?.close();
  await n2?.close();
});

/** The id of the company `node` holds under `participant` (hosted there, or a partner on another node). */
async function idOn(node: RunningNode, participant: string): Promise<string> {
  const at = participant.indexOf(':');
  const company = await node.services.deps.store.companies.findByIdentifier(
    participant.slice(0, at),
    participant.slice(at + 1),
  );
  if (!company) throw new Error(`${participant} is unknown on ${node.url}`);
  return company.id;
}

/** The contract's buyer on node 1 and seller on node 2, each pinned on the other's node. */
async function twoNodes(): Promise<Topology> {
  const host = async (node: RunningNode, input: RegisterCompanyInput) => {
    const company = await node.services.registerCompany(input);
    const { token } = await node.services.createApiToken(company.id, { name: 'erp', role: 'admin' });
    return {
      node,
      services: node.services,
      company,
      caller: await node.services.authenticate({ bearer: token }),
    };
  };
  const b = await host(n1, CONTRACT_BUYER);
  const s = await host(n2, CONTRACT_SELLER);
  const [buyerId, sellerId] = [primaryIdentifier(b.company), primaryIdentifier(s.company)];
  await connectBothWays({ node: n1, id: buyerId }, { node: n2, id: sellerId });
  const buyer: Side = { ...b, partnerId: await idOn(n1, sellerId) };
  const seller: Side = { ...s, partnerId: await idOn(n2, buyerId) };
  const hosted = [buyer, seller];
  return {
    buyer,
    seller,
    delivery: 'on-settle',
    refusal: 'message-level-response',
    async settle() {
      // Both outboxes until a round on both delivers nothing: an answer (an MLR) may follow a delivery.
      for (let round = 0; round < 20; round++) {
        if ((await n1.outbox.runOnce()) + (await n2.outbox.runOnce()) > 0) continue;
        const left = (
          await Promise.all(hosted.map((h) => h.services.deps.store.outbox.listByCompany(h.company.id)))
        )
          .flat()
          .filter((m) => m.status !== 'delivered');
        if (left.length > 0)
          throw new Error(
            `undelivered: ${left.map((m) => `${m.documentType} ${m.status} ${m.lastError}`).join('; ')}`,
          );
        return;
      }
      throw new Error('the outboxes are still delivering after 20 rounds');
    },
    async addSeller(input) {
      // Hosted on node 2, next to the seller: node 1 pins it. The buyer is a remote partner of node 2
      // already (pinned for the seller): it reaches the new seller without pinning again.
      const c = await host(n2, input);
      await connect(n1, n2, primaryIdentifier(c.company));
      const side: Side = { ...c, partnerId: await idOn(n2, buyerId) };
      hosted.push(side);
      return side;
    },
    async redeliver(from, messageId) {
      const message = (await from.services.deps.store.outbox.get(messageId))!;
      const r = await fetch(`${message.endpointUrl}${INBOX_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/jose' },
        body: message.envelope,
      });
      expect(r.status).toBe(200);
      return { duplicate: ((await r.json()) as { duplicate: boolean }).duplicate };
    },
    async close() {
      // The nodes are the file's; closed after every suite of the file.
    },
  };
}

exchangeContract('two nodes over HTTP', twoNodes);

describe('two nodes', { timeout: 120_000 }, () => {
  it('publish participant cards and refuse unknown participants', async () => {
    const r = await fetch(`${n2.url}/.well-known/schakel/participants/${B_ID}`);
    expect(r.status).toBe(200);
    const card = (await r.json()) as {
      participant: string;
      endpoint: string;
      keys: { jwk: { d?: string } }[];
    };
    expect(card).toMatchObject({ participant: B_ID, endpoint: n2.url });
    expect(card.keys).toHaveLength(1);
    expect(card.keys[0]!.jwk.d).toBeUndefined();
    expect((await fetch(`${n2.url}/.well-known/schakel/participants/${A_ID}`)).status).toBe(404);
  });

  it('pin a partner only with the right fingerprint', async () => {
    const fetched = await n1.services.fetchPartnerCard(n2.url, B_ID);
    await expect(n1.services.pinPartner(fetched, '0000 1111')).rejects.toThrow(
      /fingerprint .* nothing was pinned/,
    );
    // Only B: the exchange contract's companies are partners of these nodes too.
    const partnersB = async () =>
      (await n1.services.listRemotePartners()).filter((p) => p.participant === B_ID);
    expect(await partnersB()).toEqual([]);
    await connect(n1, n2, B_ID);
    await connect(n2, n1, A_ID);
    const partners = await partnersB();
    expect(partners).toMatchObject([{ participant: B_ID, endpointUrl: n2.url, name: 'Draaierij B BV' }]);
    expect(partners[0]!.fingerprints).toEqual([fetched.fingerprint]);
    await expect(connect(n1, n2, B_ID)).rejects.toThrow(/already a partner/);
  });

  it('carry an order and a line answer between the nodes, with receipts, exactly once', async () => {
    const lines = [1, 2].map((n) => ({
      lineId: String(n),
      item: { buyerItemId: `VD-${n}`, name: `Beugel type ${n}` },
      unitCode: 'C62',
      price: { amount: '12.50' },
      schedule: [{ date: '2027-04-01', quantity: '100' }],
    }));
    const order = await api<OrderView>(n1, tokenA, 'POST', '/orders', {
      seller: B_ID,
      number: 'PO-NET-1',
      issueDate: '2026-11-22',
      currency: 'EUR',
      lines,
    });
    // Not there before the outbox is delivered: B's node only learns about it through the network.
    await expect(api(n2, tokenB, 'GET', `/orders/${order.id}`)).rejects.toThrow(/404/);
    const [sent] = await n1.services.deps.store.outbox.listByCompany(order.buyer.companyId);
    expect(sent).toMatchObject({
      status: 'pending',
      documentType: 'Order',
      seq: 1,
      conversationId: order.id,
    });

    await n1.outbox.drain();
    const delivered = await n1.services.deps.store.outbox.get(sent!.id);
    expect(delivered).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(delivered!.receipt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    const sellerCopy = await api<OrderView>(n2, tokenB, 'GET', `/orders/${order.id}`);
    expect(sellerCopy).toMatchObject({ role: 'seller', number: 'PO-NET-1', status: 'issued' });
    expect(sellerCopy.lines.map((l) => [l.lineId, l.state, l.requested.quantity])).toEqual([
      ['1', 'open', '100'],
      ['2', 'open', '100'],
    ]);
    expect(sellerCopy.lines[0]!.requested.price).toEqual({ amount: '12.5', baseQuantity: '1' });

    // B accepts line 1: A's copy shows it once B's outbox is delivered.
    await api(n2, tokenB, 'POST', `/orders/${order.id}/respond`, {
      answers: [{ lineId: '1', answer: 'accept' }],
    });
    await n2.outbox.drain();
    const [answer] = await n2.services.deps.store.outbox.listByCompany(sellerCopy.seller.companyId);
    expect(answer).toMatchObject({ status: 'delivered', documentType: 'OrderResponse', seq: 1 });
    const buyerCopy = await api<OrderView>(n1, tokenA, 'GET', `/orders/${order.id}`);
    expect(buyerCopy.lines.map((l) => l.state)).toEqual(['agreed', 'open']);

    // A resend of the same envelope is recognised: a receipt again, nothing applied twice.
    const again = await inboxPost(n2, sent!.envelope);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { duplicate: boolean }).duplicate).toBe(true);
    const received = await n2.services.deps.store.inbox.listByReceiver(sellerCopy.seller.companyId);
    expect(received.map((m) => [m.documentType, m.status])).toEqual([['Order', 'applied']]);
    const history = await api<{ items: unknown[] }>(n2, tokenB, 'GET', `/orders/${order.id}/history`);
    expect(history.items.length).toBeGreaterThan(0);
    const historyCount = history.items.length;
    await inboxPost(n2, sent!.envelope);
    expect(
      (await api<{ items: unknown[] }>(n2, tokenB, 'GET', `/orders/${order.id}/history`)).items,
    ).toHaveLength(historyCount);
  });

  it('refuse a tampered envelope with a clear reason and store nothing', async () => {
    const order = await api<OrderView>(n1, tokenA, 'POST', '/orders', {
      seller: B_ID,
      number: 'PO-NET-2',
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
    const [pending] = (await n1.services.deps.store.outbox.listByCompany(order.buyer.companyId)).filter(
      (m) => m.conversationId === order.id,
    );
    const [h, p, s] = pending!.envelope.split('.');
    const xml = Buffer.from(p!, 'base64url').toString().replace('>10<', '>10000<');
    const tampered = [h, Buffer.from(xml).toString('base64url'), s].join('.');
    const r = await inboxPost(n2, tampered);
    expect(r.status).toBe(401);
    expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await r.json()).toMatchObject({ code: 'unauthenticated', reason: 'bad_signature' });
    const sellerId = (await n2.services.deps.store.companies.findByIdentifier('0106', '33334444'))!.id;
    expect(
      (await n2.services.deps.store.inbox.listByReceiver(sellerId)).map((m) => m.conversationId),
    ).not.toContain(order.id);
    await expect(api(n2, tokenB, 'GET', `/orders/${order.id}`)).rejects.toThrow(/404/);
    const metrics = await (await fetch(`${n2.url}/metrics`)).text();
    expect(metrics).toContain('schakel_inbound_rejected_total{reason="bad_signature"} 1');

    // The untouched envelope still goes through afterwards.
    await n1.outbox.drain();
    expect(
      (await api<OrderView>(n2, tokenB, 'GET', `/orders/${order.id}`)).lines[0]!.requested.quantity,
    ).toBe('10');
  });
});

describe('delivery to a node that fails', { timeout: 120_000 }, () => {
  it('retries with backoff, opens the breaker and dead-letters after the configured age', async () => {
    let hits = 0;
    const down = createServer((_req, res) => {
      hits += 1;
      res.writeHead(503, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ detail: 'maintenance' }));
    });
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(down.address() as AddressInfo).port}`;
    try {
      // A partner whose node answers 503 to everything (pinned directly: its card is not needed here).
      const store = n1.services.deps.store;
      const c = await n1.services.deps.store.transaction(async (tx) => {
        const company = {
          id: crypto.randomUUID(),
          name: 'Lakkerij C',
          city: null,
          country: 'NL',
          identifiers: [{ scheme: '0106', value: '55556666', primary: true }],
        };
        await tx.companies.insert(company);
        await tx.partners.insertRemote({
          companyId: company.id,
          participant: '0106:55556666',
          endpointUrl: url,
          documentTypes: [],
          addedAt: new Date().toISOString(),
        });
        await tx.partners.insertKey({
          ...(await generateSigningKey(company.id, '2026-01-01T00:00:00.000Z')),
          privateJwk: null,
        });
        return company;
      });
      const order = await api<OrderView>(n1, tokenA, 'POST', '/orders', {
        seller: '0106:55556666',
        number: 'PO-NET-DOWN',
        issueDate: '2026-11-22',
        currency: 'EUR',
        lines: [
          {
            lineId: '1',
            item: { name: 'Lak' },
            unitCode: 'C62',
            price: { amount: '1' },
            schedule: [{ date: '2027-05-01', quantity: '1' }],
          },
        ],
      });
      const [m] = (await store.outbox.listByCompany(order.buyer.companyId)).filter(
        (x) => x.conversationId === order.id,
      );
      let clock = Date.now();
      const metrics = new NetworkMetrics();
      const worker = new OutboxWorker({
        store,
        transport: n1.services.deps.network.transport,
        metrics,
        now: () => new Date(clock),
        backoff: { baseMs: 1_000, capMs: 60_000 },
        breaker: new CircuitBreaker(2, 10_000),
        deadAfterMs: 60 * 60_000,
        random: () => 1,
      });
      expect(await worker.runOnce()).toBe(1);
      let row = await store.outbox.get(m!.id);
      expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 503: maintenance' });
      // Full jitter with random() = 1: exactly base · 2^0 later.
      expect(Date.parse(row!.nextAttemptAt) - clock).toBe(1_000);
      expect(await worker.runOnce()).toBe(0);
      clock += 1_000;
      await worker.runOnce();
      row = await store.outbox.get(m!.id);
      expect(row).toMatchObject({ attempts: 2 });
      expect(Date.parse(row!.nextAttemptAt) - clock).toBe(2_000);
      // Two failures in a row opened the breaker: the next due round does not call the peer.
      clock += 2_000;
      await worker.runOnce();
      expect(hits).toBe(2);
      expect((await store.outbox.get(m!.id))!.attempts).toBe(2);
      expect(metrics.retries.get({ peer: '0106:55556666' })).toBe(2);
      // After the configured age the next failure moves it to dead letter.
      clock += 60 * 60_000;
      await worker.drain();
      expect(await store.outbox.get(m!.id)).toMatchObject({ status: 'dead', attempts: 3, id: m!.id });
      expect((await store.outbox.deadByCompany(order.buyer.companyId)).map((x) => x.id)).toContain(m!.id);
      expect(metrics.deadLetters.get({ peer: '0106:55556666' })).toBe(1);
      expect(metrics.render([])).toContain('schakel_dead_letters_total{peer="0106:55556666"} 1');
      expect(c.name).toBe('Lakkerij C');
    } finally {
      await new Promise((resolve) => down.close(resolve));
    }
  });
});
