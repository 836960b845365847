import { describe, expect, it } from 'vitest';
import en from './en.json' with { type: 'json' };
import nl from './nl.json' with { type: 'json' };
import { preferredLanguage } from './i18n.ts';

/** Every key path of a nested translation object, plural suffixes included. */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('translations', () => {
  it('Dutch and English have exactly the same keys', () => {
    expect(keys(nl).sort()).toEqual(keys(en).sort());
  });

  it('no text is empty and both languages use the same placeholders', () => {
    const flat = (o: unknown) =>
      new Map(
        keys(o).map((k) => [k, k.split('.').reduce<unknown>((v, p) => (v as Record<string, unknown>)[p], o)]),
      );
    const dutch = flat(nl);
    for (const [key, text] of flat(en)) {
      expect(typeof text === 'string' && text.trim().length > 0, key).toBe(true);
      const placeholders = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(placeholders(dutch.get(key)), key).toEqual(placeholders(text));
    }
  });
});

describe('choosing the language', () => {
  it('follows a stored choice first', () => {
    expect(preferredLanguage('en', ['nl-NL'])).toBe('en');
  });

  it('speaks Dutch when the browser prefers it, also for Flemish', () => {
    expect(preferredLanguage(null, ['nl-NL', 'en'])).toBe('nl');
    expect(preferredLanguage(null, ['nl-BE'])).toBe('nl');
    expect(preferredLanguage(null, ['de-DE', 'nl'])).toBe('nl');
  });

  it('speaks English otherwise', () => {
    expect(preferredLanguage(null, ['en-GB', 'nl'])).toBe('en');
    expect(preferredLanguage(null, ['de-DE', 'fr'])).toBe('en');
    expect(preferredLanguage('xx', [])).toBe('en');
  });
});
