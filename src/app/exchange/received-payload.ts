// Maps a payload received from a partner's node onto the receiver's own copy of the order, with the same
// mappers (and so the same semantics) as importing the document: the result is the change the local
// channel applies (applyPartnerMessage), so both copies end up the same. See docs/network.md.
import { primaryIdentifier, type Company } from '../../domain/company-types.ts';
import { DomainError } from '../../domain/errors.ts';
import { createOrder } from '../../domain/order-create.ts';
import type { Actor } from '../../domain/order-events.ts';
import { partnerOf, type Order, type PartyInfo, type Role } from '../../domain/order-types.ts';
import type { ReadDocument } from '../../documents/document-model.ts';
import { mapDespatch } from '../../documents/despatch-mapper.ts';
import { mapInvoice } from '../../documents/invoice-mapper.ts';
import { mapOrderChange } from '../../documents/order-change-mapper.ts';
import { mapOrderResponse } from '../../documents/order-response-mapper.ts';
import { mapReceipt } from '../../documents/receipt-mapper.ts';
import { SENDER_ROLE } from '../../documents/ubl-vocabulary.ts';
import type { OrderAction } from '../../domain/order-actions.ts';
import { readActionPayload } from '../../network/action-payload.ts';
import { despatchIdOf, invoiceIdOf } from '../../network/derived-id.ts';
import type { EnvelopeFields } from '../../network/envelope.ts';
import type { Repositories } from '../../storage/store.ts';
import type { PartnerMessage } from '../orders/partner-channel.ts';

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

/** Checks that `doc` is about `copy` and comes from the party in the sender's role on it. */
function checkSubject(copy: Order, doc: ReadDocument, orderNumber: string | null, senderRole: Role): void {
  const expected = SENDER_ROLE[doc.documentType];
  if (expected !== 'either' && expected !== senderRole)
    throw new DomainError(
      'transition_not_allowed',
      `a ${doc.documentType} is sent by the ${expected}, but the sender is the ${senderRole} of order ${copy.number}`,
    );
  if (orderNumber !== null && orderNumber !== copy.number)
    throw new DomainError(
      'validation_failed',
      `${doc.documentType} ${doc.documentId} is about order ${orderNumber}, but it was sent in the conversation of order ${copy.number}`,
      { field: 'cac:OrderReference/cbc:ID' },
    );
}

/** The order action a UBL document states about the receiver's copy (null: nothing to change). */
function actionOf(copy: Order, doc: ReadDocument, fields: EnvelopeFields): OrderAction | null {
  switch (doc.documentType) {
    case 'Order': {
      // SCSN "Changed": the whole order again; what differs from the copy is the change.
      const mapped = mapOrderChange(copy, doc.changes, { reason: doc.order.note ?? null, complete: true });
      return mapped.input && { type: 'change', ...mapped.input };
    }
    case 'OrderResponse':
    case 'OrderResponseAdvanced':
    case 'OrderAgreement': {
      const mapped = mapOrderResponse(copy, doc);
      return mapped.answers.length ? { type: 'respond', answers: mapped.answers } : null;
    }
    case 'OrderChange': {
      const mapped = mapOrderChange(copy, doc.changes, { reason: doc.reason, complete: false });
      return mapped.input && { type: 'change', ...mapped.input };
    }
    case 'OrderCancellation':
      return { type: 'cancel', reason: doc.reason };
    case 'DespatchAdvice': {
      // A despatch may cover several orders: this conversation is about one of them.
      const lines = doc.lines.filter((l) => l.orderNumber === copy.number);
      if (!lines.length)
        throw new DomainError(
          'validation_failed',
          `DespatchAdvice ${doc.documentId} has no line of order ${copy.number}`,
          { field: 'cac:DespatchLine' },
        );
      const mapped = mapDespatch({ ...doc, lines }, new Map([[copy.number, copy]]));
      const despatch = { id: despatchIdOf(fields.sender, mapped.number), number: mapped.number };
      return { type: 'ship', despatch, lines: mapped.lines };
    }
    case 'ReceiptAdvice': {
      const mapped = mapReceipt(
        copy,
        doc.lines.filter((l) => l.orderNumber === copy.number),
      );
      return { type: 'receive', lines: mapped.lines };
    }
    case 'Invoice': {
      const mapped = mapInvoice(copy, doc);
      return { type: 'invoice', invoiceId: invoiceIdOf(copy.id, mapped.input.number), invoice: mapped.input };
    }
    case 'CreditNote':
    case 'MessageLevelResponse':
      return null;
  }
}

/** The order number a document names, when it names one. */
function orderNumberOf(doc: ReadDocument): string | null {
  switch (doc.documentType) {
    case 'Order':
      return doc.order.number;
    case 'OrderResponse':
    case 'OrderResponseAdvanced':
    case 'OrderAgreement':
    case 'OrderChange':
    case 'OrderCancellation':
      return doc.orderNumber;
    case 'Invoice':
    case 'CreditNote':
      return doc.orderNumber;
    default:
      return null;
  }
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
  checkSubject(copy, doc, orderNumberOf(doc), senderRole);
  const action = actionOf(copy, doc, fields);
  if (!action) return { message: null, orderId: copy.id, summary: { action: 'recorded' } };
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
    summary: { action: action.type },
  };
}
