import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../src-shared/schemas/station';
import { LanguageSwitch } from '../setup/LanguageSwitch';
import { ChangePasswordForm } from './ChangePasswordForm';

interface ChangePasswordScreenProps {
  session: Session;
  onChanged: (session: Session) => void;
  onSignOut: () => void;
}

/**
 * Before anything else: an account an administrator created, or whose password she reset,
 * signs in with a temporary password and must choose her own. The main side refuses every
 * other call until then.
 */
export function ChangePasswordScreen({
  session,
  onChanged,
  onSignOut,
}: ChangePasswordScreenProps): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="auth-page">
      <div className="auth-card">
        <div className="auth-card__head">
          <h1>{t('common.password.title')}</h1>
          <LanguageSwitch />
        </div>
        <p className="lock-card__who">
          {t('common.lock.signedIn', {
            name: session.user.fullName,
            role: t(`common.roles.${session.user.role}`),
            username: session.user.username,
          })}
        </p>
        <p className="banner banner--info">{t('common.password.forcedIntro')}</p>
        <ChangePasswordForm
          onChanged={onChanged}
          secondary={
            <button type="button" className="button button--ghost" onClick={onSignOut}>
              {t('common.signOut')}
            </button>
          }
        />
      </div>
    </div>
  );
}
