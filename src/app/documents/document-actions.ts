// What a UBL document does to an order: the one map both directions use, for documents a company's
// own system hands its node (apply-document.ts) and for documents a partner's node sends (app/exchange,
// received-payload.ts); and its reverse, the document each order action travels as.
//
//   document                                     order action   sent by
//   Order (new)                                  issue          buyer
//   Order (SCSN "Changed": the whole order)      change         buyer
//   OrderResponse, …Advanced, OrderAgreement     respond        seller
//   OrderChange                                  change         buyer
//   OrderCancellation                            cancel         buyer
//   DespatchAdvice                               ship           seller   (may cover several orders)
//   ReceiptAdvice                                receive        buyer    (may cover several orders)
//   Invoice                                      invoice        seller
//   CreditNote, MessageLevelResponse             none: recorded, no order changes
//   decide, reopen, reportProduction, decideInvoice have no UBL counterpart (SchakelOrderAction)
//
// The two directions differ only where the exchange makes them differ: a company's own document names
// its partner by party identifiers, so the order is found by number and party; a partner's document
// arrives in the envelope of one order's conversation, so the order is that conversation's, and a
// despatch or receipt covering several orders is read for that order's lines only.
import { DomainError } from '../../domain/errors.ts';
import type { OrderAction, OrderActionType } from '../../domain/order-actions.ts';
import type { Order, Role } from '../../domain/order-types.ts';
import type { ReadDocument } from '../../documents/document-model.ts';
import { mapDespatch } from '../../documents/despatch-mapper.ts';
import { mapInvoice } from '../../documents/invoice-mapper.ts';
import { mapOrderChange } from '../../documents/order-change-mapper.ts';
import { mapOrderResponse } from '../../documents/order-response-mapper.ts';
import { mapReceipt } from '../../documents/receipt-mapper.ts';
import { SENDER_ROLE, type OrderExportType } from '../../documents/ubl-vocabulary.ts';
import { invoiceIdOf } from '../../network/derived-id.ts';

/** The UBL document each order action travels as; the others travel as a SchakelOrderAction. */
export const ACTION_DOCUMENT: Partial<Record<OrderActionType, OrderExportType>> = {
  respond: 'OrderResponse',
  change: 'OrderChange',
  cancel: 'OrderCancellation',
  ship: 'DespatchAdvice',
  receive: 'ReceiptAdvice',
  invoice: 'Invoice',
};

/** The documents that change an existing order (a new Order issues one; the rest change none). */
export type ActingDocument = Exclude<ReadDocument, { documentType: 'CreditNote' | 'MessageLevelResponse' }>;

/** Whether `doc` changes an existing order (a new Order, a CreditNote and an MLR do not). */
export const actsOnOrder = (doc: ReadDocument): doc is ActingDocument =>
  doc.documentType !== 'CreditNote' &&
  doc.documentType !== 'MessageLevelResponse' &&
  !(doc.documentType === 'Order' && doc.orderType === 'new');

/** What a document does to one order it names. */
export interface OrderEffect {
  /** The action to apply; null when the document states nothing new (it is recorded only). */
  action: OrderAction | null;
  /** Where each item of the action's input is in the document: `answers[2]` → an XPath. */
  paths: Record<string, string[]>;
  /** What the document came to, for its record (`{ action: 'answered', accepted: 2, … }`). */
  summary: Record<string, unknown>;
}

/** The order numbers a document names (a despatch or receipt may name several; an MLR none). */
export function orderNumbersOf(doc: ReadDocument): string[] {
  switch (doc.documentType) {
    case 'Order':
      return [doc.order.number];
    case 'DespatchAdvice':
    case 'ReceiptAdvice':
      return [...new Set(doc.lines.map((l) => l.orderNumber))];
    case 'MessageLevelResponse':
      return [];
    default:
      return doc.orderNumber ? [doc.orderNumber] : [];
  }
}

const counts = (paths: Record<string, string[]>): Record<string, number> =>
  Object.fromEntries(Object.entries(paths).map(([k, v]) => [k, v.length]));

/**
 * What `doc` does to `order`, one of the orders it names: the same for either company's copy, since the
 * copies agree. A despatch's action carries `despatch` as given (its id is derived from the seller and
 * the number, see network/derived-id.ts); an invoice's id is derived from the order and its number.
 */
export function orderEffectOf(
  doc: ActingDocument,
  order: Order,
  despatch: { id: string; number: string },
): OrderEffect {
  switch (doc.documentType) {
    case 'Order':
    case 'OrderChange': {
      // SCSN "Changed" sends the whole order again: what differs from the order is the change.
      const complete = doc.documentType === 'Order';
      const reason = doc.documentType === 'Order' ? (doc.order.note ?? null) : doc.reason;
      const mapped = mapOrderChange(order, doc.changes, { reason, complete });
      if (!mapped.input) return { action: null, paths: {}, summary: { action: 'unchanged' } };
      return {
        action: { type: 'change', ...mapped.input },
        paths: mapped.paths,
        summary: { action: 'changed', ...counts(mapped.paths) },
      };
    }
    case 'OrderResponse':
    case 'OrderResponseAdvanced':
    case 'OrderAgreement': {
      const mapped = mapOrderResponse(order, doc);
      if (mapped.answers.length === 0)
        return { action: null, paths: {}, summary: { action: 'acknowledged', code: doc.responseCode } };
      const byAnswer = (a: string): number => mapped.answers.filter((x) => x.answer === a).length;
      return {
        action: { type: 'respond', answers: mapped.answers },
        paths: { answers: mapped.paths },
        summary: {
          action: 'answered',
          code: doc.responseCode,
          accepted: byAnswer('accept'),
          rejected: byAnswer('reject'),
          proposed: byAnswer('propose'),
        },
      };
    }
    case 'OrderCancellation':
      return { action: { type: 'cancel', reason: doc.reason }, paths: {}, summary: { action: 'cancelled' } };
    case 'DespatchAdvice': {
      const lines = doc.lines.filter((l) => l.orderNumber === order.number);
      if (!lines.length)
        throw new DomainError(
          'validation_failed',
          `DespatchAdvice ${doc.documentId} has no line of order ${order.number}`,
          { field: 'cac:DespatchLine' },
        );
      const mapped = mapDespatch({ ...doc, lines }, new Map([[order.number, order]]));
      return {
        action: { type: 'ship', despatch, lines: mapped.lines },
        paths: { lines: mapped.paths },
        summary: { action: 'shipped', despatchId: despatch.id, lines: mapped.lines.length },
      };
    }
    case 'ReceiptAdvice': {
      const lines = doc.lines.filter((l) => l.orderNumber === order.number);
      const mapped = mapReceipt(order, lines);
      return {
        action: { type: 'receive', lines: mapped.lines },
        paths: { lines: mapped.paths },
        summary: { action: 'received', lines: lines.length },
      };
    }
    case 'Invoice': {
      const mapped = mapInvoice(order, doc);
      const invoiceId = invoiceIdOf(order.id, mapped.input.number);
      return {
        action: { type: 'invoice', invoiceId, invoice: mapped.input },
        paths: { lines: mapped.paths },
        summary: { action: 'invoiced', invoiceId },
      };
    }
    default:
      throw new Error(`unreachable: ${(doc as ReadDocument).documentType} changes no order`);
  }
}

/**
 * Checks that a document received in the conversation of `order` is about that order and comes from
 * the party in the sender's role on it (the role the standard gives the document's sender).
 */
export function checkDocumentSubject(doc: ReadDocument, order: Order, senderRole: Role): void {
  const expected = SENDER_ROLE[doc.documentType];
  if (expected !== 'either' && expected !== senderRole)
    throw new DomainError(
      'transition_not_allowed',
      `a ${doc.documentType} is sent by the ${expected}, but the sender is the ${senderRole} of order ${order.number}`,
    );
  const named =
    doc.documentType === 'DespatchAdvice' || doc.documentType === 'ReceiptAdvice' ? [] : orderNumbersOf(doc);
  const other = named.find((n) => n !== order.number);
  if (other !== undefined)
    throw new DomainError(
      'validation_failed',
      `${doc.documentType} ${doc.documentId} is about order ${other}, but it was sent in the conversation of order ${order.number}`,
      { field: 'cac:OrderReference/cbc:ID' },
    );
}
