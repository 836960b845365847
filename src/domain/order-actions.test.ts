import { describe, expect, it } from 'vitest';
import {
  BUYER,
  SELLER,
  act,
  at,
  domainError,
  lineInput,
  lineOf,
  newOrder,
} from '../../test/support/order-builder.ts';
import { applyOrderAction, type OrderAction } from './order-actions.ts';
import { mirrorFor } from './order-create.ts';
import { orderStatus } from './order-status.ts';
import type { Role } from './order-types.ts';
import { tasksForOrder } from './tasks.ts';

const twoDeliveries = lineInput('2', {
  schedule: [
    { id: 'a', date: '2026-04-01', quantity: '60' },
    { id: 'b', date: '2026-04-15', quantity: '40' },
  ],
});

/** A full life touching every action type, in the order two companies would take them. */
const LIFE: { action: OrderAction; role: Role }[] = [
  {
    action: {
      type: 'respond',
      answers: [
        { lineId: '1', answer: 'accept' },
        {
          lineId: '2',
          answer: 'propose',
          schedule: [
            { id: 'a', date: '2026-04-01', quantity: '50' },
            { id: 'b', date: '2026-04-15', quantity: '30' },
            { id: 'c', date: '2026-04-29', quantity: '20' },
          ],
          note: 'split in three',
        },
        { lineId: '3', answer: 'reject', reason: 'not in our range' },
      ],
    },
    role: 'seller',
  },
  { action: { type: 'decide', decisions: [{ lineId: '2', decision: 'accept' }] }, role: 'buyer' },
  {
    action: {
      type: 'change',
      add: [lineInput('4', { quantity: '10', schedule: [{ date: '2026-05-01', quantity: '10' }] })],
      change: [{ lineId: '1', price: { amount: '12' } }],
      cancel: [{ lineId: '3' }],
      reason: 'replan',
    },
    role: 'buyer',
  },
  {
    action: { type: 'respond', answers: [{ lineId: '1', answer: 'reject', reason: 'price is fixed' }] },
    role: 'seller',
  },
  { action: { type: 'respond', answers: [{ lineId: '4', answer: 'accept' }] }, role: 'seller' },
  { action: { type: 'reopen', lineIds: ['4'], reason: 'wrong drawing revision' }, role: 'buyer' },
  { action: { type: 'respond', answers: [{ lineId: '4', answer: 'accept' }] }, role: 'seller' },
  {
    action: { type: 'reportProduction', lines: [{ lineId: '2', deliveryLineId: 'a', produced: '50' }] },
    role: 'seller',
  },
  {
    action: {
      type: 'ship',
      despatch: { id: 'des-1', number: 'DES-1' },
      lines: [
        { lineId: '1', deliveryLineId: '1', quantity: '100' },
        { lineId: '2', deliveryLineId: 'a', quantity: '50' },
      ],
    },
    role: 'seller',
  },
  {
    action: {
      type: 'receive',
      lines: [
        { lineId: '1', deliveryLineId: '1', received: '98', rejected: '2', reason: 'damaged' },
        { lineId: '2', deliveryLineId: 'a', received: '50' },
      ],
    },
    role: 'buyer',
  },
  {
    action: {
      type: 'invoice',
      invoiceId: 'inv-1',
      invoice: {
        number: 'F-1',
        issueDate: '2026-04-03',
        lines: [
          { lineId: '1', quantity: '100', price: { amount: '12.5' } },
          { lineId: '2', quantity: '50', price: { amount: '1250', baseQuantity: '100' } },
        ],
      },
    },
    role: 'seller',
  },
  {
    action: { type: 'decideInvoice', invoiceId: 'inv-1', decision: 'dispute', reason: '2 pieces rejected' },
    role: 'buyer',
  },
  { action: { type: 'cancel', reason: 'project stopped' }, role: 'buyer' },
];

describe('both copies converge', () => {
  it("applying the same actions to the buyer's and the seller's copy yields identical lines, invoices and events", () => {
    let buyer = newOrder([lineInput('1'), twoDeliveries, lineInput('3')]);
    let seller = mirrorFor(buyer, 'seller');
    LIFE.forEach((step, i) => {
      const now = at(i + 1);
      const b = applyOrderAction(buyer, step.action, step.role, now);
      const s = applyOrderAction(seller, step.action, step.role, now);
      expect(s.order.lines, `step ${i} ${step.action.type}`).toEqual(b.order.lines);
      expect(s.order.invoices).toEqual(b.order.invoices);
      expect(s.events).toEqual(b.events);
      expect(s.changedLineIds).toEqual(b.changedLineIds);
      expect(s.order.version).toBe(b.order.version);
      buyer = b.order;
      seller = s.order;
    });
    // The copies still belong to their owners.
    expect([buyer.role, buyer.companyId]).toEqual(['buyer', BUYER.companyId]);
    expect([seller.role, seller.companyId]).toEqual(['seller', SELLER.companyId]);
    expect(orderStatus(buyer)).toBe(orderStatus(seller));
    // Sanity: the life really went somewhere.
    expect(buyer.lines.map((l) => [l.lineId, l.state])).toEqual([
      ['1', 'agreed'],
      ['2', 'agreed'],
      ['3', 'cancelled'],
      ['4', 'cancelled'],
    ]);
    expect(lineOf(buyer, '1').agreed!.price.amount).toBe('12.5');
    expect(lineOf(buyer, '2').agreed!.schedule.map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(buyer.invoices.map((inv) => [inv.status, inv.lines.map((l) => l.reasons)])).toEqual([
      ['disputed', [['quantity_exceeds_received'], []]],
    ]);
    expect(lineOf(buyer, '1').invoiced).toBe('0');
    expect(buyer.version).toBe(LIFE.length + 1);
    // And each side sees its own work.
    expect(tasksForOrder(seller, '2026-04-20T00:00:00.000Z').map((t) => t.kind)).toEqual(['delivery_late']);
  });

  it('the copies share no objects', () => {
    const buyer = newOrder();
    const seller = mirrorFor(buyer, 'seller');
    const next = act(seller, { type: 'respond', answers: [{ lineId: '1', answer: 'accept' }] }, 'seller');
    lineOf(next, '1').agreed!.schedule[0]!.quantity = '1';
    expect(lineOf(buyer, '1').requested.schedule[0]!.quantity).toBe('100');
    expect(lineOf(next, '1').requested.schedule[0]!.quantity).toBe('100');
  });
});

describe('applyOrderAction', () => {
  it('returns a new copy and leaves the input untouched', () => {
    const order = newOrder([lineInput('1'), lineInput('2')]);
    const snapshot = structuredClone(order);
    const { order: next, changedLineIds } = applyOrderAction(
      order,
      { type: 'change', add: [lineInput('3')], change: [{ lineId: '2', quantity: '5' }] },
      'buyer',
      at(4),
    );
    expect(order).toEqual(snapshot);
    expect(next).not.toBe(order);
    expect(next.lines.map((l) => l.lineId)).toEqual(['1', '2', '3']);
    expect(next.lines[0]).toBe(order.lines[0]); // untouched lines are shared, not copied
    expect(changedLineIds).toEqual(['3', '2']);
    expect(next.version).toBe(2);
    expect(next.updatedAt).toBe(at(4));
    expect(next.createdAt).toBe(order.createdAt);
  });

  it('refuses an unknown action type', () => {
    const e = domainError(() =>
      applyOrderAction(newOrder(), { type: 'teleport' } as unknown as OrderAction, 'buyer', at(1)),
    );
    expect(e.code).toBe('validation_failed');
    expect(e.details.field).toBe('type');
    expect(e.message).toContain('"teleport"');
  });

  it('treats missing lists as empty and says what is missing', () => {
    const order = newOrder();
    const cases: [OrderAction, Role, string][] = [
      [{ type: 'respond' } as unknown as OrderAction, 'seller', 'answers'],
      [{ type: 'decide' } as unknown as OrderAction, 'buyer', 'decisions'],
      [{ type: 'reopen', reason: 'r' } as unknown as OrderAction, 'buyer', 'lineIds'],
      [{ type: 'reportProduction' } as unknown as OrderAction, 'seller', 'lines'],
      [{ type: 'ship', despatch: { id: 'd', number: 'D' } } as unknown as OrderAction, 'seller', 'lines'],
      [{ type: 'receive' } as unknown as OrderAction, 'buyer', 'lines'],
    ];
    for (const [action, role, field] of cases) {
      expect(domainError(() => applyOrderAction(order, action, role, at(1))).details.field, action.type).toBe(
        field,
      );
    }
  });

  it('adds a new invoice and replaces it when decided', () => {
    let order = newOrder();
    order = act(order, { type: 'respond', answers: [{ lineId: '1', answer: 'accept' }] }, 'seller');
    order = act(
      order,
      {
        type: 'invoice',
        invoiceId: 'i1',
        invoice: {
          number: 'F1',
          issueDate: '2026-04-01',
          lines: [{ lineId: '1', quantity: '1', price: { amount: '12.5' } }],
        },
      },
      'seller',
    );
    expect(order.invoices.map((i) => [i.id, i.status])).toEqual([['i1', 'mismatch']]);
    order = act(
      order,
      { type: 'decideInvoice', invoiceId: 'i1', decision: 'approve', reason: 'prepayment' },
      'buyer',
    );
    expect(order.invoices.map((i) => [i.id, i.status])).toEqual([['i1', 'approved']]);
  });
});
