import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState, type ReactElement, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { splitMessageKey } from '../../../src-shared/schemas/messages';
import { changePasswordSchema, type Session } from '../../../src-shared/schemas/station';
import { call } from '../../api/client';
import { TextInputField } from '../../components/TextInputField';
import { applyServerIssues } from '../../components/issue-text';

type ChangePasswordInput = z.input<typeof changePasswordSchema>;

/**
 * Password messages this form can meet, in common.json too, for as long as validation.json
 * does not have them (the field then shows the key's text, not the raw key).
 */
const FALLBACK_MESSAGES: Record<string, string> = {
  'validation.password.unchanged': 'common.password.unchanged',
  'validation.password.wrong': 'common.password.wrongCurrent',
};

interface ChangePasswordFormProps {
  onChanged: (session: Session) => void;
  /** Buttons beside the submit button (Cancel in the dialog, Sign out on the forced screen). */
  secondary?: ReactNode;
}

/**
 * The current password, a new one twice. Used by the forced screen (first sign-in with a
 * temporary password, or after an administrator's reset) and by the top bar's dialog.
 */
export function ChangePasswordForm({
  onChanged,
  secondary,
}: ChangePasswordFormProps): ReactElement {
  const { t, i18n } = useTranslation();
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError, setFocus, resetField } = useForm<
    ChangePasswordInput,
    unknown,
    z.output<typeof changePasswordSchema>
  >({
    resolver: zodResolver(changePasswordSchema),
    defaultValues: { currentPassword: '', newPassword: '', confirmation: '' },
  });
  const errors = formState.errors;

  useEffect(() => setFocus('currentPassword'), [setFocus]);

  const message = (text: string | undefined): string | undefined => {
    if (!text) return text;
    const fallback = FALLBACK_MESSAGES[splitMessageKey(text).key];
    return fallback && !i18n.exists(text) ? t(fallback) : text;
  };

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    const result = await call('auth.changePassword', values);
    if (result.ok) return onChanged(result.value);
    switch (result.error.code) {
      case 'BAD_CREDENTIALS':
        resetField('currentPassword');
        setError(
          'currentPassword',
          { type: 'server', message: t('common.password.wrongCurrent') },
          { shouldFocus: true },
        );
        return;
      case 'SESSION_LOCKED':
      case 'NOT_SIGNED_IN':
        // The app shows the lock screen or the sign-in screen.
        return;
      default:
        if (applyServerIssues(result.error, setError) === 0) {
          setFailure(t(`errors.${result.error.code}`));
        }
    }
  });

  return (
    <form className="password-form" onSubmit={onSubmit} noValidate>
      <TextInputField
        label={t('common.password.current')}
        error={message(errors.currentPassword?.message)}
        type="password"
        autoComplete="current-password"
        registration={register('currentPassword')}
      />
      <TextInputField
        label={t('common.password.new')}
        error={message(errors.newPassword?.message)}
        hint={t('common.password.hint')}
        type="password"
        autoComplete="new-password"
        registration={register('newPassword')}
      />
      <TextInputField
        label={t('common.password.confirmation')}
        error={message(errors.confirmation?.message)}
        type="password"
        autoComplete="new-password"
        registration={register('confirmation')}
      />
      {failure ? (
        <p className="banner banner--error" role="alert">
          {failure}
        </p>
      ) : null}
      <div className="actions">
        {secondary}
        <button type="submit" className="button button--primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t('common.saving') : t('common.password.submit')}
        </button>
      </div>
    </form>
  );
}
