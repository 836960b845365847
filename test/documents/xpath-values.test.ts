// The XPath 2.0 value semantics the rules depend on, as the official validators (Saxon) apply them.
import { describe, expect, it } from 'vitest';
import {
  XPathError,
  castBoolean,
  castDecimal,
  dec,
  decimalsAfterPoint,
  ebvDecimal,
  eq,
  isXsDate,
  isXsTime,
  round,
  round2,
  slack,
  untypedToDouble,
  xNumber,
} from '../../src/documents/xpath-values.ts';

describe('XPath values', () => {
  it('xs:decimal casts plain decimals (whitespace collapsed) and refuses anything else', () => {
    expect(castDecimal(' 12.50 ').toFixed()).toBe('12.5');
    expect(castDecimal('+3').toFixed()).toBe('3');
    expect(castDecimal('.5').toFixed()).toBe('0.5');
    for (const bad of ['', '1,50', '1e3', 'abc', 'INF'])
      expect(() => castDecimal(bad), bad).toThrow(XPathError);
  });
  it('number() is NaN instead of an error, and accepts exponents', () => {
    expect(xNumber(undefined)).toBeNaN();
    expect(xNumber('abc')).toBeNaN();
    expect(xNumber('1e3')).toBe(1000);
    expect(xNumber('-INF')).toBe(-Infinity);
    expect(() => untypedToDouble('1,5')).toThrow(XPathError);
  });
  it('round() goes half-way towards positive infinity, round2 to cents', () => {
    expect(round(dec('2.5')).toFixed()).toBe('3');
    expect(round(dec('-2.5')).toFixed()).toBe('-2');
    expect(round(dec('-2.51')).toFixed()).toBe('-3');
    expect(round2(dec('1.005')).toFixed()).toBe('1.01');
    expect(round2(dec('-1.005')).toFixed()).toBe('-1');
  });
  it('comparisons with the empty sequence are false; the boolean value of 0 is false', () => {
    expect(eq(undefined, dec(0))).toBe(false);
    expect(ebvDecimal(dec(0))).toBe(false);
    expect(ebvDecimal(undefined)).toBe(false);
    expect(ebvDecimal(dec('0.01'))).toBe(true);
  });
  it('u:slack tolerates the given difference on both sides', () => {
    expect(slack(dec('10'), dec('10.02'), dec('0.02'))).toBe(true);
    expect(slack(dec('10'), dec('10.03'), dec('0.02'))).toBe(false);
  });
  it('decimals are counted after the first point, on the string as written', () => {
    expect(decimalsAfterPoint('10.123')).toBe(3);
    expect(decimalsAfterPoint('10.00 ')).toBe(3);
    expect(decimalsAfterPoint('10')).toBe(0);
  });
  it('dates and times must exist on the calendar', () => {
    expect(isXsDate('2024-02-29')).toBe(true);
    expect(isXsDate('2023-02-29')).toBe(false);
    expect(isXsDate('2024-01-05Z')).toBe(true);
    expect(isXsDate('2024-1-5')).toBe(false);
    expect(isXsTime('23:59:59')).toBe(true);
    expect(isXsTime('24:00:00')).toBe(true);
    expect(isXsTime('24:00:01')).toBe(false);
  });
  it('xs:boolean accepts true/false/1/0 only', () => {
    expect(castBoolean(' true')).toBe(true);
    expect(castBoolean('0')).toBe(false);
    expect(() => castBoolean('yes')).toThrow(XPathError);
  });
});
