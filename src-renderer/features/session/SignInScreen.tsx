import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState, type ReactElement } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { AppError } from '../../../src-shared/ipc/errors';
import { signInSchema, type Session } from '../../../src-shared/schemas/station';
import { call } from '../../api/client';
import { TextInputField } from '../../components/TextInputField';
import { LanguageSwitch } from '../setup/LanguageSwitch';
import { useWaitText } from './wait-text';

/** Why the sign-in screen is shown again, said above the form. */
export type SignInNote = 'signedOut' | 'sessionEnded' | 'tooManyUnlockAttempts';

/** Seconds to wait from an ACCOUNT_LOCKED answer, or null. */
export function retryAfterSeconds(error: AppError): number | null {
  const seconds = error.details?.['retryAfterSeconds'];
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0
    ? Math.ceil(seconds)
    : null;
}

type Failure =
  { kind: 'text'; text: string } | { kind: 'accountLocked'; until: number; seconds: number };

/** When a wait of `seconds` from now ends, in ms since the epoch. */
function deadlineIn(seconds: number): number {
  return Date.now() + seconds * 1000;
}

function secondsUntil(deadline: number): number {
  return Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
}

/** Counts down to `until` (ms since the epoch), once a second, from `start` seconds. */
function useCountdown(until: number | null, start: number): number {
  const [left, setLeft] = useState({ until, seconds: start });
  useEffect(() => {
    if (until === null) return;
    const timer = window.setInterval(() => setLeft({ until, seconds: secondsUntil(until) }), 1000);
    return () => window.clearInterval(timer);
  }, [until]);
  return left.until === until ? left.seconds : start;
}

export function SignInScreen({
  onDone,
  note,
}: {
  onDone: (session: Session) => void;
  note?: SignInNote | undefined;
}): ReactElement {
  const { t } = useTranslation();
  const waitText = useWaitText();
  const [failure, setFailure] = useState<Failure | null>(null);
  const { register, handleSubmit, formState, resetField } = useForm<
    z.input<typeof signInSchema>,
    unknown,
    z.output<typeof signInSchema>
  >({
    resolver: zodResolver(signInSchema),
    defaultValues: { username: '', password: '' },
  });
  const secondsLeft = useCountdown(
    failure?.kind === 'accountLocked' ? failure.until : null,
    failure?.kind === 'accountLocked' ? failure.seconds : 0,
  );

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    const result = await call('auth.signIn', values);
    if (result.ok) return onDone(result.value);
    resetField('password');
    const seconds = result.error.code === 'ACCOUNT_LOCKED' ? retryAfterSeconds(result.error) : null;
    setFailure(
      seconds !== null
        ? { kind: 'accountLocked', until: deadlineIn(seconds), seconds }
        : {
            kind: 'text',
            text:
              result.error.code === 'ACCOUNT_LOCKED'
                ? t('common.signIn.accountLocked')
                : t(`errors.${result.error.code}`),
          },
    );
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
        {note && !failure ? (
          <p
            className={`banner ${note === 'signedOut' ? 'banner--info' : 'banner--warning'}`}
            role="status"
          >
            {t(`common.signIn.notes.${note}`)}
          </p>
        ) : null}
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
        {failure?.kind === 'text' ? (
          <p className="banner banner--error" role="alert">
            {failure.text}
          </p>
        ) : null}
        {failure?.kind === 'accountLocked' ? (
          <p className="banner banner--error" role="alert">
            {t('common.signIn.accountLocked')}{' '}
            {/* Announced once with the alert; the countdown itself stays quiet. */}
            <span role="timer" aria-live="off">
              {secondsLeft > 0
                ? t('common.signIn.retryIn', { wait: waitText(secondsLeft) })
                : t('common.signIn.retryNow')}
            </span>
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
