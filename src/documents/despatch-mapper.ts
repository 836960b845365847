// Turns a DespatchAdvice into the seller's despatch: per document line, the order line's shipped
// quantity spread over its agreed delivery lines (see delivery-allocation.ts).
import type { Decimal } from '../domain/decimal.ts';
import { DomainError } from '../domain/errors.ts';
import { findLine } from '../domain/order-create.ts';
import type { Order } from '../domain/order-types.ts';
import { allocateShipment } from './delivery-allocation.ts';
import type { DespatchAdviceDocument } from './document-model.ts';

export interface MappedDespatch {
  number: string;
  date: string;
  lines: { orderId: string; lineId: string; deliveryLineId: string; quantity: string }[];
  /** XPath of the document line behind each despatch line. */
  paths: string[];
}

/** `orders` maps each order number the document names to the seller's copy of that order. */
export function mapDespatch(doc: DespatchAdviceDocument, orders: Map<string, Order>): MappedDespatch {
  const taken = new Map<string, Decimal>();
  const lines: MappedDespatch['lines'] = [];
  const paths: string[] = [];
  for (const l of doc.lines) {
    const order = orders.get(l.orderNumber)!;
    const line = findLine(order, l.lineId);
    if (l.unitCode && l.unitCode !== line.unitCode) {
      throw new DomainError(
        'validation_failed',
        `${l.path}: the delivered quantity is in ${l.unitCode}, order line ${l.lineId} of order ${order.number} in ${line.unitCode}`,
        { field: l.path },
      );
    }
    for (const a of allocateShipment(line, l.quantity, taken)) {
      lines.push({
        orderId: order.id,
        lineId: l.lineId,
        deliveryLineId: a.deliveryLineId,
        quantity: a.quantity,
      });
      paths.push(l.path);
    }
  }
  return { number: doc.documentId, date: doc.despatchDate, lines, paths };
}
