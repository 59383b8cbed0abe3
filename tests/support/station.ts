import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATABASE_FILE } from '../../src-main/app/data-directory';
import { DATABASE_KEY_NAME, openStationApp, type StationApp } from '../../src-main/app/station-app';
import { queryAudit, type AuditRow } from '../../src-main/audit/audit-log';
import type { Db } from '../../src-main/db/connection';
import { openConnection } from '../../src-main/db/driver';
import { FileSecretStore, type SecretStore } from '../../src-main/security/secret-store';
import { insertUser } from '../../src-main/db/user-repository';
import { hashPassword } from '../../src-main/services/passwords';
import type { Role } from '../../src-shared/domain/roles';
import type { DeclarationInput } from '../../src-shared/schemas/declaration';
import type { Channel } from '../../src-shared/ipc/channels';
import type { ChannelInput, ChannelOutput } from '../../src-shared/ipc/contract';
import type { Result } from '../../src-shared/ipc/errors';
import type { ResidentInput } from '../../src-shared/schemas/resident';

/** A station on a fresh temporary data directory, with the real dispatch and SQLite. */
export interface TestStation {
  app: StationApp;
  dataDirectory: string;
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  /** Like call, but fails the test on an error result. */
  must<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  dispose(): void;
}

export const ADMIN = { username: 'admin', password: 'matkhau2026', fullName: 'Trần Văn Quản' };

export interface TestStationOptions {
  now?: () => Date;
  /** Open an existing data directory (see reopenTestStation) instead of a fresh one. */
  dataDirectory?: string;
  /** Where the database key is kept; by default a FileSecretStore in the data directory. */
  secretStore?: SecretStore;
}

/** The browser shell's key store: the database key in a file in the data directory. */
export function testSecretStore(dataDirectory: string): FileSecretStore {
  return new FileSecretStore(dataDirectory);
}

export function openTestStation(options: TestStationOptions = {}): TestStation {
  const dataDirectory = options.dataDirectory ?? mkdtempSync(join(tmpdir(), 'ward-station-'));
  const app = openStationApp({
    dataDirectory,
    shell: 'browser',
    version: 'test',
    secretStore: options.secretStore ?? testSecretStore(dataDirectory),
    ...(options.now ? { now: options.now } : {}),
  });
  const call = async <C extends Channel>(channel: C, input: ChannelInput<C>) =>
    (await app.dispatch(channel, input)) as Result<ChannelOutput<C>>;
  return {
    app,
    dataDirectory,
    call,
    async must(channel, input) {
      const result = await call(channel, input);
      if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
      return result.value;
    },
    dispose() {
      app.close();
      rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}

/** Sets the station up (Phường Bình Quới, 26911) and signs the administrator in. */
export async function openSetUpStation(options: TestStationOptions = {}): Promise<TestStation> {
  const station = openTestStation(options);
  await station.must('setup.initialize', {
    station: { communeCode: '26911', name: 'Trạm Y tế phường Bình Quới', facilityCode: '79123' },
    administrator: { ...ADMIN, passwordConfirmation: ADMIN.password },
  });
  return station;
}

export function residentInput(overrides: Partial<ResidentInput> = {}): ResidentInput {
  return {
    fullName: 'Nguyễn Thị Ánh',
    sex: '2',
    birthDate: '1985-04-12',
    personalId: '079185001234',
    phones: [{ number: '0903123456' }],
    currentAddress: { communeCode: '26911', street: '12 Bình Quới' },
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------------------
// More helpers for integration tests.

/** The roles of the station's users, with a person for each. */
export const STAFF: Record<Role, { username: string; fullName: string; password: string }> = {
  administrator: ADMIN,
  health_worker: { username: 'ytthu', fullName: 'Lê Thị Thu', password: 'yte2026thu' },
  school_nurse: { username: 'ytehocduong', fullName: 'Phạm Minh Châu', password: 'truonghoc2026' },
  supervisor: { username: 'giamsat', fullName: 'Võ Văn Giám', password: 'giamsat2026x' },
};

/**
 * Adds a user of the given role straight through the user repository (no forced password
 * change, no audit row), so tests can sign in as any role without the account screens.
 */
export async function addStaff(
  station: TestStation,
  role: Exclude<Role, 'administrator'>,
): Promise<void> {
  const person = STAFF[role];
  const admin = station.app.db
    .prepare('SELECT id FROM users WHERE username = ?')
    .get(ADMIN.username) as { id: string } | undefined;
  insertUser(station.app.db, {
    id: `user-${role}`,
    username: person.username,
    fullName: person.fullName,
    role,
    passwordHash: await hashPassword(person.password),
    createdAt: new Date().toISOString(),
    createdBy: admin?.id ?? null,
  });
}

export async function signInAs(station: TestStation, role: Role): Promise<void> {
  const person = STAFF[role];
  await station.must('auth.signIn', { username: person.username, password: person.password });
}

/** A complete, valid health declaration (QĐ 831 parts 2 and 3) with consent to keep it. */
export function declarationInput(overrides: Partial<DeclarationInput> = {}): DeclarationInput {
  return {
    riskFactors: {
      smoking: { status: '0' },
      alcohol: { status: '1', amount: 2 },
      drugs: { status: '0' },
      physicalActivity: { status: '2', amount: 150 },
    },
    consent: { recordKeeping: true },
    ...overrides,
  };
}

/** SHA-256 of the database file and its WAL ('' when absent), to prove nothing was written. */
export function databaseFingerprint(dataDirectory: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const name of [DATABASE_FILE, `${DATABASE_FILE}-wal`]) {
    const file = join(dataDirectory, name);
    hashes[name] = existsSync(file)
      ? createHash('sha256').update(readFileSync(file)).digest('hex')
      : '';
  }
  return hashes;
}

export interface PreparedCall {
  sql: string;
  params: unknown[];
}

/**
 * Wraps a connection so every statement a repository prepares is recorded with the
 * parameters it ran with; the real connection does the work.
 */
export function recordingDb(db: Db): { db: Db; calls: PreparedCall[] } {
  const calls: PreparedCall[] = [];
  const wrapped = new Proxy(db, {
    get(target, property) {
      if (property === 'prepare') {
        return (sql: string) => {
          const statement = target.prepare(sql);
          return new Proxy(statement, {
            get(st, key) {
              const value = Reflect.get(st, key, st) as unknown;
              if (typeof value !== 'function') return value;
              if (key === 'all' || key === 'get' || key === 'run' || key === 'iterate') {
                return (...params: unknown[]) => {
                  calls.push({ sql, params });
                  return (value as (...a: unknown[]) => unknown).apply(st, params);
                };
              }
              return (value as (...a: unknown[]) => unknown).bind(st);
            },
          });
        };
      }
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
  return { db: wrapped, calls };
}

// ---------------------------------------------------------------------------------------------
// Clock, accounts and audit trail.

/** A clock the test moves by hand; give `clock.now` to the station. */
export interface TestClock {
  now: () => Date;
  advance(by: { minutes?: number; seconds?: number; ms?: number }): void;
  set(iso: string): void;
}

export function testClock(start = '2026-03-02T01:30:00.000Z'): TestClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    advance({ minutes = 0, seconds = 0, ms = 0 }) {
      current += minutes * 60_000 + seconds * 1000 + ms;
    },
    set(iso) {
      current = new Date(iso).getTime();
    },
  };
}

/** Closes the app (keeping its files) and opens a new one on the same data directory. */
export function reopenTestStation(
  station: TestStation,
  options: Omit<TestStationOptions, 'dataDirectory'> = {},
): TestStation {
  station.app.close();
  return openTestStation({ ...options, dataDirectory: station.dataDirectory });
}

/** Signs in and returns the raw result, for tests of refusals. */
export function signIn(
  station: TestStation,
  username: string,
  password: string,
): Promise<Result<ChannelOutput<'auth.signIn'>>> {
  return station.call('auth.signIn', { username, password });
}

/**
 * The signed-in administrator creates an account through account.create, as on the
 * accounts screen; its owner must change the temporary password at first sign-in.
 */
export function createAccount(
  station: TestStation,
  account: { role: Role; username: string; fullName: string; temporaryPassword: string },
): Promise<ChannelOutput<'account.create'>> {
  return station.must('account.create', account);
}

/** The whole audit trail, oldest first, read straight from the database (adds no row). */
export function auditTrail(station: TestStation): AuditRow[] {
  return queryAudit(station.app.db, { limit: 1_000_000 }).reverse();
}

/** The key of a test station's database, as kept by its FileSecretStore. */
export function stationKey(dataDirectory: string): Buffer {
  const key = testSecretStore(dataDirectory).load(DATABASE_KEY_NAME);
  if (!key) throw new Error(`no database key in ${dataDirectory}`);
  return key;
}

/**
 * A raw connection to a (closed) station's encrypted database file with its key, as someone
 * who has both the file and the key would have: no migrations, no pragmas, no triggers
 * dropped. For tests that tamper with the file or read it behind the app's back.
 */
export function openStationFile(dataDirectory: string, options: { readonly?: boolean } = {}): Db {
  return openConnection(join(dataDirectory, DATABASE_FILE), {
    key: stationKey(dataDirectory),
    readonly: options.readonly ?? false,
    fileMustExist: true,
  });
}

/**
 * The database as its pages read once decrypted (sqlite3_serialize through a keyed
 * connection; the WAL's latest pages included): what someone with the key would see, free
 * space and all. To prove something is not stored at all, not merely encrypted.
 */
export function decryptedDatabaseImage(dataDirectory: string): Buffer {
  const db = openStationFile(dataDirectory, { readonly: true });
  try {
    return db.serialize();
  } finally {
    db.close();
  }
}

/** The raw bytes of the database file and its WAL, as someone who copies them would see. */
export function databaseBytes(dataDirectory: string): Buffer {
  return Buffer.concat(
    [DATABASE_FILE, `${DATABASE_FILE}-wal`]
      .map((name) => join(dataDirectory, name))
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file)),
  );
}
