// Reads an Invoice or CreditNote (Peppol BIS Billing 3 / EN 16931, plain UBL) for the three-way match:
// the order it bills (cac:OrderReference, else the buyer reference) and per line the order line (or,
// without an order line reference, the item's numbers to find it by), quantity and price. Negative
// invoiced quantities are credit lines. Taxes, allowances and payment details stay in the stored document.
import type { InvoicedItem } from '../domain/order-types.ts';
import type { InvoiceDocument, InvoiceLineRef } from './document-model.ts';
import type { DetectedDocument } from './document-detection.ts';
import { partyAt, requireParty } from './party-reader.ts';
import { dateAt, decimalAt, DocumentReading, optionalText, quantityAt, required } from './ubl-reading.ts';
import { children, first, path, type XmlElement } from './xml-tree.ts';
import { elementPath } from './element-path.ts';

/** The standard item identifier (BT-157, e.g. a GTIN with scheme 0160) of an invoice line's item. */
export function readStandardItemId(item: XmlElement | undefined): InvoicedItem['standardItemId'] {
  const id = item && first(item, 'cac:StandardItemIdentification/cbc:ID');
  if (!id?.text) return null;
  return { value: id.text, scheme: id.attrs.schemeID?.trim() || null };
}

/** The item as an invoice line states it, for matching a line that names no order line. */
function readInvoicedItem(line: XmlElement, unitCode: string | null): InvoicedItem {
  const item = first(line, 'cac:Item');
  return {
    name: (item && optionalText(item, 'cbc:Name')) ?? null,
    sellerItemId: (item && optionalText(item, 'cac:SellersItemIdentification/cbc:ID')) ?? null,
    buyerItemId: (item && optionalText(item, 'cac:BuyersItemIdentification/cbc:ID')) ?? null,
    standardItemId: readStandardItemId(item),
    unitCode,
  };
}

export function readInvoice(root: XmlElement, detected: DetectedDocument): InvoiceDocument {
  const credit = detected.documentType === 'CreditNote';
  const kind = credit ? 'CreditNote' : 'Invoice';
  const r = new DocumentReading(root, `${kind} ${optionalText(root, 'cbc:ID') ?? '(without ID)'}`);
  const documentId = required(
    r,
    root,
    'cbc:ID',
    `Schakel records the ${credit ? 'credit note' : 'invoice'} by its number`,
  );
  const issueDate = dateAt(r, root, 'cbc:IssueDate', 'Schakel needs the invoice date');
  const currency = required(
    r,
    root,
    'cbc:DocumentCurrencyCode',
    'Schakel compares the invoice with the order in one currency',
  );
  const supplier = requireParty(
    r,
    root,
    'cac:AccountingSupplierParty/cac:Party',
    'seller (cac:AccountingSupplierParty)',
    'Schakel needs to know who invoices',
  );
  const customer =
    partyAt(root, 'cac:AccountingCustomerParty/cac:Party', 'buyer (cac:AccountingCustomerParty)') ?? null;
  // The purchase order number belongs in BT-13 (OrderReference); many buyers ask for it in BT-10 instead.
  const orderReference = optionalText(root, 'cac:OrderReference/cbc:ID');
  const buyerReference = optionalText(root, 'cbc:BuyerReference');
  const orderNumber = orderReference ?? buyerReference;
  const creditedInvoices = path(root, 'cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID')
    .map((e) => e.text)
    .filter(Boolean);
  if (!credit && !orderNumber) {
    r.missing(
      root,
      'cac:OrderReference/cbc:ID',
      'Schakel matches every invoice with the order it bills (or give the order number as cbc:BuyerReference)',
    );
  }
  const lineName = credit ? 'cac:CreditNoteLine' : 'cac:InvoiceLine';
  const quantityName = credit ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity';
  const lines: InvoiceLineRef[] = [];
  for (const line of children(root, lineName)) {
    // Without an order line reference (BT-132) the line is matched by its item's numbers.
    const ref = optionalText(line, 'cac:OrderLineReference/cbc:LineID') ?? null;
    const qty = quantityAt(r, line, quantityName, 'Schakel needs the invoiced quantity of every line');
    const amount = decimalAt(
      r,
      line,
      'cac:Price/cbc:PriceAmount',
      'Schakel compares every invoice line with the agreed price',
    );
    const baseQuantity = decimalAt(r, line, 'cac:Price/cbc:BaseQuantity');
    if (!qty || amount === undefined) continue;
    lines.push({
      lineId: ref,
      item: ref ? null : readInvoicedItem(line, qty.unitCode),
      quantity: qty.value,
      unitCode: qty.unitCode,
      price: { amount, ...(baseQuantity !== undefined ? { baseQuantity } : {}) },
      path: elementPath(line),
    });
  }
  if (children(root, lineName).length === 0)
    r.missing(
      root,
      lineName,
      `${kind === 'Invoice' ? 'an invoice' : 'a credit note'} needs at least one line`,
    );
  r.finish();
  return {
    documentType: kind,
    profile: detected.profile,
    documentId: documentId!,
    issueDate: issueDate!,
    sender: supplier!,
    receiver: customer,
    locate: () => undefined,
    currency: currency!,
    orderNumber: orderNumber ?? null,
    orderNumberFrom: orderReference ? 'OrderReference' : buyerReference ? 'BuyerReference' : null,
    creditedInvoices,
    lines,
    payable: decimalAt(r, root, 'cac:LegalMonetaryTotal/cbc:PayableAmount') ?? null,
  };
}
