// The harder checks of the German (XRechnung) billing rules: the #SKONTO# payment terms lines (DE-R-018),
// the IBAN check of DE-R-019/020, and the contact patterns, with XPath's regular-expression meaning.
import { sel } from '../../rule-context.ts';
import { XPathError } from '../../xpath-values.ts';
import { normalizeSpace, stringValue, type XmlElement } from '../../xml-tree.ts';
import { single, substring } from './country-checks.ts';

const SKONTO =
  /(^|\r?\n)#(SKONTO)#TAGE=([0-9]+#PROZENT=[0-9]+\.[0-9]{2})(#BASISBETRAG=-?[0-9]+\.[0-9]{2})?#$/;
// XPath's \s and "." differ from JavaScript's: \s is only space, tab, CR and LF; "." excludes only CR and LF.
const TELEPHONE = /[0-9][^\n\r]*[0-9][^\n\r]*[0-9]/;
const EMAIL = /^[^@ \t\n\r]+@([^@. \t\n\r]+\.)+[^@. \t\n\r]+$/;
const URL = /^([a-zA-Z])([a-zA-Z0-9+.-])+:[^\n\r]*/;
const IBAN = /^[A-Z]{2}[0-9]{2}[a-zA-Z0-9]{0,30}$/;

/** XPath tokenize($s, pattern): no tokens for the empty string. */
const tokenize = (s: string, pattern: RegExp): string[] => (s === '' ? [] : s.split(pattern));

/** DE-R-018: every line of the first payment terms note starting with # is a well-formed #SKONTO# line. */
export function skontoLines(el: XmlElement): boolean {
  const notes = sel(el, 'cac:PaymentTerms').flatMap((t) => sel(t, 'cbc:Note').slice(0, 1).map(stringValue));
  const lines = notes
    .flatMap((n) => tokenize(n, /\r?\n/))
    .filter((line) => normalizeSpace(line).startsWith('#'));
  return lines.every((line) => {
    if (!SKONTO.test(normalizeSpace(line))) return false;
    // …and (evaluated per line, on the whole document) the note ends with a line break after the last #…#.
    const tails = notes.flatMap((n) => tokenize(n, /#[^\n\r]+#/).slice(-1));
    if (tails.length > 1) throw new XPathError('matches() of more than one string');
    return /^[ \t\n\r]*\n/.test(tails[0] ?? '');
  });
}

/** DE-R-019/020: an IBAN (whitespace removed) with a valid ISO 13616 check (mod 97 = 1). */
export function validIban(el: XmlElement, steps: string): boolean {
  const s = normalizeSpace(single(sel(el, steps), 'replace()').replace(/[ \n\r\t]/g, ''));
  if (!IBAN.test(s)) return false;
  const rearranged = substring(s, 5) + substring(s, 1, 2).toUpperCase() + substring(s, 3, 2);
  const digits = [...rearranged]
    .map((c) => {
      const cp = c.codePointAt(0)!;
      return String(cp > 64 ? cp - 55 : cp - 48);
    })
    .join('');
  return BigInt(digits) % 97n === 1n;
}

/** The artefact's XR-TELEPHONE-REGEX, XR-EMAIL-REGEX and XR-URL-REGEX. */
export const DE_PATTERNS = { telephone: TELEPHONE, email: EMAIL, url: URL };
