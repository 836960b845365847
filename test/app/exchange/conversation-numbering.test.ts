// Envelopes are numbered per sender, receiver and conversation, the way receivers apply them. A pinned
// partner on another node that writes into a conversation it has no part in (here: the id of an order
// between two companies hosted on the other node) gets a Message Level Response in that conversation —
// and the two companies' own exchange about the order goes on, its numbering untouched.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNode, type RunningNode } from '../../../src/cli/start-node.ts';
import { sealEnvelope } from '../../../src/network/envelope.ts';
import { signingKeyAt } from '../../../src/network/keys.ts';
import type { Caller } from '../../../src/app/deps.ts';

const R_ID = '0106:21212121';
const B_ID = '0106:43434343';
const C_ID = '0106:65656565';

let n1: RunningNode;
let n2: RunningNode;
let rId: string;
let bId: string;
let asB: Caller;
let asC: Caller;

beforeAll(async () => {
  [n1, n2] = await Promise.all([startNode({ deliveryIntervalMs: 0 }), startNode({ deliveryIntervalMs: 0 })]);
  rId = (await n1.services.registerCompany({ name: 'Vreemde R BV', identifiers: [R_ID], country: 'NL' })).id;
  const b = await n2.services.registerCompany({ name: 'Koper B BV', identifiers: [B_ID], country: 'NL' });
  const c = await n2.services.registerCompany({ name: 'Verkoper C BV', identifiers: [C_ID], country: 'NL' });
  bId = b.id;
  const cardR = await n2.services.fetchPartnerCard(n1.url, R_ID);
  await n2.services.pinPartner(cardR, cardR.fingerprint);
  const token = async (companyId: string) =>
    n2.services.authenticate({
      bearer: (await n2.services.createApiToken(companyId, { name: 'erp', role: 'admin' })).token,
    });
  [asB, asC] = [await token(b.id), await token(c.id)];
}, 240_000);

afterAll(async () => {
  await n1?.close();
  await n2?.close();
});

describe('a stranger writing into a conversation', { timeout: 120_000 }, () => {
  it('gets its MLR numbered apart; the partners on the node go on with their order', async () => {
    const order = await n2.services.issueOrder(asB, {
      seller: C_ID,
      number: 'PO-NUM-1',
      issueDate: '2026-11-22',
      currency: 'EUR',
      lines: [
        {
          lineId: '1',
          item: { name: 'Beugel', buyerItemId: 'VD-1' },
          unitCode: 'C62',
          price: { amount: '12.5' },
          schedule: [{ id: '1', date: '2027-04-01', quantity: '100' }],
        },
      ],
    });
    const key = signingKeyAt(await n1.services.deps.store.partners.keys(rId), new Date().toISOString())!;
    const { jws } = await sealEnvelope(
      {
        messageId: randomUUID(),
        conversationId: order.id,
        seq: 1,
        sender: R_ID,
        receiver: B_ID,
        documentType: 'OrderCancellation',
        createdAt: new Date().toISOString(),
      },
      new TextEncoder().encode('<x/>'),
      key,
    );
    const r = await fetch(`${n2.url}/network/v1/inbox`, {
      method: 'POST',
      headers: { 'content-type': 'application/jose' },
      body: jws,
    });
    expect(r.status).toBe(200);
    const sent = async () =>
      (await n2.services.deps.store.outbox.listByCompany(bId))
        .filter((m) => m.conversationId === order.id)
        .map((m) => [m.documentType, m.seq, m.endpointUrl === 'node:local' ? 'C' : 'R', m.status])
        .sort((x, y) => String(x[2]).localeCompare(String(y[2])) || Number(x[1]) - Number(y[1]));
    expect(await sent()).toEqual([
      ['Order', 1, 'C', 'delivered'],
      ['MessageLevelResponse', 1, 'R', 'pending'],
    ]);

    await n2.services.changeOrder(asB, order.id, {
      change: [{ lineId: '1', price: { amount: '11' } }],
      reason: 'cheaper elsewhere',
    });
    await n2.services.respondToLines(asC, order.id, [{ lineId: '1', answer: 'accept' }]);
    expect(await sent()).toEqual([
      ['Order', 1, 'C', 'delivered'],
      ['OrderChange', 2, 'C', 'delivered'],
      ['MessageLevelResponse', 1, 'R', 'pending'],
    ]);
    const copy = (await n2.services.getOrder(asB, order.id)).lines[0]!;
    expect([copy.state, copy.agreed?.price.amount]).toEqual(['agreed', '11']);
  });
});
