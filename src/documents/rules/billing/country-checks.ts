// Shared pieces of the Peppol billing country patterns (NO, DK, SE, GR, IS): the validator's country
// variables and its check-digit functions (u:mod11, u:TinVerification, u:checkSEOrgnr), with XPath's
// meaning, including its errors for a sequence of more than one value where one is expected.
import { sel } from '../../rule-context.ts';
import type { DocumentScope } from '../../validation-types.ts';
import { XPathError, xNumber } from '../../xpath-values.ts';
import { normalizeSpace, stringValue, type XmlElement } from '../../xml-tree.ts';

import { vatPrefix } from './it-billing-rules.ts';

export { supplierCountry } from './it-billing-rules.ts';

/** The string value of zero or one elements ('' for none); more than one is an error, as in XPath. */
export function single(els: readonly XmlElement[], what: string): string {
  if (els.length > 1) throw new XPathError(`${what} of more than one element`);
  return els[0] ? stringValue(els[0]) : '';
}

/** The zero or one elements at a path; more than one is an error (a function that takes one value). */
export function one(el: XmlElement, steps: string, what: string): XmlElement | undefined {
  const found = sel(el, steps);
  if (found.length > 1) throw new XPathError(`${what} of more than one element (${steps})`);
  return found[0];
}

/** normalize-space(path/@attr): '' when no selected element has it; more than one is an error. */
export function normAttr(el: XmlElement, steps: string, attr: string): string {
  const values = sel(el, steps).flatMap((e) => (e.attrs[attr] === undefined ? [] : [e.attrs[attr]]));
  if (values.length > 1) throw new XPathError(`normalize-space() of more than one @${attr}`);
  return normalizeSpace(values[0] ?? '');
}

/** XPath substring($s, start, length?) for the 1-based character positions of a plain string. */
export function substring(s: string, start: number, length = Infinity): string {
  return [...s].slice(start - 1, start - 1 + length).join('');
}

/**
 * concat(ubl-creditnote:CreditNote/<party>/…/cbc:IdentificationCode, ubl-invoice:Invoice/…): the address
 * country as written (not trimmed, not upper-cased), as the DK and IS patterns' variables take it.
 */
export function addressCountryAsWritten(doc: DocumentScope, party: 'Supplier' | 'Customer'): string {
  return doc.memo(`concat(${party} address country)`, () =>
    single(
      sel(
        doc.root,
        `cac:Accounting${party}Party/cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode`,
      ),
      'concat()',
    ),
  );
}

/** The country of a party as the validator's $customerCountry / $accountingSupplierCountry take it. */
function partyCountry(doc: DocumentScope, party: 'Supplier' | 'Customer'): string {
  return doc.memo(`$${party} country`, () => {
    const prefix = vatPrefix(doc, `cac:Accounting${party}Party/cac:Party/cac:PartyTaxScheme`);
    if (prefix !== '') return normalizeSpace(prefix).toUpperCase();
    const codes = sel(
      doc.root,
      `cac:Accounting${party}Party/cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode`,
    );
    return codes.length === 0 ? 'XX' : normalizeSpace(single(codes, 'normalize-space()')).toUpperCase();
  });
}

/** The validator's $customerCountry: the buyer's VAT number prefix, else its address country, else 'XX'. */
export const customerCountry = (doc: DocumentScope): string => partyCountry(doc, 'Customer');

/** The validator's $accountingSupplierCountry: as $supplierCountry but without the tax representative. */
export const accountingSupplierCountry = (doc: DocumentScope): string => partyCountry(doc, 'Supplier');

const digitValue = (ch: string | undefined): number => (ch === undefined ? NaN : xNumber(ch));

/** u:mod11 (Norwegian organisation numbers): the last digit is the weighted mod-11 check digit. */
export function mod11(val: string): boolean {
  const chars = [...val];
  const length = chars.length - 1;
  const digits = chars
    .slice(0, Math.max(length, 0))
    .map((c) => c.codePointAt(0)! - 48)
    .reverse();
  let weighted = 0;
  for (let i = 0; i < length; i++) weighted += digits[i]! * ((i % 6) + 2);
  const check = (11 - (weighted % 11)) % 11;
  return xNumber(val) > 0 && check === digitValue(chars[length]);
}

/** u:TinVerification (Greek AFM): nine digits, the ninth the weighted check digit of the first eight. */
export function tinVerification(val: string): boolean {
  const d = [...val].map((c) => xNumber(c));
  let checksum = 0;
  for (let i = 0; i < 8; i++) checksum += (d[i] ?? NaN) * 2 ** (8 - i);
  return (checksum % 11) % 10 === (d[8] ?? NaN);
}

/** u:checkSEOrgnr: a Swedish organisation number's tenth digit is the Luhn check digit of the first nine. */
export function checkSEOrgnr(number: string): boolean {
  if (!/^\p{Nd}+$/u.test(number)) return false;
  const main = [...number].slice(0, 9);
  let total = 0;
  for (let pos = 1; pos <= main.length; pos++) {
    const n = xNumber(main[main.length - pos]);
    // A digit outside 0-9 (\d is any Unicode digit) makes the sum NaN, and xs:integer(NaN) is an error.
    if (Number.isNaN(n)) throw new XPathError('xs:integer() of NaN');
    total += pos % 2 === 1 ? ((n * 2) % 10) + Math.floor((n * 2) / 10) : n;
  }
  return (10 - (total % 10)) % 10 === digitValue([...number][9]);
}
