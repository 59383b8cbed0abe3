import type { SecretStore } from '../security/secret-store';
import type { AuditIntegrity, Session } from '../../src-shared/schemas/station';
import type { AuditEntry } from '../audit/audit-log';
import type { Db } from '../db/connection';

/** An audit entry; the signed-in user is filled in unless the entry names someone. */
export type AuditInput = Omit<AuditEntry, 'userId' | 'userName'> &
  Partial<Pick<AuditEntry, 'userId' | 'userName'>>;

/**
 * The station database file, for backup and restore: only the app that opened the file
 * (with its key) can replace it. Absent when the app runs on a database it did not open.
 */
export interface StationStorage {
  nativeBinding: string | undefined;
  /**
   * Replaces the station database with a verified plain SQLite image: the image is written
   * to a private copy in the data directory and encrypted with this workstation's key at
   * once, opened and migrated, handed to `prepare` (inside nothing: e.g. to audit), then
   * the live connection is closed, the copy renamed over the file and opened as `ctx.db`.
   * Any failure before the rename leaves the live database as it was.
   */
  replaceDatabase(image: Buffer, prepare: (db: Db) => void): void;
}

/** What every handler may use. Clock, ids and randomness are injected so tests control them. */
export interface HandlerContext {
  /** The open station database; re-pointed (only) when a backup is restored. */
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
  storage?: StationStorage;
  /**
   * The OS keychain (Electron safeStorage) or the file store of the browser shell and tests:
   * where the station's sync signing key lives (src-main/sync). Set by openStationApp.
   */
  secretStore?: SecretStore;
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
