import { useRef, type ReactElement } from 'react';
import { get, useFormContext, useFormState, useWatch, type FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useIssueText } from '../../../components/issue-text';
import {
  DISABILITY_CODES,
  DISABILITY_OTHER,
} from '../../../../src-shared/reference/declaration-codes';
import { codeLabel } from '../codes';
import type { DeclarationFormValues } from '../form-values';

type Disability = NonNullable<DeclarationFormValues['disabilities']>[number];

/**
 * QĐ 831 part 2, "Khuyết tật": a tick per kind, each with a note ("Khác" must say what).
 * Stored as a list of the ticked kinds in code order.
 */
export function DisabilitiesSection(): ReactElement {
  const { t } = useTranslation();
  const issueText = useIssueText();
  const { setValue, getValues, formState } = useFormContext<DeclarationFormValues>();
  const { errors } = useFormState<DeclarationFormValues>({ name: 'disabilities' });
  const rows = useWatch<DeclarationFormValues, 'disabilities'>({ name: 'disabilities' }) ?? [];
  /** Notes of unticked kinds, given back if the tick returns. */
  const keptNotes = useRef(new Map<string, string>());

  const write = (next: Disability[]): void => {
    const order = (code: string) =>
      DISABILITY_CODES.indexOf(code as (typeof DISABILITY_CODES)[number]);
    setValue(
      'disabilities',
      [...next].sort((a, b) => order(a.code) - order(b.code)),
      { shouldDirty: true, shouldValidate: formState.isSubmitted },
    );
  };

  const toggle = (code: Disability['code'], on: boolean): void => {
    const current = getValues('disabilities') ?? [];
    if (on) {
      write([
        ...current.filter((d) => d.code !== code),
        { code, note: keptNotes.current.get(code) ?? '' },
      ]);
    } else {
      const note = current.find((d) => d.code === code)?.note ?? '';
      if (note) keptNotes.current.set(code, note);
      write(current.filter((d) => d.code !== code));
    }
  };

  const setNote = (code: Disability['code'], note: string): void => {
    write((getValues('disabilities') ?? []).map((d) => (d.code === code ? { ...d, note } : d)));
  };

  const listError = (get(errors, 'disabilities') as FieldError | undefined)?.message;

  return (
    <fieldset className="section decl-section">
      <legend>{t('declaration.sections.disabilities')}</legend>
      <div className="decl-disabilities">
        {DISABILITY_CODES.map((code) => {
          const index = rows.findIndex((d) => d.code === code);
          const row = index >= 0 ? rows[index] : undefined;
          const noteError = (get(errors, `disabilities.${index}.note`) as FieldError | undefined)
            ?.message;
          const checkId = `decl-disability-${code}`;
          const noteId = `decl-disability-${code}-note`;
          return (
            <div className="decl-disabilities__item" key={code}>
              <label className="check" htmlFor={checkId}>
                <input
                  id={checkId}
                  type="checkbox"
                  checked={row !== undefined}
                  onChange={(event) => toggle(code, event.target.checked)}
                />
                <span>{codeLabel(t, 'disability', code)}</span>
              </label>
              <label htmlFor={noteId} className="visually-hidden">
                {t('declaration.disabilities.note', { kind: codeLabel(t, 'disability', code) })}
              </label>
              <input
                id={noteId}
                className="input decl-disabilities__note"
                autoComplete="off"
                placeholder={
                  code === DISABILITY_OTHER
                    ? t('declaration.disabilities.otherPlaceholder')
                    : t('declaration.disabilities.notePlaceholder')
                }
                disabled={row === undefined}
                value={row?.note ?? ''}
                onChange={(event) => setNote(code, event.target.value)}
                aria-invalid={noteError ? true : undefined}
                aria-describedby={noteError ? `${noteId}-error` : undefined}
              />
              {noteError ? (
                <span id={`${noteId}-error`} className="field__error" role="alert">
                  {issueText(noteError)}
                </span>
              ) : null}
            </div>
          );
        })}
      </div>
      {typeof listError === 'string' ? (
        <p className="field__error" role="alert">
          {issueText(listError)}
        </p>
      ) : null}
    </fieldset>
  );
}
