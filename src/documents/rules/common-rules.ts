// PEPPOL-COMMON rules: shared by every Peppol post-award transaction (ordering and billing).
// Empty elements, schema location, date format, and the format/check digit of party identifiers
// per identifier scheme (ISO 6523 ICD / EAS code in @schemeID).
import {
  abn,
  codiceFiscale,
  codiceIpa,
  gln,
  mod11,
  mod97be,
  partitaIvaIt,
  swedishOrgNumber,
} from '../identifier-checks.ts';
import { contexts, msg, norm, normSelf, rule } from '../rule-context.ts';
import type { Rule, RuleContext } from '../validation-types.ts';
import { isXsDate, xNumber } from '../xpath-values.ts';
import { normalizeSpace, qname, stringValue, type XmlElement } from '../xml-tree.ts';

const context = contexts();

/** //*[not(*) and not(normalize-space())]: an element with neither child elements nor text. */
export const emptyElementContext = context('*', (el) => el.children.length === 0 && normSelf(el) === '');

/** The message of an empty element (PEPPOL-COMMON-R001, PEPPOL-EN16931-R008). */
export const emptyElementMessage = (el: XmlElement) =>
  msg(
    `The element ${qname(el)} is empty. Fill it in, or leave the element out entirely.`,
    `Het element ${qname(el)} is leeg. Vul het in, of laat het element helemaal weg.`,
  );

/** PEPPOL-COMMON-R001 (its own pattern in the ordering artefacts). */
export const COMMON_EMPTY_ELEMENT_RULES: Rule[] = [
  rule(emptyElementContext, 'PEPPOL-COMMON-R001', 'fatal', () => false, emptyElementMessage),
];

/** The root element: /* */
const rootContext = context('*', (el) => el.parent === null, '/*');

/** PEPPOL-COMMON-R003: no xsi:schemaLocation on the root (warning). */
export const schemaLocationRule = rule(
  rootContext,
  'PEPPOL-COMMON-R003',
  'warning',
  (el) => el.attrs.schemaLocation === undefined,
  msg(
    'Leave out the xsi:schemaLocation attribute: Peppol documents should not point to a schema location.',
    'Laat het attribuut xsi:schemaLocation weg: Peppol-berichten horen niet naar een schemalocatie te verwijzen.',
  ),
);

const dateContext = context(
  'cbc:IssueDate | cbc:DueDate | cbc:TaxPointDate | cbc:StartDate | cbc:EndDate | cbc:ActualDeliveryDate',
);

/** PEPPOL-COMMON-R030: dates are real dates written YYYY-MM-DD. */
export const dateFormatRule = rule(
  dateContext,
  'PEPPOL-COMMON-R030',
  'fatal',
  (el) => isXsDate(stringValue(el)) && [...stringValue(el)].length === 10,
  (el) =>
    msg(
      `The date "${stringValue(el)}" in ${qname(el)} is not a valid date written as YYYY-MM-DD (for example 2026-03-31). Write it in that form, without spaces or a time zone.`,
      `De datum "${stringValue(el)}" in ${qname(el)} is geen geldige datum in de vorm JJJJ-MM-DD (bijvoorbeeld 2026-03-31). Schrijf hem zo, zonder spaties of tijdzone.`,
    ),
);

/** cbc:EndpointID[@schemeID = s] | cac:PartyIdentification/cbc:ID[@schemeID = s] | cbc:CompanyID[@schemeID = s] */
function schemeContext(scheme: string, endpointOnly = false): RuleContext {
  const paths = endpointOnly
    ? 'cbc:EndpointID'
    : 'cbc:EndpointID | cac:PartyIdentification/cbc:ID | cbc:CompanyID';
  return context(paths, (el) => el.attrs.schemeID === scheme, `${paths} with @schemeID = '${scheme}'`);
}

const ns = (el: XmlElement): string => normSelf(el);
const raw = (el: XmlElement): string => stringValue(el);
const onlyDigits = (s: string): boolean => /^[0-9]*$/.test(s);
/** XPath substring(s, start, len) on characters. */
const sub = (s: string, start: number, len: number): string =>
  [...s].slice(start - 1, start - 1 + len).join('');

function idMessage(what: [string, string], example: string) {
  return (el: XmlElement) =>
    msg(
      `"${ns(el)}" in ${qname(el)} is not a valid ${what[0]} (scheme ${el.attrs.schemeID}). Check the number for typing errors; the right form is ${example}.`,
      `"${ns(el)}" in ${qname(el)} is geen geldig ${what[1]} (schema ${el.attrs.schemeID}). Controleer het nummer op tikfouten; de juiste vorm is ${example}.`,
    );
}

/** PEPPOL-COMMON-R040…R057 in the official order (the first matching context wins). */
export const COMMON_IDENTIFIER_RULES: Rule[] = [
  rule(
    schemeContext('0088'),
    'PEPPOL-COMMON-R040',
    'fatal',
    (el) => /^[0-9]+$/.test(ns(el)) && gln(ns(el)),
    (el) =>
      msg(
        `"${ns(el)}" in ${qname(el)} is not a valid GLN (scheme 0088): a GLN has 13 digits and its last digit is a check digit. Check the number for typing errors — a single wrong digit makes it invalid.`,
        `"${ns(el)}" in ${qname(el)} is geen geldig GLN (schema 0088): een GLN heeft 13 cijfers en het laatste cijfer is een controlecijfer. Controleer het nummer op tikfouten — één verkeerd cijfer maakt het ongeldig.`,
      ),
  ),
  rule(
    schemeContext('0192'),
    'PEPPOL-COMMON-R041',
    'fatal',
    (el) => /^[0-9]{9}$/.test(ns(el)) && mod11(ns(el)),
    idMessage(
      ['Norwegian organisation number', 'Noors organisatienummer'],
      '9 digits with a valid check digit',
    ),
  ),
  rule(
    schemeContext('0184'),
    'PEPPOL-COMMON-R042',
    'fatal',
    (el) => {
      const s = raw(el);
      const len = [...s].length;
      return (
        (len === 10 && sub(s, 1, 2) === 'DK' && onlyDigits(sub(s, 3, 8))) ||
        (len === 8 && onlyDigits(sub(s, 1, 8)))
      );
    },
    idMessage(['Danish CVR number', 'Deens CVR-nummer'], '8 digits, or DK followed by 8 digits'),
  ),
  rule(
    schemeContext('0096'),
    'PEPPOL-COMMON-R052',
    'fatal',
    (el) => [...raw(el)].length === 10 && onlyDigits(sub(raw(el), 1, 10)),
    idMessage(['Danish P number', 'Deens P-nummer'], '10 digits'),
  ),
  rule(
    schemeContext('0198'),
    'PEPPOL-COMMON-R053',
    'fatal',
    (el) => [...raw(el)].length === 10 && sub(raw(el), 1, 2) === 'DK' && onlyDigits(sub(raw(el), 3, 8)),
    idMessage(['Danish SE number', 'Deens SE-nummer'], 'DK followed by 8 digits'),
  ),
  rule(
    schemeContext('0208'),
    'PEPPOL-COMMON-R043',
    'fatal',
    (el) => /^[0-9]{10}$/.test(ns(el)) && mod97be(ns(el)),
    idMessage(
      ['Belgian enterprise number', 'Belgisch ondernemingsnummer'],
      '10 digits with a valid modulo-97 check',
    ),
  ),
  rule(
    schemeContext('0201'),
    'PEPPOL-COMMON-R044',
    'warning',
    (el) => codiceIpa(ns(el)),
    idMessage(['Italian IPA code', 'Italiaanse IPA-code'], '6 letters or digits'),
  ),
  rule(
    schemeContext('0210'),
    'PEPPOL-COMMON-R045',
    'warning',
    (el) => codiceFiscale(ns(el)),
    idMessage(['Italian fiscal code', 'Italiaanse fiscale code'], '16 characters or 11 digits'),
  ),
  rule(
    schemeContext('9907', true),
    'PEPPOL-COMMON-R046',
    'warning',
    (el) => codiceFiscale(ns(el)),
    idMessage(['Italian fiscal code', 'Italiaanse fiscale code'], '16 characters or 11 digits'),
  ),
  rule(
    schemeContext('0211'),
    'PEPPOL-COMMON-R047',
    'warning',
    (el) => partitaIvaIt(ns(el)),
    idMessage(
      ['Italian VAT number', 'Italiaans btw-nummer'],
      'IT followed by 11 digits with a valid check digit',
    ),
  ),
  rule(
    schemeContext('0007'),
    'PEPPOL-COMMON-R049',
    'fatal',
    (el) => [...ns(el)].length === 10 && !Number.isNaN(xNumber(ns(el))) && swedishOrgNumber(ns(el)),
    idMessage(
      ['Swedish organisation number', 'Zweeds organisatienummer'],
      '10 digits with a valid check digit',
    ),
  ),
  rule(
    schemeContext('0151'),
    'PEPPOL-COMMON-R050',
    'fatal',
    (el) => /^[0-9]{11}$/.test(ns(el)) && abn(ns(el)),
    idMessage(
      ['Australian Business Number', 'Australisch ondernemingsnummer (ABN)'],
      '11 digits with a valid check',
    ),
  ),
  rule(
    schemeContext('0106'),
    'PEPPOL-COMMON-R054',
    'warning',
    (el) => /^[0-9]{8}$/.test(ns(el)),
    idMessage(['Dutch Chamber of Commerce (KVK) number', 'KVK-nummer'], 'exactly 8 digits, e.g. 12345678'),
  ),
  rule(
    schemeContext('0190'),
    'PEPPOL-COMMON-R055',
    'warning',
    (el) => /^[0-9]{20}$/.test(ns(el)),
    idMessage(['Dutch government organisation number (OIN)', 'OIN-nummer'], 'exactly 20 digits'),
  ),
  rule(
    schemeContext('9944'),
    'PEPPOL-COMMON-R056-1',
    'warning',
    (el) => /^NL[0-9]{9}B[0-9]{2}$/.test(ns(el)),
    idMessage(['Dutch VAT number', 'Nederlands btw-nummer'], 'NL123456789B01'),
  ),
  rule(
    context(
      'cac:PartyTaxScheme/cbc:CompanyID',
      (el) =>
        norm(el.parent!, 'cac:TaxScheme/cbc:ID') === 'VAT' &&
        normalizeSpace(stringValue(el)).startsWith('NL'),
      "cac:PartyTaxScheme[normalize-space(cac:TaxScheme/cbc:ID) = 'VAT']/cbc:CompanyID[starts-with(normalize-space(.), 'NL')]",
    ),
    'PEPPOL-COMMON-R056-2',
    'warning',
    (el) => /^NL[0-9]{9}B[0-9]{2}$/.test(ns(el)),
    (el) =>
      msg(
        `The Dutch VAT number "${ns(el)}" should be written as NL, 9 digits, B and 2 digits (e.g. NL123456789B01), without spaces or dots.`,
        `Het Nederlandse btw-nummer "${ns(el)}" hoort geschreven te worden als NL, 9 cijfers, B en 2 cijfers (bijv. NL123456789B01), zonder spaties of punten.`,
      ),
  ),
  rule(
    schemeContext('0217'),
    'PEPPOL-COMMON-R057',
    'warning',
    (el) => /^[0-9]{12}$/.test(ns(el)),
    idMessage(['Dutch KVK establishment number', 'KVK-vestigingsnummer'], 'exactly 12 digits'),
  ),
];

/** The common pattern of the ordering artefacts: R003, R030, then the identifier rules. */
export const COMMON_ORDERING_RULES: Rule[] = [schemaLocationRule, dateFormatRule, ...COMMON_IDENTIFIER_RULES];
