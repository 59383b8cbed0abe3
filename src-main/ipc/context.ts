import type { AuditIntegrity, Session } from '../../src-shared/schemas/station';
import type { AuditEntry } from '../audit/audit-log';
import type { Db } from '../db/connection';

/** An audit entry; the signed-in user is filled in unless the entry names someone. */
export type AuditInput = Omit<AuditEntry, 'userId' | 'userName'> &
  Partial<Pick<AuditEntry, 'userId' | 'userName'>>;

/** What every handler may use. Clock, ids and randomness are injected so tests control them. */
export interface HandlerContext {
  db: Db;
  now: () => Date;
  newId: () => string;
  randomBytes: (n: number) => Uint8Array;
  session: SessionHolder;
  /** Appends to the audit trail; call inside the transaction of the change it records. */
  audit: (entry: AuditInput) => void;
  /** The audit trail's integrity as last checked (at start-up or on request). */
  auditIntegrity: { current: AuditIntegrity };
  info: { version: string; dataDirectory: string; shell: 'electron' | 'browser' };
}

/** One workstation, one signed-in person at a time; lives in the main process only. */
export class SessionHolder {
  current: Session | null = null;
  /** Last call made while signed in (ms since epoch); the idle lock counts from here. */
  lastActivityAt = 0;
}

export function requireSession(ctx: HandlerContext): Session {
  const session = ctx.session.current;
  if (!session) throw new Error('handler reached without a session; dispatch checks this first');
  return session;
}

export function nowIso(ctx: HandlerContext): string {
  return ctx.now().toISOString();
}
