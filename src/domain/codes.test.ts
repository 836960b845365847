import { describe, expect, it } from 'vitest';
import { domainError } from '../../test/support/order-builder.ts';
import { parseCurrency, parseDate, parseUnitCode, unitName } from './codes.ts';

describe('parseUnitCode', () => {
  it('accepts UN/ECE Rec 20 codes', () => {
    for (const code of ['C62', 'KGM', 'MTR', 'H87']) expect(parseUnitCode(code)).toBe(code);
  });

  it('accepts Rec 21 packaging codes too, e.g. XYZ', () => {
    // XYZ is not made up: Rec 21 lists it as a composite packaging, and the Peppol list includes Rec 21.
    expect(parseUnitCode('XYZ')).toBe('XYZ');
  });

  it('refuses unknown, lower-case and non-string codes with the field name', () => {
    for (const code of ['QQQ', 'ABC', 'PCE', 'c62', 'kgm', ' C62', '', null, 62]) {
      const e = domainError(() => parseUnitCode(code, 'lines[1].unitCode'));
      expect(e.code).toBe('validation_failed');
      expect(e.details.field).toBe('lines[1].unitCode');
    }
    expect(domainError(() => parseUnitCode('QQQ')).details.field).toBe('unitCode');
  });

  it('names units, falling back to the code', () => {
    expect(unitName('KGM')).toBe('kilogram');
    expect(unitName('MTR')).toBe('metre');
    expect(unitName('QQQ')).toBe('QQQ');
  });
});

describe('parseCurrency', () => {
  it('accepts ISO 4217 codes', () => {
    for (const c of ['EUR', 'USD', 'GBP']) expect(parseCurrency(c)).toBe(c);
  });

  it('refuses unknown, withdrawn and lower-case codes', () => {
    for (const c of ['ABC', 'NLG', 'eur', 'EURO', '', undefined]) {
      const e = domainError(() => parseCurrency(c));
      expect(e.code).toBe('validation_failed');
      expect(e.details.field).toBe('currency');
    }
    expect(domainError(() => parseCurrency('ABC', 'invoice.currency')).details.field).toBe(
      'invoice.currency',
    );
  });
});

describe('parseDate', () => {
  it('accepts real calendar dates, including leap days', () => {
    for (const d of ['2026-01-01', '2026-12-31', '2028-02-29', '2000-02-29', '1900-01-01', '2200-12-31']) {
      expect(parseDate(d, 'date')).toBe(d);
    }
  });

  it.each([
    '2026-02-30',
    '2026-02-29', // 2026 is no leap year
    '1900-02-29', // century rule
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-01-00',
    '2026-1-5',
    '26-01-05',
    '2026/01/05',
    '2026-01-05T00:00:00Z',
    '1899-12-31',
    '2201-01-01',
    '',
  ])('refuses %s', (value) => {
    const e = domainError(() => parseDate(value, 'lines[0].schedule[0].date'));
    expect(e.code).toBe('validation_failed');
    expect(e.details.field).toBe('lines[0].schedule[0].date');
    expect(e.message).toContain(JSON.stringify(value));
  });

  it('refuses non-strings', () => {
    expect(domainError(() => parseDate(20260105, 'd')).details.field).toBe('d');
    expect(domainError(() => parseDate(new Date('2026-01-05'), 'd')).details.field).toBe('d');
  });
});
