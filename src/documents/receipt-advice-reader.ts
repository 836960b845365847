// Reads a ReceiptAdvice (UBL 2.1): what the buyer received and rejected, per order line.
import { add, gt, lt } from '../domain/decimal.ts';
import type { ReceiptAdviceDocument, ReceiptLine } from './document-model.ts';
import type { DetectedDocument } from './document-detection.ts';
import { partyAt, requireParty } from './party-reader.ts';
import { dateAt, DocumentReading, joinedText, optionalText, quantityAt, required } from './ubl-reading.ts';
import { children, first, type XmlElement } from './xml-tree.ts';
import { elementPath } from './element-path.ts';

export function readReceiptAdvice(root: XmlElement, detected: DetectedDocument): ReceiptAdviceDocument {
  const r = new DocumentReading(root, `ReceiptAdvice ${optionalText(root, 'cbc:ID') ?? '(without ID)'}`);
  const documentId = required(r, root, 'cbc:ID', 'Schakel records every document by its ID');
  const issueDate = dateAt(r, root, 'cbc:IssueDate', 'Schakel needs the date of the receipt');
  const buyer = first(root, 'cac:BuyerCustomerParty/cac:Party')
    ? requireParty(
        r,
        root,
        'cac:BuyerCustomerParty/cac:Party',
        'buyer (cac:BuyerCustomerParty)',
        'Schakel needs to know who received the goods',
      )
    : requireParty(
        r,
        root,
        'cac:DeliveryCustomerParty/cac:Party',
        'receiving party (cac:DeliveryCustomerParty)',
        'Schakel needs to know who received the goods',
      );
  const seller =
    partyAt(root, 'cac:SellerSupplierParty/cac:Party', 'seller (cac:SellerSupplierParty)') ??
    partyAt(root, 'cac:DespatchSupplierParty/cac:Party', 'despatching party (cac:DespatchSupplierParty)') ??
    null;
  const headerOrder = optionalText(root, 'cac:OrderReference/cbc:ID');
  const receiptLines = children(root, 'cac:ReceiptLine');
  if (receiptLines.length === 0)
    r.missing(root, 'cac:ReceiptLine', 'a receipt advice needs at least one line');
  const lines: ReceiptLine[] = [];
  for (const line of receiptLines) {
    const lineId = required(
      r,
      line,
      'cac:OrderLineReference/cbc:LineID',
      'Schakel books received quantities on the order line they belong to',
    );
    const orderNumber =
      optionalText(line, 'cac:OrderLineReference/cac:OrderReference/cbc:ID') ??
      headerOrder ??
      required(
        r,
        line,
        'cac:OrderLineReference/cac:OrderReference/cbc:ID',
        'Schakel needs the order of every line (on the line or in cac:OrderReference of the document)',
      );
    const received = quantityAt(r, line, 'cbc:ReceivedQuantity');
    const rejected = quantityAt(r, line, 'cbc:RejectedQuantity');
    if (!received && !rejected)
      r.missing(
        line,
        'cbc:ReceivedQuantity',
        'Schakel needs the received (or rejected) quantity of every line',
      );
    for (const q of [received, rejected])
      if (q && lt(q.value, '0')) r.invalid(q.el, 'a quantity cannot be negative');
    const reason = joinedText(line, 'cbc:RejectReason') ?? optionalText(line, 'cbc:RejectReasonCode');
    if (!lineId || !orderNumber || (!received && !rejected)) continue;
    const rec = received?.value ?? '0';
    const rej = rejected?.value ?? '0';
    if (!gt(add(rec, rej), '0')) continue;
    lines.push({
      orderNumber,
      lineId,
      quantity: rec,
      rejected: rej,
      reason,
      unitCode: received?.unitCode ?? rejected?.unitCode ?? null,
      path: elementPath(line),
    });
  }
  r.finish();
  return {
    documentType: 'ReceiptAdvice',
    profile: detected.profile,
    documentId: documentId!,
    issueDate: issueDate!,
    sender: buyer!,
    receiver: seller,
    locate: () => undefined,
    seller,
    lines,
  };
}
