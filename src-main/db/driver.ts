import Database from 'better-sqlite3-multiple-ciphers';
import { AppFailure } from '../../src-shared/ipc/errors';

/**
 * The SQLite driver: better-sqlite3-multiple-ciphers (better-sqlite3's API on SQLite3
 * Multiple Ciphers). Only src-main/db imports it. Station databases are encrypted in the
 * SQLCipher 4 format (AES-256-CBC, HMAC-SHA512 per page) with a raw 256-bit key, so the file
 * can also be opened by SQLCipher tools given the key.
 */
export type Db = Database.Database;
export type Statement = Database.Statement;

/** A raw 256-bit database key. */
export const DATABASE_KEY_BYTES = 32;

export type DatabaseKeyProblem =
  | 'DATABASE_KEY_REJECTED'
  | 'DATABASE_ENCRYPTED_NO_KEY'
  | 'DATABASE_KEY_INVALID'
  | 'DRIVER_WITHOUT_ENCRYPTION';

/** The database could not be opened with the key given (or without one); nothing was written. */
export class DatabaseKeyError extends AppFailure {
  constructor(
    readonly reason: DatabaseKeyProblem,
    message: string,
  ) {
    super('STORAGE_FAILURE', message, { details: { reason } });
    this.name = 'DatabaseKeyError';
  }
}

export interface ConnectionOptions {
  /** The raw key, or null for a plain (unencrypted) file: tests, the bench, old databases. */
  key: Buffer | null;
  readonly?: boolean;
  fileMustExist?: boolean;
  /** Path to an Electron-ABI build of the driver (see src-main/electron/native-binding.ts). */
  nativeBinding?: string | undefined;
}

/**
 * Sets SQLCipher 4 compatibility and the raw key on a connection that has not read its file
 * yet. A driver without encryption (plain better-sqlite3) would silently ignore these
 * pragmas and write the data in clear, so it is refused here.
 */
function configureCipher(db: Db): void {
  if (db.pragma(`cipher = 'sqlcipher'`, { simple: true }) !== 'sqlcipher') {
    throw new DatabaseKeyError(
      'DRIVER_WITHOUT_ENCRYPTION',
      'The SQLite driver loaded has no encryption support (it is not better-sqlite3-multiple-ciphers); ' +
        'refusing to open the station database with it.',
    );
  }
  db.pragma('legacy = 4');
}

function keyLiteral(key: Buffer): string {
  if (key.length !== DATABASE_KEY_BYTES) {
    throw new DatabaseKeyError(
      'DATABASE_KEY_INVALID',
      `The database key must be ${DATABASE_KEY_BYTES} bytes; the key store returned ${key.length}.`,
    );
  }
  // A raw key ("x'<64 hex digits>'") is used as is, without a passphrase KDF.
  return `"x'${key.toString('hex')}'"`;
}

function isNotADatabase(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'SQLITE_NOTADB';
}

/**
 * Opens one connection. With a key, the cipher and the key are set before any other
 * statement; then the schema is read, which is the first access to the file's content: a
 * wrong or missing key fails there ("file is not a database"), before anything is written.
 */
export function openConnection(file: string, options: ConnectionOptions): Db {
  const db = new Database(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.fileMustExist ?? false,
    nativeBinding: options.nativeBinding,
  });
  try {
    if (options.key) {
      const literal = keyLiteral(options.key);
      configureCipher(db);
      db.pragma(`key = ${literal}`);
    }
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return db;
  } catch (error) {
    db.close();
    if (isNotADatabase(error)) {
      throw options.key
        ? new DatabaseKeyError(
            'DATABASE_KEY_REJECTED',
            `The station database ${file} cannot be decrypted with the key this workstation holds ` +
              '(SQLite: "file is not a database"): it was encrypted with another key, or it is not a ' +
              'station database. The file was not changed.',
          )
        : new DatabaseKeyError(
            'DATABASE_ENCRYPTED_NO_KEY',
            `The database ${file} is encrypted (or is not a database) and no key was given ` +
              '(SQLite: "file is not a database"). The file was not changed.',
          );
    }
    throw error;
  }
}

/**
 * Encrypts a plain database file in place with `key`. Only for a private copy that nothing
 * else has open (see encryptPlainDatabase): the rekey rewrites every page, in a rollback
 * journal (it fails in WAL mode).
 */
export function rekeyPlainCopy(file: string, key: Buffer, nativeBinding?: string): void {
  const literal = keyLiteral(key);
  const db = openConnection(file, { key: null, fileMustExist: true, nativeBinding });
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma('synchronous = FULL');
    configureCipher(db);
    db.pragma(`rekey = ${literal}`);
  } finally {
    db.close();
  }
}

/**
 * A plain SQLite image of the open database, read through its connection (so decrypted,
 * with the latest pages from the WAL), marked as a rollback-journal file so that it can be
 * opened from memory. In memory only: nothing is written to disk.
 */
export function serializePlainImage(db: Db): Buffer {
  const image = db.serialize();
  markRollbackJournal(image);
  return image;
}

/** Bytes 18 and 19 of an SQLite header say WAL (2) or rollback journal (1). */
function markRollbackJournal(image: Buffer): void {
  if (image.length >= 100 && image.subarray(0, 16).toString('latin1') === 'SQLite format 3\0') {
    image[18] = 1;
    image[19] = 1;
  }
}

/** Opens a plain SQLite image in memory (a private copy: changes stay in memory). */
export function openImage(image: Buffer, nativeBinding?: string): Db {
  const copy = Buffer.from(image);
  markRollbackJournal(copy);
  return new Database(copy, { nativeBinding });
}
