import { zodResolver } from '@hookform/resolvers/zod';
import { useState, type ReactElement } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { signInSchema, type Session } from '../../../src-shared/schemas/station';
import { call } from '../../api/client';
import { TextInputField } from '../../components/TextInputField';
import { LanguageSwitch } from './LanguageSwitch';

export function SignInScreen({ onDone }: { onDone: (session: Session) => void }): ReactElement {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, formState, resetField } = useForm<
    z.input<typeof signInSchema>,
    unknown,
    z.output<typeof signInSchema>
  >({
    resolver: zodResolver(signInSchema),
    defaultValues: { username: '', password: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    const result = await call('auth.signIn', values);
    if (result.ok) return onDone(result.value);
    resetField('password');
    setFailure(t(`errors.${result.error.code}`));
  });

  return (
    <div className="auth-page">
      <form className="auth-card" onSubmit={onSubmit} noValidate>
        <div className="auth-card__head">
          <h1>{t('common.signIn.title')}</h1>
          <LanguageSwitch />
        </div>
        <p className="muted">
          {t('common.appName')} — {t('common.appSubtitle')}
        </p>
        <TextInputField
          label={t('common.signIn.username')}
          error={formState.errors.username?.message}
          autoComplete="username"
          // eslint-disable-next-line jsx-a11y/no-autofocus -- the only task on this screen
          autoFocus
          registration={register('username')}
        />
        <TextInputField
          label={t('common.signIn.password')}
          error={formState.errors.password?.message}
          type="password"
          autoComplete="current-password"
          registration={register('password')}
        />
        {failure ? (
          <p className="banner banner--error" role="alert">
            {failure}
          </p>
        ) : null}
        <div className="actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={formState.isSubmitting}
          >
            {t('common.signIn.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
