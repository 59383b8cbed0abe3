import type { Session } from '../../src-shared/schemas/station';
import { getSettings } from '../db/settings-repository';
import type { StationRow } from '../db/station-repository';
import type { UserRow } from '../db/user-repository';
import type { HandlerContext } from './context';

/** Starts (or replaces) the workstation's session for this user. */
export function openSession(
  ctx: HandlerContext,
  user: Pick<UserRow, 'id' | 'username' | 'fullName' | 'role' | 'mustChangePassword'>,
  station: StationRow,
): Session {
  ctx.session.current = {
    user: { id: user.id, username: user.username, fullName: user.fullName, role: user.role },
    station,
    locked: false,
    mustChangePassword: user.mustChangePassword,
    idleLockMinutes: getSettings(ctx.db).idleLockMinutes,
    auditIntegrity: ctx.auditIntegrity.current,
  };
  ctx.session.lastActivityAt = ctx.now().getTime();
  return ctx.session.current;
}

/** The session as it stands, with the latest settings and integrity result. */
export function currentSession(ctx: HandlerContext): Session | null {
  const session = ctx.session.current;
  if (!session) return null;
  ctx.session.current = {
    ...session,
    idleLockMinutes: getSettings(ctx.db).idleLockMinutes,
    auditIntegrity: ctx.auditIntegrity.current,
  };
  return ctx.session.current;
}

/**
 * The idle lock, enforced on the privileged side too: a renderer that stopped counting (a
 * frozen page, a hostile script) cannot keep an unattended workstation open.
 */
export function lockIfIdle(ctx: HandlerContext): void {
  const session = ctx.session.current;
  if (!session || session.locked) return;
  const idleMs = ctx.now().getTime() - ctx.session.lastActivityAt;
  if (idleMs >= session.idleLockMinutes * 60_000) {
    ctx.session.current = { ...session, locked: true };
    ctx.audit({ action: 'auth.idleLock', details: { idleMinutes: Math.floor(idleMs / 60_000) } });
  }
}
