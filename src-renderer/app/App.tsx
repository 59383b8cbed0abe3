import { useCallback, useEffect, useRef, useState, type ReactElement } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { IDLE_LOCK_MINUTES, type Session } from '../../src-shared/schemas/station';
import { call, onSessionSignal } from '../api/client';
import { ChangePasswordScreen } from '../features/session/ChangePasswordScreen';
import { LOCK_OVERLAY_ID, LockOverlay, keepTabInside } from '../features/session/LockOverlay';
import { SignInScreen, type SignInNote } from '../features/session/SignInScreen';
import { SetupScreen } from '../features/setup/SetupScreen';
import { SESSION_CHANGED_EVENT, SESSION_LOCKING_EVENT, SESSION_UNLOCKED_EVENT } from './events';
import { forgetSessionData, SessionProvider } from './session';
import { Shell } from './Shell';
import { useIdleLock } from './use-idle-lock';

interface SignedIn {
  name: 'signedIn';
  session: Session;
  /** The lock screen is up; the shell stays mounted (and inert) underneath. */
  locked: boolean;
  /**
   * The shell has been shown in this session. A session found locked at start-up (a reload)
   * shows the shell only once unlocked: its screens could not load behind the lock.
   */
  shellStarted: boolean;
}

type Phase =
  | { name: 'loading' }
  | { name: 'unreachable'; message: string }
  | { name: 'setup' }
  | { name: 'signIn'; note?: SignInNote }
  | SignedIn;

const LOADING: Phase = { name: 'loading' };

function signedIn(session: Session, locked = session.locked): SignedIn {
  return { name: 'signedIn', session, locked, shellStarted: !locked };
}

/** Same session apart from the lock flag (which the app keeps itself): no re-render needed. */
function sameSession(a: Session, b: Session): boolean {
  return JSON.stringify({ ...a, locked: false }) === JSON.stringify({ ...b, locked: false });
}

/** Where a start (or a reload) lands: set-up, sign-in, or straight back into the session. */
async function firstPhase(): Promise<Phase> {
  const status = await call('setup.status', {});
  if (!status.ok) return { name: 'unreachable', message: `errors.${status.error.code}` };
  if (!status.value.configured) return { name: 'setup' };
  const found = await call('auth.session', {});
  if (!found.ok || !found.value) {
    forgetSessionData();
    return { name: 'signIn' };
  }
  // The main side applies its idle lock on the first call that is not public.
  const alive = await call('auth.keepAlive', {});
  if (!alive.ok && alive.error.code === 'NOT_SIGNED_IN') {
    forgetSessionData();
    return { name: 'signIn', note: 'sessionEnded' };
  }
  const locked =
    found.value.locked || (alive.ok ? alive.value.locked : alive.error.code === 'SESSION_LOCKED');
  return signedIn(found.value, locked);
}

function isLockShortcut(event: KeyboardEvent): boolean {
  return (
    (event.ctrlKey || event.metaKey) &&
    !event.altKey &&
    !event.shiftKey &&
    event.key.toLowerCase() === 'l'
  );
}

/**
 * The session's life: set-up or sign-in, a forced password change, the shell, the idle lock
 * over it, and sign-out. Session answers of any call (locked, password change required,
 * signed out) arrive here as signals from the API client.
 */
export function App(): ReactElement {
  const { t } = useTranslation();
  // The ref is the truth for handlers that run between renders (keys, signals, timers).
  const phaseRef = useRef<Phase>(LOADING);
  const [phase, setPhaseState] = useState<Phase>(LOADING);
  const setPhase = useCallback((next: Phase) => {
    phaseRef.current = next;
    setPhaseState(next);
  }, []);
  /** Where she was typing when the screen locked, to go on there after the password. */
  const focusAfterUnlock = useRef<HTMLElement | null>(null);

  const endSession = useCallback(
    (note: SignInNote) => {
      forgetSessionData();
      setPhase({ name: 'signIn', note });
    },
    [setPhase],
  );

  const signOut = useCallback(() => {
    if (phaseRef.current.name !== 'signedIn') return;
    // Unmount the shell first: a screen leaving saves its draft while the session still
    // exists; then end the session on the main side.
    flushSync(() => endSession('signedOut'));
    void call('auth.signOut', {});
  }, [endSession]);

  /** A session the main side returned (lock, unlock, password change, refresh). */
  const takeSession = useCallback(
    (next: Session) => {
      const current = phaseRef.current;
      if (current.name !== 'signedIn' || current.session.user.id !== next.user.id) return;
      if (sameSession(current.session, next)) return;
      setPhase({ ...current, session: next });
    },
    [setPhase],
  );

  /** Shows the lock screen (the main side is locked already, or is being told to). */
  const showLocked = useCallback(() => {
    const current = phaseRef.current;
    if (current.name !== 'signedIn' || current.locked) return;
    const active = document.activeElement;
    focusAfterUnlock.current =
      active instanceof HTMLElement && active !== document.body ? active : null;
    setPhase({ ...current, locked: true });
  }, [setPhase]);

  const lock = useCallback(() => {
    const current = phaseRef.current;
    if (current.name !== 'signedIn' || current.locked) return;
    // Screens save what they can (a draft) while their calls still go through.
    window.dispatchEvent(new Event(SESSION_LOCKING_EVENT));
    showLocked();
    void call('auth.lock', {}).then((result) => {
      if (result.ok) takeSession(result.value);
    });
  }, [showLocked, takeSession]);

  const onUnlocked = useCallback(
    (next: Session) => {
      const current = phaseRef.current;
      if (current.name !== 'signedIn') return;
      const session = current.session.user.id === next.user.id ? next : current.session;
      setPhase({ ...current, session, locked: false, shellStarted: true });
      window.dispatchEvent(new Event(SESSION_UNLOCKED_EVENT));
    },
    [setPhase],
  );

  useEffect(() => {
    let live = true;
    void firstPhase().then((next) => {
      if (live) setPhase(next);
    });
    return () => {
      live = false;
    };
  }, [setPhase]);

  // Session signals from any call, whichever screen made it.
  useEffect(
    () =>
      onSessionSignal(({ code, channel }) => {
        const current = phaseRef.current;
        if (current.name !== 'signedIn') return;
        const userId = current.session.user.id;
        const stillSameSession = (): boolean => {
          const now = phaseRef.current;
          return now.name === 'signedIn' && now.session.user.id === userId;
        };
        if (code === 'PASSWORD_CHANGE_REQUIRED') {
          if (!current.session.mustChangePassword) {
            setPhase({ ...current, session: { ...current.session, mustChangePassword: true } });
          }
          return;
        }
        if (code === 'SESSION_LOCKED' && current.locked) return;
        // Ask the main side how the session stands: an answer to an older call may arrive
        // after an unlock, or after a new sign-in.
        void call('auth.session', {}).then((found) => {
          if (!stillSameSession()) return;
          const session = found.ok ? found.value : undefined;
          if (session === null || (session && session.user.id !== userId)) {
            endSession(channel === 'auth.unlock' ? 'tooManyUnlockAttempts' : 'sessionEnded');
          } else if (code === 'NOT_SIGNED_IN' && session === undefined) {
            endSession('sessionEnded');
          } else if (code === 'SESSION_LOCKED' && (session === undefined || session.locked)) {
            showLocked();
          }
        });
      }),
    [endSession, setPhase, showLocked],
  );

  // Keys while locked go to the lock screen only: no screen's shortcut (Ctrl+S, Esc, F2,
  // Alt+N) may act on the form underneath. Installed when the app starts, before any screen
  // adds its own window listeners, so it runs first. Ctrl+L locks.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const current = phaseRef.current;
      if (current.name !== 'signedIn') return;
      if (current.locked) {
        event.stopImmediatePropagation();
        const overlay = document.getElementById(LOCK_OVERLAY_ID);
        const inside =
          overlay !== null && event.target instanceof Node && overlay.contains(event.target);
        if (overlay && keepTabInside(overlay, event)) return;
        if (!inside) event.preventDefault();
        return;
      }
      if (isLockShortcut(event)) {
        event.preventDefault();
        event.stopImmediatePropagation();
        lock();
      }
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [lock]);

  // Settings changed elsewhere in the app (idle minutes, say): read the session again.
  useEffect(() => {
    const refresh = (): void => {
      void call('auth.session', {}).then((found) => {
        if (found.ok && found.value) takeSession(found.value);
      });
    };
    window.addEventListener(SESSION_CHANGED_EVENT, refresh);
    return () => window.removeEventListener(SESSION_CHANGED_EVENT, refresh);
  }, [takeSession]);

  const locked = phase.name === 'signedIn' && phase.locked;
  useIdleLock({
    enabled: phase.name === 'signedIn' && !phase.locked,
    idleLockMinutes:
      phase.name === 'signedIn' ? phase.session.idleLockMinutes : IDLE_LOCK_MINUTES.default,
    onIdle: lock,
    onLockedElsewhere: showLocked,
  });

  useEffect(() => {
    if (locked) return;
    const target = focusAfterUnlock.current;
    focusAfterUnlock.current = null;
    if (target?.isConnected) target.focus();
  }, [locked]);

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
      return <SetupScreen onDone={(next) => setPhase(signedIn(next))} />;
    case 'signIn':
      return <SignInScreen note={phase.note} onDone={(next) => setPhase(signedIn(next))} />;
    case 'signedIn':
      return (
        <SessionProvider
          value={{ session: phase.session, signOut, lock, replaceSession: takeSession }}
        >
          {/* The shell's container: inert under the lock screen, never unmounted by it. */}
          <div
            className="session-host"
            inert={phase.locked}
            aria-hidden={phase.locked || undefined}
          >
            {phase.session.mustChangePassword ? (
              <ChangePasswordScreen
                session={phase.session}
                onChanged={takeSession}
                onSignOut={signOut}
              />
            ) : phase.shellStarted ? (
              <Shell />
            ) : null}
          </div>
          {phase.locked ? (
            <LockOverlay session={phase.session} onUnlocked={onUnlocked} onSignOut={signOut} />
          ) : null}
        </SessionProvider>
      );
  }
}
