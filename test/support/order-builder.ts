// Small builders for domain tests: a buyer's copy of an order with sensible defaults, a clock that
// moves in hours, and a helper that applies an action and returns the new copy.
import { applyOrderAction, type OrderAction } from '../../src/domain/order-actions.ts';
import {
  createOrder,
  findLine,
  type NewLineInput,
  type NewOrderInput,
} from '../../src/domain/order-create.ts';
import { DomainError } from '../../src/domain/errors.ts';
import type { Order, OrderLine, PartyInfo, Role } from '../../src/domain/order-types.ts';

/** Moment the order is issued; `at(h)` is `h` hours later. */
export const T0 = '2026-03-02T08:00:00.000Z';
export const at = (hours: number): string => new Date(Date.parse(T0) + hours * 3600_000).toISOString();

export const BUYER: PartyInfo = {
  companyId: 'company-buyer',
  name: 'Koper Metaal BV',
  identifier: '0088:8712345678906',
};
export const SELLER: PartyInfo = {
  companyId: 'company-seller',
  name: 'Leverancier Draaiwerk BV',
  identifier: '0106:12345678',
};
export const ORDER_ID = 'order-1';

/** A new line: 100 pieces at 12.50 per piece, delivered on 2026-04-01 unless overridden. */
export function lineInput(lineId: string, overrides: Partial<NewLineInput> = {}): NewLineInput {
  return {
    lineId,
    item: { name: `Item ${lineId}`, buyerItemId: `B-${lineId}`, sellerItemId: null },
    unitCode: 'C62',
    quantity: '100',
    price: { amount: '12.5' },
    schedule: [{ id: '1', date: '2026-04-01', quantity: '100' }],
    ...overrides,
  };
}

export function orderInput(
  lines: NewLineInput[] = [lineInput('1')],
  overrides: Partial<NewOrderInput> = {},
): NewOrderInput {
  return { number: 'PO-2026-001', issueDate: '2026-03-02', currency: 'EUR', lines, ...overrides };
}

/** The buyer's copy of a freshly issued order. */
export function newOrder(
  lines: NewLineInput[] = [lineInput('1')],
  overrides: Partial<NewOrderInput> = {},
): Order {
  return createOrder(orderInput(lines, overrides), { orderId: ORDER_ID, buyer: BUYER, seller: SELLER }, T0)
    .order;
}

/** Applies one action and returns the new copy (throws like the domain does). */
export function act(order: Order, action: OrderAction, role: Role, now: string = at(1)): Order {
  return applyOrderAction(order, action, role, now).order;
}

/** Applies a sequence of actions in order. */
export function actAll(order: Order, steps: { action: OrderAction; role: Role; now?: string }[]): Order {
  return steps.reduce((o, s) => act(o, s.action, s.role, s.now), order);
}

export const lineOf = (order: Order, lineId: string): OrderLine => findLine(order, lineId);

/** The seller accepts the given lines as requested. */
export const acceptAll = (lineIds: string[]): OrderAction => ({
  type: 'respond',
  answers: lineIds.map((lineId) => ({ lineId, answer: 'accept' as const })),
});

/** An order whose lines the seller has accepted as requested. */
export function agreedOrder(lines: NewLineInput[] = [lineInput('1')], now: string = at(1)): Order {
  const order = newOrder(lines);
  return act(order, acceptAll(order.lines.map((l) => l.lineId)), 'seller', now);
}

/** Runs `fn` and returns the error it throws (fails the test when nothing is thrown). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error, but nothing was thrown');
}

/** Runs `fn` and returns the DomainError it throws (fails on no error or on another kind of error). */
export function domainError(fn: () => unknown): DomainError {
  const e = thrown(fn);
  if (!(e instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(e)}`);
  return e;
}
