import { useTranslation } from 'react-i18next';
import type { LocalisedText } from '../../../src-shared/clinical/types';

/** The report texts from the shared tables in the user's language, numbers as she writes them. */
export function useReportFormat(): {
  text: (value: LocalisedText) => string;
  percent: (value: number | null) => string;
} {
  const { i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  return {
    text: (value) => (english ? value.en : value.vi),
    // One decimal with a decimal comma in Vietnamese (12,5 %); a dash when nobody was measured.
    percent: (value) =>
      value === null
        ? '—'
        : `${value.toLocaleString(english ? 'en-GB' : 'vi-VN', {
            minimumFractionDigits: 1,
            maximumFractionDigits: 1,
          })} %`,
  };
}
