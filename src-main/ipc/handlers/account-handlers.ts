import { AppFailure } from '../../../src-shared/ipc/errors';
import type { Account, Settings } from '../../../src-shared/schemas/station';
import { getSettings, saveSettings } from '../../db/settings-repository';
import {
  countActiveAdministrators,
  findUserByUsername,
  getAccount,
  getUser,
  insertUser,
  listAccounts,
  recordFailedSignIn,
  recordSignIn,
  setPassword,
  updateAccount,
  type UserRow,
} from '../../db/user-repository';
import { LOCKOUT_POLICY, lockedUntilAfter } from '../../services/lockout';
import { hashPassword, verifyPassword } from '../../services/passwords';
import { retireSupervisorKeys } from '../../db/sync-repository';
import { resealSupervisorKey } from '../../sync/station-keys';
import { nowIso, requireSession, type HandlerContext } from '../context';
import { currentSession } from '../session-builder';
import type { HandlerMap } from './types';

function accountOrFail(ctx: HandlerContext, id: string): Account {
  const account = getAccount(ctx.db, id);
  if (!account) throw new AppFailure('NOT_FOUND', 'No such account.');
  return account;
}

/**
 * A wrong password typed while signed in (at the lock screen, or as the current password
 * when changing it) counts towards the account's lockout like a failed sign-in; at the limit
 * the session ends, so a stranger at an unattended workstation cannot keep guessing.
 */
function wrongPasswordInSession(
  ctx: HandlerContext,
  user: UserRow | null,
  action: string,
  field: string,
): never {
  const attempts = (user?.failedAttempts ?? 0) + 1;
  ctx.db.transaction(() => {
    if (user) recordFailedSignIn(ctx.db, user.id, attempts, lockedUntilAfter(attempts, ctx.now()));
    ctx.audit({ action, outcome: 'failed', details: { attempts } });
  })();
  if (attempts >= LOCKOUT_POLICY.freeAttempts) {
    ctx.session.current = null;
    throw new AppFailure('NOT_SIGNED_IN', 'Too many wrong passwords: signed out.');
  }
  throw new AppFailure('BAD_CREDENTIALS', 'Wrong password.', {
    issues: [{ path: [field], message: 'validation.password.wrong' }],
  });
}

export const accountHandlers: HandlerMap<
  | 'auth.changePassword'
  | 'auth.lock'
  | 'auth.unlock'
  | 'auth.keepAlive'
  | 'account.list'
  | 'account.create'
  | 'account.update'
  | 'account.resetPassword'
  | 'settings.get'
  | 'settings.update'
> = {
  'auth.changePassword': async (input, ctx) => {
    const session = requireSession(ctx);
    const user = getUser(ctx.db, session.user.id);
    if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
      wrongPasswordInSession(ctx, user, 'auth.passwordChangeFailed', 'currentPassword');
    }
    const passwordHash = await hashPassword(input.newPassword);
    // Her sync signing key is sealed under her password: sealed again under the new one.
    const resealKey = await resealSupervisorKey(
      ctx.db,
      user.id,
      input.currentPassword,
      input.newPassword,
    );
    ctx.db.transaction(() => {
      setPassword(ctx.db, {
        id: user.id,
        passwordHash,
        mustChangePassword: false,
        at: nowIso(ctx),
      });
      resealKey?.();
      ctx.audit({ action: 'auth.passwordChanged', recordType: 'user', recordId: user.id });
    })();
    ctx.session.current = { ...session, mustChangePassword: false };
    return currentSession(ctx)!;
  },

  'auth.lock': (_input, ctx) => {
    const session = requireSession(ctx);
    if (!session.locked) {
      ctx.db.transaction(() => ctx.audit({ action: 'auth.lock' }))();
      ctx.session.current = { ...session, locked: true };
    }
    return currentSession(ctx)!;
  },

  /**
   * Unlocking needs the signed-in person's own password. Failures count towards the
   * account's lockout; at the limit the session ends, so a stranger at an unattended
   * workstation cannot keep guessing.
   */
  'auth.unlock': async (input, ctx) => {
    const session = requireSession(ctx);
    const user = getUser(ctx.db, session.user.id);
    const valid =
      user !== null && !user.disabled && (await verifyPassword(input.password, user.passwordHash));
    const now = ctx.now();
    if (!user || !valid) wrongPasswordInSession(ctx, user, 'auth.unlockFailed', 'password');
    ctx.db.transaction(() => {
      recordSignIn(ctx.db, user.id, now.toISOString());
      ctx.audit({ action: 'auth.unlock' });
    })();
    ctx.session.current = { ...session, locked: false };
    ctx.session.lastActivityAt = now.getTime();
    return currentSession(ctx)!;
  },

  'auth.keepAlive': (_input, ctx) => ({ locked: requireSession(ctx).locked }),

  'account.list': (_input, ctx) => listAccounts(ctx.db),

  'account.create': async (input, ctx) => {
    if (findUserByUsername(ctx.db, input.username)) {
      throw new AppFailure('USERNAME_TAKEN', 'This username is taken.', {
        issues: [{ path: ['username'], message: 'validation.usernameTaken' }],
      });
    }
    const session = requireSession(ctx);
    const passwordHash = await hashPassword(input.temporaryPassword);
    const id = ctx.newId();
    ctx.db
      .transaction(() => {
        if (findUserByUsername(ctx.db, input.username)) {
          throw new AppFailure('USERNAME_TAKEN', 'This username is taken.');
        }
        insertUser(ctx.db, {
          id,
          username: input.username,
          fullName: input.fullName,
          role: input.role,
          passwordHash,
          createdAt: nowIso(ctx),
          createdBy: session.user.id,
          mustChangePassword: true,
        });
        ctx.audit({
          action: 'account.create',
          recordType: 'user',
          recordId: id,
          details: { username: input.username, role: input.role },
        });
      })
      .immediate();
    return accountOrFail(ctx, id);
  },

  'account.update': (input, ctx) => {
    const session = requireSession(ctx);
    ctx.db
      .transaction(() => {
        const before = accountOrFail(ctx, input.id);
        const losesAdministrator =
          before.role === 'administrator' &&
          !before.disabled &&
          (input.role !== 'administrator' || input.disabled);
        // A station must always keep one administrator who can sign in, and nobody locks
        // herself out by accident.
        if (input.id === session.user.id && (input.disabled || input.role !== before.role)) {
          throw new AppFailure(
            'LAST_ADMINISTRATOR',
            'You cannot disable your own account or change your own role.',
          );
        }
        if (losesAdministrator && countActiveAdministrators(ctx.db) <= 1) {
          throw new AppFailure(
            'LAST_ADMINISTRATOR',
            'The station needs at least one active administrator.',
          );
        }
        updateAccount(ctx.db, { ...input, at: nowIso(ctx) });
        ctx.audit({
          action: 'account.update',
          recordType: 'user',
          recordId: input.id,
          details: {
            changed: (['fullName', 'role', 'disabled'] as const).filter(
              (k) => before[k] !== input[k],
            ),
            role: input.role,
            disabled: input.disabled,
          },
        });
      })
      .immediate();
    if (input.id === session.user.id) {
      ctx.session.current = { ...session, user: { ...session.user, fullName: input.fullName } };
    }
    return accountOrFail(ctx, input.id);
  },

  'account.resetPassword': async (input, ctx) => {
    accountOrFail(ctx, input.id);
    const passwordHash = await hashPassword(input.temporaryPassword);
    ctx.db
      .transaction(() => {
        setPassword(ctx.db, {
          id: input.id,
          passwordHash,
          mustChangePassword: true,
          at: nowIso(ctx),
        });
        ctx.audit({ action: 'account.resetPassword', recordType: 'user', recordId: input.id });
        // A reset cannot open her sealed sync key (docs/sync-station.md): it is retired, and
        // she sets up a new one, which the city registers from a new enrollment file.
        const retiredKid = retireSupervisorKeys(ctx.db, input.id, nowIso(ctx));
        if (retiredKid !== null) {
          ctx.audit({
            action: 'sync.retireSupervisorKey',
            recordType: 'syncKey',
            recordId: retiredKid,
          });
        }
      })
      .immediate();
    return accountOrFail(ctx, input.id);
  },

  'settings.get': (_input, ctx) => getSettings(ctx.db),

  'settings.update': (input, ctx) => {
    const session = requireSession(ctx);
    ctx.db
      .transaction(() => {
        const before = getSettings(ctx.db);
        const after = { ...before, ...input };
        saveSettings(ctx.db, after, nowIso(ctx), session.user.id);
        // Only what changed: the trail says what the administrator did, not the whole page.
        const changed = (Object.keys(after) as (keyof Settings)[]).filter(
          (key) => after[key] !== before[key],
        );
        ctx.audit({
          action: 'settings.update',
          recordType: 'settings',
          details: {
            before: Object.fromEntries(changed.map((key) => [key, before[key]])),
            after: Object.fromEntries(changed.map((key) => [key, after[key]])),
          },
        });
      })
      .immediate();
    return getSettings(ctx.db);
  },
};
