// Writes an order's current request as an Order: Peppol T01 (one requested delivery period per line),
// SCSN (a cac:Delivery per delivery line; OrderType Changed with line statuses once the order was
// changed) or plain UBL. Cancelled lines are left out, except in SCSN, which re-sends them as cancelled.
import { ICD_CODES } from '../domain/generated/icd-codes.ts';
import type { DeliveryLocation, OrderLine } from '../domain/order-types.ts';
import { trailingCountry } from './address-text.ts';
import type { ExportContext } from './export-context.ts';
import {
  itemElement,
  lineAmount,
  partyElement,
  priceElement,
  requestedPeriodDelivery,
  rootElement,
  specificationIds,
  sumMoney,
} from './ubl-writing.ts';
import { el, leaf, serializeXml, type XmlNode } from './xml-writer.ts';

/** cbc:ID of a location or party identifier kept as "scheme:value" (scheme only when it is an ISO 6523 code). */
export function identifierElement(name: string, identifier: string): XmlNode {
  const at = identifier.indexOf(':');
  const scheme = at > 0 ? identifier.slice(0, at) : '';
  return ICD_CODES.has(scheme)
    ? el(name, { schemeID: scheme }, identifier.slice(at + 1))
    : el(name, {}, identifier);
}

/**
 * The order's delivery location: the address line as typed, its country the one the text ends with, else
 * the buyer's (which the reader then leaves out of the text again: see address-text.ts).
 */
export function deliveryLocationElements(
  loc: DeliveryLocation | null,
  buyerCountry: string | null,
): XmlNode[] {
  if (!loc) return [];
  const typed = loc.address ? trailingCountry(loc.address) : null;
  const country = typed ?? buyerCountry;
  // A text that is only a country code is said by cac:Country alone.
  const line = loc.address && loc.address.trim() !== typed ? loc.address : null;
  const location =
    (loc.identifier || loc.address) && country
      ? el(
          'cac:DeliveryLocation',
          {},
          loc.identifier && identifierElement('cbc:ID', loc.identifier),
          el(
            'cac:Address',
            {},
            line && el('cac:AddressLine', {}, el('cbc:Line', {}, line)),
            el('cac:Country', {}, el('cbc:IdentificationCode', {}, country)),
          ),
        )
      : null;
  const party = loc.name
    ? el('cac:DeliveryParty', {}, el('cac:PartyName', {}, el('cbc:Name', {}, loc.name)))
    : null;
  return location || party ? [el('cac:Delivery', {}, location, party)] : [];
}

/** SCSN line status of a line in a Changed order. */
function scsnStatus(line: OrderLine, added: Set<string>): string | null {
  if (line.state === 'cancelled') return 'cancelled';
  if (added.has(line.lineId) && line.state === 'open') return 'added';
  if (line.state === 'changed') return 'revised';
  return null;
}

function requestedDeliveries(line: OrderLine, scsn: boolean): XmlNode[] {
  const schedule = line.requested.schedule;
  if (scsn) {
    return schedule.map((s) =>
      el(
        'cac:Delivery',
        {},
        el('cbc:ID', {}, s.id),
        el('cbc:Quantity', { unitCode: line.unitCode }, s.quantity),
        s.date !== null && el('cac:RequestedDeliveryPeriod', {}, el('cbc:EndDate', {}, s.date)),
      ),
    );
  }
  // Peppol carries one requested period per line: a schedule becomes the period from its first to its last date.
  const delivery = requestedPeriodDelivery(schedule);
  return delivery ? [delivery] : [];
}

/** Which lines a change added (from the history), for SCSN's "added" status. */
export function addedLineIds(ctx: ExportContext): Set<string> {
  return new Set(ctx.events.filter((e) => e.type === 'line.added' && e.lineId).map((e) => e.lineId!));
}

/**
 * The reason the buyer gave with its latest change, stated as the change's note: the reason of the lines
 * that change added or changed. A change that only cancels lines has none here (each cancelled line
 * states its own), and an earlier change's reason never stands for a later one.
 */
export function latestChangeReason(ctx: ExportContext): string | null {
  const changes = ctx.events.filter((e) => ['line.changed', 'line.added', 'line.cancelled'].includes(e.type));
  const latest = changes.at(-1)?.at;
  return (
    changes.find((e) => e.at === latest && (e.type === 'line.changed' || e.type === 'line.added'))?.reason ??
    null
  );
}

export function writeOrder(ctx: ExportContext): string {
  const { order, profile } = ctx;
  const scsn = profile === 'scsn';
  const added = addedLineIds(ctx);
  const lines = order.lines.filter((l) => scsn || l.state !== 'cancelled');
  const changed = scsn && order.lines.some((l) => scsnStatus(l, added) !== null);
  const amounts = lines
    .filter((l) => l.state !== 'cancelled')
    .map((l) => lineAmount(l.requested.quantity, l.requested.price));
  const total = sumMoney(amounts);
  const doc = rootElement(
    'Order',
    specificationIds('Order', profile),
    el('cbc:ID', {}, order.number),
    el('cbc:IssueDate', {}, order.issueDate),
    scsn && el('cbc:OrderTypeCode', {}, changed ? 'Changed' : 'New'),
    // A Changed order's note is the reason for the change (read back so on import); a new order's is its note.
    leaf('cbc:Note', changed ? latestChangeReason(ctx) : order.note),
    el('cbc:DocumentCurrencyCode', {}, order.currency),
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
    deliveryLocationElements(order.deliveryLocation, ctx.buyer.country),
    el(
      'cac:AnticipatedMonetaryTotal',
      {},
      el('cbc:LineExtensionAmount', { currencyID: order.currency }, total),
      el('cbc:PayableAmount', { currencyID: order.currency }, total),
    ),
    lines.map((l) =>
      el(
        'cac:OrderLine',
        {},
        // In a Changed order a cancelled line states why (read back as its reason).
        leaf('cbc:Note', changed && l.state === 'cancelled' ? l.reason : l.note),
        el(
          'cac:LineItem',
          {},
          el('cbc:ID', {}, l.lineId),
          changed && leaf('cbc:LineStatusCode', scsnStatus(l, added)),
          el('cbc:Quantity', { unitCode: l.unitCode }, l.requested.quantity),
          l.state !== 'cancelled' &&
            el(
              'cbc:LineExtensionAmount',
              { currencyID: order.currency },
              lineAmount(l.requested.quantity, l.requested.price),
            ),
          requestedDeliveries(l, scsn),
          priceElement(l.requested.price, order.currency, l.unitCode),
          itemElement(l.item, profile),
        ),
      ),
    ),
  );
  return serializeXml(doc);
}
