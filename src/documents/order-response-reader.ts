// Reads the seller's answers to an order: OrderResponse (Peppol T76, SCSN, plain UBL), the advanced
// order response (T116), the order agreement (T110) and UBL 2.1's OrderResponseSimple. Header codes are
// UNCL 4343 (AP accepted, RE rejected, CA conditionally accepted, AB acknowledged); line statuses are
// UNCL 1229 (5 accepted, 7 not accepted, 3 changed) or SCSN's accepted / rejected / revised.
import type { ItemInput } from '../domain/order-create.ts';
import type { DeliveryTerms, OrderResponseDocument, ResponseCode, ResponseLine } from './document-model.ts';
import type { DetectedDocument } from './document-detection.ts';
import { periodDate } from './order-line-reader.ts';
import { partyAt, requireParty } from './party-reader.ts';
import {
  dateAt,
  decimalAt,
  DocumentReading,
  indexLocator,
  joinedText,
  optionalText,
  quantityAt,
  required,
  standardItemIdAt,
} from './ubl-reading.ts';
import { children, first, type XmlElement } from './xml-tree.ts';
import { elementPath } from './element-path.ts';

const LINE_STATUS: Record<string, ResponseLine['status']> = {
  '5': 'accepted',
  accepted: 'accepted',
  '7': 'rejected',
  rejected: 'rejected',
  'not accepted': 'rejected',
  '3': 'changed',
  revised: 'changed',
  changed: 'changed',
};

const RESPONSE_CODES = new Set<ResponseCode>(['AP', 'RE', 'CA', 'AB']);

function readDeliveries(r: DocumentReading, item: XmlElement): DeliveryTerms[] {
  return children(item, 'cac:Delivery').map((d) => ({
    id: optionalText(d, 'cbc:ID'),
    date:
      periodDate(r, first(d, 'cac:PromisedDeliveryPeriod')) ??
      periodDate(r, first(d, 'cac:RequestedDeliveryPeriod')) ??
      null,
    quantity: decimalAt(r, d, 'cbc:Quantity') ?? null,
  }));
}

function readResponseLine(
  r: DocumentReading,
  orderLine: XmlElement,
  agreement: boolean,
  scsn: boolean,
  headerDate: string | null,
): ResponseLine | undefined {
  const item = first(orderLine, 'cac:LineItem');
  if (!item) {
    r.missing(orderLine, 'cac:LineItem', 'every response line needs its line item');
    return undefined;
  }
  const lineId =
    optionalText(orderLine, 'cac:OrderLineReference/cbc:LineID') ??
    required(r, item, 'cbc:ID', 'Schakel needs to know which order line is answered');
  const code = optionalText(item, 'cbc:LineStatusCode');
  // An order agreement states agreed lines; it has no line status.
  const status: ResponseLine['status'] | undefined = code
    ? (LINE_STATUS[code.toLowerCase()] ?? 'unsupported')
    : agreement
      ? 'accepted'
      : undefined;
  if (!status)
    r.missing(
      item,
      'cbc:LineStatusCode',
      'Schakel needs to know whether the line is accepted, rejected or changed',
    );
  const substitute = readSubstitute(r, orderLine, lineId, status);
  if (status === 'unsupported') {
    r.unsupported(
      first(item, 'cbc:LineStatusCode')!,
      `line status ${JSON.stringify(code)} cannot be applied; Schakel applies 5 or accepted, 7 or rejected, 3 or revised`,
    );
  }
  const qty = quantityAt(r, item, 'cbc:Quantity');
  const amount = decimalAt(r, item, 'cac:Price/cbc:PriceAmount');
  const baseQuantity = decimalAt(r, item, 'cac:Price/cbc:BaseQuantity');
  const deliveries = readDeliveries(r, item);
  // SCSN rule BR-10: a promised delivery date is mandatory in an order response.
  if (
    scsn &&
    !agreement &&
    (status === 'accepted' || status === 'changed') &&
    !headerDate &&
    !deliveries.some((d) => d.date)
  ) {
    r.missing(
      item,
      'cac:Delivery/cac:PromisedDeliveryPeriod/cbc:EndDate',
      'SCSN requires a promised delivery date for every accepted or revised line (BR-10)',
    );
  }
  if (!lineId || !status) return undefined;
  return {
    lineId,
    status,
    code: code ?? '',
    note:
      [joinedText(item, 'cbc:Note'), joinedText(orderLine, 'cbc:Note')].filter(Boolean).join('\n') || null,
    quantity: qty?.value ?? null,
    unitCode: qty?.unitCode ?? null,
    price: amount === undefined ? null : { amount, ...(baseQuantity !== undefined ? { baseQuantity } : {}) },
    deliveries,
    substitute,
    path: elementPath(item),
  };
}

/**
 * The item the seller offers instead of the ordered one (cac:SellerSubstitutedLineItem): its name and its
 * seller's and standard item numbers, which is what Peppol T76/T116 allow there. A rejected line offers
 * nothing, so a substitute on it is refused rather than silently dropped.
 */
function readSubstitute(
  r: DocumentReading,
  orderLine: XmlElement,
  lineId: string | undefined,
  status: ResponseLine['status'] | undefined,
): ItemInput | null {
  const substituted = first(orderLine, 'cac:SellerSubstitutedLineItem');
  if (!substituted) return null;
  if (status === 'rejected') {
    r.unsupported(
      substituted,
      `line ${lineId ?? '?'} is rejected and offers a substitute item at once; reject the line, or offer the substitute with line status 3 (revised)`,
    );
    return null;
  }
  const item = first(substituted, 'cac:Item');
  const name = item && (optionalText(item, 'cbc:Name') ?? optionalText(item, 'cbc:Description'));
  if (!item || !name) {
    r.missing(substituted, 'cac:Item/cbc:Name', 'Schakel needs the name of a substitute item');
    return null;
  }
  const description = optionalText(item, 'cbc:Description');
  return {
    name,
    description: description && description !== name ? description : null,
    buyerItemId: optionalText(item, 'cac:BuyersItemIdentification/cbc:ID'),
    sellerItemId: optionalText(item, 'cac:SellersItemIdentification/cbc:ID'),
    standardItemId: standardItemIdAt(item),
  };
}

/** OrderResponseSimple (UBL 2.1): the whole order accepted or rejected. */
function readSimple(
  r: DocumentReading,
  root: XmlElement,
): { code: ResponseCode | undefined; note: string | null } {
  const accepted = optionalText(root, 'cbc:AcceptedIndicator');
  if (!accepted)
    r.missing(root, 'cbc:AcceptedIndicator', 'Schakel needs to know whether the order is accepted');
  const note = [joinedText(root, 'cbc:RejectionNote'), joinedText(root, 'cbc:Note')]
    .filter(Boolean)
    .join('\n');
  return { code: accepted === undefined ? undefined : accepted === 'true' ? 'AP' : 'RE', note: note || null };
}

export function readOrderResponse(root: XmlElement, detected: DetectedDocument): OrderResponseDocument {
  const kind = detected.documentType as OrderResponseDocument['documentType'];
  const r = new DocumentReading(root, `${kind} ${optionalText(root, 'cbc:ID') ?? '(without ID)'}`);
  const documentId = required(r, root, 'cbc:ID', 'Schakel records every document by its ID');
  const issueDate = dateAt(r, root, 'cbc:IssueDate', 'Schakel needs the date of the response');
  const orderNumber = required(
    r,
    root,
    'cac:OrderReference/cbc:ID',
    'Schakel needs to know which order is answered',
  );
  const seller = requireParty(
    r,
    root,
    'cac:SellerSupplierParty/cac:Party',
    'seller (cac:SellerSupplierParty)',
    'Schakel needs to know who answers',
  );
  const buyer = partyAt(root, 'cac:BuyerCustomerParty/cac:Party', 'buyer (cac:BuyerCustomerParty)') ?? null;
  const agreement = kind === 'OrderAgreement';
  const scsn = detected.profile === 'scsn';

  let responseCode: ResponseCode | null = null;
  let note = joinedText(root, 'cbc:Note');
  if (detected.rootName === 'OrderResponseSimple') {
    const simple = readSimple(r, root);
    responseCode = simple.code ?? null;
    note = simple.note;
  } else {
    const code = optionalText(root, 'cbc:OrderResponseCode');
    if (code && RESPONSE_CODES.has(code as ResponseCode)) responseCode = code as ResponseCode;
    else if (code)
      r.unsupported(
        first(root, 'cbc:OrderResponseCode')!,
        `response code ${JSON.stringify(code)} cannot be applied; Schakel applies AP, RE, CA and AB`,
      );
  }
  const headerDelivery = first(root, 'cac:Delivery');
  const promisedDate =
    (headerDelivery && periodDate(r, first(headerDelivery, 'cac:PromisedDeliveryPeriod'))) ?? null;
  const orderLines = children(root, 'cac:OrderLine');
  if (!responseCode && orderLines.length === 0 && detected.rootName !== 'OrderResponseSimple') {
    r.missing(
      root,
      'cbc:OrderResponseCode',
      'a response without lines must say whether the order is accepted (AP), rejected (RE) or acknowledged (AB)',
    );
  }
  const lines: ResponseLine[] = [];
  const lineElements: XmlElement[] = [];
  for (const ol of orderLines) {
    const line = readResponseLine(r, ol, agreement, scsn, promisedDate);
    if (line) {
      lines.push(line);
      lineElements.push(ol);
    }
  }
  r.finish();
  return {
    documentType: kind,
    profile: detected.profile,
    documentId: documentId!,
    issueDate: issueDate!,
    sender: seller!,
    receiver: buyer,
    locate: indexLocator({ answers: lineElements }),
    orderNumber: orderNumber!,
    responseCode,
    note,
    promisedDate,
    lines,
  };
}
