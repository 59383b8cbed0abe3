import { existsSync } from 'node:fs';
import { AppFailure } from '../../src-shared/ipc/errors';
import { openConnection, type CipherScheme, type Db } from './driver';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';

export type { Db, Statement } from './driver';

export interface OpenOptions {
  /**
   * The raw 256-bit database key, or null for a plain file. The app always passes a key
   * (src-main/app/station-app.ts); null is for tests and the bench.
   */
  key: Buffer | null;
  /** Path to an Electron-ABI build of the driver (see src-main/electron/native-binding.ts). */
  nativeBinding?: string | undefined;
  /** The page cipher of an existing file (driver.ts); DATABASE_CIPHER when not given. */
  cipher?: CipherScheme;
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

/**
 * The schema version of an existing file, read through a read-only connection (keyed first
 * when a key is given), or null when there is no file yet. A wrong or missing key throws
 * DatabaseKeyError here, before anything is written.
 */
export function readSchemaVersion(file: string, options: OpenOptions): number | null {
  if (!existsSync(file)) return null;
  const probe = openConnection(file, {
    key: options.key,
    readonly: true,
    fileMustExist: true,
    nativeBinding: options.nativeBinding,
    ...(options.cipher ? { cipher: options.cipher } : {}),
  });
  try {
    return probe.pragma('user_version', { simple: true }) as number;
  } finally {
    probe.close();
  }
}

/** Throws DatabaseTooNewError, untouched, for a file written by a newer app. */
export function assertNotTooNew(file: string, options: OpenOptions): void {
  const existing = readSchemaVersion(file, options);
  if (existing !== null && existing > LATEST_SCHEMA_VERSION) {
    throw new DatabaseTooNewError(existing, LATEST_SCHEMA_VERSION);
  }
}

/**
 * Opens (creating if needed) the station database: the key first on every connection, then
 * the schema version through a read-only connection, so a file from a newer app (or a wrong
 * key) is refused before anything is written; then WAL, foreign keys, a busy timeout, temp
 * storage in memory, and the pending migrations in one transaction.
 */
export function openDatabase(file: string, options: OpenOptions): Db {
  assertNotTooNew(file, options);
  const db = openConnection(file, { key: options.key, nativeBinding: options.nativeBinding });
  try {
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; only an OS crash or power
    // loss can drop the last transactions, never corrupt the file (sqlite.org/pragma.html).
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Sorts and temporary indexes stay in memory: SQLite's temporary files are not encrypted.
    db.pragma('temp_store = MEMORY');
    // Up to 64 MiB of pages kept decrypted (the driver's default is 16 MiB): on an encrypted
    // file every page read from disk costs a decryption and an HMAC check, which the OS cache
    // cannot save. It fills only as pages are used; the bench measured a small, noisy gain.
    db.pragma('cache_size = -65536');
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
