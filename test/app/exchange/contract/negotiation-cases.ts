// Exchange contract cases (exchange-contract.ts): line answers, decisions, split schedules, changes after agreement.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../../../src/app/node.ts';
import { ACTION_PAYLOAD_TYPE } from '../../../../src/network/action-payload.ts';
import type { Side, Topology } from '../exchange-contract.ts';
import { line } from './contract-world.ts';
import type { ContractWorld } from './contract-world.ts';

/** The contract's cases on line answers, decisions, split schedules, changes after agreement. */
export function negotiationCases(w: ContractWorld): void {
  let t: Topology;
  let buyer: Side;
  let seller: Side;
  const { agree, sentTypes, issue, agreed } = w;
  beforeAll(() => {
    ({ t, buyer, seller } = w.current());
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
}
