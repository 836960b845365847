// Exchange contract cases (exchange-contract.ts): an order as issued, and its cancellation.
import { beforeAll, describe, expect, it } from 'vitest';
import type { IssueOrderInput } from '../../../../src/app/orders/issue-order.ts';
import type { Side, Topology } from '../exchange-contract.ts';
import { CONTRACT_BUYER, CONTRACT_SELLER, SELLER_ID, line } from './contract-world.ts';
import type { ContractWorld } from './contract-world.ts';

/** The contract's cases on an order as issued, and its cancellation. */
export function orderCases(w: ContractWorld): void {
  let t: Topology;
  let buyer: Side;
  let seller: Side;
  const { agree, sentTypes, agreed } = w;
  beforeAll(() => {
    ({ t, buyer, seller } = w.current());
  });

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
}
