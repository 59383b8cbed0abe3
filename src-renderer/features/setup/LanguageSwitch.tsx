import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, switchLanguage } from '../../i18n';

export function LanguageSwitch(): ReactElement {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-switch" role="group" aria-label={t('common.language')}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          className={`button button--small${i18n.language === language ? ' button--selected' : ''}`}
          aria-pressed={i18n.language === language}
          onClick={() => void switchLanguage(language)}
        >
          {t(`common.languages.${language}`)}
        </button>
      ))}
    </div>
  );
}
