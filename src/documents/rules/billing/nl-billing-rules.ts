// Dutch rules of Peppol BIS Billing 3 (NL-R-001…009, the "NL" pattern of PEPPOL-EN16931-UBL): extra
// requirements when the seller is established in the Netherlands. All implemented.
import { UBL_NS, contexts, decimal, everywhere, has, msg, norm, rule, sel } from '../../rule-context.ts';
import type { DocumentScope, Rule } from '../../validation-types.ts';
import { normalizeSpace, stringValue, type XmlElement } from '../../xml-tree.ts';

const context = contexts({ ubl: UBL_NS.Invoice, cn: UBL_NS.CreditNote });

const countryIsNL = (doc: DocumentScope, path: string): boolean =>
  norm(doc.root, `${path}/cac:Country/cbc:IdentificationCode`).toUpperCase() === 'NL';
const supplierNL = (doc: DocumentScope): boolean =>
  countryIsNL(doc, 'cac:AccountingSupplierParty/cac:Party/cac:PostalAddress');
const customerNL = (doc: DocumentScope): boolean =>
  countryIsNL(doc, 'cac:AccountingCustomerParty/cac:Party/cac:PostalAddress');
const representativeNL = (doc: DocumentScope): boolean =>
  countryIsNL(doc, 'cac:TaxRepresentativeParty/cac:PostalAddress');

const fullAddress = (el: XmlElement): boolean =>
  has(el, 'cbc:StreetName') && has(el, 'cbc:CityName') && has(el, 'cbc:PostalZone');
const kvkOrOin = (el: XmlElement): boolean => {
  const scheme = ` ${el.attrs.schemeID ?? ''} `;
  return (scheme.includes(' 0106 ') || scheme.includes(' 0190 ')) && normalizeSpace(stringValue(el)) !== '';
};

const ADDRESS_EN = 'must contain the street name, city and postcode';
const ADDRESS_NL = 'moet straatnaam, plaats en postcode bevatten';

/** NL-R-001…NL-R-009 in the official order. */
export const NL_BILLING_RULES: Rule[] = [
  rule(
    context('cbc:CreditNoteTypeCode', (_el, doc) => supplierNL(doc)),
    'NL-R-001',
    'fatal',
    (_el, doc) => has(doc.root, 'cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID'),
    msg(
      'A Dutch supplier must refer to the original invoice in a credit note (cac:BillingReference).',
      'Een Nederlandse leverancier moet in een creditnota naar de oorspronkelijke factuur verwijzen (cac:BillingReference).',
    ),
  ),
  rule(
    context('cac:AccountingSupplierParty/cac:Party/cac:PostalAddress', (_el, doc) => supplierNL(doc)),
    'NL-R-002',
    'fatal',
    fullAddress,
    msg(
      `The address of a Dutch supplier ${ADDRESS_EN}.`,
      `Het adres van een Nederlandse leverancier ${ADDRESS_NL}.`,
    ),
  ),
  rule(
    context('cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID', (_el, doc) =>
      supplierNL(doc),
    ),
    'NL-R-003',
    'fatal',
    kvkOrOin,
    msg(
      'A Dutch supplier must give its KVK number (schemeID 0106) or OIN (schemeID 0190) as legal registration number.',
      'Een Nederlandse leverancier moet zijn KVK-nummer (schemeID 0106) of OIN (schemeID 0190) als registratienummer geven.',
    ),
  ),
  rule(
    context(
      'cac:AccountingCustomerParty/cac:Party/cac:PostalAddress',
      (_el, doc) => supplierNL(doc) && customerNL(doc),
    ),
    'NL-R-004',
    'fatal',
    fullAddress,
    msg(
      `The address of a Dutch customer ${ADDRESS_EN}.`,
      `Het adres van een Nederlandse klant ${ADDRESS_NL}.`,
    ),
  ),
  rule(
    context(
      'cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID',
      (_el, doc) => supplierNL(doc) && customerNL(doc),
    ),
    'NL-R-005',
    'fatal',
    kvkOrOin,
    msg(
      "A Dutch customer's legal registration number must be a KVK number (0106) or OIN (0190).",
      'Het registratienummer van een Nederlandse klant moet een KVK-nummer (0106) of OIN (0190) zijn.',
    ),
  ),
  rule(
    context(
      'cac:TaxRepresentativeParty/cac:PostalAddress',
      (_el, doc) => supplierNL(doc) && representativeNL(doc),
    ),
    'NL-R-006',
    'fatal',
    fullAddress,
    msg(
      `The address of a Dutch tax representative ${ADDRESS_EN}.`,
      `Het adres van een Nederlandse fiscaal vertegenwoordiger ${ADDRESS_NL}.`,
    ),
  ),
  rule(
    context('cac:LegalMonetaryTotal', (_el, doc) => supplierNL(doc)),
    'NL-R-007',
    'fatal',
    (el, doc) => {
      const isInvoice = doc.root.ns === UBL_NS.Invoice && doc.root.name === 'Invoice';
      const isCreditNote = doc.root.ns === UBL_NS.CreditNote && doc.root.name === 'CreditNote';
      const payable = () => decimal(el, 'cbc:PayableAmount');
      if (isInvoice) {
        const p = payable();
        if (p !== undefined && p.lte(0)) return true;
      }
      if (isCreditNote) {
        const p = payable();
        if (p !== undefined && p.gte(0)) return true;
      }
      return everywhere(doc, 'cac:PaymentMeans').length > 0;
    },
    msg(
      'A Dutch supplier must say how to pay (cac:PaymentMeans) when the customer has to pay.',
      'Een Nederlandse leverancier moet aangeven hoe betaald moet worden (cac:PaymentMeans) als de klant moet betalen.',
    ),
  ),
  rule(
    context('cac:PaymentMeans', (_el, doc) => supplierNL(doc) && customerNL(doc)),
    'NL-R-008',
    'fatal',
    (el) => ['30', '48', '49', '57', '58', '59'].includes(norm(el, 'cbc:PaymentMeansCode')),
    msg(
      'Between Dutch companies the payment means code must be 30, 48, 49, 57, 58 or 59.',
      'Tussen Nederlandse bedrijven moet de betaalwijzecode 30, 48, 49, 57, 58 of 59 zijn.',
    ),
  ),
  rule(
    context('cac:OrderLineReference/cbc:LineID', (_el, doc) => supplierNL(doc)),
    'NL-R-009',
    'fatal',
    (_el, doc) => sel(doc.root, 'cac:OrderReference/cbc:ID').length > 0,
    msg(
      'A line refers to an order line, so the invoice must also give the order number (cac:OrderReference/cbc:ID).',
      'Een regel verwijst naar een orderregel, dus de factuur moet ook het ordernummer geven (cac:OrderReference/cbc:ID).',
    ),
  ),
];
