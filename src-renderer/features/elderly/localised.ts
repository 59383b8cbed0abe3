import { useTranslation } from 'react-i18next';
import type { LocalisedText } from '../../../src-shared/clinical/types';

/** The clinical tables carry their own Vietnamese and English texts; pick the user's. */
export function useLocalised(): (text: LocalisedText) => string {
  const { i18n } = useTranslation();
  return (text) => (i18n.language === 'en' ? text.en : text.vi);
}

/**
 * Numbers as Vietnamese write them: a decimal comma (22,9). `fixed` keeps trailing zeros, for
 * values whose cut-offs are published to that precision (BMI 26,0).
 */
export function useDecimal(): (value: number, digits?: number, fixed?: boolean) => string {
  const { i18n } = useTranslation();
  return (value, digits = 1, fixed = false) =>
    value.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'vi-VN', {
      maximumFractionDigits: digits,
      minimumFractionDigits: fixed ? digits : 0,
    });
}
