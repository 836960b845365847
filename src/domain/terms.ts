// Validation of requested/proposed terms: quantity, price and delivery schedule.
import { parseDate } from './codes.ts';
import { eq, mul, parseNonNegative, parsePositive, sum } from './decimal.ts';
import { invalid } from './errors.ts';
import type { Price, ScheduleLine, Terms } from './order-types.ts';

export interface PriceInput {
  amount: string | number;
  baseQuantity?: string | number | undefined;
}

export interface ScheduleInput {
  id?: string | undefined;
  /** Null or absent only where the buyer may leave the date open (see parseSchedule). */
  date?: string | null | undefined;
  quantity: string | number;
}

export interface TermsInput {
  quantity?: string | number | undefined;
  price: PriceInput;
  schedule: ScheduleInput[];
}

/** Validates a unit price; the base quantity defaults to 1. */
export function parsePrice(input: PriceInput, field: string): Price {
  return {
    amount: parseNonNegative(input.amount, `${field}.amount`),
    baseQuantity:
      input.baseQuantity === undefined ? '1' : parsePositive(input.baseQuantity, `${field}.baseQuantity`),
  };
}

/** True when some delivery line has no date (a request without a requested delivery date). */
export const hasUndatedLines = (terms: Terms): boolean => terms.schedule.some((s) => s.date === null);

/**
 * Validates a delivery schedule: real dates, positive quantities, unique ids (numbered 1, 2, … when
 * absent). `undated`: a delivery line may go without a date (only what a buyer requests).
 */
export function parseSchedule(input: ScheduleInput[], field: string, undated = false): ScheduleLine[] {
  if (!Array.isArray(input) || input.length === 0)
    throw invalid(field, `${field} needs at least one delivery line`);
  const seen = new Set<string>();
  return input.map((s, i) => {
    const id = s.id?.trim() || String(i + 1);
    if (seen.has(id)) throw invalid(`${field}[${i}].id`, `delivery line id ${id} is used twice`);
    seen.add(id);
    return {
      id,
      date:
        undated && (s.date === null || s.date === undefined || s.date === '')
          ? null
          : parseDate(s.date, `${field}[${i}].date`),
      quantity: parsePositive(s.quantity, `${field}[${i}].quantity`),
    };
  });
}

/** Validates terms; the quantity, when given, must equal the sum of the schedule. `undated` as in parseSchedule. */
export function parseTerms(input: TermsInput, field: string, undated = false): Terms {
  const schedule = parseSchedule(input.schedule, `${field}.schedule`, undated);
  const total = sum(schedule.map((s) => s.quantity));
  if (input.quantity !== undefined) {
    const q = parsePositive(input.quantity, `${field}.quantity`);
    if (!eq(q, total)) {
      throw invalid(
        `${field}.quantity`,
        `${field}.quantity ${q} differs from the sum of the delivery lines (${total})`,
      );
    }
  }
  return { quantity: total, price: parsePrice(input.price, `${field}.price`), schedule };
}

/** True when two prices are equal per unit: 12.5 per 100 equals 0.125 per 1 (compared exactly, no division). */
export const samePrice = (a: Price, b: Price): boolean =>
  eq(mul(a.amount, b.baseQuantity), mul(b.amount, a.baseQuantity));
