import { describe, expect, it } from 'vitest';
import { act, agreedOrder, lineInput, lineOf, newOrder } from '../../test/support/order-builder.ts';
import type { OrderAction } from './order-actions.ts';
import { ORDER_STATUSES, lateDeliveries, lineProgress, orderStatus } from './order-status.ts';
import type { Order, OrderLine } from './order-types.ts';

const twoDeliveries = lineInput('1', {
  schedule: [
    { id: 'a', date: '2026-04-01', quantity: '60' },
    { id: 'b', date: '2026-04-15', quantity: '40' },
  ],
});
const ship = (lines: [string, string, string][]): OrderAction => ({
  type: 'ship',
  despatch: { id: 'd', number: 'D' },
  lines: lines.map(([lineId, deliveryLineId, quantity]) => ({ lineId, deliveryLineId, quantity })),
});
const receive = (lines: [string, string, string][]): OrderAction => ({
  type: 'receive',
  lines: lines.map(([lineId, deliveryLineId, received]) => ({ lineId, deliveryLineId, received })),
});
const invoice = (id: string, lines: [string, string][]): OrderAction => ({
  type: 'invoice',
  invoiceId: id,
  invoice: {
    number: id,
    issueDate: '2026-04-20',
    lines: lines.map(([lineId, quantity]) => ({ lineId, quantity, price: { amount: '12.5' } })),
  },
});
const progress = (order: Order) => order.lines.map(lineProgress);

describe('orderStatus and lineProgress over the whole life of an order', () => {
  it('issued → in_negotiation → agreed → in_production → partially_shipped → shipped → received → completed', () => {
    let o = newOrder([twoDeliveries, lineInput('2')]);
    expect(orderStatus(o)).toBe('issued');
    expect(progress(o)).toEqual(['none', 'none']);

    o = act(o, { type: 'respond', answers: [{ lineId: '1', answer: 'accept' }] }, 'seller');
    expect(orderStatus(o)).toBe('in_negotiation');
    o = act(
      o,
      { type: 'respond', answers: [{ lineId: '2', answer: 'propose', price: { amount: '12' } }] },
      'seller',
    );
    expect(orderStatus(o)).toBe('in_negotiation');
    o = act(
      o,
      { type: 'decide', decisions: [{ lineId: '2', decision: 'reject', reason: 'too expensive' }] },
      'buyer',
    );
    expect(lineOf(o, '2').state).toBe('open');
    expect(orderStatus(o)).toBe('in_negotiation'); // not 'issued': line 1 is agreed
    o = act(o, { type: 'respond', answers: [{ lineId: '2', answer: 'accept' }] }, 'seller');
    expect(orderStatus(o)).toBe('agreed');

    o = act(
      o,
      { type: 'reportProduction', lines: [{ lineId: '1', deliveryLineId: 'a', produced: '10' }] },
      'seller',
    );
    expect(progress(o)).toEqual(['in_production', 'none']);
    expect(orderStatus(o)).toBe('in_production');

    o = act(o, ship([['1', 'a', '60']]), 'seller');
    expect(progress(o)).toEqual(['partially_shipped', 'none']);
    expect(orderStatus(o)).toBe('partially_shipped');

    o = act(
      o,
      ship([
        ['1', 'b', '40'],
        ['2', '1', '99'],
      ]),
      'seller',
    );
    expect(progress(o)).toEqual(['shipped', 'partially_shipped']);
    expect(orderStatus(o)).toBe('partially_shipped');
    o = act(o, ship([['2', '1', '1']]), 'seller');
    expect(progress(o)).toEqual(['shipped', 'shipped']);
    expect(orderStatus(o)).toBe('shipped');

    o = act(o, receive([['1', 'a', '60']]), 'buyer');
    expect(progress(o)).toEqual(['partially_received', 'shipped']);
    expect(orderStatus(o)).toBe('shipped');
    o = act(
      o,
      receive([
        ['1', 'b', '40'],
        ['2', '1', '100'],
      ]),
      'buyer',
    );
    expect(progress(o)).toEqual(['received', 'received']);
    expect(orderStatus(o)).toBe('received');

    o = act(o, invoice('inv-1', [['1', '100']]), 'seller');
    expect(progress(o)).toEqual(['invoiced', 'received']);
    expect(orderStatus(o)).toBe('received');
    o = act(o, invoice('inv-2', [['2', '60']]), 'seller');
    expect(progress(o)).toEqual(['invoiced', 'received']);
    o = act(o, invoice('inv-3', [['2', '40']]), 'seller');
    expect(progress(o)).toEqual(['invoiced', 'invoiced']);
    expect(orderStatus(o)).toBe('completed');
    expect(o.invoices.map((i) => i.status)).toEqual(['matched', 'matched', 'matched']);
  });

  it('a line that is partly shipped and partly received is still partially_shipped', () => {
    let o = agreedOrder([twoDeliveries]);
    o = act(o, ship([['1', 'a', '60']]), 'seller');
    o = act(o, receive([['1', 'a', '60']]), 'buyer');
    expect(lineProgress(lineOf(o, '1'))).toBe('partially_shipped');
  });

  it('a line being renegotiated keeps the order in negotiation, even with goods shipped', () => {
    let o = agreedOrder([twoDeliveries, lineInput('2')]);
    o = act(o, ship([['1', 'a', '60']]), 'seller');
    o = act(o, { type: 'reopen', lineIds: ['2'], reason: 'date' }, 'buyer');
    expect(orderStatus(o)).toBe('in_negotiation');
  });

  it('cancelled: every line cancelled', () => {
    const o = act(newOrder([lineInput('1'), lineInput('2')]), { type: 'cancel', reason: 'stop' }, 'buyer');
    expect(orderStatus(o)).toBe('cancelled');
  });

  it('rejected: every line that is not cancelled is rejected', () => {
    let o = newOrder([lineInput('1'), lineInput('2')]);
    o = act(o, { type: 'respond', answers: [{ lineId: '1', answer: 'reject', reason: 'no' }] }, 'seller');
    expect(orderStatus(o)).toBe('in_negotiation');
    o = act(o, { type: 'change', cancel: [{ lineId: '2' }] }, 'buyer');
    expect(orderStatus(o)).toBe('rejected');
  });

  it('cancelled lines do not count; rejected lines do not block the agreed ones', () => {
    let o = newOrder([lineInput('1'), lineInput('2'), lineInput('3')]);
    o = act(o, { type: 'change', cancel: [{ lineId: '3' }] }, 'buyer');
    expect(orderStatus(o)).toBe('issued');
    o = act(
      o,
      {
        type: 'respond',
        answers: [
          { lineId: '1', answer: 'accept' },
          { lineId: '2', answer: 'reject', reason: 'not our product' },
        ],
      },
      'seller',
    );
    expect(orderStatus(o)).toBe('agreed');
    o = act(o, ship([['1', '1', '100']]), 'seller');
    expect(orderStatus(o)).toBe('shipped');
  });

  it('lists every status once', () => {
    expect(new Set(ORDER_STATUSES).size).toBe(10);
    expect(ORDER_STATUSES).toContain('completed');
  });
});

describe('lateDeliveries', () => {
  const line = (o: Order): OrderLine => lineOf(o, '1');

  it('the seller side counts what is not shipped on delivery lines whose date has passed', () => {
    const o = agreedOrder([twoDeliveries]);
    expect(lateDeliveries(line(o), '2026-04-01', 'ship')).toEqual([]); // due today is not late
    expect(lateDeliveries(line(o), '2026-04-02', 'ship')).toEqual([
      { id: 'a', date: '2026-04-01', open: '60' },
    ]);
    expect(lateDeliveries(line(o), '2026-05-01', 'ship').map((x) => x.id)).toEqual(['a', 'b']);
    const part = act(o, ship([['1', 'a', '45']]), 'seller');
    expect(lateDeliveries(line(part), '2026-04-02', 'ship')).toEqual([
      { id: 'a', date: '2026-04-01', open: '15' },
    ]);
    const full = act(part, ship([['1', 'a', '15']]), 'seller');
    expect(lateDeliveries(line(full), '2026-04-02', 'ship')).toEqual([]);
  });

  it('the buyer side counts what is not received or rejected', () => {
    let o = act(agreedOrder([twoDeliveries]), ship([['1', 'a', '60']]), 'seller');
    expect(lateDeliveries(line(o), '2026-04-02', 'receive')).toEqual([
      { id: 'a', date: '2026-04-01', open: '60' },
    ]);
    o = act(
      o,
      {
        type: 'receive',
        lines: [{ lineId: '1', deliveryLineId: 'a', received: '50', rejected: '10', reason: 'rust' }],
      },
      'buyer',
    );
    expect(lateDeliveries(line(o), '2026-04-02', 'receive')).toEqual([]);
  });

  it('lines without a live agreement are never late', () => {
    expect(lateDeliveries(line(newOrder()), '2027-01-01', 'ship')).toEqual([]);
    const cancelled = act(agreedOrder(), { type: 'change', cancel: [{ lineId: '1' }] }, 'buyer');
    expect(lateDeliveries(line(cancelled), '2027-01-01', 'ship')).toEqual([]);
    const rejected = { ...line(agreedOrder()), state: 'rejected' as const };
    expect(lateDeliveries(rejected, '2027-01-01', 'ship')).toEqual([]);
  });
});
