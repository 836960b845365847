// An envelope parked because it arrived before its predecessor is applied as soon as the predecessor
// is — also when the node stopped between committing the predecessor and applying what waited for it:
// the sender already holds receipts for both and never sends them again, so the node's sweeper finds such
// conversations and applies them. A conversation still missing a message is left waiting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNode, type RunningNode } from '../../../src/cli/start-node.ts';
import type { Company } from '../../../src/domain/company-types.ts';
import { openEnvelope } from '../../../src/network/envelope.ts';
import type { Caller } from '../../../src/app/deps.ts';
import { storeInbound } from '../../../src/app/exchange/inbox-processing.ts';
import { connectBothWays } from '../../support/network-nodes.ts';

const A_ID = '0106:21212121';
const B_ID = '0106:43434343';

let n1: RunningNode;
let n2: RunningNode;
let asA: Caller;
let b: Company;
let aAtN2: Company;

beforeAll(async () => {
  [n1, n2] = await Promise.all([
    startNode({ deliveryIntervalMs: 0 }),
    startNode({ deliveryIntervalMs: 0, parkedSweepIntervalMs: 0 }),
  ]);
  const a = await n1.services.registerCompany({ name: 'Inkoop A BV', identifiers: [A_ID], country: 'NL' });
  b = await n2.services.registerCompany({ name: 'Verkoop B BV', identifiers: [B_ID], country: 'NL' });
  asA = await n1.services.authenticate({
    bearer: (await n1.services.createApiToken(a.id, { name: 'erp', role: 'admin' })).token,
  });
  await connectBothWays({ node: n1, id: A_ID }, { node: n2, id: B_ID });
  aAtN2 = (await n2.services.deps.store.companies.findByIdentifier('0106', '21212121'))!;
}, 240_000);

afterAll(async () => {
  await n1?.close();
  await n2?.close();
});

const post = (jws: string) =>
  fetch(`${n2.url}/network/v1/inbox`, {
    method: 'POST',
    headers: { 'content-type': 'application/jose' },
    body: jws,
  });

describe('a parked envelope whose predecessor was committed without it', { timeout: 120_000 }, () => {
  it('waits while its predecessor is missing, and the sweeper applies it once the gap is filled', async () => {
    const order = await n1.services.issueOrder(asA, {
      seller: B_ID,
      number: 'PO-PARK-1',
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
    await n1.services.changeOrder(asA, order.id, {
      change: [{ lineId: '1', schedule: [{ id: '1', date: '2027-04-01', quantity: '150' }] }],
      reason: 'more needed',
    });
    const [first, second] = (await n1.services.deps.store.outbox.listByCompany(asA.companyId))
      .filter((m) => m.conversationId === order.id)
      .sort((x, y) => x.seq - y.seq);
    expect([first?.documentType, second?.documentType]).toEqual(['Order', 'OrderChange']);

    // The change arrives first: parked, receipted; nothing to sweep while the Order is missing.
    expect((await post(second!.envelope)).status).toBe(200);
    const inbox = n2.services.deps.store.inbox;
    const statusOf = async (messageId: string) =>
      (await inbox.listByReceiver(b.id)).find((m) => m.messageId === messageId)?.status;
    expect(await statusOf(second!.id)).toBe('parked');
    expect(await n2.parkedSweeper.runOnce()).toBe(0);

    // The Order is committed by the inbox core, and the node "stops" before applying what waited.
    const deps = n2.services.deps;
    const opened = await openEnvelope(first!.envelope, {
      keysOf: () => deps.store.partners.keys(aAtN2.id),
      hosts: () => Promise.resolve(true),
      now: new Date(),
      windowMs: 5 * 60_000,
    });
    const stored = await deps.store.transaction((tx) =>
      storeInbound(deps, tx, { receiver: b, sender: aAtN2 }, opened, first!.envelope, null),
    );
    expect(stored).toMatchObject({ status: 'applied', parkedWaiting: true });
    expect(await statusOf(second!.id)).toBe('parked');
    expect((await deps.store.orders.get(b.id, order.id))!.lines[0]!.requested.quantity).toBe('100');

    // The sweeper applies the change, once.
    expect(await n2.parkedSweeper.runOnce()).toBe(1);
    expect(await statusOf(second!.id)).toBe('applied');
    const copy = (await deps.store.orders.get(b.id, order.id))!;
    expect([copy.lines[0]!.state, copy.lines[0]!.requested.quantity]).toEqual(['changed', '150']);
    expect(await n2.parkedSweeper.runOnce()).toBe(0);
  });
});
