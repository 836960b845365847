// The EN 16931 VAT-category rules of the model pattern (CEN-EN16931-UBL): for each VAT category
// (S, Z, E, AE, K, G, O, L, M) the families BR-S-01…10, BR-Z-…, BR-E-…, BR-AE-…, BR-IC-01…12, BR-G-…,
// BR-O-01…14, BR-AF-… (IGIC), BR-AG-… (IPSI), and BR-B-01/02 (Italian split payment). The document-level
// assertions (…-01…04, BR-IC-11/12, BR-O-11…14, BR-B-…) belong to the root context of the model
// pattern; the others to the per-category contexts, which come last in that pattern. Each condition
// follows the official assertion text, including its quirks (e.g. BR-S-02's trailing test ignores the
// tax scheme, BR-AF-01 compares cbc:ID untrimmed), because the oracle test holds Schakel to the verdicts.
import {
  anyBoolean,
  contexts,
  everywhere,
  has,
  isVat,
  msg,
  norm,
  rule,
  sel,
  UBL_NS,
} from '../../rule-context.ts';
import type { DocumentScope, LocalizedMessage, Rule, RuleContext } from '../../validation-types.ts';
import { XPathError, decimalOf, untypedToDouble, type Decimal } from '../../xpath-values.ts';
import { stringValue, type XmlElement } from '../../xml-tree.ts';
import {
  acTaxCategories,
  acsOf,
  allClassified,
  allTaxCategories,
  categoryBase,
  docAcTaxCategories,
  idIs,
  linesOf,
  parties,
  rawIdIs,
  subtotalCategories,
  usesVatId,
  vatAmountMatches,
  vatAmountZero,
  vatIdElements,
  vatIdIs,
  withinOne,
} from './vat-category-checks.ts';

const context = contexts({ ubl: UBL_NS.Invoice, cn: UBL_NS.CreditNote });

/** One VAT category and how its rules differ from the others'. */
interface Category {
  code: string;
  /** The rule id prefix: BR-<prefix>-nn. */
  prefix: string;
  en: string;
  nl: string;
  /** …-01: how the breakdown must reflect the category's use. */
  breakdown: 'exactly-one' | 'standard' | 'igic' | 'ipsi';
  /** …-02…04: the parties' identifiers the category needs (or forbids, for O). */
  parties: (doc: DocumentScope) => boolean;
  partiesText: LocalizedMessage;
  /** BR-S-02: its "or not(…)" branch ignores the tax scheme. */
  lineTrailAnyScheme?: boolean;
  /** BR-G-03/04: their "exists(…)" branch ignores the tax scheme. */
  allowanceAnyScheme?: boolean;
  /** BR-AF-04: its "or not(…)" branch compares cbc:ID untrimmed. */
  chargeTrailRawId?: boolean;
  /** BR-O-03/04 only look at document-level allowances and charges. */
  documentLevelOnly?: boolean;
  /** …-05…07: the rate of lines, allowances and charges. */
  rate: 'positive' | 'zero' | 'non-negative' | 'none';
  /** …-08: how the breakdown's taxable amount is checked. */
  base: 'exact' | 'per-rate-used' | 'per-rate';
  /** …-09: VAT amount computed from the rate, or zero. */
  amount: 'computed' | 'zero';
  /** …-10: exemption reason forbidden or required. */
  exemption: 'forbidden' | 'required';
}

const sellerText = (extra: LocalizedMessage = msg('', '')): LocalizedMessage =>
  msg(
    `the seller's VAT number (or that of the seller's tax representative)${extra.en}`,
    `het btw-nummer van de leverancier (of van diens fiscaal vertegenwoordiger)${extra.nl}`,
  );
const sellerAnyOrRep = (doc: DocumentScope) => parties.sellerAny(doc) || parties.representativeVat(doc);
const sellerVatOrRep = (doc: DocumentScope) => parties.sellerVat(doc) || parties.representativeVat(doc);

/** The categories in the official order of their contexts. */
const CATEGORIES: Category[] = [
  {
    code: 'AE',
    prefix: 'AE',
    en: 'reverse charge',
    nl: 'btw verlegd',
    breakdown: 'exactly-one',
    parties: (doc) => sellerAnyOrRep(doc) && (parties.buyerVat(doc) || parties.buyerLegal(doc)),
    partiesText: sellerText(
      msg(
        " and the buyer's VAT number or legal registration number",
        ' en het btw-nummer of inschrijvingsnummer van de koper',
      ),
    ),
    rate: 'zero',
    base: 'exact',
    amount: 'zero',
    exemption: 'required',
  },
  {
    code: 'E',
    prefix: 'E',
    en: 'exempt from VAT',
    nl: 'vrijgesteld van btw',
    breakdown: 'exactly-one',
    parties: sellerAnyOrRep,
    partiesText: sellerText(),
    rate: 'zero',
    base: 'exact',
    amount: 'zero',
    exemption: 'required',
  },
  {
    code: 'G',
    prefix: 'G',
    en: 'export outside the EU',
    nl: 'export buiten de EU',
    breakdown: 'exactly-one',
    parties: sellerVatOrRep,
    partiesText: sellerText(),
    allowanceAnyScheme: true,
    rate: 'zero',
    base: 'exact',
    amount: 'zero',
    exemption: 'required',
  },
  {
    code: 'K',
    prefix: 'IC',
    en: 'intra-community supply',
    nl: 'intracommunautaire levering',
    breakdown: 'exactly-one',
    parties: (doc) => sellerVatOrRep(doc) && parties.buyerVat(doc),
    partiesText: sellerText(msg(" and the buyer's VAT number", ' en het btw-nummer van de koper')),
    rate: 'zero',
    base: 'exact',
    amount: 'zero',
    exemption: 'required',
  },
  {
    code: 'L',
    prefix: 'AF',
    en: 'IGIC (Canary Islands)',
    nl: 'IGIC (Canarische Eilanden)',
    breakdown: 'igic',
    parties: sellerAnyOrRep,
    partiesText: sellerText(),
    chargeTrailRawId: true,
    rate: 'non-negative',
    base: 'per-rate',
    amount: 'computed',
    exemption: 'forbidden',
  },
  {
    code: 'M',
    prefix: 'AG',
    en: 'IPSI (Ceuta and Melilla)',
    nl: 'IPSI (Ceuta en Melilla)',
    breakdown: 'ipsi',
    parties: sellerAnyOrRep,
    partiesText: sellerText(),
    rate: 'non-negative',
    base: 'per-rate',
    amount: 'computed',
    exemption: 'forbidden',
  },
  {
    code: 'O',
    prefix: 'O',
    en: 'not subject to VAT',
    nl: 'niet onderworpen aan btw',
    breakdown: 'exactly-one',
    parties: (doc) => !parties.sellerVat(doc) && !parties.representativeVat(doc) && !parties.buyerVat(doc),
    partiesText: msg(
      'no VAT number at all: remove the VAT numbers of the seller, the tax representative and the buyer, or use another VAT category',
      'helemaal geen btw-nummer: verwijder de btw-nummers van de leverancier, de fiscaal vertegenwoordiger en de koper, of gebruik een andere btw-categorie',
    ),
    documentLevelOnly: true,
    rate: 'none',
    base: 'exact',
    amount: 'zero',
    exemption: 'required',
  },
  {
    code: 'S',
    prefix: 'S',
    en: 'standard rate',
    nl: 'standaardtarief',
    breakdown: 'standard',
    parties: sellerAnyOrRep,
    partiesText: sellerText(),
    lineTrailAnyScheme: true,
    rate: 'positive',
    base: 'per-rate-used',
    amount: 'computed',
    exemption: 'forbidden',
  },
  {
    code: 'Z',
    prefix: 'Z',
    en: 'zero rated',
    nl: 'nultarief',
    breakdown: 'exactly-one',
    parties: sellerAnyOrRep,
    partiesText: sellerText(),
    rate: 'zero',
    base: 'exact',
    amount: 'zero',
    exemption: 'forbidden',
  },
];

const label = (c: Category): LocalizedMessage =>
  msg(`VAT category ${c.code} (${c.en})`, `btw-categorie ${c.code} (${c.nl})`);
const id = (c: Category, n: number): string => `BR-${c.prefix}-${String(n).padStart(2, '0')}`;

/** …-01: the VAT breakdown has an entry for the category exactly when something uses it. */
function breakdownReflectsUse(c: Category, root: XmlElement, doc: DocumentScope): boolean {
  const subtotals = subtotalCategories(root);
  if (c.breakdown === 'exactly-one') {
    const used = usesVatId(allTaxCategories(doc), c.code) || usesVatId(allClassified(doc), c.code);
    return !used || vatIdElements(subtotals, c.code).length === 1;
  }
  const match = c.breakdown === 'standard' ? idIs(c.code) : vatIdIs(c.code);
  const uses = acTaxCategories(doc).filter(match).length + allClassified(doc).filter(match).length > 0;
  if (!uses) return subtotals.filter(match).length === 0;
  if (c.breakdown === 'standard') return subtotals.filter(match).length > 0;
  const raw = rawIdIs(c.code);
  return subtotals.filter(c.breakdown === 'igic' ? raw : (t) => raw(t) && isVat(t)).length > 0;
}

/** …-02: lines with the category need the parties' identifiers. */
function linePartiesPresent(c: Category, doc: DocumentScope): boolean {
  const used = allClassified(doc).some(vatIdIs(c.code));
  if (used && c.parties(doc)) return true;
  return !(c.lineTrailAnyScheme ? allClassified(doc).some(idIs(c.code)) : used);
}

/** …-03 (allowances) and …-04 (charges): the same for allowances and charges with the category. */
function acPartiesPresent(c: Category, doc: DocumentScope, charge: boolean): boolean {
  const cats = c.documentLevelOnly ? docAcTaxCategories(doc, charge) : acTaxCategories(doc, charge);
  const used = cats.some(c.allowanceAnyScheme ? idIs(c.code) : vatIdIs(c.code));
  if (used && c.parties(doc)) return true;
  const raw = rawIdIs(c.code);
  return !cats.some(charge && c.chargeTrailRawId ? (t) => raw(t) && isVat(t) : vatIdIs(c.code));
}

/** …-05…07 on a line's, allowance's or charge's category. */
function rateAllowed(c: Category, category: XmlElement): boolean {
  const percents = sel(category, 'cbc:Percent');
  switch (c.rate) {
    case 'none':
      return percents.length === 0;
    case 'zero': {
      const p = decimalOf(percents);
      return p !== undefined && p.eq(0);
    }
    case 'positive':
      return percents.some((p) => untypedToDouble(stringValue(p)) > 0);
    case 'non-negative':
      return percents.some((p) => untypedToDouble(stringValue(p)) >= 0);
  }
}

/** …-08: the breakdown's taxable amount against the lines, allowances and charges of the category. */
function taxableAmountMatches(c: Category, category: XmlElement, doc: DocumentScope): boolean {
  const subtotal = category.parent!;
  const root = subtotal.parent!.parent!;
  if (c.base === 'exact') {
    const taxable = () => decimalOf(sel(subtotal, 'cbc:TaxableAmount'));
    const equals = (lineName: string) => {
      const t = taxable();
      return t !== undefined && t.eq(categoryBase(root, lineName, c.code));
    };
    return (
      (everywhere(doc, 'cac:InvoiceLine').length > 0 && equals('cac:InvoiceLine')) ||
      (everywhere(doc, 'cac:CreditNoteLine').length > 0 && equals('cac:CreditNoteLine'))
    );
  }
  const rate = decimalOf(sel(category, 'cbc:Percent'));
  if (rate === undefined) return true; // "every $rate in ()" holds
  const near = (lineName: string) => withinOne(subtotal, categoryBase(root, lineName, c.code, rate));
  const used = (lineName: string): boolean =>
    c.base === 'per-rate'
      ? everywhere(doc, lineName).length > 0
      : linesOf(everywhere(doc, lineName), c.code, rate).length > 0 ||
        acsOf(everywhere(doc, 'cac:AllowanceCharge'), c.code, rate).length > 0;
  return (
    (used('cac:InvoiceLine') && near('cac:InvoiceLine')) ||
    (used('cac:CreditNoteLine') && near('cac:CreditNoteLine'))
  );
}

/** The amount the lines, charges and allowances of a breakdown's category add up to, for messages. */
function expectedBase(c: Category, category: XmlElement): string {
  const root = category.parent!.parent!.parent!;
  const lineName = has(root, 'cac:CreditNoteLine') ? 'cac:CreditNoteLine' : 'cac:InvoiceLine';
  const rate: Decimal | undefined = c.base === 'exact' ? undefined : decimalOf(sel(category, 'cbc:Percent'));
  return categoryBase(root, lineName, c.code, rate).toFixed();
}

/** The rules of one category's contexts: breakdown, allowance, charge, line (the official order). */
function categoryRules(c: Category): Rule[] {
  const l = label(c);
  const breakdown = context('/*/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory', vatIdIs(c.code));
  const onAc = (charge: boolean) =>
    context(
      'cac:AllowanceCharge/cac:TaxCategory',
      (el) => anyBoolean(el.parent!, 'cbc:ChargeIndicator', charge) && vatIdIs(c.code)(el),
    );
  const line = context(
    'cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory | cac:CreditNoteLine/cac:Item/cac:ClassifiedTaxCategory',
    vatIdIs(c.code),
  );
  const rateText: Record<Category['rate'], LocalizedMessage> = {
    positive: msg('needs a VAT rate above 0', 'heeft een btw-tarief boven 0 nodig'),
    zero: msg('must have VAT rate 0', 'moet btw-tarief 0 hebben'),
    'non-negative': msg('needs a VAT rate of 0 or more', 'heeft een btw-tarief van 0 of meer nodig'),
    none: msg(
      'must not have a VAT rate: remove cbc:Percent',
      'mag geen btw-tarief hebben: verwijder cbc:Percent',
    ),
  };
  const rateRule = (ctx: RuleContext, n: number, where: LocalizedMessage) =>
    rule(
      ctx,
      id(c, n),
      'fatal',
      (el) => rateAllowed(c, el),
      msg(
        `${where.en} with ${l.en} ${rateText[c.rate].en}.`,
        `${where.nl} met ${l.nl} ${rateText[c.rate].nl}.`,
      ),
    );
  return [
    rule(
      breakdown,
      id(c, 8),
      'fatal',
      (el, doc) => taxableAmountMatches(c, el, doc),
      (el) => {
        const expected = expectedBase(c, el);
        return msg(
          `The taxable amount in the VAT breakdown for ${l.en} must equal the line amounts with this category plus its charges minus its allowances (${expected}).`,
          `Het belastbare bedrag in de btw-specificatie voor ${l.nl} moet gelijk zijn aan de regelbedragen met deze categorie plus de toeslagen min de kortingen ervan (${expected}).`,
        );
      },
    ),
    rule(
      breakdown,
      id(c, 9),
      'fatal',
      c.amount === 'zero' ? vatAmountZero : vatAmountMatches,
      c.amount === 'zero'
        ? msg(`The VAT amount for ${l.en} must be 0.`, `Het btw-bedrag voor ${l.nl} moet 0 zijn.`)
        : msg(
            `The VAT amount for ${l.en} must equal the taxable amount × the rate, rounded to cents.`,
            `Het btw-bedrag voor ${l.nl} moet gelijk zijn aan het belastbare bedrag × het tarief, afgerond op centen.`,
          ),
    ),
    rule(
      breakdown,
      id(c, 10),
      'fatal',
      (el) =>
        c.exemption === 'required'
          ? has(el, 'cbc:TaxExemptionReason') || has(el, 'cbc:TaxExemptionReasonCode')
          : !has(el, 'cbc:TaxExemptionReason') && !has(el, 'cbc:TaxExemptionReasonCode'),
      c.exemption === 'required'
        ? msg(
            `The VAT breakdown for ${l.en} needs a reason why no VAT is charged (cbc:TaxExemptionReason or a code such as VATEX-EU-${c.code === 'AE' ? 'AE' : 'O'}).`,
            `De btw-specificatie voor ${l.nl} heeft een reden nodig waarom er geen btw wordt gerekend (cbc:TaxExemptionReason of een code zoals VATEX-EU-${c.code === 'AE' ? 'AE' : 'O'}).`,
          )
        : msg(
            `The VAT breakdown for ${l.en} must not give a VAT exemption reason: remove it or use another category.`,
            `De btw-specificatie voor ${l.nl} mag geen reden voor btw-vrijstelling geven: verwijder die of gebruik een andere categorie.`,
          ),
    ),
    rateRule(onAc(false), 6, msg('An allowance', 'Een korting')),
    rateRule(onAc(true), 7, msg('A charge', 'Een toeslag')),
    rateRule(line, 5, msg('An invoice line', 'Een factuurregel')),
  ];
}

/** string-length(path) for a path selecting at most one element. */
function lengthAt(el: XmlElement, steps: string): number {
  const found = sel(el, steps);
  if (found.length > 1) throw new XPathError(`string-length() of ${found.length} elements`);
  return found[0] ? [...stringValue(found[0])].length : 0;
}

/** The document-level (root context) assertions of the VAT-category families, in the official order. */
export function vatCategoryDocumentRules(root: RuleContext): Rule[] {
  const rules: Rule[] = [];
  for (const c of CATEGORIES) {
    const l = label(c);
    const needs = c.partiesText;
    rules.push(
      rule(
        root,
        id(c, 1),
        'fatal',
        (el, doc) => breakdownReflectsUse(c, el, doc),
        msg(
          `When a line, allowance or charge uses ${l.en}, the VAT breakdown needs ${c.breakdown === 'exactly-one' ? 'exactly one entry' : 'an entry'} for it, and only then.`,
          `Als een regel, korting of toeslag ${l.nl} gebruikt, heeft de btw-specificatie daar ${c.breakdown === 'exactly-one' ? 'precies één regel' : 'een regel'} voor nodig, en alleen dan.`,
        ),
      ),
      rule(
        root,
        id(c, 2),
        'fatal',
        (_el, doc) => linePartiesPresent(c, doc),
        msg(
          `An invoice line with ${l.en} needs ${needs.en}.`,
          `Een factuurregel met ${l.nl} vereist ${needs.nl}.`,
        ),
      ),
      rule(
        root,
        id(c, 3),
        'fatal',
        (_el, doc) => acPartiesPresent(c, doc, false),
        msg(`An allowance with ${l.en} needs ${needs.en}.`, `Een korting met ${l.nl} vereist ${needs.nl}.`),
      ),
      rule(
        root,
        id(c, 4),
        'fatal',
        (_el, doc) => acPartiesPresent(c, doc, true),
        msg(`A charge with ${l.en} needs ${needs.en}.`, `Een toeslag met ${l.nl} vereist ${needs.nl}.`),
      ),
    );
  }
  const usesInBreakdown = (el: XmlElement, code: string) => usesVatId(subtotalCategories(el), code);
  const notO = (t: XmlElement) => norm(t, 'cbc:ID') !== 'O' && isVat(t);
  const onlyO = (en: string, nl: string): LocalizedMessage =>
    msg(
      `An invoice with VAT category O (not subject to VAT) cannot have ${en} with another VAT category. Put those on a separate invoice.`,
      `Een factuur met btw-categorie O (niet onderworpen aan btw) kan geen ${nl} met een andere btw-categorie hebben. Zet die op een aparte factuur.`,
    );
  const idEquals = (els: XmlElement[], code: string) =>
    els.some((t) => sel(t, 'cbc:ID').some((i) => stringValue(i) === code));
  const usesB = (el: XmlElement, doc: DocumentScope, code: string) =>
    idEquals(subtotalCategories(el), code) ||
    idEquals(sel(el, 'cac:AllowanceCharge/cac:TaxCategory'), code) ||
    idEquals(allClassified(doc), code);
  rules.push(
    rule(
      root,
      'BR-IC-11',
      'fatal',
      (el) =>
        !usesInBreakdown(el, 'K') ||
        lengthAt(el, 'cac:Delivery/cbc:ActualDeliveryDate') > 1 ||
        has(el, 'cac:InvoicePeriod/*'),
      msg(
        'An intra-community supply (VAT category K) needs the actual delivery date or the invoicing period.',
        'Een intracommunautaire levering (btw-categorie K) heeft de werkelijke leverdatum of de factuurperiode nodig.',
      ),
    ),
    rule(
      root,
      'BR-IC-12',
      'fatal',
      (el) =>
        !usesInBreakdown(el, 'K') ||
        lengthAt(el, 'cac:Delivery/cac:DeliveryLocation/cac:Address/cac:Country/cbc:IdentificationCode') > 1,
      msg(
        'An intra-community supply (VAT category K) needs the country the goods are delivered to (delivery address country code).',
        'Een intracommunautaire levering (btw-categorie K) heeft het land nodig waar de goederen geleverd worden (landcode van het afleveradres).',
      ),
    ),
    rule(
      root,
      'BR-O-11',
      'fatal',
      (el) => !usesInBreakdown(el, 'O') || subtotalCategories(el).filter(notO).length === 0,
      onlyO('a VAT breakdown', 'btw-specificatie'),
    ),
    rule(
      root,
      'BR-O-12',
      'fatal',
      (el, doc) => !usesInBreakdown(el, 'O') || allClassified(doc).filter(notO).length === 0,
      onlyO('invoice lines', 'factuurregels'),
    ),
    rule(
      root,
      'BR-O-13',
      'fatal',
      (el, doc) => !usesInBreakdown(el, 'O') || acTaxCategories(doc, false).filter(notO).length === 0,
      onlyO('allowances', 'kortingen'),
    ),
    rule(
      root,
      'BR-O-14',
      'fatal',
      (el, doc) => !usesInBreakdown(el, 'O') || acTaxCategories(doc, true).filter(notO).length === 0,
      onlyO('charges', 'toeslagen'),
    ),
    rule(
      root,
      'BR-B-01',
      'fatal',
      (_el, doc) =>
        !(idEquals(allTaxCategories(doc), 'B') || idEquals(allClassified(doc), 'B')) ||
        everywhere(doc, 'cbc:IdentificationCode').every((i) => stringValue(i) === 'IT'),
      msg(
        'VAT category B (split payment) is only for Italian invoices: every country code in the invoice must be IT.',
        'Btw-categorie B (split payment) is alleen voor Italiaanse facturen: elke landcode in de factuur moet IT zijn.',
      ),
    ),
    rule(
      root,
      'BR-B-02',
      'fatal',
      (el, doc) => !usesB(el, doc, 'B') || !usesB(el, doc, 'S'),
      msg(
        'An invoice with VAT category B (split payment) cannot also use category S (standard rate).',
        'Een factuur met btw-categorie B (split payment) kan niet ook categorie S (standaardtarief) gebruiken.',
      ),
    ),
  );
  return rules;
}

/** The per-category contexts of the model pattern and their rules, in the official order (they come last). */
export const VAT_CATEGORY_RULES: Rule[] = CATEGORIES.flatMap(categoryRules);
