// Writes an invoice recorded on an order as a UBL Invoice (Peppol BIS Billing 3 / EN 16931). The order
// model keeps what the three-way match needs (order line, quantity, price); VAT, payment terms and
// addresses are not in it: the VAT category and rate come from the caller (default S 21 %), payment
// terms refer to the order, addresses come from the companies' records — or, when the node received the
// invoice as a document, the postal addresses and payment means are written again from that document.
import Big from 'big.js';
import { DomainError } from '../domain/errors.ts';
import { findLine } from '../domain/order-create.ts';
import type { InvoicedItem } from '../domain/order-types.ts';
import type { ExportContext } from './export-context.ts';
import {
  itemElement,
  money,
  partyElement,
  rootElement,
  specificationIds,
  sumMoney,
  type ExportParty,
} from './ubl-writing.ts';
import { copyElement } from './xml-copy.ts';
import { first, path, type XmlElement } from './xml-tree.ts';
import { el, serializeXml, type XmlNode } from './xml-writer.ts';

/** VAT categories (UNCL 5305) Schakel can write, with the exemption reason EN 16931 asks for. */
const EXEMPTION: Record<string, string | null> = {
  S: null,
  Z: null,
  E: 'Exempt from VAT',
  AE: 'Reverse charge',
  O: 'Not subject to VAT',
};

export const VAT_CATEGORIES = Object.keys(EXEMPTION);

function taxCategory(name: string, category: string, percent: string | null, withReason: boolean): XmlNode {
  return el(
    name,
    {},
    el('cbc:ID', {}, category),
    percent !== null && el('cbc:Percent', {}, percent),
    withReason && EXEMPTION[category] && el('cbc:TaxExemptionReason', {}, EXEMPTION[category]),
    el('cac:TaxScheme', {}, el('cbc:ID', {}, 'VAT')),
  );
}

/**
 * Seller and buyer as EN 16931 wants them: endpoint, address with country, VAT number (unless category
 * O), legal name, and the Dutch KvK/OIN number as legal registration (Peppol NL-R-003). The buyer has at
 * most one identifier (BT-46, UBL-SR-16). When the invoice came in as a document, its postal address and
 * — for a VAT number the company records lack, e.g. a foreign one — its VAT registration are written again.
 */
function billingParty(
  p: ExportParty,
  vatCategory: string,
  original: XmlElement | undefined,
  role: 'seller' | 'buyer',
): XmlNode {
  const withoutVat =
    vatCategory === 'O' ? { ...p, identifiers: p.identifiers.filter((i) => i.scheme !== '9944') } : p;
  const party = partyElement(withoutVat, [
    'EndpointID',
    'PartyIdentification',
    'PartyName',
    'PostalAddress',
    'PartyTaxScheme',
    'PartyLegalEntity',
  ]);
  const registration = p.identifiers.find((i) => i.scheme === '0106' || i.scheme === '0190');
  const originalAddress = original && first(original, 'cac:PostalAddress');
  const originalVat =
    vatCategory !== 'O' && !party.children.some((c) => c.name === 'cac:PartyTaxScheme') && original
      ? path(original, 'cac:PartyTaxScheme').filter((t) => first(t, 'cac:TaxScheme/cbc:ID')?.text === 'VAT')
      : [];
  let identifications = 0;
  return {
    ...party,
    children: party.children.flatMap((c): XmlNode[] => {
      if (c.name === 'cac:PartyIdentification' && role === 'buyer' && identifications++ > 0) return [];
      if (c.name === 'cac:PostalAddress' && originalAddress) return [copyElement(originalAddress)];
      if (c.name === 'cac:PartyLegalEntity') {
        const entity = registration
          ? {
              ...c,
              children: [
                ...c.children,
                el('cbc:CompanyID', { schemeID: registration.scheme }, registration.value),
              ],
            }
          : c;
        return [...originalVat.map(copyElement), entity];
      }
      return [c];
    }),
  };
}

export function writeInvoice(ctx: ExportContext): string {
  const { order } = ctx;
  const invoice = ctx.ref
    ? order.invoices.find((i) => i.number === ctx.ref || i.id === ctx.ref)
    : order.invoices.at(-1);
  if (!invoice) {
    throw new DomainError(
      'not_found',
      ctx.ref
        ? `order ${order.number} has no invoice ${ctx.ref}`
        : `order ${order.number} has no invoices yet`,
      { field: 'ref' },
    );
  }
  const vat = ctx.vat ?? { category: 'S', percent: '21' };
  if (!(vat.category in EXEMPTION)) {
    throw new DomainError(
      'validation_failed',
      `VAT category ${vat.category} is not one Schakel writes; use ${VAT_CATEGORIES.join(', ')}`,
      {
        field: 'vat',
      },
    );
  }
  const source = ctx.invoiceSource ?? undefined;
  const percent = vat.category === 'O' ? null : vat.category === 'S' ? vat.percent : '0';
  const currency = order.currency;
  const lineAmounts = invoice.lines.map((l) => money(l.amount));
  const taxable = sumMoney(lineAmounts);
  const taxAmount =
    percent === null ? '0.00' : new Big(taxable).times(percent).div(100).round(2, Big.roundHalfUp).toFixed(2);
  const inclusive = new Big(taxable).plus(taxAmount).toFixed(2);
  const amount = (name: string, v: string): XmlNode => el(name, { currencyID: currency }, v);
  const doc = rootElement(
    'Invoice',
    specificationIds('Invoice', 'peppol'),
    el('cbc:ID', {}, invoice.number),
    el('cbc:IssueDate', {}, invoice.issueDate),
    el('cbc:InvoiceTypeCode', {}, '380'),
    el('cbc:DocumentCurrencyCode', {}, currency),
    el('cbc:BuyerReference', {}, order.number),
    el('cac:OrderReference', {}, el('cbc:ID', {}, order.number)),
    el(
      'cac:AccountingSupplierParty',
      {},
      billingParty(
        ctx.seller,
        vat.category,
        source && first(source, 'cac:AccountingSupplierParty/cac:Party'),
        'seller',
      ),
    ),
    el(
      'cac:AccountingCustomerParty',
      {},
      billingParty(
        ctx.buyer,
        vat.category,
        source && first(source, 'cac:AccountingCustomerParty/cac:Party'),
        'buyer',
      ),
    ),
    source && path(source, 'cac:PaymentMeans').map(copyElement),
    el('cac:PaymentTerms', {}, el('cbc:Note', {}, `Payment as agreed for order ${order.number}`)),
    el(
      'cac:TaxTotal',
      {},
      amount('cbc:TaxAmount', taxAmount),
      el(
        'cac:TaxSubtotal',
        {},
        amount('cbc:TaxableAmount', taxable),
        amount('cbc:TaxAmount', taxAmount),
        taxCategory('cac:TaxCategory', vat.category, percent, true),
      ),
    ),
    el(
      'cac:LegalMonetaryTotal',
      {},
      amount('cbc:LineExtensionAmount', taxable),
      amount('cbc:TaxExclusiveAmount', taxable),
      amount('cbc:TaxInclusiveAmount', inclusive),
      amount('cbc:PayableAmount', inclusive),
    ),
    invoice.lines.map((l, i) => {
      const line = l.lineId === null ? null : findLine(order, l.lineId);
      // A line that came without an order line reference goes out as it came: with its item's numbers
      // and no reference, so that the receiver matches it the same way (and a credit stays negative).
      const unitCode = line?.unitCode ?? l.item?.unitCode ?? 'C62';
      const item = l.item
        ? invoicedItemElement(l.item, line?.item.name ?? null)
        : itemElement(line!.item, ctx.profile);
      return el(
        'cac:InvoiceLine',
        {},
        el('cbc:ID', {}, String(i + 1)),
        el('cbc:InvoicedQuantity', { unitCode }, l.quantity),
        amount('cbc:LineExtensionAmount', lineAmounts[i]!),
        !l.item && line && el('cac:OrderLineReference', {}, el('cbc:LineID', {}, line.lineId)),
        // EN 16931 items carry no buyer's description element order beyond name and identifiers.
        withTax(item, taxCategory('cac:ClassifiedTaxCategory', vat.category, percent, false)),
        el(
          'cac:Price',
          {},
          amount('cbc:PriceAmount', l.price.amount),
          el('cbc:BaseQuantity', { unitCode }, l.price.baseQuantity),
        ),
      );
    }),
  );
  return serializeXml(doc);
}

/** The item as an invoice line without order line reference stated it (UBL order of the identifiers). */
function invoicedItemElement(item: InvoicedItem, orderedName: string | null): XmlNode {
  return el(
    'cac:Item',
    {},
    // EN 16931 requires an item name (BR-25); the order line's name stands in when the invoice had none.
    el('cbc:Name', {}, item.name ?? orderedName ?? 'Item'),
    item.buyerItemId && el('cac:BuyersItemIdentification', {}, el('cbc:ID', {}, item.buyerItemId)),
    item.sellerItemId && el('cac:SellersItemIdentification', {}, el('cbc:ID', {}, item.sellerItemId)),
    item.standardItemId &&
      el(
        'cac:StandardItemIdentification',
        {},
        el(
          'cbc:ID',
          item.standardItemId.scheme ? { schemeID: item.standardItemId.scheme } : {},
          item.standardItemId.value,
        ),
      ),
  );
}

/** Adds the item's tax category after its identifiers (cac:ClassifiedTaxCategory follows them in UBL). */
function withTax(item: XmlNode, tax: XmlNode): XmlNode {
  return { ...item, children: [...item.children, tax] };
}
