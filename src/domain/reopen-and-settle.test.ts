import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import { allowedActions } from './line-lifecycle.ts';
import { orderStatus } from './order-status.ts';
import { act, at, lineInput, newOrder } from '../../test/support/order-builder.ts';
import type { Order } from './order-types.ts';

const agreedAndShipped = (): Order => {
  let o = newOrder([lineInput('1')]);
  o = act(o, { type: 'respond', answers: [{ lineId: '1', answer: 'accept' }] }, 'seller', at(1));
  return act(
    o,
    {
      type: 'ship',
      despatch: { id: 'd1', number: 'D1' },
      lines: [{ lineId: '1', deliveryLineId: '1', quantity: '40' }],
    },
    'seller',
    at(2),
  );
};

describe('lines with shipments keep their agreement', () => {
  it('a seller cannot reject a reopened line that has shipments, and is told to propose instead', () => {
    const o = act(
      agreedAndShipped(),
      { type: 'reopen', lineIds: ['1'], reason: 'material short' },
      'seller',
      at(3),
    );
    expect(allowedActions(o.lines[0]!, 'seller')).not.toContain('reject');
    expect(allowedActions(o.lines[0]!, 'seller')).toContain('propose');
    expect(() =>
      act(
        o,
        { type: 'respond', answers: [{ lineId: '1', answer: 'reject', reason: 'cannot' }] },
        'seller',
        at(4),
      ),
    ).toThrow(DomainError);
    const proposed = act(
      o,
      { type: 'respond', answers: [{ lineId: '1', answer: 'propose', quantity: '40' }] },
      'seller',
      at(4),
    );
    expect(proposed.lines[0]!.proposal?.terms.quantity).toBe('40');
  });

  it('cancel is not offered for a line with shipments', () => {
    expect(allowedActions(agreedAndShipped().lines[0]!, 'buyer')).not.toContain('cancel');
  });

  it('an order whose goods were all rejected on receipt is completed: nothing is left to invoice', () => {
    let o = agreedAndShipped();
    o = act(
      o,
      {
        type: 'ship',
        despatch: { id: 'd2', number: 'D2' },
        lines: [{ lineId: '1', deliveryLineId: '1', quantity: '60' }],
      },
      'seller',
      at(5),
    );
    o = act(
      o,
      {
        type: 'receive',
        lines: [{ lineId: '1', deliveryLineId: '1', received: '0', rejected: '100', reason: 'wrong alloy' }],
      },
      'buyer',
      at(6),
    );
    expect(orderStatus(o)).toBe('completed');
  });
});

describe('an invoice waiting for a decision', () => {
  it('keeps the order open (received) until the buyer approves it', () => {
    let o = agreedAndShipped();
    o = act(
      o,
      {
        type: 'ship',
        despatch: { id: 'd2', number: 'D2' },
        lines: [{ lineId: '1', deliveryLineId: '1', quantity: '60' }],
      },
      'seller',
      at(5),
    );
    o = act(
      o,
      { type: 'receive', lines: [{ lineId: '1', deliveryLineId: '1', received: '100' }] },
      'buyer',
      at(6),
    );
    o = act(
      o,
      {
        type: 'invoice',
        invoiceId: 'i1',
        invoice: {
          number: 'F1',
          issueDate: '2026-04-02',
          lines: [{ lineId: '1', quantity: '100', price: { amount: '13' } }],
        },
      },
      'seller',
      at(7),
    );
    expect(o.invoices[0]!.status).toBe('mismatch');
    expect(orderStatus(o)).toBe('received');
    o = act(
      o,
      { type: 'decideInvoice', invoiceId: 'i1', decision: 'approve', reason: 'price rise agreed by phone' },
      'buyer',
      at(8),
    );
    expect(orderStatus(o)).toBe('completed');
  });
});
