// Swedish rules of Peppol BIS Billing 3 (SE-R-001…013, the "SE" pattern of PEPPOL-EN16931-UBL): extra
// requirements when the seller's address country is SE, some only when its VAT number also starts with
// SE. The pattern compares the country code and the VAT prefix exactly as written. All implemented.
import { contexts, has, msg, norm, num, rule, sel } from '../../rule-context.ts';
import type { DocumentScope, Rule } from '../../validation-types.ts';
import { xNumber } from '../../xpath-values.ts';
import { normalizeSpace, stringValue, type XmlElement } from '../../xml-tree.ts';
import { checkSEOrgnr, single, substring } from './country-checks.ts';

const context = contexts();

const SUPPLIER = 'cac:AccountingSupplierParty/cac:Party';
const COUNTRY = 'cac:PostalAddress/cac:Country/cbc:IdentificationCode';

/** "path = 'value'…" on the untrimmed values. */
const anyIs = (el: XmlElement, steps: string, ...values: string[]): boolean =>
  sel(el, steps).some((e) => values.includes(stringValue(e)));
/** cac:PartyTaxScheme[cac:TaxScheme/cbc:ID = 'VAT']. */
const vatSchemes = (party: XmlElement): XmlElement[] =>
  sel(party, 'cac:PartyTaxScheme').filter((s) => anyIs(s, 'cac:TaxScheme/cbc:ID', 'VAT'));
/** The party's VAT numbers (cac:PartyTaxScheme[…'VAT']/cbc:CompanyID). */
const vatNumbers = (party: XmlElement): XmlElement[] =>
  vatSchemes(party).flatMap((s) => sel(s, 'cbc:CompanyID'));
/** A party with a Swedish address and a VAT number starting with SE. */
const swedishVatParty = (party: XmlElement): boolean =>
  anyIs(party, COUNTRY, 'SE') &&
  vatSchemes(party).some((s) => substring(single(sel(s, 'cbc:CompanyID'), 'substring()'), 1, 2) === 'SE');
/** //cac:AccountingSupplierParty/cac:Party[…] exists. */
const anySeller = (doc: DocumentScope, test: (party: XmlElement) => boolean, key: string): boolean =>
  doc.memo(`SE seller ${key}`, () => sel(doc.root, SUPPLIER).some(test));
const swedishSeller = (doc: DocumentScope): boolean =>
  anySeller(doc, (p) => anyIs(p, COUNTRY, 'SE'), 'address');
const swedishVatSeller = (doc: DocumentScope): boolean => anySeller(doc, swedishVatParty, 'VAT');
const swedishBuyer = (doc: DocumentScope): boolean =>
  sel(doc.root, 'cac:AccountingCustomerParty/cac:Party').some((p) => anyIs(p, COUNTRY, 'SE'));

/** A Swedish seller's credit transfer to a Bankgiro or Plusgiro account (SE:BANKGIRO / SE:PLUSGIRO). */
const giroAccount = (branch: string) => (el: XmlElement, doc: DocumentScope) => {
  const means = el.parent!.parent!;
  return (
    swedishSeller(doc) &&
    normalizeSpace(single(sel(means, 'cbc:PaymentMeansCode'), 'normalize-space()')) === '30' &&
    norm(means, 'cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID') === branch
  );
};
const isNumber = (el: XmlElement): boolean => !Number.isNaN(xNumber(normalizeSpace(stringValue(el))));
const length = (el: XmlElement): number => [...normalizeSpace(stringValue(el))].length;

// One context object per official rule context: the engine runs only the first matching context's rules.
const swedishVatSellerParty = context(SUPPLIER, swedishVatParty);
const swedishLegalEntity = context(
  `${SUPPLIER}/cac:PartyLegalEntity`,
  (el) => anyIs(el, `../${COUNTRY}`, 'SE') && has(el, 'cbc:CompanyID'),
);
const swedishOtherTaxScheme = context(`${SUPPLIER}/cac:PartyTaxScheme/cbc:CompanyID`, (el) => {
  const scheme = el.parent!;
  const party = scheme.parent!;
  return (
    anyIs(party, COUNTRY, 'SE') &&
    has(party, 'cac:PartyLegalEntity/cbc:CompanyID') &&
    normalizeSpace(single(sel(scheme, 'cac:TaxScheme/cbc:ID'), 'upper-case()').toUpperCase()) !== 'VAT'
  );
});
const swedishStandardRate = context(
  'cac:TaxCategory | cac:ClassifiedTaxCategory',
  (el, doc) => swedishVatSeller(doc) && anyIs(el, 'cbc:ID', 'S'),
);
const plusgiro = context('cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID', giroAccount('SE:PLUSGIRO'));
const bankgiro = context('cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID', giroAccount('SE:BANKGIRO'));
const swedishGiroCode = context(
  'cac:PaymentMeans',
  (el, doc) => swedishSeller(doc) && anyIs(el, 'cbc:PaymentMeansCode', '50', '56'),
);
const swedishDomesticCode31 = context(
  'cac:PaymentMeans',
  (el, doc) => swedishSeller(doc) && swedishBuyer(doc) && anyIs(el, 'cbc:PaymentMeansCode', '31'),
);

/** SE-R-001…SE-R-013 in the official order. */
export const SE_BILLING_RULES: Rule[] = [
  rule(
    swedishVatSellerParty,
    'SE-R-001',
    'fatal',
    (el) => [...normalizeSpace(single(vatNumbers(el), 'normalize-space()'))].length === 14,
    msg(
      'A Swedish VAT number must have 14 characters (SE, 10 digits, 01).',
      'Een Zweeds btw-nummer moet 14 tekens hebben (SE, 10 cijfers, 01).',
    ),
  ),
  rule(
    swedishVatSellerParty,
    'SE-R-002',
    'fatal',
    (el) => !Number.isNaN(xNumber(substring(single(vatNumbers(el), 'substring()'), 3, 12))),
    msg(
      'The 12 characters after SE in a Swedish VAT number must be digits.',
      'De 12 tekens na SE in een Zweeds btw-nummer moeten cijfers zijn.',
    ),
  ),
  rule(
    swedishLegalEntity,
    'SE-R-003',
    'fatal',
    (el) => !Number.isNaN(num(el, 'cbc:CompanyID')),
    msg(
      'A Swedish organisation number (PartyLegalEntity/CompanyID) must be numeric.',
      'Een Zweeds organisatienummer (PartyLegalEntity/CompanyID) moet numeriek zijn.',
    ),
  ),
  rule(
    swedishLegalEntity,
    'SE-R-004',
    'fatal',
    (el) => [...norm(el, 'cbc:CompanyID')].length === 10,
    msg(
      'A Swedish organisation number (PartyLegalEntity/CompanyID) must have 10 characters.',
      'Een Zweeds organisatienummer (PartyLegalEntity/CompanyID) moet 10 tekens hebben.',
    ),
  ),
  rule(
    swedishLegalEntity,
    'SE-R-013',
    'fatal',
    (el) => checkSEOrgnr(norm(el, 'cbc:CompanyID')),
    msg(
      'The last digit of a Swedish organisation number must be its Luhn check digit.',
      'Het laatste cijfer van een Zweeds organisatienummer moet het Luhn-controlecijfer zijn.',
    ),
  ),
  rule(
    swedishOtherTaxScheme,
    'SE-R-005',
    'fatal',
    (el) => normalizeSpace(stringValue(el).toUpperCase()) === 'GODKÄND FÖR F-SKATT',
    msg(
      'A Swedish seller\'s tax registration other than VAT must read "Godkänd för F-skatt".',
      'Een andere belastingregistratie dan btw van een Zweedse verkoper moet "Godkänd för F-skatt" luiden.',
    ),
  ),
  rule(
    swedishStandardRate,
    'SE-R-006',
    'fatal',
    (el) => [25, 12, 6].includes(num(el, 'cbc:Percent')),
    msg(
      'A Swedish seller uses only the standard VAT rates 25, 12 or 6 percent (category S).',
      'Een Zweedse verkoper gebruikt alleen de btw-tarieven 25, 12 of 6 procent (categorie S).',
    ),
  ),
  rule(
    plusgiro,
    'SE-R-007',
    'warning',
    isNumber,
    msg('A Plusgiro account number must be numeric.', 'Een Plusgiro-rekeningnummer moet numeriek zijn.'),
  ),
  rule(
    plusgiro,
    'SE-R-010',
    'warning',
    (el) => length(el) >= 2 && length(el) <= 8,
    msg(
      'A Plusgiro account number must have 2 to 8 characters.',
      'Een Plusgiro-rekeningnummer moet 2 tot 8 tekens hebben.',
    ),
  ),
  rule(
    bankgiro,
    'SE-R-008',
    'warning',
    isNumber,
    msg('A Bankgiro account number must be numeric.', 'Een Bankgiro-rekeningnummer moet numeriek zijn.'),
  ),
  rule(
    bankgiro,
    'SE-R-009',
    'warning',
    (el) => length(el) === 7 || length(el) === 8,
    msg(
      'A Bankgiro account number must have 7 or 8 characters.',
      'Een Bankgiro-rekeningnummer moet 7 of 8 tekens hebben.',
    ),
  ),
  rule(
    swedishGiroCode,
    'SE-R-011',
    'warning',
    () => false,
    msg(
      'A Swedish seller indicates Bankgiro or Plusgiro with payment means code 30 and branch SE:BANKGIRO or SE:PLUSGIRO, not code 50 or 56.',
      'Een Zweedse verkoper geeft Bankgiro of Plusgiro aan met betaalwijzecode 30 en filiaal SE:BANKGIRO of SE:PLUSGIRO, niet met code 50 of 56.',
    ),
  ),
  rule(
    swedishDomesticCode31,
    'SE-R-012',
    'warning',
    () => false,
    msg(
      'Between Swedish parties a credit transfer is indicated with payment means code 30, not 31.',
      'Tussen Zweedse partijen wordt een overschrijving aangegeven met betaalwijzecode 30, niet 31.',
    ),
  ),
];
