// A running node delivers an envelope as soon as the order change that wrote it is committed: the node
// wakes its outbox worker from the change feed. The poll interval here is far beyond the test's
// timeout, so only the wake-up can make the delivery happen. Two real nodes on loopback, PGlite each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNode, type RunningNode } from '../../../src/cli/start-node.ts';
import type { OrderView } from '../../../src/domain/order-view.ts';

const A_ID = '0106:11113333';
const B_ID = '0106:33335555';
const NEVER = 10 * 60_000;

let n1: RunningNode;
let n2: RunningNode;
let tokenA: string;

beforeAll(async () => {
  [n1, n2] = await Promise.all([
    startNode({ deliveryIntervalMs: NEVER }),
    startNode({ deliveryIntervalMs: NEVER }),
  ]);
  const a = await n1.services.registerCompany({
    name: 'Machinebouw A BV',
    identifiers: [A_ID],
    country: 'NL',
  });
  await n2.services.registerCompany({ name: 'Draaierij B BV', identifiers: [B_ID], country: 'NL' });
  tokenA = (await n1.services.createApiToken(a.id, { name: 'erp', role: 'admin' })).token;
  for (const [from, to, id] of [
    [n1, n2, B_ID],
    [n2, n1, A_ID],
  ] as const) {
    const fetched = await from.services.fetchPartnerCard(to.url, id);
    await from.services.pinPartner(fetched, fetched.fingerprint);
  }
}, 240_000);

afterAll(async () => {
  await n1?.close();
  await n2?.close();
});

describe('a running node', { timeout: 120_000 }, () => {
  it('delivers a new order to the partner node without waiting for the poll', async () => {
    const r = await fetch(`${n1.url}/api/v1/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenA}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        seller: B_ID,
        number: 'PO-WAKE-1',
        issueDate: '2026-11-22',
        currency: 'EUR',
        lines: [
          {
            lineId: '1',
            item: { buyerItemId: 'VD-1', name: 'Beugel' },
            unitCode: 'C62',
            price: { amount: '12.50' },
            schedule: [{ date: '2027-04-01', quantity: '100' }],
          },
        ],
      }),
    });
    expect(r.status).toBe(201);
    const order = (await r.json()) as OrderView;
    const outbox = n1.services.deps.store.outbox;
    const sent = async () => (await outbox.listByCompany(order.buyer.companyId))[0];
    while ((await sent())?.status !== 'delivered') await new Promise((res) => setTimeout(res, 20));
    expect(await sent()).toMatchObject({ status: 'delivered', attempts: 1, conversationId: order.id });
    // The seller's node has its copy.
    const copy = await n2.services.deps.store.orders.get(
      (await n2.services.deps.store.companies.findByIdentifier('0106', '33335555'))!.id,
      order.id,
    );
    expect(copy?.number).toBe('PO-WAKE-1');
  });
});
