// Party identifiers per ISO 6523, written `scheme:value`, e.g. `0088:8712345678906` (GLN),
// `0106:12345678` (KvK), `9944:NL123456789B01` (Dutch VAT). Schemes come from the ICD list and the
// Peppol EAS list (9944 is an EAS code, not an ICD).
import { EAS_CODES } from './generated/eas-codes.ts';
import { ICD_CODES } from './generated/icd-codes.ts';
import { invalid } from './errors.ts';

export interface PartyIdentifier {
  scheme: string;
  value: string;
}

/** True when the GS1 mod-10 check digit of a GLN/GTIN is right. */
export function hasValidGs1CheckDigit(digits: string): boolean {
  if (!/^\d{8,18}$/.test(digits)) return false;
  let total = 0;
  const body = digits.slice(0, -1);
  for (let i = 0; i < body.length; i++) {
    // Weights 3,1,3,1… from the right of the body.
    const weight = (body.length - i) % 2 === 1 ? 3 : 1;
    total += Number(body[i]) * weight;
  }
  return (10 - (total % 10)) % 10 === Number(digits.at(-1));
}

/** What is wrong with a GTIN (ICD 0160): 8, 12, 13 or 14 digits with a GS1 check digit; null when right. */
export function gtinProblem(value: string): string | null {
  if (!/^(\d{8}|\d{12,14})$/.test(value)) return `GTIN ${value} must have 8, 12, 13 or 14 digits`;
  return hasValidGs1CheckDigit(value) ? null : `GTIN ${value} has a wrong check digit`;
}

/** Scheme-specific checks; returns a message when the value is wrong. */
function checkValue(scheme: string, value: string): string | null {
  switch (scheme) {
    case '0088':
      if (!/^\d{13}$/.test(value)) return 'a GLN (0088) has exactly 13 digits';
      if (!hasValidGs1CheckDigit(value)) return `GLN ${value} has a wrong check digit`;
      return null;
    case '0106':
      return /^\d{8}$/.test(value) ? null : 'a KvK number (0106) has exactly 8 digits';
    case '9944':
      return /^NL\d{9}B\d{2}$/.test(value) ? null : 'a Dutch VAT number (9944) looks like NL123456789B01';
    default:
      return value.length > 0 && value.length <= 100 && !/\s/.test(value)
        ? null
        : 'the identifier value must be 1–100 characters without spaces';
  }
}

/** Parses and validates `scheme:value`; throws a field error that says what is wrong. */
export function parseIdentifier(text: unknown, field = 'identifier'): PartyIdentifier {
  if (typeof text !== 'string' || !text.includes(':')) {
    throw invalid(
      field,
      `${field} must be written scheme:value, e.g. 0088:8712345678906 (got ${JSON.stringify(text)})`,
    );
  }
  const at = text.indexOf(':');
  const scheme = text.slice(0, at).trim();
  const value = text.slice(at + 1).trim();
  if (!ICD_CODES.has(scheme) && !EAS_CODES.has(scheme)) {
    throw invalid(
      field,
      `${field}: unknown identifier scheme ${JSON.stringify(scheme)} (not in the ISO 6523 ICD or Peppol EAS list)`,
    );
  }
  const problem = checkValue(scheme, value);
  if (problem) throw invalid(field, `${field}: ${problem}`);
  return { scheme, value };
}

/** `scheme:value` form of an identifier. */
export const formatIdentifier = (id: PartyIdentifier): string => `${id.scheme}:${id.value}`;
