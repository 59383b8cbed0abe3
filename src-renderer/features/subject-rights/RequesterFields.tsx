import { useId, type ReactElement, type ReactNode } from 'react';
import { Controller, useFormContext, useWatch, type RefCallBack } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { REQUESTERS } from '../../../src-shared/schemas/subject-rights';
import { DateInput } from '../../components/DateInput';
import { Field } from '../../components/Field';
import { TextInputField } from '../../components/TextInputField';
import { useIssueText } from '../../components/issue-text';

/** The part every request has: who asked, and (for the deadline) the day it was received. */
interface RequesterValues {
  requestedBy: (typeof REQUESTERS)[number];
  representativeName?: string | undefined;
  receivedAt?: string | undefined;
}

/** DateInput takes no ref: hand its input to react-hook-form so a refused submit can focus it. */
function FocusTarget({ fieldRef, children }: { fieldRef: RefCallBack; children: ReactNode }) {
  return <div ref={(element) => fieldRef(element?.querySelector('input') ?? null)}>{children}</div>;
}

export function RequesterFields({ dateHint }: { dateHint?: string }): ReactElement {
  const { t } = useTranslation();
  const issueText = useIssueText();
  const legendId = useId();
  const { register, control, formState } = useFormContext<RequesterValues>();
  const requestedBy = useWatch<RequesterValues, 'requestedBy'>({ name: 'requestedBy' });
  const errors = formState.errors;
  return (
    <>
      <fieldset className="subject-rights__choice" aria-labelledby={legendId}>
        <legend id={legendId} className="field__label">
          {t('subject.fields.requestedBy')}
        </legend>
        <div className="checks">
          {REQUESTERS.map((who) => (
            <label key={who} className="check">
              <input
                type="radio"
                value={who}
                {...register('requestedBy', { deps: ['representativeName'] })}
              />
              <span>{t(`subject.requestedBy.${who}`)}</span>
            </label>
          ))}
        </div>
        {errors.requestedBy?.message ? (
          <span className="field__error" role="alert">
            {issueText(errors.requestedBy.message)}
          </span>
        ) : null}
      </fieldset>
      {requestedBy === 'representative' ? (
        <TextInputField
          label={t('subject.fields.representativeName')}
          error={errors.representativeName?.message}
          required
          autoComplete="off"
          maxLength={100}
          registration={register('representativeName')}
        />
      ) : null}
      <Field
        label={t('subject.fields.receivedAt')}
        error={errors.receivedAt?.message}
        hint={dateHint}
        required
      >
        {({ id, describedBy, invalid }) => (
          <Controller
            control={control}
            name="receivedAt"
            render={({ field }) => (
              <FocusTarget fieldRef={field.ref}>
                <DateInput
                  id={id}
                  name={field.name}
                  value={field.value ?? ''}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  describedBy={describedBy}
                  invalid={invalid}
                />
              </FocusTarget>
            )}
          />
        )}
      </Field>
    </>
  );
}
