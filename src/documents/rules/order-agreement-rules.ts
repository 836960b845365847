// Business rules of the Peppol Order Agreement (T110, PEPPOL-T110-R…), in the official context order.
// The order agreement is an OrderResponse document with full prices, VAT breakdown and totals.
import { CODE_LISTS } from '../generated/ordering-code-lists.ts';
import {
  UBL_NS,
  anyEquals,
  contexts,
  decimal,
  everywhere,
  has,
  hasAncestorNamed,
  msg,
  norm,
  normSelf,
  normText,
  num,
  rule,
  sel,
  someAboveZero,
  someAtLeastZero,
  sumOf,
} from '../rule-context.ts';
import type { DocumentScope, Rule } from '../validation-types.ts';
import {
  XPathError,
  dec,
  decimalOf,
  decimalsAfterPoint,
  eq,
  gte,
  round,
  round2,
  slack,
  type Decimal,
} from '../xpath-values.ts';
import { qname, stringValue, type XmlElement } from '../xml-tree.ts';

const NS = UBL_NS.OrderResponse;
const context = contexts({ ubl: NS });
const id = (n: string): string => `PEPPOL-T110-${n}`;

const isRoot = (doc: DocumentScope): boolean => doc.root.ns === NS && doc.root.name === 'OrderResponse';
const fromRoot = (doc: DocumentScope, steps: string): XmlElement[] =>
  isRoot(doc) ? sel(doc.root, steps) : [];

/** u:cat2str: "S-21000000" — the category code and the rate times a million, rounded. */
function categoryKey(cat: XmlElement): string {
  const pct = decimal(cat, 'cbc:Percent');
  return `${norm(cat, 'cbc:ID')}-${pct === undefined ? '' : round(pct.times(1_000_000)).toFixed()}`;
}

/** xs:decimal(if (path) then path else 0). */
function decimalOrZero(el: XmlElement, steps: string): Decimal {
  const found = sel(el, steps);
  return found.length ? decimalOf(found)! : dec(0);
}

/** round(cac:TaxCategory/xs:decimal(cbc:Percent)): one rounded rate, or undefined for none. */
function roundedRate(subtotal: XmlElement): Decimal | undefined {
  const rates = sel(subtotal, 'cac:TaxCategory').flatMap((c) => {
    const p = decimal(c, 'cbc:Percent');
    return p === undefined ? [] : [p];
  });
  if (rates.length > 1) throw new XPathError('round() of more than one rate');
  return rates[0] === undefined ? undefined : round(rates[0]);
}

const taxSubtotalRule = rule(
  context('cac:TaxTotal/cac:TaxSubtotal'),
  id('R024'),
  'fatal',
  (el) => {
    const rate = roundedRate(el);
    const tax = () => decimal(el, 'cbc:TaxAmount');
    const roundedTax = () => {
      const t = tax();
      return t === undefined ? undefined : round(t);
    };
    if (rate !== undefined && rate.eq(0) && eq(roundedTax(), dec(0))) return true;
    if (rate !== undefined && !rate.eq(0)) {
      const taxable = decimal(el, 'cbc:TaxableAmount');
      const pct = sel(el, 'cac:TaxCategory').flatMap((c) => {
        const p = decimal(c, 'cbc:Percent');
        return p === undefined ? [] : [p];
      })[0]!;
      if (taxable !== undefined && eq(tax(), round2(taxable.times(pct.div(100))))) return true;
    }
    return rate === undefined && eq(roundedTax(), dec(0));
  },
  msg(
    'The VAT amount of this VAT breakdown must equal the taxable amount × rate / 100, rounded to cents. Recalculate cbc:TaxAmount.',
    'Het btw-bedrag van deze btw-specificatie moet gelijk zijn aan het belastbare bedrag × tarief / 100, afgerond op centen. Reken cbc:TaxAmount opnieuw uit.',
  ),
);

const taxTotalRule = rule(
  context(
    '/ubl:OrderResponse/cac:TaxTotal',
    (el) => has(el, 'cac:TaxSubtotal'),
    '/ubl:OrderResponse/cac:TaxTotal[cac:TaxSubtotal]',
  ),
  id('R025'),
  'fatal',
  (el) => {
    const subtotals = sel(el, 'cac:TaxSubtotal');
    if (subtotals.length === 0) return true;
    return eq(decimal(el, 'cbc:TaxAmount'), round2(sumOf(sel(el, 'cac:TaxSubtotal/cbc:TaxAmount'))));
  },
  msg(
    'The total VAT amount must equal the sum of the VAT amounts in the VAT breakdown. Recalculate cac:TaxTotal/cbc:TaxAmount.',
    'Het totale btw-bedrag moet gelijk zijn aan de som van de btw-bedragen in de btw-specificatie. Reken cac:TaxTotal/cbc:TaxAmount opnieuw uit.',
  ),
);

const docCategoryKeys = (doc: DocumentScope): string[] =>
  doc.memo('T110 categories', () =>
    fromRoot(doc, 'cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory').map(categoryKey),
  );
const docCategoryIds = (doc: DocumentScope): string[] =>
  doc.memo('T110 category ids', () =>
    fromRoot(doc, 'cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory').map((c) => norm(c, 'cbc:ID')),
  );
const anyTaxTotal = (doc: DocumentScope): boolean => everywhere(doc, 'cac:TaxTotal').length > 0;

const lineTaxCategory = context('cac:AllowanceCharge/cac:TaxCategory | cac:Item/cac:ClassifiedTaxCategory');

/** Variables of the LegalMonetaryTotal rule, lazily evaluated. */
function totals(el: XmlElement, doc: DocumentScope) {
  const acTotal = (charge: boolean): Decimal =>
    round2(
      sumOf(
        fromRoot(doc, 'cac:AllowanceCharge')
          .filter((ac) => anyEquals(ac, 'cbc:ChargeIndicator', String(charge)))
          .flatMap((ac) => sel(ac, 'cbc:Amount')),
      ),
    );
  return {
    lines: () => decimalOrZero(el, 'cbc:LineExtensionAmount'),
    allowances: () => decimalOrZero(el, 'cbc:AllowanceTotalAmount'),
    charges: () => decimalOrZero(el, 'cbc:ChargeTotalAmount'),
    taxExclusive: () => decimalOrZero(el, 'cbc:TaxExclusiveAmount'),
    taxInclusive: () => decimalOrZero(el, 'cbc:TaxInclusiveAmount'),
    rounding: () => decimalOrZero(el, 'cbc:PayableRoundingAmount'),
    payable: () => decimalOrZero(el, 'cbc:PayableAmount'),
    prepaid: () => decimalOrZero(el, 'cbc:PrepaidAmount'),
    tax: () => {
      const found = fromRoot(doc, 'cac:TaxTotal/cbc:TaxAmount');
      return found.length ? decimalOf(found)! : dec(0);
    },
    allowanceTotal: () => acTotal(false),
    chargeTotal: () => acTotal(true),
    lineTotal: () =>
      round2(
        sumOf(
          everywhere(doc, 'cac:OrderLine').flatMap((l) => sel(l, 'cac:LineItem/cbc:LineExtensionAmount')),
        ),
      ),
  };
}

const amounts = context(
  'cbc:Amount | cbc:TaxAmount | cbc:TaxableAmount | cbc:LineExtensionAmount | cbc:PriceAmount | cbc:BaseAmount | cac:LegalMonetaryTotal/cbc:*',
);
const monetaryTotal = context('cac:LegalMonetaryTotal');
const docAc = `/ubl:OrderResponse/cac:AllowanceCharge`;
const price = context('cac:Price');
const reasonCode = (charge: boolean) =>
  context(
    'cac:AllowanceCharge/cbc:AllowanceChargeReasonCode',
    (el) => anyEquals(el.parent!, 'cbc:ChargeIndicator', String(charge)),
    `cac:AllowanceCharge[cbc:ChargeIndicator = '${charge}']/cbc:AllowanceChargeReasonCode`,
  );

/** PEPPOL-T110-R… and -CL… (Order Agreement). */
export const T110_RULES: Rule[] = [
  rule(
    context('cbc:CustomizationID'),
    id('R030'),
    'fatal',
    (el) => normSelf(el).startsWith('urn:fdc:peppol.eu:poacc:trns:order_agreement:3'),
    msg(
      'The specification identifier must start with "urn:fdc:peppol.eu:poacc:trns:order_agreement:3".',
      'De specificatie-id moet beginnen met "urn:fdc:peppol.eu:poacc:trns:order_agreement:3".',
    ),
  ),
  rule(
    context('cac:Item'),
    id('R002'),
    'fatal',
    (el) =>
      has(el, 'cac:StandardItemIdentification/cbc:ID') || has(el, 'cac:SellersItemIdentification/cbc:ID'),
    msg(
      "Every item needs the seller's item number (cac:SellersItemIdentification) or a standard item number such as a GTIN (cac:StandardItemIdentification).",
      'Elk artikel heeft het artikelnummer van de leverancier (cac:SellersItemIdentification) of een standaard artikelnummer zoals een GTIN (cac:StandardItemIdentification) nodig.',
    ),
  ),
  rule(
    amounts,
    id('R004'),
    'fatal',
    (el, doc) =>
      el.attrs.currencyID === undefined ||
      doc
        .memo('document currency', () => fromRoot(doc, 'cbc:DocumentCurrencyCode'))
        .some((c) => stringValue(c) === el.attrs.currencyID),
    (el) =>
      msg(
        `The amount in ${qname(el)} is in ${el.attrs.currencyID}, which is not the document currency. Give all amounts in the document currency.`,
        `Het bedrag in ${qname(el)} staat in ${el.attrs.currencyID}, en dat is niet de valuta van het document. Geef alle bedragen in de valuta van het document.`,
      ),
  ),
  rule(
    amounts,
    id('R013'),
    'fatal',
    (el) => hasAncestorNamed(el.parent!, 'Price') || decimalsAfterPoint(stringValue(el)) <= 2,
    (el) =>
      msg(
        `The amount "${stringValue(el)}" in ${qname(el)} has more than 2 decimals. Round it to cents (only unit prices may have more).`,
        `Het bedrag "${stringValue(el)}" in ${qname(el)} heeft meer dan 2 decimalen. Rond af op centen (alleen stukprijzen mogen meer hebben).`,
      ),
  ),
  taxSubtotalRule,
  taxTotalRule,
  rule(
    context('cac:TaxSubtotal/cac:TaxCategory', (el) => !has(el, 'cbc:TaxExemptionReason')),
    id('R028'),
    'fatal',
    (el) => ' S Z L M '.includes(` ${norm(el, 'cbc:ID')} `),
    msg(
      'VAT categories E, AE, O, K and G need an exemption reason (cbc:TaxExemptionReason) in the VAT breakdown.',
      'Btw-categorieën E, AE, O, K en G hebben een vrijstellingsreden (cbc:TaxExemptionReason) nodig in de btw-specificatie.',
    ),
  ),
  rule(
    context('cac:TaxSubtotal/cac:TaxCategory', (el) => has(el, 'cbc:TaxExemptionReason')),
    id('R029'),
    'fatal',
    (el) => ' E AE O K G '.includes(` ${norm(el, 'cbc:ID')} `),
    msg(
      'VAT categories S, Z, L and M must not have an exemption reason. Remove cbc:TaxExemptionReason.',
      'Btw-categorieën S, Z, L en M mogen geen vrijstellingsreden hebben. Verwijder cbc:TaxExemptionReason.',
    ),
  ),
  rule(
    lineTaxCategory,
    id('R026'),
    'fatal',
    (el, doc) =>
      !has(el, 'cbc:Percent') || !anyTaxTotal(doc) || docCategoryKeys(doc).includes(categoryKey(el)),
    msg(
      'This VAT category and rate do not appear in the VAT breakdown of the document. Add them to the breakdown or correct the rate.',
      'Deze btw-categorie met dit tarief komt niet voor in de btw-specificatie van het document. Neem ze op in de specificatie of verbeter het tarief.',
    ),
  ),
  rule(
    lineTaxCategory,
    id('R027'),
    'fatal',
    (el, doc) =>
      !anyTaxTotal(doc) || sel(el, 'cbc:ID').some((i) => docCategoryIds(doc).includes(stringValue(i))),
    msg(
      'This VAT category does not appear in the VAT breakdown of the document. Add it there or correct the category.',
      'Deze btw-categorie komt niet voor in de btw-specificatie van het document. Neem hem daar op of verbeter de categorie.',
    ),
  ),
  rule(
    lineTaxCategory,
    id('R019'),
    'fatal',
    (el) => has(el, 'cbc:Percent') || norm(el, 'cbc:ID') === 'O',
    msg(
      'Give the VAT rate (cbc:Percent) for this tax category; only category O (not subject to VAT) has none.',
      'Geef het btw-tarief (cbc:Percent) voor deze btw-categorie; alleen categorie O (niet onderworpen aan btw) heeft er geen.',
    ),
  ),
  rule(
    lineTaxCategory,
    id('R020'),
    'fatal',
    (el) => norm(el, 'cbc:ID') !== 'S' || someAboveZero(sel(el, 'cbc:Percent')),
    msg(
      'With VAT category S (standard rate) the VAT rate must be above zero, e.g. 21.',
      'Bij btw-categorie S (standaardtarief) moet het btw-tarief boven nul liggen, bijv. 21.',
    ),
  ),
  rule(
    monetaryTotal,
    id('R014'),
    'fatal',
    (_el, doc) =>
      everywhere(doc, 'cac:OrderLine').length ===
      everywhere(doc, 'cac:LineItem').flatMap((li) => sel(li, 'cbc:LineExtensionAmount')).length,
    msg(
      'When the document has totals, every line needs a line amount (cbc:LineExtensionAmount).',
      'Als het document totalen heeft, heeft elke regel een regelbedrag (cbc:LineExtensionAmount) nodig.',
    ),
  ),
  rule(
    monetaryTotal,
    id('R005'),
    'fatal',
    (el) => !has(el, 'cbc:PayableAmount') || someAtLeastZero(sel(el, 'cbc:PayableAmount')),
    msg('The amount to pay must not be negative.', 'Het te betalen bedrag mag niet negatief zijn.'),
  ),
  rule(
    monetaryTotal,
    id('R006'),
    'fatal',
    (el, doc) => gte(totals(el, doc).lines(), dec(0)),
    msg(
      'The total of the line amounts must not be negative.',
      'Het totaal van de regelbedragen mag niet negatief zijn.',
    ),
  ),
  rule(
    monetaryTotal,
    id('R007'),
    'fatal',
    (el, doc) =>
      !has(el, 'cbc:LineExtensionAmount') || eq(totals(el, doc).lines(), totals(el, doc).lineTotal()),
    msg(
      'The total of the line amounts does not equal the sum of the lines. Recalculate cbc:LineExtensionAmount in the totals.',
      'Het totaal van de regelbedragen is niet gelijk aan de som van de regels. Reken cbc:LineExtensionAmount bij de totalen opnieuw uit.',
    ),
  ),
  rule(
    monetaryTotal,
    id('R008'),
    'fatal',
    (el, doc) =>
      !has(el, 'cbc:ChargeTotalAmount') || eq(totals(el, doc).charges(), totals(el, doc).chargeTotal()),
    msg(
      'The total of the charges does not equal the sum of the charges on the document. Recalculate cbc:ChargeTotalAmount.',
      'Het totaal van de toeslagen is niet gelijk aan de som van de toeslagen op het document. Reken cbc:ChargeTotalAmount opnieuw uit.',
    ),
  ),
  rule(
    monetaryTotal,
    id('R009'),
    'fatal',
    (el, doc) =>
      !has(el, 'cbc:AllowanceTotalAmount') ||
      eq(totals(el, doc).allowances(), totals(el, doc).allowanceTotal()),
    msg(
      'The total of the allowances does not equal the sum of the allowances on the document. Recalculate cbc:AllowanceTotalAmount.',
      'Het totaal van de kortingen is niet gelijk aan de som van de kortingen op het document. Reken cbc:AllowanceTotalAmount opnieuw uit.',
    ),
  ),
  rule(
    monetaryTotal,
    id('R010'),
    'fatal',
    (el, doc) => {
      if (!has(el, 'cbc:TaxExclusiveAmount')) return true;
      const x = totals(el, doc);
      return eq(x.taxExclusive(), x.lines().plus(x.charges()).minus(x.allowances()));
    },
    msg(
      'The total without VAT must equal the line total plus charges minus allowances. Recalculate cbc:TaxExclusiveAmount.',
      'Het totaal zonder btw moet gelijk zijn aan het regeltotaal plus toeslagen min kortingen. Reken cbc:TaxExclusiveAmount opnieuw uit.',
    ),
  ),
  rule(
    monetaryTotal,
    id('R011'),
    'fatal',
    (el, doc) => {
      const x = totals(el, doc);
      return eq(x.taxInclusive(), x.taxExclusive().plus(x.tax()));
    },
    msg(
      'The total with VAT must equal the total without VAT plus the VAT amount. Recalculate cbc:TaxInclusiveAmount.',
      'Het totaal met btw moet gelijk zijn aan het totaal zonder btw plus het btw-bedrag. Reken cbc:TaxInclusiveAmount opnieuw uit.',
    ),
  ),
  rule(
    monetaryTotal,
    id('R012'),
    'fatal',
    (el, doc) => {
      if (!has(el, 'cbc:PayableAmount')) return true;
      const x = totals(el, doc);
      return eq(x.payable(), x.taxInclusive().minus(x.prepaid()).plus(x.rounding()));
    },
    msg(
      'The amount to pay must equal the total with VAT minus the amount already paid plus rounding. Recalculate cbc:PayableAmount.',
      'Het te betalen bedrag moet gelijk zijn aan het totaal met btw min het al betaalde bedrag plus afronding. Reken cbc:PayableAmount opnieuw uit.',
    ),
  ),
  rule(
    context(docAc, (el) => has(el, 'cbc:MultiplierFactorNumeric') && !has(el, 'cbc:BaseAmount')),
    id('R015'),
    'fatal',
    () => false,
    msg(
      'This allowance or charge gives a percentage but no base amount. Add the amount the percentage applies to (cbc:BaseAmount).',
      'Deze korting of toeslag heeft een percentage maar geen basisbedrag. Vul het bedrag in waarover het percentage geldt (cbc:BaseAmount).',
    ),
  ),
  rule(
    context(docAc, (el) => !has(el, 'cbc:MultiplierFactorNumeric') && has(el, 'cbc:BaseAmount')),
    id('R016'),
    'fatal',
    () => false,
    msg(
      'This allowance or charge gives a base amount but no percentage. Add the percentage (cbc:MultiplierFactorNumeric) or leave out the base amount.',
      'Deze korting of toeslag heeft een basisbedrag maar geen percentage. Vul het percentage in (cbc:MultiplierFactorNumeric) of laat het basisbedrag weg.',
    ),
  ),
  ...(() => {
    const ac = context(docAc);
    return [
      rule(
        ac,
        id('R017'),
        'fatal',
        (el) => {
          if (!(has(el, 'cbc:MultiplierFactorNumeric') && has(el, 'cbc:BaseAmount'))) return true;
          const amount = decimal(el, 'cbc:Amount') ?? dec(0);
          return slack(
            amount,
            decimal(el, 'cbc:BaseAmount')!.times(decimal(el, 'cbc:MultiplierFactorNumeric')!).div(100),
            dec('0.02'),
          );
        },
        msg(
          'The allowance or charge amount must equal base amount × percentage / 100. Recalculate cbc:Amount.',
          'Het bedrag van de korting of toeslag moet gelijk zijn aan basisbedrag × percentage / 100. Reken cbc:Amount opnieuw uit.',
        ),
      ),
      rule(
        ac,
        id('R018'),
        'fatal',
        (el) => has(el, 'cbc:AllowanceChargeReason') || has(el, 'cbc:AllowanceChargeReasonCode'),
        msg(
          'Give a reason for this allowance or charge: a text (cbc:AllowanceChargeReason) or a code (cbc:AllowanceChargeReasonCode).',
          'Geef een reden voor deze korting of toeslag: een tekst (cbc:AllowanceChargeReason) of een code (cbc:AllowanceChargeReasonCode).',
        ),
      ),
      rule(
        ac,
        id('R021'),
        'fatal',
        (el) => num(el, 'cbc:Amount') >= 0,
        msg(
          'The amount of an allowance or charge must be given and must not be negative.',
          'Het bedrag van een korting of toeslag moet ingevuld zijn en mag niet negatief zijn.',
        ),
      ),
    ];
  })(),
  rule(
    price,
    id('R001'),
    'fatal',
    (el) => num(el, 'cbc:PriceAmount') >= 0,
    msg(
      'The net price must be given and must not be negative.',
      'De nettoprijs moet ingevuld zijn en mag niet negatief zijn.',
    ),
  ),
  rule(
    price,
    id('R022'),
    'fatal',
    (el) => {
      const bases = sel(el, 'cac:AllowanceCharge/cbc:BaseAmount');
      return someAtLeastZero(bases) || bases.length === 0;
    },
    msg(
      'The gross price (cbc:BaseAmount) must not be negative.',
      'De brutoprijs (cbc:BaseAmount) mag niet negatief zijn.',
    ),
  ),
  rule(
    price,
    id('R023'),
    'fatal',
    (el) => num(el, 'cac:AllowanceCharge/cbc:Amount') >= 0 || !has(el, 'cac:AllowanceCharge/cbc:Amount'),
    msg('The price discount must not be negative.', 'De prijskorting mag niet negatief zijn.'),
  ),
  rule(
    reasonCode(false),
    id('CL001'),
    'fatal',
    (el) => CODE_LISTS.UNCL5189.has(normText(el)),
    (el) =>
      msg(
        `"${normText(el)}" is not a valid allowance reason code: use a code from UNCL 5189 (for example 95 for a discount).`,
        `"${normText(el)}" is geen geldige kortingsredencode: gebruik een code uit UNCL 5189 (bijvoorbeeld 95 voor een korting).`,
      ),
  ),
  rule(
    reasonCode(true),
    id('CL002'),
    'fatal',
    (el) => CODE_LISTS.UNCL7161.has(normText(el)),
    (el) =>
      msg(
        `"${normText(el)}" is not a valid charge reason code: use a code from UNCL 7161 (for example FC for freight).`,
        `"${normText(el)}" is geen geldige toeslagredencode: gebruik een code uit UNCL 7161 (bijvoorbeeld FC voor vracht).`,
      ),
  ),
];
