// Three-way match: each invoice line against the agreed price (order) and the received quantity
// (receipt). A mismatch is flagged for a person; nothing is silently accepted.
import { parseDate } from './codes.ts';
import { add, div, gt, mul, parsePositive, round, sum, sub } from './decimal.ts';
import { DomainError, invalid } from './errors.ts';
import type { NewOrderEvent } from './order-events.ts';
import type { Invoice, InvoiceLine, InvoiceMatchReason, Order, OrderLine, Role } from './order-types.ts';
import { totalReceived } from './line-quantities.ts';
import { findLine } from './order-create.ts';
import { parsePrice, samePrice, type PriceInput } from './terms.ts';

export interface InvoiceInput {
  number: string;
  issueDate: string;
  lines: { lineId: string; quantity: string | number; price: PriceInput }[];
}

/** Matches and records an invoice on the order; the order lines' invoiced quantities grow. */
export function receiveInvoice(
  order: Order,
  invoiceId: string,
  input: InvoiceInput,
  role: Role,
): { lines: OrderLine[]; invoice: Invoice; events: NewOrderEvent[] } {
  if (role !== 'seller') throw new DomainError('transition_not_allowed', 'only the seller may invoice');
  const number = input.number?.trim();
  if (!number) throw invalid('number', 'invoice number is required');
  if (order.invoices.some((i) => i.number === number))
    throw new DomainError('conflict', `invoice ${number} is already recorded on order ${order.number}`, {
      field: 'number',
    });
  if (!input.lines?.length) throw invalid('lines', 'an invoice needs at least one line');
  const touched = new Map<string, OrderLine>();
  const lines: InvoiceLine[] = input.lines.map((l, i) => {
    const field = `lines[${i}]`;
    const line = touched.get(l.lineId) ?? findLine(order, l.lineId);
    const quantity = parsePositive(l.quantity, `${field}.quantity`);
    const price = parsePrice(l.price, `${field}.price`);
    const reasons: InvoiceMatchReason[] = [];
    if (!line.agreed || line.state === 'cancelled' || line.state === 'rejected')
      reasons.push('line_not_agreed');
    else if (!samePrice(price, line.agreed.price)) reasons.push('price_differs');
    const invoiced = add(line.invoiced, quantity);
    if (gt(invoiced, totalReceived(line))) reasons.push('quantity_exceeds_received');
    touched.set(line.lineId, { ...line, invoiced });
    const amount = round(div(mul(quantity, price.amount), price.baseQuantity, 6), 2);
    return {
      lineId: line.lineId,
      quantity,
      price,
      amount,
      match: reasons.length ? 'mismatch' : 'matched',
      reasons,
    };
  });
  const invoice: Invoice = {
    id: invoiceId,
    number,
    issueDate: parseDate(input.issueDate, 'issueDate'),
    lines,
    total: sum(lines.map((l) => l.amount)),
    status: lines.some((l) => l.match === 'mismatch') ? 'mismatch' : 'matched',
    decisionReason: null,
  };
  const events: NewOrderEvent[] = [
    {
      type: 'invoice.received',
      lineId: null,
      data: {
        invoiceId,
        number,
        total: invoice.total,
        status: invoice.status,
        mismatches: lines
          .filter((l) => l.match === 'mismatch')
          .map((l) => ({ lineId: l.lineId, reasons: l.reasons })),
      },
      reason: null,
    },
  ];
  return { lines: [...touched.values()], invoice, events };
}

/** The buyer approves a mismatching invoice (with a reason) or disputes it. */
export function decideInvoice(
  order: Order,
  invoiceId: string,
  decision: 'approve' | 'dispute',
  reasonInput: string | null | undefined,
  role: Role,
): { invoice: Invoice; events: NewOrderEvent[]; lines: OrderLine[] } {
  if (role !== 'buyer')
    throw new DomainError('transition_not_allowed', 'only the buyer decides on an invoice');
  const invoice = order.invoices.find((i) => i.id === invoiceId || i.number === invoiceId);
  if (!invoice)
    throw new DomainError('not_found', `order ${order.number} has no invoice ${invoiceId}`, {
      field: 'invoiceId',
    });
  if (invoice.status !== 'mismatch') {
    throw new DomainError(
      'transition_not_allowed',
      `invoice ${invoice.number} is ${invoice.status}; only a mismatching invoice needs a decision`,
      { state: invoice.status, allowedActions: [] },
    );
  }
  const reason = reasonInput?.trim();
  if (!reason) throw invalid('reason', 'say why you approve or dispute this invoice');
  const status = decision === 'approve' ? 'approved' : 'disputed';
  // A disputed invoice no longer counts as invoiced, so a corrected invoice can follow.
  const touched = new Map<string, OrderLine>();
  if (decision === 'dispute') {
    for (const il of invoice.lines) {
      const line = touched.get(il.lineId) ?? findLine(order, il.lineId);
      touched.set(il.lineId, { ...line, invoiced: sub(line.invoiced, il.quantity) });
    }
  }
  const lines = [...touched.values()];
  return {
    invoice: { ...invoice, status, decisionReason: reason },
    lines,
    events: [
      {
        type: decision === 'approve' ? 'invoice.approved' : 'invoice.disputed',
        lineId: null,
        data: { invoiceId: invoice.id, number: invoice.number },
        reason,
      },
    ],
  };
}
