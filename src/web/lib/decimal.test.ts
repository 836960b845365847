import { describe, expect, it } from 'vitest';
import { add, cmp, decimalForInput, gt0, max0, parseDecimalInput, sub, sum } from './decimal.ts';

describe('decimal arithmetic on API strings', () => {
  it('adds, subtracts and compares exactly', () => {
    expect(add('0.1', '0.2')).toBe('0.3');
    expect(sub('1200', '1199.995')).toBe('0.005');
    expect(sum(['4', '2', '0.5'])).toBe('6.5');
    expect(cmp('10', '9.99')).toBe(1);
    expect(cmp('-1', '0')).toBe(-1);
  });

  it('tells positive quantities apart cheaply', () => {
    expect(['1', '0.001', '12.5', '100'].map(gt0)).toEqual([true, true, true, true]);
    expect(['0', '0.000', '-0', '-3'].map(gt0)).toEqual([false, false, false, false]);
    expect(max0('-2')).toBe('0');
    expect(max0('2.5')).toBe('2.5');
  });
});

describe('reading numbers as people type them', () => {
  it.each([
    ['12,50', 'nl', '12.5'],
    ['12.50', 'nl', '12.5'],
    ['1.200', 'nl', '1200'],
    ['1.234,56', 'nl', '1234.56'],
    ['€ 1.840,00', 'nl', '1840'],
    ['12.50', 'en', '12.5'],
    ['1,200', 'en', '1200'],
    ['1,234.56', 'en', '1234.56'],
    ['12,5', 'en', '12.5'],
    ['0', 'nl', '0'],
    ['  7 ', 'en', '7'],
  ] as const)('%s in %s is %s', (input, language, expected) => {
    expect(parseDecimalInput(input, language)).toBe(expected);
  });

  it.each(['', 'abc', '1,2,3', '12..5', '1.2.3,4,5', '12a'])('refuses %j', (input) => {
    expect(parseDecimalInput(input, 'nl')).toBeNull();
  });

  it('shows decimals with the local separator', () => {
    expect(decimalForInput('12.5', 'nl')).toBe('12,5');
    expect(decimalForInput('12.5', 'en')).toBe('12.5');
  });
});
