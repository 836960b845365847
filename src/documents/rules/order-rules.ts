// Business rules of the Peppol Order (T01, PEPPOL-T01-R…) and Order Change (T114, PEPPOL-T114-R…).
// The two transactions share their rules word for word except the root element, the allowed profiles,
// the specification identifier and the severity of R008, so one definition serves both. Contexts are
// listed in the official order: within this pattern an element is checked by the first that matches.
import { CODE_LISTS } from '../generated/ordering-code-lists.ts';
import {
  UBL_NS,
  anyEquals,
  contexts,
  decimal,
  decimalOr,
  everywhere,
  has,
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
  dec,
  decimalOf,
  decimalsAfterPoint,
  ebvDecimal,
  eq,
  gte,
  round2,
  slack,
  type Decimal,
} from '../xpath-values.ts';
import { qname, stringValue, type XmlElement } from '../xml-tree.ts';
import { hasAncestorNamed } from '../rule-context.ts';

/** The VAT prefixes R026 accepts, exactly as the official rule lists them (a substring test). */
export const VAT_PREFIXES =
  'AD AE AF AG AI AL AM AN AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BL BJ BM BN BO BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CX CY CZ DE DJ DK DM DO DZ EC EE EG EH EL ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR ST SV SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW';

interface OrderVariant {
  tx: 'T01' | 'T114';
  root: 'Order' | 'OrderChange';
  profiles: string[];
  customization: string;
  r008: 'fatal' | 'warning';
  /** "order" / "order change" and Dutch, for messages. */
  doc: [string, string];
}

/** The child elements of the document root when the root is the transaction's root element. */
function rootChildren(doc: DocumentScope, rootNs: string, root: string, steps: string): XmlElement[] {
  return doc.root.ns === rootNs && doc.root.name === root ? sel(doc.root, steps) : [];
}

/** round(sum(...) * 10 * 10) div 100 over the allowances (false) or charges (true) among `acs`, 0 for none. */
function acTotal(acs: XmlElement[], charge: boolean): Decimal {
  const picked = acs.filter((ac) => norm(ac, 'cbc:ChargeIndicator') === String(charge));
  return picked.length ? round2(sumOf(picked.flatMap((ac) => sel(ac, 'cbc:Amount')))) : dec(0);
}

/** count(key('k_lineId', cbc:ID)) for a cac:LineItem: line items sharing one of its ids. */
export function lineIdCount(item: XmlElement, doc: DocumentScope): number {
  const index = doc.memo('k_lineId', () => {
    const map = new Map<string, Set<XmlElement>>();
    for (const li of everywhere(doc, 'cac:LineItem')) {
      for (const id of sel(li, 'cbc:ID')) {
        const key = stringValue(id);
        if (!map.has(key)) map.set(key, new Set());
        map.get(key)!.add(li);
      }
    }
    return map;
  });
  const found = new Set<XmlElement>();
  for (const id of sel(item, 'cbc:ID')) for (const li of index.get(stringValue(id)) ?? []) found.add(li);
  return found.size;
}

function orderRules(v: OrderVariant): Rule[] {
  const ns = UBL_NS[v.root];
  const context = contexts({ ubl: ns });
  const id = (n: string): string => `PEPPOL-${v.tx}-${n}`;
  const [en, nl] = v.doc;
  const docCurrency = (doc: DocumentScope): XmlElement[] =>
    doc.memo('document currency', () => rootChildren(doc, ns, v.root, 'cbc:DocumentCurrencyCode'));

  const profile = context('cbc:ProfileID');
  const customization = context('cbc:CustomizationID');
  const amount = context(
    'cbc:Amount | cbc:TaxAmount | cbc:LineExtensionAmount | cbc:PriceAmount | cbc:BaseAmount | cac:AnticipatedMonetaryTotal/cbc:*',
  );
  const rootCtx = context(`ubl:${v.root}`);
  const originator = context('cac:OriginatorCustomerParty');
  const vatScheme = context(
    'cac:PartyTaxScheme',
    (el) => anyEquals(el, 'cac:TaxScheme/cbc:ID', 'VAT'),
    "cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT']",
  );
  const totals = context('cac:AnticipatedMonetaryTotal');
  const levels = `/ubl:${v.root}/cac:AllowanceCharge | /ubl:${v.root}/cac:OrderLine/cac:LineItem/cac:AllowanceCharge`;
  const percentNoBase = context(
    `cac:AllowanceCharge | ${levels}`,
    (el) => has(el, 'cbc:MultiplierFactorNumeric') && !has(el, 'cbc:BaseAmount'),
    'cac:AllowanceCharge[cbc:MultiplierFactorNumeric and not(cbc:BaseAmount)] | …/cac:LineItem/cac:AllowanceCharge[…]',
  );
  const baseNoPercent = context(
    levels,
    (el) => !has(el, 'cbc:MultiplierFactorNumeric') && has(el, 'cbc:BaseAmount'),
    `${levels} [not(cbc:MultiplierFactorNumeric) and cbc:BaseAmount]`,
  );
  const allowanceCharge = context(levels);
  const taxCategory = context('cac:TaxCategory | cac:ClassifiedTaxCategory');
  const lineItem = context('cac:OrderLine/cac:LineItem');
  const priceAc = context('cac:Price/cac:AllowanceCharge');
  const price = context('cac:Price');
  const quotationLine = context('cac:QuotationLineReference/cbc:LineID');
  const reasonCode = (charge: boolean) =>
    context(
      'cac:AllowanceCharge/cbc:AllowanceChargeReasonCode',
      (el) => anyEquals(el.parent!, 'cbc:ChargeIndicator', String(charge)),
      `cac:AllowanceCharge[cbc:ChargeIndicator = '${charge}']/cbc:AllowanceChargeReasonCode`,
    );

  // Variables of the AnticipatedMonetaryTotal rule, evaluated lazily as the validator does.
  const t = (el: XmlElement) => ({
    payable: () => decimal(el, 'cbc:PayableAmount'),
    lines: () => decimal(el, 'cbc:LineExtensionAmount'),
    prepaid: () => decimalOr(el, 'cbc:PrepaidAmount', dec(0)),
    rounding: () => decimalOr(el, 'cbc:PayableRoundingAmount', dec(0)),
    taxInclusive: () => decimal(el, 'cbc:TaxInclusiveAmount'),
    allowances: () => decimalOr(el, 'cbc:AllowanceTotalAmount', dec(0)),
    charges: () => decimalOr(el, 'cbc:ChargeTotalAmount', dec(0)),
    taxExclusive(): Decimal | undefined {
      if (has(el, 'cbc:TaxExclusiveAmount')) return decimal(el, 'cbc:TaxExclusiveAmount');
      const lines = this.lines();
      return lines === undefined ? undefined : lines.minus(this.allowances()).plus(this.charges());
    },
  });
  const sumLines = (doc: DocumentScope): Decimal => {
    const amounts = rootChildren(doc, ns, v.root, 'cac:OrderLine/cac:LineItem/cbc:LineExtensionAmount');
    return amounts.length ? round2(sumOf(amounts)) : dec(0);
  };
  const docAcs = (doc: DocumentScope): XmlElement[] => rootChildren(doc, ns, v.root, 'cac:AllowanceCharge');
  const taxAmount = (doc: DocumentScope): Decimal => {
    const found = rootChildren(doc, ns, v.root, 'cac:TaxTotal/cbc:TaxAmount');
    return found.length ? decimalOf(found)! : dec(0);
  };
  const show = (d: Decimal | undefined): string => (d === undefined ? '(missing)' : d.toFixed());

  return [
    rule(
      profile,
      id('R031'),
      'fatal',
      (el) => v.profiles.includes(normSelf(el)),
      (el) =>
        msg(
          `The business process "${normSelf(el)}" is not allowed for a Peppol ${en}. Use ${v.profiles.join(' or ')}.`,
          `Het bedrijfsproces "${normSelf(el)}" is niet toegestaan voor een Peppol-${nl}. Gebruik ${v.profiles.join(' of ')}.`,
        ),
    ),
    rule(
      customization,
      id('R034'),
      'fatal',
      (el) => normSelf(el).startsWith(v.customization),
      msg(
        `The specification identifier must start with "${v.customization}".`,
        `De specificatie-id moet beginnen met "${v.customization}".`,
      ),
    ),
    rule(
      amount,
      id('R003'),
      'fatal',
      (el, doc) =>
        el.attrs.currencyID === undefined ||
        docCurrency(doc).some((c) => stringValue(c) === el.attrs.currencyID),
      (el, doc) =>
        msg(
          `The amount in ${qname(el)} is in ${el.attrs.currencyID}, but the ${en} is in ${docCurrency(doc).map(stringValue).join('/') || '(no currency given)'}. A Peppol ${en} uses one currency throughout: give every amount in the document currency.`,
          `Het bedrag in ${qname(el)} staat in ${el.attrs.currencyID}, maar de ${nl} is in ${docCurrency(doc).map(stringValue).join('/') || '(geen valuta opgegeven)'}. Een Peppol-${nl} gebruikt één valuta: geef elk bedrag in de valuta van het document.`,
        ),
    ),
    rule(
      amount,
      id('R028'),
      'fatal',
      (el) => hasAncestorNamed(el.parent!, 'Price') || decimalsAfterPoint(stringValue(el)) <= 2,
      (el) =>
        msg(
          `The amount "${stringValue(el)}" in ${qname(el)} has more than 2 decimals. Round it to cents (only unit prices may have more decimals).`,
          `Het bedrag "${stringValue(el)}" in ${qname(el)} heeft meer dan 2 decimalen. Rond af op centen (alleen stukprijzen mogen meer decimalen hebben).`,
        ),
    ),
    rule(
      rootCtx,
      id('R002'),
      'warning',
      (el) => has(el, 'cac:ValidityPeriod/cbc:EndDate'),
      msg(
        `Give the date until which the ${en} is valid (cac:ValidityPeriod/cbc:EndDate), so the seller knows when to respond by.`,
        `Geef aan tot wanneer de ${nl} geldig is (cac:ValidityPeriod/cbc:EndDate), zodat de leverancier weet wanneer hij moet reageren.`,
      ),
    ),
    rule(
      originator,
      id('R014'),
      'fatal',
      (el) =>
        has(el, 'cac:Party/cac:PartyName/cbc:Name') || has(el, 'cac:Party/cac:PartyIdentification/cbc:ID'),
      msg(
        'The originator (the person or department that asked for the goods) needs a name or an identifier.',
        'De aanvrager (de persoon of afdeling die om de goederen vroeg) heeft een naam of een identificatie nodig.',
      ),
    ),
    rule(
      vatScheme,
      id('R026'),
      'fatal',
      (el) => {
        const companyIds = sel(el, 'cbc:CompanyID');
        if (companyIds.length > 1) return false;
        const prefix = [...(companyIds[0] ? stringValue(companyIds[0]) : '')].slice(0, 2).join('');
        return VAT_PREFIXES.includes(prefix);
      },
      (el) =>
        msg(
          `The VAT number "${norm(el, 'cbc:CompanyID')}" must start with a country code such as NL, BE or DE (Greece uses EL).`,
          `Het btw-nummer "${norm(el, 'cbc:CompanyID')}" moet beginnen met een landcode zoals NL, BE of DE (Griekenland gebruikt EL).`,
        ),
    ),
    rule(
      totals,
      id('R006'),
      'fatal',
      (el) => gte(t(el).payable(), dec(0)),
      (el) =>
        msg(
          `The expected amount to pay (${show(t(el).payable())}) must be given and must not be negative.`,
          `Het verwachte te betalen bedrag (${show(t(el).payable())}) moet ingevuld zijn en mag niet negatief zijn.`,
        ),
    ),
    rule(
      totals,
      id('R007'),
      'fatal',
      (el) => gte(t(el).lines(), dec(0)),
      msg(
        'The total of the line amounts (cbc:LineExtensionAmount in the totals) must be given and must not be negative.',
        'Het totaal van de regelbedragen (cbc:LineExtensionAmount bij de totalen) moet ingevuld zijn en mag niet negatief zijn.',
      ),
    ),
    rule(
      totals,
      id('R008'),
      v.r008,
      (el, doc) => eq(t(el).lines(), sumLines(doc)),
      (el, doc) =>
        msg(
          `The total of the line amounts (${show(t(el).lines())}) does not equal the sum of the order lines (${sumLines(doc).toFixed()}). Recalculate the total.`,
          `Het totaal van de regelbedragen (${show(t(el).lines())}) is niet gelijk aan de som van de orderregels (${sumLines(doc).toFixed()}). Reken het totaal opnieuw uit.`,
        ),
    ),
    rule(
      totals,
      id('R009'),
      'fatal',
      (el, doc) => eq(t(el).allowances(), acTotal(docAcs(doc), false)),
      msg(
        'The total of the allowances (cbc:AllowanceTotalAmount) does not equal the sum of the allowances on the document. Recalculate it.',
        'Het totaal van de kortingen (cbc:AllowanceTotalAmount) is niet gelijk aan de som van de kortingen op het document. Reken het opnieuw uit.',
      ),
    ),
    rule(
      totals,
      id('R010'),
      'fatal',
      (el, doc) => eq(t(el).charges(), acTotal(docAcs(doc), true)),
      msg(
        'The total of the charges (cbc:ChargeTotalAmount) does not equal the sum of the charges on the document. Recalculate it.',
        'Het totaal van de toeslagen (cbc:ChargeTotalAmount) is niet gelijk aan de som van de toeslagen op het document. Reken het opnieuw uit.',
      ),
    ),
    rule(
      totals,
      id('R011'),
      'fatal',
      (el) => {
        const x = t(el);
        const lines = x.lines();
        return eq(
          x.taxExclusive(),
          lines === undefined ? undefined : lines.minus(x.allowances()).plus(x.charges()),
        );
      },
      msg(
        'The total without VAT must equal the line total minus allowances plus charges. Recalculate cbc:TaxExclusiveAmount.',
        'Het totaal zonder btw moet gelijk zijn aan het regeltotaal min kortingen plus toeslagen. Reken cbc:TaxExclusiveAmount opnieuw uit.',
      ),
    ),
    rule(
      totals,
      id('R016'),
      'fatal',
      (el) => {
        const x = t(el);
        const incl = x.taxInclusive();
        return !ebvDecimal(incl) || eq(x.payable(), incl!.minus(x.prepaid()).plus(x.rounding()));
      },
      msg(
        'The amount to pay must equal the total with VAT minus the amount already paid plus rounding. Recalculate cbc:PayableAmount.',
        'Het te betalen bedrag moet gelijk zijn aan het totaal met btw min het al betaalde bedrag plus afronding. Reken cbc:PayableAmount opnieuw uit.',
      ),
    ),
    rule(
      totals,
      id('R017'),
      'fatal',
      (el, doc) => {
        const x = t(el);
        const incl = x.taxInclusive();
        if (!ebvDecimal(incl) || rootChildren(doc, ns, v.root, 'cac:TaxTotal').length === 0) return true;
        const excl = x.taxExclusive();
        return eq(incl, excl === undefined ? undefined : excl.plus(taxAmount(doc)));
      },
      msg(
        'The total with VAT must equal the total without VAT plus the VAT amount. Recalculate cbc:TaxInclusiveAmount.',
        'Het totaal met btw moet gelijk zijn aan het totaal zonder btw plus het btw-bedrag. Reken cbc:TaxInclusiveAmount opnieuw uit.',
      ),
    ),
    rule(
      percentNoBase,
      id('R020'),
      'fatal',
      () => false,
      msg(
        'This allowance or charge gives a percentage but no base amount. Add the amount the percentage applies to (cbc:BaseAmount).',
        'Deze korting of toeslag heeft een percentage maar geen basisbedrag. Vul het bedrag in waarover het percentage geldt (cbc:BaseAmount).',
      ),
    ),
    rule(
      baseNoPercent,
      id('R021'),
      'fatal',
      () => false,
      msg(
        'This allowance or charge gives a base amount but no percentage. Add the percentage (cbc:MultiplierFactorNumeric) or leave out the base amount.',
        'Deze korting of toeslag heeft een basisbedrag maar geen percentage. Vul het percentage in (cbc:MultiplierFactorNumeric) of laat het basisbedrag weg.',
      ),
    ),
    rule(
      allowanceCharge,
      id('R022'),
      'fatal',
      (el) => {
        if (!(has(el, 'cbc:MultiplierFactorNumeric') && has(el, 'cbc:BaseAmount'))) return true;
        const amount = decimalOr(el, 'cbc:Amount', dec(0));
        const base = decimal(el, 'cbc:BaseAmount')!;
        const pct = decimal(el, 'cbc:MultiplierFactorNumeric')!;
        return slack(amount, base.times(pct).div(100), dec('0.02'));
      },
      msg(
        'The allowance or charge amount must equal base amount × percentage / 100. Recalculate cbc:Amount.',
        'Het bedrag van de korting of toeslag moet gelijk zijn aan basisbedrag × percentage / 100. Reken cbc:Amount opnieuw uit.',
      ),
    ),
    rule(
      allowanceCharge,
      id('R023'),
      'fatal',
      (el) => has(el, 'cbc:AllowanceChargeReason') || has(el, 'cbc:AllowanceChargeReasonCode'),
      msg(
        'Give a reason for this allowance or charge: a text (cbc:AllowanceChargeReason) or a code (cbc:AllowanceChargeReasonCode).',
        'Geef een reden voor deze korting of toeslag: een tekst (cbc:AllowanceChargeReason) of een code (cbc:AllowanceChargeReasonCode).',
      ),
    ),
    rule(
      allowanceCharge,
      id('R032'),
      'fatal',
      (el) => num(el, 'cbc:Amount') >= 0,
      msg(
        'The amount of an allowance or charge must be given and must not be negative (an allowance is already a deduction).',
        'Het bedrag van een korting of toeslag moet ingevuld zijn en mag niet negatief zijn (een korting is al een aftrek).',
      ),
    ),
    rule(
      taxCategory,
      id('R029'),
      'fatal',
      (el) => has(el, 'cbc:Percent') || norm(el, 'cbc:ID') === 'O',
      msg(
        'Give the VAT rate (cbc:Percent) for this tax category; only category O (not subject to VAT) has none.',
        'Geef het btw-tarief (cbc:Percent) voor deze btw-categorie; alleen categorie O (niet onderworpen aan btw) heeft er geen.',
      ),
    ),
    rule(
      taxCategory,
      id('R030'),
      'fatal',
      (el) => norm(el, 'cbc:ID') !== 'S' || someAboveZero(sel(el, 'cbc:Percent')),
      msg(
        'With VAT category S (standard rate) the VAT rate must be above zero, e.g. 21.',
        'Bij btw-categorie S (standaardtarief) moet het btw-tarief boven nul liggen, bijv. 21.',
      ),
    ),
    rule(
      lineItem,
      id('R024'),
      'fatal',
      (el) => {
        const lineAmount = decimalOr(el, 'cbc:LineExtensionAmount', dec(0));
        const quantity = decimalOr(el, 'cbc:Quantity', dec(1));
        const priceAmount = decimalOr(el, 'cac:Price/cbc:PriceAmount', dec(0));
        const bq = sel(el, 'cac:Price/cbc:BaseQuantity');
        const bqValue = bq.length ? decimalOf(bq)! : undefined;
        const baseQuantity = bqValue !== undefined && !bqValue.eq(0) ? bqValue : dec(1);
        const acs = sel(el, 'cac:AllowanceCharge');
        const expected = quantity
          .times(priceAmount.div(baseQuantity))
          .plus(acTotal(acs, true))
          .minus(acTotal(acs, false));
        return slack(lineAmount, expected, dec('0.02'));
      },
      msg(
        'The line amount must equal quantity × (price / price base quantity) + line charges − line allowances. Recalculate cbc:LineExtensionAmount of this line.',
        'Het regelbedrag moet gelijk zijn aan hoeveelheid × (prijs / prijs per aantal) + toeslagen − kortingen op de regel. Reken cbc:LineExtensionAmount van deze regel opnieuw uit.',
      ),
    ),
    rule(
      lineItem,
      id('R025'),
      'fatal',
      (el) => !has(el, 'cac:Price/cbc:BaseQuantity') || decimal(el, 'cac:Price/cbc:BaseQuantity')!.gt(0),
      msg(
        'The price base quantity (the number of units the price is for) must be above zero.',
        'Het prijs-per-aantal (het aantal eenheden waarvoor de prijs geldt) moet boven nul liggen.',
      ),
    ),
    rule(
      lineItem,
      id('R001'),
      'fatal',
      (el, doc) => lineIdCount(el, doc) === 1,
      (el) =>
        msg(
          `Line number "${norm(el, 'cbc:ID')}" is missing or used more than once. Give every line its own number.`,
          `Regelnummer "${norm(el, 'cbc:ID')}" ontbreekt of komt meer dan eens voor. Geef elke regel een eigen nummer.`,
        ),
    ),
    rule(
      lineItem,
      id('R004'),
      'fatal',
      (el) => num(el, 'cbc:Quantity') >= 0,
      msg(
        'The ordered quantity of this line must be a number and must not be negative.',
        'De bestelde hoeveelheid op deze regel moet een getal zijn en mag niet negatief zijn.',
      ),
    ),
    rule(
      lineItem,
      id('R013'),
      'warning',
      (el) => has(el, 'cbc:Quantity'),
      msg('Give the ordered quantity of this line.', 'Geef de bestelde hoeveelheid van deze regel.'),
    ),
    rule(
      priceAc,
      id('R019'),
      'fatal',
      (el) => {
        if (!has(el, 'cbc:BaseAmount')) return true;
        const net = decimal(el, '../cbc:PriceAmount');
        const gross = decimal(el, 'cbc:BaseAmount');
        const discount = decimal(el, 'cbc:Amount');
        return eq(net, gross === undefined || discount === undefined ? undefined : gross.minus(discount));
      },
      msg(
        'The net price must equal the gross price (cbc:BaseAmount) minus the price discount (cbc:Amount). Correct the price or the discount.',
        'De nettoprijs moet gelijk zijn aan de brutoprijs (cbc:BaseAmount) min de prijskorting (cbc:Amount). Verbeter de prijs of de korting.',
      ),
    ),
    rule(
      price,
      id('R005'),
      'fatal',
      (el) => num(el, 'cbc:PriceAmount') >= 0,
      msg(
        'The net price must be given and must not be negative.',
        'De nettoprijs moet ingevuld zijn en mag niet negatief zijn.',
      ),
    ),
    rule(
      price,
      id('R027'),
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
      id('R033'),
      'fatal',
      (el) => {
        const amounts = sel(el, 'cac:AllowanceCharge/cbc:Amount');
        return num(el, 'cac:AllowanceCharge/cbc:Amount') >= 0 || amounts.length === 0;
      },
      msg('The price discount must not be negative.', 'De prijskorting mag niet negatief zijn.'),
    ),
    rule(
      quotationLine,
      id('R035'),
      'fatal',
      (_el, doc) => sel(doc.root, 'cac:QuotationDocumentReference/cbc:ID').length > 0,
      msg(
        'This line refers to a quotation line, so the document must also refer to the quotation itself (cac:QuotationDocumentReference/cbc:ID).',
        'Deze regel verwijst naar een offerteregel, dus het document moet ook naar de offerte zelf verwijzen (cac:QuotationDocumentReference/cbc:ID).',
      ),
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
}

/** PEPPOL-T01-R… and -CL… (Order). */
export const T01_RULES: Rule[] = orderRules({
  tx: 'T01',
  root: 'Order',
  profiles: [
    'urn:fdc:peppol.eu:poacc:bis:order_only:3',
    'urn:fdc:peppol.eu:poacc:bis:ordering:3',
    'urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3',
  ],
  customization: 'urn:fdc:peppol.eu:poacc:trns:order:3',
  r008: 'fatal',
  doc: ['order', 'order'],
});

/** PEPPOL-T114-R… and -CL… (Order Change). */
export const T114_RULES: Rule[] = orderRules({
  tx: 'T114',
  root: 'OrderChange',
  profiles: ['urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3'],
  customization: 'urn:fdc:peppol.eu:poacc:trns:order_change:3',
  r008: 'warning',
  doc: ['order change', 'orderwijziging'],
});
