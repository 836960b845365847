// Reads a DespatchAdvice (Peppol T16, plain UBL): what the seller shipped, per order line. One despatch
// may cover lines of several orders (cac:OrderLineReference/cac:OrderReference per line).
import { gt, lt } from '../domain/decimal.ts';
import type { DespatchAdviceDocument, OrderLineQuantity } from './document-model.ts';
import type { DetectedDocument } from './document-detection.ts';
import { partyAt, requireParty } from './party-reader.ts';
import { dateAt, DocumentReading, optionalText, quantityAt, required } from './ubl-reading.ts';
import { children, type XmlElement } from './xml-tree.ts';
import { elementPath } from './element-path.ts';

export function readDespatchAdvice(root: XmlElement, detected: DetectedDocument): DespatchAdviceDocument {
  const r = new DocumentReading(root, `DespatchAdvice ${optionalText(root, 'cbc:ID') ?? '(without ID)'}`);
  const documentId = required(r, root, 'cbc:ID', 'Schakel records the despatch by its number');
  const issueDate = dateAt(r, root, 'cbc:IssueDate', 'Schakel needs the date of the despatch advice');
  const despatchDate =
    dateAt(r, root, 'cac:Shipment/cac:Delivery/cac:Despatch/cbc:ActualDespatchDate') ?? issueDate;
  const supplier = requireParty(
    r,
    root,
    'cac:DespatchSupplierParty/cac:Party',
    'despatching party (cac:DespatchSupplierParty)',
    'Schakel needs to know who ships',
  );
  const customer =
    partyAt(root, 'cac:DeliveryCustomerParty/cac:Party', 'receiving party (cac:DeliveryCustomerParty)') ??
    null;
  const buyer = partyAt(root, 'cac:BuyerCustomerParty/cac:Party', 'buyer (cac:BuyerCustomerParty)') ?? null;
  const headerOrder = optionalText(root, 'cac:OrderReference/cbc:ID');
  const lines: OrderLineQuantity[] = [];
  const despatchLines = children(root, 'cac:DespatchLine');
  if (despatchLines.length === 0)
    r.missing(root, 'cac:DespatchLine', 'a despatch advice needs at least one line');
  for (const line of despatchLines) {
    const lineId = required(
      r,
      line,
      'cac:OrderLineReference/cbc:LineID',
      'Schakel books shipped quantities on the order line they belong to',
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
    const qty = quantityAt(
      r,
      line,
      'cbc:DeliveredQuantity',
      'Schakel needs the delivered quantity of every line',
    );
    if (qty && lt(qty.value, '0')) r.invalid(qty.el, 'a delivered quantity cannot be negative');
    // A line that only reports an outstanding quantity ships nothing.
    if (!lineId || !orderNumber || !qty || !gt(qty.value, '0')) continue;
    lines.push({ orderNumber, lineId, quantity: qty.value, unitCode: qty.unitCode, path: elementPath(line) });
  }
  if (despatchLines.length > 0 && lines.length === 0 && r.problems.length === 0) {
    r.invalid(root, 'no line ships a quantity above zero');
  }
  r.finish();
  return {
    documentType: 'DespatchAdvice',
    profile: detected.profile,
    documentId: documentId!,
    issueDate: issueDate!,
    sender: supplier!,
    receiver: customer,
    locate: () => undefined,
    despatchDate: despatchDate!,
    buyer: buyer ?? customer,
    lines,
  };
}
