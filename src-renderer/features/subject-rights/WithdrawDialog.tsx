import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState, type ReactElement } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { todayInVietnam } from '../../../src-shared/domain/dates';
import type { AppError } from '../../../src-shared/ipc/errors';
import {
  withdrawConsentSchema,
  type ConsentPurpose,
  type SubjectRequest,
} from '../../../src-shared/schemas/subject-rights';
import { call } from '../../api/client';
import { FormDialog } from '../../components/FormDialog';
import { Field } from '../../components/Field';
import { applyServerIssues } from '../../components/issue-text';
import { RequesterFields } from './RequesterFields';

type WithdrawValues = z.input<typeof withdrawConsentSchema>;

/**
 * Withdrawing one consent, after saying plainly what it stops. The reason is written as she
 * gives it; she need not give one.
 */
export function WithdrawDialog({
  residentId,
  purpose,
  onClose,
  onWithdrawn,
}: {
  residentId: string;
  purpose: ConsentPurpose;
  onClose: () => void;
  onWithdrawn: (request: SubjectRequest) => void;
}): ReactElement {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<AppError['code'] | null>(null);
  const form = useForm<WithdrawValues, unknown, z.output<typeof withdrawConsentSchema>>({
    resolver: zodResolver(withdrawConsentSchema),
    defaultValues: {
      residentId,
      purpose,
      requestedBy: 'self',
      representativeName: '',
      receivedAt: todayInVietnam(),
      reason: '',
    },
  });
  const { register, handleSubmit, setError, setFocus, formState } = form;

  useEffect(() => {
    setFocus('reason');
  }, [setFocus]);

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    const result = await call('subject.withdrawConsent', values);
    if (result.ok) return onWithdrawn(result.value);
    applyServerIssues(result.error, setError);
    setFailure(result.error.code);
  });

  const formId = 'subject-withdraw-form';
  return (
    <FormDialog
      title={t('subject.withdraw.title', { purpose: t(`subject.purpose.${purpose}`) })}
      onClose={onClose}
      formId={formId}
      submitting={formState.isSubmitting}
      submitLabel={t('subject.withdraw.confirm')}
      danger
    >
      <div className="banner banner--warning subject-rights__effect">
        <strong>{t('subject.withdraw.stops')}</strong> {t(`subject.withdraw.effect.${purpose}`)}
      </div>
      <p className="field__hint">{t('subject.withdraw.kept')}</p>
      <FormProvider {...form}>
        <form
          id={formId}
          className="subject-rights__dialog-form"
          onSubmit={(event) => void onSubmit(event)}
          noValidate
        >
          <Field
            label={t('subject.fields.reason')}
            error={formState.errors.reason?.message}
            hint={t('subject.withdraw.reasonHint')}
            required
          >
            {({ id, describedBy, invalid }) => (
              <textarea
                id={id}
                className="input"
                rows={2}
                maxLength={500}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                {...register('reason')}
              />
            )}
          </Field>
          <RequesterFields />
          {failure ? (
            <p className="banner banner--error" role="alert">
              {t(`errors.${failure}`)}
            </p>
          ) : null}
        </form>
      </FormProvider>
    </FormDialog>
  );
}
