// German rules of Peppol BIS Billing 3 (DE-R-001…031 and DE-R-T02, the "german-rules" pattern of
// PEPPOL-EN16931-UBL, taken from XRechnung): they apply when both the seller's and the buyer's address
// country is DE (trimmed, any case), whatever the CustomizationID. All implemented.
import { UBL_NS, contexts, has, msg, norm, rule, sel } from '../../rule-context.ts';
import type { DocumentScope, Rule } from '../../validation-types.ts';
import { normalizeSpace, stringValue, type XmlElement } from '../../xml-tree.ts';
import { single } from './country-checks.ts';
import { DE_PATTERNS, skontoLines, validIban } from './de-billing-checks.ts';

const context = contexts({ ubl: UBL_NS.Invoice, cn: UBL_NS.CreditNote });

const COUNTRY = 'cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode';
const countryIsDE = (doc: DocumentScope, party: string): boolean =>
  norm(doc.root, `${party}/${COUNTRY}`).toUpperCase() === 'DE';
const bothDE = (_el: XmlElement, doc: DocumentScope): boolean =>
  doc.memo(
    'DE seller and buyer',
    () => countryIsDE(doc, 'cac:AccountingSupplierParty') && countryIsDE(doc, 'cac:AccountingCustomerParty'),
  );
/** The union of "/ubl-invoice:Invoice/<p> | /ubl-creditnote:CreditNote/<p>". */
const both = (p: string): string => `/ubl:Invoice/${p} | /cn:CreditNote/${p}`;

/** path[boolean(normalize-space(.))]: some selected element has more than whitespace. */
const filled = (el: XmlElement, steps: string): boolean =>
  sel(el, steps).some((e) => normalizeSpace(stringValue(e)) !== '');
/** "path = ('a', 'b', …)" on the untrimmed values. */
const anyIn = (els: XmlElement[], values: readonly string[]): boolean =>
  els.some((e) => values.includes(stringValue(e)));
/** normalize-space(cbc:PaymentMeansCode) is one of `codes`. */
const meansCode =
  (...codes: string[]) =>
  (el: XmlElement): boolean =>
    codes.includes(norm(el, 'cbc:PaymentMeansCode'));

const VAT_CODES = ['S', 'Z', 'E', 'AE', 'K', 'G', 'L', 'M'];
const TYPE_CODES = ['326', '380', '384', '389', '381', '875', '876', '877'];
const TELEPHONE = DE_PATTERNS.telephone;
const EMAIL = DE_PATTERNS.email;
const URL = DE_PATTERNS.url;

// One context object per official rule context: the engine runs only the first matching context's rules.
const germanDocument = context('/ubl:Invoice | /cn:CreditNote', bothDE);
const externalReference = context(
  both('cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference'),
  bothDE,
);
const seller = context(both('cac:AccountingSupplierParty'), bothDE);
const sellerAddress = context(both('cac:AccountingSupplierParty/cac:Party/cac:PostalAddress'), bothDE);
const sellerContact = context(both('cac:AccountingSupplierParty/cac:Party/cac:Contact'), bothDE);
const buyerAddress = context(both('cac:AccountingCustomerParty/cac:Party/cac:PostalAddress'), bothDE);
const deliveryAddress = context(both('cac:Delivery/cac:DeliveryLocation/cac:Address'), bothDE);
const transfer = context(both('cac:PaymentMeans'), (el, doc) => meansCode('30', '58')(el) && bothDE(el, doc));
const card = context(
  both('cac:PaymentMeans'),
  (el, doc) => meansCode('48', '54', '55')(el) && bothDE(el, doc),
);
const directDebit = context(both('cac:PaymentMeans'), (el, doc) => meansCode('59')(el) && bothDE(el, doc));
const vatBreakdown = context(both('cac:TaxTotal/cac:TaxSubtotal'), bothDE);

const nonEmpty = (id: string, ctx: typeof seller, steps: string, en: string, nl: string): Rule =>
  rule(ctx, id, 'fatal', (el) => filled(el, steps), msg(en, nl));

/** The German rules in the official order. */
export const DE_BILLING_RULES: Rule[] = [
  rule(
    germanDocument,
    'DE-R-001',
    'fatal',
    (el) => has(el, 'cac:PaymentMeans'),
    msg(
      'Between German parties the invoice must say how to pay (cac:PaymentMeans).',
      'Tussen Duitse partijen moet de factuur aangeven hoe betaald wordt (cac:PaymentMeans).',
    ),
  ),
  nonEmpty(
    'DE-R-015',
    germanDocument,
    'cbc:BuyerReference',
    'Between German parties the buyer reference (Leitweg-ID, cbc:BuyerReference) is required.',
    'Tussen Duitse partijen is de referentie van de koper (Leitweg-ID, cbc:BuyerReference) verplicht.',
  ),
  rule(
    germanDocument,
    'DE-R-016',
    'fatal',
    (el) => {
      const allowanceOrCharge = (indicator: string): XmlElement[] =>
        sel(el, 'cac:AllowanceCharge')
          .filter((a) => sel(a, 'cbc:ChargeIndicator').some((c) => stringValue(c) === indicator))
          .flatMap((a) => sel(a, 'cac:TaxCategory/cbc:ID'));
      const vatCategories =
        anyIn(allowanceOrCharge('false'), VAT_CODES) ||
        anyIn(allowanceOrCharge('true'), VAT_CODES) ||
        anyIn(
          [...sel(el, 'cac:InvoiceLine'), ...sel(el, 'cac:CreditNoteLine')].flatMap((l) =>
            sel(l, 'cac:Item/cac:ClassifiedTaxCategory/cbc:ID'),
          ),
          VAT_CODES,
        );
      return (
        !vatCategories ||
        has(el, 'cac:TaxRepresentativeParty') ||
        filled(el, 'cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID')
      );
    },
    msg(
      'With VAT a German seller must give its VAT or tax number, or a tax representative.',
      'Met btw moet een Duitse verkoper zijn btw- of belastingnummer of een fiscaal vertegenwoordiger geven.',
    ),
  ),
  rule(
    germanDocument,
    'DE-R-017',
    'warning',
    (el) =>
      TYPE_CODES.includes(norm(el, 'cbc:InvoiceTypeCode')) ||
      TYPE_CODES.includes(norm(el, 'cbc:CreditNoteTypeCode')),
    msg(
      'Between German parties the document type should be 326, 380, 381, 384, 389, 875, 876 or 877.',
      'Tussen Duitse partijen hoort het documenttype 326, 380, 381, 384, 389, 875, 876 of 877 te zijn.',
    ),
  ),
  rule(
    germanDocument,
    'DE-R-018',
    'fatal',
    skontoLines,
    msg(
      'Cash discount lines in the payment terms must read #SKONTO#TAGE=n#PROZENT=n.nn#[BASISBETRAG=n.nn#] and the note must end with a line break.',
      'Kortingsregels (skonto) in de betalingsvoorwaarden moeten #SKONTO#TAGE=n#PROZENT=n.nn#[BASISBETRAG=n.nn#] luiden en de notitie moet met een regeleinde eindigen.',
    ),
  ),
  rule(
    germanDocument,
    'DE-R-022',
    'fatal',
    (el) => {
      const seen = new Set<string>();
      for (const ref of sel(el, 'cac:AdditionalDocumentReference')) {
        const names = sel(ref, 'cac:Attachment/cbc:EmbeddedDocumentBinaryObject').flatMap((o) =>
          o.attrs.filename === undefined ? [] : [o.attrs.filename],
        );
        if (names.some((n) => seen.has(n))) return false;
        for (const n of names) seen.add(n);
      }
      return true;
    },
    msg(
      'Attached documents must have different file names.',
      'Bijgevoegde documenten moeten verschillende bestandsnamen hebben.',
    ),
  ),
  rule(
    germanDocument,
    'DE-R-026',
    'warning',
    (el) =>
      !(norm(el, 'cbc:InvoiceTypeCode') === '384' || norm(el, 'cbc:CreditNoteTypeCode') === '384') ||
      has(el, 'cac:BillingReference/cac:InvoiceDocumentReference'),
    msg(
      'A corrected invoice (type 384) should refer to the invoice it corrects (BillingReference).',
      'Een gecorrigeerde factuur (type 384) hoort naar de gecorrigeerde factuur te verwijzen (BillingReference).',
    ),
  ),
  rule(
    germanDocument,
    'DE-R-030',
    'fatal',
    (el) =>
      !has(el, 'cac:PaymentMeans/cac:PaymentMandate') ||
      [
        ...sel(el, 'cac:AccountingSupplierParty/cac:Party/cac:PartyIdentification/cbc:ID'),
        ...sel(el, 'cac:PayeeParty/cac:PartyIdentification/cbc:ID'),
      ].some((id) => id.attrs.schemeID === 'SEPA'),
    msg(
      'With a direct debit mandate the seller or payee must give its SEPA creditor id (PartyIdentification/ID schemeID SEPA).',
      'Bij een incassomachtiging moet de verkoper of begunstigde zijn SEPA-incassant-ID geven (PartyIdentification/ID schemeID SEPA).',
    ),
  ),
  rule(
    germanDocument,
    'DE-R-031',
    'fatal',
    (el) =>
      !has(el, 'cac:PaymentMeans/cac:PaymentMandate') ||
      has(el, 'cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount/cbc:ID'),
    msg(
      'A direct debit mandate must give the debited account (PayerFinancialAccount/ID).',
      'Een incassomachtiging moet de te debiteren rekening geven (PayerFinancialAccount/ID).',
    ),
  ),
  rule(
    externalReference,
    'DE-R-T02',
    'warning',
    (el) => URL.test(single(sel(el, 'cbc:URI'), 'matches()')),
    msg(
      'An external document reference should be an absolute URL (scheme:…).',
      'Een externe documentverwijzing hoort een absolute URL (schema:…) te zijn.',
    ),
  ),
  rule(
    seller,
    'DE-R-002',
    'fatal',
    (el) => has(el, 'cac:Party/cac:Contact'),
    msg(
      'Between German parties the seller must give a contact (cac:Contact).',
      'Tussen Duitse partijen moet de verkoper een contactpersoon geven (cac:Contact).',
    ),
  ),
  nonEmpty(
    'DE-R-003',
    sellerAddress,
    'cbc:CityName',
    "The German seller's address needs the city.",
    'Het adres van de Duitse verkoper heeft de plaats nodig.',
  ),
  nonEmpty(
    'DE-R-004',
    sellerAddress,
    'cbc:PostalZone',
    "The German seller's address needs the postcode.",
    'Het adres van de Duitse verkoper heeft de postcode nodig.',
  ),
  nonEmpty(
    'DE-R-005',
    sellerContact,
    'cbc:Name',
    "The German seller's contact needs a name.",
    'Het contact van de Duitse verkoper heeft een naam nodig.',
  ),
  nonEmpty(
    'DE-R-006',
    sellerContact,
    'cbc:Telephone',
    "The German seller's contact needs a telephone number.",
    'Het contact van de Duitse verkoper heeft een telefoonnummer nodig.',
  ),
  nonEmpty(
    'DE-R-007',
    sellerContact,
    'cbc:ElectronicMail',
    "The German seller's contact needs an e-mail address.",
    'Het contact van de Duitse verkoper heeft een e-mailadres nodig.',
  ),
  rule(
    sellerContact,
    'DE-R-027',
    'warning',
    (el) => TELEPHONE.test(norm(el, 'cbc:Telephone')),
    msg(
      'A telephone number should contain at least three digits.',
      'Een telefoonnummer hoort minstens drie cijfers te bevatten.',
    ),
  ),
  rule(
    sellerContact,
    'DE-R-028',
    'warning',
    (el) => EMAIL.test(norm(el, 'cbc:ElectronicMail')),
    msg(
      'An e-mail address should have one @ and a domain with a dot, without spaces.',
      'Een e-mailadres hoort één @ en een domein met een punt te hebben, zonder spaties.',
    ),
  ),
  nonEmpty(
    'DE-R-008',
    buyerAddress,
    'cbc:CityName',
    "The German buyer's address needs the city.",
    'Het adres van de Duitse koper heeft de plaats nodig.',
  ),
  nonEmpty(
    'DE-R-009',
    buyerAddress,
    'cbc:PostalZone',
    "The German buyer's address needs the postcode.",
    'Het adres van de Duitse koper heeft de postcode nodig.',
  ),
  nonEmpty(
    'DE-R-010',
    deliveryAddress,
    'cbc:CityName',
    'The delivery address needs the city.',
    'Het afleveradres heeft de plaats nodig.',
  ),
  nonEmpty(
    'DE-R-011',
    deliveryAddress,
    'cbc:PostalZone',
    'The delivery address needs the postcode.',
    'Het afleveradres heeft de postcode nodig.',
  ),
  rule(
    transfer,
    'DE-R-019',
    'warning',
    (el) => !meansCode('58')(el) || validIban(el, 'cac:PayeeFinancialAccount/cbc:ID'),
    msg(
      'A SEPA credit transfer (58) should give a valid IBAN.',
      'Een SEPA-overschrijving (58) hoort een geldig IBAN te geven.',
    ),
  ),
  rule(
    transfer,
    'DE-R-023-1',
    'fatal',
    (el) => has(el, 'cac:PayeeFinancialAccount'),
    msg(
      'A credit transfer (30, 58) must give the account to pay to.',
      'Een overschrijving (30, 58) moet de rekening geven waarop betaald wordt.',
    ),
  ),
  rule(
    transfer,
    'DE-R-023-2',
    'fatal',
    (el) => !has(el, 'cac:CardAccount') && !has(el, 'cac:PaymentMandate'),
    msg(
      'A credit transfer (30, 58) must not give card or direct debit details.',
      'Een overschrijving (30, 58) mag geen kaart- of incassogegevens geven.',
    ),
  ),
  rule(
    card,
    'DE-R-024-1',
    'fatal',
    (el) => has(el, 'cac:CardAccount'),
    msg(
      'A card payment (48, 54, 55) must give the card (cac:CardAccount).',
      'Een kaartbetaling (48, 54, 55) moet de kaart geven (cac:CardAccount).',
    ),
  ),
  rule(
    card,
    'DE-R-024-2',
    'fatal',
    (el) => !has(el, 'cac:PayeeFinancialAccount') && !has(el, 'cac:PaymentMandate'),
    msg(
      'A card payment (48, 54, 55) must not give transfer or direct debit details.',
      'Een kaartbetaling (48, 54, 55) mag geen overschrijvings- of incassogegevens geven.',
    ),
  ),
  rule(
    directDebit,
    'DE-R-020',
    'warning',
    (el) => validIban(el, 'cac:PaymentMandate/cac:PayerFinancialAccount/cbc:ID'),
    msg(
      'A SEPA direct debit (59) should give a valid IBAN to debit.',
      'Een SEPA-incasso (59) hoort een geldig te debiteren IBAN te geven.',
    ),
  ),
  rule(
    directDebit,
    'DE-R-025-1',
    'fatal',
    (el) => has(el, 'cac:PaymentMandate'),
    msg(
      'A direct debit (59) must give the mandate (cac:PaymentMandate).',
      'Een incasso (59) moet de machtiging geven (cac:PaymentMandate).',
    ),
  ),
  rule(
    directDebit,
    'DE-R-025-2',
    'fatal',
    (el) => !has(el, 'cac:PayeeFinancialAccount') && !has(el, 'cac:CardAccount'),
    msg(
      'A direct debit (59) must not give transfer or card details.',
      'Een incasso (59) mag geen overschrijvings- of kaartgegevens geven.',
    ),
  ),
  nonEmpty(
    'DE-R-014',
    vatBreakdown,
    'cac:TaxCategory/cbc:Percent',
    'Between German parties every VAT breakdown must give the rate (TaxCategory/Percent).',
    'Tussen Duitse partijen moet elke btw-specificatie het tarief geven (TaxCategory/Percent).',
  ),
];
