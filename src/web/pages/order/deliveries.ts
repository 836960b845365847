// The agreed delivery lines of an order with their logistics progress: what the shipping, receiving,
// production and invoicing forms offer.
import type { OrderLine, OrderView, ScheduleLine } from '../../http/types.ts';
import { add, gt0, max0, sub } from '../../lib/decimal.ts';

export interface Delivery {
  line: OrderLine;
  delivery: ScheduleLine;
  produced: string;
  shipped: string;
  received: string;
  rejected: string;
  /** Agreed and not yet shipped. */
  toShip: string;
  /** Shipped and neither received nor rejected yet. */
  toReceive: string;
}

/** Delivery lines of lines with an agreement in force (not cancelled or rejected). */
export function deliveries(order: OrderView): Delivery[] {
  return order.lines.flatMap((line) => {
    if (!line.agreed || line.state === 'cancelled' || line.state === 'rejected') return [];
    return line.agreed.schedule.map((delivery) => {
      const p = line.progress[delivery.id] ?? { produced: '0', shipped: '0', received: '0', rejected: '0' };
      return {
        line,
        delivery,
        ...p,
        toShip: max0(sub(delivery.quantity, p.shipped)),
        toReceive: max0(sub(p.shipped, add(p.received, p.rejected))),
      };
    });
  });
}

/** Received and not yet invoiced, per line. */
export const toInvoice = (line: OrderLine): string =>
  max0(sub(line.quantities.received ?? '0', line.quantities.invoiced ?? '0'));

export const positive = gt0;
