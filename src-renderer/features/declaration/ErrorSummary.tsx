import type { ReactElement, Ref } from 'react';
import type { FieldErrors } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { DeclarationFormValues } from './form-values';

/** The parts of the declaration in screen order; the keys are also the form's top-level fields. */
export const SECTION_KEYS = [
  'birth',
  'riskFactors',
  'disabilities',
  'allergies',
  'diseases',
  'surgeries',
  'familyHistory',
  'reproductive',
  'vaccinations',
  'consent',
] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

/** Counts the messages in an error tree (leaves carry `message`; `ref` is an element, skipped). */
export function countErrors(node: unknown): number {
  if (node === null || typeof node !== 'object') return 0;
  if (Array.isArray(node)) return node.reduce((n: number, child) => n + countErrors(child), 0);
  const record = node as Record<string, unknown>;
  let n = typeof record.message === 'string' && record.message !== '' ? 1 : 0;
  for (const [key, child] of Object.entries(record)) {
    if (key === 'ref' || key === 'message' || key === 'type' || key === 'types') continue;
    n += countErrors(child);
  }
  return n;
}

interface ErrorSummaryProps {
  errors: FieldErrors<DeclarationFormValues>;
  /** Focus the first marked field of a section. */
  onJump: (section: SectionKey) => void;
  ref?: Ref<HTMLDivElement>;
}

/** "Còn 3 ô cần sửa", with a button per section that has them. Receives focus after a refused submit. */
export function ErrorSummary({ errors, onJump, ref }: ErrorSummaryProps): ReactElement | null {
  const { t } = useTranslation();
  const total = countErrors(errors);
  if (total === 0) return null;
  const sections = SECTION_KEYS.map((key) => ({ key, count: countErrors(errors[key]) })).filter(
    (s) => s.count > 0,
  );
  return (
    <div className="banner banner--error decl-summary" role="alert" tabIndex={-1} ref={ref}>
      <strong>{t('declaration.errorSummary', { n: total })}</strong>
      <span className="decl-summary__hint">{t('declaration.errorSummaryHint')}</span>
      <ul className="decl-summary__list">
        {sections.map((s) => (
          <li key={s.key}>
            <button
              type="button"
              className="button button--small button--ghost"
              onClick={() => onJump(s.key)}
            >
              {t(`declaration.sectionNames.${s.key}`)} ({s.count})
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
