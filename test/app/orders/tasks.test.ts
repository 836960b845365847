// The task list through the use case, with a pinned clock: what the seller and the buyer must do now.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task, TaskKind } from '../../../src/domain/tasks.ts';
import type { Caller } from '../../../src/app/deps.ts';
import type { Services } from '../../../src/app/node.ts';
import type { Store } from '../../../src/storage/store.ts';
import {
  at,
  lineInput,
  orderInput,
  pgliteStore,
  servicesFor,
  T0,
  trade,
  type TestStore,
} from '../harness.ts';

let ts: TestStore;
let store: Store;
beforeAll(async () => {
  ts = await pgliteStore();
  store = ts.store;
});
afterAll(() => ts?.close());

/** Services whose clock stands still at `when`. */
const clock = (when: string): Services => servicesFor(store, { at: when });

const kinds = (tasks: Task[]): TaskKind[] => tasks.map((x) => x.kind);

async function tasksAt(when: string, caller: Caller): Promise<Task[]> {
  return clock(when).listTasks(caller);
}

describe('tasks', () => {
  it('asks the seller to confirm a new order, and nothing of the buyer yet', async () => {
    const s = clock(T0);
    const t = await trade(s, 'Confirm');
    const order = await s.issueOrder(t.asBuyer, orderInput(t, { lines: [lineInput('1'), lineInput('2')] }));
    const sellerTasks = await tasksAt(at(1), t.asSeller);
    expect(sellerTasks).toEqual([
      {
        kind: 'confirm_order',
        orderId: order.id,
        orderNumber: order.number,
        partner: t.buyer.name,
        lineIds: ['1', '2'],
        since: T0,
      },
    ]);
    expect(await tasksAt(at(1), t.asBuyer)).toEqual([]);

    // Answering one line leaves the other to confirm.
    await clock(at(2)).respondToLines(t.asSeller, order.id, [{ lineId: '1', answer: 'accept' }]);
    expect((await tasksAt(at(3), t.asSeller)).map((x) => [x.kind, x.lineIds])).toEqual([
      ['confirm_order', ['2']],
    ]);
  });

  it('asks the buyer to decide a proposal', async () => {
    const s = clock(T0);
    const t = await trade(s, 'Propose');
    const order = await s.issueOrder(t.asBuyer, orderInput(t));
    await clock(at(5)).respondToLines(t.asSeller, order.id, [
      { lineId: '1', answer: 'propose', price: { amount: '13' } },
    ]);
    const buyerTasks = await tasksAt(at(6), t.asBuyer);
    expect(buyerTasks).toEqual([
      {
        kind: 'decide_proposal',
        orderId: order.id,
        orderNumber: order.number,
        partner: t.seller.name,
        lineIds: ['1'],
        since: at(5),
      },
    ]);
    expect(await tasksAt(at(6), t.asSeller)).toEqual([]);
    await clock(at(7)).decideProposals(t.asBuyer, order.id, [{ lineId: '1', decision: 'accept' }]);
    expect(await tasksAt(at(8), t.asBuyer)).toEqual([]);
  });

  it('flags an unanswered order as overdue for the buyer only after the policy time', async () => {
    const s = clock(T0);
    const t = await trade(s, 'Overdue');
    const order = await s.issueOrder(t.asBuyer, orderInput(t));
    expect(await tasksAt(at(47), t.asBuyer)).toEqual([]);
    expect(await tasksAt(at(49), t.asBuyer)).toEqual([
      {
        kind: 'confirmation_overdue',
        orderId: order.id,
        orderNumber: order.number,
        partner: t.seller.name,
        lineIds: ['1'],
        since: T0,
      },
    ]);
    // A stricter policy flags it earlier.
    const strict = servicesFor(store, { at: at(25), taskPolicy: { confirmWithinHours: 24 } });
    expect(kinds(await strict.listTasks(t.asBuyer))).toEqual(['confirmation_overdue']);
    // Answered: no longer overdue.
    await clock(at(50)).respondToLines(t.asSeller, order.id, [{ lineId: '1', answer: 'accept' }]);
    expect(await tasksAt(at(51), t.asBuyer)).toEqual([]);
  });

  it('flags late deliveries on both sides until shipped (seller) and received (buyer)', async () => {
    const s = clock(T0);
    const t = await trade(s, 'Late');
    const order = await s.issueOrder(t.asBuyer, orderInput(t)); // 100 due 2026-04-01
    await clock(at(1)).respondToLines(t.asSeller, order.id, [{ lineId: '1', answer: 'accept' }]);
    const dueDay = '2026-04-01T12:00:00.000Z';
    const dayAfter = '2026-04-02T00:00:00.000Z';
    expect(await tasksAt(dueDay, t.asSeller)).toEqual([]);
    expect(await tasksAt(dueDay, t.asBuyer)).toEqual([]);
    const late: Task = {
      kind: 'delivery_late',
      orderId: order.id,
      orderNumber: order.number,
      partner: t.buyer.name,
      lineIds: ['1'],
      since: '2026-04-01',
    };
    expect(await tasksAt(dayAfter, t.asSeller)).toEqual([late]);
    expect(await tasksAt(dayAfter, t.asBuyer)).toEqual([{ ...late, partner: t.seller.name }]);

    // Shipped in part: still late for both. Shipped in full: late only for the buyer, until received.
    const ship = (quantity: string, n: number) =>
      clock(dayAfter).shipGoods(t.asSeller, {
        number: `D${n}-${order.number}`,
        date: '2026-04-02',
        lines: [{ orderId: order.id, lineId: '1', deliveryLineId: '1', quantity }],
      });
    await ship('40', 1);
    expect(kinds(await tasksAt(dayAfter, t.asSeller))).toEqual(['delivery_late']);
    await ship('60', 2);
    expect(await tasksAt(dayAfter, t.asSeller)).toEqual([]);
    expect(kinds(await tasksAt(dayAfter, t.asBuyer))).toEqual(['delivery_late']);
    await clock(dayAfter).receiveGoods(t.asBuyer, order.id, [
      { lineId: '1', deliveryLineId: '1', received: '100' },
    ]);
    expect(await tasksAt(dayAfter, t.asBuyer)).toEqual([]);
  });

  it('asks the buyer to settle an invoice that does not match, until decided', async () => {
    const s = clock(T0);
    const t = await trade(s, 'Invoice');
    const order = await s.issueOrder(t.asBuyer, orderInput(t));
    const later = clock('2026-03-20T09:00:00.000Z');
    await later.respondToLines(t.asSeller, order.id, [{ lineId: '1', answer: 'accept' }]);
    await later.shipGoods(t.asSeller, {
      number: `D-${order.number}`,
      date: '2026-03-20',
      lines: [{ orderId: order.id, lineId: '1', deliveryLineId: '1', quantity: '100' }],
    });
    await later.receiveGoods(t.asBuyer, order.id, [{ lineId: '1', deliveryLineId: '1', received: '100' }]);
    const invoiced = await later.submitInvoice(t.asSeller, order.id, {
      number: `INV-${order.number}`,
      issueDate: '2026-03-21',
      lines: [{ lineId: '1', quantity: '100', price: { amount: '13' } }],
    });
    const invoice = invoiced.invoices[0]!;
    expect(invoice.status).toBe('mismatch');

    const buyerTasks = await later.listTasks(t.asBuyer);
    expect(buyerTasks).toEqual([
      {
        kind: 'invoice_mismatch',
        orderId: order.id,
        orderNumber: order.number,
        partner: t.seller.name,
        lineIds: ['1'],
        since: '2026-03-21',
        invoiceId: invoice.id,
      },
    ]);
    expect(await later.listTasks(t.asSeller)).toEqual([]);

    await later.decideInvoice(t.asBuyer, order.id, invoice.id, 'approve', 'price rise agreed by phone');
    expect(await later.listTasks(t.asBuyer)).toEqual([]);
    const view = await later.getOrder(t.asSeller, order.id);
    expect(view.invoices[0]).toMatchObject({
      status: 'approved',
      decisionReason: 'price rise agreed by phone',
    });
  });

  it('lists most urgent kinds first and only the caller’s own orders', async () => {
    const s = clock(T0);
    const t = await trade(s, 'Sort');
    const overdue = await s.issueOrder(t.asBuyer, orderInput(t));
    const proposed = await s.issueOrder(t.asBuyer, orderInput(t));
    await clock(at(1)).respondToLines(t.asSeller, proposed.id, [
      { lineId: '1', answer: 'propose', quantity: '90' },
    ]);
    const tasks = await tasksAt(at(60), t.asBuyer);
    expect(tasks.map((x) => [x.kind, x.orderId])).toEqual([
      ['confirmation_overdue', overdue.id],
      ['decide_proposal', proposed.id],
    ]);
    const stranger = await trade(s, 'Stranger');
    expect(await tasksAt(at(60), stranger.asBuyer)).toEqual([]);
    expect(await tasksAt(at(60), stranger.asSeller)).toEqual([]);
  });
});
