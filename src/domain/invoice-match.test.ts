import { describe, expect, it } from 'vitest';
import {
  act,
  actAll,
  agreedOrder,
  domainError,
  lineInput,
  lineOf,
  newOrder,
} from '../../test/support/order-builder.ts';
import type { InvoiceInput } from './invoice-match.ts';
import { applyOrderAction, type OrderAction } from './order-actions.ts';
import { lineProgress } from './order-status.ts';
import type { InvoicedItem, Order } from './order-types.ts';
import { tasksForOrder } from './tasks.ts';

/** Line 1: 100 pieces at 12.50 each; line 2: 200 pieces at 12.50 per 100. Shipped in full, received as given. */
function delivered(received1 = '100', received2 = '200'): Order {
  const order = agreedOrder([
    lineInput('1'),
    lineInput('2', {
      quantity: '200',
      price: { amount: '12.50', baseQuantity: '100' },
      schedule: [{ id: '1', date: '2026-04-01', quantity: '200' }],
    }),
  ]);
  return actAll(order, [
    {
      action: {
        type: 'ship',
        despatch: { id: 'd1', number: 'DES-1' },
        lines: [
          { lineId: '1', deliveryLineId: '1', quantity: '100' },
          { lineId: '2', deliveryLineId: '1', quantity: '200' },
        ],
      },
      role: 'seller',
    },
    {
      action: {
        type: 'receive',
        lines: [
          { lineId: '1', deliveryLineId: '1', received: received1 },
          { lineId: '2', deliveryLineId: '1', received: received2 },
        ],
      },
      role: 'buyer',
    },
  ]);
}

const invoice = (lines: InvoiceInput['lines'], number = 'INV-1', invoiceId = 'inv-1'): OrderAction => ({
  type: 'invoice',
  invoiceId,
  invoice: { number, issueDate: '2026-04-05', lines },
});
const invoiceOf = (order: Order, id = 'inv-1') => order.invoices.find((i) => i.id === id)!;
const decide = (
  decision: 'approve' | 'dispute',
  reason = 'checked with sales',
  invoiceId = 'inv-1',
): OrderAction => ({
  type: 'decideInvoice',
  invoiceId,
  decision,
  reason,
});

describe('receiveInvoice: three-way match', () => {
  it('matches an invoice at the agreed price for received quantities', () => {
    const { order, events } = applyOrderAction(
      delivered(),
      invoice([
        { lineId: '1', quantity: '100', price: { amount: '12.50' } },
        { lineId: '2', quantity: '200', price: { amount: '12.5', baseQuantity: '100' } },
      ]),
      'seller',
      '2026-04-05T12:00:00.000Z',
    );
    const inv = invoiceOf(order);
    expect(inv).toEqual({
      id: 'inv-1',
      number: 'INV-1',
      issueDate: '2026-04-05',
      lines: [
        {
          lineId: '1',
          quantity: '100',
          price: { amount: '12.5', baseQuantity: '1' },
          amount: '1250',
          match: 'matched',
          reasons: [],
        },
        {
          lineId: '2',
          quantity: '200',
          price: { amount: '12.5', baseQuantity: '100' },
          amount: '25',
          match: 'matched',
          reasons: [],
        },
      ],
      total: '1275',
      status: 'matched',
      decisionReason: null,
    });
    expect(lineOf(order, '1').invoiced).toBe('100');
    expect(lineOf(order, '2').invoiced).toBe('200');
    expect(events).toEqual([
      {
        type: 'invoice.received',
        lineId: null,
        data: { invoiceId: 'inv-1', number: 'INV-1', total: '1275', status: 'matched', mismatches: [] },
        reason: null,
      },
    ]);
    expect(lineProgress(lineOf(order, '1'))).toBe('invoiced');
  });

  it('compares prices per unit: 0.125 per 1 equals the agreed 12.5 per 100', () => {
    const order = act(
      delivered(),
      invoice([{ lineId: '2', quantity: '200', price: { amount: '0.125' } }]),
      'seller',
    );
    expect(invoiceOf(order).lines[0]).toMatchObject({ match: 'matched', amount: '25' });
    const per10000 = act(
      delivered(),
      invoice([{ lineId: '2', quantity: '200', price: { amount: '1250', baseQuantity: '10000' } }]),
      'seller',
    );
    expect(invoiceOf(per10000).status).toBe('matched');
  });

  it('flags price_differs for a cent more', () => {
    const order = act(
      delivered(),
      invoice([
        { lineId: '1', quantity: '100', price: { amount: '12.51' } },
        { lineId: '2', quantity: '200', price: { amount: '0.125' } },
      ]),
      'seller',
    );
    const inv = invoiceOf(order);
    expect(inv.status).toBe('mismatch');
    expect(inv.lines.map((l) => [l.match, l.reasons])).toEqual([
      ['mismatch', ['price_differs']],
      ['matched', []],
    ]);
    expect(inv.total).toBe('1276');
  });

  it('flags quantity_exceeds_received, counting earlier invoices', () => {
    const order = delivered('60');
    const over = act(order, invoice([{ lineId: '1', quantity: '61', price: { amount: '12.5' } }]), 'seller');
    expect(invoiceOf(over).lines[0]!.reasons).toEqual(['quantity_exceeds_received']);
    const first = act(order, invoice([{ lineId: '1', quantity: '60', price: { amount: '12.5' } }]), 'seller');
    expect(invoiceOf(first).status).toBe('matched');
    const second = act(
      first,
      invoice([{ lineId: '1', quantity: '1', price: { amount: '12.5' } }], 'INV-2', 'inv-2'),
      'seller',
    );
    expect(invoiceOf(second, 'inv-2').lines[0]!.reasons).toEqual(['quantity_exceeds_received']);
    expect(lineOf(second, '1').invoiced).toBe('61');
  });

  it('rejected goods are not received and cannot be invoiced', () => {
    const order = actAll(agreedOrder(), [
      {
        action: {
          type: 'ship',
          despatch: { id: 'd', number: 'D' },
          lines: [{ lineId: '1', deliveryLineId: '1', quantity: '100' }],
        },
        role: 'seller',
      },
      {
        action: {
          type: 'receive',
          lines: [{ lineId: '1', deliveryLineId: '1', received: '90', rejected: '10', reason: 'bent' }],
        },
        role: 'buyer',
      },
    ]);
    const inv = invoiceOf(
      act(order, invoice([{ lineId: '1', quantity: '100', price: { amount: '12.5' } }]), 'seller'),
    );
    expect(inv.lines[0]!.reasons).toEqual(['quantity_exceeds_received']);
  });

  it('counts the same line twice in one invoice cumulatively and can flag both reasons', () => {
    const order = act(
      delivered('100'),
      invoice([
        { lineId: '1', quantity: '60', price: { amount: '12.5' } },
        { lineId: '1', quantity: '50', price: { amount: '13' } },
      ]),
      'seller',
    );
    expect(invoiceOf(order).lines.map((l) => l.reasons)).toEqual([
      [],
      ['price_differs', 'quantity_exceeds_received'],
    ]);
    expect(lineOf(order, '1').invoiced).toBe('110');
  });

  it('flags line_not_agreed for open and cancelled lines', () => {
    const open = act(
      newOrder(),
      invoice([{ lineId: '1', quantity: '1', price: { amount: '12.5' } }]),
      'seller',
    );
    expect(invoiceOf(open).lines[0]!.reasons).toEqual(['line_not_agreed', 'quantity_exceeds_received']);
    const cancelled = act(agreedOrder(), { type: 'change', cancel: [{ lineId: '1', reason: 'x' }] }, 'buyer');
    const inv = invoiceOf(
      act(cancelled, invoice([{ lineId: '1', quantity: '1', price: { amount: '12.5' } }]), 'seller'),
    );
    expect(inv.lines[0]!.reasons[0]).toBe('line_not_agreed');
  });

  it('rounds line amounts half up to cents', () => {
    // 7 × 12.5 / 100 = 0.875 → 0.88; 1 × 1 / 3 = 0.333333 → 0.33.
    const order = act(
      delivered(),
      invoice([
        { lineId: '2', quantity: '7', price: { amount: '12.5', baseQuantity: '100' } },
        { lineId: '1', quantity: '1', price: { amount: '1', baseQuantity: '3' } },
      ]),
      'seller',
    );
    expect(invoiceOf(order).lines.map((l) => l.amount)).toEqual(['0.88', '0.33']);
    expect(invoiceOf(order).total).toBe('1.21');
  });

  it('refuses the buyer, a repeated number, and invalid input', () => {
    const order = delivered();
    const line = { lineId: '1', quantity: '1', price: { amount: '12.5' } };
    expect(domainError(() => act(order, invoice([line]), 'buyer')).code).toBe('transition_not_allowed');
    const once = act(order, invoice([line]), 'seller');
    const again = domainError(() => act(once, invoice([line], ' INV-1 ', 'inv-2'), 'seller'));
    expect(again.code).toBe('conflict');
    expect(again.details.field).toBe('number');
    expect(domainError(() => act(order, invoice([line], ' '), 'seller')).details.field).toBe('number');
    expect(domainError(() => act(order, invoice([]), 'seller')).details.field).toBe('lines');
    expect(domainError(() => act(order, invoice([{ ...line, quantity: '0' }]), 'seller')).details.field).toBe(
      'lines[0].quantity',
    );
    expect(
      domainError(() =>
        act(order, invoice([{ ...line, price: { amount: '1', baseQuantity: '0' } }]), 'seller'),
      ).details.field,
    ).toBe('lines[0].price.baseQuantity');
    expect(domainError(() => act(order, invoice([{ ...line, lineId: '9' }]), 'seller')).code).toBe(
      'not_found',
    );
    const badDate: OrderAction = {
      type: 'invoice',
      invoiceId: 'i',
      invoice: { number: 'X', issueDate: '2026-02-30', lines: [line] },
    };
    expect(domainError(() => act(order, badDate, 'seller')).details.field).toBe('issueDate');
  });
});

describe('decideInvoice', () => {
  const mismatched = () =>
    act(delivered(), invoice([{ lineId: '1', quantity: '100', price: { amount: '13' } }]), 'seller');

  it('approving a mismatch records the decision and keeps the invoiced quantity', () => {
    const { order, events } = applyOrderAction(
      mismatched(),
      decide('approve', ' surcharge agreed by phone '),
      'buyer',
      '2026-04-06T00:00:00.000Z',
    );
    expect(order.invoices).toHaveLength(1);
    expect(invoiceOf(order)).toMatchObject({
      status: 'approved',
      decisionReason: 'surcharge agreed by phone',
    });
    expect(lineOf(order, '1').invoiced).toBe('100');
    expect(events).toEqual([
      {
        type: 'invoice.approved',
        lineId: null,
        data: { invoiceId: 'inv-1', number: 'INV-1' },
        reason: 'surcharge agreed by phone',
      },
    ]);
  });

  it('disputing a mismatch takes its quantities off the invoiced total so a corrected invoice can match', () => {
    const disputed = act(mismatched(), decide('dispute', 'price is 12.50'), 'buyer');
    expect(invoiceOf(disputed).status).toBe('disputed');
    expect(lineOf(disputed, '1').invoiced).toBe('0');
    expect(lineProgress(lineOf(disputed, '1'))).toBe('received');
    const corrected = act(
      disputed,
      invoice([{ lineId: '1', quantity: '100', price: { amount: '12.5' } }], 'INV-1-C', 'inv-2'),
      'seller',
    );
    expect(invoiceOf(corrected, 'inv-2').status).toBe('matched');
    expect(lineOf(corrected, '1').invoiced).toBe('100');
  });

  it('a dispute subtracts every line of the invoice, also a line listed twice', () => {
    const order = act(
      delivered(),
      invoice([
        { lineId: '1', quantity: '30', price: { amount: '13' } },
        { lineId: '1', quantity: '20', price: { amount: '13' } },
        { lineId: '2', quantity: '200', price: { amount: '0.125' } },
      ]),
      'seller',
    );
    expect(lineOf(order, '1').invoiced).toBe('50');
    const disputed = act(order, decide('dispute'), 'buyer');
    expect(lineOf(disputed, '1').invoiced).toBe('0');
    expect(lineOf(disputed, '2').invoiced).toBe('0');
  });

  it('finds the invoice by number too', () => {
    expect(invoiceOf(act(mismatched(), decide('approve', 'ok', 'INV-1'), 'buyer')).status).toBe('approved');
  });

  it('only a mismatching invoice needs a decision, once', () => {
    const matched = act(
      delivered(),
      invoice([{ lineId: '1', quantity: '100', price: { amount: '12.5' } }]),
      'seller',
    );
    const e = domainError(() => act(matched, decide('approve'), 'buyer'));
    expect(e.code).toBe('transition_not_allowed');
    expect(e.details).toMatchObject({ state: 'matched', allowedActions: [] });
    const approved = act(mismatched(), decide('approve'), 'buyer');
    expect(domainError(() => act(approved, decide('dispute'), 'buyer')).details.state).toBe('approved');
  });

  it('needs a reason, the buyer and an existing invoice', () => {
    const order = mismatched();
    expect(domainError(() => act(order, decide('approve', '  '), 'buyer')).details.field).toBe('reason');
    expect(domainError(() => act(order, decide('dispute'), 'seller')).code).toBe('transition_not_allowed');
    const missing = domainError(() => act(order, decide('approve', 'ok', 'inv-9'), 'buyer'));
    expect(missing.code).toBe('not_found');
    expect(missing.details.field).toBe('invoiceId');
  });
});

/** Agreed, shipped and received lines (100 pieces at 12.50 each) with the given items. */
function deliveredItems(items: { sellerItemId: string | null; buyerItemId: string | null }[]): Order {
  const order = agreedOrder(
    items.map((it, i) => lineInput(String(i + 1), { item: { name: `Item ${i + 1}`, ...it } })),
  );
  const lines = order.lines.map((l) => ({ lineId: l.lineId, deliveryLineId: '1' }));
  return actAll(order, [
    {
      action: {
        type: 'ship',
        despatch: { id: 'd1', number: 'DES-1' },
        lines: lines.map((l) => ({ ...l, quantity: '100' })),
      },
      role: 'seller',
    },
    { action: { type: 'receive', lines: lines.map((l) => ({ ...l, received: '100' })) }, role: 'buyer' },
  ]);
}

const stated = (ids: Partial<InvoicedItem>): InvoicedItem => ({
  name: 'stated name',
  sellerItemId: null,
  buyerItemId: null,
  standardItemId: null,
  unitCode: 'C62',
  ...ids,
});

describe('receiveInvoice: lines without an order line reference', () => {
  it('finds the order line by the seller’s item number and keeps how it was found', () => {
    const order = act(
      deliveredItems([
        { sellerItemId: 'S-1', buyerItemId: null },
        { sellerItemId: 'S-2', buyerItemId: null },
      ]),
      invoice([{ item: stated({ sellerItemId: ' S-2 ' }), quantity: '40', price: { amount: '12.5' } }]),
      'seller',
    );
    expect(invoiceOf(order).lines[0]).toEqual({
      lineId: '2',
      quantity: '40',
      price: { amount: '12.5', baseQuantity: '1' },
      amount: '500',
      match: 'matched',
      reasons: [],
      item: stated({ sellerItemId: ' S-2 ' }),
      matchedBy: 'seller_item',
    });
    expect(invoiceOf(order).status).toBe('matched');
    expect(lineOf(order, '2').invoiced).toBe('40');
    expect(lineOf(order, '1').invoiced).toBe('0');
  });

  it('passes over a seller’s number no order line carries and uses the buyer’s item number', () => {
    const order = act(
      deliveredItems([
        { sellerItemId: null, buyerItemId: 'B-1' },
        { sellerItemId: null, buyerItemId: 'B-2' },
      ]),
      invoice([
        {
          item: stated({
            sellerItemId: 'S-9',
            standardItemId: { value: '8712345678906', scheme: '0160' },
            buyerItemId: 'B-1',
          }),
          quantity: '100',
          price: { amount: '12.5' },
        },
      ]),
      'seller',
    );
    expect(invoiceOf(order).lines[0]).toMatchObject({
      lineId: '1',
      matchedBy: 'buyer_item',
      match: 'matched',
    });
    expect(lineOf(order, '1').invoiced).toBe('100');
  });

  it('narrows several lines with the same seller’s number by the buyer’s number', () => {
    const order = act(
      deliveredItems([
        { sellerItemId: 'S-1', buyerItemId: 'B-1' },
        { sellerItemId: 'S-1', buyerItemId: 'B-2' },
      ]),
      invoice([
        {
          item: stated({ sellerItemId: 'S-1', buyerItemId: 'B-2' }),
          quantity: '5',
          price: { amount: '12.5' },
        },
      ]),
      'seller',
    );
    expect(invoiceOf(order).lines[0]).toMatchObject({ lineId: '2', matchedBy: 'buyer_item' });
  });

  it('never guesses between several order lines with the item: the invoice waits for the buyer', () => {
    const order = act(
      deliveredItems([
        { sellerItemId: 'S-1', buyerItemId: null },
        { sellerItemId: 'S-1', buyerItemId: null },
      ]),
      invoice([
        { item: stated({ sellerItemId: 'S-1' }), quantity: '5', price: { amount: '12.5' } },
        { lineId: '1', quantity: '5', price: { amount: '12.5' } },
      ]),
      'seller',
    );
    const inv = invoiceOf(order);
    expect(inv.status).toBe('mismatch');
    expect(inv.lines[0]).toEqual({
      lineId: null,
      quantity: '5',
      price: { amount: '12.5', baseQuantity: '1' },
      amount: '62.5',
      match: 'mismatch',
      reasons: ['order_line_ambiguous'],
      item: stated({ sellerItemId: 'S-1' }),
      candidates: ['1', '2'],
    });
    expect(inv.lines[1]).toMatchObject({ lineId: '1', match: 'matched' });
    // Only the referenced line counts as invoiced.
    expect(order.lines.map((l) => l.invoiced)).toEqual(['5', '0']);
    expect(
      tasksForOrder(order, '2026-04-06T00:00:00.000Z').find((t) => t.kind === 'invoice_mismatch'),
    ).toMatchObject({ invoiceId: 'inv-1', lineIds: [] });
    // Disputing it takes back only what was linked to an order line.
    const disputed = act(order, decide('dispute', 'which line?'), 'buyer');
    expect(disputed.lines.map((l) => l.invoiced)).toEqual(['0', '0']);
  });

  it('flags an item no order line has as no_order_line', () => {
    const order = act(
      deliveredItems([{ sellerItemId: 'S-1', buyerItemId: 'B-1' }]),
      invoice([
        {
          item: stated({ sellerItemId: 'S-2', buyerItemId: 'B-2' }),
          quantity: '1',
          price: { amount: '12.5' },
        },
      ]),
      'seller',
    );
    expect(invoiceOf(order).lines[0]).toMatchObject({
      lineId: null,
      match: 'mismatch',
      reasons: ['no_order_line'],
    });
    expect(invoiceOf(order).lines[0]!.candidates).toBeUndefined();
    const approved = act(order, decide('approve', 'freight, agreed by phone'), 'buyer');
    expect(invoiceOf(approved).status).toBe('approved');
    expect(lineOf(approved, '1').invoiced).toBe('0');
  });

  it('needs an order line or an item for every line', () => {
    const e = domainError(() =>
      act(delivered(), invoice([{ quantity: '1', price: { amount: '12.5' } }]), 'seller'),
    );
    expect(e.details.field).toBe('lines[0].lineId');
  });
});

describe('receiveInvoice: credit lines (negative quantities)', () => {
  it('reduces the invoiced quantity of the order line, with a negative amount', () => {
    const order = act(
      delivered(),
      invoice([
        { lineId: '1', quantity: '100', price: { amount: '12.5' } },
        { lineId: '1', quantity: '-30.5', price: { amount: '12.5' } },
      ]),
      'seller',
    );
    const inv = invoiceOf(order);
    expect(inv.lines.map((l) => [l.quantity, l.amount, l.match])).toEqual([
      ['100', '1250', 'matched'],
      ['-30.5', '-381.25', 'matched'],
    ]);
    expect(inv.total).toBe('868.75');
    expect(inv.status).toBe('matched');
    expect(lineOf(order, '1').invoiced).toBe('69.5');
  });

  it('credits an earlier invoice; a credit cannot take back more than was invoiced', () => {
    const first = act(
      delivered(),
      invoice([{ lineId: '1', quantity: '60', price: { amount: '12.5' } }]),
      'seller',
    );
    const credit = act(
      first,
      invoice([{ lineId: '1', quantity: '-60', price: { amount: '12.5' } }], 'CR-1', 'inv-2'),
      'seller',
    );
    expect(invoiceOf(credit, 'inv-2').status).toBe('matched');
    expect(lineOf(credit, '1').invoiced).toBe('0');
    const tooMuch = act(
      first,
      invoice([{ lineId: '1', quantity: '-61', price: { amount: '12.5' } }], 'CR-1', 'inv-2'),
      'seller',
    );
    expect(invoiceOf(tooMuch, 'inv-2').lines[0]!.reasons).toEqual(['credit_exceeds_invoiced']);
  });

  it('a credit at another price than agreed is a price difference; it never exceeds the received quantity', () => {
    const over = act(
      delivered('60'),
      invoice([{ lineId: '1', quantity: '70', price: { amount: '12.5' } }]),
      'seller',
    );
    const order = act(
      over,
      invoice([{ lineId: '1', quantity: '-5', price: { amount: '13' } }], 'CR-1', 'inv-2'),
      'seller',
    );
    expect(invoiceOf(order, 'inv-2').lines[0]!.reasons).toEqual(['price_differs']);
    expect(lineOf(order, '1').invoiced).toBe('65');
  });

  it('disputing an invoice with a credit line undoes both lines', () => {
    const order = act(
      delivered(),
      invoice([
        { lineId: '1', quantity: '50', price: { amount: '13' } },
        { lineId: '1', quantity: '-10', price: { amount: '13' } },
      ]),
      'seller',
    );
    expect(lineOf(order, '1').invoiced).toBe('40');
    expect(lineOf(act(order, decide('dispute'), 'buyer'), '1').invoiced).toBe('0');
  });
});
