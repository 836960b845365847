// The round trip of one document: import it into a node whose companies come from the document's
// parties (with the order it refers to seeded), export the same document type from the resulting
// state, and import that export into a second, identically prepared node. Both nodes must then hold
// the same order content.
import type { Order } from '../../../src/domain/order-types.ts';
import { detectDocument } from '../../../src/documents/document-detection.ts';
import { EXPORT_PROFILES } from '../../../src/documents/document-writer.ts';
import {
  ORDER_EXPORT_TYPES,
  type OrderExportType,
  type Profile,
} from '../../../src/documents/ubl-vocabulary.ts';
import { parseXml } from '../../../src/documents/xml-parser.ts';
import {
  adminOf,
  createDocumentNode,
  registerParties,
  seedOrderFor,
  senderCompany,
  type DocumentNode,
} from './document-node.ts';

/** The content of an order copy without what is local to a node (ids, versions, timestamps). */
export function orderContent(order: Order) {
  return {
    role: order.role,
    number: order.number,
    issueDate: order.issueDate,
    currency: order.currency,
    buyer: { name: order.buyer.name, identifier: order.buyer.identifier },
    seller: { name: order.seller.name, identifier: order.seller.identifier },
    deliveryLocation: order.deliveryLocation,
    note: order.note,
    lines: order.lines.map((l) => ({
      lineId: l.lineId,
      state: l.state,
      item: l.item,
      unitCode: l.unitCode,
      requested: l.requested,
      agreed: l.agreed,
      proposal: l.proposal && {
        terms: l.proposal.terms,
        note: l.proposal.note,
        substitute: l.proposal.substitute ?? null,
      },
      reason: l.reason,
      progress: l.progress,
      invoiced: l.invoiced,
      note: l.note,
    })),
    invoices: order.invoices.map(({ id: _id, ...rest }) => rest),
  };
}

export interface Prepared {
  node: DocumentNode;
  /** The company that sends the document, when the node could register it. */
  sender: Awaited<ReturnType<typeof senderCompany>>;
}

/** A node with the document's parties and the order it refers to. */
export async function prepareNode(xml: Uint8Array): Promise<Prepared> {
  const node = await createDocumentNode();
  await registerParties(node, xml);
  await seedOrderFor(node, xml);
  return { node, sender: await senderCompany(node, xml) };
}

export interface RoundTrip {
  type: string;
  /** The profile the export was written in: the document's own where the type exists in it. */
  profile: Profile | null;
  /** The first import; the error message when it was refused. */
  importError: string | null;
  exportType: OrderExportType | null;
  exported: string | null;
  exportError: string | null;
  reimportError: string | null;
  first: ReturnType<typeof orderContent> | null;
  second: ReturnType<typeof orderContent> | null;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export async function roundTrip(xml: Uint8Array): Promise<RoundTrip> {
  const detected = detectDocument(parseXml(xml));
  const type = detected.documentType;
  const exportType = (ORDER_EXPORT_TYPES as readonly string[]).includes(type)
    ? (type as OrderExportType)
    : null;
  const profile = exportType
    ? EXPORT_PROFILES[exportType].includes(detected.profile)
      ? detected.profile
      : null
    : null;
  const result: RoundTrip = {
    type,
    profile,
    importError: null,
    exportType,
    exported: null,
    exportError: null,
    reimportError: null,
    first: null,
    second: null,
  };
  const a = await prepareNode(xml);
  const b = await prepareNode(xml);
  try {
    if (!a.sender || !b.sender) {
      result.importError = 'the sending party has no identifier the node accepts';
      return result;
    }
    let orderId: string;
    try {
      const imported = await a.node.services.importDocument(adminOf(a.sender), xml);
      orderId = imported.document.orderIds[0]!;
    } catch (e) {
      result.importError = message(e);
      return result;
    }
    if (!exportType || !orderId) return result;
    result.first = orderContent((await a.node.store.orders.get(a.sender.id, orderId))!);
    try {
      const exported = await a.node.services.exportOrderDocument(adminOf(a.sender), orderId, {
        type: exportType,
        profile: profile ?? undefined,
      });
      result.exported = exported.xml;
      result.profile = exported.profile;
    } catch (e) {
      result.exportError = message(e);
      return result;
    }
    try {
      const again = await b.node.services.importDocument(adminOf(b.sender), Buffer.from(result.exported));
      result.second = orderContent(
        (await b.node.store.orders.get(b.sender.id, again.document.orderIds[0]!))!,
      );
    } catch (e) {
      result.reimportError = message(e);
    }
    return result;
  } finally {
    await a.node.close();
    await b.node.close();
  }
}
