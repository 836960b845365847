import { describe, expect, it } from 'vitest';
import { domainError } from '../../test/support/order-builder.ts';
import {
  add,
  canonical,
  cmp,
  div,
  eq,
  gt,
  lt,
  max,
  min,
  mul,
  parseDecimal,
  parseNonNegative,
  parsePositive,
  round,
  sub,
  sum,
} from './decimal.ts';

describe('decimal arithmetic is exact', () => {
  it('adds 0.1 and 0.2 to exactly 0.3 (where binary floating point does not)', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(add('0.1', '0.2')).toBe('0.3');
    expect(eq(add('0.1', '0.2'), '0.3')).toBe(true);
  });

  it('subtracts, multiplies and sums without drift', () => {
    expect(sub('1', '0.9')).toBe('0.1');
    expect(mul('0.1', '3')).toBe('0.3');
    expect(mul('12.5', '0.08')).toBe('1');
    expect(sum(Array.from({ length: 10 }, () => '0.1'))).toBe('1');
    expect(sum([])).toBe('0');
  });

  it('keeps large quantities exact beyond the float range of integers', () => {
    expect(add('999999999999999999', '1')).toBe('1000000000000000000');
    expect(add('9007199254740993', '0')).toBe('9007199254740993');
  });

  it('divides with half-up rounding to the requested places', () => {
    expect(div('1', '3')).toBe('0.333333');
    expect(div('2', '3')).toBe('0.666667');
    expect(div('10', '4', 2)).toBe('2.5');
    expect(div('0.125', '1', 2)).toBe('0.13');
    expect(div('-0.125', '1', 2)).toBe('-0.13');
  });

  it('rounds half up to cents by default', () => {
    expect(round('2.345')).toBe('2.35');
    expect(round('2.344')).toBe('2.34');
    expect(round('2.5', 0)).toBe('3');
    expect(round('1.10')).toBe('1.1');
  });

  it('compares numerically, not as text', () => {
    expect(cmp('10', '9')).toBe(1);
    expect(cmp('9', '10')).toBe(-1);
    expect(cmp('1.50', '1.5')).toBe(0);
    expect(gt('10', '9.999')).toBe(true);
    expect(lt('-1', '0')).toBe(true);
    expect(eq('0', '-0')).toBe(true);
    expect(min('10', '9')).toBe('9');
    expect(max('10', '9')).toBe('10');
  });
});

describe('canonical form', () => {
  it('strips trailing zeros and never uses an exponent', () => {
    expect(canonical('12.50')).toBe('12.5');
    expect(canonical('100.000')).toBe('100');
    expect(canonical('0.000001')).toBe('0.000001');
    expect(canonical('1e21')).toBe('1000000000000000000000');
    expect(canonical('0.0000001')).toBe('0.0000001');
  });

  it('turns negative zero into zero', () => {
    expect(canonical('-0')).toBe('0');
    expect(canonical('-0.00')).toBe('0');
    expect(sub('0.5', '0.5')).toBe('0');
  });

  it('parseDecimal returns the canonical string', () => {
    expect(parseDecimal('12.50', 'f')).toBe('12.5');
    expect(parseDecimal(' 7.000 ', 'f')).toBe('7');
    expect(parseDecimal('-0.0', 'f')).toBe('0');
    expect(parseDecimal('-3.25', 'f')).toBe('-3.25');
  });
});

describe('parseDecimal refuses what is not a plain decimal', () => {
  const refused: unknown[] = [
    '1e5',
    '1E5',
    '1e-7',
    '0x10',
    '+1',
    '.5',
    '5.',
    '01',
    '1,5',
    '1 000',
    '',
    ' ',
    'abc',
    'NaN',
    'Infinity',
    null,
    undefined,
    true,
    {},
    ['1'],
    Number.NaN,
    Number.POSITIVE_INFINITY,
    1e21, // String(1e21) is "1e+21"
    0.1 + 0.2, // 17 fraction digits
  ];
  it.each(refused.map((v) => [JSON.stringify(v) ?? String(v), v]))('refuses %s', (_label, value) => {
    const e = domainError(() => parseDecimal(value, 'lines[0].quantity'));
    expect(e.code).toBe('validation_failed');
    expect(e.details.field).toBe('lines[0].quantity');
    expect(e.message).toContain('lines[0].quantity');
  });

  it('accepts at most 6 fraction digits', () => {
    expect(parseDecimal('0.123456', 'f')).toBe('0.123456');
    expect(domainError(() => parseDecimal('0.1234567', 'f')).details.field).toBe('f');
  });

  it('accepts at most 18 integer digits', () => {
    expect(parseDecimal('999999999999999999', 'f')).toBe('999999999999999999');
    expect(domainError(() => parseDecimal('1000000000000000000', 'f')).code).toBe('validation_failed');
  });

  it('accepts finite JavaScript numbers whose text form is a plain decimal', () => {
    expect(parseDecimal(12.5, 'f')).toBe('12.5');
    expect(parseDecimal(100000, 'f')).toBe('100000');
    expect(parseDecimal(-0, 'f')).toBe('0');
    expect(parseDecimal(0.1, 'f')).toBe('0.1');
  });
});

describe('sign rules', () => {
  it('parsePositive refuses zero and negatives with the field name', () => {
    expect(parsePositive('0.001', 'q')).toBe('0.001');
    for (const v of ['0', '0.000', '-1', '-0.5']) {
      const e = domainError(() => parsePositive(v, 'lines[3].quantity'));
      expect(e.code).toBe('validation_failed');
      expect(e.details.field).toBe('lines[3].quantity');
      expect(e.message).toMatch(/greater than zero/);
    }
  });

  it('parseNonNegative allows zero but refuses negatives', () => {
    expect(parseNonNegative('0', 'p')).toBe('0');
    expect(parseNonNegative('-0', 'p')).toBe('0');
    expect(parseNonNegative('3.10', 'p')).toBe('3.1');
    const e = domainError(() => parseNonNegative('-0.01', 'price.amount'));
    expect(e.details.field).toBe('price.amount');
    expect(e.message).toMatch(/must not be negative/);
  });

  it('the sign checks still refuse malformed input with a format error', () => {
    expect(domainError(() => parsePositive('1e5', 'q')).message).toMatch(/decimal number/);
    expect(domainError(() => parseNonNegative('abc', 'q')).message).toMatch(/decimal number/);
  });
});
