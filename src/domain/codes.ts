// Code list checks used by the order model. The lists themselves are generated from the official
// Peppol code lists (see scripts/gen-codelists.ts).
import { CURRENCY_CODES } from './generated/currency-codes.ts';
import { UNIT_CODES } from './generated/unit-codes.ts';
import { invalid } from './errors.ts';

/** Validates an ISO 4217 currency code. */
export function parseCurrency(value: unknown, field = 'currency'): string {
  if (typeof value !== 'string' || !CURRENCY_CODES.has(value)) {
    throw invalid(
      field,
      `${field} must be an ISO 4217 currency code such as EUR (got ${JSON.stringify(value)})`,
    );
  }
  return value;
}

/** Validates a UN/ECE Recommendation 20 (or 21) unit code, e.g. C62 (piece), KGM, MTR. */
export function parseUnitCode(value: unknown, field = 'unitCode'): string {
  if (typeof value !== 'string' || !UNIT_CODES.has(value)) {
    throw invalid(
      field,
      `${field} must be a UN/ECE Rec 20 unit code such as C62, KGM or MTR (got ${JSON.stringify(value)})`,
    );
  }
  return value;
}

/** Human name of a unit code, e.g. KGM → kilogram. */
export const unitName = (code: string): string => UNIT_CODES.get(code) ?? code;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Validates a calendar date YYYY-MM-DD, refusing impossible dates such as 2026-02-30. */
export function parseDate(value: unknown, field: string): string {
  const m = typeof value === 'string' ? DATE_RE.exec(value) : null;
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const dt = new Date(Date.UTC(y, mo - 1, d));
    if (
      dt.getUTCFullYear() === y &&
      dt.getUTCMonth() === mo - 1 &&
      dt.getUTCDate() === d &&
      y >= 1900 &&
      y <= 2200
    ) {
      return value as string;
    }
  }
  throw invalid(
    field,
    `${field} must be a real calendar date written YYYY-MM-DD (got ${JSON.stringify(value)})`,
  );
}
