// Nederlands | English: each name in its own language, so that anyone can find theirs.
import { useTranslation } from 'react-i18next';
import { currentLanguage, LANGUAGES, setLanguage, type Language } from '../i18n/i18n.ts';

const NAMES: Record<Language, string> = { nl: 'Nederlands', en: 'English' };

export function LanguageSwitch() {
  const { t } = useTranslation();
  const active = currentLanguage();
  return (
    <div className="language-switch" role="group" aria-label={t('shell.language')}>
      {LANGUAGES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className="button-plain"
          aria-pressed={l === active}
          onClick={() => void setLanguage(l)}
        >
          {NAMES[l]}
        </button>
      ))}
    </div>
  );
}
