import { useTranslation } from 'react-i18next';

/** A wait in words: "2 phút 30 giây", "45 giây", "15 phút". */
export function useWaitText(): (seconds: number) => string {
  const { t } = useTranslation();
  return (total) => {
    const whole = Math.max(0, Math.ceil(total));
    const minutes = Math.floor(whole / 60);
    const seconds = whole % 60;
    if (minutes === 0) return t('common.duration.seconds', { seconds });
    if (seconds === 0) return t('common.duration.minutes', { minutes });
    return t('common.duration.minutesSeconds', { minutes, seconds });
  };
}
