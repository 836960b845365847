// Writes one despatch of an order as a DespatchAdvice (Peppol T16, plain UBL): the order's lines in that
// despatch with their shipped quantity (delivery lines of one order line are summed: UBL despatch lines
// refer to order lines). The despatch is found in the order's history by its number.
import { add } from '../domain/decimal.ts';
import { DomainError } from '../domain/errors.ts';
import { findLine } from '../domain/order-create.ts';
import type { ExportContext } from './export-context.ts';
import { partyElement, rootElement, specificationIds, standardItemElement } from './ubl-writing.ts';
import { el, serializeXml } from './xml-writer.ts';

interface Shipped {
  despatchNumber: string;
  lineId: string;
  quantity: string;
  at: string;
}

function shipments(ctx: ExportContext): Shipped[] {
  return ctx.events.flatMap((e) =>
    e.type === 'goods.shipped' && e.lineId
      ? [
          {
            despatchNumber: String(e.data.despatchNumber),
            lineId: e.lineId,
            quantity: String(e.data.quantity),
            at: e.at,
          },
        ]
      : [],
  );
}

export function writeDespatchAdvice(ctx: ExportContext): string {
  const { order, profile } = ctx;
  const all = shipments(ctx);
  const number = ctx.ref ?? all.at(-1)?.despatchNumber;
  const mine = all.filter((s) => s.despatchNumber === number);
  if (!number || mine.length === 0) {
    throw new DomainError(
      'not_found',
      ctx.ref
        ? `order ${order.number} has no despatch ${ctx.ref}`
        : `nothing of order ${order.number} has been shipped yet`,
      { field: 'ref' },
    );
  }
  const perLine = new Map<string, string>();
  for (const s of mine) perLine.set(s.lineId, add(perLine.get(s.lineId) ?? '0', s.quantity));
  const date = ctx.despatchDate ?? mine[0]!.at.slice(0, 10);
  const doc = rootElement(
    'DespatchAdvice',
    specificationIds('DespatchAdvice', profile),
    el('cbc:ID', {}, number),
    el('cbc:IssueDate', {}, date),
    el('cac:OrderReference', {}, el('cbc:ID', {}, order.number)),
    el(
      'cac:DespatchSupplierParty',
      {},
      partyElement(ctx.seller, ['EndpointID', 'PartyIdentification', 'PostalAddress', 'PartyLegalEntity']),
    ),
    el(
      'cac:DeliveryCustomerParty',
      {},
      partyElement(ctx.buyer, ['EndpointID', 'PartyIdentification', 'PostalAddress', 'PartyLegalEntity']),
    ),
    el(
      'cac:Shipment',
      {},
      el('cbc:ID', {}, number),
      el('cac:Delivery', {}, el('cac:Despatch', {}, el('cbc:ActualDespatchDate', {}, date))),
    ),
    [...perLine].map(([lineId, quantity], i) => {
      const line = findLine(order, lineId);
      return el(
        'cac:DespatchLine',
        {},
        el('cbc:ID', {}, String(i + 1)),
        el('cbc:DeliveredQuantity', { unitCode: line.unitCode }, quantity),
        el(
          'cac:OrderLineReference',
          {},
          el('cbc:LineID', {}, lineId),
          el('cac:OrderReference', {}, el('cbc:ID', {}, order.number)),
        ),
        el(
          'cac:Item',
          {},
          el('cbc:Name', {}, line.item.name),
          line.item.buyerItemId &&
            el('cac:BuyersItemIdentification', {}, el('cbc:ID', {}, line.item.buyerItemId)),
          line.item.sellerItemId &&
            el('cac:SellersItemIdentification', {}, el('cbc:ID', {}, line.item.sellerItemId)),
          standardItemElement(line.item.standardItemId, profile),
        ),
      );
    }),
  );
  return serializeXml(doc);
}
