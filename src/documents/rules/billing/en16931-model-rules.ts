// EN 16931 business rules for invoices and credit notes (the "model" pattern of CEN-EN16931-UBL):
// mandatory content (BR-01…BR-65), totals and VAT arithmetic (BR-CO-…), decimals (BR-DEC-…).
//
// Implemented: every assertion of this pattern except BR-CL-08 (note subject codes) — the BR-nn,
// BR-CO-nn and BR-DEC-nn here, and the VAT-category families BR-S/Z/E/AE/IC/G/O/AF/AG/B-nn in
// en16931-vat-category-rules.ts. The oracle test compares billing documents on exactly the
// implemented rule ids (see BILLING_RULE_IDS).
import { VAT_PREFIXES_BR_CO_09 } from '../../generated/en16931-code-lists.ts';
import {
  UBL_NS,
  anyBoolean,
  anyEquals,
  contexts,
  decimal,
  everywhere,
  has,
  isVat,
  msg,
  norm,
  rule,
  sel,
  someAtLeastZero,
  sumOf,
} from '../../rule-context.ts';
import type { DocumentScope, Rule, RuleContext } from '../../validation-types.ts';
import { VAT_CATEGORY_RULES, vatCategoryDocumentRules } from './en16931-vat-category-rules.ts';
import {
  XPathError,
  castDate,
  dec,
  decimalOf,
  decimalsAfterPoint,
  eq,
  round,
  round2,
  type Decimal,
} from '../../xpath-values.ts';
import { qname, stringValue, type XmlElement } from '../../xml-tree.ts';

const context = contexts({ ubl: UBL_NS.Invoice, cn: UBL_NS.CreditNote });

const root = context('/ubl:Invoice | /cn:CreditNote');
const docAllowance = context('/ubl:Invoice/cac:AllowanceCharge | /cn:CreditNote/cac:AllowanceCharge', (el) =>
  anyBoolean(el, 'cbc:ChargeIndicator', false),
);
const docCharge = context('/ubl:Invoice/cac:AllowanceCharge | /cn:CreditNote/cac:AllowanceCharge', (el) =>
  anyBoolean(el, 'cbc:ChargeIndicator', true),
);
const lineAllowance = context(
  'cac:InvoiceLine/cac:AllowanceCharge | cac:CreditNoteLine/cac:AllowanceCharge',
  (el) => anyBoolean(el, 'cbc:ChargeIndicator', false),
);
const lineCharge = context(
  'cac:InvoiceLine/cac:AllowanceCharge | cac:CreditNoteLine/cac:AllowanceCharge',
  (el) => anyBoolean(el, 'cbc:ChargeIndicator', true),
);
const totals = context('cac:LegalMonetaryTotal');
const line = context('cac:InvoiceLine | cac:CreditNoteLine');
const taxSubtotal = context('cac:TaxTotal/cac:TaxSubtotal');

/** "exists(x)" rule with a plain message. */
const requires = (ctx: RuleContext, id: string, steps: string, en: string, nl: string): Rule =>
  rule(ctx, id, 'fatal', (el) => has(el, steps), msg(en, nl));
/** "normalize-space(x) != ''" rule. */
const filled = (ctx: RuleContext, id: string, steps: string, en: string, nl: string): Rule =>
  rule(ctx, id, 'fatal', (el) => norm(el, steps) !== '', msg(en, nl));
/** "string-length(substring-after(x, '.')) <= 2" on the first element at `steps` (the string value of none is ''). */
const twoDecimals = (ctx: RuleContext, id: string, steps: string): Rule =>
  rule(
    ctx,
    id,
    'fatal',
    (el) => {
      const found = sel(el, steps);
      if (found.length > 1) throw new XPathError(`substring-after() of ${found.length} elements`);
      return decimalsAfterPoint(found[0] ? stringValue(found[0]) : '') <= 2;
    },
    (el) =>
      msg(
        `The amount in ${steps} of ${qname(el)} has more than 2 decimals. Round it to cents.`,
        `Het bedrag in ${steps} van ${qname(el)} heeft meer dan 2 decimalen. Rond af op centen.`,
      ),
  );
const reasonGiven = (el: XmlElement): boolean =>
  has(el, 'cbc:AllowanceChargeReason') || has(el, 'cbc:AllowanceChargeReasonCode');

/** xs:decimal of one optional element. */
const d = (el: XmlElement, steps: string): Decimal | undefined => decimal(el, steps);

/** "xs:date(a) >= xs:date(b)" for the first elements at two paths. */
function periodInOrder(el: XmlElement): boolean {
  if (!has(el, 'cbc:StartDate') || !has(el, 'cbc:EndDate')) return true;
  const end = sel(el, 'cbc:EndDate');
  const start = sel(el, 'cbc:StartDate');
  if (end.length > 1 || start.length > 1) throw new XPathError('xs:date() of more than one element');
  return castDate(stringValue(end[0]!)) >= castDate(stringValue(start[0]!));
}

/** The document-level allowances (false) or charges (true): ../cac:AllowanceCharge[cbc:ChargeIndicator = b]. */
const docAcs = (totalsEl: XmlElement, charge: boolean): XmlElement[] =>
  sel(totalsEl, '../cac:AllowanceCharge').filter((ac) => anyBoolean(ac, 'cbc:ChargeIndicator', charge));

/** cac:TaxCategory[VAT] rates of a VAT breakdown: round(…/xs:decimal(cbc:Percent)), undefined for none. */
function vatRate(subtotal: XmlElement): Decimal | undefined {
  const rates = sel(subtotal, 'cac:TaxCategory')
    .filter(isVat)
    .flatMap((c) => {
      const p = decimal(c, 'cbc:Percent');
      return p === undefined ? [] : [p];
    });
  if (rates.length > 1) throw new XPathError('more than one VAT rate in a breakdown');
  return rates[0];
}

const lineAmountSum = (doc: DocumentScope): Decimal =>
  sumOf(
    [...everywhere(doc, 'cac:InvoiceLine'), ...everywhere(doc, 'cac:CreditNoteLine')].flatMap((l) => {
      const a = sel(l, 'cbc:LineExtensionAmount');
      if (a.length > 1) throw new XPathError('more than one line amount');
      return a;
    }),
  );

/** The model pattern in the official context order (bare contexts: rules not implemented). */
export const EN16931_MODEL_RULES: (Rule | RuleContext)[] = [
  filled(
    context('cac:AdditionalDocumentReference'),
    'BR-52',
    'cbc:ID',
    'Every attached or referenced supporting document needs a reference (cbc:ID).',
    'Elk bijgevoegd of genoemd ondersteunend document heeft een referentie (cbc:ID) nodig.',
  ),
  rule(
    context('cac:AccountingCustomerParty/cac:Party/cbc:EndpointID'),
    'BR-63',
    'fatal',
    (el) => el.attrs.schemeID !== undefined,
    msg(
      "The buyer's electronic address needs a scheme (schemeID), e.g. 0106 for a KVK number.",
      'Het elektronisch adres van de koper heeft een schema nodig (schemeID), bijv. 0106 voor een KVK-nummer.',
    ),
  ),
  filled(
    context('cac:AccountingCustomerParty/cac:Party/cac:PostalAddress'),
    'BR-11',
    'cac:Country/cbc:IdentificationCode',
    "The buyer's postal address needs a country code (e.g. NL).",
    'Het postadres van de koper heeft een landcode nodig (bijv. NL).',
  ),
  rule(
    context('cac:PaymentMeans/cac:CardAccount/cbc:PrimaryAccountNumberID'),
    'BR-51',
    'warning',
    (el) => [...norm(el.parent!, 'cbc:PrimaryAccountNumberID')].length <= 10,
    msg(
      'Never put a full card number on an invoice: give at most the first 6 and last 4 digits.',
      'Zet nooit een volledig kaartnummer op een factuur: geef hooguit de eerste 6 en laatste 4 cijfers.',
    ),
  ),
  requires(
    context('cac:Delivery/cac:DeliveryLocation/cac:Address'),
    'BR-57',
    'cac:Country/cbc:IdentificationCode',
    'The delivery address needs a country code (e.g. NL).',
    'Het afleveradres heeft een landcode nodig (bijv. NL).',
  ),
  requires(
    docAllowance,
    'BR-31',
    'cbc:Amount',
    'This document-level allowance has no amount.',
    'Deze korting op documentniveau heeft geen bedrag.',
  ),
  rule(
    docAllowance,
    'BR-32',
    'fatal',
    (el) => sel(el, 'cac:TaxCategory').some((c) => isVat(c) && has(c, 'cbc:ID')),
    msg(
      'Give the VAT category of this document-level allowance.',
      'Geef de btw-categorie van deze korting op documentniveau.',
    ),
  ),
  rule(
    docAllowance,
    'BR-33',
    'fatal',
    reasonGiven,
    msg(
      'Give a reason (text or code) for this allowance.',
      'Geef een reden (tekst of code) voor deze korting.',
    ),
  ),
  rule(docAllowance, 'BR-CO-05', 'fatal', () => true, msg('', '')),
  rule(
    docAllowance,
    'BR-CO-21',
    'fatal',
    reasonGiven,
    msg(
      'Give a reason (text or code) for this allowance.',
      'Geef een reden (tekst of code) voor deze korting.',
    ),
  ),
  twoDecimals(docAllowance, 'BR-DEC-01', 'cbc:Amount'),
  twoDecimals(docAllowance, 'BR-DEC-02', 'cbc:BaseAmount'),
  requires(
    docCharge,
    'BR-36',
    'cbc:Amount',
    'This document-level charge has no amount.',
    'Deze toeslag op documentniveau heeft geen bedrag.',
  ),
  rule(
    docCharge,
    'BR-37',
    'fatal',
    (el) => sel(el, 'cac:TaxCategory').some((c) => isVat(c) && has(c, 'cbc:ID')),
    msg(
      'Give the VAT category of this document-level charge.',
      'Geef de btw-categorie van deze toeslag op documentniveau.',
    ),
  ),
  rule(
    docCharge,
    'BR-38',
    'fatal',
    reasonGiven,
    msg('Give a reason (text or code) for this charge.', 'Geef een reden (tekst of code) voor deze toeslag.'),
  ),
  rule(docCharge, 'BR-CO-06', 'fatal', () => true, msg('', '')),
  rule(
    docCharge,
    'BR-CO-22',
    'fatal',
    reasonGiven,
    msg('Give a reason (text or code) for this charge.', 'Geef een reden (tekst of code) voor deze toeslag.'),
  ),
  twoDecimals(docCharge, 'BR-DEC-05', 'cbc:Amount'),
  twoDecimals(docCharge, 'BR-DEC-06', 'cbc:BaseAmount'),
  requires(
    totals,
    'BR-12',
    'cbc:LineExtensionAmount',
    'The invoice totals need the sum of the line amounts.',
    'De factuurtotalen hebben de som van de regelbedragen nodig.',
  ),
  requires(
    totals,
    'BR-13',
    'cbc:TaxExclusiveAmount',
    'The invoice totals need the total without VAT.',
    'De factuurtotalen hebben het totaal zonder btw nodig.',
  ),
  requires(
    totals,
    'BR-14',
    'cbc:TaxInclusiveAmount',
    'The invoice totals need the total with VAT.',
    'De factuurtotalen hebben het totaal met btw nodig.',
  ),
  requires(
    totals,
    'BR-15',
    'cbc:PayableAmount',
    'The invoice totals need the amount to pay.',
    'De factuurtotalen hebben het te betalen bedrag nodig.',
  ),
  rule(
    totals,
    'BR-CO-10',
    'fatal',
    (el, doc) => eq(d(el, 'cbc:LineExtensionAmount'), round2(lineAmountSum(doc))),
    msg(
      'The sum of the line amounts in the totals does not equal the sum of the invoice lines. Recalculate it.',
      'De som van de regelbedragen bij de totalen is niet gelijk aan de som van de factuurregels. Reken hem opnieuw uit.',
    ),
  ),
  rule(
    totals,
    'BR-CO-11',
    'fatal',
    (el) =>
      eq(
        d(el, 'cbc:AllowanceTotalAmount'),
        round2(sumOf(docAcs(el, false).flatMap((ac) => sel(ac, 'cbc:Amount')))),
      ) ||
      (!has(el, 'cbc:AllowanceTotalAmount') && docAcs(el, false).length === 0),
    msg(
      'The total of the allowances does not equal the sum of the document-level allowances.',
      'Het totaal van de kortingen is niet gelijk aan de som van de kortingen op documentniveau.',
    ),
  ),
  rule(
    totals,
    'BR-CO-12',
    'fatal',
    (el) =>
      eq(
        d(el, 'cbc:ChargeTotalAmount'),
        round2(sumOf(docAcs(el, true).flatMap((ac) => sel(ac, 'cbc:Amount')))),
      ) ||
      (!has(el, 'cbc:ChargeTotalAmount') && docAcs(el, true).length === 0),
    msg(
      'The total of the charges does not equal the sum of the document-level charges.',
      'Het totaal van de toeslagen is niet gelijk aan de som van de toeslagen op documentniveau.',
    ),
  ),
  rule(
    totals,
    'BR-CO-13',
    'fatal',
    (el) => {
      const [charges, allowances] = [has(el, 'cbc:ChargeTotalAmount'), has(el, 'cbc:AllowanceTotalAmount')];
      const excl = () => d(el, 'cbc:TaxExclusiveAmount');
      const lines = () => d(el, 'cbc:LineExtensionAmount');
      const plus = (a: Decimal | undefined, b: Decimal | undefined, sign: 1 | -1) =>
        a === undefined || b === undefined ? undefined : sign === 1 ? a.plus(b) : a.minus(b);
      const r2 = (x: Decimal | undefined) => (x === undefined ? undefined : round2(x));
      if (charges && allowances) {
        return eq(
          excl(),
          r2(plus(plus(lines(), d(el, 'cbc:ChargeTotalAmount'), 1), d(el, 'cbc:AllowanceTotalAmount'), -1)),
        );
      }
      if (allowances) return eq(excl(), r2(plus(lines(), d(el, 'cbc:AllowanceTotalAmount'), -1)));
      if (charges) return eq(excl(), r2(plus(lines(), d(el, 'cbc:ChargeTotalAmount'), 1)));
      return eq(excl(), lines());
    },
    msg(
      'The total without VAT must equal the line total minus allowances plus charges.',
      'Het totaal zonder btw moet gelijk zijn aan het regeltotaal min kortingen plus toeslagen.',
    ),
  ),
  rule(
    totals,
    'BR-CO-16',
    'fatal',
    (el) => {
      const [prepaid, rounding] = [has(el, 'cbc:PrepaidAmount'), has(el, 'cbc:PayableRoundingAmount')];
      const payable = d(el, 'cbc:PayableAmount');
      const incl = d(el, 'cbc:TaxInclusiveAmount');
      const minus = (a: Decimal | undefined, b: Decimal | undefined) =>
        a === undefined || b === undefined ? undefined : round2(a.minus(b));
      if (prepaid && !rounding) return eq(payable, minus(incl, d(el, 'cbc:PrepaidAmount')));
      if (!prepaid && !rounding) return eq(payable, incl);
      if (prepaid && rounding) {
        return eq(
          minus(payable, d(el, 'cbc:PayableRoundingAmount')),
          minus(incl, d(el, 'cbc:PrepaidAmount')),
        );
      }
      return eq(minus(payable, d(el, 'cbc:PayableRoundingAmount')), incl);
    },
    msg(
      'The amount to pay must equal the total with VAT minus the amount already paid plus rounding.',
      'Het te betalen bedrag moet gelijk zijn aan het totaal met btw min het al betaalde bedrag plus afronding.',
    ),
  ),
  twoDecimals(totals, 'BR-DEC-09', 'cbc:LineExtensionAmount'),
  twoDecimals(totals, 'BR-DEC-10', 'cbc:AllowanceTotalAmount'),
  twoDecimals(totals, 'BR-DEC-11', 'cbc:ChargeTotalAmount'),
  twoDecimals(totals, 'BR-DEC-12', 'cbc:TaxExclusiveAmount'),
  twoDecimals(totals, 'BR-DEC-14', 'cbc:TaxInclusiveAmount'),
  twoDecimals(totals, 'BR-DEC-16', 'cbc:PrepaidAmount'),
  twoDecimals(totals, 'BR-DEC-17', 'cbc:PayableRoundingAmount'),
  twoDecimals(totals, 'BR-DEC-18', 'cbc:PayableAmount'),
  filled(
    root,
    'BR-01',
    'cbc:CustomizationID',
    'The invoice needs a specification identifier (cbc:CustomizationID).',
    'De factuur heeft een specificatie-id nodig (cbc:CustomizationID).',
  ),
  filled(
    root,
    'BR-02',
    'cbc:ID',
    'The invoice needs an invoice number (cbc:ID).',
    'De factuur heeft een factuurnummer nodig (cbc:ID).',
  ),
  filled(
    root,
    'BR-03',
    'cbc:IssueDate',
    'The invoice needs an invoice date (cbc:IssueDate).',
    'De factuur heeft een factuurdatum nodig (cbc:IssueDate).',
  ),
  rule(
    root,
    'BR-04',
    'fatal',
    (el) => norm(el, 'cbc:InvoiceTypeCode') !== '' || norm(el, 'cbc:CreditNoteTypeCode') !== '',
    msg(
      'The invoice needs a type code (e.g. 380 for an invoice).',
      'De factuur heeft een soortcode nodig (bijv. 380 voor een factuur).',
    ),
  ),
  filled(
    root,
    'BR-05',
    'cbc:DocumentCurrencyCode',
    'The invoice needs a currency code (e.g. EUR).',
    'De factuur heeft een valutacode nodig (bijv. EUR).',
  ),
  filled(
    root,
    'BR-06',
    'cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName',
    "The seller's registered name is missing.",
    'De statutaire naam van de leverancier ontbreekt.',
  ),
  filled(
    root,
    'BR-07',
    'cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName',
    "The buyer's registered name is missing.",
    'De statutaire naam van de koper ontbreekt.',
  ),
  requires(
    root,
    'BR-08',
    'cac:AccountingSupplierParty/cac:Party/cac:PostalAddress',
    "The seller's postal address is missing.",
    'Het postadres van de leverancier ontbreekt.',
  ),
  requires(
    root,
    'BR-10',
    'cac:AccountingCustomerParty/cac:Party/cac:PostalAddress',
    "The buyer's postal address is missing.",
    'Het postadres van de koper ontbreekt.',
  ),
  rule(
    root,
    'BR-16',
    'fatal',
    (el) => has(el, 'cac:InvoiceLine') || has(el, 'cac:CreditNoteLine'),
    msg('The invoice needs at least one invoice line.', 'De factuur heeft minstens één factuurregel nodig.'),
  ),
  rule(
    root,
    'BR-53',
    'fatal',
    (el, doc) =>
      sel(el, 'cbc:TaxCurrencyCode').every((c) =>
        everywhere(doc, 'cac:TaxTotal').some((t) =>
          sel(t, 'cbc:TaxAmount').some((a) => a.attrs.currencyID === stringValue(c)),
        ),
      ),
    msg(
      'A VAT accounting currency is given, so the total VAT amount in that currency must be given too.',
      'Er is een btw-boekhoudvaluta opgegeven, dus het totale btw-bedrag in die valuta moet ook vermeld worden.',
    ),
  ),
  rule(
    root,
    'BR-CO-03',
    'fatal',
    (el) => !(has(el, 'cbc:TaxPointDate') && has(el, 'cac:InvoicePeriod/cbc:DescriptionCode')),
    msg(
      'Give either a VAT point date or a VAT point date code, not both.',
      'Geef een btw-datum of een btw-datumcode, niet allebei.',
    ),
  ),
  rule(
    root,
    'BR-CO-15',
    'fatal',
    (el) =>
      sel(el, 'cbc:DocumentCurrencyCode').every((cur) => {
        const currency = stringValue(cur);
        const taxAmounts = sel(el, 'cac:TaxTotal').flatMap((t) => {
          const a = sel(t, 'cbc:TaxAmount').filter((x) => x.attrs.currencyID === currency);
          const v = decimalOf(a);
          return v === undefined ? [] : [v];
        });
        if (taxAmounts.length !== 1) return false;
        const totalsEls = sel(el, 'cac:LegalMonetaryTotal');
        if (totalsEls.length > 1) throw new XPathError('more than one LegalMonetaryTotal');
        const incl = totalsEls[0] ? decimal(totalsEls[0], 'cbc:TaxInclusiveAmount') : undefined;
        const excl = totalsEls[0] ? decimal(totalsEls[0], 'cbc:TaxExclusiveAmount') : undefined;
        return eq(incl, excl === undefined ? undefined : round2(excl.plus(taxAmounts[0]!)));
      }),
    msg(
      'The total with VAT must equal the total without VAT plus the total VAT amount, and exactly one total VAT amount in the invoice currency must be given.',
      'Het totaal met btw moet gelijk zijn aan het totaal zonder btw plus het totale btw-bedrag, en er moet precies één totaal btw-bedrag in de factuurvaluta staan.',
    ),
  ),
  requires(
    root,
    'BR-CO-18',
    'cac:TaxTotal/cac:TaxSubtotal',
    'The invoice needs a VAT breakdown (cac:TaxSubtotal).',
    'De factuur heeft een btw-specificatie nodig (cac:TaxSubtotal).',
  ),
  // BR-DEC-13 and BR-DEC-15 compare cbc:TaxAmount/@currencyID with a child of the TaxAmount itself (a
  // quirk of the official rule), so their condition never selects anything and they always hold.
  rule(root, 'BR-DEC-13', 'fatal', () => true, msg('', '')),
  rule(root, 'BR-DEC-15', 'fatal', () => true, msg('', '')),
  ...vatCategoryDocumentRules(root),
  filled(
    line,
    'BR-21',
    'cbc:ID',
    'Every invoice line needs a line number (cbc:ID).',
    'Elke factuurregel heeft een regelnummer nodig (cbc:ID).',
  ),
  rule(
    line,
    'BR-22',
    'fatal',
    (el) => has(el, 'cbc:InvoicedQuantity') || has(el, 'cbc:CreditedQuantity'),
    msg(
      'Every invoice line needs the invoiced quantity.',
      'Elke factuurregel heeft de gefactureerde hoeveelheid nodig.',
    ),
  ),
  rule(
    line,
    'BR-23',
    'fatal',
    (el) =>
      [...sel(el, 'cbc:InvoicedQuantity'), ...sel(el, 'cbc:CreditedQuantity')].some(
        (q) => q.attrs.unitCode !== undefined,
      ),
    msg(
      'The invoiced quantity needs a unit (unitCode, e.g. C62 for pieces).',
      'De gefactureerde hoeveelheid heeft een eenheid nodig (unitCode, bijv. C62 voor stuks).',
    ),
  ),
  requires(
    line,
    'BR-24',
    'cbc:LineExtensionAmount',
    'Every invoice line needs a line amount.',
    'Elke factuurregel heeft een regelbedrag nodig.',
  ),
  filled(
    line,
    'BR-25',
    'cac:Item/cbc:Name',
    'Every invoice line needs an item name.',
    'Elke factuurregel heeft een artikelnaam nodig.',
  ),
  requires(
    line,
    'BR-26',
    'cac:Price/cbc:PriceAmount',
    'Every invoice line needs a net price.',
    'Elke factuurregel heeft een nettoprijs nodig.',
  ),
  rule(
    line,
    'BR-27',
    'fatal',
    (el) => someAtLeastZero(sel(el, 'cac:Price/cbc:PriceAmount')),
    msg('The net price must not be negative.', 'De nettoprijs mag niet negatief zijn.'),
  ),
  rule(
    line,
    'BR-28',
    'fatal',
    (el) => {
      const bases = sel(el, 'cac:Price/cac:AllowanceCharge/cbc:BaseAmount');
      return someAtLeastZero(bases) || bases.length === 0;
    },
    msg('The gross price must not be negative.', 'De brutoprijs mag niet negatief zijn.'),
  ),
  rule(
    line,
    'BR-CO-04',
    'fatal',
    (el) => sel(el, 'cac:Item/cac:ClassifiedTaxCategory').some((c) => isVat(c) && has(c, 'cbc:ID')),
    msg(
      'Every invoice line needs a VAT category (cac:ClassifiedTaxCategory).',
      'Elke factuurregel heeft een btw-categorie nodig (cac:ClassifiedTaxCategory).',
    ),
  ),
  twoDecimals(line, 'BR-DEC-23', 'cbc:LineExtensionAmount'),
  requires(
    lineAllowance,
    'BR-41',
    'cbc:Amount',
    'This line allowance has no amount.',
    'Deze regelkorting heeft geen bedrag.',
  ),
  rule(
    lineAllowance,
    'BR-42',
    'fatal',
    reasonGiven,
    msg(
      'Give a reason (text or code) for this line allowance.',
      'Geef een reden (tekst of code) voor deze regelkorting.',
    ),
  ),
  rule(lineAllowance, 'BR-CO-07', 'fatal', () => true, msg('', '')),
  rule(
    lineAllowance,
    'BR-CO-23',
    'fatal',
    reasonGiven,
    msg(
      'Give a reason (text or code) for this line allowance.',
      'Geef een reden (tekst of code) voor deze regelkorting.',
    ),
  ),
  twoDecimals(lineAllowance, 'BR-DEC-24', 'cbc:Amount'),
  twoDecimals(lineAllowance, 'BR-DEC-25', 'cbc:BaseAmount'),
  requires(
    lineCharge,
    'BR-43',
    'cbc:Amount',
    'This line charge has no amount.',
    'Deze regeltoeslag heeft geen bedrag.',
  ),
  rule(
    lineCharge,
    'BR-44',
    'fatal',
    reasonGiven,
    msg(
      'Give a reason (text or code) for this line charge.',
      'Geef een reden (tekst of code) voor deze regeltoeslag.',
    ),
  ),
  rule(lineCharge, 'BR-CO-08', 'fatal', () => true, msg('', '')),
  rule(
    lineCharge,
    'BR-CO-24',
    'fatal',
    reasonGiven,
    msg(
      'Give a reason (text or code) for this line charge.',
      'Geef een reden (tekst of code) voor deze regeltoeslag.',
    ),
  ),
  twoDecimals(lineCharge, 'BR-DEC-27', 'cbc:Amount'),
  twoDecimals(lineCharge, 'BR-DEC-28', 'cbc:BaseAmount'),
  ...(() => {
    const linePeriod = context('cac:InvoiceLine/cac:InvoicePeriod | cac:CreditNoteLine/cac:InvoicePeriod');
    const period = context('cac:InvoicePeriod');
    return [
      rule(
        linePeriod,
        'BR-30',
        'fatal',
        periodInOrder,
        msg('The line period ends before it starts.', 'De regelperiode eindigt voordat hij begint.'),
      ),
      rule(
        linePeriod,
        'BR-CO-20',
        'fatal',
        (el) => has(el, 'cbc:StartDate') || has(el, 'cbc:EndDate'),
        msg(
          'A line period needs a start date or an end date.',
          'Een regelperiode heeft een begin- of einddatum nodig.',
        ),
      ),
      rule(
        period,
        'BR-29',
        'fatal',
        periodInOrder,
        msg('The invoicing period ends before it starts.', 'De factuurperiode eindigt voordat hij begint.'),
      ),
      rule(
        period,
        'BR-CO-19',
        'fatal',
        (el) => has(el, 'cbc:StartDate') || has(el, 'cbc:EndDate') || has(el, 'cbc:DescriptionCode'),
        msg(
          'An invoicing period needs a start date or an end date.',
          'Een factuurperiode heeft een begin- of einddatum nodig.',
        ),
      ),
    ];
  })(),
  rule(
    context('cac:AdditionalItemProperty'),
    'BR-54',
    'fatal',
    (el) => has(el, 'cbc:Name') && has(el, 'cbc:Value'),
    msg(
      'Every item property needs a name and a value.',
      'Elke artikeleigenschap heeft een naam en een waarde nodig.',
    ),
  ),
  rule(
    context(
      'cac:InvoiceLine/cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode | cac:CreditNoteLine/cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode',
    ),
    'BR-65',
    'fatal',
    (el) => el.attrs.listID !== undefined,
    msg(
      'The item classification code needs a scheme (listID).',
      'De artikelclassificatiecode heeft een schema nodig (listID).',
    ),
  ),
  rule(
    context(
      'cac:InvoiceLine/cac:Item/cac:StandardItemIdentification/cbc:ID | cac:CreditNoteLine/cac:Item/cac:StandardItemIdentification/cbc:ID',
    ),
    'BR-64',
    'fatal',
    (el) => el.attrs.schemeID !== undefined,
    msg(
      'The standard item number needs a scheme (schemeID, e.g. 0160 for a GTIN).',
      'Het standaard artikelnummer heeft een schema nodig (schemeID, bijv. 0160 voor een GTIN).',
    ),
  ),
  context('/ubl:Invoice/cbc:Note | /cn:CreditNote/cbc:Note'), // BR-CL-08: not implemented
  rule(
    context('cac:PayeeParty'),
    'BR-17',
    'fatal',
    (el) => {
      const seller = sel(el, '../cac:AccountingSupplierParty/cac:Party');
      const sellerNames = seller.flatMap((p) => sel(p, 'cac:PartyName/cbc:Name')).map(stringValue);
      const sellerIds = seller.flatMap((p) => sel(p, 'cac:PartyIdentification/cbc:ID')).map(stringValue);
      return (
        has(el, 'cac:PartyName/cbc:Name') &&
        !sel(el, 'cac:PartyName/cbc:Name').some((n) => sellerNames.includes(stringValue(n))) &&
        !sel(el, 'cac:PartyIdentification/cbc:ID').some((i) => sellerIds.includes(stringValue(i)))
      );
    },
    msg(
      'A payee that differs from the seller needs its own name; leave the payee out if the seller is paid.',
      'Een begunstigde die verschilt van de leverancier heeft een eigen naam nodig; laat de begunstigde weg als de leverancier betaald wordt.',
    ),
  ),
  filled(
    context(
      'cac:PaymentMeans/cac:PayeeFinancialAccount',
      (el) =>
        anyEquals(el.parent!, 'cbc:PaymentMeansCode', '30') ||
        anyEquals(el.parent!, 'cbc:PaymentMeansCode', '58'),
    ),
    'BR-50',
    'cbc:ID',
    'A credit transfer needs the account number (IBAN) to pay to.',
    'Een overschrijving heeft het rekeningnummer (IBAN) nodig waarop betaald moet worden.',
  ),
  ...(() => {
    const means = context('cac:PaymentMeans');
    return [
      requires(
        means,
        'BR-49',
        'cbc:PaymentMeansCode',
        'Give the payment means code (e.g. 30 or 58 for a transfer).',
        'Geef de betaalwijzecode (bijv. 30 of 58 voor een overschrijving).',
      ),
      rule(
        means,
        'BR-61',
        'fatal',
        (el) => {
          const code = norm(el, 'cbc:PaymentMeansCode');
          return (code !== '30' && code !== '58') || has(el, 'cac:PayeeFinancialAccount/cbc:ID');
        },
        msg(
          'A credit transfer (code 30 or 58) needs the account number (IBAN) to pay to.',
          'Een overschrijving (code 30 of 58) heeft het rekeningnummer (IBAN) nodig waarop betaald moet worden.',
        ),
      ),
    ];
  })(),
  requires(
    context('cac:BillingReference'),
    'BR-55',
    'cac:InvoiceDocumentReference/cbc:ID',
    'A reference to an earlier invoice needs that invoice number.',
    'Een verwijzing naar een eerdere factuur heeft het nummer van die factuur nodig.',
  ),
  rule(
    context('cac:AccountingSupplierParty'),
    'BR-CO-26',
    'fatal',
    (el) =>
      sel(el, 'cac:Party/cac:PartyTaxScheme').some((s) => isVat(s) && has(s, 'cbc:CompanyID')) ||
      sel(el, 'cac:Party/cac:PartyIdentification/cbc:ID').some((i) => i.attrs.schemeID !== 'SEPA') ||
      has(el, 'cac:Party/cac:PartyLegalEntity/cbc:CompanyID'),
    msg(
      'The seller needs an identifier, a registration number (e.g. KVK) or a VAT number so the buyer can recognise them.',
      'De leverancier heeft een identificatie, een registratienummer (bijv. KVK) of een btw-nummer nodig zodat de koper hem herkent.',
    ),
  ),
  rule(
    context('cac:AccountingSupplierParty/cac:Party/cbc:EndpointID'),
    'BR-62',
    'fatal',
    (el) => el.attrs.schemeID !== undefined,
    msg(
      "The seller's electronic address needs a scheme (schemeID).",
      'Het elektronisch adres van de leverancier heeft een schema nodig (schemeID).',
    ),
  ),
  filled(
    context('cac:AccountingSupplierParty/cac:Party/cac:PostalAddress'),
    'BR-09',
    'cac:Country/cbc:IdentificationCode',
    "The seller's postal address needs a country code (e.g. NL).",
    'Het postadres van de leverancier heeft een landcode nodig (bijv. NL).',
  ),
  ...(() => {
    const rep = context('cac:TaxRepresentativeParty');
    return [
      filled(
        rep,
        'BR-18',
        'cac:PartyName/cbc:Name',
        'The tax representative needs a name.',
        'De fiscaal vertegenwoordiger heeft een naam nodig.',
      ),
      requires(
        rep,
        'BR-19',
        'cac:PostalAddress',
        'The tax representative needs a postal address.',
        'De fiscaal vertegenwoordiger heeft een postadres nodig.',
      ),
      rule(
        rep,
        'BR-56',
        'fatal',
        (el) => sel(el, 'cac:PartyTaxScheme').some((s) => isVat(s) && has(s, 'cbc:CompanyID')),
        msg(
          'The tax representative needs a VAT number.',
          'De fiscaal vertegenwoordiger heeft een btw-nummer nodig.',
        ),
      ),
    ];
  })(),
  filled(
    context('cac:TaxRepresentativeParty/cac:PostalAddress'),
    'BR-20',
    'cac:Country/cbc:IdentificationCode',
    "The tax representative's address needs a country code.",
    'Het adres van de fiscaal vertegenwoordiger heeft een landcode nodig.',
  ),
  rule(
    context('/ubl:Invoice/cac:TaxTotal | /cn:CreditNote/cac:TaxTotal'),
    'BR-CO-14',
    'fatal',
    // Left to right as the validator evaluates it: a repeated TaxAmount is an error even without a breakdown.
    (el) =>
      eq(decimal(el, 'cbc:TaxAmount'), round2(sumOf(sel(el, 'cac:TaxSubtotal/cbc:TaxAmount')))) ||
      !has(el, 'cac:TaxSubtotal'),
    msg(
      'The total VAT amount must equal the sum of the VAT amounts in the VAT breakdown.',
      'Het totale btw-bedrag moet gelijk zijn aan de som van de btw-bedragen in de btw-specificatie.',
    ),
  ),
  requires(
    taxSubtotal,
    'BR-45',
    'cbc:TaxableAmount',
    'Every VAT breakdown needs the taxable amount.',
    'Elke btw-specificatie heeft het belastbare bedrag nodig.',
  ),
  requires(
    taxSubtotal,
    'BR-46',
    'cbc:TaxAmount',
    'Every VAT breakdown needs the VAT amount.',
    'Elke btw-specificatie heeft het btw-bedrag nodig.',
  ),
  rule(
    taxSubtotal,
    'BR-47',
    'fatal',
    (el) => sel(el, 'cac:TaxCategory').some((c) => isVat(c) && has(c, 'cbc:ID')),
    msg(
      'Every VAT breakdown needs a VAT category code.',
      'Elke btw-specificatie heeft een btw-categoriecode nodig.',
    ),
  ),
  rule(
    taxSubtotal,
    'BR-48',
    'fatal',
    (el) => {
      const cats = sel(el, 'cac:TaxCategory').filter(isVat);
      return cats.some((c) => has(c, 'cbc:Percent')) || cats.some((c) => norm(c, 'cbc:ID') === 'O');
    },
    msg(
      'Every VAT breakdown needs a VAT rate (except category O).',
      'Elke btw-specificatie heeft een btw-tarief nodig (behalve categorie O).',
    ),
  ),
  rule(
    taxSubtotal,
    'BR-CO-17',
    'fatal',
    (el) => {
      const rate = vatRate(el);
      const rounded = rate === undefined ? undefined : round(rate);
      const tax = () => d(el, 'cbc:TaxAmount');
      const roundedTax = () => {
        const t = tax();
        return t === undefined ? undefined : round(t);
      };
      if (rounded !== undefined && rounded.eq(0) && eq(roundedTax(), dec(0))) return true;
      if (rounded !== undefined && !rounded.eq(0)) {
        const t = tax();
        const taxable = d(el, 'cbc:TaxableAmount');
        if (t !== undefined && taxable !== undefined) {
          const expected = round2(taxable.abs().times(rate!.div(100)));
          if (t.abs().minus(1).lt(expected) && t.abs().plus(1).gt(expected)) return true;
        }
      }
      return rate === undefined && eq(roundedTax(), dec(0));
    },
    msg(
      'The VAT amount of this breakdown must equal the taxable amount × the rate, rounded to cents.',
      'Het btw-bedrag van deze specificatie moet gelijk zijn aan het belastbare bedrag × het tarief, afgerond op centen.',
    ),
  ),
  twoDecimals(taxSubtotal, 'BR-DEC-19', 'cbc:TaxableAmount'),
  twoDecimals(taxSubtotal, 'BR-DEC-20', 'cbc:TaxAmount'),
  rule(
    context('cac:PartyTaxScheme', isVat),
    'BR-CO-09',
    'fatal',
    (el) => {
      const ids = sel(el, 'cbc:CompanyID');
      if (ids.length > 1) throw new XPathError('substring() of more than one VAT number');
      return VAT_PREFIXES_BR_CO_09.includes([...(ids[0] ? stringValue(ids[0]) : '')].slice(0, 2).join(''));
    },
    (el) =>
      msg(
        `The VAT number "${norm(el, 'cbc:CompanyID')}" must start with a country code such as NL or BE (Greece uses EL).`,
        `Het btw-nummer "${norm(el, 'cbc:CompanyID')}" moet beginnen met een landcode zoals NL of BE (Griekenland gebruikt EL).`,
      ),
  ),
  ...VAT_CATEGORY_RULES,
];
