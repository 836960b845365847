// Quantities per stage, derived from the facts on a line.
import { sum, sub, max } from './decimal.ts';
import type { Decimal } from './decimal.ts';
import type { DeliveryProgress, OrderLine } from './order-types.ts';

const total = (line: OrderLine, key: keyof DeliveryProgress): Decimal =>
  sum(Object.values(line.progress).map((p) => p[key]));

export const totalProduced = (line: OrderLine): Decimal => total(line, 'produced');
export const totalShipped = (line: OrderLine): Decimal => total(line, 'shipped');
export const totalReceived = (line: OrderLine): Decimal => total(line, 'received');
export const totalRejected = (line: OrderLine): Decimal => total(line, 'rejected');

/** Quantity in each stage: ordered, agreed, produced, shipped, received, rejected, invoiced. */
export function lineQuantities(line: OrderLine): Record<string, Decimal> {
  return {
    ordered: line.requested.quantity,
    agreed: line.agreed?.quantity ?? '0',
    produced: totalProduced(line),
    shipped: totalShipped(line),
    received: totalReceived(line),
    rejected: totalRejected(line),
    invoiced: line.invoiced,
    openToShip:
      line.agreed && line.state !== 'cancelled'
        ? max(sub(line.agreed.quantity, totalShipped(line)), '0')
        : '0',
  };
}

export const emptyProgress = (): DeliveryProgress => ({
  produced: '0',
  shipped: '0',
  received: '0',
  rejected: '0',
});
