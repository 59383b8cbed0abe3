/** Small app-wide signals between screens and the shell, on window events. */
export const FOCUS_SEARCH_EVENT = 'ward:focus-search';
export const DATA_CHANGED_EVENT = 'ward:data-changed';
/**
 * The screen is about to lock: save what can be saved now (a draft), while calls still go
 * through. Dispatched synchronously just before `auth.lock` is sent.
 */
export const SESSION_LOCKING_EVENT = 'ward:session-locking';
/** The screen was unlocked: work refused while it was locked may be tried again. */
export const SESSION_UNLOCKED_EVENT = 'ward:session-unlocked';
/**
 * Something the session carries changed on the main side (the idle-lock minutes in the
 * settings, say): the app reads the session again.
 */
export const SESSION_CHANGED_EVENT = 'ward:session-changed';

export function announceDataChanged(): void {
  window.dispatchEvent(new Event(DATA_CHANGED_EVENT));
}

export function announceSessionChanged(): void {
  window.dispatchEvent(new Event(SESSION_CHANGED_EVENT));
}
