import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src-shared/ipc/channels';
import { WHILE_LOCKED, contract, mayCall } from '../../src-shared/ipc/contract';
import type { Result } from '../../src-shared/ipc/errors';
import {
  ADMIN,
  addStaff,
  auditTrail,
  openSetUpStation,
  residentInput,
  signIn,
  signInAs,
  STAFF,
  testClock,
  type TestClock,
  type TestStation,
} from '../support/station';

const stations: TestStation[] = [];
afterEach(() => {
  for (const s of stations.splice(0)) s.dispose();
});

async function setUp(): Promise<{ s: TestStation; clock: TestClock }> {
  const clock = testClock();
  const s = await openSetUpStation({ now: clock.now });
  stations.push(s);
  return { s, clock };
}

function codeOf(result: Result<unknown>): string {
  return result.ok ? 'ok' : result.error.code;
}

function retryAfter(result: Result<unknown>): unknown {
  return result.ok ? undefined : result.error.details?.['retryAfterSeconds'];
}

const THU = STAFF.health_worker;

/** The station with the health worker Thu on it, and nobody signed in. */
async function stationWithThu(): Promise<{ s: TestStation; clock: TestClock }> {
  const station = await setUp();
  await addStaff(station.s, 'health_worker');
  await station.s.must('auth.signOut', {});
  return station;
}

async function wrongPasswords(s: TestStation, username: string, count: number): Promise<string[]> {
  const codes: string[] = [];
  for (let i = 0; i < count; i++) codes.push(codeOf(await signIn(s, username, `nhamlan${i}x2026`)));
  return codes;
}

function thuAccount(s: TestStation): { failed_attempts: number; locked_until: string | null } {
  return s.app.db
    .prepare('SELECT failed_attempts, locked_until FROM users WHERE username = ?')
    .get(THU.username) as { failed_attempts: number; locked_until: string | null };
}

describe('wrong passwords at sign-in', () => {
  it('five wrong passwords shut the account for 30 seconds, even to the right password', async () => {
    const { s, clock } = await stationWithThu();
    expect(await wrongPasswords(s, THU.username, 5)).toEqual(Array(5).fill('BAD_CREDENTIALS'));

    const locked = await signIn(s, THU.username, THU.password);
    expect(codeOf(locked)).toBe('ACCOUNT_LOCKED');
    expect(retryAfter(locked)).toBe(30);
    expect(await s.must('auth.session', {})).toBeNull();

    clock.advance({ seconds: 12 });
    const stillLocked = await signIn(s, THU.username, THU.password);
    expect(codeOf(stillLocked)).toBe('ACCOUNT_LOCKED');
    expect(retryAfter(stillLocked)).toBe(18);
    // Guessing while locked does not count: the wait does not grow.
    expect(retryAfter(await signIn(s, THU.username, 'nhamlan9x2026'))).toBe(18);

    const refusals = auditTrail(s).filter(
      (r) => r.action === 'auth.signInFailed' && r.details['reason'] === 'locked',
    );
    expect(refusals.map((r) => [r.outcome, r.userName, r.details['retryAfterSeconds']])).toEqual([
      ['denied', THU.fullName, 30],
      ['denied', THU.fullName, 18],
      ['denied', THU.fullName, 18],
    ]);

    clock.advance({ seconds: 18 });
    const session = await s.must('auth.signIn', { username: THU.username, password: THU.password });
    expect(session.user.username).toBe(THU.username);
    expect(thuAccount(s)).toEqual({ failed_attempts: 0, locked_until: null });
  });

  it('a successful sign-in starts the count again from zero', async () => {
    const { s } = await stationWithThu();
    await wrongPasswords(s, THU.username, 4);
    await s.must('auth.signIn', { username: THU.username, password: THU.password });
    await s.must('auth.signOut', {});
    expect(await wrongPasswords(s, THU.username, 4)).toEqual(Array(4).fill('BAD_CREDENTIALS'));
    expect(codeOf(await signIn(s, THU.username, THU.password))).toBe('ok');
  });

  it('each failure after a lockout doubles the wait, up to fifteen minutes', async () => {
    const { s, clock } = await stationWithThu();
    await wrongPasswords(s, THU.username, 5);
    const waits: unknown[] = [];
    for (let round = 0; round < 8; round++) {
      const refused = await signIn(s, THU.username, THU.password);
      expect(codeOf(refused)).toBe('ACCOUNT_LOCKED');
      waits.push(retryAfter(refused));
      clock.advance({ seconds: Number(retryAfter(refused)) });
      expect(await wrongPasswords(s, THU.username, 1)).toEqual(['BAD_CREDENTIALS']);
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);

    // After the longest wait, the right password still opens the account.
    clock.advance({ minutes: 15 });
    expect(codeOf(await signIn(s, THU.username, THU.password))).toBe('ok');
    expect(thuAccount(s)).toEqual({ failed_attempts: 0, locked_until: null });
  });

  it('never locks anyone out over an unknown username, and answers it like a wrong password', async () => {
    const { s } = await stationWithThu();
    const unknown = await signIn(s, 'ytthu2', THU.password);
    const wrong = await signIn(s, THU.username, 'nhamlan0x2026');
    expect(unknown).toEqual(wrong);
    expect(codeOf(unknown)).toBe('BAD_CREDENTIALS');

    expect(await wrongPasswords(s, 'ytthu2', 12)).toEqual(Array(12).fill('BAD_CREDENTIALS'));
    expect(await wrongPasswords(s, 'khongcoai', 6)).toEqual(Array(6).fill('BAD_CREDENTIALS'));
    expect(codeOf(await signIn(s, THU.username, THU.password))).toBe('ok');
    const accounts = s.app.db
      .prepare('SELECT username FROM users WHERE failed_attempts > 0 OR locked_until IS NOT NULL')
      .all();
    expect(accounts).toEqual([]);
    const guesses = auditTrail(s).filter((r) => r.details['reason'] === 'unknownUser');
    expect(guesses).toHaveLength(19);
    expect(guesses.every((r) => r.userId === null && r.outcome === 'failed')).toBe(true);
  });
});

describe('the idle lock', () => {
  it('locks the session after five quiet minutes, and the trail says so', async () => {
    const { s, clock } = await setUp();
    expect((await s.must('auth.session', {}))?.idleLockMinutes).toBe(5);
    clock.advance({ minutes: 4, seconds: 59 });
    expect(codeOf(await s.call('resident.search', { query: '' }))).toBe('ok');

    clock.advance({ minutes: 5 });
    expect(codeOf(await s.call('resident.search', { query: '' }))).toBe('SESSION_LOCKED');
    const session = await s.must('auth.session', {});
    expect(session).toMatchObject({ locked: true, user: { username: ADMIN.username } });

    const idle = auditTrail(s).filter((r) => r.action === 'auth.idleLock');
    expect(idle).toEqual([
      expect.objectContaining({
        userId: session?.user.id,
        userName: ADMIN.fullName,
        outcome: 'ok',
        details: { idleMinutes: 5 },
        at: clock.now().toISOString(),
      }),
    ]);
  });

  it('stays open while the worker keeps working, however long the day', async () => {
    const { s, clock } = await setUp();
    for (let minute = 4; minute <= 60; minute += 4) {
      clock.advance({ minutes: 4 });
      expect([minute, await s.call('auth.keepAlive', {})]).toEqual([
        minute,
        { ok: true, value: { locked: false } },
      ]);
    }
    clock.advance({ minutes: 4, seconds: 59 });
    expect(codeOf(await s.call('resident.search', { query: 'Ánh' }))).toBe('ok');
    expect(auditTrail(s).some((r) => r.action === 'auth.idleLock')).toBe(false);
  });

  it('asks for the signed-in person’s own password to unlock, then work goes on', async () => {
    const { s, clock } = await stationWithThu();
    await s.must('auth.signIn', { username: THU.username, password: THU.password });
    clock.advance({ minutes: 6 });
    expect(codeOf(await s.call('resident.search', { query: '' }))).toBe('SESSION_LOCKED');

    const wrong = await s.call('auth.unlock', { password: 'nhamlan0x2026' });
    expect(codeOf(wrong)).toBe('BAD_CREDENTIALS');
    if (!wrong.ok) expect(wrong.error.issues?.map((i) => i.path)).toEqual([['password']]);
    // Someone else's password does not open Thu's session either.
    expect(codeOf(await s.call('auth.unlock', { password: ADMIN.password }))).toBe(
      'BAD_CREDENTIALS',
    );
    expect((await s.must('auth.session', {}))?.locked).toBe(true);

    const unlocked = await s.must('auth.unlock', { password: THU.password });
    expect(unlocked).toMatchObject({ locked: false, user: { username: THU.username } });
    const created = await s.call('resident.create', { resident: residentInput() });
    expect(codeOf(created)).toBe('ok');
    expect(
      auditTrail(s)
        .filter((r) => r.action.startsWith('auth.unlock'))
        .map((r) => [r.action, r.outcome, r.userName]),
    ).toEqual([
      ['auth.unlockFailed', 'failed', THU.fullName],
      ['auth.unlockFailed', 'failed', THU.fullName],
      ['auth.unlock', 'ok', THU.fullName],
    ]);
    // The quiet time counts again from the unlock.
    clock.advance({ minutes: 4 });
    expect(codeOf(await s.call('resident.search', { query: '' }))).toBe('ok');
  });

  it('ends the session after five wrong passwords at the lock screen', async () => {
    const { s, clock } = await stationWithThu();
    await s.must('auth.signIn', { username: THU.username, password: THU.password });
    clock.advance({ minutes: 5 });
    expect(codeOf(await s.call('resident.search', { query: '' }))).toBe('SESSION_LOCKED');
    const codes: string[] = [];
    for (let i = 0; i < 5; i++)
      codes.push(codeOf(await s.call('auth.unlock', { password: `nhamlan${i}x2026` })));
    expect(codes).toEqual([...Array(4).fill('BAD_CREDENTIALS'), 'NOT_SIGNED_IN']);
    expect(await s.must('auth.session', {})).toBeNull();
    expect(codeOf(await s.call('resident.search', { query: '' }))).toBe('NOT_SIGNED_IN');
    expect(codeOf(await s.call('auth.unlock', { password: THU.password }))).toBe('NOT_SIGNED_IN');
    // The failures count towards the account's lockout, as at the sign-in screen.
    const locked = await signIn(s, THU.username, THU.password);
    expect(codeOf(locked)).toBe('ACCOUNT_LOCKED');
    expect(retryAfter(locked)).toBe(30);
  });

  it('shows the lock to a page that only asks for the session after the quiet time', async () => {
    const { s, clock } = await setUp();
    clock.advance({ minutes: 5 });
    // A reload asks only for the session: it must come back locked, not open.
    expect(await s.must('auth.session', {})).toMatchObject({ locked: true });
  });

  it('ends the session after five wrong current passwords at the change-password screen', async () => {
    const { s } = await stationWithThu();
    await s.must('auth.signIn', { username: THU.username, password: THU.password });
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const result = await s.call('auth.changePassword', {
        currentPassword: `nhamlan${i}x2026`,
        newPassword: 'matkhaumoi2027',
        confirmation: 'matkhaumoi2027',
      });
      codes.push(codeOf(result));
    }
    expect(codes).toEqual([...Array(4).fill('BAD_CREDENTIALS'), 'NOT_SIGNED_IN']);
    expect(await s.must('auth.session', {})).toBeNull();
    expect(codeOf(await signIn(s, THU.username, THU.password))).toBe('ACCOUNT_LOCKED');
  });

  it('locks at once when the worker locks the screen herself, letting only unlock and sign-out through', async () => {
    const { s } = await setUp();
    const outbox = await s.must('outbox.summary', {});
    const locked = await s.must('auth.lock', {});
    expect(locked.locked).toBe(true);
    expect(auditTrail(s).filter((r) => r.action === 'auth.lock')).toHaveLength(1);

    // Every channel her role may call (a role's refusal comes first: FORBIDDEN, tested apart).
    const role = locked.user.role;
    const held = CHANNELS.filter(
      (c) =>
        contract[c].access !== 'public' &&
        !WHILE_LOCKED.has(c) &&
        mayCall(contract[c].access, role),
    );
    expect(held).toEqual(expect.arrayContaining(['auth.keepAlive', 'auth.lock', 'resident.get']));
    for (const channel of held) {
      const input = channel === 'resident.create' ? { resident: residentInput() } : {};
      const result = (await s.app.dispatch(channel, input)) as Result<unknown>;
      expect([channel, codeOf(result)]).toEqual([channel, 'SESSION_LOCKED']);
    }
    // Public questions still answer; nothing was written while locked.
    expect(codeOf(await s.call('app.info', {}))).toBe('ok');
    expect((await s.must('auth.session', {}))?.locked).toBe(true);
    await s.must('auth.unlock', { password: ADMIN.password });
    expect(await s.must('outbox.summary', {})).toEqual(outbox);

    await s.must('auth.lock', {});
    expect(await s.call('auth.signOut', {})).toEqual({ ok: true, value: null });
    expect(await s.must('auth.session', {})).toBeNull();
  });

  it('uses the idle time an administrator sets, from the next session on', async () => {
    const { s, clock } = await setUp();
    await addStaff(s, 'health_worker');
    for (const idleLockMinutes of [0, 61, 2.5]) {
      expect(codeOf(await s.call('settings.update', { idleLockMinutes }))).toBe('INVALID_INPUT');
    }
    expect(await s.must('settings.update', { idleLockMinutes: 15 })).toEqual({
      idleLockMinutes: 15,
      childBloodPressureTable: 'aap2017',
    });
    expect((await s.must('settings.get', {})).idleLockMinutes).toBe(15);
    const change = auditTrail(s).filter((r) => r.action === 'settings.update');
    expect(change).toEqual([
      expect.objectContaining({
        userName: ADMIN.fullName,
        recordType: 'settings',
        details: { before: { idleLockMinutes: 5 }, after: { idleLockMinutes: 15 } },
      }),
    ]);

    await signInAs(s, 'health_worker');
    expect((await s.must('auth.session', {}))?.idleLockMinutes).toBe(15);
    expect((await s.must('settings.get', {})).idleLockMinutes).toBe(15);
    clock.advance({ minutes: 14, seconds: 59 });
    expect(codeOf(await s.call('resident.search', { query: '' }))).toBe('ok');
    clock.advance({ minutes: 15 });
    expect(codeOf(await s.call('resident.search', { query: '' }))).toBe('SESSION_LOCKED');

    // A shorter time, too, holds for the next person who signs in.
    await signInAs(s, 'administrator');
    await s.must('settings.update', { idleLockMinutes: 1 });
    await signInAs(s, 'health_worker');
    clock.advance({ minutes: 1 });
    expect(codeOf(await s.call('resident.search', { query: '' }))).toBe('SESSION_LOCKED');
  });
});
