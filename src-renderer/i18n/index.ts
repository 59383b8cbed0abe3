import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import enAdmin from './en/admin.json';
import enCommon from './en/common.json';
import enDeclaration from './en/declaration.json';
import enDuplicates from './en/duplicates.json';
import enElderly from './en/elderly.json';
import enSchool from './en/school.json';
import enSchoolReports from './en/schoolReports.json';
import enErrors from './en/errors.json';
import enRegistry from './en/registry.json';
import enRoster from './en/roster.json';
import enSubject from './en/subject.json';
import enSync from './en/sync.json';
import enValidation from './en/validation.json';
import viAdmin from './vi/admin.json';
import viCommon from './vi/common.json';
import viDeclaration from './vi/declaration.json';
import viDuplicates from './vi/duplicates.json';
import viElderly from './vi/elderly.json';
import viSchool from './vi/school.json';
import viSchoolReports from './vi/schoolReports.json';
import viErrors from './vi/errors.json';
import viRegistry from './vi/registry.json';
import viRoster from './vi/roster.json';
import viSubject from './vi/subject.json';
import viSync from './vi/sync.json';
import viValidation from './vi/validation.json';

/** Vietnamese first; English is a switch (DEVELOPERS.md). */
export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_STORAGE_KEY = 'wardHealth.language';

export const resources = {
  vi: {
    translation: {
      common: viCommon,
      admin: viAdmin,
      registry: viRegistry,
      roster: viRoster,
      declaration: viDeclaration,
      duplicates: viDuplicates,
      elderly: viElderly,
      school: viSchool,
      schoolReports: viSchoolReports,
      subject: viSubject,
      sync: viSync,
      validation: viValidation,
      errors: viErrors,
    },
  },
  en: {
    translation: {
      common: enCommon,
      admin: enAdmin,
      registry: enRegistry,
      roster: enRoster,
      declaration: enDeclaration,
      duplicates: enDuplicates,
      elderly: enElderly,
      school: enSchool,
      schoolReports: enSchoolReports,
      subject: enSubject,
      sync: enSync,
      validation: enValidation,
      errors: enErrors,
    },
  },
} as const;

export function storedLanguage(storage: Pick<Storage, 'getItem'> | undefined): Language {
  const stored = storage?.getItem(LANGUAGE_STORAGE_KEY);
  return stored === 'en' ? 'en' : 'vi';
}

export async function initI18n(language: Language): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'vi',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
  return i18next;
}

export async function switchLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
  window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
}
