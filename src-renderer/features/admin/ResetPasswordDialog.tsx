import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useId, useState, type ReactElement } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { resetPasswordSchema, type Account } from '../../../src-shared/schemas/station';
import { call } from '../../api/client';
import { FormDialog } from '../../components/FormDialog';
import { TextInputField } from '../../components/TextInputField';
import { applyServerIssues } from '../../components/issue-text';

type ResetForm = z.input<typeof resetPasswordSchema>;

/** A new temporary password for someone who forgot hers (it also lifts a lockout). */
export function ResetPasswordDialog({
  account,
  onClose,
  onDone,
}: {
  account: Account;
  onClose: () => void;
  onDone: (account: Account) => void;
}): ReactElement {
  const { t } = useTranslation();
  const formId = useId();
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, setError, setFocus, formState } = useForm<
    ResetForm,
    unknown,
    z.output<typeof resetPasswordSchema>
  >({
    resolver: zodResolver(resetPasswordSchema),
    defaultValues: { id: account.id, temporaryPassword: '' },
  });

  useEffect(() => {
    setFocus('temporaryPassword');
  }, [setFocus]);

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    const result = await call('account.resetPassword', values);
    if (result.ok) return onDone(result.value);
    applyServerIssues(result.error, setError);
    setFailure(t(`errors.${result.error.code}`));
  });

  return (
    <FormDialog
      title={t('admin.accounts.reset.title', { name: account.fullName })}
      onClose={onClose}
      formId={formId}
      submitting={formState.isSubmitting}
      submitLabel={t('admin.accounts.reset.submit')}
    >
      <form
        id={formId}
        className="admin-dialog-fields"
        onSubmit={(event) => void onSubmit(event)}
        noValidate
      >
        <p className="muted">{t('admin.accounts.reset.intro', { username: account.username })}</p>
        <TextInputField
          label={t('admin.accounts.reset.temporaryPassword')}
          error={formState.errors.temporaryPassword?.message}
          hint={t('admin.accounts.reset.hint')}
          required
          autoComplete="off"
          spellCheck={false}
          inputClassName="input--code"
          registration={register('temporaryPassword')}
        />
        {failure ? (
          <p className="banner banner--error" role="alert">
            {failure}
          </p>
        ) : null}
      </form>
    </FormDialog>
  );
}
