import { describe, expect, it } from 'vitest';
import { LOCKOUT_POLICY, lockedUntilAfter, secondsUntil } from '../../../src-main/services/lockout';

const NOW = new Date('2026-03-02T01:30:00.000Z');

/** Seconds the account waits after `attempts` consecutive failures (0 while still free). */
function waitAfter(attempts: number): number {
  return secondsUntil(lockedUntilAfter(attempts, NOW), NOW);
}

describe('the sign-in lockout policy', () => {
  it('allows five tries before anyone has to wait', () => {
    expect(LOCKOUT_POLICY.freeAttempts).toBe(5);
    for (const attempts of [0, 1, 2, 3, 4]) expect(lockedUntilAfter(attempts, NOW)).toBeNull();
  });

  it('makes the fifth failure wait 30 seconds from the moment it happened', () => {
    expect(lockedUntilAfter(5, NOW)).toBe('2026-03-02T01:30:30.000Z');
  });

  it('doubles the wait with each further failure and stops at fifteen minutes', () => {
    expect([5, 6, 7, 8, 9, 10, 11, 20].map(waitAfter)).toEqual([
      30, 60, 120, 240, 480, 900, 900, 900,
    ]);
    expect(LOCKOUT_POLICY.maxDelaySeconds).toBe(900);
  });

  it('keeps to fifteen minutes however many failures pile up', () => {
    expect(waitAfter(1_100)).toBe(900);
    expect(lockedUntilAfter(Number.MAX_SAFE_INTEGER, NOW)).toBe('2026-03-02T01:45:00.000Z');
  });
});

describe('how long the account still waits', () => {
  it('is nothing when the account was never locked or the wait is over', () => {
    expect(secondsUntil(null, NOW)).toBe(0);
    expect(secondsUntil('2026-03-02T01:30:00.000Z', NOW)).toBe(0);
    expect(secondsUntil('2026-03-02T01:29:00.000Z', NOW)).toBe(0);
  });

  it('counts whole seconds, rounding up so nobody is told to try a moment too early', () => {
    expect(secondsUntil('2026-03-02T01:30:30.000Z', NOW)).toBe(30);
    expect(secondsUntil('2026-03-02T01:30:29.001Z', NOW)).toBe(30);
    expect(secondsUntil('2026-03-02T01:30:00.001Z', NOW)).toBe(1);
  });
});
