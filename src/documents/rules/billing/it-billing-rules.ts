// Italian rules of Peppol BIS Billing 3 (IT-R-001…004, the "IT" pattern of PEPPOL-EN16931-UBL): extra
// requirements when the seller is Italian, as the validator's $supplierCountry tells (the prefix of the
// seller's VAT number, else the tax representative's, else the seller's address country). All implemented.
import { UBL_NS, contexts, has, msg, norm, rule, sel } from '../../rule-context.ts';
import type { DocumentScope, Rule } from '../../validation-types.ts';
import { XPathError } from '../../xpath-values.ts';
import { normalizeSpace, stringValue } from '../../xml-tree.ts';

const context = contexts({ ubl: UBL_NS.Invoice, cn: UBL_NS.CreditNote });

/** "PartyTaxScheme[cac:TaxScheme/cbc:ID = 'VAT']/substring(cbc:CompanyID, 1, 2)" as a condition's only string. */
export function vatPrefix(doc: DocumentScope, steps: string): string {
  const prefixes = sel(doc.root, steps)
    .filter((s) => sel(s, 'cac:TaxScheme/cbc:ID').some((i) => stringValue(i) === 'VAT'))
    .map((s) => {
      const ids = sel(s, 'cbc:CompanyID');
      if (ids.length > 1) throw new XPathError('substring() of more than one VAT number');
      return ids[0] ? [...stringValue(ids[0])].slice(0, 2).join('') : '';
    });
  if (prefixes.length > 1) throw new XPathError('effective boolean value of more than one string');
  return prefixes[0] ?? '';
}

/** The validator's $supplierCountry. */
export function supplierCountry(doc: DocumentScope): string {
  return doc.memo('$supplierCountry', () => {
    for (const steps of [
      'cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme',
      'cac:TaxRepresentativeParty/cac:PartyTaxScheme',
    ]) {
      const prefix = vatPrefix(doc, steps);
      if (prefix !== '') return normalizeSpace(prefix).toUpperCase();
    }
    const codes = sel(
      doc.root,
      'cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode',
    );
    if (codes.length > 1) throw new XPathError('normalize-space() of more than one country code');
    return codes[0] ? normalizeSpace(stringValue(codes[0])).toUpperCase() : 'XX';
  });
}

const italianSeller = context(
  'cac:AccountingSupplierParty/cac:Party',
  (_el, doc) => supplierCountry(doc) === 'IT',
);
const address = (id: string, part: string, en: string, nl: string): Rule =>
  rule(
    italianSeller,
    id,
    'fatal',
    (el) => has(el, `cac:PostalAddress/cbc:${part}`),
    msg(
      `The address of an Italian seller needs the ${en}.`,
      `Het adres van een Italiaanse leverancier heeft de ${nl} nodig.`,
    ),
  );

/** IT-R-001…IT-R-004 in the official order. */
export const IT_BILLING_RULES: Rule[] = [
  rule(
    context(
      'cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme',
      (el, doc) => supplierCountry(doc) === 'IT' && norm(el, 'cac:TaxScheme/cbc:ID') !== 'VAT',
    ),
    'IT-R-001',
    'fatal',
    (el) => /^[A-Z0-9]{11,16}$/.test(norm(el, 'cbc:CompanyID')),
    msg(
      "An Italian seller's fiscal code (codice fiscale) must be 11 to 16 capital letters or digits.",
      'De fiscale code (codice fiscale) van een Italiaanse leverancier moet uit 11 tot 16 hoofdletters of cijfers bestaan.',
    ),
  ),
  address('IT-R-002', 'StreetName', 'street name', 'straatnaam'),
  address('IT-R-003', 'CityName', 'city', 'plaats'),
  address('IT-R-004', 'PostalZone', 'postcode', 'postcode'),
];
