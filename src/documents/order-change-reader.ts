// Reads an OrderChange (Peppol T114, plain UBL): the buyer's changed, added and deleted lines, with the
// action per line from UNCL 1229 (1 added, 2 deleted, 3 changed, 4 no action).
import type { ChangedLine, LineIntent, OrderChangeDocument } from './document-model.ts';
import type { DetectedDocument } from './document-detection.ts';
import { periodDate, readLineItem } from './order-line-reader.ts';
import { partyAt, requireParty } from './party-reader.ts';
import { dateAt, DocumentReading, joinedText, optionalText, required } from './ubl-reading.ts';
import { children, first, type XmlElement } from './xml-tree.ts';
import { elementPath } from './element-path.ts';

// UNCL 1229 (Peppol) and the word codes of UBL's LineStatusCode list and SCSN.
const ACTIONS: Record<string, LineIntent> = {
  '1': 'add',
  '2': 'cancel',
  '3': 'change',
  '4': 'none',
  added: 'add',
  cancelled: 'cancel',
  canceled: 'cancel',
  deleted: 'cancel',
  revised: 'change',
  changed: 'change',
  nostatus: 'auto',
};

export function readOrderChange(root: XmlElement, detected: DetectedDocument): OrderChangeDocument {
  const r = new DocumentReading(root, `OrderChange ${optionalText(root, 'cbc:ID') ?? '(without ID)'}`);
  const documentId = required(r, root, 'cbc:ID', 'Schakel records every document by its ID');
  const issueDate = dateAt(r, root, 'cbc:IssueDate', 'Schakel needs the date of the change');
  const orderNumber = required(
    r,
    root,
    'cac:OrderReference/cbc:ID',
    'Schakel needs to know which order is changed',
  );
  const buyer = requireParty(
    r,
    root,
    'cac:BuyerCustomerParty/cac:Party',
    'buyer (cac:BuyerCustomerParty)',
    'Schakel needs to know who changes the order',
  );
  const seller =
    partyAt(root, 'cac:SellerSupplierParty/cac:Party', 'seller (cac:SellerSupplierParty)') ?? null;
  const headerDelivery = first(root, 'cac:Delivery');
  const fallbackDate = periodDate(r, headerDelivery && first(headerDelivery, 'cac:RequestedDeliveryPeriod'));
  const orderLines = children(root, 'cac:OrderLine');
  if (orderLines.length === 0) r.missing(root, 'cac:OrderLine', 'an order change needs at least one line');
  const changes: ChangedLine[] = [];
  for (const orderLine of orderLines) {
    const item = first(orderLine, 'cac:LineItem');
    if (!item) {
      r.missing(orderLine, 'cac:LineItem', 'every order line needs its line item');
      continue;
    }
    const code = optionalText(item, 'cbc:LineStatusCode');
    const intent = code ? ACTIONS[code.toLowerCase()] : 'auto';
    if (!intent) {
      r.unsupported(
        first(item, 'cbc:LineStatusCode')!,
        `line action ${JSON.stringify(code)} cannot be applied; Schakel applies 1/Added, 2/Cancelled, 3/Revised, 4 (no action) and NoStatus`,
      );
      continue;
    }
    if (intent === 'cancel' || intent === 'none') {
      const lineId = required(r, item, 'cbc:ID', 'Schakel identifies every line by its line number');
      const note = intent === 'cancel' ? joinedText(orderLine, 'cbc:Note') : null;
      if (lineId) changes.push({ lineId, intent, line: null, note, path: elementPath(item) });
      continue;
    }
    const line = readLineItem(r, item, { fallbackDate, note: joinedText(orderLine, 'cbc:Note') });
    if (line) changes.push({ lineId: line.lineId, intent, line, path: elementPath(item) });
  }
  r.finish();
  return {
    documentType: 'OrderChange',
    profile: detected.profile,
    documentId: documentId!,
    issueDate: issueDate!,
    sender: buyer!,
    receiver: seller,
    locate: () => undefined,
    orderNumber: orderNumber!,
    sequence: optionalText(root, 'cbc:SequenceNumberID'),
    reason: joinedText(root, 'cbc:Note'),
    changes,
  };
}
