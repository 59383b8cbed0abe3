import Database from 'better-sqlite3';
import { AppFailure } from '../../src-shared/ipc/errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** Path to an Electron-ABI build of better-sqlite3 (see src-main/electron/native-binding.ts). */
  nativeBinding?: string;
}

/** Refused without touching the file: it was written by a newer version of the app. */
export class DatabaseTooNewError extends AppFailure {
  constructor(
    readonly fileVersion: number,
    readonly appVersion: number,
  ) {
    super(
      'STORAGE_FAILURE',
      `The station database has schema version ${fileVersion}, newer than this app's ${appVersion}. ` +
        'Install the newer version of Ward Health Station; the file was not changed.',
      { details: { reason: 'DATABASE_TOO_NEW', fileVersion, appVersion } },
    );
  }
}

function readSchemaVersion(file: string, options: OpenOptions): number | null {
  let probe: Db;
  try {
    probe = new Database(file, {
      readonly: true,
      fileMustExist: true,
      nativeBinding: options.nativeBinding,
    });
  } catch {
    return null; // no file yet
  }
  try {
    return probe.pragma('user_version', { simple: true }) as number;
  } finally {
    probe.close();
  }
}

/**
 * Opens (creating if needed) the station database: checks the schema version read-only first,
 * so a file from a newer app is refused before anything is written, then WAL, foreign keys,
 * a busy timeout, and the pending migrations in one transaction.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const existing = readSchemaVersion(file, options);
  if (existing !== null && existing > LATEST_SCHEMA_VERSION) {
    throw new DatabaseTooNewError(existing, LATEST_SCHEMA_VERSION);
  }
  const db = new Database(file, { nativeBinding: options.nativeBinding });
  try {
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; only an OS crash or power
    // loss can drop the last transactions, never corrupt the file (sqlite.org/pragma.html).
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_SCHEMA_VERSION)
    throw new DatabaseTooNewError(current, LATEST_SCHEMA_VERSION);
  const pending = MIGRATIONS.filter((m) => m.version > current);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const migration of pending) {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
}
