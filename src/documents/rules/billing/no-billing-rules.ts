// Norwegian rules of Peppol BIS Billing 3 (NO-R-001…002, the "NO" pattern of PEPPOL-EN16931-UBL): extra
// requirements when the validator's $supplierCountry is NO. All implemented.
import { UBL_NS, contexts, msg, rule, sel } from '../../rule-context.ts';
import type { Rule } from '../../validation-types.ts';
import { XPathError } from '../../xpath-values.ts';
import { normalizeSpace, type XmlElement } from '../../xml-tree.ts';
import { mod11, single, substring, supplierCountry } from './country-checks.ts';

const context = contexts({ ubl: UBL_NS.Invoice, cn: UBL_NS.CreditNote });

/** cac:PartyTaxScheme[normalize-space(cac:TaxScheme/cbc:ID) = scheme]. */
const taxSchemes = (party: XmlElement, scheme: string): XmlElement[] =>
  sel(party, 'cac:PartyTaxScheme').filter(
    (s) => normalizeSpace(single(sel(s, 'cac:TaxScheme/cbc:ID'), 'normalize-space()')) === scheme,
  );

/** The one string of "scheme/f(cbc:CompanyID)" where a function takes a single value ('' for none). */
function onlyOne(values: string[], what: string): string {
  if (values.length > 1) throw new XPathError(`${what} of more than one value`);
  return values[0] ?? '';
}

const norwegianSeller = context(
  'cac:AccountingSupplierParty/cac:Party',
  (_el, doc) => supplierCountry(doc) === 'NO',
);

/** NO-R-002 and NO-R-001 in the official order. */
export const NO_BILLING_RULES: Rule[] = [
  rule(
    norwegianSeller,
    'NO-R-002',
    'warning',
    (el) =>
      normalizeSpace(
        single(
          taxSchemes(el, 'TAX').flatMap((s) => sel(s, 'cbc:CompanyID')),
          'normalize-space()',
        ),
      ) === 'Foretaksregisteret',
    msg(
      'Most Norwegian sellers (AS, ASA, branches of foreign companies) must state "Foretaksregisteret" (PartyTaxScheme with TaxScheme TAX).',
      'De meeste Noorse verkopers (AS, ASA, filialen van buitenlandse bedrijven) moeten "Foretaksregisteret" vermelden (PartyTaxScheme met TaxScheme TAX).',
    ),
  ),
  rule(
    norwegianSeller,
    'NO-R-001',
    'fatal',
    (el) => {
      const vat = taxSchemes(el, 'VAT');
      const ids = vat.map((s) => single(sel(s, 'cbc:CompanyID'), 'substring()'));
      if (!ids.some((id) => substring(id, 1, 2) === 'NO')) return true;
      if (
        !/^[0-9]{9}MVA$/.test(
          onlyOne(
            ids.map((id) => substring(id, 3)),
            'matches()',
          ),
        )
      )
        return false;
      const all = vat.flatMap((s) => sel(s, 'cbc:CompanyID'));
      return mod11(substring(single(all, 'substring()'), 3, 9));
    },
    msg(
      'A Norwegian VAT number must be NO, a valid nine-digit organisation number and MVA (e.g. NO123456785MVA).',
      'Een Noors btw-nummer moet bestaan uit NO, een geldig organisatienummer van negen cijfers en MVA (bijv. NO123456785MVA).',
    ),
  ),
];
