// Applies a read document from the company's own system to the orders it names, inside the import's
// transaction: the order is found by its number and the partner the document names, and what the
// document does to it comes from the one map of documents to order actions (document-actions.ts),
// which documents from partners go through too. The action runs through the order use cases the API
// uses; a CreditNote or MessageLevelResponse is recorded without changing an order.
import { primaryIdentifier, type Company } from '../../domain/company-types.ts';
import { DomainError } from '../../domain/errors.ts';
import { parseIdentifier } from '../../domain/identifiers.ts';
import { partnerOf, type Order } from '../../domain/order-types.ts';
import type {
  DespatchAdviceDocument,
  InvoiceDocument,
  MessageLevelResponseDocument,
  OrderDocument,
  ReadDocument,
} from '../../documents/document-model.ts';
import { describeIdentifiers } from '../../documents/party-reader.ts';
import { SENDER_ROLE } from '../../documents/ubl-vocabulary.ts';
import type { Repositories } from '../../storage/store.ts';
import type { Caller, Deps } from '../deps.ts';
import { actOnOrder, issueOrder, shipGoods, type DespatchInput } from '../orders/index.ts';
import { orderEffectOf, orderNumbersOf, type ActingDocument } from './document-actions.ts';
import { locatedIn } from './document-error-location.ts';
import { findDocumentOrder } from './document-order-lookup.ts';
import { findPartyCompany, matchParty } from './match-party.ts';

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
  return actOnNamedOrders(deps, tx, caller, doc, documentId);
}

/**
 * A despatch may cover lines of several orders: one despatch, shipped on each order atomically (the
 * seller's despatch record names them all).
 */
async function applyDespatch(
  deps: Deps,
  tx: Repositories,
  caller: Caller,
  doc: DespatchAdviceDocument,
  documentId: string,
): Promise<Applied> {
  const lines: DespatchInput['lines'] = [];
  const paths: string[] = [];
  // The action's despatch id is the use case's to derive: shipGoods sets it.
  const despatch = { id: '', number: doc.documentId };
  for (const number of orderNumbersOf(doc)) {
    const order = await findDocumentOrder(tx, caller.companyId, 'seller', number, doc.buyer);
    const effect = orderEffectOf(doc, order, despatch);
    if (effect.action?.type !== 'ship') continue;
    lines.push(...effect.action.lines.map((l) => ({ ...l, orderId: order.id })));
    paths.push(...(effect.paths.lines ?? []));
  }
  const result = await locatedIn({ lines: paths }, () =>
    shipGoods(deps, caller, { number: doc.documentId, date: doc.despatchDate, lines }, documentId),
  );
  return applied(result.orders, result.orders[0]?.buyer.companyId ?? null, {
    action: 'shipped',
    despatchId: result.despatchId,
    lines: lines.length,
  });
}

/**
 * Every other document that changes orders: per order it names, the effect from the map, applied as the
 * caller's action on its copy. A document that changes nothing is recorded.
 */
async function actOnNamedOrders(
  deps: Deps,
  tx: Repositories,
  caller: Caller,
  doc: ActingDocument,
  documentId: string,
): Promise<Applied> {
  const role = SENDER_ROLE[doc.documentType] === 'buyer' ? 'buyer' : 'seller';
  const partnerRef = doc.documentType === 'ReceiptAdvice' ? doc.seller : doc.receiver;
  const found: Order[] = [];
  const done: Order[] = [];
  const summaries: Record<string, unknown>[] = [];
  for (const number of orderNumbersOf(doc)) {
    const order = await findDocumentOrder(tx, caller.companyId, role, number, partnerRef);
    found.push(order);
    const effect = orderEffectOf(doc, order, { id: '', number: doc.documentId });
    summaries.push(effect.summary);
    const action = effect.action;
    if (!action) continue;
    done.push(
      await locatedIn(effect.paths, () => actOnOrder(deps, caller, order.id, action, { documentId })),
    );
  }
  const partner = found[0] ? partnerOf(found[0]).companyId : null;
  if (done.length === 0)
    return {
      status: 'recorded',
      orderIds: found.map((o) => o.id),
      partnerCompanyId: partner,
      summary: summaries[0] ?? {},
    };
  return applied(done, partner, mergeSummaries(summaries));
}

/** One summary for a document over several orders: counts add up (a receipt's lines per order). */
function mergeSummaries(summaries: Record<string, unknown>[]): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...summaries[0] };
  for (const s of summaries.slice(1))
    for (const [k, v] of Object.entries(s))
      if (typeof v === 'number' && typeof merged[k] === 'number') merged[k] = merged[k] + v;
  return merged;
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
  const effect = orderEffectOf(doc, order, { id: '', number: doc.documentId });
  const action = effect.action!;
  const invoiced = await locatedIn(effect.paths, () =>
    actOnOrder(deps, caller, order.id, action, { documentId }),
  );
  const invoice = invoiced.invoices.find((i) => i.number === doc.documentId);
  return applied([invoiced], order.buyer.companyId, { ...effect.summary, match: invoice?.status });
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
    case 'DespatchAdvice':
      return applyDespatch(deps, tx, caller, doc, documentId);
    case 'Invoice':
    case 'CreditNote':
      return applyInvoice(deps, tx, caller, doc, documentId);
    case 'MessageLevelResponse':
      return applyMessageLevelResponse(tx, caller, doc, documentId);
    default:
      return actOnNamedOrders(deps, tx, caller, doc, documentId);
  }
}
