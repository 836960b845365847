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
import { lineQuantities } from './line-quantities.ts';
import { applyOrderAction, type OrderAction } from './order-actions.ts';
import type { ReceiptInput, ShipmentInput } from './order-logistics.ts';
import type { Order } from './order-types.ts';

// Line 1: 100 pieces in two deliveries, a = 60 on 2026-04-01, b = 40 on 2026-04-15.
const twoDeliveries = lineInput('1', {
  schedule: [
    { id: 'a', date: '2026-04-01', quantity: '60' },
    { id: 'b', date: '2026-04-15', quantity: '40' },
  ],
});
const agreed = (): Order => agreedOrder([twoDeliveries, lineInput('2')]);
const produce = (deliveryLineId: string, produced: string, lineId = '1'): OrderAction => ({
  type: 'reportProduction',
  lines: [{ lineId, deliveryLineId, produced }],
});
const ship = (lines: ShipmentInput[], id = 'desp-1'): OrderAction => ({
  type: 'ship',
  despatch: { id, number: id.toUpperCase() },
  lines,
});
const shipA = (quantity: string): OrderAction => ship([{ lineId: '1', deliveryLineId: 'a', quantity }]);
const receive = (lines: ReceiptInput[]): OrderAction => ({ type: 'receive', lines });
const err = (order: Order, action: OrderAction, role: 'buyer' | 'seller') =>
  domainError(() => act(order, action, role));

describe('reportProduction', () => {
  it('records the cumulative produced quantity per delivery line', () => {
    const { order, events } = applyOrderAction(
      agreed(),
      produce('a', '20'),
      'seller',
      '2026-03-10T00:00:00.000Z',
    );
    expect(lineOf(order, '1').progress).toEqual({
      a: { produced: '20', shipped: '0', received: '0', rejected: '0' },
    });
    expect(events).toEqual([
      {
        type: 'production.reported',
        lineId: '1',
        data: { deliveryLineId: 'a', before: '0', after: '20' },
        reason: null,
      },
    ]);
    // Cumulative: a later report replaces the figure (it may also go down).
    const later = act(act(order, produce('a', '45'), 'seller'), produce('a', '40'), 'seller');
    expect(lineOf(later, '1').progress['a']!.produced).toBe('40');
    expect(lineQuantities(lineOf(later, '1')).produced).toBe('40');
  });

  it('refuses more than the agreed quantity of the delivery line, and negatives', () => {
    const order = agreed();
    expect(act(order, produce('a', '60'), 'seller')).toBeTruthy();
    expect(err(order, produce('a', '60.001'), 'seller').details.field).toBe('lines[0].produced');
    expect(err(order, produce('b', '41'), 'seller').message).toContain('exceeds the agreed 40');
    expect(err(order, produce('a', '-1'), 'seller').details.field).toBe('lines[0].produced');
  });

  it('refuses the buyer, an empty report, an unknown delivery line and a line without agreement', () => {
    const order = agreed();
    expect(err(order, produce('a', '1'), 'buyer').code).toBe('transition_not_allowed');
    expect(err(order, { type: 'reportProduction', lines: [] }, 'seller').details.field).toBe('lines');
    expect(err(order, produce('c', '1'), 'seller').details.field).toBe('lines[0].deliveryLineId');
    const open = err(newOrder([twoDeliveries]), produce('a', '1'), 'seller');
    expect(open.code).toBe('transition_not_allowed');
    expect(open.details).toMatchObject({ state: 'open', field: 'lines[0]' });
  });
});

describe('ship', () => {
  it('adds shipped quantities per delivery line and names the despatch', () => {
    const { order, events } = applyOrderAction(
      agreed(),
      ship([
        { lineId: '1', deliveryLineId: 'a', quantity: '25' },
        { lineId: '2', deliveryLineId: '1', quantity: 100 },
      ]),
      'seller',
      '2026-03-30T10:00:00.000Z',
    );
    expect(lineOf(order, '1').progress['a']!.shipped).toBe('25');
    expect(lineOf(order, '2').progress['1']!.shipped).toBe('100');
    expect(events.map((e) => e.data)).toEqual([
      { deliveryLineId: 'a', quantity: '25', despatchId: 'desp-1', despatchNumber: 'DESP-1' },
      { deliveryLineId: '1', quantity: '100', despatchId: 'desp-1', despatchNumber: 'DESP-1' },
    ]);
    const more = act(order, ship([{ lineId: '1', deliveryLineId: 'a', quantity: '35' }], 'desp-2'), 'seller');
    expect(lineOf(more, '1').progress['a']!.shipped).toBe('60');
    expect(lineQuantities(lineOf(more, '1'))).toMatchObject({ shipped: '60', openToShip: '40' });
  });

  it('cannot exceed the agreed quantity of the delivery line, even when the line total would allow it', () => {
    const order = agreed();
    const e = err(order, shipA('61'), 'seller');
    expect(e.code).toBe('validation_failed');
    expect(e.details.field).toBe('lines[0].quantity');
    expect(e.message).toContain('exceed the agreed 60');
  });

  it('counts earlier despatches and earlier lines of the same despatch', () => {
    const after50 = act(agreed(), shipA('50'), 'seller');
    expect(err(after50, shipA('10.5'), 'seller').message).toContain('already shipped 50');
    const sameDespatch = ship([
      { lineId: '1', deliveryLineId: 'a', quantity: '30' },
      { lineId: '1', deliveryLineId: 'a', quantity: '31' },
    ]);
    expect(err(agreed(), sameDespatch, 'seller').details.field).toBe('lines[1].quantity');
  });

  it('refuses zero, the buyer, and lines that are not agreed', () => {
    expect(err(agreed(), shipA('0'), 'seller').details.field).toBe('lines[0].quantity');
    expect(err(agreed(), shipA('1'), 'buyer').code).toBe('transition_not_allowed');
    expect(err(agreed(), ship([]), 'seller').details.field).toBe('lines');
    const rejected = act(
      newOrder([twoDeliveries]),
      { type: 'respond', answers: [{ lineId: '1', answer: 'reject', reason: 'no' }] },
      'seller',
    );
    expect(err(rejected, shipA('1'), 'seller').details.state).toBe('rejected');
    const cancelled = act(agreed(), { type: 'change', cancel: [{ lineId: '1', reason: 'no' }] }, 'buyer');
    expect(err(cancelled, shipA('1'), 'seller').details.state).toBe('cancelled');
  });

  it('ships against the existing agreement while a change is being negotiated', () => {
    const changed = act(agreed(), { type: 'change', change: [{ lineId: '2', quantity: '150' }] }, 'buyer');
    const shipped = act(changed, ship([{ lineId: '2', deliveryLineId: '1', quantity: '100' }]), 'seller');
    expect(lineOf(shipped, '2').progress['1']!.shipped).toBe('100');
    expect(err(changed, ship([{ lineId: '2', deliveryLineId: '1', quantity: '101' }]), 'seller').code).toBe(
      'validation_failed',
    );
  });
});

describe('receive', () => {
  const shipped = () => act(agreed(), shipA('50'), 'seller');

  it('records received and rejected quantities', () => {
    const { order, events } = applyOrderAction(
      shipped(),
      receive([{ lineId: '1', deliveryLineId: 'a', received: '45', rejected: '5', reason: ' scratched ' }]),
      'buyer',
      '2026-04-02T09:00:00.000Z',
    );
    expect(lineOf(order, '1').progress['a']).toEqual({
      produced: '0',
      shipped: '50',
      received: '45',
      rejected: '5',
    });
    expect(events).toEqual([
      {
        type: 'goods.received',
        lineId: '1',
        data: { deliveryLineId: 'a', received: '45', rejected: '5' },
        reason: 'scratched',
      },
    ]);
  });

  it('received plus rejected never exceeds what was shipped', () => {
    const order = shipped();
    const e = err(
      order,
      receive([{ lineId: '1', deliveryLineId: 'a', received: '46', rejected: '5', reason: 'x' }]),
      'buyer',
    );
    expect(e.details.field).toBe('lines[0].received');
    expect(e.message).toContain('only 50');
    const first = act(order, receive([{ lineId: '1', deliveryLineId: 'a', received: '30' }]), 'buyer');
    expect(
      err(first, receive([{ lineId: '1', deliveryLineId: 'a', received: '21' }]), 'buyer').message,
    ).toContain('only 20');
    const rest = act(first, receive([{ lineId: '1', deliveryLineId: 'a', received: '20' }]), 'buyer');
    expect(lineOf(rest, '1').progress['a']!.received).toBe('50');
    // Nothing shipped on delivery line b yet.
    expect(
      err(order, receive([{ lineId: '1', deliveryLineId: 'b', received: '1' }]), 'buyer').message,
    ).toContain('only 0');
  });

  it('rejected goods need a reason', () => {
    for (const reason of [undefined, null, '  ']) {
      const e = err(
        shipped(),
        receive([{ lineId: '1', deliveryLineId: 'a', received: '0', rejected: '3', reason }]),
        'buyer',
      );
      expect(e.details.field).toBe('lines[0].reason');
    }
  });

  it('refuses nothing received, negatives, the seller and an empty receipt', () => {
    const order = shipped();
    expect(
      err(order, receive([{ lineId: '1', deliveryLineId: 'a', received: '0' }]), 'buyer').details.field,
    ).toBe('lines[0].received');
    expect(
      err(order, receive([{ lineId: '1', deliveryLineId: 'a', received: '10', rejected: '-1' }]), 'buyer')
        .details.field,
    ).toBe('lines[0].rejected');
    expect(err(order, receive([{ lineId: '1', deliveryLineId: 'a', received: '1' }]), 'seller').code).toBe(
      'transition_not_allowed',
    );
    expect(err(order, receive([]), 'buyer').details.field).toBe('lines');
  });
});

describe('a shipped delivery line cannot shrink or disappear', () => {
  const shipped60 = () => act(agreed(), shipA('60'), 'seller');

  it('a buyer change below the shipped quantity or without the delivery line is refused', () => {
    const order = shipped60();
    const smaller = err(
      order,
      {
        type: 'change',
        change: [
          {
            lineId: '1',
            schedule: [
              { id: 'a', date: '2026-04-01', quantity: '59' },
              { id: 'b', date: '2026-04-15', quantity: '41' },
            ],
          },
        ],
      },
      'buyer',
    );
    expect(smaller.code).toBe('validation_failed');
    expect(smaller.details.field).toBe('change[0]');
    expect(smaller.message).toContain('already has 60 shipped');
    const gone = err(
      order,
      {
        type: 'change',
        change: [{ lineId: '1', schedule: [{ id: 'b', date: '2026-04-15', quantity: '100' }] }],
      },
      'buyer',
    );
    expect(gone.details.field).toBe('change[0]');
    // Dropping delivery line b (nothing shipped) is fine, as long as a keeps its 60.
    const ok = act(
      order,
      {
        type: 'change',
        change: [{ lineId: '1', schedule: [{ id: 'a', date: '2026-04-01', quantity: '60' }] }],
      },
      'buyer',
    );
    expect(lineOf(ok, '1').requested.quantity).toBe('60');
  });

  it('a seller proposal below the shipped quantity is refused', () => {
    const reopened = act(
      shipped60(),
      { type: 'reopen', lineIds: ['1'], reason: 'material shortage' },
      'seller',
    );
    const e = err(
      reopened,
      {
        type: 'respond',
        answers: [
          { lineId: '1', answer: 'propose', schedule: [{ id: 'a', date: '2026-04-01', quantity: '50' }] },
        ],
      },
      'seller',
    );
    expect(e.details.field).toBe('answers[0]');
  });

  it('a line with shipments cannot be cancelled', () => {
    const e = err(shipped60(), { type: 'change', cancel: [{ lineId: '1', reason: 'x' }] }, 'buyer');
    expect(e.code).toBe('transition_not_allowed');
    expect(e.details.state).toBe('agreed');
  });

  it('accepting a change that is smaller than what was shipped meanwhile is refused', () => {
    // The buyer asks for 50 on line 2; before answering, the seller ships 80 against the agreement of 100.
    const order = actAll(agreed(), [
      { action: { type: 'change', change: [{ lineId: '2', quantity: '50' }] }, role: 'buyer' },
      { action: ship([{ lineId: '2', deliveryLineId: '1', quantity: '80' }]), role: 'seller' },
    ]);
    const e = err(order, { type: 'respond', answers: [{ lineId: '2', answer: 'accept' }] }, 'seller');
    expect(e.code).toBe('validation_failed');
    expect(e.details.field).toBe('answers[0]');
    // Refusing the change keeps the agreement of 100, which covers the 80 shipped.
    const kept = act(
      order,
      { type: 'respond', answers: [{ lineId: '2', answer: 'reject', reason: 'already shipped 80' }] },
      'seller',
    );
    expect(lineOf(kept, '2').agreed!.quantity).toBe('100');
  });

  it('accepting a proposal that is smaller than what was shipped meanwhile is refused', () => {
    const order = actAll(agreed(), [
      { action: { type: 'reopen', lineIds: ['2'], reason: 'capacity' }, role: 'seller' },
      {
        action: { type: 'respond', answers: [{ lineId: '2', answer: 'propose', quantity: '50' }] },
        role: 'seller',
      },
      { action: ship([{ lineId: '2', deliveryLineId: '1', quantity: '80' }]), role: 'seller' },
    ]);
    const e = err(order, { type: 'decide', decisions: [{ lineId: '2', decision: 'accept' }] }, 'buyer');
    expect(e.details.field).toBe('decisions[0]');
    expect(lineOf(order, '2').state).toBe('proposed');
  });
});

describe('lineQuantities', () => {
  it('derives every stage from the facts', () => {
    const order = actAll(agreed(), [
      { action: produce('a', '60'), role: 'seller' },
      { action: produce('b', '10'), role: 'seller' },
      { action: shipA('60'), role: 'seller' },
      {
        action: receive([
          { lineId: '1', deliveryLineId: 'a', received: '58', rejected: '2', reason: 'dented' },
        ]),
        role: 'buyer',
      },
    ]);
    expect(lineQuantities(lineOf(order, '1'))).toEqual({
      ordered: '100',
      agreed: '100',
      produced: '70',
      shipped: '60',
      received: '58',
      rejected: '2',
      invoiced: '0',
      openToShip: '40',
    });
    expect(lineQuantities(lineOf(newOrder(), '1'))).toMatchObject({ agreed: '0', openToShip: '0' });
  });
});
