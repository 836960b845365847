// Maps a payload received from a partner's node onto the receiver's own copy of the order, with the one
// map of documents to order actions that importing a document uses too (app/documents,
// document-actions.ts): the result is the change applyPartnerMessage applies to the receiver's copy, so
// both copies end up the same. See docs/network.md.
import { primaryIdentifier, type Company } from '../../domain/company-types.ts';
import { DomainError } from '../../domain/errors.ts';
import { createOrder } from '../../domain/order-create.ts';
import type { Actor } from '../../domain/order-events.ts';
import { partnerOf, type Order, type PartyInfo, type Role } from '../../domain/order-types.ts';
import type { ReadDocument } from '../../documents/document-model.ts';
import { readActionPayload } from '../../network/action-payload.ts';
import { despatchIdOf } from '../../network/derived-id.ts';
import type { EnvelopeFields } from '../../network/envelope.ts';
import type { Repositories } from '../../storage/store.ts';
import { actsOnOrder, checkDocumentSubject, orderEffectOf } from '../documents/index.ts';
import type { PartnerMessage } from '../orders/index.ts';

export interface Parties {
  receiver: Company;
  sender: Company;
}

/** What a received payload does: the change to apply (null: recorded, nothing to change) and its order. */
export interface Mapped {
  message: PartnerMessage | null;
  orderId: string | null;
  /** The order's number, when the message changes an order (for the live-update notice). */
  orderNumber?: string;
  /** Where each item of the change is in the document, to name it when applying the change fails. */
  paths?: Record<string, string[]>;
  summary: Record<string, unknown>;
}

const partyOf = (c: Company): PartyInfo => ({
  companyId: c.id,
  name: c.name,
  identifier: primaryIdentifier(c),
});

const actorOf = (c: Company): Actor => ({
  companyId: c.id,
  companyName: c.name,
  userId: null,
  tokenId: null,
  name: c.name,
});

/**
 * The receiver's copy of the conversation's order. Only the partner on that order may change it: any
 * other sender is told the order is unknown (it must not learn that the order exists).
 */
async function ownCopy(tx: Repositories, parties: Parties, orderId: string): Promise<Order> {
  const copy = await tx.orders.get(parties.receiver.id, orderId);
  if (!copy || partnerOf(copy).companyId !== parties.sender.id)
    throw new DomainError('not_found', `order ${orderId} is unknown to ${parties.receiver.name}`);
  return copy;
}

/** The change a SchakelOrderAction carries (actions without a UBL counterpart). */
export async function mapActionPayload(
  tx: Repositories,
  parties: Parties,
  fields: EnvelopeFields,
  payload: Uint8Array,
): Promise<Mapped> {
  const p = readActionPayload(payload);
  const copy = await ownCopy(tx, parties, fields.conversationId);
  const message: PartnerMessage = {
    kind: 'order.action',
    orderId: copy.id,
    from: parties.sender.id,
    action: p.action,
    actorRole: p.actorRole,
    actor: actorOf(parties.sender),
    at: fields.createdAt,
    documentId: null,
  };
  return { message, orderId: copy.id, orderNumber: copy.number, summary: { action: p.action.type } };
}

/** Maps a read UBL document against the receiver's own copy of the conversation's order. */
export async function mapReceivedDocument(
  tx: Repositories,
  parties: Parties,
  fields: EnvelopeFields,
  doc: ReadDocument,
  documentId: string,
): Promise<Mapped> {
  const meta = { actor: actorOf(parties.sender), at: fields.createdAt, documentId };
  if (doc.documentType === 'Order' && doc.orderType === 'new') {
    const { order, events } = createOrder(
      doc.order,
      { orderId: fields.conversationId, buyer: partyOf(parties.sender), seller: partyOf(parties.receiver) },
      fields.createdAt,
    );
    return {
      message: { kind: 'order.issued', order, events, ...meta },
      orderId: order.id,
      orderNumber: order.number,
      summary: { action: 'issued', lines: order.lines.length },
    };
  }
  const copy = await ownCopy(tx, parties, fields.conversationId);
  const senderRole: Role = copy.role === 'buyer' ? 'seller' : 'buyer';
  checkDocumentSubject(doc, copy, senderRole);
  if (!actsOnOrder(doc)) return { message: null, orderId: copy.id, summary: { action: 'recorded' } };
  const number = doc.documentId;
  // Derived from the seller and the number, as the seller's node derived it (network/derived-id.ts).
  const effect = orderEffectOf(doc, copy, { id: despatchIdOf(fields.sender, number), number });
  const action = effect.action;
  if (!action) return { message: null, orderId: copy.id, summary: effect.summary };
  return {
    message: {
      kind: 'order.action',
      orderId: copy.id,
      from: parties.sender.id,
      action,
      actorRole: senderRole,
      ...meta,
    },
    orderId: copy.id,
    orderNumber: copy.number,
    summary: effect.summary,
    paths: effect.paths,
  };
}
