import type { Session } from '../../src-shared/schemas/station';
import type { Db } from '../db/connection';

/** What every handler may use. Clock, ids and randomness are injected so tests control them. */
export interface HandlerContext {
  db: Db;
  now: () => Date;
  newId: () => string;
  randomBytes: (n: number) => Uint8Array;
  session: SessionHolder;
  info: { version: string; dataDirectory: string; shell: 'electron' | 'browser' };
}

/** One workstation, one signed-in person at a time; lives in the main process only. */
export class SessionHolder {
  current: Session | null = null;
}

export function requireSession(ctx: HandlerContext): Session {
  const session = ctx.session.current;
  if (!session) throw new Error('handler reached without a session; dispatch checks this first');
  return session;
}

export function nowIso(ctx: HandlerContext): string {
  return ctx.now().toISOString();
}
