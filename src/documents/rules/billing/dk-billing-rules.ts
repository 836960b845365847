// Danish rules of Peppol BIS Billing 3 (DK-R-002…017, the "DK" pattern of PEPPOL-EN16931-UBL): extra
// requirements when the seller's address country is written DK, most also needing a Danish buyer. The
// pattern compares the address countries exactly as written (no trimming, no case folding). All implemented.
import { UBL_NS, contexts, has, msg, num, rule, sel } from '../../rule-context.ts';
import type { DocumentScope, Rule } from '../../validation-types.ts';
import { xNumber } from '../../xpath-values.ts';
import { normalizeSpace, stringValue, type XmlElement } from '../../xml-tree.ts';
import { addressCountryAsWritten, normAttr, single, substring } from './country-checks.ts';

const context = contexts({ ubl: UBL_NS.Invoice, cn: UBL_NS.CreditNote });

const sellerDK = (doc: DocumentScope): boolean => addressCountryAsWritten(doc, 'Supplier') === 'DK';
const bothDK = (_el: XmlElement, doc: DocumentScope): boolean =>
  sellerDK(doc) && addressCountryAsWritten(doc, 'Customer') === 'DK';

/** normalize-space(path/text()): '' when none; more than one is an error. */
const normOf = (el: XmlElement, steps: string): string =>
  normalizeSpace(
    single(
      sel(el, steps).filter((e) => e.rawText !== ''),
      'normalize-space()',
    ),
  );
/** "path = 'a' or path = 'b'…" on the untrimmed values. */
const anyIs = (el: XmlElement, steps: string, ...values: string[]): boolean =>
  sel(el, steps).some((e) => values.includes(stringValue(e)));
/** substring(cbc:PaymentID, 1, 3). */
const paymentIdPrefix = (el: XmlElement): string =>
  substring(single(sel(el, 'cbc:PaymentID'), 'substring()'), 1, 3);
/** string-length(cbc:PaymentID). */
const paymentIdLength = (el: XmlElement): number =>
  [...single(sel(el, 'cbc:PaymentID'), 'string-length()')].length;
/** string(path) of zero or one elements. */
const str = (el: XmlElement, steps: string, what: string): string => single(sel(el, steps), what);

const SUPPLIER = 'cac:AccountingSupplierParty/cac:Party';
// One context object per official rule context: the engine runs only the first matching context's rules.
const danishSellerDocument = context('ubl:Invoice | cn:CreditNote', (_el, doc) => sellerDK(doc));
// Invoices only, as in the official pattern.
const danishPaymentMeans = context('ubl:Invoice/cac:PaymentMeans', bothDK);
const BOTH = (p: string): string => `ubl:Invoice/${p} | cn:CreditNote/${p}`;

/** The DK rules in the official order (DK-R-002, 014, 016, 013, 005…011, 017, 003, 004). */
export const DK_BILLING_RULES: Rule[] = [
  rule(
    danishSellerDocument,
    'DK-R-002',
    'fatal',
    (el) => normOf(el, `${SUPPLIER}/cac:PartyLegalEntity/cbc:CompanyID`) !== '',
    msg(
      'A Danish seller must give its legal registration number (CVR number, PartyLegalEntity/CompanyID).',
      'Een Deense verkoper moet zijn registratienummer (CVR-nummer, PartyLegalEntity/CompanyID) geven.',
    ),
  ),
  rule(
    danishSellerDocument,
    'DK-R-014',
    'fatal',
    (el) =>
      !has(el, `${SUPPLIER}/cac:PartyLegalEntity/cbc:CompanyID`) ||
      normAttr(el, `${SUPPLIER}/cac:PartyLegalEntity/cbc:CompanyID`, 'schemeID') === '0184',
    msg(
      "A Danish seller's legal registration number must have schemeID 0184 (CVR number).",
      'Het registratienummer van een Deense verkoper moet schemeID 0184 (CVR-nummer) hebben.',
    ),
  ),
  rule(
    danishSellerDocument,
    'DK-R-016',
    'fatal',
    (el, doc) =>
      !(
        el.ns === UBL_NS.CreditNote &&
        el.name === 'CreditNote' &&
        addressCountryAsWritten(doc, 'Customer') === 'DK' &&
        num(el, 'cac:LegalMonetaryTotal/cbc:PayableAmount') < 0
      ),
    msg(
      'A credit note of a Danish seller to a Danish buyer cannot have a negative amount due (PayableAmount).',
      'Een creditnota van een Deense verkoper aan een Deense koper mag geen negatief te betalen bedrag (PayableAmount) hebben.',
    ),
  ),
  rule(
    context(
      BOTH(`${SUPPLIER}/cac:PartyIdentification`) +
        ' | ' +
        BOTH('cac:AccountingCustomerParty/cac:Party/cac:PartyIdentification'),
      bothDK,
    ),
    'DK-R-013',
    'fatal',
    (el) => !(has(el, 'cbc:ID') && normAttr(el, 'cbc:ID', 'schemeID') === ''),
    msg(
      'Between Danish parties a party identifier (PartyIdentification/ID) must have a schemeID.',
      'Tussen Deense partijen moet een partij-identificatie (PartyIdentification/ID) een schemeID hebben.',
    ),
  ),
  rule(
    danishPaymentMeans,
    'DK-R-005',
    'fatal',
    (el) => ' 1 10 31 42 48 49 50 58 59 93 97 '.includes(` ${str(el, 'cbc:PaymentMeansCode', 'concat()')} `),
    msg(
      'Between Danish parties the payment means code must be 1, 10, 31, 42, 48, 49, 50, 58, 59, 93 or 97.',
      'Tussen Deense partijen moet de betaalwijzecode 1, 10, 31, 42, 48, 49, 50, 58, 59, 93 of 97 zijn.',
    ),
  ),
  rule(
    danishPaymentMeans,
    'DK-R-006',
    'fatal',
    (el) =>
      !(
        anyIs(el, 'cbc:PaymentMeansCode', '31', '42') &&
        !(
          normOf(el, 'cac:PayeeFinancialAccount/cbc:ID') !== '' &&
          normOf(el, 'cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID') !== ''
        )
      ),
    msg(
      'With payment means 31 or 42 a Danish seller must give the bank account and the registration number (FinancialInstitutionBranch/ID).',
      'Bij betaalwijze 31 of 42 moet een Deense verkoper het rekeningnummer en het registratienummer (FinancialInstitutionBranch/ID) geven.',
    ),
  ),
  rule(
    danishPaymentMeans,
    'DK-R-007',
    'fatal',
    (el) =>
      !(
        anyIs(el, 'cbc:PaymentMeansCode', '49') &&
        !(
          normOf(el, 'cac:PaymentMandate/cbc:ID') !== '' &&
          normOf(el, 'cac:PaymentMandate/cac:PayerFinancialAccount/cbc:ID') !== ''
        )
      ),
    msg(
      'With payment means 49 (direct debit) a Danish seller must give the mandate (PaymentMandate/ID) and the payer account.',
      'Bij betaalwijze 49 (incasso) moet een Deense verkoper het mandaat (PaymentMandate/ID) en de rekening van de betaler geven.',
    ),
  ),
  rule(
    danishPaymentMeans,
    'DK-R-008',
    'fatal',
    (el) =>
      !(
        anyIs(el, 'cbc:PaymentMeansCode', '50') &&
        !(
          ['01#', '04#', '15#'].includes(paymentIdPrefix(el)) &&
          /^[0-9]{7,8}$/.test(str(el, 'cac:PayeeFinancialAccount/cbc:ID', 'matches()'))
        )
      ),
    msg(
      'With payment means 50 (Giro) the payment id must start with 01#, 04# or 15# and the giro account must be 7 or 8 digits.',
      'Bij betaalwijze 50 (Giro) moet het betalingskenmerk met 01#, 04# of 15# beginnen en het girorekeningnummer 7 of 8 cijfers hebben.',
    ),
  ),
  rule(
    danishPaymentMeans,
    'DK-R-009',
    'fatal',
    (el) =>
      !(
        anyIs(el, 'cbc:PaymentMeansCode', '50') &&
        ['04#', '15#'].includes(paymentIdPrefix(el)) &&
        paymentIdLength(el) !== 19
      ),
    msg(
      'With payment means 50 (Giro) and a payment id starting with 04# or 15#, the 16-digit instruction id must follow (e.g. 04#1234567890123456).',
      'Bij betaalwijze 50 (Giro) en een betalingskenmerk dat met 04# of 15# begint, moet het instructienummer van 16 cijfers volgen (bijv. 04#1234567890123456).',
    ),
  ),
  rule(
    danishPaymentMeans,
    'DK-R-010',
    'fatal',
    (el) =>
      !(
        anyIs(el, 'cbc:PaymentMeansCode', '93') &&
        !(
          ['71#', '73#', '75#'].includes(paymentIdPrefix(el)) &&
          [
            ...single(
              sel(el, 'cac:PayeeFinancialAccount/cbc:ID').filter((e) => e.rawText !== ''),
              'string-length()',
            ),
          ].length === 8
        )
      ),
    msg(
      'With payment means 93 (FIK) the payment id must start with 71#, 73# or 75# and the creditor number (PayeeFinancialAccount/ID) must be 8 characters.',
      'Bij betaalwijze 93 (FIK) moet het betalingskenmerk met 71#, 73# of 75# beginnen en het crediteurnummer (PayeeFinancialAccount/ID) 8 tekens hebben.',
    ),
  ),
  rule(
    danishPaymentMeans,
    'DK-R-011',
    'fatal',
    (el) =>
      !(
        anyIs(el, 'cbc:PaymentMeansCode', '93') &&
        ['71#', '75#'].includes(paymentIdPrefix(el)) &&
        ![18, 19].includes(paymentIdLength(el))
      ),
    msg(
      'With payment means 93 (FIK) and a payment id starting with 71# or 75#, the 15- or 16-digit instruction id must follow.',
      'Bij betaalwijze 93 (FIK) en een betalingskenmerk dat met 71# of 75# begint, moet het instructienummer van 15 of 16 cijfers volgen.',
    ),
  ),
  rule(
    context(BOTH('cac:AccountingCustomerParty/cac:Party'), bothDK),
    'DK-R-017',
    'fatal',
    (el) =>
      !has(el, 'cac:PartyLegalEntity/cbc:CompanyID') ||
      normAttr(el, 'cac:PartyLegalEntity/cbc:CompanyID', 'schemeID') === '0184',
    msg(
      "A Danish buyer's legal registration number must have schemeID 0184 (CVR number).",
      'Het registratienummer van een Deense koper moet schemeID 0184 (CVR-nummer) hebben.',
    ),
  ),
  rule(
    context('ubl:Invoice/cac:InvoiceLine | cn:CreditNote/cac:CreditNoteLine', bothDK),
    'DK-R-003',
    'fatal',
    (el) => {
      const codes = sel(el, 'cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode');
      return !(
        codes.some((c) => c.attrs.listID === 'TST') &&
        !codes.some((c) =>
          ['19.05.01', '19.0501', '26.08.01', '26.0801'].includes(c.attrs.listVersionID ?? ''),
        )
      );
    },
    msg(
      'An UNSPSC item classification (listID TST) from a Danish seller must use version 19.05.01 or 26.08.01.',
      'Een UNSPSC-artikelclassificatie (listID TST) van een Deense verkoper moet versie 19.05.01 of 26.08.01 gebruiken.',
    ),
  ),
  rule(
    context('cac:AllowanceCharge', bothDK),
    'DK-R-004',
    'fatal',
    (el) => {
      if (!sel(el, 'cbc:AllowanceChargeReasonCode').some((c) => stringValue(c) === 'ZZZ')) return true;
      const reasons = sel(el, 'cbc:AllowanceChargeReason');
      const taxCode = (): boolean => {
        const text = normalizeSpace(
          single(
            reasons.filter((e) => e.rawText !== ''),
            'string-length()',
          ),
        );
        if ([...text].length !== 4) return false;
        const n = xNumber(single(reasons, 'number()'));
        return n >= 0 && n <= 9999;
      };
      const withHash = (): boolean => {
        if (reasons.length === 0) return false;
        const r = single(reasons, 'contains()');
        return r.includes('#') && !r.startsWith('#') && !r.endsWith('#');
      };
      return taxCode() || withHash();
    },
    msg(
      'A non-VAT tax between Danish parties (reason code ZZZ) must give as reason the 4-digit tax category or a text with # (not first or last).',
      'Een niet-btw-belasting tussen Deense partijen (redencode ZZZ) moet als reden de belastingcategorie van 4 cijfers of een tekst met # (niet als eerste of laatste teken) geven.',
    ),
  ),
];
