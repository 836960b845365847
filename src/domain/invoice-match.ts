// Three-way match: each invoice line against the agreed price (order) and the received quantity
// (receipt). A mismatch is flagged for a person; nothing is silently accepted.
import { parseDate } from './codes.ts';
import { add, div, eq, gt, lt, mul, parseDecimal, round, sum, sub } from './decimal.ts';
import { DomainError, invalid } from './errors.ts';
import { matchOrderLine } from './invoice-line-matching.ts';
import type { NewOrderEvent } from './order-events.ts';
import type {
  Invoice,
  InvoicedItem,
  InvoiceLine,
  InvoiceMatchReason,
  Order,
  OrderLine,
  Role,
} from './order-types.ts';
import { totalReceived } from './line-quantities.ts';
import { findLine } from './order-create.ts';
import { parsePrice, samePrice, type PriceInput } from './terms.ts';

export interface InvoiceLineInput {
  /** The order line billed (BT-132); without it the line is matched by `item`. */
  lineId?: string | null;
  /** The item as the invoice states it; required when `lineId` is absent. */
  item?: InvoicedItem;
  /** Negative for a credit line: it reduces the invoiced quantity of the order line. */
  quantity: string | number;
  price: PriceInput;
}

export interface InvoiceInput {
  number: string;
  issueDate: string;
  lines: InvoiceLineInput[];
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
    const quantity = parseDecimal(l.quantity, `${field}.quantity`);
    if (eq(quantity, '0')) throw invalid(`${field}.quantity`, `${field}.quantity must not be zero`);
    const price = parsePrice(l.price, `${field}.price`);
    const amount = round(div(mul(quantity, price.amount), price.baseQuantity, 6), 2);
    const found = orderLineFor(order, l, field);
    if (found.kind !== 'matched') {
      // Never a guess: the line stays unlinked and the invoice waits for the buyer's decision.
      return {
        lineId: null,
        quantity,
        price,
        amount,
        match: 'mismatch',
        reasons: [found.kind === 'none' ? 'no_order_line' : 'order_line_ambiguous'],
        item: l.item!,
        ...(found.kind === 'ambiguous' ? { candidates: found.candidates } : {}),
      };
    }
    const line = touched.get(found.line.lineId) ?? found.line;
    const reasons: InvoiceMatchReason[] = [];
    if (!line.agreed || line.state === 'cancelled' || line.state === 'rejected')
      reasons.push('line_not_agreed');
    else if (!samePrice(price, line.agreed.price)) reasons.push('price_differs');
    const invoiced = add(line.invoiced, quantity);
    // A credit line (negative quantity) reduces what is invoiced; it cannot take back more than that.
    if (lt(quantity, '0') && lt(invoiced, '0')) reasons.push('credit_exceeds_invoiced');
    if (gt(quantity, '0') && gt(invoiced, totalReceived(line))) reasons.push('quantity_exceeds_received');
    touched.set(line.lineId, { ...line, invoiced });
    return {
      lineId: line.lineId,
      quantity,
      price,
      amount,
      match: reasons.length ? 'mismatch' : 'matched',
      reasons,
      ...(found.by ? { item: l.item!, matchedBy: found.by } : {}),
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
          .map((l) => ({ lineId: l.lineId, reasons: l.reasons, ...(l.item ? { item: l.item } : {}) })),
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
      if (il.lineId === null) continue;
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

type LineFound =
  | { kind: 'matched'; line: OrderLine; by: InvoiceLineMatch['by'] | null }
  | { kind: 'none' }
  | { kind: 'ambiguous'; candidates: string[] };
type InvoiceLineMatch = Extract<ReturnType<typeof matchOrderLine>, { kind: 'matched' }>;

/** The order line an invoice line bills: by its reference, else by its item numbers. */
function orderLineFor(order: Order, l: InvoiceLineInput, field: string): LineFound {
  const ref = l.lineId?.trim();
  if (ref) return { kind: 'matched', line: findLine(order, ref), by: null };
  if (!l.item)
    throw invalid(`${field}.lineId`, `${field} needs the order line it bills (lineId) or its item`);
  return matchOrderLine(order, l.item);
}
