// EN 16931 code list rules (BR-CL-01…26 of the "codes" pattern of CEN-EN16931-UBL), all implemented.
// Each tests contains(' A B C ', concat(' ', value, ' ')) for a value without spaces: membership of the
// list, which the generated sets in codes/en16931-code-lists.ts reproduce.
import { CODE_LISTS as EN } from '../../generated/en16931-code-lists.ts';
import { UBL_NS, anyBoolean, contexts, hasAncestorNamed, msg, rule } from '../../rule-context.ts';
import type { Rule } from '../../validation-types.ts';
import { normalizeSpace, qname, stringValue, type XmlElement } from '../../xml-tree.ts';

const context = contexts({ ubl: UBL_NS.Invoice, cn: UBL_NS.CreditNote });

/** The list test of the CEN rules: a single token that is in the list. */
const inList = (list: ReadonlySet<string>, value: string): boolean => !value.includes(' ') && list.has(value);
const self = (el: XmlElement): string => normalizeSpace(stringValue(el));
const attr =
  (name: string) =>
  (el: XmlElement): string =>
    normalizeSpace(el.attrs[name] ?? '');

function codeRule(
  match: string,
  id: string,
  list: ReadonlySet<string>,
  value: (el: XmlElement) => string,
  what: [string, string],
  where?: (el: XmlElement) => boolean,
): Rule {
  return rule(
    context(match, where),
    id,
    'fatal',
    (el) => inList(list, value(el)),
    (el) =>
      msg(
        `"${value(el)}" in ${qname(el)} is not a valid ${what[0]}. Use a code from the official list.`,
        `"${value(el)}" in ${qname(el)} is geen geldige ${what[1]}. Gebruik een code uit de officiële lijst.`,
      ),
  );
}

const AMOUNTS =
  'cbc:Amount | cbc:BaseAmount | cbc:PriceAmount | cbc:TaxAmount | cbc:TaxableAmount | cbc:LineExtensionAmount | cbc:TaxExclusiveAmount | cbc:TaxInclusiveAmount | cbc:AllowanceTotalAmount | cbc:ChargeTotalAmount | cbc:PrepaidAmount | cbc:PayableRoundingAmount | cbc:PayableAmount';
const MIME = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.spreadsheet',
];

/** BR-CL-01…BR-CL-26 in the official order. */
export const EN16931_CODE_RULES: Rule[] = [
  rule(
    context('cbc:InvoiceTypeCode | cbc:CreditNoteTypeCode'),
    'BR-CL-01',
    'fatal',
    (el) => inList(el.name === 'InvoiceTypeCode' ? EN.INVOICE_TYPE : EN.CREDIT_NOTE_TYPE, self(el)),
    (el) =>
      msg(
        `"${self(el)}" is not a valid document type code (UNTDID 1001), e.g. 380 for an invoice or 381 for a credit note.`,
        `"${self(el)}" is geen geldige documentsoortcode (UNTDID 1001), bijv. 380 voor een factuur of 381 voor een creditnota.`,
      ),
  ),
  codeRule(AMOUNTS, 'BR-CL-03', EN.CURRENCY, attr('currencyID'), [
    'currency code (currencyID, ISO 4217)',
    'valutacode (currencyID, ISO 4217)',
  ]),
  codeRule('cbc:DocumentCurrencyCode', 'BR-CL-04', EN.CURRENCY, self, [
    'invoice currency code (ISO 4217)',
    'factuurvalutacode (ISO 4217)',
  ]),
  codeRule('cbc:TaxCurrencyCode', 'BR-CL-05', EN.CURRENCY, self, [
    'VAT accounting currency code (ISO 4217)',
    'btw-valutacode (ISO 4217)',
  ]),
  codeRule('cac:InvoicePeriod/cbc:DescriptionCode', 'BR-CL-06', EN.VAT_DATE, self, [
    'VAT point date code (3, 35 or 432)',
    'btw-datumcode (3, 35 of 432)',
  ]),
  codeRule(
    'cac:AdditionalDocumentReference/cbc:ID | cac:DocumentReference/cbc:ID',
    'BR-CL-07',
    EN.OBJECT_SCHEME,
    attr('schemeID'),
    ['object identifier scheme (UNTDID 1153)', 'schema voor objectidentificatie (UNTDID 1153)'],
    (el) =>
      el.attrs.schemeID !== undefined &&
      [...el.parent!.children].some((c) => c.name === 'DocumentTypeCode' && stringValue(c) === '130'),
  ),
  rule(
    context('cac:PartyIdentification/cbc:ID', (el) => el.attrs.schemeID !== undefined),
    'BR-CL-10',
    'fatal',
    (el) => {
      const scheme = attr('schemeID')(el);
      return (
        inList(EN.ICD, scheme) ||
        (scheme === 'SEPA' &&
          (hasAncestorNamed(el, 'AccountingSupplierParty') || hasAncestorNamed(el, 'PayeeParty')))
      );
    },
    (el) =>
      msg(
        `"${el.attrs.schemeID}" is not a valid identifier scheme (ISO 6523 ICD), e.g. 0106 for KVK or 0088 for GLN.`,
        `"${el.attrs.schemeID}" is geen geldig identificatieschema (ISO 6523 ICD), bijv. 0106 voor KVK of 0088 voor GLN.`,
      ),
  ),
  codeRule(
    'cac:PartyLegalEntity/cbc:CompanyID',
    'BR-CL-11',
    EN.ICD,
    attr('schemeID'),
    ['registration scheme (ISO 6523 ICD)', 'registratieschema (ISO 6523 ICD)'],
    (el) => el.attrs.schemeID !== undefined,
  ),
  codeRule(
    'cac:CommodityClassification/cbc:ItemClassificationCode',
    'BR-CL-13',
    EN.ITEM_CLASSIFICATION,
    attr('listID'),
    ['item classification scheme (UNTDID 7143)', 'classificatieschema (UNTDID 7143)'],
    (el) => el.attrs.listID !== undefined,
  ),
  codeRule('cac:Country/cbc:IdentificationCode', 'BR-CL-14', EN.COUNTRY, self, [
    'country code (ISO 3166, e.g. NL)',
    'landcode (ISO 3166, bijv. NL)',
  ]),
  codeRule('cac:OriginCountry/cbc:IdentificationCode', 'BR-CL-15', EN.COUNTRY, self, [
    'country code (ISO 3166, e.g. NL)',
    'landcode (ISO 3166, bijv. NL)',
  ]),
  codeRule('cac:PaymentMeans/cbc:PaymentMeansCode', 'BR-CL-16', EN.PAYMENT_MEANS, self, [
    'payment means code (UNCL 4461, e.g. 30 or 58)',
    'betaalwijzecode (UNCL 4461, bijv. 30 of 58)',
  ]),
  codeRule('cac:TaxCategory/cbc:ID', 'BR-CL-17', EN.VAT_CATEGORY, self, [
    'VAT category code (UNCL 5305, e.g. S)',
    'btw-categoriecode (UNCL 5305, bijv. S)',
  ]),
  codeRule('cac:ClassifiedTaxCategory/cbc:ID', 'BR-CL-18', EN.VAT_CATEGORY, self, [
    'VAT category code (UNCL 5305, e.g. S)',
    'btw-categoriecode (UNCL 5305, bijv. S)',
  ]),
  codeRule(
    'cac:AllowanceCharge/cbc:AllowanceChargeReasonCode',
    'BR-CL-19',
    EN.ALLOWANCE_REASON,
    self,
    ['allowance reason code (UNCL 5189)', 'kortingsredencode (UNCL 5189)'],
    (el) => anyBoolean(el.parent!, 'cbc:ChargeIndicator', false),
  ),
  codeRule(
    'cac:AllowanceCharge/cbc:AllowanceChargeReasonCode',
    'BR-CL-20',
    EN.CHARGE_REASON,
    self,
    ['charge reason code (UNCL 7161)', 'toeslagredencode (UNCL 7161)'],
    (el) => anyBoolean(el.parent!, 'cbc:ChargeIndicator', true),
  ),
  codeRule(
    'cac:StandardItemIdentification/cbc:ID',
    'BR-CL-21',
    EN.ICD,
    attr('schemeID'),
    [
      'item identifier scheme (ISO 6523 ICD, e.g. 0160 for GTIN)',
      'artikelnummerschema (ISO 6523 ICD, bijv. 0160 voor GTIN)',
    ],
    (el) => el.attrs.schemeID !== undefined,
  ),
  codeRule('cbc:TaxExemptionReasonCode', 'BR-CL-22', EN.VATEX, (el) => self(el).toUpperCase(), [
    'VAT exemption reason code (VATEX)',
    'btw-vrijstellingscode (VATEX)',
  ]),
  codeRule(
    'cbc:InvoicedQuantity | cbc:BaseQuantity | cbc:CreditedQuantity',
    'BR-CL-23',
    EN.UNIT,
    attr('unitCode'),
    ['unit code (UN/ECE Rec 20, e.g. C62 or KGM)', 'eenheidscode (UN/ECE Rec 20, bijv. C62 of KGM)'],
    (el) => el.attrs.unitCode !== undefined,
  ),
  rule(
    context('cbc:EmbeddedDocumentBinaryObject', (el) => el.attrs.mimeCode !== undefined),
    'BR-CL-24',
    'fatal',
    (el) => MIME.includes(el.attrs.mimeCode!),
    (el) =>
      msg(
        `Attachments of type "${el.attrs.mimeCode}" are not allowed; use PDF, PNG, JPEG, CSV, XLSX or ODS.`,
        `Bijlagen van het type "${el.attrs.mimeCode}" zijn niet toegestaan; gebruik PDF, PNG, JPEG, CSV, XLSX of ODS.`,
      ),
  ),
  codeRule(
    'cbc:EndpointID',
    'BR-CL-25',
    EN.EAS,
    attr('schemeID'),
    ['electronic address scheme (EAS)', 'schema voor elektronisch adres (EAS)'],
    (el) => el.attrs.schemeID !== undefined,
  ),
  codeRule(
    'cac:DeliveryLocation/cbc:ID',
    'BR-CL-26',
    EN.ICD,
    attr('schemeID'),
    ['location identifier scheme (ISO 6523 ICD)', 'schema voor locatie-identificatie (ISO 6523 ICD)'],
    (el) => el.attrs.schemeID !== undefined,
  ),
];
