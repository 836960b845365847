// Greek rules of Peppol BIS Billing 3 (GR-R-001…010 and the warnings GR-S-008-1 and GR-S-011: the two
// "GR" patterns of PEPPOL-EN16931-UBL): extra requirements when the validator's $supplierCountry is GR or
// EL, some also needing a Greek buyer ($customerCountry) or a seller address in GR. Greek tax numbers
// (AFM) are checked with the validator's u:TinVerification. All implemented.
import { UBL_NS, contexts, msg, rule, sel } from '../../rule-context.ts';
import type { DocumentScope, Rule } from '../../validation-types.ts';
import { XPathError, xNumber } from '../../xpath-values.ts';
import { normalizeSpace, stringValue, type XmlElement } from '../../xml-tree.ts';
import {
  accountingSupplierCountry,
  customerCountry,
  single,
  substring,
  supplierCountry,
  tinVerification,
} from './country-checks.ts';

const context = contexts({ ubl: UBL_NS.Invoice, cn: UBL_NS.CreditNote });

const SUPPLIER = 'cac:AccountingSupplierParty/cac:Party';
const CUSTOMER = 'cac:AccountingCustomerParty/cac:Party';
const greek = (country: string): boolean => country === 'GR' || country === 'EL';
const greekSender = (doc: DocumentScope): boolean => greek(supplierCountry(doc));
const greekSenderAndReceiver = (doc: DocumentScope): boolean =>
  greekSender(doc) && greek(customerCountry(doc));
/** $isGreekSender and the seller's address country written GR. */
const greekSenderInGreece = (doc: DocumentScope): boolean =>
  greekSender(doc) &&
  sel(doc.root, `${SUPPLIER}/cac:PostalAddress/cac:Country/cbc:IdentificationCode`).some(
    (c) => stringValue(c) === 'GR',
  );

/** "path = 'value'" on the untrimmed values. */
const anyIs = (el: XmlElement, steps: string, value: string): boolean =>
  sel(el, steps).some((e) => stringValue(e) === value);
/** string-length(path) of zero or one elements. */
const lengthOf = (el: XmlElement, steps: string): number =>
  [...single(sel(el, steps), 'string-length()')].length;
/** XPath tokenize($s, pattern) for a literal separator: no tokens for the empty string. */
const tokenize = (s: string | undefined, separator: string): string[] =>
  s === undefined || s === '' ? [] : s.split(separator);

/** cac:PartyTaxScheme[normalize-space(cac:TaxScheme/cbc:ID) = 'VAT']/cbc:CompanyID of a party. */
const vatNumbers = (party: XmlElement): XmlElement[] =>
  sel(party, 'cac:PartyTaxScheme')
    .filter((s) => normalizeSpace(single(sel(s, 'cac:TaxScheme/cbc:ID'), 'normalize-space()')) === 'VAT')
    .flatMap((s) => sel(s, 'cbc:CompanyID'));
/** One VAT number, EL followed by a valid AFM (GR-S-011, GR-R-006). */
const oneGreekVatNumber = (party: XmlElement): boolean => {
  const ids = vatNumbers(party);
  if (ids.length !== 1) return false;
  const id = stringValue(ids[0]!);
  return substring(id, 1, 2) === 'EL' && tinVerification(substring(id, 3));
};
/** "…/cac:PartyTaxScheme[cac:TaxScheme/cbc:ID = 'VAT']/substring(cbc:CompanyID, 3, 9)" from the root. */
const afmsOf = (doc: DocumentScope, steps: string): string[] =>
  sel(doc.root, `${steps}/cac:PartyTaxScheme`)
    .filter((s) => anyIs(s, 'cac:TaxScheme/cbc:ID', 'VAT'))
    .map((s) => substring(single(sel(s, 'cbc:CompanyID'), 'substring()'), 3, 9));

/** xs:integer($s): whitespace collapsed, then an optional sign and digits; anything else is an error. */
function xsInteger(s: string): number {
  const t = normalizeSpace(s);
  if (!/^[+-]?[0-9]+$/.test(t)) throw new XPathError(`cannot cast ${JSON.stringify(s)} to xs:integer`);
  return Number(t);
}

// The invoice number of a Greek seller: AFM|date|branch|type|series|number (the myDATA identifier).
const segments = (el: XmlElement): string[] => tokenize(stringValue(el), '|');
const DATE = /^(0?[1-9]|[12][0-9]|3[01])[-\\/ ]?(0?[1-9]|1[0-2])[-\\/ ]?(19|20)[0-9]{2}/;
const DOCUMENT_TYPES = ['1.1', '1.6', '2.1', '2.4', '5.1', '5.2', ''];
const issueDateParts = (doc: DocumentScope): string[] =>
  tokenize(single(sel(doc.root, 'cbc:IssueDate'), 'tokenize()'), '-');
const same = (a: string | undefined, b: string | undefined): boolean => a !== undefined && a === b;
const filled = (s: string | undefined): boolean => s !== undefined && normalizeSpace(s) !== '';

// One context object per official rule context: the engine runs only the first matching context's rules.
const greekInvoiceNumber = context('/ubl:Invoice/cbc:ID | /cn:CreditNote/cbc:ID', (_el, doc) =>
  greekSender(doc),
);
const greekSeller = context(SUPPLIER, (_el, doc) => greekSender(doc));
const greekSellerVat = context(
  `${SUPPLIER}/cac:PartyTaxScheme/cbc:CompanyID`,
  (el, doc) =>
    greekSender(doc) &&
    normalizeSpace(single(sel(el.parent!, 'cac:TaxScheme/cbc:ID'), 'normalize-space()')) === 'VAT',
);
const greekDocument = context('/ubl:Invoice | /cn:CreditNote', (_el, doc) => greekSenderInGreece(doc));
const markNumber = context(
  'cac:AdditionalDocumentReference/cbc:ID',
  (el, doc) => greekSenderInGreece(doc) && anyIs(el.parent!, 'cbc:DocumentDescription', '##M.AR.K##'),
);
const invoiceUrl = context(
  'cac:AdditionalDocumentReference',
  (el, doc) => greekSender(doc) && anyIs(el, 'cbc:DocumentDescription', '##INVOICE|URL##'),
);
const buyerOfGreekSeller = context(CUSTOMER, (_el, doc) => greekSender(doc));
const greekSellerEndpoint = context(`${SUPPLIER}/cbc:EndpointID`, (_el, doc) =>
  greek(accountingSupplierCountry(doc)),
);
const greekBuyer = context(CUSTOMER, (_el, doc) => greekSenderAndReceiver(doc));
const greekBuyerEndpoint = context(`${CUSTOMER}/cbc:EndpointID`, (_el, doc) => greekSenderAndReceiver(doc));

const documentReferences = (el: XmlElement, description: string): number =>
  sel(el, 'cac:AdditionalDocumentReference').filter((r) => anyIs(r, 'cbc:DocumentDescription', description))
    .length;
const afmEndpoint = (el: XmlElement): boolean =>
  el.attrs.schemeID === '9933' && tinVerification(stringValue(el));

const ID_EN = "A Greek seller's invoice number (AFM|date|branch|type|series|number)";
const ID_NL = 'Het factuurnummer van een Griekse verkoper (AFM|datum|vestiging|type|reeks|nummer)';

/** The first GR pattern in the official order. */
export const GR_BILLING_RULES: Rule[] = [
  rule(
    greekInvoiceNumber,
    'GR-R-001-1',
    'fatal',
    (el) => segments(el).length === 6,
    msg(`${ID_EN} must have 6 parts separated by |.`, `${ID_NL} moet uit 6 delen gescheiden door | bestaan.`),
  ),
  rule(
    greekInvoiceNumber,
    'GR-R-001-2',
    'fatal',
    (el, doc) => {
      const afm = segments(el)[0];
      if (afm === undefined || [...normalizeSpace(afm)].length !== 9 || !tinVerification(afm)) return false;
      return afmsOf(doc, SUPPLIER).includes(afm) || afmsOf(doc, 'cac:TaxRepresentativeParty').includes(afm);
    },
    msg(
      `${ID_EN} must start with a valid AFM equal to the seller's or the tax representative's.`,
      `${ID_NL} moet beginnen met een geldig AFM gelijk aan dat van de verkoper of de fiscaal vertegenwoordiger.`,
    ),
  ),
  rule(
    greekInvoiceNumber,
    'GR-R-001-3',
    'fatal',
    (el, doc) => {
      const date = segments(el)[1];
      if (!filled(date) || !DATE.test(date!)) return false;
      const [d, m, y] = tokenize(date, '/');
      const issue = issueDateParts(doc);
      return same(d, issue[2]) && same(m, issue[1]) && same(y, issue[0]);
    },
    msg(
      `${ID_EN} must give the issue date (dd/mm/yyyy) as its second part.`,
      `${ID_NL} moet de factuurdatum (dd/mm/jjjj) als tweede deel hebben.`,
    ),
  ),
  rule(
    greekInvoiceNumber,
    'GR-R-001-4',
    'fatal',
    (el) => {
      const branch = segments(el)[2];
      return filled(branch) && !Number.isNaN(xNumber(branch)) && xsInteger(branch!) >= 0;
    },
    msg(
      `${ID_EN} must have a non-negative whole number (the branch) as its third part.`,
      `${ID_NL} moet een niet-negatief geheel getal (de vestiging) als derde deel hebben.`,
    ),
  ),
  rule(
    greekInvoiceNumber,
    'GR-R-001-5',
    'fatal',
    (el) => {
      const type = segments(el)[3];
      return filled(type) && DOCUMENT_TYPES.includes(type!);
    },
    msg(
      `${ID_EN} must have a Greek document type (1.1, 1.6, 2.1, 2.4, 5.1 or 5.2) as its fourth part.`,
      `${ID_NL} moet een Grieks documenttype (1.1, 1.6, 2.1, 2.4, 5.1 of 5.2) als vierde deel hebben.`,
    ),
  ),
  rule(
    greekInvoiceNumber,
    'GR-R-001-6',
    'fatal',
    (el) => (segments(el)[4] ?? '') !== '',
    msg(`${ID_EN} must have a fifth part (the series).`, `${ID_NL} moet een vijfde deel (de reeks) hebben.`),
  ),
  rule(
    greekInvoiceNumber,
    'GR-R-001-7',
    'fatal',
    (el) => (segments(el)[5] ?? '') !== '',
    msg(`${ID_EN} must have a sixth part (the number).`, `${ID_NL} moet een zesde deel (het nummer) hebben.`),
  ),
  rule(
    greekSeller,
    'GR-R-002',
    'fatal',
    (el) => lengthOf(el, 'cac:PartyName/cbc:Name') > 0,
    msg(
      'A Greek seller must give its full name as registered (PartyName/Name).',
      'Een Griekse verkoper moet zijn volledige geregistreerde naam geven (PartyName/Name).',
    ),
  ),
  rule(
    greekSeller,
    'GR-S-011',
    'warning',
    oneGreekVatNumber,
    msg(
      'A Greek seller should give one VAT number: EL followed by a valid AFM.',
      'Een Griekse verkoper hoort één btw-nummer te geven: EL gevolgd door een geldig AFM.',
    ),
  ),
  rule(
    greekSellerVat,
    'GR-R-003',
    'fatal',
    (el) => {
      const id = stringValue(el);
      return substring(id, 1, 2) === 'EL' && tinVerification(substring(id, 3));
    },
    msg(
      "A Greek seller's VAT number must be EL followed by a valid AFM.",
      'Het btw-nummer van een Griekse verkoper moet EL gevolgd door een geldig AFM zijn.',
    ),
  ),
  rule(
    greekDocument,
    'GR-R-004-1',
    'fatal',
    (el) => documentReferences(el, '##M.AR.K##') === 1,
    msg(
      'A Greek seller must give exactly one MARK number (AdditionalDocumentReference described ##M.AR.K##).',
      'Een Griekse verkoper moet precies één MARK-nummer geven (AdditionalDocumentReference met omschrijving ##M.AR.K##).',
    ),
  ),
  rule(
    greekDocument,
    'GR-S-008-1',
    'warning',
    (el) => documentReferences(el, '##INVOICE|URL##') === 1,
    msg(
      'A Greek seller should give one invoice URL (AdditionalDocumentReference described ##INVOICE|URL##).',
      'Een Griekse verkoper hoort één factuur-URL te geven (AdditionalDocumentReference met omschrijving ##INVOICE|URL##).',
    ),
  ),
  rule(
    greekDocument,
    'GR-R-008-2',
    'fatal',
    (el) => documentReferences(el, '##INVOICE|URL##') <= 1,
    msg(
      'A Greek seller may give at most one invoice URL.',
      'Een Griekse verkoper mag hoogstens één factuur-URL geven.',
    ),
  ),
  rule(
    markNumber,
    'GR-R-004-2',
    'fatal',
    (el) => /^[1-9]([0-9]*)/.test(stringValue(el)),
    msg(
      'The MARK number must be a positive integer.',
      'Het MARK-nummer moet een positief geheel getal zijn.',
    ),
  ),
  rule(
    invoiceUrl,
    'GR-R-008-3',
    'fatal',
    (el) =>
      normalizeSpace(single(sel(el, 'cac:Attachment/cac:ExternalReference/cbc:URI'), 'normalize-space()')) !==
      '',
    msg(
      'The invoice URL reference of a Greek seller must give the URL (Attachment/ExternalReference/URI).',
      'De factuur-URL-verwijzing van een Griekse verkoper moet de URL geven (Attachment/ExternalReference/URI).',
    ),
  ),
  rule(
    buyerOfGreekSeller,
    'GR-R-005',
    'fatal',
    (el) => lengthOf(el, 'cac:PartyName/cbc:Name') > 0,
    msg(
      'A Greek seller must give the full name of the buyer (PartyName/Name).',
      'Een Griekse verkoper moet de volledige naam van de koper geven (PartyName/Name).',
    ),
  ),
  rule(
    greekSellerEndpoint,
    'GR-R-009',
    'fatal',
    afmEndpoint,
    msg(
      "A Greek seller's electronic address must be its AFM with schemeID 9933.",
      'Het elektronisch adres van een Griekse verkoper moet zijn AFM met schemeID 9933 zijn.',
    ),
  ),
];

/** The second GR pattern (Greek seller and Greek buyer) in the official order. */
export const GR_BUYER_BILLING_RULES: Rule[] = [
  rule(
    greekBuyer,
    'GR-R-006',
    'fatal',
    oneGreekVatNumber,
    msg(
      'A Greek seller must give the VAT number of a Greek buyer: EL followed by a valid AFM.',
      'Een Griekse verkoper moet het btw-nummer van een Griekse koper geven: EL gevolgd door een geldig AFM.',
    ),
  ),
  rule(
    greekBuyerEndpoint,
    'GR-R-010',
    'fatal',
    afmEndpoint,
    msg(
      "A Greek buyer's electronic address must be its AFM with schemeID 9933.",
      'Het elektronisch adres van een Griekse koper moet zijn AFM met schemeID 9933 zijn.',
    ),
  ),
];
