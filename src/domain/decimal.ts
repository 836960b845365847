// Exact decimals for money and quantities. Values travel as canonical strings ("12.5", "0.001")
// so that JSON, SQL NUMERIC and UBL all carry them without binary floating point.
import Big from 'big.js';
import { invalid } from './errors.ts';

export type Decimal = string;

const DECIMAL_RE = /^-?(0|[1-9]\d{0,17})(\.\d{1,6})?$/;

/** Parses a decimal string strictly (max 18 integer and 6 fraction digits); throws a field error. */
export function parseDecimal(value: unknown, field: string): Decimal {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string' || !DECIMAL_RE.test(text.trim())) {
    throw invalid(field, `${field} must be a decimal number such as "12.50" (got ${JSON.stringify(value)})`);
  }
  return plainCanonical(text.trim());
}

/**
 * canonical() of a string DECIMAL_RE accepts (no exponent, no leading zeros), without big.js: only
 * trailing zeros after the point, a bare point and a negative zero need to go.
 */
function plainCanonical(s: string): Decimal {
  let out = s;
  if (out.includes('.')) {
    let end = out.length;
    while (out.charCodeAt(end - 1) === 48) end--;
    if (out.charCodeAt(end - 1) === 46) end--;
    out = out.slice(0, end);
  }
  return out === '-0' ? '0' : out;
}

/** Parses a strictly positive decimal (quantities, prices' base quantities). */
export function parsePositive(value: unknown, field: string): Decimal {
  const d = parseDecimal(value, field);
  if (!gt(d, '0')) throw invalid(field, `${field} must be greater than zero (got ${d})`);
  return d;
}

/** Parses a decimal that may be zero but not negative (prices, reported quantities). */
export function parseNonNegative(value: unknown, field: string): Decimal {
  const d = parseDecimal(value, field);
  if (lt(d, '0')) throw invalid(field, `${field} must not be negative (got ${d})`);
  return d;
}

/** Canonical form: no trailing zeros, no exponent, "-0" becomes "0". */
export function canonical(value: string | Big): Decimal {
  const b = value instanceof Big ? value : new Big(value);
  const s = b.toFixed();
  return s === '-0' ? '0' : s;
}

export const add = (a: Decimal, b: Decimal): Decimal => canonical(new Big(a).plus(b));
export const sub = (a: Decimal, b: Decimal): Decimal => canonical(new Big(a).minus(b));
export const mul = (a: Decimal, b: Decimal): Decimal => canonical(new Big(a).times(b));
/** Division rounded half-up to `dp` places (money: 2). */
export const div = (a: Decimal, b: Decimal, dp = 6): Decimal =>
  canonical(new Big(a).div(b).round(dp, Big.roundHalfUp));
export const round = (a: Decimal, dp = 2): Decimal => canonical(new Big(a).round(dp, Big.roundHalfUp));
export const cmp = (a: Decimal, b: Decimal): number => new Big(a).cmp(b);
export const eq = (a: Decimal, b: Decimal): boolean => cmp(a, b) === 0;
export const gt = (a: Decimal, b: Decimal): boolean => cmp(a, b) > 0;
export const lt = (a: Decimal, b: Decimal): boolean => cmp(a, b) < 0;
export const sum = (values: Decimal[]): Decimal => values.reduce((acc, v) => add(acc, v), '0');
export const min = (a: Decimal, b: Decimal): Decimal => (lt(a, b) ? a : b);
export const max = (a: Decimal, b: Decimal): Decimal => (gt(a, b) ? a : b);
