// The line lifecycle as data. Read it as: "<action> may be done by <by> when the line is in one of
// <from>; the line then moves to <to>". Guards that need more than the state live in `guard` and are
// pure functions of the line. Example: a seller answering an open line with `propose` moves it to
// 'proposed'; the buyer then `acceptProposal`s (→ agreed) or `rejectProposal`s.
import { DomainError } from './errors.ts';
import { gt } from './decimal.ts';
import type { LineState, OrderLine, Role } from './order-types.ts';
import { totalShipped } from './line-quantities.ts';

export type LineAction =
  'accept' | 'reject' | 'propose' | 'acceptProposal' | 'rejectProposal' | 'change' | 'cancel' | 'reopen';

interface Transition {
  by: Role | 'either';
  from: readonly LineState[];
  to: LineState | ((line: OrderLine) => LineState);
  guard?: (line: OrderLine) => string | null;
}

const AWAITING_SELLER = ['open', 'changed', 'reopened'] as const;
const ACTIVE = ['open', 'proposed', 'agreed', 'rejected', 'changed', 'reopened'] as const;

const nothingShipped = (line: OrderLine): string | null =>
  gt(totalShipped(line), '0')
    ? `line ${line.lineId} has shipments (${totalShipped(line)}); change or propose its quantity instead`
    : null;

export const LINE_TRANSITIONS: Record<LineAction, Transition> = {
  accept: { by: 'seller', from: AWAITING_SELLER, to: 'agreed' },
  // Refusing a buyer's change keeps an existing agreement in force; otherwise the line is rejected.
  // A seller who can no longer deliver the rest of a line with shipments proposes a smaller quantity.
  reject: {
    by: 'seller',
    from: AWAITING_SELLER,
    to: (l) => (l.state === 'changed' && l.agreed ? 'agreed' : 'rejected'),
    guard: (l) => (l.state === 'changed' ? null : nothingShipped(l)),
  },
  propose: { by: 'seller', from: [...AWAITING_SELLER, 'proposed'], to: 'proposed' },
  acceptProposal: { by: 'buyer', from: ['proposed'], to: 'agreed' },
  // Refusing a proposal keeps an existing agreement in force; otherwise the seller must answer again.
  rejectProposal: { by: 'buyer', from: ['proposed'], to: (l) => (l.agreed ? 'agreed' : 'open') },
  change: { by: 'buyer', from: ACTIVE, to: 'changed' },
  cancel: { by: 'buyer', from: ACTIVE, to: 'cancelled', guard: nothingShipped },
  reopen: { by: 'either', from: ['agreed'], to: 'reopened' },
};

/** Actions `role` may take on a line in its current state (for errors and for the UI). */
export function allowedActions(line: OrderLine, role: Role): LineAction[] {
  return (Object.keys(LINE_TRANSITIONS) as LineAction[]).filter((a) => {
    const t = LINE_TRANSITIONS[a];
    return (t.by === 'either' || t.by === role) && t.from.includes(line.state) && !t.guard?.(line);
  });
}

/** Checks a transition and returns the next state; throws an error naming the state and the allowed actions. */
export function nextState(line: OrderLine, action: LineAction, role: Role): LineState {
  const t = LINE_TRANSITIONS[action];
  const details = { state: line.state, allowedActions: allowedActions(line, role), lineId: line.lineId };
  if (t.by !== 'either' && t.by !== role) {
    throw new DomainError(
      'transition_not_allowed',
      `only the ${t.by} may ${action} line ${line.lineId}`,
      details,
    );
  }
  if (!t.from.includes(line.state)) {
    throw new DomainError(
      'transition_not_allowed',
      `cannot ${action} line ${line.lineId}: it is ${line.state}; allowed: ${details.allowedActions.join(', ') || 'none'}`,
      details,
    );
  }
  const problem = t.guard?.(line);
  if (problem) throw new DomainError('transition_not_allowed', `cannot ${action}: ${problem}`, details);
  return typeof t.to === 'function' ? t.to(line) : t.to;
}
