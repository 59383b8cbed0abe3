import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState, type ReactElement } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { AppError } from '../../../src-shared/ipc/errors';
import { createAccountSchema, type Account } from '../../../src-shared/schemas/station';
import { call } from '../../api/client';
import { Field } from '../../components/Field';
import { TextInputField } from '../../components/TextInputField';
import { applyServerIssues } from '../../components/issue-text';
import { RoleSelect } from './RoleSelect';

type CreateForm = z.input<typeof createAccountSchema>;

const EMPTY: CreateForm = {
  fullName: '',
  username: '',
  role: 'health_worker',
  temporaryPassword: '',
};

/**
 * A new account: name, username, role and a first password its owner replaces at the first
 * sign-in. After it is created the form empties and the cursor is back on the name.
 */
export function CreateAccountForm({
  onCreated,
}: {
  onCreated: (account: Account) => void;
}): ReactElement {
  const { t, i18n } = useTranslation();
  const [failure, setFailure] = useState<AppError['code'] | null>(null);
  const { register, handleSubmit, setError, setFocus, reset, formState } = useForm<
    CreateForm,
    unknown,
    z.output<typeof createAccountSchema>
  >({ resolver: zodResolver(createAccountSchema), defaultValues: EMPTY });
  const errors = formState.errors;

  useEffect(() => {
    setFocus('fullName');
  }, [setFocus]);

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    const result = await call('account.create', values);
    if (result.ok) {
      reset(EMPTY);
      onCreated(result.value);
      window.setTimeout(() => setFocus('fullName'), 0);
      return;
    }
    const error = result.error;
    if (error.code === 'USERNAME_TAKEN') {
      // Next to the field. The main side's message key is used when translated.
      const fallback = t('admin.accounts.errors.usernameTaken');
      const issues = (error.issues ?? []).map((issue) => ({
        ...issue,
        message: i18n.exists(issue.message) ? issue.message : fallback,
      }));
      if (applyServerIssues({ ...error, issues }, setError) === 0)
        setError('username', { type: 'server', message: fallback }, { shouldFocus: true });
      return;
    }
    applyServerIssues(error, setError);
    setFailure(error.code);
  });

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate>
      <fieldset className="section">
        <legend>{t('admin.accounts.create.title')}</legend>
        <div className="grid grid--4">
          <TextInputField
            label={t('admin.accounts.create.fullName')}
            error={errors.fullName?.message}
            required
            autoComplete="off"
            registration={register('fullName')}
          />
          <TextInputField
            label={t('admin.accounts.create.username')}
            error={errors.username?.message}
            hint={t('admin.accounts.create.usernameHint')}
            required
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={32}
            registration={register('username')}
          />
          <Field label={t('admin.accounts.create.role')} error={errors.role?.message} required>
            {({ id, describedBy, invalid }) => (
              <RoleSelect
                id={id}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                {...register('role')}
              />
            )}
          </Field>
          <TextInputField
            label={t('admin.accounts.create.temporaryPassword')}
            error={errors.temporaryPassword?.message}
            hint={t('admin.accounts.create.temporaryPasswordHint')}
            required
            // Read out or written down for its owner, who replaces it at the first sign-in.
            autoComplete="off"
            spellCheck={false}
            inputClassName="input--code"
            registration={register('temporaryPassword')}
          />
        </div>
        {failure ? (
          <p className="banner banner--error" role="alert">
            {t(`errors.${failure}`)}
          </p>
        ) : null}
        <div className="actions admin-form-actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={formState.isSubmitting}
          >
            {formState.isSubmitting
              ? t('admin.accounts.create.submitting')
              : t('admin.accounts.create.submit')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
