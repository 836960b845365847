import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../i18n/en.json' with { type: 'json' };
import nl from '../i18n/nl.json' with { type: 'json' };
import { hasText, textWith } from './texts.ts';

/** Every key path of a nested translation object. */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

const NAMES = ['id', 'line', 'note', 'number', 'name', 'partner', 'company'];
const translate = i18next.t as (key: string, values: Record<string, string>) => string;

beforeAll(async () => {
  await i18next.init({
    resources: { nl: { translation: nl }, en: { translation: en } },
    lng: 'nl',
    fallbackLng: 'en',
    initAsync: false,
    interpolation: { escapeValue: false },
  });
});

describe('textWith', () => {
  it('gives what i18next gives for every text, in both languages and after switching', async () => {
    for (const lng of ['nl', 'en', 'nl']) {
      await i18next.changeLanguage(lng);
      for (const key of keys(en)) {
        // Some placeholders get a value (one that looks like a placeholder itself), others none.
        const values = Object.fromEntries(NAMES.map((n) => [n, `<${n} & {{x}} $t(common.late)>`]));
        expect(textWith(key as 'line.note', values), `${lng} ${key}`).toBe(translate(key, values));
      }
    }
  });

  it('fills in the values of a row text', async () => {
    await i18next.changeLanguage('en');
    expect(textWith('line.ownItemId', { id: 'VDM-200001' })).toBe('Our no. VDM-200001');
    await i18next.changeLanguage('nl');
    expect(textWith('line.ownItemId', { id: 'VDM-200001' })).toBe('Ons nr. VDM-200001');
  });
});

describe('hasText', () => {
  it('knows which units have a name, per language', async () => {
    await i18next.changeLanguage('nl');
    expect(hasText('units.KGM')).toBe(true);
    expect(hasText('units.XYZ')).toBe(false);
    await i18next.changeLanguage('en');
    expect(hasText('units.KGM')).toBe(true);
  });
});
