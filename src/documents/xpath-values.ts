// The value semantics of XPath 2.0 as the official Peppol validators (compiled Schematron, run by
// Saxon) apply them. Schakel's rules reproduce those validators' verdicts exactly, and the verdicts
// hinge on details: number('') is NaN (so "number(x) >= 0" fails for a missing x), xs:decimal('abc')
// is an error, round() goes half-way towards positive infinity, a comparison with an empty sequence
// is false, and text is compared untrimmed unless normalize-space() is applied. Decimal arithmetic is
// exact, with 20 digits after the point for division, as in Saxon-JS.
import Big from 'big.js';
import { normalizeSpace, stringValue, type XmlElement } from './xml-tree.ts';

/** Exact decimals with Saxon-JS's division precision (20 places, half-up). */
const Dec = Big();
Dec.DP = 20;
Dec.RM = 1;
/** An exact decimal (xs:decimal). */
export type Decimal = Big;

/** A dynamic error of the official validator (e.g. casting 'abc' to a number): it stops validating. */
export class XPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XPathError';
  }
}

const DECIMAL_LEXICAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const DOUBLE_LEXICAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** xs:decimal('…') on a string: whitespace is collapsed first; anything else than a plain decimal is an error. */
export function castDecimal(value: string): Decimal {
  const s = normalizeSpace(value);
  if (!DECIMAL_LEXICAL.test(s)) throw new XPathError(`cannot cast ${JSON.stringify(value)} to xs:decimal`);
  return new Dec(s.startsWith('+') ? s.slice(1) : s);
}

/** True when `value` is castable as xs:decimal. */
export const isDecimal = (value: string): boolean => DECIMAL_LEXICAL.test(normalizeSpace(value));

/** The xs:double a string casts to, or undefined when it is not castable. */
function parseDouble(value: string): number | undefined {
  const s = normalizeSpace(value);
  if (s === 'INF' || s === '+INF') return Infinity;
  if (s === '-INF') return -Infinity;
  if (s === 'NaN') return NaN;
  return DOUBLE_LEXICAL.test(s) ? Number(s) : undefined;
}

/** XPath number() of a string: NaN when it is not a number (never an error). */
export const xNumber = (value: string | undefined): number =>
  value === undefined ? NaN : (parseDouble(value) ?? NaN);

/** XPath number() of the (zero or one) elements selected by a path: more than one is an error. */
export function numberOf(els: XmlElement[]): number {
  if (els.length > 1) throw new XPathError('number() of more than one element');
  return els[0] ? xNumber(stringValue(els[0])) : NaN;
}

/** An untyped value compared with a number (e.g. "cbc:Percent > 0"): cast to xs:double or fail. */
export function untypedToDouble(value: string): number {
  const d = parseDouble(value);
  if (d === undefined) throw new XPathError(`cannot cast ${JSON.stringify(value)} to xs:double`);
  return d;
}

/** xs:decimal(path) where the path selects zero or one elements: undefined for none (the empty sequence). */
export function decimalOf(els: XmlElement[]): Decimal | undefined {
  if (els.length > 1) throw new XPathError('xs:decimal() of more than one element');
  return els[0] ? castDecimal(stringValue(els[0])) : undefined;
}

/** A decimal literal. */
export const dec = (value: string | number): Decimal => new Dec(value);

/** sum() of decimals (0 for none). */
export const sum = (values: Decimal[]): Decimal => values.reduce((a, b) => a.plus(b), new Dec(0));

/** XPath round(): to the nearest integer, halves towards positive infinity (round(-2.5) = -2). */
export function round(value: Decimal): Decimal {
  const shifted = value.plus(0.5);
  const truncated = shifted.round(0, Big.roundDown);
  return shifted.lt(0) && !truncated.eq(shifted) ? truncated.minus(1) : truncated;
}

/** round(x * 10 * 10) div 100: the validators' way of rounding to two decimals. */
export const round2 = (value: Decimal): Decimal => round(value.times(100)).div(100);

/** Effective boolean value of an optional decimal: false for the empty sequence and for zero. */
export const ebvDecimal = (value: Decimal | undefined): boolean => value !== undefined && !value.eq(0);

/** "a = b" between optional decimals: false when either side is the empty sequence. */
export const eq = (a: Decimal | undefined, b: Decimal | undefined): boolean =>
  a !== undefined && b !== undefined && a.eq(b);

/** "a >= b" between optional decimals: false when either side is the empty sequence. */
export const gte = (a: Decimal | undefined, b: Decimal | undefined): boolean =>
  a !== undefined && b !== undefined && a.gte(b);

/** u:slack(exp, val, slack): |exp - val| within slack, as the Peppol Schematron function does. */
export const slack = (expected: Decimal, value: Decimal, tolerance: Decimal): boolean =>
  expected.plus(tolerance).gte(value) && expected.minus(tolerance).lte(value);

/** string-length(substring-after(s, '.')): the number of characters after the first point. */
export function decimalsAfterPoint(s: string): number {
  const i = s.indexOf('.');
  return i < 0 ? 0 : [...s.slice(i + 1)].length;
}

const DATE_LEXICAL = /^(-?\d{4,})-(\d{2})-(\d{2})(Z|[+-]\d{2}:\d{2})?$/;

/** "castable as xs:date": a real calendar date, optionally with a time zone (whitespace collapsed first). */
export function isXsDate(value: string): boolean {
  const m = DATE_LEXICAL.exec(normalizeSpace(value));
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || y === 0) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
  if (d > days) return false;
  const tz = m[4];
  if (tz && tz !== 'Z') {
    const [hh, mm] = [Number(tz.slice(1, 3)), Number(tz.slice(4, 6))];
    if (mm > 59 || hh * 60 + mm > 14 * 60) return false;
  }
  return true;
}

const TIME_LEXICAL = /^(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/** "castable as xs:time". */
export function isXsTime(value: string): boolean {
  const m = TIME_LEXICAL.exec(normalizeSpace(value));
  if (!m) return false;
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (h === 24) return mi === 0 && s === 0 && !/[1-9]/.test(m[4] ?? '');
  return h < 24 && mi < 60 && s < 60;
}

/** xs:boolean('…'): true/1 or false/0 (whitespace collapsed); anything else is an error. */
export function castBoolean(value: string): boolean {
  const s = normalizeSpace(value);
  if (s === 'true' || s === '1') return true;
  if (s === 'false' || s === '0') return false;
  throw new XPathError(`cannot cast ${JSON.stringify(value)} to xs:boolean`);
}

/** xs:date('…') as a comparable "YYYY-MM-DD" string (time zones ignored); an error when not a date. */
export function castDate(value: string): string {
  if (!isXsDate(value)) throw new XPathError(`cannot cast ${JSON.stringify(value)} to xs:date`);
  return normalizeSpace(value).slice(0, 10);
}
