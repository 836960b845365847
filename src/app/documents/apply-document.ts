// Applies a read document to the orders it is about, through the same use cases the API uses, inside
// the import's transaction. Each document type maps to one action (see docs/documents.md):
// Order → issue (SCSN Changed → change), OrderResponse/Advanced/Agreement → respond, OrderChange →
// change, OrderCancellation → cancel, DespatchAdvice → ship, ReceiptAdvice → receive, Invoice →
// invoice; CreditNote and MessageLevelResponse are recorded without changing an order.
import { primaryIdentifier, type Company } from '../../domain/company-types.ts';
import { DomainError } from '../../domain/errors.ts';
import { parseIdentifier } from '../../domain/identifiers.ts';
import type { Order } from '../../domain/order-types.ts';
import type {
  DespatchAdviceDocument,
  InvoiceDocument,
  MessageLevelResponseDocument,
  OrderDocument,
  ReadDocument,
  ReceiptAdviceDocument,
} from '../../documents/document-model.ts';
import { mapDespatch } from '../../documents/despatch-mapper.ts';
import { describeIdentifiers } from '../../documents/party-reader.ts';
import { mapInvoice } from '../../documents/invoice-mapper.ts';
import { mapOrderChange } from '../../documents/order-change-mapper.ts';
import { mapOrderResponse } from '../../documents/order-response-mapper.ts';
import { mapReceipt } from '../../documents/receipt-mapper.ts';
import type { Repositories } from '../../storage/store.ts';
import { cancelOrder } from '../orders/cancel-order.ts';
import { changeOrder } from '../orders/change-order.ts';
import type { Caller, Deps } from '../deps.ts';
import { locatedIn } from './document-error-location.ts';
import { findDocumentOrder } from './document-order-lookup.ts';
import { issueOrder } from '../orders/issue-order.ts';
import { findPartyCompany, matchParty } from './match-party.ts';
import { receiveGoods } from '../orders/receive-goods.ts';
import { respondToLines } from '../orders/respond-to-lines.ts';
import { shipGoods } from '../orders/ship-goods.ts';
import { submitInvoice } from '../orders/submit-invoice.ts';

export interface Applied {
  /** processed: applied to orders; recorded: kept, no order changed. */
  status: 'processed' | 'recorded';
  orderIds: string[];
  /** The company the document is for, when it is hosted on this node. */
  partnerCompanyId: string | null;
  summary: Record<string, unknown>;
}

const applied = (orders: Order[], partner: string | null, summary: Record<string, unknown>): Applied => ({
  status: 'processed',
  orderIds: orders.map((o) => o.id),
  partnerCompanyId: partner,
  summary,
});

/** The identifier to issue an order to: the primary one, else the first the identifier rules accept. */
function orderableIdentifier(company: Company): string {
  const texts = [primaryIdentifier(company), ...company.identifiers.map((i) => `${i.scheme}:${i.value}`)];
  return (
    texts.find((t) => {
      try {
        parseIdentifier(t);
        return true;
      } catch {
        return false;
      }
    }) ?? texts[0]!
  );
}

async function applyOrder(
  deps: Deps,
  tx: Repositories,
  caller: Caller,
  doc: OrderDocument,
  documentId: string,
): Promise<Applied> {
  if (doc.orderType === 'new') {
    const seller = await matchParty(tx, doc.receiver!);
    // Some official examples (Peppol ordering UC2) name the buyer's identifiers for the seller too.
    if (seller.id === caller.companyId) {
      throw new DomainError(
        'validation_failed',
        `the seller at ${doc.receiver!.path} has the buyer's own identifiers (${describeIdentifiers(doc.receiver!)}): an order in Schakel needs two companies, so the seller must be another company than the buyer`,
        { field: doc.receiver!.path },
      );
    }
    const order = await locatedIn(
      { lines: doc.order.lines.map((_, i) => doc.locate(`lines[${i}]`) ?? '') },
      () => issueOrder(deps, caller, { ...doc.order, seller: orderableIdentifier(seller) }, documentId),
    );
    return applied([order], seller.id, { action: 'issued', lines: order.lines.length });
  }
  // SCSN "Changed": the whole order again; what differs from the current order is the change.
  const order = await findDocumentOrder(tx, caller.companyId, 'buyer', doc.order.number, doc.receiver);
  const mapped = mapOrderChange(order, doc.changes, { reason: doc.order.note ?? null, complete: true });
  if (!mapped.input)
    return {
      status: 'recorded',
      orderIds: [order.id],
      partnerCompanyId: order.seller.companyId,
      summary: { action: 'unchanged' },
    };
  const changed = await locatedIn(mapped.paths, () =>
    changeOrder(deps, caller, order.id, mapped.input!, { documentId }),
  );
  return applied([changed], order.seller.companyId, { action: 'changed', ...counts(mapped.paths) });
}

const counts = (paths: Record<string, string[]>): Record<string, number> =>
  Object.fromEntries(Object.entries(paths).map(([k, v]) => [k, v.length]));

async function applyDespatch(
  deps: Deps,
  tx: Repositories,
  caller: Caller,
  doc: DespatchAdviceDocument,
  documentId: string,
): Promise<Applied> {
  const orders = new Map<string, Order>();
  for (const number of new Set(doc.lines.map((l) => l.orderNumber))) {
    orders.set(number, await findDocumentOrder(tx, caller.companyId, 'seller', number, doc.buyer));
  }
  const mapped = mapDespatch(doc, orders);
  const result = await locatedIn({ lines: mapped.paths }, () =>
    shipGoods(deps, caller, { number: mapped.number, date: mapped.date, lines: mapped.lines }, documentId),
  );
  return applied(result.orders, result.orders[0]?.buyer.companyId ?? null, {
    action: 'shipped',
    despatchId: result.despatchId,
    lines: mapped.lines.length,
  });
}

async function applyReceipt(
  deps: Deps,
  tx: Repositories,
  caller: Caller,
  doc: ReceiptAdviceDocument,
  documentId: string,
): Promise<Applied> {
  const done: Order[] = [];
  for (const number of new Set(doc.lines.map((l) => l.orderNumber))) {
    const order = await findDocumentOrder(tx, caller.companyId, 'buyer', number, doc.seller);
    const mapped = mapReceipt(
      order,
      doc.lines.filter((l) => l.orderNumber === number),
    );
    done.push(
      await locatedIn({ lines: mapped.paths }, () =>
        receiveGoods(deps, caller, order.id, mapped.lines, { documentId }),
      ),
    );
  }
  return applied(done, done[0]?.seller.companyId ?? null, { action: 'received', lines: doc.lines.length });
}

async function applyInvoice(
  deps: Deps,
  tx: Repositories,
  caller: Caller,
  doc: InvoiceDocument,
  documentId: string,
): Promise<Applied> {
  if (doc.documentType === 'CreditNote') {
    // The order model has no credit notes: the document is kept and linked to what it credits.
    const ids = new Set<string>();
    if (doc.orderNumber) {
      for (const o of await tx.documents.findOrders(caller.companyId, 'seller', doc.orderNumber))
        ids.add(o.id);
    }
    for (const invoice of doc.creditedInvoices)
      for (const id of await tx.documents.findOrdersByInvoice(caller.companyId, invoice)) ids.add(id);
    const partner = doc.receiver ? await findPartyCompany(tx, doc.receiver) : null;
    return {
      status: 'recorded',
      orderIds: [...ids],
      partnerCompanyId: partner?.id ?? null,
      summary: { action: 'credit_note_recorded', credits: doc.creditedInvoices },
    };
  }
  const order = await findInvoicedOrder(tx, caller, doc);
  const mapped = mapInvoice(order, doc);
  const invoiced = await locatedIn({ lines: mapped.paths }, () =>
    submitInvoice(deps, caller, order.id, mapped.input, { documentId }),
  );
  const invoice = invoiced.invoices.find((i) => i.number === doc.documentId);
  return applied([invoiced], order.buyer.companyId, {
    action: 'invoiced',
    invoiceId: invoice?.id,
    match: invoice?.status,
  });
}

/**
 * The order an invoice bills. An invoice without an order reference is refused rather than kept without
 * an order: the buyer's tasks come from orders, so an unlinked invoice would wait for nobody.
 */
async function findInvoicedOrder(tx: Repositories, caller: Caller, doc: InvoiceDocument): Promise<Order> {
  try {
    return await findDocumentOrder(tx, caller.companyId, 'seller', doc.orderNumber!, doc.receiver);
  } catch (e) {
    if (!(e instanceof DomainError) || e.code !== 'not_found' || doc.orderNumberFrom !== 'BuyerReference')
      throw e;
    // BT-10 often holds a cost centre or a person rather than the order number: say exactly what is missing.
    throw new DomainError(
      'not_found',
      `Invoice ${doc.documentId} has no cac:OrderReference/cbc:ID and its cbc:BuyerReference ${doc.orderNumber} is not the number of a sales order${doc.receiver ? ` for the ${doc.receiver.label}` : ''}; Schakel needs the buyer's order number (cac:OrderReference/cbc:ID) to match the invoice`,
      { field: 'cac:OrderReference/cbc:ID', number: doc.orderNumber },
    );
  }
}

async function applyMessageLevelResponse(
  tx: Repositories,
  caller: Caller,
  doc: MessageLevelResponseDocument,
  documentId: string,
): Promise<Applied> {
  // A technical response changes no order; it is attached to the document it answers, when this node has it.
  const [answered] = await tx.documents.findReceived(caller.companyId, doc.referencedId);
  if (answered) {
    await tx.documents.setPartnerResponse(answered.id, {
      code: doc.responseCode,
      description: doc.description,
      documentId,
      issues: doc.issues,
    });
  }
  const partner =
    answered?.partnerCompanyId ??
    (doc.receiver ? (await findPartyCompany(tx, doc.receiver))?.id : null) ??
    null;
  return {
    status: 'recorded',
    orderIds: answered?.orderIds ?? [],
    partnerCompanyId: partner,
    summary: {
      action: 'response_recorded',
      code: doc.responseCode,
      respondsTo: answered?.id ?? null,
      referencedId: doc.referencedId,
    },
  };
}

/** Applies `doc`, sent by the caller's company, as document `documentId`; `deps` must run inside `tx`. */
export async function applyDocument(
  deps: Deps,
  tx: Repositories,
  caller: Caller,
  doc: ReadDocument,
  documentId: string,
): Promise<Applied> {
  switch (doc.documentType) {
    case 'Order':
      return applyOrder(deps, tx, caller, doc, documentId);
    case 'OrderResponse':
    case 'OrderResponseAdvanced':
    case 'OrderAgreement': {
      const order = await findDocumentOrder(tx, caller.companyId, 'seller', doc.orderNumber, doc.receiver);
      const mapped = mapOrderResponse(order, doc);
      if (mapped.answers.length === 0) {
        return {
          status: 'recorded',
          orderIds: [order.id],
          partnerCompanyId: order.buyer.companyId,
          summary: { action: 'acknowledged', code: doc.responseCode },
        };
      }
      const answered = await locatedIn({ answers: mapped.paths }, () =>
        respondToLines(deps, caller, order.id, mapped.answers, { documentId }),
      );
      const byAnswer = (a: string): number => mapped.answers.filter((x) => x.answer === a).length;
      return applied([answered], order.buyer.companyId, {
        action: 'answered',
        code: doc.responseCode,
        accepted: byAnswer('accept'),
        rejected: byAnswer('reject'),
        proposed: byAnswer('propose'),
      });
    }
    case 'OrderChange': {
      const order = await findDocumentOrder(tx, caller.companyId, 'buyer', doc.orderNumber, doc.receiver);
      const mapped = mapOrderChange(order, doc.changes, { reason: doc.reason, complete: false });
      if (!mapped.input)
        return {
          status: 'recorded',
          orderIds: [order.id],
          partnerCompanyId: order.seller.companyId,
          summary: { action: 'unchanged' },
        };
      const changed = await locatedIn(mapped.paths, () =>
        changeOrder(deps, caller, order.id, mapped.input!, { documentId }),
      );
      return applied([changed], order.seller.companyId, { action: 'changed', ...counts(mapped.paths) });
    }
    case 'OrderCancellation': {
      const order = await findDocumentOrder(tx, caller.companyId, 'buyer', doc.orderNumber, doc.receiver);
      const cancelled = await cancelOrder(deps, caller, order.id, doc.reason, { documentId });
      return applied([cancelled], order.seller.companyId, { action: 'cancelled' });
    }
    case 'DespatchAdvice':
      return applyDespatch(deps, tx, caller, doc, documentId);
    case 'ReceiptAdvice':
      return applyReceipt(deps, tx, caller, doc, documentId);
    case 'Invoice':
    case 'CreditNote':
      return applyInvoice(deps, tx, caller, doc, documentId);
    case 'MessageLevelResponse':
      return applyMessageLevelResponse(tx, caller, doc, documentId);
  }
}
