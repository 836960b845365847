// The shared values and helpers of the exchange contract's cases (exchange-contract.ts): the two
// companies, the topology under test and its sides, and what the cases check with — both copies agreeing
// field by field, the messages of a conversation, a refusal as the topology's RefusalBehaviour says.
import { expect } from 'vitest';
import type { RegisterCompanyInput } from '../../../../src/app/accounts/index.ts';
import { queueEnvelope } from '../../../../src/app/exchange/index.ts';
import { primaryIdentifier } from '../../../../src/domain/company-types.ts';
import { dutchVatNumber } from '../../../../src/demo/seed-demo.ts';
import type { NewLineInput } from '../../../../src/domain/order-create.ts';
import type { Order } from '../../../../src/domain/order-types.ts';
import { domainRejection } from '../../harness.ts';
import type { Side, Topology } from '../exchange-contract.ts';

/** The buyer every topology hosts (one side of the contract). */
export const CONTRACT_BUYER: RegisterCompanyInput = {
  name: 'Inkoop A BV',
  identifiers: ['0106:21212121'],
  country: 'NL',
};

/** The seller every topology hosts; a Peppol invoice needs its VAT number. */
export const CONTRACT_SELLER: RegisterCompanyInput = {
  name: 'Verkoop B BV',
  identifiers: ['0106:43434343', `9944:${dutchVatNumber('43434343')}`],
  country: 'DE',
};

export const SELLER_ID = CONTRACT_SELLER.identifiers[0]!;

export const payloadOf = (jws: string): Buffer => Buffer.from(jws.split('.')[1]!, 'base64url');

/** An order copy without what is node-local: the owner, its role and the company ids of the parties. */
export const portable = (o: Order) => {
  const { companyId: _c, role: _r, buyer, seller, ...rest } = o;
  return {
    ...rest,
    buyer: { ...buyer, companyId: null },
    seller: { ...seller, companyId: null },
  };
};

export const line = (lineId: string, quantity = '100'): NewLineInput => ({
  lineId,
  item: { name: `Beugel ${lineId}`, buyerItemId: `VD-${lineId}` },
  unitCode: 'C62',
  price: { amount: '12.5' },
  schedule: [{ id: '1', date: '2027-04-01', quantity }],
});

/** The topology under test and the helpers the cases check with (one world per contract run). */
export function contractWorld() {
  let t!: Topology;
  let buyer!: Side;
  let seller!: Side;

  /** Both copies of an order between `b` and `s`, after checking that they agree field by field. */
  async function agree(orderId: string, b = buyer, s = seller): Promise<Order> {
    const mine = await b.services.deps.store.orders.get(b.company.id, orderId);
    const theirs = await s.services.deps.store.orders.get(s.company.id, orderId);
    expect(mine?.role).toBe('buyer');
    expect(theirs?.role).toBe('seller');
    // Each copy names its own company, and the partner as its node holds it (under its identifier).
    const holder = async (side: Side, identifier: string) => {
      const at = identifier.indexOf(':');
      const company = await side.services.deps.store.companies.findByIdentifier(
        identifier.slice(0, at),
        identifier.slice(at + 1),
      );
      return company?.id;
    };
    expect([mine!.buyer.identifier, mine!.seller.identifier]).toEqual([
      primaryIdentifier(b.company),
      primaryIdentifier(s.company),
    ]);
    expect(mine!.buyer.companyId).toBe(b.company.id);
    expect(mine!.seller.companyId).toBe(await holder(b, mine!.seller.identifier));
    expect(theirs!.seller.companyId).toBe(s.company.id);
    expect(theirs!.buyer.companyId).toBe(await holder(s, theirs!.buyer.identifier));
    expect(portable(theirs!)).toEqual(portable(mine!));
    return mine!;
  }

  /** The document types of a side's outgoing messages in one conversation, in seq order. */
  async function sentTypes(side: Side, orderId: string): Promise<string[]> {
    return (await side.services.deps.store.outbox.listByCompany(side.company.id))
      .filter((m) => m.conversationId === orderId)
      .sort((x, y) => x.seq - y.seq)
      .map((m) => m.documentType);
  }

  const outboxOf = async (side: Side, conversationId: string) =>
    (await side.services.deps.store.outbox.listByCompany(side.company.id))
      .filter((m) => m.conversationId === conversationId)
      .sort((x, y) => x.seq - y.seq);

  const inboxOf = async (side: Side, conversationId: string) =>
    (await side.services.deps.store.inbox.listByReceiver(side.company.id))
      .filter((m) => m.conversationId === conversationId)
      .sort((x, y) => x.seq - y.seq);

  /** Both copies and both histories of an order, straight from the stores. */
  async function snapshot(orderId: string) {
    const store = (side: Side) => side.services.deps.store;
    return {
      buyer: await store(buyer).orders.get(buyer.company.id, orderId),
      seller: await store(seller).orders.get(seller.company.id, orderId),
      buyerEvents: await store(buyer).orders.events(buyer.company.id, orderId),
      sellerEvents: await store(seller).orders.events(seller.company.id, orderId),
    };
  }

  async function issue(number: string, lines = [line('1'), line('2')]): Promise<Order> {
    const order = await buyer.services.issueOrder(buyer.caller, {
      seller: SELLER_ID,
      number,
      issueDate: '2026-11-22',
      currency: 'EUR',
      lines,
    });
    await t.settle();
    return order;
  }

  /** An order the seller accepted as requested, delivered both ways. */
  async function agreed(number: string, lines = [line('1'), line('2')]): Promise<Order> {
    const order = await issue(number, lines);
    await seller.services.respondToLines(
      seller.caller,
      order.id,
      lines.map((l) => ({ lineId: l.lineId, answer: 'accept' as const })),
    );
    await t.settle();
    return order;
  }

  /** Sends `bytes` from `from` to its partner as if `from`'s node had written them. */
  async function sendRaw(
    from: Side,
    conversationId: string,
    documentType: string,
    bytes: Uint8Array,
  ): Promise<string> {
    const deps = from.services.deps;
    const id = await deps.store.transaction((tx) =>
      queueEnvelope(deps, tx, {
        from: from.company.id,
        to: from.partnerId,
        conversationId,
        payload: { documentType, bytes },
        at: new Date().toISOString(),
      }),
    );
    await t.settle();
    return id;
  }

  /**
   * Runs `attempt` — a change `from` sends in conversation `conversationId` that the other side cannot
   * apply — and checks what the topology's refusal behaviour says (RefusalBehaviour): the receiver's copy
   * and history stay as they were either way; `reason` is what the refusal says. Returns the sender's
   * error (sender-fails), or the refused message's id, the receiver's inbox row of it and the MLR's
   * description (message-level-response), for what a case checks beyond that.
   */
  async function refusedBy(
    from: Side,
    to: Side,
    conversationId: string,
    attempt: () => Promise<unknown>,
    reason: RegExp,
  ) {
    const before = await snapshot(conversationId);
    const sentBefore = (await outboxOf(from, conversationId)).map((m) => m.id);
    const inboxBefore = (await inboxOf(to, conversationId)).length;
    const answersBefore = (await outboxOf(to, conversationId)).length;
    if (t.refusal === 'sender-fails') {
      const e = await domainRejection(attempt());
      expect(e.details).toEqual({ reason: 'partner_refused' });
      expect(e.message).toMatch(new RegExp(`^${to.company.name} could not apply this \\w+ to its copy: `));
      expect(e.message).toMatch(reason);
      // Nothing changed on either copy, and nothing was kept on either side.
      expect(await snapshot(conversationId)).toEqual(before);
      expect((await outboxOf(from, conversationId)).map((m) => m.id)).toEqual(sentBefore);
      expect(await inboxOf(to, conversationId)).toHaveLength(inboxBefore);
      expect(await outboxOf(to, conversationId)).toHaveLength(answersBefore);
      return { behaviour: t.refusal, error: e } as const;
    }
    await attempt();
    await t.settle();
    const [sent, ...more] = (await outboxOf(from, conversationId)).filter((m) => !sentBefore.includes(m.id));
    expect(more).toEqual([]);
    const after = await snapshot(conversationId);
    const receiverCopy = (s: typeof before) =>
      to === buyer ? [s.buyer, s.buyerEvents] : [s.seller, s.sellerEvents];
    expect(receiverCopy(after)).toEqual(receiverCopy(before));
    // The receiver kept it as failed, with the reason, and answered with an MLR RE in the conversation.
    const failed = (await inboxOf(to, conversationId)).find((m) => m.messageId === sent!.id);
    expect(failed).toMatchObject({ status: 'failed' });
    expect(String(failed!.result.error)).toMatch(reason);
    const [mlr, ...others] = (await outboxOf(to, conversationId)).slice(answersBefore);
    expect(others).toEqual([]);
    expect(mlr).toMatchObject({ documentType: 'MessageLevelResponse', status: 'delivered' });
    const mlrXml = payloadOf(mlr!.envelope).toString();
    expect(mlrXml).toContain('<cbc:ResponseCode>RE</cbc:ResponseCode>');
    expect(mlrXml).toContain(`<cbc:ID>${sent!.id}</cbc:ID>`);
    // The sender recorded the answer on its message, keeps the MLR, and has a task.
    const answered = await from.services.deps.store.outbox.get(sent!.id);
    expect(answered).toMatchObject({ status: 'delivered', partnerResponse: { code: 'RE' } });
    expect(answered!.partnerResponse!.description).toMatch(reason);
    const response = await from.services.getDocument(from.caller, answered!.partnerResponse!.documentId);
    expect(response).toMatchObject({ documentType: 'MessageLevelResponse', direction: 'received' });
    const tasks = await from.services.listTasks(from.caller);
    expect(tasks.find((task) => task.messageId === sent!.id)).toMatchObject({
      kind: 'document_rejected',
      documentType: sent!.documentType,
      partner: to.company.name,
      lastError: `rejected by partner: ${answered!.partnerResponse!.description}`,
    });
    return {
      behaviour: t.refusal,
      messageId: sent!.id,
      failed: failed!,
      description: answered!.partnerResponse!.description,
    } as const;
  }

  return {
    /** Sets the topology once it is built (beforeAll of the contract). */
    set(topology: Topology): void {
      t = topology;
      ({ buyer, seller } = topology);
    },
    /** The topology and its sides, for a case group's beforeAll. */
    current: (): { t: Topology; buyer: Side; seller: Side } => ({ t, buyer, seller }),
    agree,
    sentTypes,
    outboxOf,
    inboxOf,
    snapshot,
    issue,
    agreed,
    sendRaw,
    refusedBy,
  };
}

export type ContractWorld = ReturnType<typeof contractWorld>;
