// What a change travels as: the UBL document of the change — the original bytes when the change came
// from a document the company's own system handed in, otherwise the document the node writes for it from
// the sender's saved copy — or, for an action without a UBL counterpart (document-actions.ts), a
// SchakelOrderAction. See docs/network.md.
import { DomainError } from '../../domain/errors.ts';
import type { OrderAction } from '../../domain/order-actions.ts';
import type { Order } from '../../domain/order-types.ts';
import { detectDocument } from '../../documents/document-detection.ts';
import { defaultProfile, EXPORT_PROFILES } from '../../documents/document-writer.ts';
import { peppolCarriesSchedules } from '../../documents/schedule-fidelity.ts';
import { parseXml } from '../../documents/xml-parser.ts';
import { ACTION_PAYLOAD_TYPE, writeActionPayload } from '../../network/action-payload.ts';
import type { Repositories } from '../../storage/store.ts';
import type { Deps } from '../deps.ts';
import { ACTION_DOCUMENT, writeOrderDocument, type ExportOptions } from '../documents/index.ts';
import { historyRows, type PartnerMessage } from '../orders/index.ts';
import type { Payload } from './outbox.ts';

/** The document type and the writer's options for a change, or null when it has no UBL counterpart. */
function ublOf(message: PartnerMessage): ExportOptions | null {
  if (message.kind === 'order.issued') return { type: 'Order' };
  const action = message.action;
  const type = ACTION_DOCUMENT[action.type];
  if (!type) return null;
  if (action.type === 'ship') return { type, ref: action.despatch.number };
  if (action.type === 'invoice') return { type, ref: action.invoice.number };
  if (action.type === 'receive') return { type, receiptAt: message.at };
  return { type };
}

/**
 * Whether a shipment or receipt names a delivery line of an order line delivered in several parts. A
 * DespatchAdvice or ReceiptAdvice states quantities per order line only; the receiver spreads them over
 * the delivery lines the way an import does (earliest open first), which may not be the one the sender
 * chose: such a change travels as the action itself, so that both copies record the same delivery line.
 */
function namesOneOfSeveral(order: Order, action: OrderAction): boolean {
  if (action.type !== 'ship' && action.type !== 'receive') return false;
  return action.lines.some((named) => {
    const line = order.lines.find((l) => l.lineId === named.lineId);
    return line !== undefined && (line.agreed ?? line.requested).schedule.length > 1;
  });
}

/**
 * The documents that can state a change, best first: the type in its default profile (Peppol where it
 * exists), else in plain UBL when the Peppol rules need what the order does not have (e.g. seller item
 * numbers on a despatch). When Peppol would collapse the order's delivery schedules (a line delivered in
 * parts), SCSN goes first: an Order or OrderResponse in SCSN, a change as an SCSN Changed Order.
 */
function candidates(options: ExportOptions, order: Order): ExportOptions[] {
  const profiles = [
    defaultProfile(options.type),
    ...EXPORT_PROFILES[options.type].filter((p) => p === 'ubl'),
  ];
  const usual = [...new Set(profiles)].map((profile) => ({ ...options, profile }));
  if (peppolCarriesSchedules(order)) return usual;
  if (options.type === 'Order' || options.type === 'OrderResponse')
    return [{ ...options, profile: 'scsn' }, ...usual];
  if (options.type === 'OrderChange') return [{ type: 'Order', profile: 'scsn' }, ...usual];
  return usual;
}

/**
 * The document the node writes for a change from the sender's saved copy, in the first candidate profile
 * that states it validly. Null when the writer has nothing to state (e.g. a change that cancels every
 * line, which an OrderChange does not list) or cannot write it validly: the change then travels as the
 * action itself.
 */
async function writtenDocument(
  deps: Deps,
  from: string,
  message: PartnerMessage,
  order: Order,
  options: ExportOptions,
): Promise<Payload | null> {
  const caller = { companyId: from, role: 'admin' as const, actor: message.actor };
  const tried = candidates(options, order);
  let nothingToState = false;
  for (const [i, candidate] of tried.entries()) {
    try {
      // A new order's history is the one it was issued with: no need to read it back.
      const history =
        message.kind === 'order.issued'
          ? historyRows(message.events, order.id, message, () => '')
          : undefined;
      const { document, checked } = await writeOrderDocument(deps, caller, order, candidate, history);
      return { documentType: candidate.type, bytes: new TextEncoder().encode(document.xml), checked };
    } catch (e) {
      if (e instanceof DomainError && e.code === 'transition_not_allowed') {
        nothingToState = true;
        continue;
      }
      if (!(e instanceof DomainError && e.code === 'validation_failed')) throw e;
      // An order is refused with the findings. A later change of an order already agreed between the
      // two must still reach the partner: when the node's data cannot make a valid document of it (a
      // Dutch seller's Peppol invoice needs a street address Schakel does not keep), it travels as the
      // action itself; a document imported from the company's own system travels as it is instead.
      if (i === tried.length - 1 && message.kind === 'order.issued' && !nothingToState) throw e;
    }
  }
  return null;
}

/** The payload of a change for the partner (see the file header). */
export async function payloadOf(
  deps: Deps,
  tx: Repositories,
  from: string,
  message: PartnerMessage,
): Promise<Payload> {
  const orderId = message.kind === 'order.issued' ? message.order.id : message.orderId;
  const options = ublOf(message);
  if (options && message.documentId) {
    // The imported document itself, under its own type (an SCSN Changed Order carries a change). It is
    // being imported in this transaction: its bytes are stored, its copy row is written afterwards.
    const original = await tx.documents.contentById(message.documentId);
    if (original) {
      const documentType = detectDocument(parseXml(original)).documentType;
      return { documentType, bytes: original, documentId: message.documentId } satisfies Payload;
    }
  }
  // The sender's saved copy: a new order is saved as issued; a changed one is read back.
  const order = message.kind === 'order.issued' ? message.order : await tx.orders.get(from, orderId);
  if (!order) throw new Error(`order ${orderId} of ${from} is missing while sending it`);
  if (options && !(message.kind === 'order.action' && namesOneOfSeveral(order, message.action))) {
    const written = await writtenDocument(deps, from, message, order, options);
    if (written) return written;
  }
  if (message.kind !== 'order.action') throw new Error('unreachable');
  const bytes = writeActionPayload({
    orderNumber: order.number,
    actorRole: message.actorRole,
    action: message.action,
  });
  return { documentType: ACTION_PAYLOAD_TYPE, bytes } satisfies Payload;
}
