// Turns a ReceiptAdvice into the buyer's goods receipt on one order: received and rejected quantities
// spread over the delivery lines that were shipped and not yet received (see delivery-allocation.ts).
import { add, type Decimal } from '../domain/decimal.ts';
import { DomainError } from '../domain/errors.ts';
import { findLine } from '../domain/order-create.ts';
import type { ReceiptInput } from '../domain/order-logistics.ts';
import type { Order } from '../domain/order-types.ts';
import { allocateReceipt } from './delivery-allocation.ts';
import type { ReceiptLine } from './document-model.ts';

export interface MappedReceipt {
  lines: ReceiptInput[];
  paths: string[];
}

export function mapReceipt(order: Order, docLines: ReceiptLine[]): MappedReceipt {
  const taken = new Map<string, Decimal>();
  const byKey = new Map<
    string,
    { input: ReceiptInput & { received: string; rejected: string }; path: string }
  >();
  const put = (
    lineId: string,
    deliveryLineId: string,
    received: string,
    rejected: string,
    reason: string | null,
    path: string,
  ): void => {
    const key = `${lineId}\u0000${deliveryLineId}`;
    const entry = byKey.get(key);
    if (entry) {
      entry.input.received = add(entry.input.received, received);
      entry.input.rejected = add(entry.input.rejected, rejected);
      entry.input.reason = entry.input.reason ?? reason;
    } else byKey.set(key, { input: { lineId, deliveryLineId, received, rejected, reason }, path });
  };
  for (const l of docLines) {
    const line = findLine(order, l.lineId);
    if (l.unitCode && l.unitCode !== line.unitCode) {
      throw new DomainError(
        'validation_failed',
        `${l.path}: the received quantity is in ${l.unitCode}, order line ${l.lineId} in ${line.unitCode}`,
        { field: l.path },
      );
    }
    for (const a of allocateReceipt(line, l.quantity, taken))
      put(l.lineId, a.deliveryLineId, a.quantity, '0', l.reason, l.path);
    for (const a of allocateReceipt(line, l.rejected, taken))
      put(l.lineId, a.deliveryLineId, '0', a.quantity, l.reason, l.path);
  }
  const entries = [...byKey.values()].filter((e) => e.input.received !== '0' || e.input.rejected !== '0');
  return { lines: entries.map((e) => e.input), paths: entries.map((e) => e.path) };
}
