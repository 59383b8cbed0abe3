import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ageInYears,
  formatIsoDate,
  isValidIsoDate,
  todayInVietnam,
} from '../../../src-shared/domain/dates';
import { findCommune } from '../../../src-shared/reference/admin-units';
import { ETHNICITY_NAMES } from '../../../src-shared/reference/ethnicities';
import { NATIONALITY_CODES } from '../../../src-shared/reference/nationalities';

/** The commune's own name ("Phường Bình Quới"), or the code when it is not in the list. */
export function communeName(code: string): string {
  return findCommune(code)?.name ?? code;
}

export function ethnicityName(code: string): string {
  return ETHNICITY_NAMES.get(code) ?? code;
}

/** Completed years today in Vietnam, or null when the date is not a date yet. */
export function ageToday(birthDate: string): number | null {
  return isValidIsoDate(birthDate) ? ageInYears(birthDate, todayInVietnam()) : null;
}

/** "12/04/1985 · 40 tuổi". */
export function useBirthText(): (birthDate: string) => string {
  const { t } = useTranslation();
  return (birthDate) => {
    const age = ageToday(birthDate);
    const date = formatIsoDate(birthDate);
    return age === null ? date : `${date} · ${t('registry.age', { age })}`;
  };
}

function regionNames(language: string): Intl.DisplayNames | null {
  try {
    return new Intl.DisplayNames([language], { type: 'region' });
  } catch {
    return null;
  }
}

/** Country names in the UI language, from the platform (no name table is shipped). */
export function useNationalityName(): (code: string) => string {
  const { i18n } = useTranslation();
  const names = useMemo(() => regionNames(i18n.language), [i18n.language]);
  return (code) => names?.of(code) ?? code;
}

/** Nationality choices: Vietnam first, the rest by name in the UI language. */
export function useNationalityOptions(): { code: string; name: string }[] {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const names = regionNames(i18n.language);
    const collator = new Intl.Collator(i18n.language);
    const options = NATIONALITY_CODES.map((code) => ({ code, name: names?.of(code) ?? code }));
    const vietnam = options.filter((o) => o.code === 'VN');
    const others = options
      .filter((o) => o.code !== 'VN')
      .sort((a, b) => collator.compare(a.name, b.name));
    return [...vietnam, ...others];
  }, [i18n.language]);
}
