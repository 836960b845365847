// Which profile can carry an order's delivery schedules without loss. Peppol ordering states one requested
// (or promised) period per line, so a line delivered in several parts, or a delivery line with an id of
// its own, arrives collapsed into one period: `[{id:'a', 04-01, 40}, {id:'b', 05-01, 60}]` is read back
// as `[{id:'1', 05-01, 100}]`. SCSN states a cac:Delivery per delivery line with its id and quantity.
import type { Order, ScheduleLine } from '../domain/order-types.ts';

/** A schedule a Peppol document states exactly: one delivery line, numbered 1 (the default id). */
const peppolCarries = (schedule: readonly ScheduleLine[]): boolean =>
  schedule.length === 1 && schedule[0]!.id === '1';

/** Whether every schedule of the order's lines (requested, agreed, proposed) survives a Peppol document. */
export function peppolCarriesSchedules(order: Order): boolean {
  return order.lines.every(
    (l) =>
      peppolCarries(l.requested.schedule) &&
      (!l.agreed || peppolCarries(l.agreed.schedule)) &&
      (!l.proposal || peppolCarries(l.proposal.terms.schedule)),
  );
}
