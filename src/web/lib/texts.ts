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

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;
// A template holds only plain {{name}} placeholders; anything else (formats, nesting, plurals) is left to i18next.
const PLAIN = /^(?:[^{}$]|\{\{\s*\w+\s*\}\})*$/;
const templates = new Map<string, string | null>();
i18next.on('languageChanged', () => templates.clear());

/**
 * The translation of `key` with its {{placeholders}} filled in, as i18next.t(key, values) would give
 * (the app does not escape values; a placeholder without a value stays as it is). A table row asks for the same few texts hundreds of times with
 * other values, and every i18next call with values parses the template again; plain templates are
 * read once per language and filled here.
 */
export function textWith(key: ParseKeys, values: Record<string, string>): string {
  let template = templates.get(key);
  if (template === undefined) {
    const raw = i18next.t(key, { skipInterpolation: true });
    template = typeof raw === 'string' && PLAIN.test(raw) ? raw : null;
    templates.set(key, template);
  }
  if (template === null) {
    // The typed t() cannot check a key chosen at run time against its values; i18next does at run time.
    const translate = i18next.t as (key: string, values: Record<string, string>) => string;
    return translate(key, values);
  }
  return template.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}

const known = new Map<string, boolean>();
i18next.on('languageChanged', () => known.clear());

/** Whether the current language has a text for `key` (remembered: units are asked for per cell). */
export function hasText(key: string): boolean {
  let found = known.get(key);
  if (found === undefined) {
    found = i18next.exists(key);
    known.set(key, found);
  }
  return found;
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
