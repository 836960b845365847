// The exchange contract: what a buyer and a seller see alike whichever way their envelopes travel — two
// companies on one node (delivered through the receiver's inbox inside the sender's transaction,
// one-node.test.ts) or two companies on two nodes over HTTP (delivered by the outbox worker,
// two-nodes.test.ts). Each topology's *.test.ts calls exchangeContract with a factory, the way the storage
// contract runs against PGlite and PostgreSQL (test/storage/store-contract.ts).
//
// Every case issues its own order between the topology's two companies, so one topology serves the whole
// suite. The topologies differ on purpose in two ways only, both declared by the topology (Topology) and
// documented at their types: when a change reaches the partner's copy (DeliveryBehaviour, asserted by the
// change-feed case) and what becomes of a change the partner refuses (RefusalBehaviour, asserted by
// refusedBy for every refusal case, and by the case of an MLR that gets no MLR back).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningNode } from '../../../src/cli/start-node.ts';
import type { Caller } from '../../../src/app/deps.ts';
import type { RegisterCompanyInput } from '../../../src/app/accounts/index.ts';
import { queueEnvelope } from '../../../src/app/exchange/index.ts';
import type { Services } from '../../../src/app/node.ts';
import type { OrderChange } from '../../../src/app/orders/index.ts';
import type { IssueOrderInput } from '../../../src/app/orders/issue-order.ts';
import { primaryIdentifier, type Company } from '../../../src/domain/company-types.ts';
import { dutchVatNumber } from '../../../src/demo/seed-demo.ts';
import { writeApplicationResponse } from '../../../src/documents/application-response-writer.ts';
import type { NewLineInput } from '../../../src/domain/order-create.ts';
import type { Order } from '../../../src/domain/order-types.ts';
import { ACTION_PAYLOAD_TYPE, writeActionPayload } from '../../../src/network/action-payload.ts';
import { domainRejection } from '../harness.ts';

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

const SELLER_ID = CONTRACT_SELLER.identifiers[0]!;

/** One company of the exchange, on the node that hosts it. */
export interface Side {
  node: RunningNode;
  services: Services;
  company: Company;
  /** An admin of the company (API token). */
  caller: Caller;
  /** The other company's id on this side's node: the company itself on one node, its partner row on two. */
  partnerId: string;
}

/**
 * What becomes of a change the partner's node cannot apply to its copy:
 * - 'sender-fails' (one node): the receiver's refusal is the sender's error at once, reason
 *   `partner_refused`; the sender's transaction rolls back, so nothing changes on either copy and nothing
 *   is kept in an outbox or an inbox.
 * - 'message-level-response' (two nodes): the sender's change stands and its envelope is delivered; the
 *   receiver keeps the envelope as failed (the document as rejected) and answers with a Message Level
 *   Response RE, which the sender records on its message and lists as a `document_rejected` task.
 * In both the receiver's copy stays as it was, and the conversation goes on.
 */
export type RefusalBehaviour = 'sender-fails' | 'message-level-response';

/**
 * When a change reaches the partner's copy: 'in-transaction' (one node: before the sender's call
 * returns) or 'on-settle' (two nodes: when the outbox worker delivers it, here in settle()).
 */
export type DeliveryBehaviour = 'in-transaction' | 'on-settle';

export interface Topology {
  buyer: Side;
  seller: Side;
  delivery: DeliveryBehaviour;
  refusal: RefusalBehaviour;
  /** Delivers everything pending until nothing is left in flight; fails when something stays undelivered. */
  settle(): Promise<void>;
  /** Registers another seller where the seller is hosted and makes it and the buyer partners. */
  addSeller(input: RegisterCompanyInput): Promise<Side>;
  /**
   * Hands the receiver the very envelope of `from`'s outbox message `messageId` again, through the inbox
   * it arrived at (the HTTP inbox of the receiver's node, or the on-node inbox core): a repeat.
   */
  redeliver(from: Side, messageId: string): Promise<{ duplicate: boolean }>;
  close(): Promise<void>;
}

const payloadOf = (jws: string): Buffer => Buffer.from(jws.split('.')[1]!, 'base64url');

/** An order copy without what is node-local: the owner, its role and the company ids of the parties. */
const portable = (o: Order) => {
  const { companyId: _c, role: _r, buyer, seller, ...rest } = o;
  return {
    ...rest,
    buyer: { ...buyer, companyId: null },
    seller: { ...seller, companyId: null },
  };
};

const line = (lineId: string, quantity = '100'): NewLineInput => ({
  lineId,
  item: { name: `Beugel ${lineId}`, buyerItemId: `VD-${lineId}` },
  unitCode: 'C62',
  price: { amount: '12.5' },
  schedule: [{ id: '1', date: '2027-04-01', quantity }],
});

/** Defines the shared exchange cases against the topology `topology` builds (once for the suite). */
export function exchangeContract(name: string, topology: () => Promise<Topology>): void {
  describe(`the exchange between a buyer and a seller: ${name}`, { timeout: 180_000 }, () => {
    let t: Topology;
    let buyer: Side;
    let seller: Side;
    beforeAll(async () => {
      t = await topology();
      ({ buyer, seller } = t);
    }, 240_000);
    afterAll(async () => {
      await t?.close();
    });

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
      const [sent, ...more] = (await outboxOf(from, conversationId)).filter(
        (m) => !sentBefore.includes(m.id),
      );
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

    describe('an order', () => {
      it('reaches the seller as issued: number, lines, schedules, prices, delivery address and note', async () => {
        const input: IssueOrderInput = {
          seller: SELLER_ID,
          number: 'PO-C-ISSUE',
          issueDate: '2026-11-22',
          currency: 'EUR',
          deliveryLocation: {
            name: 'Magazijn Oost',
            identifier: '0088:8712345000011',
            address: 'Industrieweg 4, 7556 BJ Hengelo, NL',
          },
          note: 'Levering aan poort 3',
          lines: [
            {
              lineId: '1',
              item: { name: 'Beugel type 1', buyerItemId: 'VD-1', sellerItemId: 'S-1' },
              unitCode: 'C62',
              price: { amount: '12.50' },
              schedule: [{ id: '1', date: '2027-04-01', quantity: '100' }],
              note: 'verzinkt',
            },
            {
              lineId: '2',
              item: { name: 'Plaat 2 mm', buyerItemId: 'VD-2' },
              unitCode: 'KGM',
              price: { amount: '250', baseQuantity: '100' },
              schedule: [{ id: '1', date: '2027-05-01', quantity: '800' }],
            },
          ],
        };
        const order = await buyer.services.issueOrder(buyer.caller, input);
        await t.settle();
        await agree(order.id);
        const copy = (await seller.services.deps.store.orders.get(seller.company.id, order.id))!;
        expect(copy).toMatchObject({
          number: 'PO-C-ISSUE',
          issueDate: '2026-11-22',
          currency: 'EUR',
          deliveryLocation: input.deliveryLocation,
          note: 'Levering aan poort 3',
          buyer: { name: CONTRACT_BUYER.name, identifier: CONTRACT_BUYER.identifiers[0] },
          seller: { name: CONTRACT_SELLER.name, identifier: SELLER_ID },
        });
        expect(
          copy.lines.map((l) => [l.lineId, l.state, l.item.name, l.item.buyerItemId, l.unitCode, l.note]),
        ).toEqual([
          ['1', 'open', 'Beugel type 1', 'VD-1', 'C62', 'verzinkt'],
          ['2', 'open', 'Plaat 2 mm', 'VD-2', 'KGM', null],
        ]);
        expect(copy.lines[0]!.item.sellerItemId).toBe('S-1');
        expect(copy.lines.map((l) => l.requested)).toEqual([
          {
            quantity: '100',
            price: { amount: '12.5', baseQuantity: '1' },
            schedule: [{ id: '1', date: '2027-04-01', quantity: '100' }],
          },
          {
            quantity: '800',
            price: { amount: '250', baseQuantity: '100' },
            schedule: [{ id: '1', date: '2027-05-01', quantity: '800' }],
          },
        ]);
        expect(await seller.services.getOrder(seller.caller, order.id)).toMatchObject({
          role: 'seller',
          status: 'issued',
        });
        expect(await sentTypes(buyer, order.id)).toEqual(['Order']);
        // The seller is asked to confirm it; the buyer has nothing to do yet.
        const tasksOf = async (side: Side) =>
          (await side.services.listTasks(side.caller)).filter((task) => task.orderId === order.id);
        expect(await tasksOf(seller)).toMatchObject([
          { kind: 'confirm_order', partner: CONTRACT_BUYER.name, lineIds: ['1', '2'] },
        ]);
        expect(await tasksOf(buyer)).toEqual([]);
      });

      // A Peppol Order's cac:DeliveryLocation needs a cac:Address with a cac:Country (PEPPOL-T01-B14901,
      // -B15301): the writer sends the buyer's country when the address names none, and the reader must
      // not hand it back as part of the address text, so the seller's copy holds what the buyer entered.
      it('reaches the seller with a delivery address that names no country, as entered', async () => {
        const order = await buyer.services.issueOrder(buyer.caller, {
          seller: SELLER_ID,
          number: 'PO-C-ADDRESS',
          issueDate: '2026-11-22',
          currency: 'EUR',
          deliveryLocation: { address: 'Industrieweg 4, Hengelo' },
          lines: [line('1')],
        });
        await t.settle();
        const copy = await seller.services.deps.store.orders.get(seller.company.id, order.id);
        expect(copy!.deliveryLocation).toEqual({
          name: null,
          identifier: null,
          address: 'Industrieweg 4, Hengelo',
        });
      });

      it('reaches the seller with a delivery location given by its identifier only, as entered', async () => {
        const order = await buyer.services.issueOrder(buyer.caller, {
          seller: SELLER_ID,
          number: 'PO-C-LOCATION',
          issueDate: '2026-11-22',
          currency: 'EUR',
          deliveryLocation: { identifier: '0088:8712345000011' },
          lines: [line('1')],
        });
        await t.settle();
        const copy = await seller.services.deps.store.orders.get(seller.company.id, order.id);
        expect(copy!.deliveryLocation).toEqual({
          name: null,
          identifier: '0088:8712345000011',
          address: null,
        });
      });
      it('gives the seller the delivery address as the buyer typed it, with or without a country', async () => {
        // The buyer is Dutch: an address without a country goes out with cac:Country NL, which must not
        // come back as part of the text; a country the buyer did type stays, its own or another.
        for (const [i, address] of [
          'De Run 1, Eindhoven',
          'De Run 1, Eindhoven, NL',
          'Hafenstr. 5, Köln, DE',
        ].entries()) {
          const deliveryLocation = { name: 'Hal 3', identifier: null, address };
          const order = await buyer.services.issueOrder(buyer.caller, {
            seller: SELLER_ID,
            number: `PO-C-ADDR-${i}`,
            issueDate: '2026-11-22',
            currency: 'EUR',
            deliveryLocation,
            lines: [line('1')],
          });
          await t.settle();
          const copy = await seller.services.deps.store.orders.get(seller.company.id, order.id);
          expect(copy!.deliveryLocation).toEqual(deliveryLocation);
          expect(copy!.deliveryLocation).toEqual(
            (await buyer.services.deps.store.orders.get(buyer.company.id, order.id))!.deliveryLocation,
          );
        }
      });
    });

    describe('negotiation', () => {
      it('carries accept, reject and propose to the buyer, and the buyer’s decisions back', async () => {
        const order = await issue('PO-C-ANSWER', [line('1'), line('2'), line('3'), line('4')]);
        await seller.services.respondToLines(seller.caller, order.id, [
          { lineId: '1', answer: 'accept' },
          { lineId: '2', answer: 'reject', reason: 'not in our range' },
          {
            lineId: '3',
            answer: 'propose',
            price: { amount: '13' },
            note: 'steel went up',
            substitute: { name: 'Beugel 3 RVS', sellerItemId: 'S-3-RVS' },
          },
          {
            lineId: '4',
            answer: 'propose',
            schedule: [{ id: '1', date: '2027-04-20', quantity: '100' }],
            note: 'later',
          },
        ]);
        await t.settle();
        const answered = await agree(order.id);
        expect(answered.lines.map((l) => [l.state, l.reason])).toEqual([
          ['agreed', null],
          ['rejected', 'not in our range'],
          ['proposed', null],
          ['proposed', null],
        ]);
        expect(answered.lines[2]!.proposal).toMatchObject({
          terms: { price: { amount: '13' } },
          note: 'steel went up',
          substitute: { name: 'Beugel 3 RVS', sellerItemId: 'S-3-RVS' },
        });
        expect(
          (await buyer.services.listTasks(buyer.caller))
            .filter((task) => task.orderId === order.id)
            .map((task) => [task.kind, task.lineIds]),
        ).toEqual(expect.arrayContaining([['decide_proposal', ['3', '4']]]));
        expect(answered.lines[3]!.proposal!.terms.schedule).toEqual([
          { id: '1', date: '2027-04-20', quantity: '100' },
        ]);

        await buyer.services.decideProposals(buyer.caller, order.id, [
          { lineId: '3', decision: 'accept' },
          { lineId: '4', decision: 'reject', reason: 'we need it in April' },
        ]);
        await t.settle();
        const decided = await agree(order.id);
        expect(decided.lines.map((l) => l.state)).toEqual(['agreed', 'rejected', 'agreed', 'open']);
        expect(decided.lines[2]!.agreed!.price.amount).toBe('13');
        // The accepted substitute is the line's item now, on both copies.
        expect(decided.lines[2]!.item).toMatchObject({ name: 'Beugel 3 RVS', sellerItemId: 'S-3-RVS' });
        expect(decided.lines[3]!.proposal).toBeNull();
        const story = async (side: Side) =>
          (await side.services.deps.store.orders.events(side.company.id, order.id)).map((e) => [
            e.type,
            e.lineId,
            e.reason,
          ]);
        expect(await story(seller)).toEqual(await story(buyer));
        expect((await story(buyer)).slice(-2)).toEqual([
          ['proposal.accepted', '3', null],
          ['proposal.rejected', '4', 'we need it in April'],
        ]);
        expect(await sentTypes(seller, order.id)).toEqual(['OrderResponse']);
        expect(await sentTypes(buyer, order.id)).toEqual(['Order', ACTION_PAYLOAD_TYPE]);
      });

      it('applies answers given line by line once each (each response repeats the earlier answers)', async () => {
        const order = await issue('PO-C-STEP', [line('1'), line('2'), line('3')]);
        const respond = (answer: Parameters<Services['respondToLines']>[2][number]) =>
          seller.services.respondToLines(seller.caller, order.id, [answer]).then(() => t.settle());
        await respond({ lineId: '3', answer: 'reject', reason: 'no' });
        await respond({ lineId: '2', answer: 'propose', price: { amount: '14' }, note: 'alloy surcharge' });
        await respond({ lineId: '1', answer: 'accept' });
        expect((await agree(order.id)).lines.map((l) => l.state)).toEqual(['agreed', 'proposed', 'rejected']);
        const types = async (side: Side) =>
          (await side.services.deps.store.orders.events(side.company.id, order.id)).map(
            (e) => `${e.type}:${e.lineId ?? ''}`,
          );
        expect(await types(buyer)).toEqual(await types(seller));
        expect(await types(buyer)).toEqual([
          'order.issued:',
          'line.rejected:3',
          'line.proposed:2',
          'line.accepted:1',
        ]);
      });

      it('carries a split delivery schedule as SCSN, and both copies agree the split', async () => {
        const order = await issue('PO-C-SPLIT', [line('1'), line('2')]);
        const split = [
          { id: 'a', date: '2027-04-01', quantity: '40' },
          { id: 'b', date: '2027-05-01', quantity: '60' },
        ];
        await seller.services.respondToLines(seller.caller, order.id, [
          { lineId: '1', answer: 'propose', schedule: split, note: 'in two parts' },
          { lineId: '2', answer: 'accept' },
        ]);
        await t.settle();
        const proposed = await agree(order.id);
        expect(proposed.lines[0]!.proposal!.terms).toMatchObject({ quantity: '100', schedule: split });
        // Peppol states one period per line: the response travelled as an SCSN OrderResponse.
        const [response] = (await buyer.services.listOrderDocuments(buyer.caller, order.id)).filter(
          (d) => d.documentType === 'OrderResponse',
        );
        expect(response).toMatchObject({ direction: 'received', status: 'processed', profile: 'scsn' });

        await buyer.services.decideProposals(buyer.caller, order.id, [{ lineId: '1', decision: 'accept' }]);
        await t.settle();
        const agreedSplit = await agree(order.id);
        expect(agreedSplit.lines[0]).toMatchObject({ state: 'agreed', agreed: { schedule: split } });
        // Both parts can be shipped on their own delivery line.
        await seller.services.shipGoods(seller.caller, {
          number: 'DESP-C-SPLIT',
          date: '2027-04-01',
          lines: [{ orderId: order.id, lineId: '1', deliveryLineId: 'a', quantity: '40' }],
        });
        await t.settle();
        const shipped = await agree(order.id);
        expect(shipped.lines[0]!.progress.a).toMatchObject({ shipped: '40' });
        expect(shipped.lines[0]!.progress.b).toBeUndefined();
      });

      it('carries a change after agreement as an OrderChange, and the seller’s answer to it', async () => {
        const order = await agreed('PO-C-CHANGE');
        await buyer.services.changeOrder(buyer.caller, order.id, {
          add: [line('3', '20')],
          change: [
            {
              lineId: '1',
              price: { amount: '12' },
              schedule: [{ id: '1', date: '2027-04-15', quantity: '120' }],
            },
          ],
          reason: 'more needed',
        });
        await t.settle();
        const changed = await agree(order.id);
        expect(changed.lines.map((l) => l.state)).toEqual(['changed', 'agreed', 'open']);
        expect(changed.lines[0]!.requested).toEqual({
          quantity: '120',
          price: { amount: '12', baseQuantity: '1' },
          schedule: [{ id: '1', date: '2027-04-15', quantity: '120' }],
        });
        const reasons = async (side: Side) =>
          (await side.services.deps.store.orders.events(side.company.id, order.id))
            .filter((e) => e.type === 'line.changed' || e.type === 'line.added')
            .map((e) => [e.type, e.lineId, e.reason]);
        expect(await reasons(seller)).toEqual([
          ['line.added', '3', 'more needed'],
          ['line.changed', '1', 'more needed'],
        ]);
        expect(await reasons(buyer)).toEqual(await reasons(seller));

        await seller.services.respondToLines(seller.caller, order.id, [
          { lineId: '1', answer: 'accept' },
          { lineId: '3', answer: 'accept' },
        ]);
        await t.settle();
        const settled = await agree(order.id);
        expect(settled.lines.map((l) => l.state)).toEqual(['agreed', 'agreed', 'agreed']);
        expect(settled.lines[0]!.agreed!.quantity).toBe('120');
        expect(await sentTypes(buyer, order.id)).toEqual(['Order', 'OrderChange']);
        expect(await sentTypes(seller, order.id)).toEqual(['OrderResponse', 'OrderResponse']);
      });

      it('gives each change its own reason, and a cancelled line the reason given for it', async () => {
        const order = await agreed('PO-C-REASONS', [line('1'), line('2'), line('3')]);
        await buyer.services.changeOrder(buyer.caller, order.id, {
          change: [{ lineId: '1', price: { amount: '11' } }],
          reason: 'cheaper',
        });
        await t.settle();
        await buyer.services.changeOrder(buyer.caller, order.id, {
          cancel: [{ lineId: '2', reason: 'not needed' }],
        });
        await t.settle();
        await buyer.services.changeOrder(buyer.caller, order.id, {
          cancel: [{ lineId: '3' }],
          reason: 'project smaller',
        });
        await t.settle();
        const copy = await agree(order.id);
        expect(copy.lines.map((l) => [l.state, l.reason])).toEqual([
          ['changed', null],
          ['cancelled', 'not needed'],
          ['cancelled', 'project smaller'],
        ]);
        const reasons = async (side: Side) =>
          (await side.services.deps.store.orders.events(side.company.id, order.id)).map((e) => [
            e.type,
            e.lineId,
            e.reason,
          ]);
        expect(await reasons(seller)).toEqual(await reasons(buyer));
        expect((await reasons(seller)).slice(-3)).toEqual([
          ['line.changed', '1', 'cheaper'],
          ['line.cancelled', '2', 'not needed'],
          ['line.cancelled', '3', 'project smaller'],
        ]);
      });
    });

    describe('cancellation', () => {
      it('carries a cancellation as an OrderCancellation', async () => {
        const order = await agreed('PO-C-CANCEL');
        await buyer.services.cancelOrder(buyer.caller, order.id, 'project stopped');
        await t.settle();
        const cancelled = await agree(order.id);
        expect(cancelled.lines.map((l) => [l.state, l.reason])).toEqual([
          ['cancelled', 'project stopped'],
          ['cancelled', 'project stopped'],
        ]);
        expect(await sentTypes(buyer, order.id)).toEqual(['Order', 'OrderCancellation']);
      });

      it('leaves shipped lines in place when the order is cancelled', async () => {
        const order = await agreed('PO-C-CANCEL-SHIPPED');
        await seller.services.shipGoods(seller.caller, {
          number: 'DESP-C-CANCEL',
          date: '2027-03-20',
          lines: [{ orderId: order.id, lineId: '1', deliveryLineId: '1', quantity: '10' }],
        });
        await t.settle();
        await buyer.services.cancelOrder(buyer.caller, order.id, 'project stopped');
        await t.settle();
        const copy = await agree(order.id);
        expect(copy.lines.map((l) => l.state)).toEqual(['agreed', 'cancelled']);
        expect(copy.lines[1]!.reason).toBe('project stopped');
        expect(copy.lines[0]!.progress['1']).toMatchObject({ shipped: '10' });
      });
    });

    describe('production, shipment and receipt', () => {
      it('carries production progress to the buyer', async () => {
        const order = await agreed('PO-C-PROD');
        await seller.services.reportProduction(seller.caller, order.id, [
          { lineId: '1', deliveryLineId: '1', produced: '40' },
        ]);
        await t.settle();
        await seller.services.reportProduction(seller.caller, order.id, [
          { lineId: '1', deliveryLineId: '1', produced: '90' },
          { lineId: '2', deliveryLineId: '1', produced: '10' },
        ]);
        await t.settle();
        const copy = await agree(order.id);
        expect(copy.lines.map((l) => l.progress['1']?.produced)).toEqual(['90', '10']);
        expect(await sentTypes(seller, order.id)).toEqual([
          'OrderResponse',
          ACTION_PAYLOAD_TYPE,
          ACTION_PAYLOAD_TYPE,
        ]);
      });

      it('carries a shipment and a receipt with a rejected quantity; each receipt counts once', async () => {
        const order = await agreed('PO-C-SHIP');
        const shipped = await seller.services.shipGoods(seller.caller, {
          number: 'DESP-C-SHIP',
          date: '2027-04-10',
          lines: [
            { orderId: order.id, lineId: '1', deliveryLineId: '1', quantity: '100' },
            { orderId: order.id, lineId: '2', deliveryLineId: '1', quantity: '60' },
          ],
        });
        await t.settle();
        const afterShip = await agree(order.id);
        expect(afterShip.lines.map((l) => l.progress['1']?.shipped)).toEqual(['100', '60']);
        // The despatch id is derived from the seller and the despatch number: the buyer's history names it.
        const shippedEvents = async (side: Side) =>
          (await side.services.deps.store.orders.events(side.company.id, order.id))
            .filter((e) => e.type === 'goods.shipped')
            .map((e) => [e.data.despatchId, e.data.despatchNumber]);
        expect(await shippedEvents(buyer)).toEqual([
          [shipped.despatchId, 'DESP-C-SHIP'],
          [shipped.despatchId, 'DESP-C-SHIP'],
        ]);
        expect(await shippedEvents(seller)).toEqual(await shippedEvents(buyer));

        await buyer.services.receiveGoods(buyer.caller, order.id, [
          { lineId: '1', deliveryLineId: '1', received: '98', rejected: '2', reason: 'two bent' },
        ]);
        await t.settle();
        await buyer.services.receiveGoods(buyer.caller, order.id, [
          { lineId: '2', deliveryLineId: '1', received: '60' },
        ]);
        await t.settle();
        const received = await agree(order.id);
        expect(received.lines[0]!.progress['1']).toEqual({
          produced: '0',
          shipped: '100',
          received: '98',
          rejected: '2',
        });
        expect(received.lines[1]!.progress['1']).toMatchObject({ received: '60', rejected: '0' });
        const rejection = (await seller.services.deps.store.orders.events(seller.company.id, order.id)).find(
          (e) => e.type === 'goods.received' && e.lineId === '1',
        );
        expect(rejection!.reason).toBe('two bent');
        expect(await sentTypes(seller, order.id)).toEqual(['OrderResponse', 'DespatchAdvice']);
        expect(await sentTypes(buyer, order.id)).toEqual(['Order', 'ReceiptAdvice', 'ReceiptAdvice']);
      });

      it('ships and receives a line delivered in parts on the delivery line named (travels as the action)', async () => {
        const parts = {
          ...line('1'),
          schedule: [
            { id: 'a', date: '2027-04-01', quantity: '40' },
            { id: 'b', date: '2027-05-01', quantity: '60' },
          ],
        };
        const order = await agreed('PO-C-PARTS', [parts, line('2')]);
        await seller.services.shipGoods(seller.caller, {
          number: 'DESP-C-PARTS-1',
          date: '2027-03-20',
          lines: [{ orderId: order.id, lineId: '1', deliveryLineId: 'b', quantity: '30' }],
        });
        await t.settle();
        await buyer.services.receiveGoods(buyer.caller, order.id, [
          { lineId: '1', deliveryLineId: 'b', received: '30' },
        ]);
        await t.settle();
        await seller.services.shipGoods(seller.caller, {
          number: 'DESP-C-PARTS-2',
          date: '2027-03-21',
          lines: [{ orderId: order.id, lineId: '2', deliveryLineId: '1', quantity: '100' }],
        });
        await t.settle();
        const copy = await agree(order.id);
        expect(copy.lines[0]!.progress.b).toMatchObject({ shipped: '30', received: '30' });
        expect(copy.lines[0]!.progress.a).toBeUndefined();
        expect(copy.lines[1]!.progress['1']).toMatchObject({ shipped: '100' });
        // A despatch or receipt states quantities per order line only: one naming a delivery line of a
        // line delivered in parts travels as the action itself; otherwise as the UBL document. The order
        // itself, with a split schedule, travels in SCSN.
        expect(await sentTypes(seller, order.id)).toEqual([
          'OrderResponse',
          ACTION_PAYLOAD_TYPE,
          'DespatchAdvice',
        ]);
        expect(await sentTypes(buyer, order.id)).toEqual(['Order', ACTION_PAYLOAD_TYPE]);
        const [orderDoc] = await seller.services.listOrderDocuments(seller.caller, order.id);
        expect(orderDoc).toMatchObject({ documentType: 'Order', profile: 'scsn' });
      });
    });

    describe('invoicing', () => {
      it('matches an invoice three ways on both copies, and carries the buyer’s decision', async () => {
        const order = await agreed('PO-C-INV');
        await seller.services.shipGoods(seller.caller, {
          number: 'DESP-C-INV',
          date: '2027-04-10',
          lines: [
            { orderId: order.id, lineId: '1', deliveryLineId: '1', quantity: '100' },
            { orderId: order.id, lineId: '2', deliveryLineId: '1', quantity: '100' },
          ],
        });
        await t.settle();
        await buyer.services.receiveGoods(buyer.caller, order.id, [
          { lineId: '1', deliveryLineId: '1', received: '100' },
          { lineId: '2', deliveryLineId: '1', received: '90', rejected: '10', reason: 'scratched' },
        ]);
        await t.settle();
        // As agreed and received: matched.
        await seller.services.submitInvoice(seller.caller, order.id, {
          number: 'INV-C-1',
          issueDate: '2027-04-20',
          lines: [{ lineId: '1', quantity: '100', price: { amount: '12.5' } }],
        });
        await t.settle();
        // A price that differs and more than was received: a mismatch for a person to decide.
        await seller.services.submitInvoice(seller.caller, order.id, {
          number: 'INV-C-2',
          issueDate: '2027-04-21',
          lines: [{ lineId: '2', quantity: '100', price: { amount: '14' } }],
        });
        await t.settle();
        const invoiced = await agree(order.id);
        expect(invoiced.invoices.map((i) => [i.number, i.status, i.total])).toEqual([
          ['INV-C-1', 'matched', '1250'],
          ['INV-C-2', 'mismatch', '1400'],
        ]);
        expect(invoiced.invoices[1]!.lines[0]!.reasons).toEqual(
          expect.arrayContaining(['price_differs', 'quantity_exceeds_received']),
        );
        expect(
          (await buyer.services.listTasks(buyer.caller)).filter(
            (task) => task.kind === 'invoice_mismatch' && task.orderId === order.id,
          ),
        ).toMatchObject([{ invoiceId: invoiced.invoices[1]!.id }]);

        await buyer.services.decideInvoice(
          buyer.caller,
          order.id,
          invoiced.invoices[1]!.id,
          'dispute',
          'ten were rejected',
        );
        await t.settle();
        const decided = await agree(order.id);
        expect(decided.invoices.map((i) => [i.status, i.decisionReason])).toEqual([
          ['matched', null],
          ['disputed', 'ten were rejected'],
        ]);
        expect(await sentTypes(seller, order.id)).toEqual([
          'OrderResponse',
          'DespatchAdvice',
          'Invoice',
          'Invoice',
        ]);
        expect(await sentTypes(buyer, order.id)).toEqual(['Order', 'ReceiptAdvice', ACTION_PAYLOAD_TYPE]);
      });

      it('sends an invoice the node cannot write validly as the action, and both copies still agree', async () => {
        // A Dutch seller without VAT number or street address: no valid Peppol invoice can be written for it.
        const c = await t.addSeller({
          name: 'Lasbedrijf C BV',
          identifiers: ['0106:65656565'],
          country: 'NL',
        });
        const order = await buyer.services.issueOrder(buyer.caller, {
          seller: '0106:65656565',
          number: 'PO-C-SELLER-C',
          issueDate: '2026-11-22',
          currency: 'EUR',
          lines: [line('1', '10')],
        });
        await t.settle();
        await c.services.respondToLines(c.caller, order.id, [{ lineId: '1', answer: 'accept' }]);
        await t.settle();
        await c.services.submitInvoice(c.caller, order.id, {
          number: 'INV-C-C-1',
          issueDate: '2027-04-20',
          lines: [{ lineId: '1', quantity: '10', price: { amount: '12.5' } }],
        });
        await t.settle();
        const copy = await agree(order.id, buyer, c);
        expect(copy.invoices.map((i) => i.number)).toEqual(['INV-C-C-1']);
        expect(await sentTypes(c, order.id)).toEqual(['OrderResponse', ACTION_PAYLOAD_TYPE]);
      });
    });

    describe('a whole order', () => {
      it('travels as its UBL documents and leaves both copies and histories the same after every step', async () => {
        const order = await issue('PO-C-WHOLE');
        await agree(order.id);

        await seller.services.respondToLines(seller.caller, order.id, [
          { lineId: '1', answer: 'accept' },
          { lineId: '2', answer: 'propose', price: { amount: '13' }, note: 'steel went up' },
        ]);
        await t.settle();
        expect((await agree(order.id)).lines.map((l) => l.state)).toEqual(['agreed', 'proposed']);

        await buyer.services.decideProposals(buyer.caller, order.id, [{ lineId: '2', decision: 'accept' }]);
        await t.settle();
        await buyer.services.changeOrder(buyer.caller, order.id, {
          add: [line('3', '20')],
          change: [{ lineId: '1', schedule: [{ id: '1', date: '2027-04-15', quantity: '120' }] }],
          reason: 'more needed',
        });
        await t.settle();
        expect((await agree(order.id)).lines.map((l) => l.state)).toEqual(['changed', 'agreed', 'open']);

        await seller.services.respondToLines(seller.caller, order.id, [
          { lineId: '1', answer: 'accept' },
          { lineId: '3', answer: 'reject', reason: 'not in our range' },
        ]);
        await seller.services.reportProduction(seller.caller, order.id, [
          { lineId: '1', deliveryLineId: '1', produced: '120' },
        ]);
        const shipped = await seller.services.shipGoods(seller.caller, {
          number: 'DESP-C-WHOLE',
          date: '2027-04-10',
          lines: [
            { orderId: order.id, lineId: '1', deliveryLineId: '1', quantity: '120' },
            { orderId: order.id, lineId: '2', deliveryLineId: '1', quantity: '60' },
          ],
        });
        await t.settle();
        const afterShip = await agree(order.id);
        expect(afterShip.lines[0]!.progress['1']).toMatchObject({ produced: '120', shipped: '120' });
        expect(afterShip.lines[1]!.progress['1']).toMatchObject({ shipped: '60' });
        const buyerShipped = (
          await buyer.services.deps.store.orders.events(buyer.company.id, order.id)
        ).filter((e) => e.type === 'goods.shipped');
        expect(buyerShipped.map((e) => e.data.despatchId)).toEqual([shipped.despatchId, shipped.despatchId]);

        await buyer.services.receiveGoods(buyer.caller, order.id, [
          { lineId: '1', deliveryLineId: '1', received: '118', rejected: '2', reason: 'two bent' },
        ]);
        await buyer.services.receiveGoods(buyer.caller, order.id, [
          { lineId: '2', deliveryLineId: '1', received: '60' },
        ]);
        await t.settle();
        const afterReceipt = await agree(order.id);
        // Two receipts, each sent as only what it received: nothing is counted twice.
        expect(afterReceipt.lines[0]!.progress['1']).toMatchObject({ received: '118', rejected: '2' });
        expect(afterReceipt.lines[1]!.progress['1']).toMatchObject({ received: '60' });

        await seller.services.submitInvoice(seller.caller, order.id, {
          number: 'INV-C-WHOLE',
          issueDate: '2027-04-20',
          lines: [
            { lineId: '1', quantity: '118', price: { amount: '12.5' } },
            { lineId: '2', quantity: '60', price: { amount: '14' } },
          ],
        });
        await t.settle();
        const invoiced = await agree(order.id);
        expect(invoiced.invoices.map((i) => i.status)).toEqual(['mismatch']);
        await buyer.services.decideInvoice(
          buyer.caller,
          order.id,
          invoiced.invoices[0]!.id,
          'approve',
          'agreed by phone',
        );
        await buyer.services.reopenLines(buyer.caller, order.id, ['2'], 'one more batch after all');
        await t.settle();
        const final = await agree(order.id);
        expect(final.invoices[0]!.status).toBe('approved');
        expect(final.lines[1]!.state).toBe('reopened');

        expect(await sentTypes(buyer, order.id)).toEqual([
          'Order',
          ACTION_PAYLOAD_TYPE, // decide
          'OrderChange',
          'ReceiptAdvice',
          'ReceiptAdvice',
          ACTION_PAYLOAD_TYPE, // decideInvoice
          ACTION_PAYLOAD_TYPE, // reopen
        ]);
        expect(await sentTypes(seller, order.id)).toEqual([
          'OrderResponse',
          'OrderResponse',
          ACTION_PAYLOAD_TYPE, // reportProduction
          'DespatchAdvice',
          'Invoice',
        ]);
        for (const side of [buyer, seller])
          expect((await inboxOf(side, order.id)).every((m) => m.status === 'applied')).toBe(true);

        // Both histories tell the same story in the same order.
        const story = async (side: Side) =>
          (await side.services.deps.store.orders.events(side.company.id, order.id)).map((e) => [
            e.type,
            e.lineId,
            e.reason,
            e.at,
          ]);
        expect(await story(seller)).toEqual(await story(buyer));
        // The views the two sides see agree on the status, and the seller's list shows it.
        const view = await buyer.services.getOrder(buyer.caller, order.id);
        expect((await seller.services.getOrder(seller.caller, order.id)).status).toBe(view.status);
        const listed = await seller.services.listOrders(seller.caller, { role: 'seller', q: 'PO-C-WHOLE' });
        expect(listed.items).toMatchObject([
          {
            id: order.id,
            status: view.status,
            version: final.version,
          },
        ]);
      });

      it('names the other company in each side’s history, and links the document each step came in', async () => {
        const order = await issue('PO-C-HISTORY');
        await seller.services.respondToLines(seller.caller, order.id, [
          { lineId: '1', answer: 'accept' },
          { lineId: '2', answer: 'reject', reason: 'no capacity in April' },
        ]);
        await t.settle();
        // The partner's steps arrived as signed documents, which name the partner company (not its people).
        const companyActor = (side: Side, other: Side) => ({
          companyId: side.partnerId,
          companyName: other.company.name,
          userId: null,
          tokenId: null,
          name: other.company.name,
        });
        const receivedDoc = async (side: Side, type: string) =>
          (await side.services.listOrderDocuments(side.caller, order.id)).find(
            (d) => d.direction === 'received' && d.documentType === type,
          )?.id;
        for (const [side, other] of [
          [buyer, seller],
          [seller, buyer],
        ] as const) {
          const events = await side.services.orderHistory(side.caller, order.id);
          expect(events.map((e) => [e.type, e.lineId, e.reason])).toEqual([
            ['order.issued', null, null],
            ['line.accepted', '1', null],
            ['line.rejected', '2', 'no capacity in April'],
          ]);
          expect(events.every((e) => e.orderId === order.id)).toBe(true);
          const [issued, , rejected] = events;
          if (side === buyer) {
            expect(issued!.actor).toEqual(buyer.caller.actor);
            expect(issued!.documentId).toBeNull();
            expect(rejected!.actor).toEqual(companyActor(buyer, seller));
            expect(rejected!.documentId).toBe(await receivedDoc(buyer, 'OrderResponse'));
          } else {
            expect(issued!.actor).toEqual(companyActor(seller, buyer));
            expect(issued!.documentId).toBe(await receivedDoc(seller, 'Order'));
            expect(rejected!.actor).toEqual(seller.caller.actor);
            expect(rejected!.documentId).toBeNull();
          }
          expect(events.find((e) => e.actor.companyId !== side.company.id)?.actor.name).toBe(
            other.company.name,
          );
        }
        const line2 = await seller.services.orderHistory(seller.caller, order.id, '2');
        expect(line2.map((e) => e.type)).toEqual(['line.rejected']);
      });
    });

    describe('documents', () => {
      it('keeps each received document in the receiver’s documents, byte-exact, linked to the order', async () => {
        const order = await issue('PO-C-DOC');
        const [sent] = await outboxOf(buyer, order.id);
        const listed = await seller.services.listOrderDocuments(seller.caller, order.id);
        expect(listed.map((d) => [d.documentType, d.direction, d.status])).toEqual([
          ['Order', 'received', 'processed'],
        ]);
        const doc = await seller.services.getDocument(seller.caller, listed[0]!.id);
        expect(doc).toMatchObject({
          number: 'PO-C-DOC',
          profile: expect.stringMatching(/^peppol/),
          partnerCompanyId: seller.partnerId,
          orderIds: [order.id],
          summary: { messageId: sent!.id },
        });
        const content = await seller.services.getDocumentContent(seller.caller, doc.id);
        expect(Buffer.from(content).equals(payloadOf(sent!.envelope))).toBe(true);
        // The seller's history names the document the order arrived in.
        const [issued] = await seller.services.deps.store.orders.events(seller.company.id, order.id);
        expect(issued!.documentId).toBe(doc.id);
        // Through the HTTP API as well.
        const { token } = await seller.services.createApiToken(seller.company.id, {
          name: 'viewer',
          role: 'viewer',
        });
        const r = await fetch(`${seller.node.url}/api/v1/documents/${doc.id}/content`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(r.status).toBe(200);
        expect(Buffer.from(await r.arrayBuffer()).equals(payloadOf(sent!.envelope))).toBe(true);
      });

      it('sends an imported document as its original bytes', async () => {
        const written = await issue('PO-C-WRITTEN');
        const [sent] = await outboxOf(buyer, written.id);
        // The company's own system hands the node an Order (here: the one the node wrote, renumbered).
        const bytes = Buffer.from(
          payloadOf(sent!.envelope)
            .toString()
            .replaceAll('>PO-C-WRITTEN<', '>PO-C-IMPORTED<')
            .replace('\n', '\n\n'),
        );
        const imported = await buyer.services.importDocument(buyer.caller, new Uint8Array(bytes));
        const [orderId] = imported.document.orderIds;
        const [out] = await outboxOf(buyer, orderId!);
        expect(out).toMatchObject({ documentType: 'Order', documentId: imported.document.id });
        expect(payloadOf(out!.envelope).equals(bytes)).toBe(true);
        await t.settle();
        const [received] = await seller.services.listOrderDocuments(seller.caller, orderId!);
        expect(received).toMatchObject({
          number: 'PO-C-IMPORTED',
          direction: 'received',
          status: 'processed',
        });
        expect(
          Buffer.from(await seller.services.getDocumentContent(seller.caller, received!.id)).equals(bytes),
        ).toBe(true);
        await agree(orderId!);
      });

      it('announces a change applied from an envelope on the receiver’s change feed', async () => {
        const order = await issue('PO-C-FEED');
        const heard: OrderChange[] = [];
        const stop = buyer.services.watchOrderChanges(buyer.caller, (c) => heard.push(c));
        try {
          await seller.services.respondToLines(seller.caller, order.id, [{ lineId: '1', answer: 'accept' }]);
          const change = { orderId: order.id, orderNumber: 'PO-C-FEED', action: 'respond' };
          // Announced once the receiver's copy changed: at once on one node, on delivery between nodes.
          expect(heard).toMatchObject(t.delivery === 'in-transaction' ? [change] : []);
          await t.settle();
          expect(heard).toMatchObject([{ ...change, byCompanyId: buyer.partnerId }]);
        } finally {
          stop();
        }
      });
    });

    describe('exactly once', () => {
      it('gives the receiver each sent message once, and the same envelope again applies nothing', async () => {
        const order = await agreed('PO-C-ONCE');
        await buyer.services.changeOrder(buyer.caller, order.id, {
          change: [{ lineId: '1', schedule: [{ id: '1', date: '2027-04-01', quantity: '150' }] }],
          reason: 'more needed',
        });
        await seller.services.reportProduction(seller.caller, order.id, [
          { lineId: '2', deliveryLineId: '1', produced: '50' },
        ]);
        await t.settle();
        // What each side sent is what the other received, each message once, all applied in sequence; and
        // each sent document (not the actions) is one received document.
        for (const [from, to] of [
          [buyer, seller],
          [seller, buyer],
        ] as const) {
          const sent = await outboxOf(from, order.id);
          const received = await inboxOf(to, order.id);
          expect(sent.map((m) => m.status)).toEqual(sent.map(() => 'delivered'));
          expect(received.map((m) => [m.messageId, m.seq, m.status])).toEqual(
            sent.map((m) => [m.id, m.seq, 'applied']),
          );
          const documents = (await to.services.listOrderDocuments(to.caller, order.id)).filter(
            (d) => d.direction === 'received',
          );
          expect(documents.map((d) => d.documentType).sort()).toEqual(
            sent
              .map((m) => m.documentType)
              .filter((type) => type !== ACTION_PAYLOAD_TYPE)
              .sort(),
          );
        }
        expect(await sentTypes(buyer, order.id)).toEqual(['Order', 'OrderChange']);

        // The change again, and the order again: recognised as repeats, nothing applied twice.
        const before = await snapshot(order.id);
        const inboxBefore = await inboxOf(seller, order.id);
        for (const m of await outboxOf(buyer, order.id))
          expect(await t.redeliver(buyer, m.id)).toEqual({ duplicate: true });
        expect(await snapshot(order.id)).toEqual(before);
        expect(await inboxOf(seller, order.id)).toEqual(inboxBefore);
        expect(before.seller!.lines[0]!.requested.quantity).toBe('150');
      });
    });

    describe('a change the partner cannot apply', () => {
      it('is refused when the receiver’s copy cannot take the action, and the receiver’s copy stays', async () => {
        const order = await issue('PO-C-DIVERGED');
        // Make the buyer's copy diverge: line 1 cancelled there only (as a lost message would).
        const store = buyer.services.deps.store;
        const copy = (await store.orders.get(buyer.company.id, order.id))!;
        await store.orders.update(
          {
            ...copy,
            version: copy.version + 1,
            lines: copy.lines.map((l) => (l.lineId === '1' ? { ...l, state: 'cancelled' as const } : l)),
          },
          copy.version,
          ['1'],
          [],
        );
        const refused = await refusedBy(
          seller,
          buyer,
          order.id,
          // The seller's answer names line 1 (a proposal is stated per line), which the buyer's copy cancelled.
          () =>
            seller.services.respondToLines(seller.caller, order.id, [
              { lineId: '2', answer: 'accept' },
              { lineId: '1', answer: 'propose', price: { amount: '13' } },
            ]),
          /line 1/,
        );
        if (refused.behaviour === 'message-level-response') {
          // The refusal is about the buyer's copy: the seller's own change stands.
          const sellerCopy = await seller.services.deps.store.orders.get(seller.company.id, order.id);
          expect(sellerCopy!.lines.map((l) => l.state)).toEqual(['proposed', 'agreed']);
          expect(refused.failed.result.code).toBe('transition_not_allowed');
        }
        const buyerCopy = await store.orders.get(buyer.company.id, order.id);
        expect(buyerCopy!.lines.map((l) => l.state)).toEqual(['cancelled', 'open']);
      });

      it('is refused in a conversation the receiver does not know', async () => {
        // A real OrderChange, sent in the conversation of an order the seller does not know.
        const order = await agreed('PO-C-UNKNOWN');
        await buyer.services.changeOrder(buyer.caller, order.id, { add: [line('9')] });
        await t.settle();
        const change = (await outboxOf(buyer, order.id)).find((m) => m.documentType === 'OrderChange')!;
        const unknown = randomUUID();
        const refused = await refusedBy(
          buyer,
          seller,
          unknown,
          () => sendRaw(buyer, unknown, 'OrderChange', payloadOf(change.envelope)),
          /unknown to Verkoop B BV/,
        );
        if (refused.behaviour === 'message-level-response') {
          expect(refused.description).toMatch(/^OrderChange PO-C-UNKNOWN-OC-\d+: .*unknown/);
          // The seller keeps what arrived, refused, with the reason.
          const kept = await seller.services.getDocument(
            seller.caller,
            String(refused.failed.result.documentId),
          );
          expect(kept).toMatchObject({
            documentType: 'OrderChange',
            status: 'rejected',
            direction: 'received',
          });
          const [mlr] = await outboxOf(seller, unknown);
          expect(mlr!.seq).toBe(1);
        }
      });

      it('is refused for a fatal finding, naming the rule, and the conversation goes on', async () => {
        const order = await issue('PO-C-FATAL');
        const [sent] = await outboxOf(buyer, order.id);
        // The same order again without its required issue date: a fatal finding of the validator.
        const broken = payloadOf(sent!.envelope)
          .toString()
          .replace(/<cbc:IssueDate>[^<]*<\/cbc:IssueDate>/, '');
        const refused = await refusedBy(
          buyer,
          seller,
          order.id,
          () => sendRaw(buyer, order.id, 'Order', new TextEncoder().encode(broken)),
          /IssueDate|issue date/i,
        );
        if (refused.behaviour === 'message-level-response') {
          const kept = await seller.services.getDocument(
            seller.caller,
            String(refused.failed.result.documentId),
          );
          expect(kept.status).toBe('rejected');
          expect(kept.orderIds).toEqual([order.id]);
          const rules = (kept.findings as { rule: string; severity: string }[])
            .filter((f) => f.severity === 'fatal')
            .map((f) => f.rule);
          expect(rules.length).toBeGreaterThan(0);
          for (const rule of rules) expect(refused.description).toContain(rule);
          const content = await seller.services.getDocumentContent(seller.caller, kept.id);
          expect(Buffer.from(content).toString()).toBe(broken);
        }
        // The order is unchanged and later messages in the conversation still apply.
        await seller.services.respondToLines(seller.caller, order.id, [{ lineId: '2', answer: 'accept' }]);
        await t.settle();
        expect((await agree(order.id)).lines.map((l) => l.state)).toEqual(['open', 'agreed']);
      });

      it('is refused for a SchakelOrderAction of the wrong shape, like an invalid document', async () => {
        const order = await issue('PO-C-MALFORMED');
        // A decide whose one decision is null: the domain's code trips over it with a TypeError.
        const xml = new TextDecoder()
          .decode(
            writeActionPayload({
              orderNumber: order.number,
              actorRole: 'buyer',
              action: { type: 'decide', decisions: [] },
            }),
          )
          .replace('"decisions":[]', '"decisions":[null]');
        expect(xml).toContain('"decisions":[null]');
        await refusedBy(
          buyer,
          seller,
          order.id,
          () => sendRaw(buyer, order.id, ACTION_PAYLOAD_TYPE, new TextEncoder().encode(xml)),
          /SchakelOrderAction is malformed/,
        );
        // The conversation goes on.
        await seller.services.respondToLines(seller.caller, order.id, [{ lineId: '1', answer: 'accept' }]);
        await t.settle();
        expect((await agree(order.id)).lines.map((l) => l.state)).toEqual(['agreed', 'open']);
      });

      it('never answers a Message Level Response with another one', async () => {
        const order = await issue('PO-C-MLR');
        const answers = (await seller.services.deps.store.outbox.listByCompany(seller.company.id)).length;
        const sentBefore = (await outboxOf(buyer, order.id)).length;
        // An MLR about a message the seller never sent: the seller cannot record it, and stays silent.
        const xml = writeApplicationResponse({
          sender: { scheme: '0106', value: '21212121' },
          receiver: { scheme: '0106', value: '43434343' },
          documentNumber: randomUUID(),
          responseId: randomUUID(),
          issueDate: '2026-11-22',
          code: 'RE',
          description: 'no such message',
          findings: [],
        });
        const send = () => sendRaw(buyer, order.id, 'MessageLevelResponse', new TextEncoder().encode(xml));
        if (t.refusal === 'sender-fails') {
          const e = await domainRejection(send());
          expect(e.details).toEqual({ reason: 'partner_refused' });
          expect(await outboxOf(buyer, order.id)).toHaveLength(sentBefore);
        } else {
          const messageId = await send();
          const failed = (await inboxOf(seller, order.id)).find((m) => m.messageId === messageId);
          expect(failed).toMatchObject({ status: 'failed' });
          expect(failed!.result.responseMessageId).toBeUndefined();
          expect(await outboxOf(buyer, order.id)).toHaveLength(sentBefore + 1);
          expect((await buyer.services.deps.store.outbox.get(messageId))!.partnerResponse).toBeNull();
        }
        expect((await seller.services.deps.store.outbox.listByCompany(seller.company.id)).length).toBe(
          answers,
        );
      });
    });
  });
}
