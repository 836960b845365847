// Check digits and formats of party identifiers, ported from the Peppol Schematron functions.
import { describe, expect, it } from 'vitest';
import {
  abn,
  codiceFiscale,
  codiceIpa,
  gln,
  mod11,
  mod97be,
  partitaIvaIt,
  swedishOrgNumber,
} from '../../src/documents/identifier-checks.ts';

describe('identifier checks', () => {
  it('GLN (GS1 check digit)', () => {
    expect(gln('8719401000015')).toBe(true);
    expect(gln('8719401000016')).toBe(false);
    expect(gln('7300010000001')).toBe(true);
    expect(gln('')).toBe(false);
  });
  it('Norwegian organisation number (modulus 11)', () => {
    expect(mod11('987654325')).toBe(true);
    expect(mod11('987654321')).toBe(false);
  });
  it('Belgian enterprise number (modulus 97)', () => {
    expect(mod97be('0123456749')).toBe(true);
    expect(mod97be('0123456789')).toBe(false);
  });
  it('Australian Business Number', () => {
    expect(abn('51824753556')).toBe(true);
    expect(abn('51824753557')).toBe(false);
  });
  it('Swedish organisation number (Luhn)', () => {
    expect(swedishOrgNumber('5560360793')).toBe(true);
    expect(swedishOrgNumber('5560360794')).toBe(false);
    expect(swedishOrgNumber('55603607X3')).toBe(false);
  });
  it('Italian codes: IPA, fiscal code, VAT number', () => {
    expect(codiceIpa('ABC123')).toBe(true);
    expect(codiceIpa('ABC12')).toBe(false);
    expect(codiceFiscale('RSSMRA85T10A562S')).toBe(true);
    expect(codiceFiscale('12345678901')).toBe(true);
    expect(codiceFiscale('RSSMRA85T10A56')).toBe(false);
    expect(partitaIvaIt('IT01234567897')).toBe(true);
    expect(partitaIvaIt('IT01234567891')).toBe(false);
    expect(partitaIvaIt('NL123456789B01')).toBe(true); // only Italian numbers are checked
  });
});
