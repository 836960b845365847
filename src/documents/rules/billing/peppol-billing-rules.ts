// Peppol BIS Billing 3 rules (PEPPOL-EN16931-UBL): empty elements (R008), the core pattern (R001…R130
// plus the PEPPOL-COMMON identifier rules) and the code list pattern (CL…, P…, F001). All of their
// assertions are implemented. The country-specific patterns (DE, DK, GR, IS, IT, NO, SE) are not; the
// Dutch one is in nl-billing-rules.ts.
import { CODE_LISTS as PB } from '../../generated/peppol-billing-code-lists.ts';
import {
  UBL_NS,
  anyEquals,
  contexts,
  decimal,
  decimalOr,
  has,
  msg,
  norm,
  normSelf,
  normText,
  rule,
  sel,
  sumOf,
} from '../../rule-context.ts';
import type { DocumentScope, Rule, RuleContext } from '../../validation-types.ts';
import {
  XPathError,
  castDate,
  dec,
  decimalOf,
  eq,
  isXsDate,
  round2,
  slack,
  untypedToDouble,
  type Decimal,
} from '../../xpath-values.ts';
import { normalizeSpace, qname, stringValue, type XmlElement } from '../../xml-tree.ts';
import { COMMON_IDENTIFIER_RULES, emptyElementContext, emptyElementMessage } from '../common-rules.ts';

const context = contexts({ ubl: UBL_NS.Invoice, cn: UBL_NS.CreditNote });

const isInvoice = (doc: DocumentScope): boolean =>
  doc.root.ns === UBL_NS.Invoice && doc.root.name === 'Invoice';
// A path from the root element.
const top = (doc: DocumentScope, steps: string): XmlElement[] => sel(doc.root, steps);
const countryIs = (doc: DocumentScope, party: string, code: string): boolean =>
  norm(
    doc.root,
    `cac:${party}/cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode`,
  ).toUpperCase() === code;

/** $profile: '01' for billing, '02' for billing with response, otherwise 'Unknown'. */
export function billingProfile(doc: DocumentScope): string {
  const p = norm(doc.root, 'cbc:ProfileID');
  if (
    [
      'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0',
      'urn:peppol:france:billing:regulated',
      'urn:peppol:france:billing:non-regulated',
    ].includes(p)
  ) {
    return '01';
  }
  return p === 'urn:peppol:bis:billing_with_response' ? '02' : 'Unknown';
}

/** PEPPOL-EN16931-R008: no empty elements (its own pattern). */
export const PEPPOL_EMPTY_RULES: Rule[] = [
  rule(emptyElementContext, 'PEPPOL-EN16931-R008', 'fatal', () => false, emptyElementMessage),
];

/** PEPPOL-EN16931-R080 (its own pattern, credit notes only). */
export const PEPPOL_CREDIT_NOTE_RULES: Rule[] = [
  rule(
    context('cn:CreditNote'),
    'PEPPOL-EN16931-R080',
    'fatal',
    (el) =>
      sel(el, 'cac:AdditionalDocumentReference').filter((r) => anyEquals(r, 'cbc:DocumentTypeCode', '50'))
        .length <= 1,
    msg(
      'Only one project reference is allowed on a credit note.',
      'Er is maar één projectreferentie toegestaan op een creditnota.',
    ),
  ),
];

const root = context('cn:CreditNote | ubl:Invoice');
const levels =
  'ubl:Invoice/cac:AllowanceCharge | ubl:Invoice/cac:InvoiceLine/cac:AllowanceCharge | cn:CreditNote/cac:AllowanceCharge | cn:CreditNote/cac:CreditNoteLine/cac:AllowanceCharge';

/** TaxTotal/TaxAmount[@currencyID = normalize-space(../../cbc:X)] <op> 0, as a general comparison. */
function taxAmountSign(doc: DocumentScope, currencyOf: string, test: (n: number) => boolean): boolean {
  const cur = norm(doc.root, currencyOf);
  return sel(doc.root, 'cac:TaxTotal/cbc:TaxAmount')
    .filter((a) => a.attrs.currencyID === cur)
    .some((a) => test(untypedToDouble(stringValue(a))));
}

function acTotal(line: XmlElement, charge: boolean): Decimal {
  const acs = sel(line, 'cac:AllowanceCharge').filter(
    (ac) => norm(ac, 'cbc:ChargeIndicator') === String(charge),
  );
  return acs.length ? round2(sumOf(acs.flatMap((ac) => sel(ac, 'cbc:Amount')))) : dec(0);
}

const line = context('cac:InvoiceLine | cac:CreditNoteLine');
const priceAc = context('cac:Price/cac:AllowanceCharge');
const amounts = context(
  'cbc:Amount | cbc:BaseAmount | cbc:PriceAmount | cac:TaxTotal/cbc:TaxAmount | cac:TaxSubtotal/cbc:TaxAmount | cbc:TaxableAmount | cbc:LineExtensionAmount | cbc:TaxExclusiveAmount | cbc:TaxInclusiveAmount | cbc:AllowanceTotalAmount | cbc:ChargeTotalAmount | cbc:PrepaidAmount | cbc:PayableRoundingAmount | cbc:PayableAmount',
  (el) => !(el.name === 'TaxAmount' && el.parent?.name === 'TaxTotal' && !has(el.parent, 'cac:TaxSubtotal')),
  'cbc:Amount | … | cac:TaxTotal[cac:TaxSubtotal]/cbc:TaxAmount | cac:TaxSubtotal/cbc:TaxAmount | …',
);

/** The line period dates must lie within the invoice period (R110, R111). */
function periodRule(which: 'StartDate' | 'EndDate', id: string): Rule {
  return rule(
    context(
      `ubl:Invoice/cac:InvoiceLine/cac:InvoicePeriod/cbc:${which} | cn:CreditNote/cac:CreditNoteLine/cac:InvoicePeriod/cbc:${which}`,
      (el) => has(el.parent!.parent!.parent!, `cac:InvoicePeriod/cbc:${which}`),
    ),
    id,
    'fatal',
    (el) => {
      const own = castDate(normalizeSpace(el.rawText));
      const outer = sel(el, `../../../cac:InvoicePeriod/cbc:${which}`);
      if (outer.length > 1) throw new XPathError('xs:date() of more than one element');
      const doc = castDate(stringValue(outer[0]!));
      return which === 'StartDate' ? own >= doc : own <= doc;
    },
    msg(
      `The ${which === 'StartDate' ? 'start' : 'end'} date of this line's period must lie within the invoice period.`,
      `De ${which === 'StartDate' ? 'begin' : 'eind'}datum van de periode van deze regel moet binnen de factuurperiode liggen.`,
    ),
  );
}

/** The core pattern: PEPPOL-EN16931-R… then the PEPPOL-COMMON identifier rules. */
export const PEPPOL_BILLING_CORE_RULES: (Rule | RuleContext)[] = [
  rule(
    root,
    'PEPPOL-EN16931-R001',
    'fatal',
    (el) => has(el, 'cbc:ProfileID'),
    msg('The business process (cbc:ProfileID) is missing.', 'Het bedrijfsproces (cbc:ProfileID) ontbreekt.'),
  ),
  rule(
    root,
    'PEPPOL-EN16931-R007',
    'fatal',
    (_el, doc) => billingProfile(doc) !== 'Unknown',
    msg(
      'The business process must be urn:fdc:peppol.eu:2017:poacc:billing:01:1.0 (or another approved Peppol billing process).',
      'Het bedrijfsproces moet urn:fdc:peppol.eu:2017:poacc:billing:01:1.0 zijn (of een ander goedgekeurd Peppol-factuurproces).',
    ),
  ),
  rule(
    root,
    'PEPPOL-EN16931-R002',
    'fatal',
    (el, doc) =>
      sel(el, 'cbc:Note').length <= 1 ||
      (countryIs(doc, 'AccountingSupplierParty', 'DE') && countryIs(doc, 'AccountingCustomerParty', 'DE')),
    msg(
      'Only one note is allowed on the invoice. Combine the notes into one.',
      'Er is maar één opmerking toegestaan op de factuur. Voeg de opmerkingen samen.',
    ),
  ),
  rule(
    root,
    'PEPPOL-EN16931-R003',
    'fatal',
    (el) => has(el, 'cbc:BuyerReference') || has(el, 'cac:OrderReference/cbc:ID'),
    msg(
      "Give the buyer's reference (cbc:BuyerReference) or the purchase order number (cac:OrderReference/cbc:ID).",
      'Geef de referentie van de koper (cbc:BuyerReference) of het inkoopordernummer (cac:OrderReference/cbc:ID).',
    ),
  ),
  rule(
    root,
    'PEPPOL-EN16931-R004',
    'fatal',
    (el) => {
      const ids = sel(el, 'cbc:CustomizationID');
      if (ids.length > 1) throw new XPathError('more than one CustomizationID');
      const v = ids[0] ? normalizeSpace(ids[0].rawText) : '';
      return (
        v.startsWith('urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0') &&
        !v.includes('::')
      );
    },
    msg(
      'The specification identifier must be urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0.',
      'De specificatie-id moet urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0 zijn.',
    ),
  ),
  rule(
    root,
    'PEPPOL-EN16931-R053',
    'fatal',
    (el) => sel(el, 'cac:TaxTotal').filter((t) => has(t, 'cac:TaxSubtotal')).length === 1,
    msg(
      'Give exactly one tax total with a VAT breakdown.',
      'Geef precies één btw-totaal met een btw-specificatie.',
    ),
  ),
  rule(
    root,
    'PEPPOL-EN16931-R054',
    'fatal',
    (el) =>
      sel(el, 'cac:TaxTotal').filter((t) => !has(t, 'cac:TaxSubtotal')).length ===
      (has(el, 'cbc:TaxCurrencyCode') ? 1 : 0),
    msg(
      'A tax total without breakdown is only allowed (and then required once) when a VAT accounting currency is given.',
      'Een btw-totaal zonder specificatie mag alleen (en moet dan één keer) als er een btw-boekhoudvaluta is opgegeven.',
    ),
  ),
  rule(
    root,
    'PEPPOL-EN16931-R055',
    'fatal',
    (el, doc) =>
      !has(el, 'cbc:TaxCurrencyCode') ||
      (taxAmountSign(doc, 'cbc:TaxCurrencyCode', (n) => n <= 0) &&
        taxAmountSign(doc, 'cbc:DocumentCurrencyCode', (n) => n <= 0)) ||
      (taxAmountSign(doc, 'cbc:TaxCurrencyCode', (n) => n >= 0) &&
        taxAmountSign(doc, 'cbc:DocumentCurrencyCode', (n) => n >= 0)),
    msg(
      'The VAT total in the invoice currency and in the VAT accounting currency must have the same sign.',
      'Het btw-totaal in de factuurvaluta en in de btw-boekhoudvaluta moeten hetzelfde teken hebben.',
    ),
  ),
  rule(
    context('cbc:TaxCurrencyCode'),
    'PEPPOL-EN16931-R005',
    'fatal',
    (el) => {
      const docCur = sel(el, '../cbc:DocumentCurrencyCode');
      if (docCur.length > 1) throw new XPathError('more than one DocumentCurrencyCode');
      return normText(el) !== (docCur[0] ? normText(docCur[0]) : '');
    },
    msg(
      'The VAT accounting currency must differ from the invoice currency; leave it out if they are the same.',
      'De btw-boekhoudvaluta moet verschillen van de factuurvaluta; laat hem weg als ze gelijk zijn.',
    ),
  ),
  rule(
    context('cac:AccountingCustomerParty/cac:Party'),
    'PEPPOL-EN16931-R010',
    'fatal',
    (el) => has(el, 'cbc:EndpointID'),
    msg(
      "The buyer's electronic address (Peppol ID, cbc:EndpointID) is missing.",
      'Het elektronisch adres (Peppol-ID, cbc:EndpointID) van de koper ontbreekt.',
    ),
  ),
  rule(
    context('cac:AccountingSupplierParty/cac:Party'),
    'PEPPOL-EN16931-R020',
    'fatal',
    (el) => has(el, 'cbc:EndpointID'),
    msg(
      "The seller's electronic address (Peppol ID, cbc:EndpointID) is missing.",
      'Het elektronisch adres (Peppol-ID, cbc:EndpointID) van de leverancier ontbreekt.',
    ),
  ),
  rule(
    context(levels, (el) => has(el, 'cbc:MultiplierFactorNumeric') && !has(el, 'cbc:BaseAmount')),
    'PEPPOL-EN16931-R041',
    'fatal',
    () => false,
    msg(
      'This allowance or charge has a percentage but no base amount.',
      'Deze korting of toeslag heeft een percentage maar geen basisbedrag.',
    ),
  ),
  rule(
    context(levels, (el) => !has(el, 'cbc:MultiplierFactorNumeric') && has(el, 'cbc:BaseAmount')),
    'PEPPOL-EN16931-R042',
    'fatal',
    () => false,
    msg(
      'This allowance or charge has a base amount but no percentage.',
      'Deze korting of toeslag heeft een basisbedrag maar geen percentage.',
    ),
  ),
  ...(() => {
    const ac = context(levels);
    return [
      rule(
        ac,
        'PEPPOL-EN16931-R040',
        'fatal',
        (el) => {
          if (!(has(el, 'cbc:MultiplierFactorNumeric') && has(el, 'cbc:BaseAmount'))) return true;
          const amount = decimalOr(el, 'cbc:Amount', dec(0));
          return slack(
            amount,
            decimal(el, 'cbc:BaseAmount')!.times(decimal(el, 'cbc:MultiplierFactorNumeric')!).div(100),
            dec('0.02'),
          );
        },
        msg(
          'The amount must equal base amount × percentage / 100.',
          'Het bedrag moet gelijk zijn aan basisbedrag × percentage / 100.',
        ),
      ),
      rule(
        ac,
        'PEPPOL-EN16931-R043',
        'fatal',
        (el) => {
          const cis = sel(el, 'cbc:ChargeIndicator');
          if (cis.length > 1) throw new XPathError('more than one ChargeIndicator');
          const v = cis[0] ? normText(cis[0]) : '';
          return v === 'true' || v === 'false';
        },
        msg(
          'The charge indicator must be exactly true or false.',
          'De toeslagindicator moet precies true of false zijn.',
        ),
      ),
    ];
  })(),
  rule(
    context('cac:PaymentMeans', (el) => ['49', '59'].includes(norm(el, 'cbc:PaymentMeansCode'))),
    'PEPPOL-EN16931-R061',
    'fatal',
    (el) => has(el, 'cac:PaymentMandate/cbc:ID'),
    msg(
      'A direct debit needs the mandate reference (cac:PaymentMandate/cbc:ID).',
      'Een automatische incasso heeft het machtigingskenmerk nodig (cac:PaymentMandate/cbc:ID).',
    ),
  ),
  rule(
    amounts,
    'PEPPOL-EN16931-R051',
    'fatal',
    (el, doc) =>
      el.attrs.currencyID !== undefined &&
      doc
        .memo('document currency', () => top(doc, 'cbc:DocumentCurrencyCode'))
        .some((c) => stringValue(c) === el.attrs.currencyID),
    (el) =>
      msg(
        `The amount in ${qname(el)} is in ${el.attrs.currencyID ?? '(no currency)'}, not in the invoice currency. Give every amount in the invoice currency (only the VAT total in accounting currency may differ).`,
        `Het bedrag in ${qname(el)} staat in ${el.attrs.currencyID ?? '(geen valuta)'}, niet in de factuurvaluta. Geef elk bedrag in de factuurvaluta (alleen het btw-totaal in boekhoudvaluta mag afwijken).`,
      ),
  ),
  periodRule('StartDate', 'PEPPOL-EN16931-R110'),
  periodRule('EndDate', 'PEPPOL-EN16931-R111'),
  rule(
    line,
    'PEPPOL-EN16931-R120',
    'fatal',
    (el, doc) => {
      const amount = decimalOr(el, 'cbc:LineExtensionAmount', dec(0));
      const quantity = decimalOr(
        el,
        isInvoice(doc) ? 'cbc:InvoicedQuantity' : 'cbc:CreditedQuantity',
        dec(1),
      );
      const price = decimalOr(el, 'cac:Price/cbc:PriceAmount', dec(0));
      const bq = sel(el, 'cac:Price/cbc:BaseQuantity');
      const bqValue = bq.length ? decimalOf(bq)! : undefined;
      const base = bqValue !== undefined && !bqValue.eq(0) ? bqValue : dec(1);
      return slack(
        amount,
        quantity.times(price.div(base)).plus(acTotal(el, true)).minus(acTotal(el, false)),
        dec('0.02'),
      );
    },
    msg(
      'The line amount must equal quantity × (price / price base quantity) + line charges − line allowances.',
      'Het regelbedrag moet gelijk zijn aan hoeveelheid × (prijs / prijs per aantal) + regeltoeslagen − regelkortingen.',
    ),
  ),
  rule(
    line,
    'PEPPOL-EN16931-R121',
    'fatal',
    (el) => !has(el, 'cac:Price/cbc:BaseQuantity') || decimal(el, 'cac:Price/cbc:BaseQuantity')!.gt(0),
    msg('The price base quantity must be above zero.', 'Het prijs-per-aantal moet boven nul liggen.'),
  ),
  rule(
    line,
    'PEPPOL-EN16931-R100',
    'fatal',
    (el) => sel(el, 'cac:DocumentReference').length <= 1,
    msg(
      'Only one invoiced object is allowed per line.',
      'Er is maar één gefactureerd object per regel toegestaan.',
    ),
  ),
  rule(
    line,
    'PEPPOL-EN16931-R101',
    'fatal',
    (el) =>
      !has(el, 'cac:DocumentReference') || anyEquals(el, 'cac:DocumentReference/cbc:DocumentTypeCode', '130'),
    msg(
      'A document reference on a line can only be an invoiced object (type code 130).',
      'Een documentverwijzing op een regel kan alleen een gefactureerd object zijn (soortcode 130).',
    ),
  ),
  rule(
    priceAc,
    'PEPPOL-EN16931-R044',
    'fatal',
    (el) => norm(el, 'cbc:ChargeIndicator') === 'false',
    msg(
      'A charge on the price is not allowed: only a price discount (ChargeIndicator false).',
      'Een toeslag op de prijs is niet toegestaan: alleen een prijskorting (ChargeIndicator false).',
    ),
  ),
  rule(
    priceAc,
    'PEPPOL-EN16931-R046',
    'fatal',
    (el) => {
      if (!has(el, 'cbc:BaseAmount')) return true;
      const gross = decimal(el, 'cbc:BaseAmount');
      const discount = decimal(el, 'cbc:Amount');
      return eq(
        decimal(el, '../cbc:PriceAmount'),
        gross === undefined || discount === undefined ? undefined : gross.minus(discount),
      );
    },
    msg(
      'The net price must equal the gross price minus the price discount.',
      'De nettoprijs moet gelijk zijn aan de brutoprijs min de prijskorting.',
    ),
  ),
  rule(
    context('cac:Price/cbc:BaseQuantity', (el) => el.attrs.unitCode !== undefined),
    'PEPPOL-EN16931-R130',
    'fatal',
    (el, doc) => {
      const q = sel(el, isInvoice(doc) ? '../../cbc:InvoicedQuantity' : '../../cbc:CreditedQuantity');
      const hasQuantity = has(el, '../../cbc:InvoicedQuantity') || has(el, '../../cbc:CreditedQuantity');
      return !hasQuantity || q.some((x) => x.attrs.unitCode === el.attrs.unitCode);
    },
    msg(
      'The unit of the price base quantity must be the same as the unit of the invoiced quantity.',
      'De eenheid van het prijs-per-aantal moet gelijk zijn aan die van de gefactureerde hoeveelheid.',
    ),
  ),
  ...COMMON_IDENTIFIER_RULES,
];

const reasonCode = (charge: boolean) =>
  context('cac:AllowanceCharge/cbc:AllowanceChargeReasonCode', (el) =>
    anyEquals(el.parent!, 'cbc:ChargeIndicator', String(charge)),
  );

/** Taxes exempted by a VATEX code must use the matching category (P0104…P0111). */
function exemptionRule(id: string, vatex: string, category: string): Rule {
  return rule(
    context('cac:TaxCategory', (el) => {
      const codes = sel(el, 'cbc:TaxExemptionReasonCode');
      if (codes.length > 1) throw new XPathError('upper-case() of more than one code');
      return codes[0] !== undefined && stringValue(codes[0]).toUpperCase() === vatex;
    }),
    id,
    'fatal',
    (el) => norm(el, 'cbc:ID') === category,
    msg(
      `Exemption reason ${vatex} requires VAT category ${category}.`,
      `Vrijstellingsreden ${vatex} vereist btw-categorie ${category}.`,
    ),
  );
}

/** The code list pattern: PEPPOL-EN16931-CL…, P…, F001. */
export const PEPPOL_BILLING_CODE_RULES: Rule[] = [
  rule(
    context('cbc:EmbeddedDocumentBinaryObject', (el) => el.attrs.mimeCode !== undefined),
    'PEPPOL-EN16931-CL001',
    'fatal',
    (el) => PB.MIMECODE.has(el.attrs.mimeCode!),
    (el) =>
      msg(
        `Attachments of type "${el.attrs.mimeCode}" are not allowed.`,
        `Bijlagen van het type "${el.attrs.mimeCode}" zijn niet toegestaan.`,
      ),
  ),
  rule(
    reasonCode(false),
    'PEPPOL-EN16931-CL002',
    'fatal',
    (el) => PB.UNCL5189.has(normText(el)),
    (el) =>
      msg(
        `"${normText(el)}" is not a valid allowance reason code (UNCL 5189).`,
        `"${normText(el)}" is geen geldige kortingsredencode (UNCL 5189).`,
      ),
  ),
  rule(
    reasonCode(true),
    'PEPPOL-EN16931-CL003',
    'fatal',
    (el) => PB.UNCL7161.has(normText(el)),
    (el) =>
      msg(
        `"${normText(el)}" is not a valid charge reason code (UNCL 7161).`,
        `"${normText(el)}" is geen geldige toeslagredencode (UNCL 7161).`,
      ),
  ),
  rule(
    context('cac:InvoicePeriod/cbc:DescriptionCode'),
    'PEPPOL-EN16931-CL006',
    'fatal',
    (el) => PB.UNCL2005.has(normText(el)),
    msg(
      'The invoice period description code must be 3, 35 or 432.',
      'De omschrijvingscode van de factuurperiode moet 3, 35 of 432 zijn.',
    ),
  ),
  rule(
    context(
      'cbc:Amount | cbc:BaseAmount | cbc:PriceAmount | cbc:TaxAmount | cbc:TaxableAmount | cbc:LineExtensionAmount | cbc:TaxExclusiveAmount | cbc:TaxInclusiveAmount | cbc:AllowanceTotalAmount | cbc:ChargeTotalAmount | cbc:PrepaidAmount | cbc:PayableRoundingAmount | cbc:PayableAmount',
    ),
    'PEPPOL-EN16931-CL007',
    'fatal',
    (el) => el.attrs.currencyID !== undefined && PB.ISO4217.has(el.attrs.currencyID),
    (el) =>
      msg(
        `"${el.attrs.currencyID ?? ''}" is not a valid currency code (ISO 4217).`,
        `"${el.attrs.currencyID ?? ''}" is geen geldige valutacode (ISO 4217).`,
      ),
  ),
  ...(() => {
    const typeCode = context('cbc:InvoiceTypeCode');
    return [
      rule(
        typeCode,
        'PEPPOL-EN16931-P0100',
        'fatal',
        (el, doc) => !['01', '02'].includes(billingProfile(doc)) || PB.INVOICE_TYPE.has(normText(el)),
        (el) =>
          msg(
            `Invoice type code "${normText(el)}" is not allowed in Peppol billing (use e.g. 380).`,
            `Factuursoortcode "${normText(el)}" is niet toegestaan in Peppol-facturatie (gebruik bijv. 380).`,
          ),
      ),
      rule(
        typeCode,
        'PEPPOL-EN16931-P0112',
        'fatal',
        (el, doc) =>
          !['326', '384'].includes(normSelf(el)) ||
          (countryIs(doc, 'AccountingSupplierParty', 'DE') &&
            countryIs(doc, 'AccountingCustomerParty', 'DE')),
        msg(
          'Invoice type codes 326 and 384 are only allowed between German companies.',
          'Factuursoortcodes 326 en 384 zijn alleen toegestaan tussen Duitse bedrijven.',
        ),
      ),
    ];
  })(),
  rule(
    context('cbc:CreditNoteTypeCode'),
    'PEPPOL-EN16931-P0101',
    'fatal',
    (el, doc) => !['01', '02'].includes(billingProfile(doc)) || PB.CREDIT_NOTE_TYPE.has(normText(el)),
    (el) =>
      msg(
        `Credit note type code "${normText(el)}" is not allowed in Peppol billing (use e.g. 381).`,
        `Creditnotasoortcode "${normText(el)}" is niet toegestaan in Peppol-facturatie (gebruik bijv. 381).`,
      ),
  ),
  rule(
    context(
      'cbc:IssueDate | cbc:DueDate | cbc:TaxPointDate | cbc:StartDate | cbc:EndDate | cbc:ActualDeliveryDate',
    ),
    'PEPPOL-EN16931-F001',
    'fatal',
    (el) => [...el.rawText].length === 10 && isXsDate(stringValue(el)),
    (el) =>
      msg(
        `"${stringValue(el)}" is not a date written as YYYY-MM-DD.`,
        `"${stringValue(el)}" is geen datum in de vorm JJJJ-MM-DD.`,
      ),
  ),
  rule(
    context('cbc:EndpointID', (el) => el.attrs.schemeID !== undefined),
    'PEPPOL-EN16931-CL008',
    'fatal',
    (el) => PB.EAS.has(el.attrs.schemeID!),
    (el) =>
      msg(
        `"${el.attrs.schemeID}" is not a valid electronic address scheme (EAS).`,
        `"${el.attrs.schemeID}" is geen geldig schema voor een elektronisch adres (EAS).`,
      ),
  ),
  exemptionRule('PEPPOL-EN16931-P0104', 'VATEX-EU-G', 'G'),
  exemptionRule('PEPPOL-EN16931-P0105', 'VATEX-EU-O', 'O'),
  exemptionRule('PEPPOL-EN16931-P0106', 'VATEX-EU-IC', 'K'),
  exemptionRule('PEPPOL-EN16931-P0107', 'VATEX-EU-AE', 'AE'),
  exemptionRule('PEPPOL-EN16931-P0108', 'VATEX-EU-D', 'E'),
  exemptionRule('PEPPOL-EN16931-P0109', 'VATEX-EU-F', 'E'),
  exemptionRule('PEPPOL-EN16931-P0110', 'VATEX-EU-I', 'E'),
  exemptionRule('PEPPOL-EN16931-P0111', 'VATEX-EU-J', 'E'),
];
