import { useId, useRef, type ReactElement } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useIssueText } from '../../../components/issue-text';
import { NumberField, TextField, useFieldError } from '../fields';
import {
  emptyReproductive,
  REPRODUCTIVE_COUNTS,
  type DeclarationFormValues,
  type ReproductiveValues,
} from '../form-values';

/** Counts the totals rules read: outcomes against pregnancies, term/preterm against births. */
const DEPS = {
  miscarriages: ['reproductive.pregnancies'],
  abortions: ['reproductive.pregnancies'],
  births: ['reproductive.pregnancies'],
  termBirths: ['reproductive.births'],
  pretermBirths: ['reproductive.births'],
} as const;

/**
 * QĐ 831 part 2, "Sức khỏe sinh sản", recorded for women only (the main side refuses it for
 * anyone else). Recording it is a choice: unticking puts the figures aside, not away.
 */
export function ReproductiveSection({ female }: { female: boolean }): ReactElement {
  const { t } = useTranslation();
  const issueText = useIssueText();
  const toggleId = useId();
  const { setValue, getValues } = useFormContext<DeclarationFormValues>();
  const reproductive = useWatch<DeclarationFormValues, 'reproductive'>({ name: 'reproductive' });
  const sectionError = useFieldError('reproductive');
  const kept = useRef<ReproductiveValues | null>(null);
  const recorded = reproductive !== null && reproductive !== undefined;

  const toggle = (on: boolean): void => {
    if (on) {
      setValue('reproductive', kept.current ?? emptyReproductive(), { shouldDirty: true });
    } else {
      kept.current = (getValues('reproductive') as ReproductiveValues | null) ?? null;
      setValue('reproductive', null, { shouldDirty: true, shouldValidate: true });
    }
  };

  return (
    <fieldset className="section decl-section">
      <legend>{t('declaration.sections.reproductive')}</legend>
      {!female ? (
        <p className="banner banner--warning" role="alert">
          {t('declaration.reproductive.notFemale')}
        </p>
      ) : null}
      <label className="check" htmlFor={toggleId}>
        <input
          id={toggleId}
          type="checkbox"
          checked={recorded}
          aria-invalid={sectionError ? true : undefined}
          onChange={(event) => toggle(event.target.checked)}
        />
        <span>{t('declaration.reproductive.record')}</span>
      </label>
      {sectionError ? (
        <p className="field__error" role="alert">
          {issueText(sectionError)}
        </p>
      ) : null}
      {recorded ? (
        <div className="grid grid--4 decl-gap-top">
          <TextField
            name="reproductive.contraception"
            label={t('declaration.reproductive.contraception')}
            className="span-2"
          />
          <TextField
            name="reproductive.gynaecologicalConditions"
            label={t('declaration.reproductive.gynaecologicalConditions')}
            className="span-2"
          />
          {REPRODUCTIVE_COUNTS.map((count) => (
            <NumberField
              key={count}
              name={`reproductive.${count}`}
              label={t(`declaration.reproductive.${count}`)}
              deps={count in DEPS ? [...DEPS[count as keyof typeof DEPS]] : undefined}
            />
          ))}
        </div>
      ) : null}
    </fieldset>
  );
}
