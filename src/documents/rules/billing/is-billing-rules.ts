// Icelandic rules of Peppol BIS Billing 3 (IS-R-001…010, the "IS" pattern of PEPPOL-EN16931-UBL): extra
// requirements when the seller's address country is written IS, two also needing an Icelandic buyer. The
// pattern compares the address countries exactly as written (no trimming, no case folding). All implemented.
import { UBL_NS, contexts, has, msg, norm, rule, sel } from '../../rule-context.ts';
import type { DocumentScope, Rule } from '../../validation-types.ts';
import { isXsDate } from '../../xpath-values.ts';
import { normalizeSpace, stringValue, type XmlElement } from '../../xml-tree.ts';
import { addressCountryAsWritten, single } from './country-checks.ts';

const context = contexts({ ubl: UBL_NS.Invoice, cn: UBL_NS.CreditNote });

const SUPPLIER = 'cac:AccountingSupplierParty/cac:Party';
const sellerIS = (doc: DocumentScope): boolean => addressCountryAsWritten(doc, 'Supplier') === 'IS';

/** "path = 'value'" on the untrimmed values. */
const anyIs = (el: XmlElement, steps: string, value: string): boolean =>
  sel(el, steps).some((e) => stringValue(e) === value);
/** exists(path) and path/@schemeID = '0196' (kennitala). */
const kennitala = (el: XmlElement, steps: string): boolean => {
  const ids = sel(el, steps);
  return ids.length > 0 && ids.some((id) => id.attrs.schemeID === '0196');
};
const streetAndPostcode = (el: XmlElement, address: string): boolean =>
  has(el, `${address}/cbc:StreetName`) && has(el, `${address}/cbc:PostalZone`);
/** Payment means with `code` give a 12-character account (bank, ledger 66, account number), or there are none. */
const twelveDigitAccount = (el: XmlElement, code: string): boolean => {
  const means = sel(el, 'cac:PaymentMeans').filter((m) => anyIs(m, 'cbc:PaymentMeansCode', code));
  if (means.length === 0) return true;
  const ids = means.flatMap((m) => sel(m, 'cac:PayeeFinancialAccount/cbc:ID'));
  return ids.length > 0 && [...normalizeSpace(single(ids, 'normalize-space()'))].length === 12;
};
/** cac:AdditionalDocumentReference[cbc:DocumentDescription = 'EINDAGI'] (the final due date, eindagi). */
const eindagi = (el: XmlElement): XmlElement[] =>
  sel(el, 'cac:AdditionalDocumentReference').filter((r) => anyIs(r, 'cbc:DocumentDescription', 'EINDAGI'));
const typeIs380or381 = (code: string): boolean => !code.includes(' ') && ' 380 381 '.includes(` ${code} `);

// One context object per official rule context: the engine runs only the first matching context's rules.
const icelandicSellerDocument = context('ubl:Invoice | cn:CreditNote', (_el, doc) => sellerIS(doc));
const icelandicBuyer = context(
  'ubl:Invoice/cac:AccountingCustomerParty | cn:CreditNote/cac:AccountingCustomerParty',
  (_el, doc) => sellerIS(doc) && addressCountryAsWritten(doc, 'Customer') === 'IS',
);

/** IS-R-001…IS-R-010 in the official order. */
export const IS_BILLING_RULES: Rule[] = [
  rule(
    icelandicSellerDocument,
    'IS-R-001',
    'warning',
    (el) =>
      typeIs380or381(norm(el, 'cbc:InvoiceTypeCode')) || typeIs380or381(norm(el, 'cbc:CreditNoteTypeCode')),
    msg(
      'An Icelandic seller should use document type 380 (invoice) or 381 (credit note).',
      'Een IJslandse verkoper hoort documenttype 380 (factuur) of 381 (creditnota) te gebruiken.',
    ),
  ),
  rule(
    icelandicSellerDocument,
    'IS-R-002',
    'fatal',
    (el) => kennitala(el, `${SUPPLIER}/cac:PartyLegalEntity/cbc:CompanyID`),
    msg(
      'An Icelandic seller must give its kennitala as legal registration number (schemeID 0196).',
      'Een IJslandse verkoper moet zijn kennitala als registratienummer geven (schemeID 0196).',
    ),
  ),
  rule(
    icelandicSellerDocument,
    'IS-R-003',
    'fatal',
    (el) => streetAndPostcode(el, `${SUPPLIER}/cac:PostalAddress`),
    msg(
      "An Icelandic seller's address must contain the street name and postcode.",
      'Het adres van een IJslandse verkoper moet straatnaam en postcode bevatten.',
    ),
  ),
  rule(
    icelandicSellerDocument,
    'IS-R-006',
    'fatal',
    (el) => twelveDigitAccount(el, '9'),
    msg(
      'With payment means 9 an Icelandic seller must give a 12-digit account (bank, ledger 66 and account number).',
      'Bij betaalwijze 9 moet een IJslandse verkoper een rekening van 12 cijfers geven (bank, grootboek 66 en rekeningnummer).',
    ),
  ),
  rule(
    icelandicSellerDocument,
    'IS-R-007',
    'fatal',
    (el) => twelveDigitAccount(el, '42'),
    msg(
      'With payment means 42 an Icelandic seller must give a 12-digit account number.',
      'Bij betaalwijze 42 moet een IJslandse verkoper een rekeningnummer van 12 cijfers geven.',
    ),
  ),
  rule(
    icelandicSellerDocument,
    'IS-R-008',
    'fatal',
    (el) => {
      const refs = eindagi(el);
      if (refs.length === 0) return true;
      const ids = refs.flatMap((r) => sel(r, 'cbc:ID'));
      return [...single(ids, 'string-length()')].length === 10 && isXsDate(single(ids, 'string()'));
    },
    msg(
      'The final due date (AdditionalDocumentReference EINDAGI) must be a date written YYYY-MM-DD.',
      'De uiterste vervaldatum (AdditionalDocumentReference EINDAGI) moet een datum in de vorm JJJJ-MM-DD zijn.',
    ),
  ),
  rule(
    icelandicSellerDocument,
    'IS-R-009',
    'fatal',
    (el) => eindagi(el).length === 0 || has(el, 'cbc:DueDate'),
    msg(
      'With a final due date (EINDAGI) an Icelandic seller must also give the due date (cbc:DueDate).',
      'Met een uiterste vervaldatum (EINDAGI) moet een IJslandse verkoper ook de vervaldatum (cbc:DueDate) geven.',
    ),
  ),
  rule(
    icelandicSellerDocument,
    'IS-R-010',
    'fatal',
    (el) => {
      const refs = eindagi(el);
      if (refs.length === 0) return true;
      const finals = refs.flatMap((r) => sel(r, 'cbc:ID')).map(stringValue);
      // A general comparison of two untyped values compares them as strings.
      return sel(el, 'cbc:DueDate').some((d) => finals.some((f) => stringValue(d) <= f));
    },
    msg(
      'The due date must not be after the final due date (EINDAGI).',
      'De vervaldatum mag niet na de uiterste vervaldatum (EINDAGI) liggen.',
    ),
  ),
  rule(
    icelandicBuyer,
    'IS-R-004',
    'fatal',
    (el) => kennitala(el, 'cac:Party/cac:PartyLegalEntity/cbc:CompanyID'),
    msg(
      "An Icelandic buyer's legal registration number must be its kennitala (schemeID 0196).",
      'Het registratienummer van een IJslandse koper moet zijn kennitala zijn (schemeID 0196).',
    ),
  ),
  rule(
    icelandicBuyer,
    'IS-R-005',
    'fatal',
    (el) => streetAndPostcode(el, 'cac:Party/cac:PostalAddress'),
    msg(
      "An Icelandic buyer's address must contain the street name and postcode.",
      'Het adres van een IJslandse koper moet straatnaam en postcode bevatten.',
    ),
  ),
];
