// Dates, numbers and money in the current language. API dates are calendar dates (YYYY-MM-DD) or UTC
// timestamps; calendar dates are shown as they are, never shifted by a time zone.
import i18next from 'i18next';
import { locale } from '../i18n/i18n.ts';
import { hasText, remember, text } from './texts.ts';
import type { Price } from '../http/types.ts';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

// Creating an Intl formatter is costly (an order of 200 lines formats thousands of values): keep one per
// kind and locale.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(
  kind: string,
  make: (locale: string) => F,
): F {
  const key = `${kind}|${locale()}`;
  let f = formatters.get(key) as F | undefined;
  if (!f) {
    f = make(locale());
    formatters.set(key, f);
  }
  return f;
}

const DAY = { day: 'numeric', month: 'short', year: 'numeric' } as const;

function dateOf(value: string): Date {
  return DATE_ONLY.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
}

/** 12 mrt 2026 / 12 Mar 2026. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  return remember(`date|${value}`, () => {
    const f = DATE_ONLY.test(value)
      ? cached('date-utc', (l) => new Intl.DateTimeFormat(l, { ...DAY, timeZone: 'UTC' }))
      : cached('date', (l) => new Intl.DateTimeFormat(l, DAY));
    return f.format(dateOf(value));
  });
}

/** 12 mrt 2026 14:05 in the user's time zone. */
export function formatDateTime(value: string): string {
  return cached(
    'date-time',
    (l) => new Intl.DateTimeFormat(l, { ...DAY, hour: '2-digit', minute: '2-digit' }),
  ).format(new Date(value));
}

/** 12 mrt 2026 14:05:07: when seconds matter (delivery attempts a few seconds apart). */
export function formatDateTimeSeconds(value: string): string {
  return cached(
    'date-time-seconds',
    (l) => new Intl.DateTimeFormat(l, { ...DAY, hour: '2-digit', minute: '2-digit', second: '2-digit' }),
  ).format(new Date(value));
}

/** A decimal string for reading: 1.200 / 1,200; up to six decimals. */
export function formatNumber(value: string | number): string {
  return remember(`number|${value}`, () =>
    cached('number', (l) => new Intl.NumberFormat(l, { maximumFractionDigits: 6 })).format(Number(value)),
  );
}

/** € 1.840,00 — at least two decimals, up to four for unit prices. */
export function formatMoney(amount: string | number, currency: string): string {
  try {
    return cached(
      `money-${currency}`,
      (l) =>
        new Intl.NumberFormat(l, {
          style: 'currency',
          currency,
          minimumFractionDigits: 2,
          maximumFractionDigits: 4,
        }),
    ).format(Number(amount));
  } catch {
    return `${currency} ${formatNumber(amount)}`;
  }
}

/** A unit code as people say it: C62 → st / pcs, KGM → kg; an unknown code as itself. */
export function unitLabel(code: string): string {
  return hasText(`units.${code}`) ? text(`units.${code}` as 'units.C62') : code;
}

/** What a price is per: "stuk" / "piece" for one unit, "100 kg" for a base quantity. */
export function perUnit(baseQuantity: string, unitCode: string): string {
  if (Number(baseQuantity) !== 1) return `${formatNumber(baseQuantity)} ${unitLabel(unitCode)}`;
  return hasText(`unitsPer.${unitCode}`)
    ? text(`unitsPer.${unitCode}` as 'unitsPer.C62')
    : unitLabel(unitCode);
}

/** € 128,50 per 100 kg, or € 1.840,00 per stuk. */
export function formatPrice(price: Price, currency: string, unitCode: string): string {
  return remember(`price|${price.amount}|${price.baseQuantity}|${currency}|${unitCode}`, () =>
    i18next.t('common.pricePer', {
      price: formatMoney(price.amount, currency),
      per: perUnit(price.baseQuantity, unitCode),
    }),
  );
}

/** 4 st / 1.200 kg. */
export const formatQuantity = (quantity: string, unitCode: string): string =>
  `${formatNumber(quantity)} ${unitLabel(unitCode)}`;

/** "3 dagen geleden", "over 2 weken", "vandaag". */
export function formatRelative(value: string, now: Date = new Date()): string {
  const then = dateOf(value);
  const days = DATE_ONLY.test(value)
    ? Math.round((then.getTime() - Date.parse(`${todayIso(now)}T00:00:00Z`)) / 86_400_000)
    : Math.round((then.getTime() - now.getTime()) / 86_400_000);
  const rtf = cached('relative', (l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' }));
  if (Math.abs(days) >= 14) return rtf.format(Math.round(days / 7), 'week');
  if (days === 0 && !DATE_ONLY.test(value)) {
    const hours = Math.round((then.getTime() - now.getTime()) / 3_600_000);
    return hours === 0 ? rtf.format(0, 'day') : rtf.format(hours, 'hour');
  }
  return rtf.format(days, 'day');
}

/** Today's calendar date on this device, YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** `days` after a calendar date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A rough line value for display (quantity × price / base); exact amounts come from the node. */
export const lineValue = (quantity: string, price: Price): number =>
  (Number(quantity) * Number(price.amount)) / Number(price.baseQuantity);
