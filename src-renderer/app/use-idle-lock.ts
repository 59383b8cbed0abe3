import { useEffect, useEffectEvent } from 'react';
import { call } from '../api/client';

/** What counts as someone at the workstation. */
export const ACTIVITY_EVENTS = [
  'keydown',
  'mousedown',
  'mousemove',
  'pointerdown',
  'wheel',
  'touchstart',
] as const;

/** `auth.keepAlive` goes at most this often while she works. */
export const KEEP_ALIVE_MS = 60_000;

/**
 * How often to tell the main side she is still there: once a minute, or twice per idle
 * period when the period is shorter than two minutes, so the main side's own idle clock
 * never runs out while she is typing.
 */
export function keepAliveInterval(idleLockMinutes: number): number {
  return Math.min(KEEP_ALIVE_MS, (idleLockMinutes * 60_000) / 2);
}

interface IdleLockOptions {
  /** Off while locked or signed out. */
  enabled: boolean;
  idleLockMinutes: number;
  /** No keyboard, mouse, pointer or wheel activity for `idleLockMinutes`. */
  onIdle: () => void;
  /** The main side says the session is locked already (its own idle clock ran out). */
  onLockedElsewhere: () => void;
}

/**
 * The renderer's idle clock. Activity only stamps the time (a mouse move costs nothing);
 * one timer looks at the stamp when the period could have run out and either locks or
 * waits for the rest. While she is active, `auth.keepAlive` keeps the main side's clock in
 * step: at the first activity after a quiet minute, and once more at the end of a busy one.
 */
export function useIdleLock({
  enabled,
  idleLockMinutes,
  onIdle,
  onLockedElsewhere,
}: IdleLockOptions): void {
  const idle = useEffectEvent(onIdle);
  const lockedElsewhere = useEffectEvent(onLockedElsewhere);

  useEffect(() => {
    if (!enabled) return;
    const limitMs = Math.max(1, idleLockMinutes) * 60_000;
    const keepAliveMs = keepAliveInterval(Math.max(1, idleLockMinutes));
    let lastActivity = Date.now();
    // Enabling follows a call the main side counted (sign-in, unlock, reload): in step now.
    let lastKeepAlive = lastActivity;
    let idleTimer: number | undefined;
    let trailingTimer: number | undefined;
    let stopped = false;

    const keepAlive = (): void => {
      lastKeepAlive = Date.now();
      void call('auth.keepAlive', {}).then((result) => {
        // SESSION_LOCKED and NOT_SIGNED_IN reach the app as session signals.
        if (!stopped && result.ok && result.value.locked) lockedElsewhere();
      });
    };

    const check = (): void => {
      const remaining = lastActivity + limitMs - Date.now();
      if (remaining <= 0) {
        idleTimer = undefined;
        idle();
      } else {
        idleTimer = window.setTimeout(check, remaining);
      }
    };

    const onActivity = (): void => {
      lastActivity = Date.now();
      const since = lastActivity - lastKeepAlive;
      if (since >= keepAliveMs) {
        keepAlive();
      } else if (trailingTimer === undefined) {
        trailingTimer = window.setTimeout(() => {
          trailingTimer = undefined;
          if (lastActivity > lastKeepAlive) keepAlive();
        }, keepAliveMs - since);
      }
    };

    idleTimer = window.setTimeout(check, limitMs);
    const options = { capture: true, passive: true } as const;
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, options);
    return () => {
      stopped = true;
      window.clearTimeout(idleTimer);
      window.clearTimeout(trailingTimer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, options);
    };
  }, [enabled, idleLockMinutes]);
}
