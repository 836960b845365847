// The in-process change feed: a listener for every company (the node's outbox worker) hears each
// committed change once, a broken listener does not stop the others, and unsubscribing ends it.
import { describe, expect, it } from 'vitest';
import { inProcessChangeFeed, type OrderChange } from '../../../src/app/orders/index.ts';

const change = (orderId: string): OrderChange => ({
  orderId,
  orderNumber: `PO-${orderId}`,
  action: 'issue',
  byCompanyId: 'buyer',
  at: '2026-11-22T10:00:00.000Z',
});

describe('in-process change feed', () => {
  it('tells an all-companies listener about every change once, next to the per-company listeners', () => {
    const feed = inProcessChangeFeed();
    const all: string[] = [];
    const buyer: string[] = [];
    feed.subscribeAll(() => {
      throw new Error('a broken listener');
    });
    const stop = feed.subscribeAll((c) => all.push(c.orderId));
    feed.subscribe('buyer', (c) => buyer.push(c.orderId));
    feed.publish(['buyer', 'seller'], change('1'));
    feed.publish(['other', 'seller'], change('2'));
    stop();
    feed.publish(['buyer', 'seller'], change('3'));
    expect(all).toEqual(['1', '2']);
    expect(buyer).toEqual(['1', '3']);
  });
});
