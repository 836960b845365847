// Logistics facts per delivery line: produced and shipped (seller), received and rejected (buyer).
// Quantities are checked against the agreement so that a typo never silently over-reports.
import { add, gt, parseNonNegative, parsePositive, sub } from './decimal.ts';
import { DomainError, invalid } from './errors.ts';
import type { NewOrderEvent } from './order-events.ts';
import type { Order, OrderLine, Role, ScheduleLine } from './order-types.ts';
import { emptyProgress } from './line-quantities.ts';
import { findLine } from './order-create.ts';
import type { Step } from './order-negotiation.ts';

export interface ProductionInput {
  lineId: string;
  deliveryLineId: string;
  /** Cumulative quantity produced so far for this delivery line. */
  produced: string | number;
}
export interface ShipmentInput {
  lineId: string;
  deliveryLineId: string;
  quantity: string | number;
}
export interface ReceiptInput {
  lineId: string;
  deliveryLineId: string;
  received: string | number;
  rejected?: string | number | undefined;
  reason?: string | null | undefined;
}

function requireRole(role: Role, needed: Role, what: string): void {
  if (role !== needed) throw new DomainError('transition_not_allowed', `only the ${needed} may ${what}`);
}

/** The agreed delivery line a logistics fact is about; the line must be agreed (or being renegotiated). */
function agreedDelivery(line: OrderLine, deliveryLineId: string, field: string): ScheduleLine {
  if (!line.agreed || line.state === 'cancelled' || line.state === 'rejected') {
    throw new DomainError(
      'transition_not_allowed',
      `line ${line.lineId} is ${line.state} and has no agreement to deliver against`,
      {
        state: line.state,
        field,
      },
    );
  }
  const s = line.agreed.schedule.find((x) => x.id === deliveryLineId);
  if (!s)
    throw invalid(
      `${field}.deliveryLineId`,
      `line ${line.lineId} has no agreed delivery line ${deliveryLineId}`,
    );
  return s;
}

/** Applies per-line updates, collecting one copy per touched line. */
function collect(order: Order): {
  get(id: string): OrderLine;
  put(l: OrderLine): void;
  lines(): OrderLine[];
} {
  const map = new Map<string, OrderLine>();
  return {
    get: (id) => map.get(id) ?? findLine(order, id),
    put: (l) => void map.set(l.lineId, l),
    lines: () => [...map.values()],
  };
}

/** Seller reports cumulative produced quantities. */
export function reportProduction(order: Order, input: ProductionInput[], role: Role): Step {
  requireRole(role, 'seller', 'report production');
  if (input.length === 0) throw invalid('lines', 'report at least one line');
  const acc = collect(order);
  const events: NewOrderEvent[] = input.map((p, i) => {
    const field = `lines[${i}]`;
    const line = acc.get(p.lineId);
    const s = agreedDelivery(line, p.deliveryLineId, field);
    const produced = parseNonNegative(p.produced, `${field}.produced`);
    if (gt(produced, s.quantity))
      throw invalid(
        `${field}.produced`,
        `produced ${produced} exceeds the agreed ${s.quantity} of delivery line ${s.id}`,
      );
    const prev = line.progress[s.id] ?? emptyProgress();
    acc.put({ ...line, progress: { ...line.progress, [s.id]: { ...prev, produced } } });
    return {
      type: 'production.reported',
      lineId: line.lineId,
      data: { deliveryLineId: s.id, before: prev.produced, after: produced },
      reason: null,
    };
  });
  return { lines: acc.lines(), events };
}

/** Seller ships quantities (one despatch may cover several orders; this is this order's part). */
export function ship(
  order: Order,
  despatch: { id: string; number: string },
  input: ShipmentInput[],
  role: Role,
): Step {
  requireRole(role, 'seller', 'ship');
  if (input.length === 0) throw invalid('lines', 'a despatch needs at least one line');
  const acc = collect(order);
  const events: NewOrderEvent[] = input.map((p, i) => {
    const field = `lines[${i}]`;
    const line = acc.get(p.lineId);
    const s = agreedDelivery(line, p.deliveryLineId, field);
    const qty = parsePositive(p.quantity, `${field}.quantity`);
    const prev = line.progress[s.id] ?? emptyProgress();
    const shipped = add(prev.shipped, qty);
    if (gt(shipped, s.quantity)) {
      throw invalid(
        `${field}.quantity`,
        `shipping ${qty} would exceed the agreed ${s.quantity} of delivery line ${s.id} (already shipped ${prev.shipped})`,
      );
    }
    acc.put({ ...line, progress: { ...line.progress, [s.id]: { ...prev, shipped } } });
    return {
      type: 'goods.shipped',
      lineId: line.lineId,
      data: { deliveryLineId: s.id, quantity: qty, despatchId: despatch.id, despatchNumber: despatch.number },
      reason: null,
    };
  });
  return { lines: acc.lines(), events };
}

/** Buyer records received and rejected quantities; together they never exceed what was shipped. */
export function receive(order: Order, input: ReceiptInput[], role: Role): Step {
  requireRole(role, 'buyer', 'record receipts');
  if (input.length === 0) throw invalid('lines', 'a receipt needs at least one line');
  const acc = collect(order);
  const events: NewOrderEvent[] = input.map((p, i) => {
    const field = `lines[${i}]`;
    const line = acc.get(p.lineId);
    const s = agreedDelivery(line, p.deliveryLineId, field);
    const received = parseNonNegative(p.received, `${field}.received`);
    const rejected = parseNonNegative(p.rejected ?? '0', `${field}.rejected`);
    if (!gt(add(received, rejected), '0'))
      throw invalid(`${field}.received`, 'record a received or rejected quantity above zero');
    const prev = line.progress[s.id] ?? emptyProgress();
    const next = { ...prev, received: add(prev.received, received), rejected: add(prev.rejected, rejected) };
    const open = sub(prev.shipped, add(prev.received, prev.rejected));
    if (gt(add(received, rejected), open)) {
      throw invalid(
        `${field}.received`,
        `only ${open} of delivery line ${s.id} is shipped and not yet received`,
      );
    }
    const reason = p.reason?.trim() || null;
    if (gt(rejected, '0') && !reason) throw invalid(`${field}.reason`, 'say why goods were rejected');
    acc.put({ ...line, progress: { ...line.progress, [s.id]: next } });
    return {
      type: 'goods.received',
      lineId: line.lineId,
      data: { deliveryLineId: s.id, received, rejected },
      reason,
    };
  });
  return { lines: acc.lines(), events };
}
