import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useId, useRef, useState, type ReactElement } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { findCommune } from '../../../src-shared/reference/admin-units';
import { unlockSchema, type Session } from '../../../src-shared/schemas/station';
import { call } from '../../api/client';
import { TextInputField } from '../../components/TextInputField';

/** The app lets keys through to this element only while the screen is locked. */
export const LOCK_OVERLAY_ID = 'ward-lock-overlay';

const FOCUSABLE = 'input:not([disabled]), button:not([disabled]), select, textarea, a[href]';

/**
 * Keeps Tab inside the lock screen: from the last control back to the first, and the other
 * way with Shift+Tab (the browser would otherwise go on to its own toolbar or the page).
 * The app calls it for each Tab while locked; returns whether it moved the focus itself.
 */
export function keepTabInside(overlay: HTMLElement, event: KeyboardEvent): boolean {
  if (event.key !== 'Tab') return false;
  const controls = [...overlay.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const first = controls[0];
  const last = controls[controls.length - 1];
  if (!first || !last) return false;
  const active = document.activeElement;
  const outside = !(active instanceof Node) || !overlay.contains(active) || active === overlay;
  if (event.shiftKey && (outside || active === first)) {
    event.preventDefault();
    last.focus();
    return true;
  }
  if (!event.shiftKey && (outside || active === last)) {
    event.preventDefault();
    first.focus();
    return true;
  }
  return false;
}

interface LockOverlayProps {
  session: Session;
  onUnlocked: (session: Session) => void;
  onSignOut: () => void;
}

/**
 * The lock screen, over the shell that stays mounted (and inert) underneath, so a half-filled
 * form is still there after the password. A modal <dialog>: it sits above any dialog the
 * shell had open, keeps Tab inside, and Esc does not close it. Opaque: nothing of the health
 * data behind it shows at an unattended desk.
 */
export function LockOverlay({ session, onUnlocked, onSignOut }: LockOverlayProps): ReactElement {
  const { t } = useTranslation();
  const titleId = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError, resetField, setFocus } = useForm<
    z.input<typeof unlockSchema>,
    unknown,
    z.output<typeof unlockSchema>
  >({ resolver: zodResolver(unlockSchema), defaultValues: { password: '' } });

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open && typeof dialog.showModal === 'function') dialog.showModal();
    setFocus('password');
    return () => {
      if (dialog?.open) dialog.close();
    };
  }, [setFocus]);

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    const result = await call('auth.unlock', values);
    if (result.ok) return onUnlocked(result.value);
    resetField('password');
    switch (result.error.code) {
      case 'BAD_CREDENTIALS':
        setError('password', { type: 'server', message: t('common.lock.wrongPassword') });
        setFocus('password');
        return;
      case 'NOT_SIGNED_IN':
        // Too many wrong passwords: the main side ended the session; the app signs out.
        return;
      default:
        setFailure(t(`errors.${result.error.code}`));
        setFocus('password');
    }
  });

  const commune = findCommune(session.station.communeCode);
  return (
    <dialog
      ref={ref}
      id={LOCK_OVERLAY_ID}
      className="lock-overlay"
      aria-labelledby={titleId}
      onCancel={(event) => event.preventDefault()}
    >
      <div className="lock-card">
        <div className="lock-card__station">
          <span className="topbar__logo" aria-hidden="true">
            ✚
          </span>
          <div>
            <div className="topbar__title">{session.station.name}</div>
            <div className="topbar__subtitle">
              {commune?.name} · {session.station.facilityCode}
            </div>
          </div>
        </div>
        <h1 id={titleId}>{t('common.lock.title')}</h1>
        <p className="lock-card__who">
          {t('common.lock.signedIn', {
            name: session.user.fullName,
            role: t(`common.roles.${session.user.role}`),
            username: session.user.username,
          })}
        </p>
        <p className="muted">{t('common.lock.intro')}</p>
        <form onSubmit={onSubmit} noValidate>
          <TextInputField
            label={t('common.lock.password')}
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
              {formState.isSubmitting ? t('common.lock.unlocking') : t('common.lock.unlock')}
            </button>
          </div>
        </form>
        <div className="lock-card__leave">
          <p className="muted">{t('common.lock.signOutHint')}</p>
          <button type="button" className="button" onClick={onSignOut}>
            {t('common.lock.signOut')}
          </button>
        </div>
      </div>
    </dialog>
  );
}
