import { createContext, useContext, type ReactNode } from 'react';
import type { Session } from '../../src-shared/schemas/station';
import { TOKEN_STORAGE_KEY } from '../api/bridges';

interface SessionContextValue {
  session: Session;
  signOut: () => void;
  /** Lock the screen now (top-bar button, Ctrl+L). Absent outside the app (component tests). */
  lock?: () => void;
  /** Take a session the main side returned (after a password change, say). */
  replaceSession?: (session: Session) => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({
  value,
  children,
}: {
  value: SessionContextValue;
  children: ReactNode;
}): ReactNode {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside a signed-in shell');
  return value;
}

type SignOutCallback = () => void;
const signOutCallbacks = new Set<SignOutCallback>();

/**
 * Register what must be forgotten when a session ends (sign-out, a session the main side
 * ended, too many wrong passwords at the lock screen): module-level caches such as a
 * remembered search. Returns the function that unregisters it. Callbacks run before the
 * sign-in screen shows.
 *
 * ```ts
 * onSignOut(() => { remembered = { userId: '', query: '' }; });
 * ```
 */
export function onSignOut(callback: SignOutCallback): () => void {
  signOutCallbacks.add(callback);
  return () => {
    signOutCallbacks.delete(callback);
  };
}

/**
 * Forgets everything of the last session the renderer holds outside React: the registered
 * caches, this tab's session storage (all but the browser shell's bridge token, without
 * which the tab cannot reach the station service) and the screen in the address, which
 * names a resident. The language choice (local storage) stays.
 */
export function forgetSessionData(
  win: Pick<Window, 'sessionStorage' | 'location' | 'history'> = window,
): void {
  for (const callback of [...signOutCallbacks]) {
    try {
      callback();
    } catch (error) {
      console.error('[session] a sign-out callback failed', error);
    }
  }
  try {
    const storage = win.sessionStorage;
    const token = storage.getItem(TOKEN_STORAGE_KEY);
    storage.clear();
    if (token !== null) storage.setItem(TOKEN_STORAGE_KEY, token);
  } catch {
    // Storage can be unavailable (a locked-down profile); there is nothing in it then.
  }
  const { location, history } = win;
  if (location.hash !== '' && location.hash !== '#/') {
    history.replaceState(null, '', `${location.pathname}${location.search}#/`);
  }
}
