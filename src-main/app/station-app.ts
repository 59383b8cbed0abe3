import { randomBytes, timingSafeEqual } from 'node:crypto';
import { renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { AppFailure, type Result } from '../../src-shared/ipc/errors';
import { appendAudit, verifyAuditChain } from '../audit/audit-log';
import { IdleCheckpointer, leaveCheckpointsToIdleTime } from '../db/checkpoint';
import { assertNotTooNew, openDatabase, type Db } from '../db/connection';
import { DATABASE_KEY_BYTES } from '../db/driver';
import {
  assertNoOrphanWal,
  databaseFileState,
  encryptPlainDatabase,
  reencryptIfLegacy,
  type EncryptionReport,
} from '../db/encryption';
import { buildEncryptedCopy, removeRestoringCopy } from '../db/restore';
import {
  SessionHolder,
  type AuditInput,
  type HandlerContext,
  type StationStorage,
} from '../ipc/context';
import { dispatch } from '../ipc/dispatch';
import { fsyncDirectory, type SecretStore } from '../security/secret-store';
import { DATABASE_FILE } from './data-directory';

/** The name of the station database's key in the secret store. */
export const DATABASE_KEY_NAME = 'station-database';

export interface StationAppOptions {
  dataDirectory: string;
  shell: 'electron' | 'browser';
  version: string;
  /**
   * Keeps the database key: the OS keychain in Electron, a file for the browser shell and
   * tests. Required: there is no unencrypted station.
   */
  secretStore: SecretStore;
  /** Electron-ABI build of the SQLite driver, when running inside Electron. */
  nativeBinding?: string;
  now?: () => Date;
}

export interface StationApp {
  readonly context: HandlerContext;
  /** The open database (a restore replaces it: read it again rather than keep it). */
  readonly db: Db;
  dispatch(channel: unknown, input: unknown): Promise<Result<unknown>>;
  /** Copies the write-ahead log back into the database file between calls. */
  readonly checkpointer: IdleCheckpointer;
  close(): void;
}

/** The key store cannot give (or keep) the database key: the station does not open. */
export class DatabaseKeyUnavailableError extends AppFailure {
  constructor(message: string, reason: string, cause?: unknown) {
    super('STORAGE_FAILURE', message, { details: { reason } });
    this.name = 'DatabaseKeyUnavailableError';
    if (cause !== undefined) this.cause = cause;
  }
}

function unavailable(store: SecretStore, what: string, error: unknown, reason: string) {
  const detail = error instanceof Error ? error.message : String(error);
  return new DatabaseKeyUnavailableError(
    `The station database was not opened: ${what} (${safeDescribe(store)}). ${detail}`,
    reason,
    error,
  );
}

function safeDescribe(store: SecretStore): string {
  try {
    return store.describe().backend;
  } catch {
    return 'key store';
  }
}

function loadKey(store: SecretStore): Buffer | null {
  try {
    return store.load(DATABASE_KEY_NAME);
  } catch (error) {
    throw unavailable(store, 'its key cannot be read', error, 'KEY_STORE_UNREADABLE');
  }
}

/** A new random key, saved, and read back: a key the store cannot return is never used. */
function createKey(store: SecretStore): Buffer {
  const key = randomBytes(DATABASE_KEY_BYTES);
  try {
    store.save(DATABASE_KEY_NAME, key);
  } catch (error) {
    throw unavailable(store, 'a new key could not be saved', error, 'KEY_STORE_UNWRITABLE');
  }
  const back = loadKey(store);
  if (!back || back.length !== key.length || !timingSafeEqual(back, key)) {
    throw unavailable(
      store,
      'the key store did not return the key just saved in it',
      'Nothing was created or encrypted.',
      'KEY_STORE_UNRELIABLE',
    );
  }
  return key;
}

/**
 * The database key, and whether the database file must first be encrypted. A key is made
 * only where there is no encrypted database yet (none, or a plain one from an earlier
 * version); an encrypted database whose key is missing is never replaced or reset.
 */
function prepareEncryptedDatabase(
  file: string,
  options: StationAppOptions,
): { key: Buffer; plain: boolean } {
  const state = databaseFileState(file);
  if (state === 'missing' || state === 'empty') assertNoOrphanWal(file);
  // A plain file from a newer app is refused untouched, before any key is made.
  if (state === 'plain') assertNotTooNew(file, { key: null, nativeBinding: options.nativeBinding });
  const existing = loadKey(options.secretStore);
  if (existing) return { key: existing, plain: state === 'plain' };
  if (state === 'encrypted') {
    throw new DatabaseKeyUnavailableError(
      `The station database was not opened: ${file} is encrypted, but its key is missing from ` +
        `${safeDescribe(options.secretStore)}. Without that key the records cannot be read; ` +
        'nothing was changed. Restore the key (or the user profile that held it) and start again.',
      'KEY_MISSING',
    );
  }
  return { key: createKey(options.secretStore), plain: state === 'plain' };
}

/** The composition root of the privileged side, shared by Electron, the browser shell, tests and bench. */
export function openStationApp(options: StationAppOptions): StationApp {
  const file = join(options.dataDirectory, DATABASE_FILE);
  const { key, plain } = prepareEncryptedDatabase(file, options);
  // A restore interrupted before its rename leaves a copy behind: the live file is whole.
  removeRestoringCopy(file);
  const migration = { nativeBinding: options.nativeBinding };
  let encrypted: (EncryptionReport & { from: 'plain' | 'sqlcipher' }) | null = null;
  if (plain) {
    encrypted = { ...encryptPlainDatabase(file, key, migration), from: 'plain' };
  } else {
    // A station of an earlier version, encrypted with SQLCipher 4, is re-encrypted once.
    const reencrypted = reencryptIfLegacy(file, key, migration);
    if (reencrypted) encrypted = { ...reencrypted, from: 'sqlcipher' };
  }
  const db = openDatabase(file, { key, nativeBinding: options.nativeBinding });
  try {
    const app = createStationApp(db, options);
    app.context.storage = databaseStorage(app.context, file, key, options.nativeBinding);
    app.context.secretStore = options.secretStore;
    const store = options.secretStore.describe();
    const notes: AuditInput[] = [];
    if (encrypted) {
      notes.push({
        action: 'storage.encrypted',
        details: {
          tables: encrypted.tables,
          rows: encrypted.rows,
          keyStore: store.backend,
          from: encrypted.from,
          cipher: 'aegis-256',
        },
      });
    }
    if (store.weakProtectionAccepted) {
      notes.push({
        action: 'security.weakKeychainAccepted',
        outcome: 'ok',
        details: { keyStore: store.backend, flag: '--accept-weak-keychain' },
      });
    }
    if (notes.length > 0) {
      db.transaction(() => notes.forEach((entry) => app.context.audit(entry)))();
      app.context.auditIntegrity.current = {
        ...verifyAuditChain(db),
        checkedAt: app.context.now().toISOString(),
      };
    }
    return app;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Restore's way to swap the database under the running app: the new file is built and
 * verified beside the live one, then the live connection is closed, the copy renamed over
 * the file (atomic), and the file reopened as `context.db`. Whatever happens after the
 * close, the station file is opened again (the old one, if the rename failed). The session
 * ends: the restored accounts are the ones to sign in with.
 */
function databaseStorage(
  context: HandlerContext,
  file: string,
  key: Buffer,
  nativeBinding: string | undefined,
): StationStorage {
  return {
    nativeBinding,
    replaceDatabase(image, prepare) {
      const copy = buildEncryptedCopy(file, image, key, nativeBinding, prepare);
      try {
        context.db.close();
        try {
          rmSync(`${file}-wal`, { force: true });
          rmSync(`${file}-shm`, { force: true });
          renameSync(copy, file);
          fsyncDirectory(dirname(file));
        } finally {
          context.db = openDatabase(file, { key, nativeBinding });
          leaveCheckpointsToIdleTime(context.db);
          context.session.current = null;
          context.session.lastActivityAt = 0;
          context.auditIntegrity.current = {
            ...verifyAuditChain(context.db),
            checkedAt: context.now().toISOString(),
          };
        }
      } finally {
        removeRestoringCopy(file);
      }
    },
  };
}

/**
 * The app on an already open database. openStationApp is the way in; the bench uses this
 * directly to measure the same dispatch on a plain database for comparison.
 */
export function createStationApp(
  db: Db,
  options: Pick<StationAppOptions, 'dataDirectory' | 'shell' | 'version' | 'now'>,
): StationApp {
  const now = options.now ?? (() => new Date());
  const session = new SessionHolder();
  leaveCheckpointsToIdleTime(db);
  const context: HandlerContext = {
    db,
    now,
    newId: () => uuidv7(),
    randomBytes: (n) => randomBytes(n),
    session,
    audit: (entry) =>
      appendAudit(
        context.db,
        {
          ...entry,
          userId: entry.userId !== undefined ? entry.userId : (session.current?.user.id ?? null),
          userName: entry.userName ?? session.current?.user.fullName ?? '',
        },
        now().toISOString(),
      ),
    // Checked at every start: tampering is shown to the people who use the station.
    auditIntegrity: { current: { ...verifyAuditChain(db), checkedAt: now().toISOString() } },
    info: { version: options.version, dataDirectory: options.dataDirectory, shell: options.shell },
  };
  const checkpointer = new IdleCheckpointer(
    () => context.db,
    `${join(options.dataDirectory, DATABASE_FILE)}-wal`,
  );
  return {
    context,
    get db() {
      return context.db;
    },
    dispatch: async (channel, input) => {
      try {
        return await dispatch(context, channel, input);
      } finally {
        checkpointer.noteActivity();
      }
    },
    checkpointer,
    close: () => {
      checkpointer.dispose();
      context.db.close();
    },
  };
}
