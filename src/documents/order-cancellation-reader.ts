// Reads an OrderCancellation (Peppol T115, plain UBL): the buyer cancels an order, with a reason.
import type { OrderCancellationDocument } from './document-model.ts';
import type { DetectedDocument } from './document-detection.ts';
import { partyAt, requireParty } from './party-reader.ts';
import { dateAt, DocumentReading, joinedText, optionalText, required } from './ubl-reading.ts';
import type { XmlElement } from './xml-tree.ts';

export function readOrderCancellation(
  root: XmlElement,
  detected: DetectedDocument,
): OrderCancellationDocument {
  const r = new DocumentReading(root, `OrderCancellation ${optionalText(root, 'cbc:ID') ?? '(without ID)'}`);
  const documentId = required(r, root, 'cbc:ID', 'Schakel records every document by its ID');
  const issueDate = dateAt(r, root, 'cbc:IssueDate', 'Schakel needs the date of the cancellation');
  const orderNumber = required(
    r,
    root,
    'cac:OrderReference/cbc:ID',
    'Schakel needs to know which order is cancelled',
  );
  const reason = joinedText(root, 'cbc:CancellationNote');
  if (!reason)
    r.missing(
      root,
      'cbc:CancellationNote',
      'Schakel records why an order is cancelled, so that the seller can act on it',
    );
  const buyer = requireParty(
    r,
    root,
    'cac:BuyerCustomerParty/cac:Party',
    'buyer (cac:BuyerCustomerParty)',
    'Schakel needs to know who cancels the order',
  );
  const seller =
    partyAt(root, 'cac:SellerSupplierParty/cac:Party', 'seller (cac:SellerSupplierParty)') ?? null;
  r.finish();
  return {
    documentType: 'OrderCancellation',
    profile: detected.profile,
    documentId: documentId!,
    issueDate: issueDate!,
    sender: buyer!,
    receiver: seller,
    locate: () => undefined,
    orderNumber: orderNumber!,
    reason: reason!,
  };
}
