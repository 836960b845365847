// Reads an Invoice or CreditNote (Peppol BIS Billing 3 / EN 16931, plain UBL) for the three-way match:
// the order it bills (cac:OrderReference, else the buyer reference) and per line the order line,
// quantity and price. Taxes, allowances and payment details stay in the stored document.
import { lt } from '../domain/decimal.ts';
import type { InvoiceDocument, InvoiceLineRef } from './document-model.ts';
import type { DetectedDocument } from './document-detection.ts';
import { partyAt, requireParty } from './party-reader.ts';
import { dateAt, decimalAt, DocumentReading, optionalText, quantityAt, required } from './ubl-reading.ts';
import { children, path, type XmlElement } from './xml-tree.ts';
import { elementPath } from './element-path.ts';

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
  const orderNumber =
    optionalText(root, 'cac:OrderReference/cbc:ID') ?? optionalText(root, 'cbc:BuyerReference');
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
    const ref = optionalText(line, 'cac:OrderLineReference/cbc:LineID');
    if (!ref && !credit) {
      r.missing(
        line,
        'cac:OrderLineReference/cbc:LineID',
        'Schakel matches every invoice line with the order line it bills (three-way match)',
      );
    }
    const qty = quantityAt(r, line, quantityName, 'Schakel needs the invoiced quantity of every line');
    if (qty && lt(qty.value, '0')) {
      r.unsupported(
        qty.el,
        `a negative quantity (${qty.value}) cannot be matched with an order line; credit it with a CreditNote instead`,
      );
    }
    const amount = decimalAt(
      r,
      line,
      'cac:Price/cbc:PriceAmount',
      'Schakel compares every invoice line with the agreed price',
    );
    const baseQuantity = decimalAt(r, line, 'cac:Price/cbc:BaseQuantity');
    if (!ref || !qty || amount === undefined) continue;
    lines.push({
      lineId: ref,
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
    creditedInvoices,
    lines,
    payable: decimalAt(r, root, 'cac:LegalMonetaryTotal/cbc:PayableAmount') ?? null,
  };
}
