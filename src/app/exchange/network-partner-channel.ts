// The partner channel: every change for a partner becomes a signed envelope, written to the outbox in
// the same transaction as the change itself. A partner on another node gets it from the outbox worker
// over HTTP; a partner hosted on this node gets it through the same inbox checks, in the same
// transaction (deliver-on-node.ts): no shortcut, so each company's copy changes only by a signed document
// it received (see docs/network.md). The payload is the UBL document of the change: the original bytes
// when the change came from an imported document, otherwise the document the node writes for it; actions
// without a UBL counterpart travel as a SchakelOrderAction.
import { primaryIdentifier, type Company } from '../../domain/company-types.ts';
import { DomainError } from '../../domain/errors.ts';
import type { OrderAction, OrderActionType } from '../../domain/order-actions.ts';
import type { Order } from '../../domain/order-types.ts';
import { detectDocument } from '../../documents/document-detection.ts';
import { defaultProfile, EXPORT_PROFILES } from '../../documents/document-writer.ts';
import { peppolCarriesSchedules } from '../../documents/schedule-fidelity.ts';
import type { OrderExportType } from '../../documents/ubl-vocabulary.ts';
import { parseXml } from '../../documents/xml-parser.ts';
import { ACTION_PAYLOAD_TYPE, writeActionPayload } from '../../network/action-payload.ts';
import { sealEnvelope } from '../../network/envelope.ts';
import { signingKeyAt, type StoredKey } from '../../network/keys.ts';
import type { OutboxMessage } from '../../storage/outbox-repository.ts';
import type { Repositories } from '../../storage/store.ts';
import { deliverOnNode } from './deliver-on-node.ts';
import type { Deps } from '../deps.ts';
import { exportLoadedOrder, type ExportOptions } from '../documents/export-order-document.ts';
import type { PartnerChannel, PartnerMessage } from '../orders/partner-channel.ts';
import { depsWithin } from '../transaction-deps.ts';

/**
 * The UBL document each order action travels as. The others (decide, reopen, reportProduction,
 * decideInvoice) have no UBL counterpart and travel as a SchakelOrderAction (docs/network.md).
 */
const UBL_OF: Partial<Record<OrderActionType, OrderExportType>> = {
  respond: 'OrderResponse',
  change: 'OrderChange',
  cancel: 'OrderCancellation',
  ship: 'DespatchAdvice',
  receive: 'ReceiptAdvice',
  invoice: 'Invoice',
};

/** The document type and the writer's options for a change, or null when it has no UBL counterpart. */
function ublOf(message: PartnerMessage): ExportOptions | null {
  if (message.kind === 'order.issued') return { type: 'Order' };
  const action = message.action;
  const type = UBL_OF[action.type];
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

export interface Payload {
  documentType: string;
  bytes: Uint8Array;
  /** The imported document these bytes are, when they are one. */
  documentId?: string | null;
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
      const doc = await exportLoadedOrder(deps, caller, order, candidate);
      return { documentType: candidate.type, bytes: new TextEncoder().encode(doc.xml) };
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

async function payloadOf(deps: Deps, tx: Repositories, from: string, message: PartnerMessage) {
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

export interface Outgoing {
  /** The sending company (hosted here) and the receiving partner (remote, or hosted here too). */
  from: string;
  to: string;
  conversationId: string;
  payload: Payload;
  at: string;
}

/** Where an envelope for a company hosted on this node is "sent": it never leaves the node. */
export const ON_NODE_ENDPOINT = 'node:local';

/**
 * Seals `out` into an envelope signed by the sender and writes it to the outbox within `tx`; returns
 * the stored message. For a company hosted on this node the row carries ON_NODE_ENDPOINT.
 */
export async function sealToOutbox(
  deps: Deps,
  tx: Repositories,
  out: Outgoing,
  signingKey?: StoredKey,
): Promise<Sealed> {
  const remote = await tx.partners.getRemote(out.to);
  const receiver = remote ? null : await tx.companies.get(out.to);
  if (!remote && !receiver)
    throw new DomainError(
      'validation_failed',
      `partner ${out.to} is neither hosted on this node nor a partner on another node`,
    );
  const sender = await tx.companies.get(out.from);
  const key = signingKey ?? signingKeyAt(await tx.partners.keys(out.from), out.at);
  if (!sender || !key)
    throw new DomainError('conflict', `company ${out.from} has no valid signing key to send with`);
  const seq = await tx.outbox.nextSeq(out.from, out.to, out.conversationId);
  const { jws, fields } = await sealEnvelope(
    {
      messageId: deps.network.newMessageId(),
      conversationId: out.conversationId,
      seq,
      sender: primaryIdentifier(sender),
      receiver: remote ? remote.participant : primaryIdentifier(receiver!),
      documentType: out.payload.documentType,
      createdAt: out.at,
    },
    out.payload.bytes,
    key,
  );
  const message: OutboxMessage = {
    id: fields.messageId,
    companyId: out.from,
    peerCompanyId: out.to,
    conversationId: out.conversationId,
    seq,
    documentType: out.payload.documentType,
    endpointUrl: remote ? remote.endpointUrl : ON_NODE_ENDPOINT,
    envelope: jws,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: out.at,
    lastError: null,
    receipt: null,
    createdAt: out.at,
    deliveredAt: null,
    documentId: out.payload.documentId ?? null,
  };
  await tx.outbox.insert(message);
  return { message, sender, receiver };
}

/** A sealed outbox message, with the companies it was sealed for (the receiver when hosted here). */
export interface Sealed {
  message: OutboxMessage;
  sender: Company;
  receiver: Company | null;
}

/**
 * Sends `out` within `tx`: to a partner on another node through the outbox (the worker delivers it after
 * commit), to a company on this node through the outbox row and the inbox at once. Returns the message id.
 */
export async function queueEnvelope(
  deps: Deps,
  tx: Repositories,
  out: Outgoing,
  signingKey?: StoredKey,
): Promise<string> {
  const { message, sender, receiver } = await sealToOutbox(deps, tx, out, signingKey);
  if (receiver) await deliverOnNode(deps, tx, message, { sender, receiver });
  return message.id;
}

/** The channel every use case publishes through (see the file header). */
export function networkPartnerChannel(): PartnerChannel {
  return {
    async deliver(useCaseDeps, tx, to, message) {
      const deps = depsWithin(useCaseDeps, tx);
      const from = message.kind === 'order.issued' ? message.order.buyer.companyId : message.from;
      const conversationId = message.kind === 'order.issued' ? message.order.id : message.orderId;
      // Checked before the document is written: without a key nothing can be sent.
      const key = signingKeyAt(await tx.partners.keys(from), message.at);
      if (!key) throw new DomainError('conflict', `company ${from} has no valid signing key to send with`);
      const payload = await payloadOf(deps, tx, from, message);
      await queueEnvelope(deps, tx, { from, to, conversationId, payload, at: message.at }, key);
    },
  };
}
