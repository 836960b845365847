// Texts without placeholders, cached per language. Long tables (an order of 200 lines) ask for the same
// labels thousands of times, and each i18next lookup walks the translation tree; pages still use
// useTranslation, so that a language switch renders everything again (and this cache is emptied).
import i18next, { type ParseKeys } from 'i18next';

const cache = new Map<string, string>();
i18next.on('languageChanged', () => cache.clear());

/** The translation of `key` in the current language. */
export function text(key: ParseKeys): string {
  let s = cache.get(key);
  if (s === undefined) {
    s = i18next.t(key);
    cache.set(key, s);
  }
  return s;
}

const made = new Map<string, string>();
i18next.on('languageChanged', () => made.clear());

/**
 * A formatted text (a date, an amount, a price) remembered for the current language: a long order
 * repeats the same dates and prices many times, and Intl formatting is not cheap.
 */
export function remember(key: string, make: () => string): string {
  let s = made.get(key);
  if (s === undefined) {
    if (made.size > 50_000) made.clear();
    s = make();
    made.set(key, s);
  }
  return s;
}
