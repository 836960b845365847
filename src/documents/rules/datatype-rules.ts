// Schakel's own data type rules (SCHAKEL-DT-…). The official validation first checks a document
// against the UBL 2.1 XML schema, which Schakel does not ship; these rules cover the part of that
// schema check that matters most and that the Schematron rules take for granted: amounts, quantities
// and percentages are decimal numbers, dates and times are real ones, indicators are true/false, and
// an amount says its currency. UBL names every basic element after its data type (…Amount,
// …Quantity, …Date), which is what these rules go by.
import { contexts, msg, rule } from '../rule-context.ts';
import type { Rule } from '../validation-types.ts';
import { isDecimal, isXsDate, isXsTime } from '../xpath-values.ts';
import { normalizeSpace, qname, type XmlElement } from '../xml-tree.ts';

const context = contexts();
const value = (el: XmlElement): string => normalizeSpace(el.rawText);
/** A leaf (no child elements) that is not empty, or may be empty unless `skipEmpty`. */
const leaf = (skipEmpty: boolean) => (el: XmlElement) =>
  el.children.length === 0 && !(skipEmpty && value(el) === '');

/**
 * The data type rules. With `skipEmpty` an empty element is left to the profile's own empty-element
 * rule (PEPPOL-COMMON-R001, PEPPOL-EN16931-R008) so that it is not reported twice.
 */
export function datatypeRules(skipEmpty: boolean): Rule[] {
  // The name suffix is a test of the element's path (done once per path); the rest is per element.
  const cbc = (suffixes: RegExp, xpath: string) => context('cbc:*', leaf(skipEmpty), xpath, suffixes);
  const amount = cbc(/Amount$/, 'cbc:*Amount');
  const decimalLike = cbc(
    /(Quantity|Measure|Numeric|Percent|Rate)$/,
    'cbc:*Quantity | …Measure | …Numeric | …Percent | …Rate',
  );
  const date = cbc(/Date$/, 'cbc:*Date');
  const time = cbc(/Time$/, 'cbc:*Time');
  const indicator = cbc(/Indicator$/, 'cbc:*Indicator');
  return [
    rule(
      amount,
      'SCHAKEL-DT-001',
      'fatal',
      (el) => isDecimal(el.rawText),
      (el) =>
        msg(
          `"${value(el)}" in ${qname(el)} is not an amount. Write it as a plain number with a point for decimals, e.g. 1250.50 (no currency sign, no thousands separator, no comma).`,
          `"${value(el)}" in ${qname(el)} is geen bedrag. Schrijf het als een gewoon getal met een punt voor de decimalen, bijv. 1250.50 (geen valutateken, geen duizendtalscheiding, geen komma).`,
        ),
    ),
    rule(
      amount,
      'SCHAKEL-DT-006',
      'fatal',
      (el) => el.attrs.currencyID !== undefined,
      (el) =>
        msg(
          `The amount in ${qname(el)} does not say its currency. Add currencyID, e.g. currencyID="EUR".`,
          `Bij het bedrag in ${qname(el)} staat geen valuta. Voeg currencyID toe, bijv. currencyID="EUR".`,
        ),
    ),
    rule(
      decimalLike,
      'SCHAKEL-DT-002',
      'fatal',
      (el) => isDecimal(el.rawText),
      (el) =>
        msg(
          `"${value(el)}" in ${qname(el)} is not a number. Write a plain number with a point for decimals, e.g. 12.5.`,
          `"${value(el)}" in ${qname(el)} is geen getal. Schrijf een gewoon getal met een punt voor de decimalen, bijv. 12.5.`,
        ),
    ),
    rule(
      date,
      'SCHAKEL-DT-003',
      'fatal',
      (el) => isXsDate(el.rawText),
      (el) =>
        msg(
          `"${value(el)}" in ${qname(el)} is not a valid date. Write it as YYYY-MM-DD, e.g. 2026-03-31, and check that the day exists.`,
          `"${value(el)}" in ${qname(el)} is geen geldige datum. Schrijf hem als JJJJ-MM-DD, bijv. 2026-03-31, en controleer of de dag bestaat.`,
        ),
    ),
    rule(
      time,
      'SCHAKEL-DT-004',
      'fatal',
      (el) => isXsTime(el.rawText),
      (el) =>
        msg(
          `"${value(el)}" in ${qname(el)} is not a valid time. Write it as hh:mm:ss, e.g. 14:30:00.`,
          `"${value(el)}" in ${qname(el)} is geen geldige tijd. Schrijf hem als uu:mm:ss, bijv. 14:30:00.`,
        ),
    ),
    rule(
      indicator,
      'SCHAKEL-DT-005',
      'fatal',
      (el) => ['true', 'false', '1', '0'].includes(value(el)),
      (el) =>
        msg(
          `"${value(el)}" in ${qname(el)} must be true or false.`,
          `"${value(el)}" in ${qname(el)} moet true of false zijn.`,
        ),
    ),
  ];
}
