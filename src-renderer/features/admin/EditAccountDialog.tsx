import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useId, useState, type ReactElement } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { updateAccountSchema, type Account } from '../../../src-shared/schemas/station';
import { call } from '../../api/client';
import { FormDialog } from '../../components/FormDialog';
import { Field } from '../../components/Field';
import { TextInputField } from '../../components/TextInputField';
import { applyServerIssues } from '../../components/issue-text';
import { RoleSelect } from './RoleSelect';

type EditForm = z.input<typeof updateAccountSchema>;

/**
 * Name, role and "disabled" of one account. Her own role and her own account's "disabled" are
 * shown but cannot be changed (the main side refuses it too, as it refuses to leave the
 * station without an active administrator: LAST_ADMINISTRATOR).
 */
export function EditAccountDialog({
  account,
  isSelf,
  onClose,
  onSaved,
}: {
  account: Account;
  isSelf: boolean;
  onClose: () => void;
  onSaved: (account: Account) => void;
}): ReactElement {
  const { t } = useTranslation();
  const formId = useId();
  const disabledId = useId();
  const disabledHintId = useId();
  const ownNoteId = useId();
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, setError, setFocus, formState } = useForm<
    EditForm,
    unknown,
    z.output<typeof updateAccountSchema>
  >({
    resolver: zodResolver(updateAccountSchema),
    defaultValues: {
      id: account.id,
      fullName: account.fullName,
      role: account.role,
      disabled: account.disabled,
    },
  });
  const errors = formState.errors;

  useEffect(() => {
    setFocus('fullName', { shouldSelect: true });
  }, [setFocus]);

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    const result = await call('account.update', values);
    if (result.ok) return onSaved(result.value);
    const error = result.error;
    if (error.code === 'LAST_ADMINISTRATOR') {
      setFailure(
        t(isSelf ? 'admin.accounts.errors.ownAccount' : 'admin.accounts.errors.lastAdministrator'),
      );
      return;
    }
    applyServerIssues(error, setError);
    setFailure(t(`errors.${error.code}`));
  });

  return (
    <FormDialog
      title={t('admin.accounts.edit.title', { username: account.username })}
      onClose={onClose}
      formId={formId}
      submitting={formState.isSubmitting}
      submitLabel={t('admin.accounts.edit.submit')}
    >
      <form
        id={formId}
        className="admin-dialog-fields"
        onSubmit={(event) => void onSubmit(event)}
        noValidate
      >
        <TextInputField
          label={t('admin.accounts.edit.fullName')}
          error={errors.fullName?.message}
          required
          autoComplete="off"
          registration={register('fullName')}
        />
        <Field label={t('admin.accounts.edit.role')} error={errors.role?.message} required>
          {({ id, describedBy, invalid }) =>
            isSelf ? (
              <RoleSelect id={id} value={account.role} disabled aria-describedby={ownNoteId} />
            ) : (
              <RoleSelect
                id={id}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                {...register('role')}
              />
            )
          }
        </Field>
        <div className="field">
          <div className="check admin-check">
            {isSelf ? (
              <input
                id={disabledId}
                type="checkbox"
                checked={false}
                disabled
                aria-describedby={ownNoteId}
              />
            ) : (
              <input
                id={disabledId}
                type="checkbox"
                aria-describedby={disabledHintId}
                {...register('disabled')}
              />
            )}
            <label htmlFor={disabledId}>{t('admin.accounts.edit.disabled')}</label>
          </div>
          <span id={disabledHintId} className="field__hint">
            {t('admin.accounts.edit.disabledHint')}
          </span>
        </div>
        {isSelf ? (
          <p id={ownNoteId} className="banner banner--info">
            {t('admin.accounts.edit.ownAccount')}
          </p>
        ) : null}
        {failure ? (
          <p className="banner banner--error" role="alert">
            {failure}
          </p>
        ) : null}
      </form>
    </FormDialog>
  );
}
