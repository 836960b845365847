// Negotiation: the seller answers lines, the buyer decides proposals, changes or cancels, and either
// side may reopen an agreed line. Each function is pure: it returns changed line copies and events.
import { eq, gt, lt, parsePositive, sum } from './decimal.ts';
import { DomainError, invalid } from './errors.ts';
import { parseSubstitute } from './item-substitution.ts';
import { nextState, type LineAction } from './line-lifecycle.ts';
import type { NewOrderEvent } from './order-events.ts';
import type { Item, Order, OrderLine, Role, Terms } from './order-types.ts';
import { findLine, parseItem, parseNewLine, type ItemInput, type NewLineInput } from './order-create.ts';
import {
  hasUndatedLines,
  parsePrice,
  parseSchedule,
  samePrice,
  type PriceInput,
  type ScheduleInput,
} from './terms.ts';

export interface TermsPatch {
  quantity?: string | number | undefined;
  price?: PriceInput | undefined;
  schedule?: ScheduleInput[] | undefined;
}

export type LineAnswer =
  // `schedule`: the promised delivery lines, for a line requested without a date (and only then).
  | { lineId: string; answer: 'accept'; schedule?: ScheduleInput[] | undefined }
  | { lineId: string; answer: 'reject'; reason: string }
  // `substitute`: another item offered instead of the ordered one (Peppol item substitution).
  | ({
      lineId: string;
      answer: 'propose';
      note?: string | null | undefined;
      substitute?: ItemInput | null | undefined;
    } & TermsPatch);

export interface LineDecision {
  lineId: string;
  decision: 'accept' | 'reject';
  reason?: string | null | undefined;
}

export interface LineChange extends TermsPatch {
  lineId: string;
  item?: ItemInput | undefined;
  note?: string | null | undefined;
}

export interface ChangeInput {
  add?: NewLineInput[] | undefined;
  change?: LineChange[] | undefined;
  cancel?: { lineId: string; reason?: string | null | undefined }[] | undefined;
  reason?: string | null | undefined;
}

export interface Step {
  lines: OrderLine[];
  events: NewOrderEvent[];
}

const requireReason = (reason: string | null | undefined, field: string): string => {
  const r = reason?.trim();
  if (!r) throw invalid(field, `${field} is required: say why, so that the partner can act on it`);
  if (r.length > 1000) throw invalid(field, `${field} is at most 1000 characters`);
  return r;
};

/** Moves a line copy to the next state for `action`, stamping stateSince when the state changes. */
function move(line: OrderLine, action: LineAction, role: Role, now: string): OrderLine {
  const state = nextState(line, action, role);
  return { ...line, state, stateSince: state === line.state ? line.stateSince : now };
}

function sameTerms(a: Terms, b: Terms): boolean {
  return (
    eq(a.quantity, b.quantity) &&
    samePrice(a.price, b.price) &&
    a.schedule.length === b.schedule.length &&
    a.schedule.every((s, i) => s.date === b.schedule[i]?.date && eq(s.quantity, b.schedule[i].quantity))
  );
}

/** Field by field: stored items may come back with their keys in another order (jsonb). */
export const sameItem = (a: Item, b: Item): boolean =>
  a.name === b.name &&
  a.description === b.description &&
  a.buyerItemId === b.buyerItemId &&
  a.sellerItemId === b.sellerItemId &&
  (a.standardItemId?.scheme ?? null) === (b.standardItemId?.scheme ?? null) &&
  (a.standardItemId?.value ?? null) === (b.standardItemId?.value ?? null);

/** Applies a partial change to terms: a new schedule sets the quantity; a new quantity alone rescales a one-line schedule. */
export function patchTerms(base: Terms, patch: TermsPatch, field: string, undated = false): Terms {
  const price = patch.price ? parsePrice(patch.price, `${field}.price`) : base.price;
  if (patch.schedule) {
    const schedule = parseSchedule(patch.schedule, `${field}.schedule`, undated);
    const terms: Terms = { quantity: sum(schedule.map((s) => s.quantity)), price, schedule };
    if (
      patch.quantity !== undefined &&
      !eq(parsePositive(patch.quantity, `${field}.quantity`), terms.quantity)
    ) {
      throw invalid(
        `${field}.quantity`,
        `${field}.quantity ${patch.quantity} differs from the sum of the delivery lines (${terms.quantity})`,
      );
    }
    return terms;
  }
  if (patch.quantity !== undefined) {
    if (base.schedule.length !== 1) {
      throw invalid(
        `${field}.schedule`,
        `the line has ${base.schedule.length} delivery lines: give the new schedule, not only a quantity`,
      );
    }
    const [only] = parseSchedule(
      [{ ...base.schedule[0]!, quantity: patch.quantity }],
      `${field}.schedule`,
      undated,
    );
    return { quantity: only!.quantity, price, schedule: [only!] };
  }
  return { ...base, price };
}

/** A delivery line that has shipments may not disappear or shrink below what was shipped. */
function guardShipped(line: OrderLine, terms: Terms, field: string): void {
  for (const [id, p] of Object.entries(line.progress)) {
    if (!gt(p.shipped, '0')) continue;
    const s = terms.schedule.find((x) => x.id === id);
    if (!s || lt(s.quantity, p.shipped)) {
      throw invalid(
        field,
        `delivery line ${id} of line ${line.lineId} already has ${p.shipped} shipped; it cannot become smaller`,
      );
    }
  }
}

/**
 * What accepting a line agrees: the request as it is; for a line requested without a delivery date, the
 * same quantity and price on the delivery lines the seller promises (agreed terms always have dates).
 */
function acceptedTerms(line: OrderLine, promised: ScheduleInput[] | undefined, field: string): Terms {
  if (!hasUndatedLines(line.requested)) {
    if (promised)
      throw invalid(
        `${field}.schedule`,
        `line ${line.lineId} has requested delivery dates: accept them as they are, or propose other dates`,
      );
    return structuredClone(line.requested);
  }
  if (!promised)
    throw invalid(
      `${field}.schedule`,
      `line ${line.lineId} has no requested delivery date: accepting it needs the promised delivery date`,
    );
  const agreed = patchTerms(line.requested, { schedule: promised }, field);
  if (!eq(agreed.quantity, line.requested.quantity))
    throw invalid(
      `${field}.schedule`,
      `the promised delivery lines of line ${line.lineId} add up to ${agreed.quantity}, not the requested ${line.requested.quantity}: propose the other quantity instead`,
    );
  return agreed;
}

/** Seller answers lines: accept as-is, reject with a reason, or propose other terms. */
export function respond(order: Order, answers: LineAnswer[], role: Role, now: string): Step {
  if (answers.length === 0) throw invalid('answers', 'answer at least one line');
  const lines: OrderLine[] = [];
  const events: NewOrderEvent[] = [];
  const seen = new Set<string>();
  answers.forEach((a, i) => {
    const field = `answers[${i}]`;
    if (seen.has(a.lineId)) throw invalid(`${field}.lineId`, `line ${a.lineId} is answered twice`);
    seen.add(a.lineId);
    const line = findLine(order, a.lineId);
    if (a.answer === 'accept') {
      const next = move(line, 'accept', role, now);
      const agreed = acceptedTerms(line, a.schedule, field);
      guardShipped(line, agreed, field);
      lines.push({ ...next, agreed, proposal: null, reason: null });
      events.push({
        type: 'line.accepted',
        lineId: line.lineId,
        data: { from: line.state, to: next.state },
        reason: null,
      });
    } else if (a.answer === 'reject') {
      const reason = requireReason(a.reason, `${field}.reason`);
      const next = move(line, 'reject', role, now);
      // A refused change leaves the agreement in force, so the request reverts to it.
      const requested =
        next.state === 'agreed' && line.agreed ? structuredClone(line.agreed) : line.requested;
      lines.push({ ...next, requested, proposal: null, reason });
      events.push({
        type: 'line.rejected',
        lineId: line.lineId,
        data: { from: line.state, to: next.state, refused: line.requested },
        reason,
      });
    } else {
      const terms = patchTerms(line.requested, a, field);
      const substitute = parseSubstitute(line, a.substitute, `${field}.substitute`);
      if (!substitute && sameTerms(terms, line.requested)) {
        throw invalid(
          field,
          `the proposal for line ${line.lineId} equals the request; accept the line instead`,
        );
      }
      guardShipped(line, terms, field);
      const note = a.note?.trim() || null;
      const next = move(line, 'propose', role, now);
      lines.push({
        ...next,
        proposal: { terms, note, proposedAt: now, ...(substitute ? { substitute } : {}) },
      });
      events.push({
        type: 'line.proposed',
        lineId: line.lineId,
        data: { from: line.state, to: next.state, proposal: terms, ...(substitute ? { substitute } : {}) },
        reason: note,
      });
    }
  });
  return { lines, events };
}

/** Buyer decides on proposals: an accepted proposal becomes the agreed terms. */
export function decide(order: Order, decisions: LineDecision[], role: Role, now: string): Step {
  if (decisions.length === 0) throw invalid('decisions', 'decide on at least one line');
  const lines: OrderLine[] = [];
  const events: NewOrderEvent[] = [];
  decisions.forEach((d, i) => {
    const line = findLine(order, d.lineId);
    if (lines.some((l) => l.lineId === d.lineId))
      throw invalid(`decisions[${i}].lineId`, `line ${d.lineId} is decided twice`);
    if (d.decision === 'accept') {
      const next = move(line, 'acceptProposal', role, now);
      guardShipped(line, line.proposal!.terms, `decisions[${i}]`);
      // The accepted proposal is now what the buyer asks for, so later changes start from it; an
      // accepted substitute is the line's item from now on (shipped, received and invoiced as such).
      const substitute = line.proposal!.substitute;
      lines.push({
        ...next,
        item: substitute ?? line.item,
        requested: structuredClone(line.proposal!.terms),
        agreed: line.proposal!.terms,
        proposal: null,
        reason: null,
      });
      events.push({
        type: 'proposal.accepted',
        lineId: line.lineId,
        data: { agreed: line.proposal!.terms, ...(substitute ? { substitute, replaced: line.item } : {}) },
        reason: d.reason?.trim() || null,
      });
    } else {
      const reason = requireReason(d.reason, `decisions[${i}].reason`);
      const next = move(line, 'rejectProposal', role, now);
      // Back to an agreement in force: the request reverts to it (as when the seller refuses a change).
      const requested =
        next.state === 'agreed' && line.agreed ? structuredClone(line.agreed) : line.requested;
      lines.push({ ...next, requested, proposal: null, reason });
      events.push({
        type: 'proposal.rejected',
        lineId: line.lineId,
        data: { refused: line.proposal?.terms, to: next.state },
        reason,
      });
    }
  });
  return { lines, events };
}

/** Buyer changes the order: adds, changes or cancels lines. The seller answers changed lines like new ones. */
export function change(order: Order, input: ChangeInput, role: Role, now: string): Step {
  const reason = input.reason?.trim() || null;
  const lines: OrderLine[] = [];
  const events: NewOrderEvent[] = [];
  const touched = new Set<string>();
  const once = (lineId: string, field: string): void => {
    if (touched.has(lineId)) throw invalid(field, `line ${lineId} appears twice in this change`);
    touched.add(lineId);
  };
  if (!input.add?.length && !input.change?.length && !input.cancel?.length) {
    throw invalid('change', 'a change must add, change or cancel at least one line');
  }
  if (role !== 'buyer')
    throw new DomainError('transition_not_allowed', 'only the buyer may change an order', {
      field: 'change',
    });
  input.add?.forEach((l, i) => {
    const line = parseNewLine(l, `add[${i}]`, now);
    if (order.lines.some((x) => x.lineId === line.lineId))
      throw invalid(`add[${i}].lineId`, `line ${line.lineId} already exists`);
    once(line.lineId, `add[${i}].lineId`);
    lines.push(line);
    events.push({ type: 'line.added', lineId: line.lineId, data: { requested: line.requested }, reason });
  });
  input.change?.forEach((c, i) => {
    const field = `change[${i}]`;
    once(c.lineId, `${field}.lineId`);
    const line = findLine(order, c.lineId);
    const requested = patchTerms(line.requested, c, field, true);
    guardShipped(line, requested, field);
    const item = c.item
      ? parseItem({ ...line.item, ...c.item, name: c.item.name?.trim() || line.item.name }, `${field}.item`)
      : line.item;
    if (sameTerms(requested, line.requested) && sameItem(item, line.item) && c.note === undefined) {
      throw invalid(field, `the change of line ${line.lineId} changes nothing`);
    }
    const next = move(line, 'change', role, now);
    lines.push({
      ...next,
      requested,
      item,
      proposal: null,
      note: c.note === undefined ? line.note : c.note?.trim() || null,
    });
    events.push({
      type: 'line.changed',
      lineId: line.lineId,
      data: { before: line.requested, after: requested },
      reason,
    });
  });
  input.cancel?.forEach((c, i) => {
    once(c.lineId, `cancel[${i}].lineId`);
    const line = findLine(order, c.lineId);
    const next = move(line, 'cancel', role, now);
    const why = c.reason?.trim() || reason;
    lines.push({ ...next, proposal: null, reason: why });
    events.push({ type: 'line.cancelled', lineId: line.lineId, data: { from: line.state }, reason: why });
  });
  return { lines, events };
}

/** Buyer cancels the order: every line that can still be cancelled is; shipped lines stay. */
export function cancelOrder(
  order: Order,
  reasonInput: string | null | undefined,
  role: Role,
  now: string,
): Step {
  const reason = requireReason(reasonInput, 'reason');
  if (role !== 'buyer')
    throw new DomainError('transition_not_allowed', 'only the buyer may cancel an order', {
      field: 'reason',
    });
  const lines: OrderLine[] = [];
  const events: NewOrderEvent[] = [];
  for (const line of order.lines) {
    if (line.state === 'cancelled') continue;
    try {
      const next = move(line, 'cancel', role, now);
      lines.push({ ...next, proposal: null, reason });
      events.push({ type: 'line.cancelled', lineId: line.lineId, data: { from: line.state }, reason });
    } catch (e) {
      if (!(e instanceof DomainError)) throw e; // a shipped line stays; the rest is cancelled
    }
  }
  if (lines.length === 0) {
    throw new DomainError(
      'transition_not_allowed',
      `order ${order.number} has no lines that can still be cancelled`,
      { state: 'cancelled' },
    );
  }
  events.unshift({
    type: 'order.cancelled',
    lineId: null,
    data: { lines: lines.map((l) => l.lineId) },
    reason,
  });
  return { lines, events };
}

/** Either side reopens agreed lines with a reason; the seller then answers them again. */
export function reopen(
  order: Order,
  lineIds: string[],
  reasonInput: string | null | undefined,
  role: Role,
  now: string,
): Step {
  const reason = requireReason(reasonInput, 'reason');
  if (lineIds.length === 0) throw invalid('lineIds', 'name at least one line to reopen');
  const lines = [...new Set(lineIds)].map((id) => ({
    ...move(findLine(order, id), 'reopen', role, now),
    reason,
  }));
  return {
    lines,
    events: lines.map((l) => ({
      type: 'line.reopened' as const,
      lineId: l.lineId,
      data: { by: role },
      reason,
    })),
  };
}
