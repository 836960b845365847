import { describe, expect, it } from 'vitest';
import { act, at, domainError, lineOf, newOrder } from '../../test/support/order-builder.ts';
import { applyOrderAction, type OrderAction } from './order-actions.ts';
import type { ItemInput } from './order-create.ts';

const SUBSTITUTE: ItemInput = {
  name: 'Item 1, new model',
  sellerItemId: 'SN-2',
  standardItemId: { scheme: '0160', value: '8722700577588' },
};
const offer = (substitute: ItemInput, patch: Record<string, unknown> = {}): OrderAction => ({
  type: 'respond',
  answers: [{ lineId: '1', answer: 'propose', note: 'old model sold out', substitute, ...patch }],
});
const decide = (decision: 'accept' | 'reject'): OrderAction => ({
  type: 'decide',
  decisions: [{ lineId: '1', decision, reason: decision === 'reject' ? 'we need the old model' : null }],
});

describe('the seller offers a substitute item', () => {
  it('is a proposal even with the requested terms, recorded with the substitute', () => {
    const order = newOrder();
    const { order: next, events } = applyOrderAction(order, offer(SUBSTITUTE), 'seller', at(2));
    const line = lineOf(next, '1');
    expect(line.state).toBe('proposed');
    expect(line.item).toEqual(lineOf(order, '1').item);
    expect(line.proposal).toEqual({
      terms: lineOf(order, '1').requested,
      note: 'old model sold out',
      proposedAt: at(2),
      substitute: {
        name: 'Item 1, new model',
        description: null,
        buyerItemId: null,
        sellerItemId: 'SN-2',
        standardItemId: { scheme: '0160', value: '8722700577588' },
      },
    });
    expect(events[0]!.data).toMatchObject({ substitute: line.proposal!.substitute });
  });

  it('can come with other terms', () => {
    const next = act(newOrder(), offer(SUBSTITUTE, { price: { amount: '13' } }), 'seller');
    expect(lineOf(next, '1').proposal!.terms.price.amount).toBe('13');
  });

  it('refuses a substitute that is the ordered item, and one without a name', () => {
    const order = newOrder();
    const same = domainError(() => act(order, offer({ name: 'Item 1' }), 'seller'));
    expect([same.code, same.message]).toEqual([
      'validation_failed',
      'the substitute for line 1 is the ordered item itself; leave the substitute out',
    ]);
    const unnamed = domainError(() => act(order, offer({ name: ' ' }), 'seller'));
    expect(unnamed.message).toBe('answers[0].substitute.name is required');
  });
});

describe('the buyer decides on a substitute', () => {
  const offered = () => act(newOrder(), offer(SUBSTITUTE), 'seller');

  it('accepting makes the substitute the line’s item and the terms the agreement', () => {
    const order = offered();
    const { order: next, events } = applyOrderAction(order, decide('accept'), 'buyer', at(3));
    const line = lineOf(next, '1');
    expect(line.state).toBe('agreed');
    expect(line.item).toEqual(lineOf(order, '1').proposal!.substitute);
    expect(line.agreed).toEqual(lineOf(order, '1').proposal!.terms);
    expect(line.proposal).toBeNull();
    expect(events[0]!.data).toMatchObject({
      substitute: line.item,
      replaced: lineOf(order, '1').item,
    });
  });

  it('rejecting keeps the ordered item and sends the line back to the seller', () => {
    const order = offered();
    const line = lineOf(act(order, decide('reject'), 'buyer'), '1');
    expect(line.state).toBe('open');
    expect(line.item).toEqual(lineOf(order, '1').item);
    expect(line.proposal).toBeNull();
    expect(line.reason).toBe('we need the old model');
  });
});
