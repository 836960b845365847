// Writes an order's cancellation as an OrderCancellation (Peppol T115, plain UBL), with the buyer's reason.
import { DomainError } from '../domain/errors.ts';
import type { ExportContext } from './export-context.ts';
import { partyElement, rootElement, specificationIds } from './ubl-writing.ts';
import { el, serializeXml } from './xml-writer.ts';

export function writeOrderCancellation(ctx: ExportContext): string {
  const { order, profile } = ctx;
  const cancelled = ctx.events.filter((e) => e.type === 'order.cancelled').at(-1);
  if (!cancelled) {
    throw new DomainError('transition_not_allowed', `order ${order.number} is not cancelled`, {
      state: 'not_cancelled',
      allowedActions: [],
    });
  }
  const doc = rootElement(
    'OrderCancellation',
    specificationIds('OrderCancellation', profile),
    el('cbc:ID', {}, `${order.number}-CAN`),
    el('cbc:IssueDate', {}, cancelled.at.slice(0, 10)),
    el('cbc:CancellationNote', {}, cancelled.reason ?? 'cancelled'),
    el('cac:OrderReference', {}, el('cbc:ID', {}, order.number)),
    el('cac:BuyerCustomerParty', {}, partyElement(ctx.buyer)),
    el(
      'cac:SellerSupplierParty',
      {},
      partyElement(ctx.seller, [
        'EndpointID',
        'PartyIdentification',
        'PartyName',
        'PostalAddress',
        'PartyLegalEntity',
      ]),
    ),
  );
  return serializeXml(doc);
}
