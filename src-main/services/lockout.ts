/**
 * Sign-in lockout: five free attempts, then the account waits 30 s, and twice as long after
 * every further failure, up to 15 minutes (OWASP Authentication Cheat Sheet: lockout with an
 * increasing delay rather than a permanent lock, so an attacker cannot lock staff out for good).
 */
export const LOCKOUT_POLICY = {
  freeAttempts: 5,
  firstDelaySeconds: 30,
  maxDelaySeconds: 15 * 60,
} as const;

/** When the account opens again after `attempts` consecutive failures; null while still free. */
export function lockedUntilAfter(attempts: number, now: Date): string | null {
  if (attempts < LOCKOUT_POLICY.freeAttempts) return null;
  const seconds = Math.min(
    LOCKOUT_POLICY.firstDelaySeconds * 2 ** (attempts - LOCKOUT_POLICY.freeAttempts),
    LOCKOUT_POLICY.maxDelaySeconds,
  );
  return new Date(now.getTime() + seconds * 1000).toISOString();
}

export function secondsUntil(instant: string | null, now: Date): number {
  if (!instant) return 0;
  return Math.max(0, Math.ceil((new Date(instant).getTime() - now.getTime()) / 1000));
}
