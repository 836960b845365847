// The XPath building blocks of the EN 16931 VAT-category rules (BR-S/Z/E/AE/IC/G/O/AF/AG-nn): which
// tax categories a document uses, who has a VAT number, and the taxable-amount and VAT arithmetic of a
// VAT breakdown — each with the exact meaning (and errors) of the official assertion text.
import { anyBoolean, everywhere, isVat, norm, normSelf, sel } from '../../rule-context.ts';
import type { DocumentScope } from '../../validation-types.ts';
import { XPathError, dec, decimalOf, round, sum, untypedToDouble, type Decimal } from '../../xpath-values.ts';
import { stringValue, type XmlElement } from '../../xml-tree.ts';

/**
 * normalize-space(cbc:ID) of a tax category, worked out once per element (trees do not change after
 * parsing; the rules ask it of every category once per VAT category); an XPath error is kept and thrown
 * again as the first time.
 */
function categoryId(c: XmlElement): string {
  let known = idOf.get(c);
  if (known === undefined) {
    try {
      known = norm(c, 'cbc:ID');
    } catch (e) {
      if (!(e instanceof XPathError)) throw e;
      known = e;
    }
    idOf.set(c, known);
  }
  if (known instanceof XPathError) throw known;
  return known;
}

const idOf = new WeakMap<XmlElement, string | XPathError>();

/** [normalize-space(cbc:ID) = code]. */
export const idIs = (code: string) => (c: XmlElement) => categoryId(c) === code;
/** [normalize-space(cbc:ID) = code][cac:TaxScheme/normalize-space(upper-case(cbc:ID))='VAT']. */
export const vatIdIs = (code: string) => (c: XmlElement) => categoryId(c) === code && isVat(c);
/** [cbc:ID = code]: untrimmed general comparison, as a few assertions write it. */
export const rawIdIs = (code: string) => (c: XmlElement) =>
  sel(c, 'cbc:ID').some((i) => stringValue(i) === code);

/** Every cac:TaxCategory in the document (//cac:TaxCategory). */
export const allTaxCategories = (doc: DocumentScope): XmlElement[] => everywhere(doc, 'cac:TaxCategory');
/** Every cac:ClassifiedTaxCategory in the document. */
export const allClassified = (doc: DocumentScope): XmlElement[] =>
  everywhere(doc, 'cac:ClassifiedTaxCategory');

/** //cac:AllowanceCharge[cbc:ChargeIndicator = charge]/cac:TaxCategory (any level; all when charge is undefined). */
export function acTaxCategories(doc: DocumentScope, charge?: boolean): XmlElement[] {
  return everywhere(doc, 'cac:AllowanceCharge')
    .filter((ac) => charge === undefined || anyBoolean(ac, 'cbc:ChargeIndicator', charge))
    .flatMap((ac) => sel(ac, 'cac:TaxCategory'));
}

/** (/ubl:Invoice|/cn:CreditNote)/cac:AllowanceCharge[cbc:ChargeIndicator = charge]/cac:TaxCategory. */
export const docAcTaxCategories = (doc: DocumentScope, charge: boolean): XmlElement[] =>
  sel(doc.root, 'cac:AllowanceCharge')
    .filter((ac) => anyBoolean(ac, 'cbc:ChargeIndicator', charge))
    .flatMap((ac) => sel(ac, 'cac:TaxCategory'));

/** cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory of the document element. */
export const subtotalCategories = (root: XmlElement): XmlElement[] =>
  sel(root, 'cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory');

/** X[VAT]/cbc:ID[normalize-space(.) = code]: the ID elements of VAT categories equal to code. */
export const vatIdElements = (cats: XmlElement[], code: string): XmlElement[] =>
  cats.filter(isVat).flatMap((c) => sel(c, 'cbc:ID').filter((i) => normSelf(i) === code));

/** exists(X[VAT]/cbc:ID[normalize-space(.) = code]), stopping at the first hit as Saxon does. */
export const usesVatId = (cats: XmlElement[], code: string): boolean =>
  cats.some((c) => isVat(c) && sel(c, 'cbc:ID').some((i) => normSelf(i) === code));

const companyIds = (doc: DocumentScope, party: string, steps: string, vatOnly: boolean): boolean =>
  everywhere(doc, party).some((p) =>
    sel(p, steps).some((s) => (!vatOnly || isVat(s)) && sel(s, 'cbc:CompanyID').length > 0),
  );

/** Who carries a VAT (or legal) company identifier, as the VAT-category rules ask. */
export const parties = {
  /** exists(//cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID) (any scheme). */
  sellerAny: (doc: DocumentScope) =>
    companyIds(doc, 'cac:AccountingSupplierParty', 'cac:Party/cac:PartyTaxScheme', false),
  /** …/cac:PartyTaxScheme[VAT]/cbc:CompanyID of the seller. */
  sellerVat: (doc: DocumentScope) =>
    companyIds(doc, 'cac:AccountingSupplierParty', 'cac:Party/cac:PartyTaxScheme', true),
  /** //cac:TaxRepresentativeParty/cac:PartyTaxScheme[VAT]/cbc:CompanyID. */
  representativeVat: (doc: DocumentScope) =>
    companyIds(doc, 'cac:TaxRepresentativeParty', 'cac:PartyTaxScheme', true),
  /** //cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme[VAT]/cbc:CompanyID. */
  buyerVat: (doc: DocumentScope) =>
    companyIds(doc, 'cac:AccountingCustomerParty', 'cac:Party/cac:PartyTaxScheme', true),
  /** //cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID. */
  buyerLegal: (doc: DocumentScope) =>
    everywhere(doc, 'cac:AccountingCustomerParty').some(
      (p) => sel(p, 'cac:Party/cac:PartyLegalEntity/cbc:CompanyID').length > 0,
    ),
};

/** xs:decimal(x) of each element that has x, summed: sum(els/xs:decimal(x)). */
const sumEach = (els: XmlElement[], steps: string): Decimal =>
  sum(
    els.flatMap((e) => {
      const v = decimalOf(sel(e, steps));
      return v === undefined ? [] : [v];
    }),
  );

/** [cac:TaxCategory/xs:decimal(cbc:Percent) = $rate] on categories: some category's rate equals rate. */
const someRate = (cats: XmlElement[], rate: Decimal | undefined): boolean =>
  rate === undefined ||
  cats.some((c) => {
    const p = decimalOf(sel(c, 'cbc:Percent'));
    return p !== undefined && p.eq(rate);
  });

/** [cac:TaxCategory/normalize-space(cbc:ID) = code] on categories. */
const someCode = (cats: XmlElement[], code: string): boolean => cats.some((c) => categoryId(c) === code);

/** Lines (cac:InvoiceLine or cac:CreditNoteLine) with the category code (and rate, when given). */
export const linesOf = (lines: XmlElement[], code: string, rate?: Decimal): XmlElement[] =>
  lines.filter((l) => {
    const cats = sel(l, 'cac:Item/cac:ClassifiedTaxCategory');
    return someCode(cats, code) && (rate === undefined || someRate(cats, rate));
  });

/** Allowances or charges with the category code (and rate, when given). */
export const acsOf = (acs: XmlElement[], code: string, rate?: Decimal): XmlElement[] =>
  acs.filter((ac) => {
    const cats = sel(ac, 'cac:TaxCategory');
    return someCode(cats, code) && (rate === undefined || someRate(cats, rate));
  });

/**
 * The taxable amount the lines and document-level allowances and charges of one category (and rate)
 * add up to: sum(lines) + sum(charges) - sum(allowances), exact.
 */
export function categoryBase(root: XmlElement, lineName: string, code: string, rate?: Decimal): Decimal {
  const acs = sel(root, 'cac:AllowanceCharge');
  const charges = acsOf(
    acs.filter((ac) => anyBoolean(ac, 'cbc:ChargeIndicator', true)),
    code,
    rate,
  );
  const allowances = acsOf(
    acs.filter((ac) => anyBoolean(ac, 'cbc:ChargeIndicator', false)),
    code,
    rate,
  );
  return sumEach(linesOf(sel(root, lineName), code, rate), 'cbc:LineExtensionAmount')
    .plus(sumEach(charges, 'cbc:Amount'))
    .minus(sumEach(allowances, 'cbc:Amount'));
}

/**
 * xs:decimal(cbc:TaxableAmount ± 1): the arithmetic on an untyped value is done in xs:double and the
 * result cast back to xs:decimal (through its shortest string form, as Saxon-JS does), so 1.15 - 1
 * is 0.1499999999999999. Undefined for no amount.
 */
export function taxableShifted(subtotal: XmlElement, delta: 1 | -1): Decimal | undefined {
  const found = sel(subtotal, 'cbc:TaxableAmount');
  if (found.length > 1) throw new XPathError('arithmetic on more than one taxable amount');
  if (!found[0]) return undefined;
  const value = untypedToDouble(stringValue(found[0])) + delta;
  if (!Number.isFinite(value)) throw new XPathError(`cannot cast ${value} to xs:decimal`);
  return dec(String(value));
}

/** ../cbc:TaxableAmount - 1 < base and ../cbc:TaxableAmount + 1 > base (the ±1 tolerance). */
export function withinOne(subtotal: XmlElement, base: Decimal): boolean {
  const low = taxableShifted(subtotal, -1);
  if (low === undefined || !low.lt(base)) return false;
  const high = taxableShifted(subtotal, 1);
  return high !== undefined && high.gt(base);
}

/**
 * BR-S-09/AF-09/AG-09: |VAT amount| ∓ 1 around round(|taxable| × rate / 100 × 100) / 100 (strictly).
 * `category` is the breakdown's cac:TaxCategory.
 */
export function vatAmountMatches(category: XmlElement): boolean {
  const subtotal = category.parent!;
  const tax = decimalOf(sel(subtotal, 'cbc:TaxAmount'));
  const taxable = decimalOf(sel(subtotal, 'cbc:TaxableAmount'));
  const rate = decimalOf(sel(category, 'cbc:Percent'));
  if (tax === undefined || taxable === undefined || rate === undefined) return false;
  const expected = round(taxable.abs().times(rate.div(100)).times(10).times(10)).div(100);
  return tax.abs().minus(1).lt(expected) && tax.abs().plus(1).gt(expected);
}

/** xs:decimal(../cbc:TaxAmount) = 0. */
export const vatAmountZero = (category: XmlElement): boolean => {
  const tax = decimalOf(sel(category.parent!, 'cbc:TaxAmount'));
  return tax !== undefined && tax.eq(dec(0));
};
