import { useCallback, useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../src-shared/schemas/station';
import { call } from '../api/client';
import { SetupScreen } from '../features/setup/SetupScreen';
import { SignInScreen } from '../features/setup/SignInScreen';
import { SessionProvider } from './session';
import { Shell } from './Shell';

type Phase =
  | { name: 'loading' }
  | { name: 'unreachable'; message: string }
  | { name: 'setup' }
  | { name: 'signIn' }
  | { name: 'signedIn'; session: Session };

/** Where a start (or a reload) lands: set-up, sign-in, or straight back into the session. */
async function firstPhase(): Promise<Phase> {
  const status = await call('setup.status', {});
  if (!status.ok) return { name: 'unreachable', message: `errors.${status.error.code}` };
  if (!status.value.configured) return { name: 'setup' };
  const session = await call('auth.session', {});
  if (session.ok && session.value) return { name: 'signedIn', session: session.value };
  return { name: 'signIn' };
}

export function App(): ReactElement {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ name: 'loading' });

  useEffect(() => {
    void firstPhase().then(setPhase);
  }, []);

  const signOut = useCallback(() => {
    void call('auth.signOut', {}).then(() => setPhase({ name: 'signIn' }));
  }, []);

  switch (phase.name) {
    case 'loading':
      return <div className="splash">{t('common.loading')}</div>;
    case 'unreachable':
      return (
        <div className="splash splash--error" role="alert">
          <h1>{t('common.fatal.title')}</h1>
          <p>{t(phase.message)}</p>
          <p>{t('common.fatal.noBridge')}</p>
        </div>
      );
    case 'setup':
      return <SetupScreen onDone={(session) => setPhase({ name: 'signedIn', session })} />;
    case 'signIn':
      return <SignInScreen onDone={(session) => setPhase({ name: 'signedIn', session })} />;
    case 'signedIn':
      return (
        <SessionProvider value={{ session: phase.session, signOut }}>
          <Shell onSessionLost={() => setPhase({ name: 'signIn' })} />
        </SessionProvider>
      );
  }
}
