// A node for document tests: an in-memory store with a pinned clock, companies created from the parties
// a document names, and orders seeded so that a response, despatch, receipt or invoice has something
// to apply to.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Company } from '../../../src/domain/company-types.ts';
import { parseIdentifier } from '../../../src/domain/identifiers.ts';
import type { Order } from '../../../src/domain/order-types.ts';
import { detectDocument } from '../../../src/documents/document-detection.ts';
import type { PartyRef } from '../../../src/documents/party-reader.ts';
import { partyAt, readParty } from '../../../src/documents/party-reader.ts';
import { standardItemIdAt } from '../../../src/documents/ubl-reading.ts';
import { parseXml } from '../../../src/documents/xml-parser.ts';
import { first, path, text, type XmlElement } from '../../../src/documents/xml-tree.ts';
import type { Caller } from '../../../src/app/deps.ts';
import { createServices, defaultDeps, type Services } from '../../../src/app/node.ts';
import { openStore, type Store } from '../../../src/storage/store.ts';

export const NOW = '2026-11-22T10:00:00.000Z';
export const SHARED = join(import.meta.dirname, '../../../../shared');
export const SHARED_FIXTURES = join(SHARED, 'fixtures/ubl');
export const SHARED_PRESENT = existsSync(SHARED_FIXTURES);
export const SHARED_SKIP = `../shared/fixtures/ubl (${SHARED_FIXTURES}) is absent: the tests on the official Peppol and OASIS examples are skipped.`;
export const FIXTURES = join(import.meta.dirname, '../fixtures');

export const fixture = (name: string): Buffer => readFileSync(join(FIXTURES, name));
export const sharedFixture = (name: string): Buffer => readFileSync(join(SHARED_FIXTURES, name));

export interface DocumentNode {
  services: Services;
  store: Store;
  close(): Promise<void>;
}

export async function createDocumentNode(now = NOW): Promise<DocumentNode> {
  const store = await openStore({});
  const services = createServices(defaultDeps(store, { now: () => new Date(now) }));
  return { services, store, close: () => store.close() };
}

/** The CLI-like caller acting for a company with every permission. */
export const adminOf = (company: Company): Caller => ({
  companyId: company.id,
  role: 'admin',
  actor: { companyId: company.id, companyName: company.name, userId: null, tokenId: null, name: 'test' },
});

const PARTY_PATHS = [
  'cac:BuyerCustomerParty/cac:Party',
  'cac:SellerSupplierParty/cac:Party',
  'cac:DespatchSupplierParty/cac:Party',
  'cac:DeliveryCustomerParty/cac:Party',
  'cac:AccountingSupplierParty/cac:Party',
  'cac:AccountingCustomerParty/cac:Party',
  'cac:SenderParty',
  'cac:ReceiverParty',
];

/**
 * The company for a party: the holder of its strongest identifier (as the node matches parties), else a
 * new company with those of its identifiers that are valid and still free; null when none is usable.
 */
export async function companyForParty(node: DocumentNode, party: PartyRef): Promise<Company | null> {
  const [strongest] = party.identifiers;
  const holder =
    strongest && (await node.store.companies.findByIdentifier(strongest.scheme, strongest.value));
  if (holder) return holder;
  const usable: string[] = [];
  for (const id of party.identifiers) {
    if (await node.store.companies.findByIdentifier(id.scheme, id.value)) continue;
    try {
      usable.push(`${parseIdentifier(`${id.scheme}:${id.value}`).scheme}:${id.value}`);
    } catch {
      // an identifier the node would not accept (e.g. a GLN with a wrong check digit) cannot be registered
    }
  }
  if (usable.length === 0) {
    // Example documents use made-up numbers (GLNs with wrong check digits); matching does not check them,
    // so the test node holds such a party as it is, bypassing the registration's identifier checks.
    const raw = [];
    for (const id of party.identifiers) {
      if (!(await node.store.companies.findByIdentifier(id.scheme, id.value))) raw.push(id);
    }
    if (raw.length === 0) return null;
    const company: Company = {
      id: randomUUID(),
      name: party.name ?? `Party ${raw[0]!.scheme}:${raw[0]!.value}`,
      city: party.city,
      country: party.country && /^[A-Z]{2}$/.test(party.country) ? party.country : null,
      // …plus one identifier the node accepts, so that an order can name the company as seller.
      identifiers: [
        ...raw.map((i, n) => ({ scheme: i.scheme, value: i.value, primary: n === 0 })),
        { scheme: '0060', value: `TEST-${randomUUID().slice(0, 8)}`, primary: false },
      ],
    };
    await node.store.companies.insert(company);
    // Every hosted company signs what it sends (registerCompany does this for the others).
    await node.services.ensureSigningKeys();
    return company;
  }
  return node.services.registerCompany({
    name: party.name ?? `Party ${usable[0]}`,
    identifiers: usable,
    city: party.city,
    country: party.country && /^[A-Z]{2}$/.test(party.country) ? party.country : null,
  });
}

/** Creates companies for every party the document names (first come, first served on shared identifiers). */
export async function registerParties(
  node: DocumentNode,
  xml: Uint8Array | string,
): Promise<Map<string, Company>> {
  const root = parseXml(xml);
  const out = new Map<string, Company>();
  for (const steps of PARTY_PATHS) {
    const el = first(root, steps);
    if (!el) continue;
    const c = await companyForParty(node, readParty(el, steps));
    if (c) out.set(steps, c);
  }
  return out;
}

/** An identifier of the company that the identifier rules accept (the test node may hold made-up ones too). */
function validIdentifier(company: Company): string {
  for (const i of company.identifiers) {
    try {
      return `${parseIdentifier(`${i.scheme}:${i.value}`).scheme}:${i.value}`;
    } catch {
      // try the next one
    }
  }
  throw new Error(`${company.name} has no valid identifier`);
}

interface SeedLine {
  lineId: string;
  quantity: string;
  unitCode: string;
  name: string;
  sellerItemId: string | null;
  buyerItemId: string | null;
  standardItemId: { scheme: string | null; value: string } | null;
  price: { amount: string; baseQuantity: string } | null;
  schedule: { id?: string; date: string; quantity: string }[] | null;
}

/** The delivery lines a line item states (promised or requested), when every one has a date. */
function scheduleOf(item: XmlElement, total: string): SeedLine['schedule'] {
  const deliveries = path(item, 'cac:Delivery');
  const dateOf = (d: XmlElement) =>
    text(d, 'cac:PromisedDeliveryPeriod/cbc:EndDate') ??
    text(d, 'cac:RequestedDeliveryPeriod/cbc:EndDate') ??
    text(d, 'cac:PromisedDeliveryPeriod/cbc:StartDate');
  if (deliveries.length === 0 || deliveries.some((d) => !dateOf(d))) return null;
  if (deliveries.length === 1) return [{ date: dateOf(deliveries[0]!)!, quantity: total }];
  return deliveries.map((d) => ({
    id: text(d, 'cbc:ID'),
    date: dateOf(d)!,
    quantity: text(d, 'cbc:Quantity') ?? '1',
  }));
}

/** The order lines a response, despatch, receipt or invoice refers to, as well as the document says them. */
function referencedLines(root: XmlElement): SeedLine[] {
  const seen = new Map<string, SeedLine>();
  const add = (
    lineId: string | undefined,
    qty: XmlElement | undefined,
    item: XmlElement | undefined,
  ): void => {
    if (!lineId) return;
    const prev = seen.get(lineId);
    const quantity = qty?.text && Number(qty.text) > 0 ? qty.text : '1';
    const total = prev ? String(Number(prev.quantity) + Number(quantity)) : quantity;
    seen.set(lineId, {
      lineId,
      quantity: total,
      unitCode: qty?.attrs.unitCode ?? prev?.unitCode ?? 'C62',
      name: (item && text(item, 'cbc:Name')) ?? prev?.name ?? `Item ${lineId}`,
      sellerItemId: (item && text(item, 'cac:SellersItemIdentification/cbc:ID')) ?? null,
      buyerItemId: (item && text(item, 'cac:BuyersItemIdentification/cbc:ID')) ?? null,
      standardItemId: standardItemIdAt(item),
      price: null,
      schedule: null,
    });
  };
  for (const ol of path(root, 'cac:OrderLine')) {
    const item = first(ol, 'cac:LineItem');
    if (!item) continue;
    const lineId = text(ol, 'cac:OrderLineReference/cbc:LineID') ?? text(item, 'cbc:ID');
    add(lineId, first(item, 'cbc:Quantity'), first(item, 'cac:Item'));
    const seeded = lineId ? seen.get(lineId) : undefined;
    if (seeded) {
      // What the response or agreement states as terms is what the order asked, so that accepting it is an answer.
      const amount = text(item, 'cac:Price/cbc:PriceAmount');
      if (amount) seeded.price = { amount, baseQuantity: text(item, 'cac:Price/cbc:BaseQuantity') ?? '1' };
      seeded.schedule = scheduleOf(item, seeded.quantity);
    }
  }
  for (const [lineName, qtyName] of [
    ['cac:DespatchLine', 'cbc:DeliveredQuantity'],
    ['cac:ReceiptLine', 'cbc:ReceivedQuantity'],
  ] as const) {
    for (const l of path(root, lineName)) {
      add(text(l, 'cac:OrderLineReference/cbc:LineID'), first(l, qtyName), first(l, 'cac:Item'));
      // Rejected goods were shipped too.
      const rejected = text(l, 'cbc:RejectedQuantity');
      const seeded = seen.get(text(l, 'cac:OrderLineReference/cbc:LineID') ?? '');
      if (rejected && seeded) seeded.quantity = String(Number(seeded.quantity) + Number(rejected));
    }
  }
  invoicedLines(root, seen);
  // A response or cancellation for the whole order names no lines: one line stands for the order.
  if (seen.size === 0) add('1', undefined, undefined);
  return [...seen.values()];
}

type SeedPrice = { amount: string; baseQuantity: string };

/**
 * The order lines an invoice bills, with the price of the first invoice line on each as agreed price.
 * A line without an order line reference bills the line with its seller's item number (as the node
 * matches it), else a line of its own; credit lines (negative quantities) add nothing to the quantity.
 */
function invoicedLines(root: XmlElement, seen: Map<string, SeedLine>): Map<string, SeedPrice> {
  const prices = new Map<string, SeedPrice>();
  const all = path(root, 'cac:InvoiceLine');
  const refOf = (l: XmlElement) => text(l, 'cac:OrderLineReference/cbc:LineID');
  // Referenced lines first, so that a line without reference finds the order line it shares an item with.
  for (const l of [...all.filter(refOf), ...all.filter((l) => !refOf(l))]) {
    const qty = first(l, 'cbc:InvoicedQuantity');
    const item = first(l, 'cac:Item');
    const sellerItemId = (item && text(item, 'cac:SellersItemIdentification/cbc:ID')) ?? null;
    const lineId =
      refOf(l) ??
      [...seen.values()].find((s) => sellerItemId && s.sellerItemId === sellerItemId)?.lineId ??
      `X${text(l, 'cbc:ID') ?? seen.size + 1}`;
    const stated = Number(qty?.text ?? '1');
    const prev = seen.get(lineId);
    const quantity = prev
      ? String(Number(prev.quantity) + Math.max(stated, 0))
      : String(Math.abs(stated) || 1);
    seen.set(lineId, {
      lineId,
      quantity,
      unitCode: prev?.unitCode ?? qty?.attrs.unitCode ?? 'C62',
      name: prev?.name ?? (item && text(item, 'cbc:Name')) ?? `Item ${lineId}`,
      sellerItemId: prev ? prev.sellerItemId : sellerItemId,
      buyerItemId: prev
        ? prev.buyerItemId
        : ((item && text(item, 'cac:BuyersItemIdentification/cbc:ID')) ?? null),
      standardItemId: prev ? prev.standardItemId : item ? standardItemIdAt(item) : null,
      price: null,
      schedule: null,
    });
    if (!prices.has(lineId))
      prices.set(lineId, {
        amount: text(l, 'cac:Price/cbc:PriceAmount') ?? '1',
        baseQuantity: text(l, 'cac:Price/cbc:BaseQuantity') ?? '1',
      });
  }
  return prices;
}

/**
 * Seeds the order a non-Order document refers to, between the companies it names, and brings it as far
 * as the document needs: agreed for a despatch, shipped for a receipt, received for an invoice.
 */
export async function seedOrderFor(
  node: DocumentNode,
  xml: Uint8Array | string,
  overrides: { unitPrice?: string } = {},
): Promise<Order | null> {
  const root = parseXml(xml);
  const { documentType } = detectDocument(root);
  if (documentType === 'Order' || documentType === 'MessageLevelResponse') return null;
  const buyerParty =
    partyAt(root, 'cac:BuyerCustomerParty/cac:Party', 'buyer') ??
    partyAt(root, 'cac:DeliveryCustomerParty/cac:Party', 'buyer') ??
    partyAt(root, 'cac:AccountingCustomerParty/cac:Party', 'buyer');
  const sellerParty =
    (documentType === 'DespatchAdvice'
      ? partyAt(root, 'cac:DespatchSupplierParty/cac:Party', 'seller')
      : undefined) ??
    partyAt(root, 'cac:SellerSupplierParty/cac:Party', 'seller') ??
    partyAt(root, 'cac:DespatchSupplierParty/cac:Party', 'seller') ??
    partyAt(root, 'cac:AccountingSupplierParty/cac:Party', 'seller');
  const buyer = buyerParty && (await companyForParty(node, buyerParty));
  const seller = sellerParty && (await companyForParty(node, sellerParty));
  const number =
    text(root, 'cac:OrderReference/cbc:ID') ??
    text(root, 'cbc:BuyerReference') ??
    path(root, 'cac:DespatchLine/cac:OrderLineReference/cac:OrderReference/cbc:ID')[0]?.text;
  if (!buyer || !seller || buyer.id === seller.id || !number) return null;
  const lines = referencedLines(root);
  const currency = text(root, 'cbc:DocumentCurrencyCode') ?? 'EUR';
  const invoicePrices = invoicedLines(root, new Map());
  const order = await node.services.issueOrder(adminOf(buyer), {
    seller: validIdentifier(seller),
    number,
    issueDate: '2026-11-01',
    currency,
    lines: lines.map((l) => ({
      lineId: l.lineId,
      item: {
        name: l.name,
        sellerItemId: l.sellerItemId,
        buyerItemId: l.buyerItemId,
        standardItemId: l.standardItemId,
      },
      unitCode: l.unitCode,
      price: invoicePrices.get(l.lineId) ?? l.price ?? { amount: overrides.unitPrice ?? '1' },
      schedule: l.schedule ?? [{ date: '2026-12-01', quantity: l.quantity }],
    })),
  });
  if (['DespatchAdvice', 'ReceiptAdvice', 'Invoice'].includes(documentType)) {
    await node.services.respondToLines(
      adminOf(seller),
      order.id,
      lines.map((l) => ({ lineId: l.lineId, answer: 'accept' as const })),
    );
  }
  if (['ReceiptAdvice', 'Invoice'].includes(documentType)) {
    await node.services.shipGoods(adminOf(seller), {
      number: `SEED-${number}`,
      date: '2026-11-20',
      lines: lines.map((l) => ({
        orderId: order.id,
        lineId: l.lineId,
        deliveryLineId: '1',
        quantity: l.quantity,
      })),
    });
  }
  if (documentType === 'Invoice') {
    await node.services.receiveGoods(
      adminOf(buyer),
      order.id,
      lines.map((l) => ({ lineId: l.lineId, deliveryLineId: '1', received: l.quantity })),
    );
  }
  return order;
}

/** The company that sends `xml`, found by its sender party. */
export async function senderCompany(node: DocumentNode, xml: Uint8Array | string): Promise<Company | null> {
  const root = parseXml(xml);
  const { documentType } = detectDocument(root);
  const { senderOf } = await import('../../../src/documents/document-parties.ts');
  const party = senderOf(root, documentType);
  return party ? companyForParty(node, party) : null;
}
