// One entry point for every change to an order copy. Both copies (buyer's and seller's) apply the same
// action with the same actor role and time, so they converge — locally today, across nodes later.
import { invalid } from './errors.ts';
import { decideInvoice, receiveInvoice, type InvoiceInput } from './invoice-match.ts';
import type { NewOrderEvent } from './order-events.ts';
import {
  receive,
  reportProduction,
  ship,
  type ProductionInput,
  type ReceiptInput,
  type ShipmentInput,
} from './order-logistics.ts';
import {
  cancelOrder,
  change,
  decide,
  reopen,
  respond,
  type ChangeInput,
  type LineAnswer,
  type LineDecision,
  type Step,
} from './order-negotiation.ts';
import type { Invoice, Order, OrderLine, Role } from './order-types.ts';

export type OrderAction =
  | { type: 'respond'; answers: LineAnswer[] }
  | { type: 'decide'; decisions: LineDecision[] }
  | ({ type: 'change' } & ChangeInput)
  | { type: 'cancel'; reason: string }
  | { type: 'reopen'; lineIds: string[]; reason: string }
  | { type: 'reportProduction'; lines: ProductionInput[] }
  | { type: 'ship'; despatch: { id: string; number: string }; lines: ShipmentInput[] }
  | { type: 'receive'; lines: ReceiptInput[] }
  | { type: 'invoice'; invoiceId: string; invoice: InvoiceInput }
  | { type: 'decideInvoice'; invoiceId: string; decision: 'approve' | 'dispute'; reason: string };

export type OrderActionType = OrderAction['type'];

export interface ActionResult {
  order: Order;
  events: NewOrderEvent[];
  changedLineIds: string[];
}

function merge(order: Order, lines: OrderLine[], now: string, invoice?: Invoice): Order {
  const byId = new Map(lines.map((l) => [l.lineId, l]));
  const merged = order.lines.map((l) => byId.get(l.lineId) ?? l);
  const added = lines.filter((l) => !order.lines.some((o) => o.lineId === l.lineId));
  const invoices = invoice
    ? order.invoices.some((i) => i.id === invoice.id)
      ? order.invoices.map((i) => (i.id === invoice.id ? invoice : i))
      : [...order.invoices, invoice]
    : order.invoices;
  return { ...order, lines: [...merged, ...added], invoices, version: order.version + 1, updatedAt: now };
}

/** Applies `action`, taken by the party in `actorRole`, to an order copy; returns the new copy and its events. */
export function applyOrderAction(
  order: Order,
  action: OrderAction,
  actorRole: Role,
  now: string,
): ActionResult {
  let step: Step & { invoice?: Invoice };
  switch (action.type) {
    case 'respond':
      step = respond(order, action.answers ?? [], actorRole, now);
      break;
    case 'decide':
      step = decide(order, action.decisions ?? [], actorRole, now);
      break;
    case 'change':
      step = change(order, action, actorRole, now);
      break;
    case 'cancel':
      step = cancelOrder(order, action.reason, actorRole, now);
      break;
    case 'reopen':
      step = reopen(order, action.lineIds ?? [], action.reason, actorRole, now);
      break;
    case 'reportProduction':
      step = reportProduction(order, action.lines ?? [], actorRole);
      break;
    case 'ship':
      step = ship(order, action.despatch, action.lines ?? [], actorRole);
      break;
    case 'receive':
      step = receive(order, action.lines ?? [], actorRole);
      break;
    case 'invoice':
      step = receiveInvoice(order, action.invoiceId, action.invoice, actorRole);
      break;
    case 'decideInvoice':
      step = decideInvoice(order, action.invoiceId, action.decision, action.reason, actorRole);
      break;
    default:
      throw invalid('type', `unknown action ${JSON.stringify((action as { type: unknown }).type)}`);
  }
  return {
    order: merge(order, step.lines, now, step.invoice),
    events: step.events,
    changedLineIds: step.lines.map((l) => l.lineId),
  };
}
