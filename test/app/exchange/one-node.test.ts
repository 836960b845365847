// The exchange contract with both companies on one node (a service provider hosting several companies):
// each envelope goes from the sender's outbox through the receiver's inbox checks inside the sender's
// transaction, without the HTTP hop. Plus what only one node does: the delivery is done when the sender's
// call returns, with the receiver's receipt on the outbox row. That a refused delivery rolls the sender's
// change back is in test/app/orders/atomicity.test.ts.
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNode, type RunningNode } from '../../../src/cli/start-node.ts';
import type { RegisterCompanyInput } from '../../../src/app/accounts/index.ts';
import { ON_NODE_ENDPOINT, storeInbound } from '../../../src/app/exchange/index.ts';
import { primaryIdentifier } from '../../../src/domain/company-types.ts';
import { openEnvelope } from '../../../src/network/envelope.ts';
import { verifyReceipt } from '../../../src/network/receipt.ts';
import { orderInput, trade } from '../harness.ts';
import {
  CONTRACT_BUYER,
  CONTRACT_SELLER,
  exchangeContract,
  type Side,
  type Topology,
} from './exchange-contract.ts';

let node: RunningNode;

beforeAll(async () => {
  node = await startNode({ deliveryIntervalMs: 0 });
}, 240_000);

afterAll(async () => {
  await node?.close();
});

/** The contract's two companies, registered on `node`. */
async function oneNode(): Promise<Topology> {
  const { services } = node;
  const { store } = services.deps;
  const host = async (input: RegisterCompanyInput) => {
    const company = await services.registerCompany(input);
    const { token } = await services.createApiToken(company.id, { name: 'erp', role: 'admin' });
    return { company, caller: await services.authenticate({ bearer: token }) };
  };
  const b = await host(CONTRACT_BUYER);
  const s = await host(CONTRACT_SELLER);
  const side = (me: typeof b, other: typeof b): Side => ({
    node,
    services,
    ...me,
    partnerId: other.company.id,
  });
  const companies = [b.company.id, s.company.id];
  return {
    buyer: side(b, s),
    seller: side(s, b),
    delivery: 'in-transaction',
    refusal: 'sender-fails',
    async settle() {
      // Nothing to do: every envelope was delivered in its sender's transaction, none waits for the worker.
      const attempted = await node.outbox.runOnce();
      const pending = (await Promise.all(companies.map((id) => store.outbox.listByCompany(id))))
        .flat()
        .filter((m) => m.status !== 'delivered');
      if (attempted > 0 || pending.length > 0)
        throw new Error(
          `on one node nothing should wait for delivery: ${attempted} attempted, ${pending.length} left`,
        );
    },
    async addSeller(input) {
      const c = await host(input);
      companies.push(c.company.id);
      return side(c, b);
    },
    async redeliver(from, messageId) {
      // The inbox core the on-node delivery goes through, given the stored envelope once more.
      const message = (await store.outbox.get(messageId))!;
      const receiver = (await store.companies.get(message.peerCompanyId))!;
      const opened = await openEnvelope(message.envelope, {
        keysOf: async (participant) =>
          participant === primaryIdentifier(from.company) ? store.partners.keys(from.company.id) : null,
        hosts: (participant) => Promise.resolve(participant === primaryIdentifier(receiver)),
        now: new Date(),
        windowMs: services.deps.network.windowMs,
      });
      const stored = await store.transaction((tx) =>
        storeInbound(services.deps, tx, { sender: from.company, receiver }, opened, message.envelope, null),
      );
      return { duplicate: stored?.duplicate ?? false };
    },
    async close() {
      // The node is the file's; closed after every suite of the file.
    },
  };
}

exchangeContract('two companies on one node', oneNode);

describe('two companies on one node', () => {
  it('deliver before the sender’s call returns, with the receiver’s receipt, leaving nothing for the worker', async () => {
    const { services } = node;
    const { store } = services.deps;
    const t = await trade(services, 'OnNode');
    const order = await services.issueOrder(t.asBuyer, orderInput(t));
    // No delivery round: the seller's copy is there when issueOrder returns.
    expect(await store.orders.get(t.seller.id, order.id)).toMatchObject({
      role: 'seller',
      number: order.number,
    });
    const [sent, ...more] = await store.outbox.listByCompany(t.buyer.id);
    expect(more).toEqual([]);
    expect(sent).toMatchObject({
      status: 'delivered',
      endpointUrl: ON_NODE_ENDPOINT,
      attempts: 1,
      seq: 1,
      documentType: 'Order',
      conversationId: order.id,
    });
    // The receipt is the receiver's, signed with its key, for this message and payload.
    const header = decodeProtectedHeader(sent!.envelope) as { payloadSha256: string };
    const receipt = await verifyReceipt(sent!.receipt!, await store.partners.keys(t.seller.id), {
      messageId: sent!.id,
      payloadSha256: header.payloadSha256,
    });
    expect(receipt).toMatchObject({ status: 'accepted', messageId: sent!.id });
    expect(await node.outbox.runOnce()).toBe(0);
  });
});
