// Check-digit and format checks for party identifiers, ported one-to-one from the functions in the
// Peppol Schematron (u:gln, u:mod11, u:mod97-0208, u:checkCodiceIPA, u:checkCF, u:checkPIVAseIT,
// u:abn, u:checkSEOrgnr). They are ported literally, quirks included, because a document must be
// accepted or refused exactly as the official validator does.
import { XPathError } from './xpath-values.ts';

const codepoints = (s: string): number[] => [...s].map((c) => c.codePointAt(0)!);
/** XPath substring(s, start, length) with 1-based, rounded positions on characters (not UTF-16 units). */
function substring(s: string, start: number, length = Infinity): string {
  const chars = [...s];
  const first = Math.round(start);
  const last = first + Math.round(length); // exclusive
  return chars.filter((_, i) => i + 1 >= first && i + 1 < last).join('');
}
const lastChar = (s: string): string => substring(s, [...s].length, 1);
/** number() of a one-character string: NaN unless a digit. */
const digitValue = (s: string): number => (/^[0-9]$/.test(s) ? Number(s) : NaN);
/** "castable as xs:integer" (whitespace is collapsed first). */
const castableInteger = (s: string): boolean => /^[+-]?\d+$/.test(s.replace(/[ \t\r\n]+/g, ' ').trim());
/** xs:integer(s): an error when not castable. */
function integer(s: string): number {
  if (!castableInteger(s)) throw new XPathError(`cannot cast ${JSON.stringify(s)} to xs:integer`);
  return Number(s.trim());
}

/** GS1 check digit (GLN, GTIN): weights 3,1,3,… from the right, excluding the check digit. */
export function gln(val: string): boolean {
  const len = [...val].length - 1;
  const digits = codepoints(substring(val, 0, len + 1))
    .map((c) => c - 48)
    .reverse();
  let sum = 0;
  for (let i = 0; i <= len - 1; i++) sum += digits[i]! * (1 + ((i + 1) % 2) * 2);
  return (10 - (sum % 10)) % 10 === digitValue(substring(val, len + 1, 1));
}

/** Norwegian organisation number: modulus 11 with weights 2..7 from the right. */
export function mod11(val: string): boolean {
  const len = [...val].length - 1;
  const digits = codepoints(substring(val, 0, len + 1))
    .map((c) => c - 48)
    .reverse();
  let sum = 0;
  for (let i = 0; i <= len - 1; i++) sum += digits[i]! * ((i % 6) + 2);
  const asNumber = /^\s*\d+(\.\d*)?\s*$/.test(val) ? Number(val) : NaN;
  return asNumber > 0 && (11 - (sum % 11)) % 11 === digitValue(lastChar(val));
}

/** Belgian enterprise number: the last two digits are 97 minus the first eight modulo 97. */
export function mod97be(val: string): boolean {
  const check = substring(val, 9, 2);
  const calculated = 97 - (integer(substring(val, 1, 8)) % 97);
  return /^[0-9]+$/.test(check) && Number(check) === calculated;
}

const ALNUM = /^[A-Za-z0-9]*$/;
const LETTERS = /^[A-Za-z]*$/;

/** Italian IPA code: six letters or digits. */
export const codiceIpa = (arg: string): boolean => ALNUM.test(arg) && [...arg].length === 6;

/** Italian fiscal code: 16 characters in the person pattern, or 11 digits. */
export function codiceFiscale(arg: string): boolean {
  const len = [...arg].length;
  if (len === 16) return codiceFiscale16(arg);
  return len === 11 && castableInteger(arg);
}

function codiceFiscale16(arg: string): boolean {
  return (
    LETTERS.test(substring(arg, 1, 6)) &&
    castableInteger(substring(arg, 7, 2)) &&
    LETTERS.test(substring(arg, 9, 1)) &&
    castableInteger(substring(arg, 10, 2)) &&
    castableInteger(substring(arg, 15, 1)) &&
    LETTERS.test(substring(arg, 16, 1))
  );
}

/** The Luhn-like sum of u:addPIVA: odd positions as they are, even positions mapped through 0246813579. */
function addPiva(arg: string, even: number): number {
  if (!castableInteger(arg)) return 0;
  const head = integer(substring(arg, 1, 1));
  const mapped = even === 1 ? integer(substring('0246813579', head + 1, 1)) : head;
  return mapped + addPiva(substring(arg, 2), even === 0 ? 1 : 0);
}

/** Italian VAT number (Partita IVA) when prefixed IT: eleven digits with a valid check digit. */
export function partitaIvaIt(arg: string): boolean {
  const country = substring(arg, 1, 2);
  if (country !== 'IT' && country !== 'it') return true;
  const code = substring(arg, 3);
  const check = castableInteger(code) ? addPiva(code, 0) % 10 : 1;
  return [...code].length === 11 && check === 0;
}

const ABN_WEIGHTS = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19];

/** Australian Business Number: weighted sum (first digit minus one) divisible by 89. */
export function abn(val: string): boolean {
  let sum = 0;
  for (let i = 0; i < ABN_WEIGHTS.length; i++) {
    const cp = codepoints(substring(val, i + 1, 1))[0];
    if (cp === undefined) return false; // arithmetic on an empty sequence: the comparison is false
    sum += (cp - (i === 0 ? 49 : 48)) * ABN_WEIGHTS[i]!;
  }
  return sum % 89 === 0;
}

/** Swedish organisation number: Luhn check over the first nine digits against the tenth. */
export function swedishOrgNumber(number: string): boolean {
  if (!/^\p{Nd}+$/u.test(number)) return false;
  const main = substring(number, 1, 9);
  const n = [...main].length;
  let sum = 0;
  for (let pos = 1; pos <= n; pos++) {
    const d = digitValue(substring(main, n - pos + 1, 1));
    sum += pos % 2 === 1 ? ((d * 2) % 10) + Math.trunc((d * 2) / 10) : d;
  }
  if (Number.isNaN(sum)) throw new XPathError('cannot cast NaN to xs:integer');
  return (10 - (sum % 10)) % 10 === digitValue(substring(number, 10, 1));
}
