// Derived status: a line's progress from its quantities, the order's status from its lines.
// Nothing here is stored as truth; storage may cache the order status for filtering.
import { gt, lt, sub, add } from './decimal.ts';
import type { Order, OrderLine } from './order-types.ts';
import { totalProduced, totalReceived, totalRejected, totalShipped } from './line-quantities.ts';

export type LineProgress =
  'none' | 'in_production' | 'partially_shipped' | 'shipped' | 'partially_received' | 'received' | 'invoiced';

export type OrderStatus =
  | 'issued'
  | 'in_negotiation'
  | 'agreed'
  | 'in_production'
  | 'partially_shipped'
  | 'shipped'
  | 'received'
  | 'completed'
  | 'rejected'
  | 'cancelled';

export const ORDER_STATUSES: readonly OrderStatus[] = [
  'issued',
  'in_negotiation',
  'agreed',
  'in_production',
  'partially_shipped',
  'shipped',
  'received',
  'completed',
  'rejected',
  'cancelled',
];

/** Logistics progress of one line against its agreed quantity. */
export function lineProgress(line: OrderLine): LineProgress {
  const agreed = line.agreed?.quantity ?? '0';
  const shipped = totalShipped(line);
  const settled = add(totalReceived(line), totalRejected(line));
  if (!gt(shipped, '0')) return gt(totalProduced(line), '0') ? 'in_production' : 'none';
  if (lt(shipped, agreed)) return 'partially_shipped';
  if (!gt(settled, '0')) return 'shipped';
  if (lt(settled, shipped)) return 'partially_received';
  // Fully settled: everything received is invoiced (a line whose goods were all rejected has nothing to invoice).
  const received = totalReceived(line);
  return !lt(line.invoiced, received) && (gt(line.invoiced, '0') || !gt(received, '0'))
    ? 'invoiced'
    : 'received';
}

const AWAITING = new Set(['open', 'changed', 'reopened', 'proposed']);

/** The order's status, derived from its lines. */
export function orderStatus(order: Pick<Order, 'lines'> & Partial<Pick<Order, 'invoices'>>): OrderStatus {
  const active = order.lines.filter((l) => l.state !== 'cancelled');
  if (active.length === 0) return 'cancelled';
  if (active.every((l) => l.state === 'rejected')) return 'rejected';
  if (active.some((l) => AWAITING.has(l.state)))
    return active.every((l) => l.state === 'open') ? 'issued' : 'in_negotiation';
  const agreed = active.filter((l) => l.state === 'agreed');
  const progress = agreed.map(lineProgress);
  // An invoice waiting for a person's decision keeps the order open.
  const invoicePending = order.invoices?.some((i) => i.status === 'mismatch') ?? false;
  if (progress.every((p) => p === 'invoiced') && !invoicePending) return 'completed';
  if (progress.every((p) => p === 'received' || p === 'invoiced')) return 'received';
  if (
    progress.every(
      (p) => p === 'shipped' || p === 'partially_received' || p === 'received' || p === 'invoiced',
    )
  )
    return 'shipped';
  if (progress.some((p) => p !== 'none' && p !== 'in_production')) return 'partially_shipped';
  return progress.some((p) => p === 'in_production') ? 'in_production' : 'agreed';
}

/** Agreed delivery lines not yet fully shipped whose date has passed (date < today). */
export function lateDeliveries(
  line: OrderLine,
  today: string,
  side: 'ship' | 'receive',
): { id: string; date: string; open: string }[] {
  if (!line.agreed || line.state === 'cancelled' || line.state === 'rejected') return [];
  return line.agreed.schedule
    .flatMap((s) => (s.date !== null && s.date < today ? [{ ...s, date: s.date }] : []))
    .map((s) => {
      const p = line.progress[s.id];
      const done = side === 'ship' ? (p?.shipped ?? '0') : add(p?.received ?? '0', p?.rejected ?? '0');
      return { id: s.id, date: s.date, open: sub(s.quantity, done) };
    })
    .filter((x) => gt(x.open, '0'));
}
