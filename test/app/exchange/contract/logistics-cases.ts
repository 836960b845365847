// Exchange contract cases (exchange-contract.ts): production, shipment, receipt and invoices.
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTION_PAYLOAD_TYPE } from '../../../../src/network/action-payload.ts';
import type { Side, Topology } from '../exchange-contract.ts';
import { line } from './contract-world.ts';
import type { ContractWorld } from './contract-world.ts';

/** The contract's cases on production, shipment, receipt and invoices. */
export function logisticsCases(w: ContractWorld): void {
  let t: Topology;
  let buyer: Side;
  let seller: Side;
  const { agree, sentTypes, agreed } = w;
  beforeAll(() => {
    ({ t, buyer, seller } = w.current());
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
}
