import Database from 'better-sqlite3-multiple-ciphers';
import { AppFailure } from '../../src-shared/ipc/errors';

/**
 * The SQLite driver: better-sqlite3-multiple-ciphers (better-sqlite3's API on SQLite3
 * Multiple Ciphers). Only src-main/db imports it. Station databases are encrypted page by
 * page with a raw 256-bit key (docs/security.md).
 */
export type Db = Database.Database;
export type Statement = Database.Statement;

/**
 * Page ciphers of SQLite3 Multiple Ciphers that station files use.
 *
 * - `aegis`: AEGIS-256 (draft-irtf-cfrg-aegis-aead), an authenticated cipher: every page is
 *   encrypted and carries a 256-bit tag, so a changed byte makes the page unreadable, as with
 *   SQLCipher's HMAC. It runs on the processor's AES instructions. Station databases use it:
 *   measured on the 300 000-resident bench station, SQLCipher 4 made a save of ten scattered
 *   rows 3× slower than a plain file and reading them 1.5×; AEGIS-256 1.1× and 1.0× (the
 *   HMAC-SHA512 of every page read or written was most of SQLCipher's cost).
 * - `sqlcipher`: SQLCipher 4 (AES-256-CBC, HMAC-SHA512), which earlier versions of the app
 *   wrote. Such a file is opened once, to be re-encrypted (src-main/db/encryption.ts).
 *
 * A file written with the `aegis` scheme opens in the SQLite3 Multiple Ciphers shell with
 * `PRAGMA cipher = 'aegis'; PRAGMA algorithm = 'aegis-256'; PRAGMA key = "x'<key>'";`.
 */
export type CipherScheme = 'aegis' | 'sqlcipher';
export const DATABASE_CIPHER: CipherScheme = 'aegis';

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
  /** The scheme the file is encrypted with; DATABASE_CIPHER unless reading an older file. */
  cipher?: CipherScheme;
}

/**
 * Sets the page cipher (and its variant) on a connection, before the key. A driver without
 * encryption (plain better-sqlite3) would silently ignore these pragmas and write the data in
 * clear, so it is refused here.
 */
function configureCipher(db: Db, scheme: CipherScheme): void {
  if (db.pragma(`cipher = '${scheme}'`, { simple: true }) !== scheme) {
    throw new DatabaseKeyError(
      'DRIVER_WITHOUT_ENCRYPTION',
      'The SQLite driver loaded has no encryption support (it is not better-sqlite3-multiple-ciphers); ' +
        'refusing to open the station database with it.',
    );
  }
  // Named, not left to the library's default: a file must open with the variant it was
  // written with, whatever a later version of the library prefers.
  if (scheme === 'aegis') db.pragma(`algorithm = 'aegis-256'`);
  else db.pragma('legacy = 4');
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
      configureCipher(db, options.cipher ?? DATABASE_CIPHER);
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
 * Encrypts a database file in place with `key` and DATABASE_CIPHER: a plain file (`from`
 * null), or one encrypted with the same key under an older scheme. Only for a private copy
 * that nothing else has open (see src-main/db/encryption.ts): the rekey rewrites every page,
 * in a rollback journal (it fails in WAL mode).
 */
export function rekeyCopy(
  file: string,
  key: Buffer,
  from: CipherScheme | null,
  nativeBinding?: string,
): void {
  const literal = keyLiteral(key);
  const db = openConnection(file, {
    key: from === null ? null : key,
    cipher: from ?? DATABASE_CIPHER,
    fileMustExist: true,
    nativeBinding,
  });
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma('synchronous = FULL');
    configureCipher(db, DATABASE_CIPHER);
    db.pragma(`rekey = ${literal}`);
  } finally {
    db.close();
  }
}

/** Encrypts a plain copy in place (restores, and plain files of earlier versions). */
export function rekeyPlainCopy(file: string, key: Buffer, nativeBinding?: string): void {
  rekeyCopy(file, key, null, nativeBinding);
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
