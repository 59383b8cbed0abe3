import { zodResolver } from '@hookform/resolvers/zod';
import { useState, type ReactElement } from 'react';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { todayInVietnam } from '../../../src-shared/domain/dates';
import type { AppError } from '../../../src-shared/ipc/errors';
import {
  RECORDABLE_REQUEST_KINDS,
  recordRequestSchema,
  type SubjectRequest,
} from '../../../src-shared/schemas/subject-rights';
import { call } from '../../api/client';
import { Field } from '../../components/Field';
import { applyServerIssues } from '../../components/issue-text';
import { RequesterFields } from './RequesterFields';

type RequestValues = z.input<typeof recordRequestSchema>;

const blank = (residentId: string): RequestValues => ({
  residentId,
  kind: 'access',
  requestedBy: 'self',
  representativeName: '',
  receivedAt: todayInVietnam(),
  note: '',
});

/**
 * Logs an access, copy or correction request the day it comes in. A correction is made on
 * the edit screens afterwards; this records what she said was wrong, and why.
 */
export function RequestForm({
  residentId,
  onRecorded,
}: {
  residentId: string;
  onRecorded: (request: SubjectRequest) => void;
}): ReactElement {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<AppError['code'] | null>(null);
  const form = useForm<RequestValues, unknown, z.output<typeof recordRequestSchema>>({
    resolver: zodResolver(recordRequestSchema),
    defaultValues: blank(residentId),
  });
  const { register, handleSubmit, setError, setFocus, reset, formState, control } = form;
  const kind = useWatch({ control, name: 'kind' });

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    const result = await call('subject.recordRequest', values);
    if (result.ok) {
      reset(blank(residentId));
      onRecorded(result.value);
      return;
    }
    applyServerIssues(result.error, setError);
    setFailure(result.error.code);
    if (!result.error.issues?.length) window.setTimeout(() => setFocus('kind'), 0);
  });

  return (
    <FormProvider {...form}>
      <form
        className="card subject-rights__form"
        onSubmit={(event) => void onSubmit(event)}
        noValidate
        aria-labelledby="subject-request-title"
      >
        <h2 id="subject-request-title">{t('subject.request.title')}</h2>
        <p className="muted">{t('subject.request.intro')}</p>
        <fieldset className="subject-rights__choice">
          <legend className="field__label">{t('subject.fields.kind')}</legend>
          <div className="checks">
            {RECORDABLE_REQUEST_KINDS.map((k) => (
              <label key={k} className="check">
                <input type="radio" value={k} {...register('kind', { deps: ['note'] })} />
                <span>{t(`subject.kind.${k}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <RequesterFields dateHint={t('subject.fields.receivedAtHint')} />
        <Field
          label={t('subject.fields.note')}
          error={formState.errors.note?.message}
          hint={t(`subject.request.noteHint.${kind}`)}
          required={kind === 'correction'}
        >
          {({ id, describedBy, invalid }) => (
            <textarea
              id={id}
              className="input"
              rows={3}
              maxLength={1000}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              {...register('note')}
            />
          )}
        </Field>
        {failure ? (
          <p className="banner banner--error" role="alert">
            {t(`errors.${failure}`)}
          </p>
        ) : null}
        <div className="actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={formState.isSubmitting}
          >
            {formState.isSubmitting ? t('common.saving') : t('subject.request.submit')}
          </button>
        </div>
      </form>
    </FormProvider>
  );
}
