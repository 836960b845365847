// Reads an Order (Peppol T01, SCSN New/Changed, plain UBL 2.x) into the order model's new-order input.
// An SCSN order with OrderType "Changed" re-sends every line of an existing order; its lines are read
// the same way and carry what the line status asks for (added, revised, cancelled).
import type { NewLineInput } from '../domain/order-create.ts';
import type { DeliveryLocation } from '../domain/order-types.ts';
import { addressText } from './address-text.ts';
import type { ChangedLine, LineIntent, OrderDocument } from './document-model.ts';
import type { DetectedDocument } from './document-detection.ts';
import { periodDate, readLineItem } from './order-line-reader.ts';
import { requireParty } from './party-reader.ts';
import { dateAt, DocumentReading, indexLocator, joinedText, optionalText, required } from './ubl-reading.ts';
import { children, first, path, type XmlElement } from './xml-tree.ts';
import { elementPath } from './element-path.ts';

const SCSN_INTENTS: Record<string, LineIntent> = {
  added: 'add',
  revised: 'change',
  changed: 'change',
  cancelled: 'cancel',
  canceled: 'cancel',
};

/**
 * Delivery location of the whole order: its identifier, address and the receiving party's name; the
 * address names its country unless it is `buyerCountry`, the one an address without a country lies in.
 */
export function readDeliveryLocation(
  delivery: XmlElement | undefined,
  buyerCountry: string | null,
): Partial<DeliveryLocation> | null {
  if (!delivery) return null;
  const location = first(delivery, 'cac:DeliveryLocation');
  const idEl = location && first(location, 'cbc:ID');
  const scheme = idEl?.attrs.schemeID?.trim();
  const identifier = idEl?.text ? (scheme ? `${scheme}:${idEl.text}` : idEl.text) : null;
  const address = location ? addressText(first(location, 'cac:Address') ?? location, buyerCountry) : null;
  const name =
    optionalText(delivery, 'cac:DeliveryParty/cac:PartyName/cbc:Name') ??
    (location ? optionalText(location, 'cbc:Name') : null);
  return identifier || address || name ? { identifier, address, name } : null;
}

/** Currency of the document: DocumentCurrencyCode, else the currency of the first amount. */
export function documentCurrency(root: XmlElement): string | undefined {
  const code = optionalText(root, 'cbc:DocumentCurrencyCode');
  if (code) return code;
  const amount = path(root, 'cac:OrderLine/cac:LineItem/cac:Price/cbc:PriceAmount')[0];
  return amount?.attrs.currencyID?.trim() || undefined;
}

export function readOrder(root: XmlElement, detected: DetectedDocument): OrderDocument {
  const r = new DocumentReading(root, `Order ${optionalText(root, 'cbc:ID') ?? '(without ID)'}`);
  const number = required(r, root, 'cbc:ID', 'Schakel uses it as the order number');
  const issueDate = dateAt(r, root, 'cbc:IssueDate', 'Schakel needs the order date');
  const currency = documentCurrency(root);
  if (!currency) r.missing(root, 'cbc:DocumentCurrencyCode', 'Schakel needs the currency of the prices');
  const buyer = requireParty(
    r,
    root,
    'cac:BuyerCustomerParty/cac:Party',
    'buyer (cac:BuyerCustomerParty)',
    'Schakel needs to know who orders',
  );
  const seller = requireParty(
    r,
    root,
    'cac:SellerSupplierParty/cac:Party',
    'seller (cac:SellerSupplierParty)',
    'Schakel needs to know who is to deliver',
  );
  const orderType = optionalText(root, 'cbc:OrderTypeCode')?.toLowerCase() === 'changed' ? 'changed' : 'new';
  const headerDelivery = first(root, 'cac:Delivery');
  const fallbackDate = periodDate(r, headerDelivery && first(headerDelivery, 'cac:RequestedDeliveryPeriod'));

  const orderLines = children(root, 'cac:OrderLine');
  if (orderLines.length === 0) r.missing(root, 'cac:OrderLine', 'an order needs at least one line');
  const lines: NewLineInput[] = [];
  const changes: ChangedLine[] = [];
  const lineElements: XmlElement[] = [];
  for (const orderLine of orderLines) {
    const item = first(orderLine, 'cac:LineItem');
    if (!item) {
      r.missing(orderLine, 'cac:LineItem', 'every order line needs its line item');
      continue;
    }
    const status = optionalText(item, 'cbc:LineStatusCode')?.toLowerCase() ?? '';
    const intent: LineIntent = orderType === 'changed' ? (SCSN_INTENTS[status] ?? 'auto') : 'add';
    // A cancelled line may be sent with what was confirmed; its content is not needed.
    const line =
      intent === 'cancel'
        ? null
        : readLineItem(r, item, { fallbackDate, note: joinedText(orderLine, 'cbc:Note') });
    if (intent !== 'cancel' && !line) continue;
    if (line) {
      lines.push(line);
      lineElements.push(item);
    }
    const lineId = line?.lineId ?? optionalText(item, 'cbc:ID');
    const note = intent === 'cancel' ? joinedText(orderLine, 'cbc:Note') : null;
    if (lineId) changes.push({ lineId, intent, line: line ?? null, note, path: elementPath(item) });
    else r.missing(item, 'cbc:ID', 'Schakel identifies every line by its line number');
  }
  r.finish();
  return {
    documentType: 'Order',
    profile: detected.profile,
    documentId: number!,
    issueDate: issueDate!,
    sender: buyer!,
    receiver: seller!,
    locate: indexLocator({ lines: lineElements }),
    orderType,
    order: {
      number: number!,
      issueDate: issueDate!,
      currency: currency!,
      deliveryLocation: readDeliveryLocation(headerDelivery, buyer?.country ?? null),
      note: joinedText(root, 'cbc:Note'),
      lines,
    },
    changes,
  };
}
