import { afterEach, describe, expect, it } from 'vitest';
import type { Role } from '../../src-shared/domain/roles';
import { CHANNELS } from '../../src-shared/ipc/channels';
import { BEFORE_PASSWORD_CHANGE, contract, mayCall } from '../../src-shared/ipc/contract';
import type { Result } from '../../src-shared/ipc/errors';
import {
  ADMIN,
  addStaff,
  auditTrail,
  createAccount,
  databaseBytes,
  decryptedDatabaseImage,
  openSetUpStation,
  residentInput,
  signIn,
  signInAs,
  STAFF,
  type TestStation,
} from '../support/station';

const stations: TestStation[] = [];
afterEach(() => {
  for (const s of stations.splice(0)) s.dispose();
});

async function setUp(): Promise<TestStation> {
  const s = await openSetUpStation();
  stations.push(s);
  return s;
}

/** The school nurse the administrator adds for the school screening days. */
const NURSE = {
  role: 'school_nurse' as const,
  username: 'chau.ytehd',
  fullName: 'Phạm Minh Châu',
  temporaryPassword: 'tamthoi2026chau',
};
const NURSE_OWN_PASSWORD = 'truonghocbinhquoi2026';

function codeOf(result: Result<unknown>): string {
  return result.ok ? 'ok' : result.error.code;
}

async function signInAsAdmin(s: TestStation): Promise<void> {
  await s.must('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
}

/** The administrator creates the nurse's account; the nurse chooses her own password. */
async function nurseWithOwnPassword(s: TestStation): Promise<string> {
  const account = await createAccount(s, NURSE);
  await s.must('auth.signOut', {});
  await s.must('auth.signIn', { username: NURSE.username, password: NURSE.temporaryPassword });
  await s.must('auth.changePassword', {
    currentPassword: NURSE.temporaryPassword,
    newPassword: NURSE_OWN_PASSWORD,
    confirmation: NURSE_OWN_PASSWORD,
  });
  await s.must('auth.signOut', {});
  return account.id;
}

async function accountOf(s: TestStation, username: string) {
  const found = (await s.must('account.list', {})).find((a) => a.username === username);
  if (!found) throw new Error(`no account ${username}`);
  return found;
}

describe('an administrator adds a school nurse', () => {
  it('creates the account with a temporary password the nurse must replace at first sign-in', async () => {
    const s = await setUp();
    const admin = (await s.must('auth.session', {}))!.user;
    const account = await createAccount(s, NURSE);
    expect(account).toMatchObject({
      username: NURSE.username,
      fullName: NURSE.fullName,
      role: 'school_nurse',
      disabled: false,
      mustChangePassword: true,
      failedAttempts: 0,
      lockedUntil: null,
      lastSignInAt: null,
    });
    expect((await s.must('account.list', {})).map((a) => a.username).sort()).toEqual([
      ADMIN.username,
      NURSE.username,
    ]);
    const created = auditTrail(s).filter((r) => r.action === 'account.create');
    expect(created).toEqual([
      expect.objectContaining({
        userId: admin.id,
        userName: ADMIN.fullName,
        recordType: 'user',
        recordId: account.id,
        outcome: 'ok',
        details: { username: NURSE.username, role: 'school_nurse' },
      }),
    ]);

    await s.must('auth.signOut', {});
    const session = await s.must('auth.signIn', {
      username: NURSE.username,
      password: NURSE.temporaryPassword,
    });
    expect(session.user).toMatchObject({ username: NURSE.username, role: 'school_nurse' });
    expect(session.mustChangePassword).toBe(true);
  });

  it('refuses a second account with a username already in use, whatever its case', async () => {
    const s = await setUp();
    await createAccount(s, NURSE);
    for (const username of [NURSE.username, '  CHAU.YTEHD ', ADMIN.username]) {
      const again = await s.call('account.create', {
        ...NURSE,
        username,
        fullName: 'Phạm Thị Châu',
      });
      expect(again.ok).toBe(false);
      if (again.ok) continue;
      expect(again.error.code).toBe('USERNAME_TAKEN');
      expect(again.error.issues).toEqual([{ path: ['username'], message: expect.any(String) }]);
    }
    expect(await s.must('account.list', {})).toHaveLength(2);
  });

  it('refuses a temporary password too weak to be a password', async () => {
    const s = await setUp();
    const result = await s.call('account.create', { ...NURSE, temporaryPassword: 'chau1' });
    expect(codeOf(result)).toBe('INVALID_INPUT');
    if (!result.ok) expect(result.error.issues?.[0]?.path).toEqual(['temporaryPassword']);
    expect(await s.must('account.list', {})).toHaveLength(1);
  });
});

describe('the nurse chooses her own password', () => {
  it('lets nothing else through until she has chosen it', async () => {
    const s = await setUp();
    await createAccount(s, NURSE);
    await s.must('auth.signOut', {});
    await s.must('auth.signIn', { username: NURSE.username, password: NURSE.temporaryPassword });

    const held = CHANNELS.filter(
      (c) => contract[c].access !== 'public' && !BEFORE_PASSWORD_CHANGE.has(c),
    );
    expect(held).toEqual(expect.arrayContaining(['resident.search', 'resident.create']));
    for (const channel of held) {
      const result = (await s.app.dispatch(channel, {})) as Result<unknown>;
      // A channel her role may never call is refused as such; every other one waits.
      const expected = mayCall(contract[channel].access, 'school_nurse')
        ? 'PASSWORD_CHANGE_REQUIRED'
        : 'FORBIDDEN';
      expect([channel, codeOf(result)]).toEqual([channel, expected]);
    }
    expect(await s.must('auth.keepAlive', {})).toEqual({ locked: false });
    expect((await s.must('auth.session', {}))?.mustChangePassword).toBe(true);
  });

  it('refuses a wrong current password, the old password again and a mistyped confirmation', async () => {
    const s = await setUp();
    await createAccount(s, NURSE);
    await s.must('auth.signOut', {});
    await s.must('auth.signIn', { username: NURSE.username, password: NURSE.temporaryPassword });

    const wrongCurrent = await s.call('auth.changePassword', {
      currentPassword: 'doanbua2026x',
      newPassword: NURSE_OWN_PASSWORD,
      confirmation: NURSE_OWN_PASSWORD,
    });
    expect(codeOf(wrongCurrent)).toBe('BAD_CREDENTIALS');
    if (!wrongCurrent.ok)
      expect(wrongCurrent.error.issues?.map((i) => i.path)).toEqual([['currentPassword']]);

    const sameAsOld = await s.call('auth.changePassword', {
      currentPassword: NURSE.temporaryPassword,
      newPassword: NURSE.temporaryPassword,
      confirmation: NURSE.temporaryPassword,
    });
    expect(codeOf(sameAsOld)).toBe('INVALID_INPUT');
    if (!sameAsOld.ok)
      expect(sameAsOld.error.issues).toEqual([
        { path: ['newPassword'], message: 'validation.password.unchanged' },
      ]);

    const mismatch = await s.call('auth.changePassword', {
      currentPassword: NURSE.temporaryPassword,
      newPassword: NURSE_OWN_PASSWORD,
      confirmation: 'truonghocbinhquoi2025',
    });
    expect(codeOf(mismatch)).toBe('INVALID_INPUT');
    if (!mismatch.ok)
      expect(mismatch.error.issues).toEqual([
        { path: ['confirmation'], message: 'validation.password.confirmation' },
      ]);

    const weak = await s.call('auth.changePassword', {
      currentPassword: NURSE.temporaryPassword,
      newPassword: 'chauchauchau',
      confirmation: 'chauchauchau',
    });
    expect(codeOf(weak)).toBe('INVALID_INPUT');

    // Nothing of that changed the password or let her in.
    expect(codeOf(await s.call('resident.search', { query: '' }))).toBe('PASSWORD_CHANGE_REQUIRED');
    const failed = auditTrail(s).filter((r) => r.action === 'auth.passwordChangeFailed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ userName: NURSE.fullName, outcome: 'failed' });
  });

  it('opens the station once she has chosen it, and only her new password signs her in', async () => {
    const s = await setUp();
    const { id } = await createAccount(s, NURSE);
    await s.must('auth.signOut', {});
    await s.must('auth.signIn', { username: NURSE.username, password: NURSE.temporaryPassword });
    const session = await s.must('auth.changePassword', {
      currentPassword: NURSE.temporaryPassword,
      newPassword: NURSE_OWN_PASSWORD,
      confirmation: NURSE_OWN_PASSWORD,
    });
    expect(session.mustChangePassword).toBe(false);
    expect(codeOf(await s.call('resident.search', { query: '' }))).toBe('ok');
    expect(
      codeOf(
        await s.call('resident.create', {
          resident: residentInput({ fullName: 'Lê Minh Khang', personalId: '', phones: [] }),
        }),
      ),
    ).toBe('ok');
    expect(auditTrail(s).filter((r) => r.action === 'auth.passwordChanged')).toEqual([
      expect.objectContaining({ userName: NURSE.fullName, recordType: 'user', recordId: id }),
    ]);

    await s.must('auth.signOut', {});
    expect(codeOf(await signIn(s, NURSE.username, NURSE.temporaryPassword))).toBe(
      'BAD_CREDENTIALS',
    );
    const again = await s.must('auth.signIn', {
      username: NURSE.username,
      password: NURSE_OWN_PASSWORD,
    });
    expect(again.mustChangePassword).toBe(false);
  });

  it('refuses the old password as the new one when it is typed with decomposed accents', async () => {
    // Vietnamese keyboards send either precomposed (NFC) or combining (NFD) letters; the
    // password hash treats both as one password, so "new = old" must too.
    const s = await setUp();
    const temporary = 'Trạm Bình Quới 2026'.normalize('NFC');
    await createAccount(s, { ...NURSE, temporaryPassword: temporary });
    await s.must('auth.signOut', {});
    await s.must('auth.signIn', { username: NURSE.username, password: temporary });
    const sameTypedOtherwise = temporary.normalize('NFD');
    expect(sameTypedOtherwise).not.toBe(temporary);
    const result = await s.call('auth.changePassword', {
      currentPassword: temporary,
      newPassword: sameTypedOtherwise,
      confirmation: sameTypedOtherwise,
    });
    expect(codeOf(result)).toBe('INVALID_INPUT');
  });
});

describe('an administrator resets a forgotten password', () => {
  it('makes the nurse choose a new password again and clears her lockout', async () => {
    const s = await setUp();
    const nurseId = await nurseWithOwnPassword(s);
    for (let i = 0; i < 5; i++) await signIn(s, NURSE.username, `quenmatkhau${i}x`);
    expect(codeOf(await signIn(s, NURSE.username, NURSE_OWN_PASSWORD))).toBe('ACCOUNT_LOCKED');

    await signInAsAdmin(s);
    const locked = await accountOf(s, NURSE.username);
    expect(locked.failedAttempts).toBe(5);
    expect(locked.lockedUntil).not.toBeNull();
    const reset = await s.must('account.resetPassword', {
      id: nurseId,
      temporaryPassword: 'datlai2026chau',
    });
    expect(reset).toMatchObject({ mustChangePassword: true, failedAttempts: 0, lockedUntil: null });
    expect(auditTrail(s).filter((r) => r.action === 'account.resetPassword')).toEqual([
      expect.objectContaining({ userName: ADMIN.fullName, recordType: 'user', recordId: nurseId }),
    ]);
    await s.must('auth.signOut', {});

    // No waiting: the reset opened the account at once.
    expect(codeOf(await signIn(s, NURSE.username, NURSE_OWN_PASSWORD))).toBe('BAD_CREDENTIALS');
    const session = await s.must('auth.signIn', {
      username: NURSE.username,
      password: 'datlai2026chau',
    });
    expect(session.mustChangePassword).toBe(true);
    expect(codeOf(await s.call('resident.search', { query: '' }))).toBe('PASSWORD_CHANGE_REQUIRED');
    await s.must('auth.changePassword', {
      currentPassword: 'datlai2026chau',
      newPassword: 'truonghocmoi2026',
      confirmation: 'truonghocmoi2026',
    });
    expect(codeOf(await s.call('resident.search', { query: '' }))).toBe('ok');
  });

  it('answers NOT_FOUND for an account that does not exist', async () => {
    const s = await setUp();
    const result = await s.call('account.resetPassword', {
      id: 'no-such-account',
      temporaryPassword: 'datlai2026chau',
    });
    expect(codeOf(result)).toBe('NOT_FOUND');
  });
});

describe('the station always keeps an administrator', () => {
  it('the only administrator can neither disable nor demote herself, but may correct her name', async () => {
    const s = await setUp();
    const me = (await s.must('auth.session', {}))!.user;
    const disable = await s.call('account.update', {
      id: me.id,
      fullName: ADMIN.fullName,
      role: 'administrator',
      disabled: true,
    });
    expect(codeOf(disable)).toBe('LAST_ADMINISTRATOR');
    const demote = await s.call('account.update', {
      id: me.id,
      fullName: ADMIN.fullName,
      role: 'health_worker',
      disabled: false,
    });
    expect(codeOf(demote)).toBe('LAST_ADMINISTRATOR');
    expect(await accountOf(s, ADMIN.username)).toMatchObject({
      role: 'administrator',
      disabled: false,
    });

    const renamed = await s.must('account.update', {
      id: me.id,
      fullName: 'Trần Văn Quảng',
      role: 'administrator',
      disabled: false,
    });
    expect(renamed.fullName).toBe('Trần Văn Quảng');
    expect((await s.must('auth.session', {}))?.user.fullName).toBe('Trần Văn Quảng');
    const update = auditTrail(s).filter((r) => r.action === 'account.update');
    expect(update).toHaveLength(1);
    expect(update[0]?.details).toMatchObject({ changed: ['fullName'] });
  });

  it('a second administrator may disable the first, but not herself, and is then the last one', async () => {
    const s = await setUp();
    const firstId = (await s.must('auth.session', {}))!.user.id;
    const second = await createAccount(s, {
      role: 'administrator',
      username: 'quanly2',
      fullName: 'Đỗ Thị Hạnh',
      temporaryPassword: 'tamthoi2026hanh',
    });
    await s.must('auth.signOut', {});
    await s.must('auth.signIn', { username: 'quanly2', password: 'tamthoi2026hanh' });
    await s.must('auth.changePassword', {
      currentPassword: 'tamthoi2026hanh',
      newPassword: 'quanly2hanh2026',
      confirmation: 'quanly2hanh2026',
    });

    const disabledFirst = await s.must('account.update', {
      id: firstId,
      fullName: ADMIN.fullName,
      role: 'administrator',
      disabled: true,
    });
    expect(disabledFirst.disabled).toBe(true);
    expect(
      codeOf(
        await s.call('account.update', {
          id: second.id,
          fullName: 'Đỗ Thị Hạnh',
          role: 'administrator',
          disabled: true,
        }),
      ),
    ).toBe('LAST_ADMINISTRATOR');
    expect(
      codeOf(
        await s.call('account.update', {
          id: second.id,
          fullName: 'Đỗ Thị Hạnh',
          role: 'supervisor',
          disabled: false,
        }),
      ),
    ).toBe('LAST_ADMINISTRATOR');

    await s.must('auth.signOut', {});
    expect(codeOf(await signIn(s, ADMIN.username, ADMIN.password))).toBe('BAD_CREDENTIALS');

    // Enabled again, the first administrator is back.
    await s.must('auth.signIn', { username: 'quanly2', password: 'quanly2hanh2026' });
    await s.must('account.update', {
      id: firstId,
      fullName: ADMIN.fullName,
      role: 'administrator',
      disabled: false,
    });
    await s.must('auth.signOut', {});
    expect(codeOf(await signIn(s, ADMIN.username, ADMIN.password))).toBe('ok');
  });

  it('an administrator may demote another administrator while she herself remains', async () => {
    const s = await setUp();
    const second = await createAccount(s, {
      role: 'administrator',
      username: 'quanly2',
      fullName: 'Đỗ Thị Hạnh',
      temporaryPassword: 'tamthoi2026hanh',
    });
    const demoted = await s.must('account.update', {
      id: second.id,
      fullName: 'Đỗ Thị Hạnh',
      role: 'supervisor',
      disabled: false,
    });
    expect(demoted.role).toBe('supervisor');
    const update = auditTrail(s).filter((r) => r.action === 'account.update');
    expect(update[0]).toMatchObject({
      recordId: second.id,
      details: { changed: ['role'], role: 'supervisor', disabled: false },
    });
  });

  it('answers NOT_FOUND when the account to change does not exist', async () => {
    const s = await setUp();
    const result = await s.call('account.update', {
      id: 'no-such-account',
      fullName: 'Ai Đó',
      role: 'health_worker',
      disabled: true,
    });
    expect(codeOf(result)).toBe('NOT_FOUND');
  });
});

describe('a disabled account', () => {
  it('cannot sign in, and is answered exactly like a wrong password', async () => {
    const s = await setUp();
    const nurseId = await nurseWithOwnPassword(s);
    await addStaff(s, 'health_worker');
    await signInAsAdmin(s);
    await s.must('account.update', {
      id: nurseId,
      fullName: NURSE.fullName,
      role: 'school_nurse',
      disabled: true,
    });
    await s.must('auth.signOut', {});

    const disabled = await signIn(s, NURSE.username, NURSE_OWN_PASSWORD);
    const wrongPassword = await signIn(s, STAFF.health_worker.username, 'khongdung2026');
    const unknown = await signIn(s, 'khongcoai', 'khongdung2026');
    expect(codeOf(disabled)).toBe('BAD_CREDENTIALS');
    expect(disabled).toEqual(wrongPassword);
    expect(disabled).toEqual(unknown);
    expect(await s.must('auth.session', {})).toBeNull();
    const failed = auditTrail(s).filter((r) => r.action === 'auth.signInFailed');
    expect(failed.map((r) => r.details['reason'])).toEqual([
      'disabled',
      'wrongPassword',
      'unknownUser',
    ]);

    await signInAsAdmin(s);
    await s.must('account.update', {
      id: nurseId,
      fullName: NURSE.fullName,
      role: 'school_nurse',
      disabled: false,
    });
    await s.must('auth.signOut', {});
    expect(codeOf(await signIn(s, NURSE.username, NURSE_OWN_PASSWORD))).toBe('ok');
  });
});

describe('only administrators manage accounts and settings', () => {
  const others: Exclude<Role, 'administrator'>[] = ['health_worker', 'school_nurse', 'supervisor'];

  it('refuses everyone else, and writes each refusal to the audit trail', async () => {
    const s = await setUp();
    const target = await createAccount(s, NURSE);
    for (const role of others) await addStaff(s, role);
    const accountsBefore = await s.must('account.list', {});
    const settingsBefore = await s.must('settings.get', {});

    for (const role of others) {
      await signInAs(s, role);
      const me = (await s.must('auth.session', {}))!.user;
      const attempts: [string, unknown][] = [
        ['account.list', {}],
        ['account.create', { ...NURSE, username: `moi.${role.replace('_', '')}` }],
        [
          'account.update',
          { id: target.id, fullName: NURSE.fullName, role: 'administrator', disabled: false },
        ],
        ['account.resetPassword', { id: target.id, temporaryPassword: 'datlai2026chau' }],
        ['settings.update', { idleLockMinutes: 60 }],
      ];
      for (const [channel, input] of attempts) {
        const result = (await s.app.dispatch(channel, input)) as Result<unknown>;
        expect([role, channel, codeOf(result)]).toEqual([role, channel, 'FORBIDDEN']);
      }
      expect(await s.must('settings.get', {})).toEqual(settingsBefore);

      const denied = auditTrail(s).filter(
        (r) => r.action === 'access.denied' && r.userId === me.id,
      );
      expect(denied.map((r) => [r.outcome, r.details['channel'], r.details['role']])).toEqual(
        attempts.map(([channel]) => ['denied', channel, role]),
      );
      expect(denied.every((r) => r.userName === STAFF[role].fullName)).toBe(true);
    }

    // Signing in is all that happened to the accounts.
    await signInAsAdmin(s);
    const withoutSignIn = (accounts: typeof accountsBefore) =>
      accounts.map(({ lastSignInAt: _lastSignIn, ...rest }) => rest);
    expect(withoutSignIn(await s.must('account.list', {}))).toEqual(withoutSignIn(accountsBefore));
    expect(await s.must('settings.get', {})).toEqual(settingsBefore);
  });
});

describe('passwords are never kept in clear', () => {
  it('leaves no password in the audit trail or anywhere in the database file', async () => {
    const s = await setUp();
    const passwords = [
      ADMIN.password,
      NURSE.temporaryPassword,
      NURSE_OWN_PASSWORD,
      'Trạm-Bình-Quới-2026',
      'doanmo2026chau',
      'moikhoa2026sai',
      'datlai2026hoa',
    ];
    const nurseId = await nurseWithOwnPassword(s);
    await signIn(s, NURSE.username, 'doanmo2026chau');
    await s.must('auth.signIn', { username: NURSE.username, password: NURSE_OWN_PASSWORD });
    await s.must('auth.changePassword', {
      currentPassword: NURSE_OWN_PASSWORD,
      newPassword: 'Trạm-Bình-Quới-2026',
      confirmation: 'Trạm-Bình-Quới-2026',
    });
    await s.must('auth.lock', {});
    await s.call('auth.unlock', { password: 'moikhoa2026sai' });
    await s.must('auth.unlock', { password: 'Trạm-Bình-Quới-2026' });
    await s.must('auth.signOut', {});
    await signInAsAdmin(s);
    await s.must('account.resetPassword', { id: nurseId, temporaryPassword: 'datlai2026hoa' });
    await s.must('audit.export', {});

    const trail = JSON.stringify(auditTrail(s));
    // The file is encrypted: nothing is readable in its raw bytes. Search the decrypted pages,
    // so that "not stored" means not stored, not merely encrypted.
    const raw = databaseBytes(s.dataDirectory);
    expect(raw.length).toBeGreaterThan(0);
    expect(raw.includes(Buffer.from(NURSE.username, 'utf8'))).toBe(false);
    const bytes = decryptedDatabaseImage(s.dataDirectory);
    expect(bytes.includes(Buffer.from(NURSE.username, 'utf8'))).toBe(true); // the search works
    for (const password of passwords) {
      expect([password, trail.includes(password)]).toEqual([password, false]);
      expect([password, bytes.includes(Buffer.from(password.normalize('NFC'), 'utf8'))]).toEqual([
        password,
        false,
      ]);
    }
  });

  it('does not keep a password typed into the username box by mistake', async () => {
    // The commonest slip at a sign-in screen: the password typed where the username goes.
    const s = await setUp();
    await nurseWithOwnPassword(s);
    const slip = await signIn(s, NURSE_OWN_PASSWORD, NURSE_OWN_PASSWORD);
    expect(codeOf(slip)).toBe('BAD_CREDENTIALS');
    expect(JSON.stringify(auditTrail(s))).not.toContain(NURSE_OWN_PASSWORD);
    expect(decryptedDatabaseImage(s.dataDirectory).includes(Buffer.from(NURSE_OWN_PASSWORD))).toBe(
      false,
    );
  });
});
