import { describe, expect, it } from 'vitest';
import { domainError } from '../../test/support/order-builder.ts';
import { parsePrice, parseSchedule, parseTerms, samePrice } from './terms.ts';

describe('parsePrice', () => {
  it('defaults the base quantity to 1 and canonicalises', () => {
    expect(parsePrice({ amount: '12.50' }, 'price')).toEqual({ amount: '12.5', baseQuantity: '1' });
    expect(parsePrice({ amount: 0, baseQuantity: '100.0' }, 'price')).toEqual({
      amount: '0',
      baseQuantity: '100',
    });
  });

  it('refuses a negative amount and a zero base quantity, naming the sub-field', () => {
    expect(domainError(() => parsePrice({ amount: '-1' }, 'lines[0].price')).details.field).toBe(
      'lines[0].price.amount',
    );
    expect(domainError(() => parsePrice({ amount: '1', baseQuantity: '0' }, 'p')).details.field).toBe(
      'p.baseQuantity',
    );
  });
});

describe('samePrice compares per unit', () => {
  it('12.5 per 100 equals 0.125 per 1', () => {
    expect(samePrice({ amount: '12.5', baseQuantity: '100' }, { amount: '0.125', baseQuantity: '1' })).toBe(
      true,
    );
    expect(samePrice({ amount: '0.125', baseQuantity: '1' }, { amount: '12.5', baseQuantity: '100' })).toBe(
      true,
    );
  });

  it('is exact where division would round: 1 per 3 equals 2 per 6, but not 0.333333 per 1', () => {
    expect(samePrice({ amount: '1', baseQuantity: '3' }, { amount: '2', baseQuantity: '6' })).toBe(true);
    expect(samePrice({ amount: '1', baseQuantity: '3' }, { amount: '0.333333', baseQuantity: '1' })).toBe(
      false,
    );
  });

  it('detects a one-cent difference', () => {
    expect(samePrice({ amount: '12.5', baseQuantity: '100' }, { amount: '12.51', baseQuantity: '100' })).toBe(
      false,
    );
  });
});

describe('parseSchedule', () => {
  it('numbers delivery lines 1, 2, … when ids are absent or blank', () => {
    const s = parseSchedule(
      [
        { date: '2026-04-01', quantity: '10' },
        { id: '  ', date: '2026-04-08', quantity: 5 },
      ],
      'schedule',
    );
    expect(s).toEqual([
      { id: '1', date: '2026-04-01', quantity: '10' },
      { id: '2', date: '2026-04-08', quantity: '5' },
    ]);
  });

  it('refuses an empty schedule, duplicate ids, bad dates and non-positive quantities', () => {
    expect(domainError(() => parseSchedule([], 'lines[0].schedule')).details.field).toBe('lines[0].schedule');
    const dup = [
      { id: 'a', date: '2026-04-01', quantity: '1' },
      { id: 'a', date: '2026-04-02', quantity: '1' },
    ];
    expect(domainError(() => parseSchedule(dup, 's')).details.field).toBe('s[1].id');
    expect(domainError(() => parseSchedule([{ date: '2026-02-30', quantity: '1' }], 's')).details.field).toBe(
      's[0].date',
    );
    expect(domainError(() => parseSchedule([{ date: '2026-04-01', quantity: '0' }], 's')).details.field).toBe(
      's[0].quantity',
    );
  });

  it('an automatic id may clash with an explicit one', () => {
    const mixed = [
      { id: '2', date: '2026-04-01', quantity: '1' },
      { date: '2026-04-02', quantity: '1' },
    ];
    expect(domainError(() => parseSchedule(mixed, 's')).details.field).toBe('s[1].id');
  });
});

describe('parseTerms', () => {
  it('derives the quantity from the schedule', () => {
    const t = parseTerms(
      {
        price: { amount: '2' },
        schedule: [
          { date: '2026-04-01', quantity: '0.5' },
          { date: '2026-04-02', quantity: '0.25' },
        ],
      },
      'line',
    );
    expect(t.quantity).toBe('0.75');
  });

  it('accepts a quantity equal to the schedule sum written differently', () => {
    const t = parseTerms(
      { quantity: '10.00', price: { amount: '1' }, schedule: [{ date: '2026-04-01', quantity: '10' }] },
      'l',
    );
    expect(t.quantity).toBe('10');
  });

  it('refuses a quantity that differs from the schedule sum', () => {
    const e = domainError(() =>
      parseTerms(
        { quantity: '11', price: { amount: '1' }, schedule: [{ date: '2026-04-01', quantity: '10' }] },
        'lines[2]',
      ),
    );
    expect(e.details.field).toBe('lines[2].quantity');
    expect(e.message).toMatch(/differs from the sum/);
  });
});
