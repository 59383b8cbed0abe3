import {
  closeSync,
  copyFileSync,
  fsyncSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { AppFailure } from '../../src-shared/ipc/errors';
import { fsyncDirectory } from '../security/secret-store';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { DatabaseTooNewError, readSchemaVersion } from './connection';
import {
  DATABASE_CIPHER,
  DatabaseKeyError,
  openConnection,
  rekeyCopy,
  type CipherScheme,
  type Db,
} from './driver';

/**
 * Encryption at rest of the station database, and the one-time migration of plain databases
 * written by earlier versions of the app.
 */

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * What is on disk, from the first 16 bytes: a plain SQLite file starts with its magic
 * string; an encrypted one (either cipher scheme) starts with its random salt.
 */
export type DatabaseFileState = 'missing' | 'empty' | 'plain' | 'encrypted';

export function databaseFileState(file: string): DatabaseFileState {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const read = readSync(fd, head, 0, head.length, 0);
    if (read === 0) return 'empty';
    return read === head.length && head.equals(SQLITE_HEADER) ? 'plain' : 'encrypted';
  } finally {
    closeSync(fd);
  }
}

function sizeOf(file: string): number | null {
  try {
    return statSync(file).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * A write-ahead log without its database (or beside an empty one) would be replayed into the
 * new encrypted database when WAL mode is switched on. It may hold records: never guess.
 */
export function assertNoOrphanWal(file: string): void {
  const wal = sizeOf(`${file}-wal`);
  if (wal !== null && wal > 0) {
    throw new AppFailure(
      'STORAGE_FAILURE',
      `${file}-wal holds ${wal} bytes of a database journal, but the database file itself is missing ` +
        'or empty. Nothing was created. Restore the database file, or move both away to start a new station.',
      { details: { reason: 'ORPHAN_WAL' } },
    );
  }
}

/** The private copy made while encrypting; a leftover one is from an interrupted attempt. */
export function encryptingCopyOf(file: string): string {
  return `${file}.encrypting`;
}

const COMPANIONS = ['', '-journal', '-wal', '-shm'] as const;

function removeCopy(copy: string): void {
  for (const suffix of COMPANIONS) rmSync(`${copy}${suffix}`, { force: true });
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** What must be the same in the plain original and the encrypted copy. */
interface Snapshot {
  userVersion: number;
  schema: string[];
  rows: Record<string, number>;
}

function snapshot(db: Db): Snapshot {
  const schema = db
    .prepare(
      `SELECT type, name, tbl_name AS tableName, coalesce(sql, '') AS sql FROM sqlite_schema
       ORDER BY type, name`,
    )
    .all() as { type: string; name: string; tableName: string; sql: string }[];
  const rows: Record<string, number> = {};
  for (const entry of schema) {
    if (entry.type !== 'table' || entry.sql.startsWith('CREATE VIRTUAL')) continue;
    const quoted = `"${entry.name.replaceAll('"', '""')}"`;
    rows[entry.name] = (db.prepare(`SELECT count(*) AS n FROM ${quoted}`).get() as { n: number }).n;
  }
  return {
    userVersion: db.pragma('user_version', { simple: true }) as number,
    schema: schema.map((e) => `${e.type}\t${e.name}\t${e.tableName}\t${e.sql}`),
    rows,
  };
}

function describeDifference(expected: Snapshot, actual: Snapshot): string | null {
  if (expected.userVersion !== actual.userVersion) {
    return `schema version ${actual.userVersion} instead of ${expected.userVersion}`;
  }
  if (expected.schema.join('\n') !== actual.schema.join('\n')) return 'a different schema';
  for (const [table, n] of Object.entries(expected.rows)) {
    if (actual.rows[table] !== n)
      return `${actual.rows[table] ?? 'no'} rows in ${table} instead of ${n}`;
  }
  return null;
}

/**
 * The scheme an encrypted file opens with under `key`: the current one, or SQLCipher 4 for a
 * file of an earlier version. Null when neither opens it (another key, or not a database).
 */
export function encryptedSchemeOf(
  file: string,
  key: Buffer,
  nativeBinding?: string,
): CipherScheme | null {
  for (const cipher of [DATABASE_CIPHER, 'sqlcipher'] as const) {
    try {
      openConnection(file, {
        key,
        cipher,
        readonly: true,
        fileMustExist: true,
        nativeBinding,
      }).close();
      return cipher;
    } catch (error) {
      if (!(error instanceof DatabaseKeyError) || error.reason !== 'DATABASE_KEY_REJECTED')
        throw error;
    }
  }
  return null;
}

export class EncryptionMigrationError extends AppFailure {
  constructor(message: string, cause?: unknown) {
    super(
      'STORAGE_FAILURE',
      `The station database could not be encrypted: ${message} The original file was not changed; ` +
        'the app will try again at the next start.',
      { details: { reason: 'ENCRYPTION_MIGRATION_FAILED' } },
    );
    this.name = 'EncryptionMigrationError';
    if (cause !== undefined) this.cause = cause;
  }
}

/** The points the migration passes, in order; tests take a copy of the files at each. */
export type EncryptionStep =
  | 'started'
  | 'checkpointed'
  | 'copied'
  | 'rekeyed'
  | 'verified'
  | 'synced'
  | 'old-journal-removed'
  | 'replaced';

export interface EncryptOptions {
  nativeBinding?: string | undefined;
  /**
   * The newest schema version the caller opens: the station's by default. A file with a
   * newer one is refused untouched (DatabaseTooNewError).
   */
  latestSchemaVersion?: number;
  /** Test seam: called when each step is complete (the files are then as a kill would leave them). */
  onStep?: (step: EncryptionStep) => void;
}

export interface EncryptionReport {
  tables: number;
  rows: number;
  bytes: number;
  ms: number;
}

/**
 * Encrypts a station database of an earlier version of the app in place, safely: a plain one,
 * or one encrypted with SQLCipher 4 under the same key (re-encrypted with DATABASE_CIPHER).
 *
 * 1. checkpoint the WAL into the file, note the schema version, schema and row counts;
 * 2. make a private copy beside it (`<file>.encrypting`): `VACUUM INTO` for a plain file, a
 *    byte copy of the checkpointed file for an encrypted one (so no plaintext is written);
 * 3. encrypt the copy with the key (rekey, in rollback-journal mode: rekey fails in WAL);
 * 4. verify the copy opened with the key: `integrity_check`, same schema version, schema
 *    and row counts;
 * 5. fsync it, remove the original's (checkpointed, empty) -wal and -shm, and rename the copy
 *    over the original, then fsync the directory.
 *
 * Until the rename the original is untouched and complete; the rename is atomic. Killed at
 * any point, the data directory holds either the old database or the new encrypted one
 * (plus, before the rename, a leftover copy, removed at the next attempt). The original is
 * gone only after the new copy was verified. A plain original's bytes may survive in the
 * disk's free space: full-disk encryption stays advisable.
 */
export function encryptPlainDatabase(
  file: string,
  key: Buffer,
  options: EncryptOptions = {},
): EncryptionReport {
  return migrateToDatabaseCipher(file, key, null, options);
}

/**
 * Re-encrypts the database at `file` with DATABASE_CIPHER when it is one of an earlier version
 * that opens under `key` only as SQLCipher 4; null, untouched, for any other file.
 */
export function reencryptIfLegacy(
  file: string,
  key: Buffer,
  options: EncryptOptions = {},
): EncryptionReport | null {
  if (databaseFileState(file) !== 'encrypted') return null;
  if (encryptedSchemeOf(file, key, options.nativeBinding) !== 'sqlcipher') return null;
  return reencryptLegacyDatabase(file, key, options);
}

/** Re-encrypts an SQLCipher 4 station database (earlier versions) with DATABASE_CIPHER. */
export function reencryptLegacyDatabase(
  file: string,
  key: Buffer,
  options: EncryptOptions = {},
): EncryptionReport {
  return migrateToDatabaseCipher(file, key, 'sqlcipher', options);
}

function migrateToDatabaseCipher(
  file: string,
  key: Buffer,
  from: CipherScheme | null,
  options: EncryptOptions,
): EncryptionReport {
  const started = process.hrtime.bigint();
  const step = options.onStep ?? (() => undefined);
  const nativeBinding = options.nativeBinding;
  const copy = encryptingCopyOf(file);
  if (databaseFileState(file) !== (from === null ? 'plain' : 'encrypted')) {
    throw new EncryptionMigrationError(
      `${file} is not ${from === null ? 'a plain' : `an ${from}-encrypted`} SQLite database.`,
    );
  }
  const source = {
    key: from === null ? null : key,
    nativeBinding,
    cipher: from ?? DATABASE_CIPHER,
  };
  // A file from a newer app is refused before anything is written, as at every start.
  const version = readSchemaVersion(file, source);
  const latest = options.latestSchemaVersion ?? LATEST_SCHEMA_VERSION;
  if (version !== null && version > latest) throw new DatabaseTooNewError(version, latest);
  removeCopy(copy);
  step('started');

  let expected: Snapshot;
  const original = openConnection(file, { ...source, fileMustExist: true });
  try {
    original.pragma('busy_timeout = 5000');
    const [checkpoint] = original.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (checkpoint && checkpoint.busy !== 0) {
      throw new EncryptionMigrationError('another program has the database open.');
    }
    step('checkpointed');
    expected = snapshot(original);
    if (from === null) original.prepare('VACUUM INTO ?').run(copy);
    else copyFileSync(file, copy);
  } catch (error) {
    original.close();
    removeCopy(copy);
    if (error instanceof AppFailure) throw error;
    throw new EncryptionMigrationError(String(error), error);
  }
  original.close();
  step('copied');

  try {
    rekeyCopy(copy, key, from, nativeBinding);
    if (databaseFileState(copy) !== 'encrypted') {
      throw new EncryptionMigrationError('the copy is still readable without the key.');
    }
    step('rekeyed');

    const check = openConnection(copy, { key, readonly: true, fileMustExist: true, nativeBinding });
    let actual: Snapshot;
    try {
      const integrity = check.pragma('integrity_check') as { integrity_check: string }[];
      if (integrity.length !== 1 || integrity[0]?.integrity_check !== 'ok') {
        throw new EncryptionMigrationError(
          `the encrypted copy fails its integrity check (${integrity
            .slice(0, 3)
            .map((r) => r.integrity_check)
            .join('; ')}).`,
        );
      }
      actual = snapshot(check);
    } finally {
      check.close();
    }
    const difference = describeDifference(expected, actual);
    if (difference) {
      throw new EncryptionMigrationError(`the encrypted copy has ${difference}.`);
    }
    step('verified');

    fsyncFile(copy);
    step('synced');

    // The original was checkpointed and closed: its -wal is gone or empty. If it has grown
    // since, someone else wrote to the database: stop, the copy would miss that write.
    const wal = sizeOf(`${file}-wal`);
    if (wal !== null && wal > 0) {
      throw new EncryptionMigrationError('the database changed while it was being encrypted.');
    }
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
    step('old-journal-removed');

    renameSync(copy, file);
    fsyncDirectory(dirname(file));
    step('replaced');
  } catch (error) {
    removeCopy(copy);
    if (error instanceof AppFailure) throw error;
    throw new EncryptionMigrationError(String(error), error);
  }

  const rows = Object.values(expected.rows).reduce((a, n) => a + n, 0);
  return {
    tables: Object.keys(expected.rows).length,
    rows,
    bytes: statSync(file).size,
    ms: Number(process.hrtime.bigint() - started) / 1e6,
  };
}
