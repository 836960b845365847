// UBL despatch and receipt lines name an order line, not one of its delivery lines. The order model
// books logistics per delivery line, so a quantity is spread over the agreed delivery lines earliest
// date first, each up to what is still open there. What does not fit stays on the last delivery line,
// where the domain refuses it with its own message ("would exceed the agreed …").
import { add, gt, min, sub, type Decimal } from '../domain/decimal.ts';
import { DomainError } from '../domain/errors.ts';
import type { OrderLine, ScheduleLine } from '../domain/order-types.ts';

export interface Allocation {
  deliveryLineId: string;
  quantity: Decimal;
}

/** Delivery lines in date order: the agreed schedule, or the requested one when nothing is agreed yet. */
function deliveryLines(line: OrderLine): ScheduleLine[] {
  const schedule = (line.agreed ?? line.requested).schedule;
  // A delivery line without a date (requested only, nothing agreed yet) comes last.
  const key = (s: ScheduleLine): string => s.date ?? '9999-12-31';
  return [...schedule].sort((a, b) => (key(a) === key(b) ? 0 : key(a) < key(b) ? -1 : 1));
}

/**
 * Spreads `quantity` over the delivery lines; `open(id)` is what a delivery line can still take and
 * `taken` what earlier lines of the same document already put there.
 */
function spread(
  line: OrderLine,
  quantity: Decimal,
  open: (s: ScheduleLine) => Decimal,
  taken: Map<string, Decimal>,
): Allocation[] {
  const lines = deliveryLines(line);
  if (lines.length === 0)
    throw new DomainError('validation_failed', `line ${line.lineId} has no delivery lines`);
  const out: Allocation[] = [];
  let rest = quantity;
  for (const s of lines) {
    if (!gt(rest, '0')) break;
    const key = `${line.lineId}\u0000${s.id}`;
    const room = sub(open(s), taken.get(key) ?? '0');
    if (!gt(room, '0')) continue;
    const q = min(room, rest);
    out.push({ deliveryLineId: s.id, quantity: q });
    taken.set(key, add(taken.get(key) ?? '0', q));
    rest = sub(rest, q);
  }
  if (gt(rest, '0')) {
    const last = lines.at(-1)!;
    const existing = out.find((a) => a.deliveryLineId === last.id);
    if (existing) existing.quantity = add(existing.quantity, rest);
    else out.push({ deliveryLineId: last.id, quantity: rest });
  }
  return out;
}

/** Shipped quantity per delivery line: open = agreed − already shipped. */
export function allocateShipment(
  line: OrderLine,
  quantity: Decimal,
  taken: Map<string, Decimal>,
): Allocation[] {
  return spread(line, quantity, (s) => sub(s.quantity, line.progress[s.id]?.shipped ?? '0'), taken);
}

/** Received (or rejected) quantity per delivery line: open = shipped − received − rejected. */
export function allocateReceipt(
  line: OrderLine,
  quantity: Decimal,
  taken: Map<string, Decimal>,
): Allocation[] {
  return spread(
    line,
    quantity,
    (s) => {
      const p = line.progress[s.id];
      return p ? sub(p.shipped, add(p.received, p.rejected)) : '0';
    },
    taken,
  );
}
