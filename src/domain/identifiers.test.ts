import { describe, expect, it } from 'vitest';
import { domainError } from '../../test/support/order-builder.ts';
import { formatIdentifier, gtinProblem, hasValidGs1CheckDigit, parseIdentifier } from './identifiers.ts';

/**
 * Independent GS1 check digit, written the way the GS1 General Specifications describe it: number
 * the positions from the right starting with the check digit at position 1; positions 2, 4, 6, …
 * weigh 3, positions 3, 5, 7, … weigh 1; the check digit tops the sum up to a multiple of ten.
 */
function gs1CheckDigit(body: string): number {
  const digits = [...body].reverse().map(Number);
  const total = digits.reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (total % 10)) % 10;
}

describe('GS1 check digit', () => {
  it('agrees with hand-computed GLNs', () => {
    // 8 7 1 2 3 4 5 6 7 8 9 0 → 8·1+7·3+1·1+2·3+3·1+4·3+5·1+6·3+7·1+8·3+9·1+0·3 = 114 → check 6
    expect(gs1CheckDigit('871234567890')).toBe(6);
    expect(hasValidGs1CheckDigit('8712345678906')).toBe(true);
    // Well-known EAN-13 examples with a check digit 7 and 1.
    expect(hasValidGs1CheckDigit('5901234123457')).toBe(true);
    expect(hasValidGs1CheckDigit('4006381333931')).toBe(true);
  });

  it('refuses every other check digit', () => {
    for (let d = 0; d <= 9; d++) {
      expect(hasValidGs1CheckDigit(`871234567890${d}`)).toBe(d === 6);
    }
  });

  it('matches the independent algorithm for many bodies of every GS1 length (8–18 digits)', () => {
    let seed = 12345;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 10;
    for (let length = 8; length <= 18; length++) {
      for (let n = 0; n < 50; n++) {
        const body = Array.from({ length: length - 1 }, rnd).join('');
        const check = gs1CheckDigit(body);
        expect(hasValidGs1CheckDigit(body + check)).toBe(true);
        expect(hasValidGs1CheckDigit(body + ((check + 1) % 10))).toBe(false);
      }
    }
  });

  it('refuses non-digits and lengths outside 8–18', () => {
    expect(hasValidGs1CheckDigit('1234565')).toBe(false); // 7 digits, would be valid by the sum
    expect(gs1CheckDigit('123456')).toBe(5);
    expect(hasValidGs1CheckDigit('87123456789a6')).toBe(false);
    expect(hasValidGs1CheckDigit('')).toBe(false);
    const nineteen = '123456789012345678';
    expect(hasValidGs1CheckDigit(nineteen + gs1CheckDigit(nineteen))).toBe(false);
  });
});

describe('parseIdentifier', () => {
  it('parses a GLN (0088) with a correct check digit', () => {
    expect(parseIdentifier('0088:8712345678906')).toEqual({ scheme: '0088', value: '8712345678906' });
    expect(parseIdentifier(' 0088 : 5901234123457 ')).toEqual({ scheme: '0088', value: '5901234123457' });
  });

  it('refuses a GLN with a wrong check digit or length', () => {
    const wrong = domainError(() => parseIdentifier('0088:8712345678905', 'buyer.identifier'));
    expect(wrong.code).toBe('validation_failed');
    expect(wrong.details.field).toBe('buyer.identifier');
    expect(wrong.message).toMatch(/wrong check digit/);
    // A valid 14-digit GTIN is still not a 13-digit GLN.
    const body = '1234567890123';
    expect(domainError(() => parseIdentifier(`0088:${body}${gs1CheckDigit(body)}`)).message).toMatch(
      /exactly 13 digits/,
    );
    expect(domainError(() => parseIdentifier('0088:871234567890')).message).toMatch(/exactly 13 digits/);
  });

  it('parses a KvK number (0106) of exactly 8 digits', () => {
    expect(parseIdentifier('0106:12345678')).toEqual({ scheme: '0106', value: '12345678' });
    for (const v of ['1234567', '123456789', '1234567a', '']) {
      const e = domainError(() => parseIdentifier(`0106:${v}`, 'seller'));
      expect(e.details.field).toBe('seller');
      expect(e.message).toMatch(/exactly 8 digits/);
    }
  });

  it('parses a Dutch VAT number (9944, an EAS code) in the NL123456789B01 form', () => {
    expect(parseIdentifier('9944:NL123456789B01')).toEqual({ scheme: '9944', value: 'NL123456789B01' });
    for (const v of [
      'NL12345678B01',
      'NL123456789B1',
      'BE123456789B01',
      'NL123456789C01',
      'nl123456789b01',
    ]) {
      expect(domainError(() => parseIdentifier(`9944:${v}`)).message).toMatch(/NL123456789B01/);
    }
  });

  it('accepts other listed schemes with any value of 1–100 characters without spaces', () => {
    expect(parseIdentifier('0190:00000001234567890000')).toEqual({
      scheme: '0190',
      value: '00000001234567890000',
    });
    expect(parseIdentifier(`0208:${'x'.repeat(100)}`).value).toHaveLength(100);
    expect(domainError(() => parseIdentifier(`0208:${'x'.repeat(101)}`)).message).toMatch(/1–100 characters/);
    expect(domainError(() => parseIdentifier('0208:a b')).message).toMatch(/without spaces/);
    expect(domainError(() => parseIdentifier('0208:')).message).toMatch(/1–100 characters/);
  });

  it('refuses an unknown scheme, naming it', () => {
    for (const s of ['9999', '1234', 'NL', '']) {
      const e = domainError(() => parseIdentifier(`${s}:12345678`, 'party'));
      expect(e.code).toBe('validation_failed');
      expect(e.details.field).toBe('party');
      expect(e.message).toContain(`unknown identifier scheme ${JSON.stringify(s)}`);
    }
  });

  it('refuses text without a colon and non-strings', () => {
    for (const v of ['8712345678906', '0088-8712345678906', '', 42, null, undefined]) {
      const e = domainError(() => parseIdentifier(v));
      expect(e.details.field).toBe('identifier');
      expect(e.message).toMatch(/scheme:value/);
    }
  });

  it('formats back to scheme:value', () => {
    const id = parseIdentifier('0106:12345678');
    expect(formatIdentifier(id)).toBe('0106:12345678');
    expect(parseIdentifier(formatIdentifier(id))).toEqual(id);
  });
});

describe('gtinProblem', () => {
  it('accepts GTIN-8, -12, -13 and -14 with a right check digit', () => {
    for (const body of ['1234567', '12345678901', '871234567890', '0871234567890']) {
      expect(gtinProblem(body + gs1CheckDigit(body))).toBeNull();
    }
  });
  it('names a wrong check digit and a wrong length', () => {
    expect(gtinProblem('7560000012345')).toBe('GTIN 7560000012345 has a wrong check digit');
    expect(gtinProblem('057098987656543')).toBe('GTIN 057098987656543 must have 8, 12, 13 or 14 digits');
    expect(gtinProblem('1234565')).toMatch(/8, 12, 13 or 14 digits/);
    expect(gtinProblem('12345a78')).toMatch(/8, 12, 13 or 14 digits/);
  });
});
