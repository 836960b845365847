import { describe, expect, it } from 'vitest';
import {
  T0,
  act,
  actAll,
  agreedOrder,
  at,
  domainError,
  lineInput,
  lineOf,
  newOrder,
} from '../../test/support/order-builder.ts';
import { applyOrderAction, type OrderAction } from './order-actions.ts';
import { patchTerms, type TermsPatch } from './order-negotiation.ts';
import { lateDeliveries, orderStatus } from './order-status.ts';
import type { Order, Terms } from './order-types.ts';

const REASON = 'machine breakdown, capacity halved';
const twoDeliveries = lineInput('2', {
  quantity: '100',
  schedule: [
    { id: 'a', date: '2026-04-01', quantity: '60' },
    { id: 'b', date: '2026-04-15', quantity: '40' },
  ],
});
const propose = (lineId: string, patch: TermsPatch, note?: string): OrderAction => ({
  type: 'respond',
  answers: [{ lineId, answer: 'propose', note, ...patch }],
});
const accept = (lineId: string): OrderAction => ({
  type: 'respond',
  answers: [{ lineId, answer: 'accept' }],
});
/** `reason: null` sends no reason at all (a default parameter would replace `undefined`). */
const reject = (lineId: string, reason: string | null = REASON): OrderAction =>
  ({ type: 'respond', answers: [{ lineId, answer: 'reject', reason: reason ?? undefined }] }) as OrderAction;
const acceptProposal = (lineId: string): OrderAction => ({
  type: 'decide',
  decisions: [{ lineId, decision: 'accept' }],
});
const rejectProposal = (lineId: string, reason: string | null = REASON): OrderAction => ({
  type: 'decide',
  decisions: [{ lineId, decision: 'reject', reason: reason ?? undefined }],
});
const fieldError = (order: Order, action: OrderAction, role: 'buyer' | 'seller') =>
  domainError(() => act(order, action, role));

describe('seller answers: accept', () => {
  it('agrees the requested terms and records the event', () => {
    const order = newOrder([lineInput('1'), lineInput('2')]);
    const { order: next, events, changedLineIds } = applyOrderAction(order, accept('1'), 'seller', at(2));
    const line = lineOf(next, '1');
    expect(line.state).toBe('agreed');
    expect(line.stateSince).toBe(at(2));
    expect(line.agreed).toEqual(lineOf(order, '1').requested);
    expect(line.agreed).not.toBe(lineOf(order, '1').requested);
    expect(line.proposal).toBeNull();
    expect(lineOf(next, '2')).toEqual(lineOf(order, '2'));
    expect(changedLineIds).toEqual(['1']);
    expect(events).toEqual([
      { type: 'line.accepted', lineId: '1', data: { from: 'open', to: 'agreed' }, reason: null },
    ]);
    expect(next.version).toBe(2);
    expect(next.updatedAt).toBe(at(2));
    expect(orderStatus(next)).toBe('in_negotiation');
  });

  it('refuses an empty answer list, a line answered twice and an unknown line', () => {
    const order = newOrder([lineInput('1')]);
    expect(fieldError(order, { type: 'respond', answers: [] }, 'seller').details.field).toBe('answers');
    const twice = fieldError(
      order,
      { type: 'respond', answers: [...acceptAnswers('1'), ...acceptAnswers('1')] },
      'seller',
    );
    expect(twice.details.field).toBe('answers[1].lineId');
    expect(fieldError(order, accept('9'), 'seller').code).toBe('not_found');
  });

  it('the buyer cannot answer for the seller', () => {
    const e = fieldError(newOrder(), accept('1'), 'buyer');
    expect(e.code).toBe('transition_not_allowed');
    expect(e.message).toContain('only the seller may accept');
  });
});

function acceptAnswers(lineId: string) {
  return [{ lineId, answer: 'accept' as const }];
}

describe('seller answers: reject', () => {
  it('needs a reason', () => {
    const order = newOrder();
    for (const reason of [null, '', '   ']) {
      const e = fieldError(order, reject('1', reason), 'seller');
      expect(e.code).toBe('validation_failed');
      expect(e.details.field).toBe('answers[0].reason');
    }
    expect(fieldError(order, reject('1', 'x'.repeat(1001)), 'seller').details.field).toBe(
      'answers[0].reason',
    );
  });

  it('rejects the line with the trimmed reason', () => {
    const order = newOrder();
    const { order: next, events } = applyOrderAction(order, reject('1', `  ${REASON} `), 'seller', at(3));
    const line = lineOf(next, '1');
    expect(line.state).toBe('rejected');
    expect(line.reason).toBe(REASON);
    expect(line.agreed).toBeNull();
    expect(line.requested).toEqual(lineOf(order, '1').requested);
    expect(events).toEqual([
      {
        type: 'line.rejected',
        lineId: '1',
        data: { from: 'open', to: 'rejected', refused: lineOf(order, '1').requested },
        reason: REASON,
      },
    ]);
    expect(orderStatus(next)).toBe('rejected');
  });
});

describe('seller answers: propose', () => {
  it('proposes another quantity: a one-line schedule is rescaled, keeping its id and date', () => {
    const next = act(newOrder(), propose('1', { quantity: '80' }, '  can do 80 now  '), 'seller', at(2));
    const line = lineOf(next, '1');
    expect(line.state).toBe('proposed');
    expect(line.requested.quantity).toBe('100');
    expect(line.agreed).toBeNull();
    expect(line.proposal).toEqual({
      terms: {
        quantity: '80',
        price: { amount: '12.5', baseQuantity: '1' },
        schedule: [{ id: '1', date: '2026-04-01', quantity: '80' }],
      },
      note: 'can do 80 now',
      proposedAt: at(2),
    });
  });

  it('proposes another date, another price, or a split into several delivery lines', () => {
    const order = newOrder();
    const date = lineOf(
      act(order, propose('1', { schedule: [{ date: '2026-04-20', quantity: '100' }] }), 'seller'),
      '1',
    );
    expect(date.proposal!.terms.schedule).toEqual([{ id: '1', date: '2026-04-20', quantity: '100' }]);
    expect(date.proposal!.terms.quantity).toBe('100');

    const price = lineOf(act(order, propose('1', { price: { amount: '13.1' } }), 'seller'), '1');
    expect(price.proposal!.terms).toEqual({
      ...lineOf(order, '1').requested,
      price: { amount: '13.1', baseQuantity: '1' },
    });

    const split = lineOf(
      act(
        order,
        propose('1', {
          quantity: '100',
          schedule: [
            { date: '2026-04-01', quantity: '30' },
            { date: '2026-04-10', quantity: '30' },
            { date: '2026-04-20', quantity: '40' },
          ],
        }),
        'seller',
      ),
      '1',
    );
    expect(split.proposal!.terms.schedule.map((s) => [s.id, s.date, s.quantity])).toEqual([
      ['1', '2026-04-01', '30'],
      ['2', '2026-04-10', '30'],
      ['3', '2026-04-20', '40'],
    ]);
  });

  it('refuses a proposal that equals the request, also when the price is written per 100', () => {
    const order = newOrder();
    expect(fieldError(order, propose('1', { quantity: '100.0' }), 'seller').details.field).toBe('answers[0]');
    expect(
      fieldError(order, propose('1', { price: { amount: '1250', baseQuantity: '100' } }), 'seller').message,
    ).toMatch(/equals the request/);
  });

  it('refuses a quantity alone for a line with several delivery lines, and a quantity that contradicts the schedule', () => {
    const order = newOrder([twoDeliveries]);
    const alone = fieldError(order, propose('2', { quantity: '90' }), 'seller');
    expect(alone.details.field).toBe('answers[0].schedule');
    const contradicts = fieldError(
      order,
      propose('2', { quantity: '90', schedule: [{ date: '2026-04-01', quantity: '80' }] }),
      'seller',
    );
    expect(contradicts.details.field).toBe('answers[0].quantity');
  });

  it('a new proposal on a proposed line replaces the previous one', () => {
    const order = actAll(newOrder(), [
      { action: propose('1', { quantity: '80' }), role: 'seller', now: at(1) },
      { action: propose('1', { quantity: '90' }), role: 'seller', now: at(2) },
    ]);
    const line = lineOf(order, '1');
    expect(line.proposal!.terms.quantity).toBe('90');
    expect(line.proposal!.proposedAt).toBe(at(2));
    expect(line.stateSince).toBe(at(1)); // still 'proposed', so the state did not change
  });

  it('records the proposal in the event with the note as reason', () => {
    const { events } = applyOrderAction(
      newOrder(),
      propose('1', { quantity: '80' }, 'partial'),
      'seller',
      at(1),
    );
    expect(events).toEqual([
      {
        type: 'line.proposed',
        lineId: '1',
        data: {
          from: 'open',
          to: 'proposed',
          proposal: {
            quantity: '80',
            price: { amount: '12.5', baseQuantity: '1' },
            schedule: [{ id: '1', date: '2026-04-01', quantity: '80' }],
          },
        },
        reason: 'partial',
      },
    ]);
  });
});

describe('buyer decides on a proposal', () => {
  const proposed = () =>
    act(
      newOrder(),
      propose('1', { quantity: '80', schedule: [{ date: '2026-04-08', quantity: '80' }] }),
      'seller',
    );

  it('accepting makes the proposal the agreement', () => {
    const order = proposed();
    const proposal = lineOf(order, '1').proposal!.terms;
    const { order: next, events } = applyOrderAction(order, acceptProposal('1'), 'buyer', at(4));
    const line = lineOf(next, '1');
    expect(line.state).toBe('agreed');
    expect(line.stateSince).toBe(at(4));
    expect(line.agreed).toEqual(proposal);
    expect(line.proposal).toBeNull();
    expect(events).toEqual([
      { type: 'proposal.accepted', lineId: '1', data: { agreed: proposal }, reason: null },
    ]);
    expect(orderStatus(next)).toBe('agreed');
  });

  it('after accepting a proposal the request follows the agreement, so a later change starts from it', () => {
    const order = act(proposed(), acceptProposal('1'), 'buyer');
    expect(lineOf(order, '1').requested).toEqual(lineOf(order, '1').agreed);
    // Changing only the price must not bring back the originally requested date and quantity.
    const changed = lineOf(
      act(order, { type: 'change', change: [{ lineId: '1', price: { amount: '12' } }] }, 'buyer'),
      '1',
    );
    expect(changed.requested).toEqual({
      quantity: '80',
      price: { amount: '12', baseQuantity: '1' },
      schedule: [{ id: '1', date: '2026-04-08', quantity: '80' }],
    });
  });

  it('rejecting needs a reason', () => {
    const order = proposed();
    for (const reason of [null, '  ']) {
      expect(fieldError(order, rejectProposal('1', reason), 'buyer').details.field).toBe(
        'decisions[0].reason',
      );
    }
  });

  it('rejecting without an earlier agreement sends the line back to open for the seller', () => {
    const { order: next, events } = applyOrderAction(proposed(), rejectProposal('1'), 'buyer', at(4));
    const line = lineOf(next, '1');
    expect(line).toMatchObject({
      state: 'open',
      stateSince: at(4),
      proposal: null,
      agreed: null,
      reason: REASON,
    });
    expect(line.requested.quantity).toBe('100');
    expect(events[0]).toMatchObject({
      type: 'proposal.rejected',
      lineId: '1',
      data: { to: 'open' },
      reason: REASON,
    });
    // The seller answers again.
    expect(lineOf(act(next, accept('1'), 'seller'), '1').agreed!.quantity).toBe('100');
  });

  it('rejecting when an agreement existed keeps that agreement in force', () => {
    const agreed = agreedOrder();
    const order = actAll(agreed, [
      { action: { type: 'reopen', lineIds: ['1'], reason: 'price index changed' }, role: 'seller' },
      { action: propose('1', { price: { amount: '14' } }), role: 'seller' },
    ]);
    const line = lineOf(act(order, rejectProposal('1'), 'buyer', at(6)), '1');
    expect(line.state).toBe('agreed');
    expect(line.stateSince).toBe(at(6));
    expect(line.agreed).toEqual(lineOf(agreed, '1').agreed);
    expect(line.proposal).toBeNull();
  });

  it('refuses an empty decision list, a line decided twice and a seller deciding', () => {
    const order = proposed();
    expect(fieldError(order, { type: 'decide', decisions: [] }, 'buyer').details.field).toBe('decisions');
    const twice: OrderAction = {
      type: 'decide',
      decisions: [
        { lineId: '1', decision: 'accept' },
        { lineId: '1', decision: 'reject', reason: 'x' },
      ],
    };
    expect(fieldError(order, twice, 'buyer').details.field).toBe('decisions[1].lineId');
    expect(fieldError(order, acceptProposal('1'), 'seller').code).toBe('transition_not_allowed');
  });
});

describe('partial confirmation in several rounds', () => {
  it('answers lines one round at a time; untouched lines stay as they were', () => {
    const issued = newOrder([lineInput('1'), twoDeliveries, lineInput('3')]);
    expect(orderStatus(issued)).toBe('issued');

    const round1 = act(issued, accept('1'), 'seller', at(1));
    expect(round1.lines.map((l) => l.state)).toEqual(['agreed', 'open', 'open']);
    expect(lineOf(round1, '2')).toEqual(lineOf(issued, '2'));
    expect(orderStatus(round1)).toBe('in_negotiation');

    const round2 = act(
      round1,
      propose('2', {
        schedule: [
          { id: 'a', date: '2026-04-01', quantity: '60' },
          { id: 'b', date: '2026-04-29', quantity: '40' },
        ],
      }),
      'seller',
      at(2),
    );
    expect(round2.lines.map((l) => l.state)).toEqual(['agreed', 'proposed', 'open']);
    expect(lineOf(round2, '1')).toEqual(lineOf(round1, '1'));

    const round3 = act(
      round2,
      {
        type: 'respond',
        answers: [{ lineId: '3', answer: 'reject', reason: 'item discontinued' }],
      },
      'seller',
      at(3),
    );
    expect(round3.lines.map((l) => l.state)).toEqual(['agreed', 'proposed', 'rejected']);
    expect(orderStatus(round3)).toBe('in_negotiation');

    const decided = act(round3, acceptProposal('2'), 'buyer', at(4));
    expect(decided.lines.map((l) => l.state)).toEqual(['agreed', 'agreed', 'rejected']);
    expect(lineOf(decided, '2').agreed!.schedule[1]).toEqual({ id: 'b', date: '2026-04-29', quantity: '40' });
    expect(orderStatus(decided)).toBe('agreed');
    expect(decided.version).toBe(5);
    expect(lineOf(decided, '1').stateSince).toBe(at(1));
  });

  it('answers several lines in one round, each in its own way', () => {
    const { order, events } = applyOrderAction(
      newOrder([lineInput('1'), lineInput('2'), lineInput('3')]),
      {
        type: 'respond',
        answers: [
          { lineId: '3', answer: 'accept' },
          { lineId: '1', answer: 'propose', quantity: '50' },
          { lineId: '2', answer: 'reject', reason: REASON },
        ],
      },
      'seller',
      at(1),
    );
    expect(order.lines.map((l) => [l.lineId, l.state])).toEqual([
      ['1', 'proposed'],
      ['2', 'rejected'],
      ['3', 'agreed'],
    ]);
    expect(events.map((e) => [e.type, e.lineId])).toEqual([
      ['line.accepted', '3'],
      ['line.proposed', '1'],
      ['line.rejected', '2'],
    ]);
  });

  it('one invalid answer refuses the whole round', () => {
    const order = newOrder([lineInput('1'), lineInput('2')]);
    const e = fieldError(
      order,
      {
        type: 'respond',
        answers: [
          { lineId: '1', answer: 'accept' },
          { lineId: '2', answer: 'reject', reason: '' },
        ],
      },
      'seller',
    );
    expect(e.details.field).toBe('answers[1].reason');
    expect(order.lines.map((l) => l.state)).toEqual(['open', 'open']);
  });
});

describe('buyer changes an order', () => {
  const change120: OrderAction = {
    type: 'change',
    change: [{ lineId: '1', quantity: '120' }],
    reason: 'more demand',
  };

  it('a change after agreement moves the line to changed and keeps the agreement until answered', () => {
    const agreed = agreedOrder();
    const { order, events } = applyOrderAction(agreed, change120, 'buyer', at(5));
    const line = lineOf(order, '1');
    expect(line.state).toBe('changed');
    expect(line.stateSince).toBe(at(5));
    expect(line.requested.quantity).toBe('120');
    expect(line.agreed).toEqual(lineOf(agreed, '1').agreed);
    expect(events).toEqual([
      {
        type: 'line.changed',
        lineId: '1',
        data: { before: lineOf(agreed, '1').requested, after: line.requested },
        reason: 'more demand',
      },
    ]);
    expect(orderStatus(order)).toBe('in_negotiation');
  });

  it('the seller accepting the change makes it the agreement', () => {
    const order = actAll(agreedOrder(), [
      { action: change120, role: 'buyer' },
      { action: accept('1'), role: 'seller' },
    ]);
    expect(lineOf(order, '1').state).toBe('agreed');
    expect(lineOf(order, '1').agreed!.quantity).toBe('120');
  });

  it('the seller rejecting the change keeps the agreement in force and reverts the request', () => {
    const agreed = agreedOrder();
    const { order, events } = applyOrderAction(act(agreed, change120, 'buyer'), reject('1'), 'seller', at(7));
    const line = lineOf(order, '1');
    expect(line.state).toBe('agreed');
    expect(line.stateSince).toBe(at(7));
    expect(line.agreed).toEqual(lineOf(agreed, '1').agreed);
    expect(line.requested).toEqual(lineOf(agreed, '1').agreed);
    expect(line.reason).toBe(REASON);
    expect(events[0]).toMatchObject({ type: 'line.rejected', data: { from: 'changed', to: 'agreed' } });
    expect(orderStatus(order)).toBe('agreed');
  });

  it('a counter-proposal to a change that the buyer refuses leaves the old agreement, request included', () => {
    const agreed = agreedOrder();
    const order = actAll(agreed, [
      { action: change120, role: 'buyer' },
      { action: propose('1', { quantity: '110' }), role: 'seller' },
      { action: rejectProposal('1'), role: 'buyer' },
    ]);
    const line = lineOf(order, '1');
    expect(line.state).toBe('agreed');
    expect(line.agreed).toEqual(lineOf(agreed, '1').agreed);
    // The line is agreed again, so nothing else is being asked.
    expect(line.requested).toEqual(line.agreed);
  });

  it('a change before agreement that the seller rejects rejects the line', () => {
    const order = actAll(newOrder(), [
      { action: change120, role: 'buyer' },
      { action: reject('1'), role: 'seller' },
    ]);
    expect(lineOf(order, '1')).toMatchObject({ state: 'rejected', agreed: null });
    expect(lineOf(order, '1').requested.quantity).toBe('120');
  });

  it('a change of a proposed line withdraws the proposal', () => {
    const order = actAll(newOrder(), [
      { action: propose('1', { quantity: '80' }), role: 'seller' },
      { action: change120, role: 'buyer' },
    ]);
    expect(lineOf(order, '1')).toMatchObject({ state: 'changed', proposal: null });
  });

  it('a rejected line can be changed and answered again', () => {
    const order = actAll(newOrder(), [
      { action: reject('1'), role: 'seller' },
      { action: change120, role: 'buyer' },
      { action: accept('1'), role: 'seller' },
    ]);
    expect(lineOf(order, '1')).toMatchObject({ state: 'agreed', agreed: { quantity: '120' } });
  });

  it('changes item and note, keeping what is not given', () => {
    const line = lineOf(
      act(
        newOrder(),
        {
          type: 'change',
          change: [{ lineId: '1', item: { name: ' ', sellerItemId: 'S-9' }, note: '  rush  ' }],
        },
        'buyer',
      ),
      '1',
    );
    expect(line.item).toEqual({
      name: 'Item 1',
      buyerItemId: 'B-1',
      sellerItemId: 'S-9',
      standardItemId: null,
      description: null,
    });
    expect(line.note).toBe('rush');
    expect(line.state).toBe('changed');
  });

  it('refuses an empty change, a change that changes nothing, a line twice and a seller changing', () => {
    const order = agreedOrder();
    expect(fieldError(order, { type: 'change' }, 'buyer').details.field).toBe('change');
    expect(
      fieldError(order, { type: 'change', change: [{ lineId: '1', quantity: '100' }] }, 'buyer').details
        .field,
    ).toBe('change[0]');
    const twice: OrderAction = {
      type: 'change',
      change: [{ lineId: '1', quantity: '120' }],
      cancel: [{ lineId: '1' }],
    };
    expect(fieldError(order, twice, 'buyer').details.field).toBe('cancel[0].lineId');
    const seller = fieldError(order, change120, 'seller');
    expect(seller.code).toBe('transition_not_allowed');
    expect(
      fieldError(order, { type: 'change', change: [{ lineId: '7', quantity: '1' }] }, 'buyer').code,
    ).toBe('not_found');
  });

  it('needs a full schedule to change the quantity of a line with several delivery lines', () => {
    const order = agreedOrder([twoDeliveries]);
    expect(
      fieldError(order, { type: 'change', change: [{ lineId: '2', quantity: '90' }] }, 'buyer').details.field,
    ).toBe('change[0].schedule');
  });

  it('adds lines at the end as open lines', () => {
    const { order, events } = applyOrderAction(
      agreedOrder(),
      {
        type: 'change',
        add: [lineInput('2', { quantity: '5', schedule: [{ date: '2026-05-01', quantity: '5' }] })],
        reason: 'forgot',
      },
      'buyer',
      at(3),
    );
    expect(order.lines.map((l) => [l.lineId, l.state])).toEqual([
      ['1', 'agreed'],
      ['2', 'open'],
    ]);
    expect(lineOf(order, '2').stateSince).toBe(at(3));
    expect(events).toEqual([
      {
        type: 'line.added',
        lineId: '2',
        data: { requested: lineOf(order, '2').requested },
        reason: 'forgot',
      },
    ]);
    expect(orderStatus(order)).toBe('in_negotiation');
  });

  it('refuses adding an existing line id, the same new id twice and an invalid new line', () => {
    const order = agreedOrder();
    expect(fieldError(order, { type: 'change', add: [lineInput('1')] }, 'buyer').details.field).toBe(
      'add[0].lineId',
    );
    expect(
      fieldError(order, { type: 'change', add: [lineInput('2'), lineInput('2')] }, 'buyer').details.field,
    ).toBe('add[1].lineId');
    expect(
      fieldError(order, { type: 'change', add: [lineInput('2', { unitCode: 'QQQ' })] }, 'buyer').details
        .field,
    ).toBe('add[0].unitCode');
  });

  it('cancels lines with their own reason or the change reason', () => {
    const { order, events } = applyOrderAction(
      newOrder([lineInput('1'), lineInput('2'), lineInput('3')]),
      {
        type: 'change',
        cancel: [{ lineId: '1', reason: ' not needed ' }, { lineId: '2' }],
        reason: 'project stopped',
      },
      'buyer',
      at(2),
    );
    expect(order.lines.map((l) => [l.state, l.reason])).toEqual([
      ['cancelled', 'not needed'],
      ['cancelled', 'project stopped'],
      ['open', null],
    ]);
    expect(events.map((e) => [e.type, e.lineId, e.reason])).toEqual([
      ['line.cancelled', '1', 'not needed'],
      ['line.cancelled', '2', 'project stopped'],
    ]);
    expect(orderStatus(order)).toBe('issued');
  });
});

describe('patchTerms', () => {
  const base: Terms = {
    quantity: '100',
    price: { amount: '2', baseQuantity: '1' },
    schedule: [{ id: 'x', date: '2026-04-01', quantity: '100' }],
  };
  it('keeps everything that is not patched', () => {
    expect(patchTerms(base, {}, 'f')).toEqual(base);
    expect(patchTerms(base, { quantity: 7 }, 'f')).toEqual({
      ...base,
      quantity: '7',
      schedule: [{ ...base.schedule[0]!, quantity: '7' }],
    });
  });
  it('refuses a zero quantity with the schedule field', () => {
    expect(domainError(() => patchTerms(base, { quantity: '0' }, 'f')).details.field).toBe(
      'f.schedule[0].quantity',
    );
  });
});

describe('cancelOrder', () => {
  const cancel = (reason = 'project stopped'): OrderAction => ({ type: 'cancel', reason });

  it('needs a reason and the buyer', () => {
    const order = newOrder();
    expect(fieldError(order, cancel('  '), 'buyer').details.field).toBe('reason');
    expect(fieldError(order, cancel(), 'seller').code).toBe('transition_not_allowed');
  });

  it('cancels every line that can still be cancelled; shipped lines stay', () => {
    const order = actAll(newOrder([lineInput('1'), lineInput('2'), lineInput('3'), lineInput('4')]), [
      {
        action: { type: 'respond', answers: [...acceptAnswers('1'), ...acceptAnswers('2')] },
        role: 'seller',
      },
      {
        action: {
          type: 'ship',
          despatch: { id: 'd1', number: 'DES-1' },
          lines: [{ lineId: '1', deliveryLineId: '1', quantity: '10' }],
        },
        role: 'seller',
      },
      { action: { type: 'change', cancel: [{ lineId: '4', reason: 'earlier' }] }, role: 'buyer' },
    ]);
    const { order: next, events } = applyOrderAction(order, cancel(), 'buyer', at(9));
    expect(next.lines.map((l) => [l.lineId, l.state, l.reason])).toEqual([
      ['1', 'agreed', null],
      ['2', 'cancelled', 'project stopped'],
      ['3', 'cancelled', 'project stopped'],
      ['4', 'cancelled', 'earlier'],
    ]);
    expect(events.map((e) => [e.type, e.lineId])).toEqual([
      ['order.cancelled', null],
      ['line.cancelled', '2'],
      ['line.cancelled', '3'],
    ]);
    expect(events[0]!.data).toEqual({ lines: ['2', '3'] });
    expect(orderStatus(next)).toBe('partially_shipped');
  });

  it('a cancelled order has status cancelled and cannot be cancelled again', () => {
    const cancelled = act(newOrder([lineInput('1'), lineInput('2')]), cancel(), 'buyer');
    expect(cancelled.lines.every((l) => l.state === 'cancelled')).toBe(true);
    expect(orderStatus(cancelled)).toBe('cancelled');
    const e = fieldError(cancelled, cancel(), 'buyer');
    expect(e.code).toBe('transition_not_allowed');
    expect(e.details.state).toBe('cancelled');
  });
});

describe('reopen', () => {
  const reopen = (reason?: string, lineIds = ['1']): OrderAction => ({
    type: 'reopen',
    lineIds,
    reason: reason as string,
  });

  it.each(['buyer', 'seller'] as const)('the %s may reopen an agreed line with a reason', (role) => {
    const { order, events } = applyOrderAction(agreedOrder(), reopen('  quality issue  '), role, at(8));
    expect(lineOf(order, '1')).toMatchObject({
      state: 'reopened',
      stateSince: at(8),
      reason: 'quality issue',
    });
    expect(lineOf(order, '1').agreed).not.toBeNull();
    expect(events).toEqual([
      { type: 'line.reopened', lineId: '1', data: { by: role }, reason: 'quality issue' },
    ]);
    expect(orderStatus(order)).toBe('in_negotiation');
  });

  it.each(['buyer', 'seller'] as const)('the %s needs a reason to reopen', (role) => {
    for (const reason of [undefined, '', '  ']) {
      const e = fieldError(agreedOrder(), reopen(reason), role);
      expect(e.code).toBe('validation_failed');
      expect(e.details.field).toBe('reason');
    }
  });

  it('refuses no lines, names duplicates once and refuses lines that are not agreed', () => {
    const order = agreedOrder([lineInput('1'), lineInput('2')]);
    expect(fieldError(order, reopen('why', []), 'buyer').details.field).toBe('lineIds');
    const { events } = applyOrderAction(order, reopen('why', ['1', '1', '2']), 'buyer', at(2));
    expect(events.map((e) => e.lineId)).toEqual(['1', '2']);
    const notAgreed = fieldError(newOrder(), reopen('why'), 'seller');
    expect(notAgreed.code).toBe('transition_not_allowed');
    expect(notAgreed.details.state).toBe('open');
  });

  it('after reopening the seller answers again; accepting keeps the terms that were agreed', () => {
    const agreedViaProposal = actAll(newOrder(), [
      { action: propose('1', { quantity: '80' }), role: 'seller' },
      { action: acceptProposal('1'), role: 'buyer' },
    ]);
    const order = actAll(agreedViaProposal, [
      { action: reopen('check the date'), role: 'buyer' },
      { action: accept('1'), role: 'seller' },
    ]);
    expect(lineOf(order, '1').state).toBe('agreed');
    expect(lineOf(order, '1').agreed).toEqual(lineOf(agreedViaProposal, '1').agreed);
  });
});

describe('invariant: an agreed line asks for nothing else', () => {
  it('requested equals agreed whenever a line is agreed, along every negotiation path', () => {
    const paths: { action: OrderAction; role: 'buyer' | 'seller' }[][] = [
      [{ action: accept('1'), role: 'seller' }],
      [
        { action: propose('1', { quantity: '70' }), role: 'seller' },
        { action: acceptProposal('1'), role: 'buyer' },
      ],
      [
        { action: accept('1'), role: 'seller' },
        { action: { type: 'change', change: [{ lineId: '1', quantity: '150' }] }, role: 'buyer' },
        { action: reject('1'), role: 'seller' },
      ],
      [
        { action: accept('1'), role: 'seller' },
        { action: { type: 'change', change: [{ lineId: '1', quantity: '150' }] }, role: 'buyer' },
        { action: propose('1', { quantity: '140' }), role: 'seller' },
        { action: rejectProposal('1'), role: 'buyer' },
      ],
      [
        { action: accept('1'), role: 'seller' },
        { action: { type: 'reopen', lineIds: ['1'], reason: 'r' }, role: 'seller' },
        { action: propose('1', { price: { amount: '99' } }), role: 'seller' },
        { action: acceptProposal('1'), role: 'buyer' },
      ],
    ];
    for (const path of paths) {
      const line = lineOf(actAll(newOrder(), path), '1');
      expect(line.state).toBe('agreed');
      expect(line.requested).toEqual(line.agreed);
    }
  });

  it('keeps the issue time of untouched lines', () => {
    const order = act(newOrder([lineInput('1'), lineInput('2')]), accept('1'), 'seller', at(4));
    expect(lineOf(order, '2').stateSince).toBe(T0);
  });
});

describe('a line requested without a delivery date (Peppol allows it, e.g. a consignment order)', () => {
  const undated = () => newOrder([lineInput('1', { schedule: [{ id: '1', date: null, quantity: '100' }] })]);
  const acceptWith = (schedule?: { id?: string; date: string; quantity: string }[]): OrderAction => ({
    type: 'respond',
    answers: [{ lineId: '1', answer: 'accept', schedule }],
  });

  it('is issued with the date left open, and is not late', () => {
    const order = undated();
    expect(lineOf(order, '1').requested.schedule).toEqual([{ id: '1', date: null, quantity: '100' }]);
    expect(lateDeliveries(lineOf(order, '1'), '2099-01-01', 'ship')).toEqual([]);
  });

  it('the seller accepts it by promising the date; the agreement has it, the request stays open', () => {
    const order = act(undated(), acceptWith([{ id: '1', date: '2026-05-01', quantity: '100' }]), 'seller');
    const line = lineOf(order, '1');
    expect(line.state).toBe('agreed');
    expect(line.agreed!.schedule).toEqual([{ id: '1', date: '2026-05-01', quantity: '100' }]);
    expect(line.requested.schedule[0]!.date).toBeNull();
    // Lateness runs from the promised date.
    expect(lateDeliveries(line, '2026-05-02', 'ship')).toEqual([
      { id: '1', date: '2026-05-01', open: '100' },
    ]);
  });

  it('refuses accepting without a promised date, with another total, or with a date for a dated line', () => {
    expect(domainError(() => act(undated(), acceptWith(), 'seller')).message).toBe(
      'line 1 has no requested delivery date: accepting it needs the promised delivery date',
    );
    expect(
      domainError(() => act(undated(), acceptWith([{ date: '2026-05-01', quantity: '90' }]), 'seller'))
        .message,
    ).toMatch(/add up to 90, not the requested 100: propose the other quantity instead/);
    expect(
      domainError(() => act(newOrder(), acceptWith([{ date: '2026-05-01', quantity: '100' }]), 'seller'))
        .details.field,
    ).toBe('answers[0].schedule');
  });

  it('a proposal for it needs a date; the buyer accepting it agrees that date', () => {
    expect(domainError(() => act(undated(), propose('1', { quantity: '80' }), 'seller')).details.field).toBe(
      'answers[0].schedule[0].date',
    );
    const proposed = act(
      undated(),
      propose('1', { schedule: [{ id: '1', date: '2026-06-01', quantity: '100' }] }),
      'seller',
    );
    const agreed = act(
      proposed,
      { type: 'decide', decisions: [{ lineId: '1', decision: 'accept' }] },
      'buyer',
    );
    expect(lineOf(agreed, '1').agreed!.schedule[0]!.date).toBe('2026-06-01');
  });

  it('a buyer’s change may keep the date open', () => {
    const changed = act(undated(), { type: 'change', change: [{ lineId: '1', quantity: '120' }] }, 'buyer');
    expect(lineOf(changed, '1').requested.schedule).toEqual([{ id: '1', date: null, quantity: '120' }]);
  });
});
