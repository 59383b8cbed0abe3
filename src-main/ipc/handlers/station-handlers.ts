import { AppFailure } from '../../../src-shared/ipc/errors';
import type { Session } from '../../../src-shared/schemas/station';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations';
import { pendingOutboxByKind } from '../../db/outbox-repository';
import { getStation, insertStation, type StationRow } from '../../db/station-repository';
import { findUserByUsername, insertUser, type UserRow } from '../../db/user-repository';
import { decoyHash, hashPassword, verifyPassword } from '../../services/passwords';
import { nowIso, type HandlerContext } from '../context';
import type { HandlerMap } from './types';

function sessionFor(
  user: Pick<UserRow, 'id' | 'username' | 'fullName' | 'role'>,
  station: StationRow,
): Session {
  return {
    user: { id: user.id, username: user.username, fullName: user.fullName, role: user.role },
    station,
  };
}

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
    };
    ctx.db
      .transaction(() => {
        if (getStation(ctx.db))
          throw new AppFailure('ALREADY_SET_UP', 'The station is already set up.');
        insertStation(ctx.db, station);
        insertUser(ctx.db, admin);
      })
      .immediate();
    ctx.session.current = sessionFor(admin, station);
    return ctx.session.current;
  },

  'auth.session': (_input, ctx) => ctx.session.current,

  'auth.signIn': async (input, ctx) => {
    const station = stationOrFail(ctx);
    const user = findUserByUsername(ctx.db, input.username);
    const valid = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash()));
    if (!user || !valid || user.disabled) {
      throw new AppFailure('BAD_CREDENTIALS', 'Wrong username or password.');
    }
    ctx.session.current = sessionFor(user, station);
    return ctx.session.current;
  },

  'auth.signOut': (_input, ctx) => {
    ctx.session.current = null;
    return null;
  },

  'outbox.summary': (_input, ctx) => {
    const byKind = pendingOutboxByKind(ctx.db);
    return { pending: Object.values(byKind).reduce((a, b) => a + b, 0), byKind };
  },
};
