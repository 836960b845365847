// Exchange contract cases (exchange-contract.ts): a whole order, and the documents both sides keep.
import { beforeAll, describe, expect, it } from 'vitest';
import type { OrderChange } from '../../../../src/app/orders/index.ts';
import { ACTION_PAYLOAD_TYPE } from '../../../../src/network/action-payload.ts';
import type { Side, Topology } from '../exchange-contract.ts';
import { payloadOf, line } from './contract-world.ts';
import type { ContractWorld } from './contract-world.ts';

/** The contract's cases on a whole order, and the documents both sides keep. */
export function wholeOrderCases(w: ContractWorld): void {
  let t: Topology;
  let buyer: Side;
  let seller: Side;
  const { agree, sentTypes, outboxOf, inboxOf, issue } = w;
  beforeAll(() => {
    ({ t, buyer, seller } = w.current());
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
      const buyerShipped = (await buyer.services.deps.store.orders.events(buyer.company.id, order.id)).filter(
        (e) => e.type === 'goods.shipped',
      );
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
}
