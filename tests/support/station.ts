import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATABASE_FILE } from '../../src-main/app/data-directory';
import { openStationApp, type StationApp } from '../../src-main/app/station-app';
import type { Db } from '../../src-main/db/connection';
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

export function openTestStation(options: { now?: () => Date } = {}): TestStation {
  const dataDirectory = mkdtempSync(join(tmpdir(), 'ward-station-'));
  const app = openStationApp({ dataDirectory, shell: 'browser', version: 'test', ...options });
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
export async function openSetUpStation(options: { now?: () => Date } = {}): Promise<TestStation> {
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
 * Adds a user of the given role straight through the user repository (the app has no
 * user-management channel yet), so tests can sign in as any role.
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
