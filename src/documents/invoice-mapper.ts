// Turns an Invoice into the seller's invoice on one order, for the three-way match: order line (or the
// item to find it by), quantity and price per line. The currency and units must be the order's.
import { DomainError } from '../domain/errors.ts';
import { matchOrderLine } from '../domain/invoice-line-matching.ts';
import type { InvoiceInput } from '../domain/invoice-match.ts';
import { findLine } from '../domain/order-create.ts';
import type { Order, OrderLine } from '../domain/order-types.ts';
import type { InvoiceDocument } from './document-model.ts';

export function mapInvoice(order: Order, doc: InvoiceDocument): { input: InvoiceInput; paths: string[] } {
  if (doc.currency !== order.currency) {
    throw new DomainError(
      'validation_failed',
      `${doc.documentType} ${doc.documentId} is in ${doc.currency}, order ${order.number} in ${order.currency}; Schakel matches an invoice with its order in the order's currency`,
      { field: 'cbc:DocumentCurrencyCode' },
    );
  }
  // Order lines by id (the first of a repeated id, as findLine finds it): a long invoice is not quadratic.
  const byId = new Map<string, OrderLine>();
  for (const line of order.lines) if (!byId.has(line.lineId)) byId.set(line.lineId, line);
  for (const l of doc.lines) {
    // A line without a reference is checked against the order line its item matches (the domain matches
    // it the same way); one that matches none or several is left to the three-way match to flag.
    const found = l.lineId !== null ? null : matchOrderLine(order, l.item!);
    const line =
      l.lineId !== null
        ? (byId.get(l.lineId) ?? findLine(order, l.lineId))
        : found?.kind === 'matched'
          ? found.line
          : null;
    if (line && l.unitCode && l.unitCode !== line.unitCode) {
      throw new DomainError(
        'validation_failed',
        `${l.path}: the invoiced quantity is in ${l.unitCode}, order line ${line.lineId} in ${line.unitCode}`,
        { field: l.path },
      );
    }
  }
  return {
    input: {
      number: doc.documentId,
      issueDate: doc.issueDate,
      lines: doc.lines.map((l) =>
        l.lineId !== null
          ? { lineId: l.lineId, quantity: l.quantity, price: l.price }
          : { item: l.item!, quantity: l.quantity, price: l.price },
      ),
    },
    paths: doc.lines.map((l) => l.path),
  };
}
