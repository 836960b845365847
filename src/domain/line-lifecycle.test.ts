// The lifecycle table, checked cell by cell against an independent copy of the rules written out
// here, first on bare lines (nextState) and then through the real actions (applyOrderAction).
import { describe, expect, it } from 'vitest';
import { act, agreedOrder, at, domainError, lineOf, newOrder } from '../../test/support/order-builder.ts';
import { LINE_TRANSITIONS, allowedActions, nextState, type LineAction } from './line-lifecycle.ts';
import type { OrderAction } from './order-actions.ts';
import { LINE_STATES, type LineState, type Order, type OrderLine, type Role } from './order-types.ts';

const ACTIONS: readonly LineAction[] = [
  'accept',
  'reject',
  'propose',
  'acceptProposal',
  'rejectProposal',
  'change',
  'cancel',
  'reopen',
];
const ROLES: readonly Role[] = ['buyer', 'seller'];

/** The rules as the product describes them, independent of LINE_TRANSITIONS. */
const SPEC: Record<
  LineAction,
  { by: Role | 'either'; from: LineState[]; to: (state: LineState, hasAgreement: boolean) => LineState }
> = {
  accept: { by: 'seller', from: ['open', 'changed', 'reopened'], to: () => 'agreed' },
  // A refused change leaves an existing agreement in force.
  reject: {
    by: 'seller',
    from: ['open', 'changed', 'reopened'],
    to: (s, agreed) => (s === 'changed' && agreed ? 'agreed' : 'rejected'),
  },
  propose: { by: 'seller', from: ['open', 'changed', 'reopened', 'proposed'], to: () => 'proposed' },
  acceptProposal: { by: 'buyer', from: ['proposed'], to: () => 'agreed' },
  // A refused proposal keeps an existing agreement; otherwise the seller answers again.
  rejectProposal: { by: 'buyer', from: ['proposed'], to: (_s, agreed) => (agreed ? 'agreed' : 'open') },
  change: {
    by: 'buyer',
    from: ['open', 'proposed', 'agreed', 'rejected', 'changed', 'reopened'],
    to: () => 'changed',
  },
  cancel: {
    by: 'buyer',
    from: ['open', 'proposed', 'agreed', 'rejected', 'changed', 'reopened'],
    to: () => 'cancelled',
  },
  reopen: { by: 'either', from: ['agreed'], to: () => 'reopened' },
};

const mayDo = (action: LineAction, role: Role): boolean =>
  SPEC[action].by === 'either' || SPEC[action].by === role;
const expectedAllowed = (state: LineState, role: Role): LineAction[] =>
  ACTIONS.filter((a) => mayDo(a, role) && SPEC[a].from.includes(state));

const template = newOrder().lines[0]!;
const agreedTerms = structuredClone(template.requested);
function bareLine(state: LineState, hasAgreement: boolean): OrderLine {
  return { ...structuredClone(template), state, agreed: hasAgreement ? structuredClone(agreedTerms) : null };
}

describe('LINE_TRANSITIONS', () => {
  it('covers exactly the eight line actions and seven states', () => {
    expect(Object.keys(LINE_TRANSITIONS).sort()).toEqual([...ACTIONS].sort());
    expect([...LINE_STATES].sort()).toEqual(
      ['agreed', 'cancelled', 'changed', 'open', 'proposed', 'rejected', 'reopened'].sort(),
    );
  });
});

describe('nextState: every action from every state by every role', () => {
  const cells = LINE_STATES.flatMap((state) =>
    ACTIONS.flatMap((action) =>
      ROLES.flatMap((role) => [false, true].map((hasAgreement) => ({ state, action, role, hasAgreement }))),
    ),
  );

  it('has 7 states × 8 actions × 2 roles × with/without agreement', () => {
    expect(cells).toHaveLength(7 * 8 * 2 * 2);
  });

  it.each(cells)(
    '$action by $role on $state (agreement: $hasAgreement)',
    ({ state, action, role, hasAgreement }) => {
      const line = bareLine(state, hasAgreement);
      const allowed = mayDo(action, role) && SPEC[action].from.includes(state);
      if (allowed) {
        expect(nextState(line, action, role)).toBe(SPEC[action].to(state, hasAgreement));
      } else {
        const e = domainError(() => nextState(line, action, role));
        expect(e.code).toBe('transition_not_allowed');
        expect(e.details.state).toBe(state);
        expect(e.details.allowedActions).toEqual(expectedAllowed(state, role));
        expect(e.details.lineId).toBe('1');
        if (!mayDo(action, role)) expect(e.message).toMatch(/^only the (buyer|seller) may/);
        else expect(e.message).toContain(`it is ${state}`);
      }
    },
  );

  it('allowedActions lists exactly what the spec allows per state and role', () => {
    for (const state of LINE_STATES) {
      for (const role of ROLES) {
        expect(allowedActions(bareLine(state, true), role), `${state}/${role}`).toEqual(
          expectedAllowed(state, role),
        );
      }
    }
    expect(allowedActions(bareLine('cancelled', false), 'buyer')).toEqual([]);
    expect(allowedActions(bareLine('cancelled', false), 'seller')).toEqual([]);
  });

  it('names "none" in the message when nothing is allowed', () => {
    expect(domainError(() => nextState(bareLine('cancelled', false), 'change', 'buyer')).message).toContain(
      'allowed: none',
    );
  });

  it('cancel is refused once anything of the line was shipped', () => {
    const line = bareLine('agreed', true);
    line.progress = { '1': { produced: '10', shipped: '0', received: '0', rejected: '0' } };
    expect(nextState(line, 'cancel', 'buyer')).toBe('cancelled');
    line.progress['1']!.shipped = '0.001';
    const e = domainError(() => nextState(line, 'cancel', 'buyer'));
    expect(e.code).toBe('transition_not_allowed');
    expect(e.details.state).toBe('agreed');
    expect(e.message).toContain('has shipments (0.001)');
  });
});

// ---- the same table through the real actions ----

const REASON = 'capacity planning changed';
/** A one-line order whose line is in the given state, reached through real actions. */
const FIXTURES: { name: string; state: LineState; hasAgreement: boolean; build: () => Order }[] = [
  { name: 'open', state: 'open', hasAgreement: false, build: () => newOrder() },
  {
    name: 'proposed',
    state: 'proposed',
    hasAgreement: false,
    build: () =>
      act(
        newOrder(),
        { type: 'respond', answers: [{ lineId: '1', answer: 'propose', quantity: '80' }] },
        'seller',
      ),
  },
  {
    name: 'proposed after reopening',
    state: 'proposed',
    hasAgreement: true,
    build: () =>
      act(
        act(agreedOrder(), { type: 'reopen', lineIds: ['1'], reason: REASON }, 'seller'),
        { type: 'respond', answers: [{ lineId: '1', answer: 'propose', quantity: '80' }] },
        'seller',
      ),
  },
  { name: 'agreed', state: 'agreed', hasAgreement: true, build: () => agreedOrder() },
  {
    name: 'rejected',
    state: 'rejected',
    hasAgreement: false,
    build: () =>
      act(
        newOrder(),
        { type: 'respond', answers: [{ lineId: '1', answer: 'reject', reason: REASON }] },
        'seller',
      ),
  },
  {
    name: 'changed before agreement',
    state: 'changed',
    hasAgreement: false,
    build: () => act(newOrder(), { type: 'change', change: [{ lineId: '1', quantity: '120' }] }, 'buyer'),
  },
  {
    name: 'changed after agreement',
    state: 'changed',
    hasAgreement: true,
    build: () => act(agreedOrder(), { type: 'change', change: [{ lineId: '1', quantity: '120' }] }, 'buyer'),
  },
  {
    name: 'reopened',
    state: 'reopened',
    hasAgreement: true,
    build: () => act(agreedOrder(), { type: 'reopen', lineIds: ['1'], reason: REASON }, 'buyer'),
  },
  {
    name: 'cancelled',
    state: 'cancelled',
    hasAgreement: false,
    build: () => act(newOrder(), { type: 'change', cancel: [{ lineId: '1', reason: REASON }] }, 'buyer'),
  },
];

const ACTION_INPUT: Record<LineAction, OrderAction> = {
  accept: { type: 'respond', answers: [{ lineId: '1', answer: 'accept' }] },
  reject: { type: 'respond', answers: [{ lineId: '1', answer: 'reject', reason: REASON }] },
  propose: { type: 'respond', answers: [{ lineId: '1', answer: 'propose', quantity: '90' }] },
  acceptProposal: { type: 'decide', decisions: [{ lineId: '1', decision: 'accept' }] },
  rejectProposal: { type: 'decide', decisions: [{ lineId: '1', decision: 'reject', reason: REASON }] },
  change: { type: 'change', change: [{ lineId: '1', quantity: '110' }] },
  cancel: { type: 'change', cancel: [{ lineId: '1', reason: REASON }] },
  reopen: { type: 'reopen', lineIds: ['1'], reason: REASON },
};

describe('applyOrderAction follows the same table', () => {
  it('the fixtures reach the states they claim', () => {
    for (const f of FIXTURES) {
      const line = lineOf(f.build(), '1');
      expect(line.state, f.name).toBe(f.state);
      expect(line.agreed !== null, f.name).toBe(f.hasAgreement);
    }
  });

  const cells = FIXTURES.flatMap((fixture) =>
    ACTIONS.flatMap((action) => ROLES.map((role) => ({ fixture: fixture.name, action, role }))),
  );

  it.each(cells)('$action by $role on a $fixture line', ({ fixture: name, action, role }) => {
    const f = FIXTURES.find((x) => x.name === name)!;
    const order = f.build();
    const now = at(5);
    const allowed = mayDo(action, role) && SPEC[action].from.includes(f.state);
    if (allowed) {
      const next = act(order, ACTION_INPUT[action], role, now);
      const line = lineOf(next, '1');
      const expected = SPEC[action].to(f.state, f.hasAgreement);
      expect(line.state).toBe(expected);
      expect(line.stateSince).toBe(expected === f.state ? lineOf(order, '1').stateSince : now);
      expect(next.version).toBe(order.version + 1);
    } else {
      const e = domainError(() => act(order, ACTION_INPUT[action], role, now));
      expect(e.code).toBe('transition_not_allowed');
      if ((action === 'change' || action === 'cancel') && role === 'seller') {
        // change() refuses the seller before it looks at any line, so no state is named.
        expect(e.message).toBe('only the buyer may change an order');
      } else {
        expect(e.details.state).toBe(f.state);
        expect(e.details.allowedActions).toEqual(expectedAllowed(f.state, role));
      }
    }
  });

  it('a refused action leaves the order untouched', () => {
    const order = agreedOrder();
    const before = structuredClone(order);
    expect(domainError(() => act(order, ACTION_INPUT.accept, 'seller')).code).toBe('transition_not_allowed');
    expect(order).toEqual(before);
  });
});
