// Exchange contract cases (exchange-contract.ts): exactly once, and changes the partner refuses.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeApplicationResponse } from '../../../../src/documents/application-response-writer.ts';
import { ACTION_PAYLOAD_TYPE, writeActionPayload } from '../../../../src/network/action-payload.ts';
import { domainRejection } from '../../harness.ts';
import type { Side, Topology } from '../exchange-contract.ts';
import { payloadOf, line } from './contract-world.ts';
import type { ContractWorld } from './contract-world.ts';

/** The contract's cases on exactly once, and changes the partner refuses. */
export function deliveryCases(w: ContractWorld): void {
  let t: Topology;
  let buyer: Side;
  let seller: Side;
  const { agree, sentTypes, outboxOf, inboxOf, snapshot, issue, agreed, sendRaw, refusedBy } = w;
  beforeAll(() => {
    ({ t, buyer, seller } = w.current());
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
      expect((await seller.services.deps.store.outbox.listByCompany(seller.company.id)).length).toBe(answers);
    });
  });
}
