// Use case: the current state of an order as a UBL document (Order, OrderResponse, OrderChange,
// OrderCancellation, DespatchAdvice, ReceiptAdvice, Invoice …), for the caller's own copy. What the
// node writes must pass its own validator: an export with fatal findings is refused with them.
import { requirePermission, type Company } from '../../domain/company-types.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import type { OrderEvent } from '../../domain/order-events.ts';
import type { Order, PartyInfo } from '../../domain/order-types.ts';
import { defaultProfile, writeDocument } from '../../documents/document-writer.ts';
import type { ExportParty } from '../../documents/ubl-writing.ts';
import { ORDER_EXPORT_TYPES, type OrderExportType, type Profile } from '../../documents/ubl-vocabulary.ts';
import { parseAndValidate, type CheckedDocument } from '../../documents/validate-document.ts';
import { parseXml } from '../../documents/xml-parser.ts';
import type { XmlElement } from '../../documents/xml-tree.ts';
import type { Finding } from '../../documents/validation-types.ts';
import type { Caller, Deps } from '../deps.ts';

export interface ExportOptions {
  type: OrderExportType;
  profile?: Profile | undefined;
  /** Despatch or invoice number (the latest when absent). */
  ref?: string | undefined;
  /** A ReceiptAdvice of only the receipt recorded at this instant (sent to a partner's node). */
  receiptAt?: string | undefined;
  /** VAT for invoices as CATEGORY:PERCENT, e.g. S:21, Z:0, AE:0, O. */
  vat?: string | undefined;
}

export interface ExportedDocument {
  documentType: OrderExportType;
  profile: Profile;
  orderId: string;
  fileName: string;
  xml: string;
  /** Non-fatal findings of the validator on the written document. */
  findings: Finding[];
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function exportParty(company: Company | null, info: PartyInfo): ExportParty {
  if (!company) {
    const at = info.identifier.indexOf(':');
    return {
      name: info.name,
      identifiers: [{ scheme: info.identifier.slice(0, at), value: info.identifier.slice(at + 1) }],
      city: null,
      country: null,
    };
  }
  const ids = [...company.identifiers].sort((a, b) => Number(b.primary) - Number(a.primary));
  return {
    name: company.name,
    identifiers: ids.map(({ scheme, value }) => ({ scheme, value })),
    city: company.city,
    country: company.country,
  };
}

function parseVat(vat: string | undefined): { category: string; percent: string } | undefined {
  if (!vat) return undefined;
  const m = /^([A-Z]{1,2})(?::(\d{1,2}(?:\.\d{1,2})?))?$/.exec(vat.trim().toUpperCase());
  if (!m)
    throw new DomainError(
      'validation_failed',
      `vat must be written CATEGORY:PERCENT, e.g. S:21, Z:0 or O (got ${JSON.stringify(vat)})`,
      { field: 'vat' },
    );
  return { category: m[1]!, percent: m[2] ?? '0' };
}

/** The original document of an invoice on the order, when the node received the invoice as one. */
async function invoiceSource(
  deps: Deps,
  caller: Caller,
  order: Order,
  events: { type: string; data: Record<string, unknown>; documentId: string | null }[],
  ref: string | undefined,
): Promise<XmlElement | null> {
  const invoice = ref ? order.invoices.find((i) => i.number === ref || i.id === ref) : order.invoices.at(-1);
  const documentId =
    invoice &&
    events.find((e) => e.type === 'invoice.received' && e.data.invoiceId === invoice.id)?.documentId;
  const content = documentId ? await deps.store.documents.content(caller.companyId, documentId) : null;
  return content ? parseXml(content) : null;
}

/** An order of the caller by id or by number (a number two partners used is ambiguous). */
export async function resolveOrder(deps: Deps, caller: Caller, ref: string): Promise<Order> {
  if (UUID_RE.test(ref)) {
    const order = await deps.store.orders.get(caller.companyId, ref);
    if (order) return order;
  }
  const matches = [
    ...(await deps.store.documents.findOrders(caller.companyId, 'buyer', ref)),
    ...(await deps.store.documents.findOrders(caller.companyId, 'seller', ref)),
  ];
  if (matches.length > 1) {
    throw new DomainError(
      'conflict',
      `order number ${ref} is used by ${matches.length} of your orders; give the order id instead`,
      { field: 'order' },
    );
  }
  const order = matches[0] && (await deps.store.orders.get(caller.companyId, matches[0].id));
  if (!order) throw notFound('order', ref);
  return order;
}

export async function exportOrderDocument(
  deps: Deps,
  caller: Caller,
  orderRef: string,
  options: ExportOptions,
): Promise<ExportedDocument> {
  requirePermission(caller.role, 'read');
  if (!ORDER_EXPORT_TYPES.includes(options.type)) {
    throw new DomainError('validation_failed', `type must be one of ${ORDER_EXPORT_TYPES.join(', ')}`, {
      field: 'type',
    });
  }
  return exportLoadedOrder(deps, caller, await resolveOrder(deps, caller, orderRef), options);
}

/** The same for an order copy of the caller already loaded. */
export async function exportLoadedOrder(
  deps: Deps,
  caller: Caller,
  order: Order,
  options: ExportOptions,
): Promise<ExportedDocument> {
  return (await writeOrderDocument(deps, caller, order, options)).document;
}

/**
 * Writes and checks the document of an order copy already loaded, and hands back the tree the check
 * parsed: the network channel sends the bytes, and a partner on this node reads that tree instead of
 * parsing and validating the same bytes again.
 */
export async function writeOrderDocument(
  deps: Deps,
  caller: Caller,
  order: Order,
  options: ExportOptions,
  /** The order's history when the caller has it at hand (a new order's, not yet worth reading back). */
  history?: OrderEvent[],
): Promise<{ document: ExportedDocument; checked: CheckedDocument }> {
  const [buyer, seller, events] = await Promise.all([
    deps.store.companies.get(order.buyer.companyId),
    deps.store.companies.get(order.seller.companyId),
    history ?? deps.store.orders.events(caller.companyId, order.id),
  ]);
  const profile = options.profile ?? defaultProfile(options.type);
  const despatch =
    options.type === 'DespatchAdvice'
      ? (options.ref ?? events.filter((e) => e.type === 'goods.shipped').at(-1)?.data.despatchNumber)
      : undefined;
  const xml = writeDocument(options.type, {
    order,
    buyer: exportParty(buyer, order.buyer),
    seller: exportParty(seller, order.seller),
    profile,
    today: deps.now().toISOString().slice(0, 10),
    events,
    ref: options.ref,
    receiptAt: options.receiptAt,
    vat: parseVat(options.vat),
    invoiceSource:
      options.type === 'Invoice' ? await invoiceSource(deps, caller, order, events, options.ref) : null,
    despatchDate:
      typeof despatch === 'string' && order.role === 'seller'
        ? await deps.store.documents.despatchDate(caller.companyId, despatch)
        : null,
  });
  const { validation, root } = parseAndValidate(xml);
  if (!validation.valid || !root) {
    const fatal = validation.findings.filter((f) => f.severity === 'fatal');
    throw new DomainError(
      'validation_failed',
      `the ${options.type} of order ${order.number} would not pass validation (${fatal.length} fatal finding${fatal.length === 1 ? '' : 's'}, first ${fatal[0]?.rule}: ${fatal[0]?.message.en})`,
      { findings: validation.findings },
    );
  }
  const document: ExportedDocument = {
    documentType: options.type,
    profile,
    orderId: order.id,
    fileName: `${options.type}-${order.number.replace(/[^\w.-]+/g, '_')}.xml`,
    xml,
    findings: validation.findings,
  };
  return { document, checked: { validation, root } };
}
