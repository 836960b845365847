// Dutch and English. Every text the app shows lives in nl.json and en.json (the same keys; a test checks
// it). The language is the user's choice when made, else the first of the browser's preferred languages
// that the app speaks, else English.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json' with { type: 'json' };
import nl from './nl.json' with { type: 'json' };

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'schakel.language';

const isLanguage = (l: string | null | undefined): l is Language => l === 'nl' || l === 'en';

/** The language to start with: a stored choice, else the browser's first supported preference, else English. */
export function preferredLanguage(stored: string | null, browser: readonly string[]): Language {
  if (isLanguage(stored)) return stored;
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

function storedLanguage(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Initialises i18next synchronously with both languages bundled (they are small). */
export function initI18n(): typeof i18next {
  const lng = preferredLanguage(storedLanguage(), navigator.languages ?? [navigator.language]);
  void i18next.use(initReactI18next).init({
    resources: { nl: { translation: nl }, en: { translation: en } },
    lng,
    fallbackLng: 'en',
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = lng;
  return i18next;
}

/** Switches the language and remembers the choice on this device. */
export async function setLanguage(lng: Language): Promise<void> {
  await i18next.changeLanguage(lng);
  document.documentElement.lang = lng;
  try {
    window.localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

/** The current language. */
export const currentLanguage = (): Language => (isLanguage(i18next.language) ? i18next.language : 'en');

/** The locale for numbers and dates: Dutch, or English with European day-month order. */
export const locale = (): string => (currentLanguage() === 'nl' ? 'nl-NL' : 'en-GB');
