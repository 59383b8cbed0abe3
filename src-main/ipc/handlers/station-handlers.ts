import { AppFailure } from '../../../src-shared/ipc/errors';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations';
import { pendingOutboxByKind } from '../../db/outbox-repository';
import { getStation, insertStation, type StationRow } from '../../db/station-repository';
import {
  findUserByUsername,
  insertUser,
  recordFailedSignIn,
  recordSignIn,
} from '../../db/user-repository';
import { lockedUntilAfter, secondsUntil } from '../../services/lockout';
import { decoyHash, hashPassword, verifyPassword } from '../../services/passwords';
import { nowIso, type HandlerContext } from '../context';
import { currentSession, lockIfIdle, openSession } from '../session-builder';
import { stationSigningKey } from '../../sync/station-keys';
import type { HandlerMap } from './types';

function stationOrFail(ctx: HandlerContext): StationRow {
  const station = getStation(ctx.db);
  if (!station) throw new AppFailure('NOT_SET_UP', 'The station has not been set up yet.');
  return station;
}

export const stationHandlers: HandlerMap<
  | 'app.info'
  | 'setup.status'
  | 'setup.initialize'
  | 'auth.session'
  | 'auth.signIn'
  | 'auth.signOut'
  | 'outbox.summary'
> = {
  'app.info': (_input, ctx) => ({ ...ctx.info, schemaVersion: LATEST_SCHEMA_VERSION }),

  'setup.status': (_input, ctx) => ({ configured: getStation(ctx.db) !== null }),

  'setup.initialize': async (input, ctx) => {
    if (getStation(ctx.db))
      throw new AppFailure('ALREADY_SET_UP', 'The station is already set up.');
    // Hash before the transaction: better-sqlite3 transactions must stay synchronous.
    const passwordHash = await hashPassword(input.administrator.password);
    const at = nowIso(ctx);
    const station: StationRow = { id: ctx.newId(), ...input.station, createdAt: at };
    const admin = {
      id: ctx.newId(),
      username: input.administrator.username,
      fullName: input.administrator.fullName,
      role: 'administrator' as const,
      passwordHash,
      createdAt: at,
      createdBy: null,
      mustChangePassword: false,
    };
    ctx.db
      .transaction(() => {
        if (getStation(ctx.db))
          throw new AppFailure('ALREADY_SET_UP', 'The station is already set up.');
        insertStation(ctx.db, station);
        insertUser(ctx.db, admin);
        ctx.audit({
          action: 'setup.initialize',
          userId: admin.id,
          userName: admin.fullName,
          recordType: 'station',
          recordId: station.id,
          details: { communeCode: station.communeCode, facilityCode: station.facilityCode },
        });
      })
      .immediate();
    // The station's sync signing key is made at set-up (docs/sync-station.md); its private
    // half goes to the keychain, never to the database.
    if (ctx.secretStore) {
      await stationSigningKey(ctx.db, ctx.secretStore, nowIso(ctx), (kid) =>
        ctx.audit({
          action: 'sync.createStationKey',
          userId: admin.id,
          userName: admin.fullName,
          recordType: 'syncKey',
          recordId: kid,
        }),
      );
    }
    return openSession(ctx, admin, station);
  },

  'auth.session': (_input, ctx) => {
    lockIfIdle(ctx);
    return currentSession(ctx);
  },

  'auth.signIn': async (input, ctx) => {
    const station = stationOrFail(ctx);
    const user = findUserByUsername(ctx.db, input.username);
    const now = ctx.now();
    const waitSeconds = secondsUntil(user?.lockedUntil ?? null, now);
    if (user && waitSeconds > 0) {
      ctx.db.transaction(() =>
        ctx.audit({
          action: 'auth.signInFailed',
          userId: user.id,
          userName: user.fullName,
          outcome: 'denied',
          details: { reason: 'locked', retryAfterSeconds: waitSeconds },
        }),
      )();
      throw new AppFailure('ACCOUNT_LOCKED', 'Too many failed sign-ins; try again later.', {
        details: { retryAfterSeconds: waitSeconds },
      });
    }
    const valid = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash()));
    if (!user || !valid || user.disabled) {
      ctx.db.transaction(() => {
        if (user && !valid) {
          const attempts = user.failedAttempts + 1;
          recordFailedSignIn(ctx.db, user.id, attempts, lockedUntilAfter(attempts, now));
        }
        ctx.audit({
          action: 'auth.signInFailed',
          userId: user?.id ?? null,
          // What was typed for an unknown username is not kept: people type their password
          // into the username box often enough.
          userName: user?.fullName ?? '',
          outcome: 'failed',
          details: { reason: !user ? 'unknownUser' : user.disabled ? 'disabled' : 'wrongPassword' },
        });
      })();
      throw new AppFailure('BAD_CREDENTIALS', 'Wrong username or password.');
    }
    const at = now.toISOString();
    ctx.db.transaction(() => {
      recordSignIn(ctx.db, user.id, at);
      ctx.audit({ action: 'auth.signIn', userId: user.id, userName: user.fullName });
    })();
    return openSession(ctx, user, station);
  },

  'auth.signOut': (_input, ctx) => {
    if (ctx.session.current) ctx.db.transaction(() => ctx.audit({ action: 'auth.signOut' }))();
    ctx.session.current = null;
    return null;
  },

  'outbox.summary': (_input, ctx) => {
    const byKind = pendingOutboxByKind(ctx.db);
    return { pending: Object.values(byKind).reduce((a, b) => a + b, 0), byKind };
  },
};
