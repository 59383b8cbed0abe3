import { randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DATABASE_FILE } from '../../src-main/app/data-directory';
import {
  createStationApp,
  DATABASE_KEY_NAME,
  DatabaseKeyUnavailableError,
  openStationApp,
  type StationApp,
} from '../../src-main/app/station-app';
import { queryAudit, verifyAuditChain } from '../../src-main/audit/audit-log';
import { DatabaseTooNewError, openDatabase } from '../../src-main/db/connection';
import { DatabaseKeyError, openConnection, type Db } from '../../src-main/db/driver';
import {
  databaseFileState,
  encryptedSchemeOf,
  encryptingCopyOf,
  encryptPlainDatabase,
  EncryptionMigrationError,
  reencryptLegacyDatabase,
  type EncryptionStep,
} from '../../src-main/db/encryption';
import { LATEST_SCHEMA_VERSION } from '../../src-main/db/migrations';
import { migration0001 } from '../../src-main/db/migrations/0001-foundation';
import { insertResident } from '../../src-main/db/resident-repository';
import { insertStation } from '../../src-main/db/station-repository';
import {
  SafeStorageSecretStore,
  type SafeStorageLike,
} from '../../src-main/electron/safe-storage-secret-store';
import type { SecretStore, SecretStoreDescription } from '../../src-main/security/secret-store';
import { hashPassword } from '../../src-main/services/passwords';
import { foldVietnamese } from '../../src-shared/domain/name-folding';
import { residentInputSchema, type ResidentInput } from '../../src-shared/schemas/resident';
import {
  ADMIN,
  databaseBytes,
  databaseFingerprint,
  declarationInput,
  decryptedDatabaseImage,
  openSetUpStation,
  openStationFile,
  openTestStation,
  reopenTestStation,
  residentInput,
  stationKey,
  testSecretStore,
  type TestStation,
} from '../support/station';

const stations: TestStation[] = [];
const apps: StationApp[] = [];
const scratchDirs: string[] = [];
afterEach(() => {
  for (const s of stations.splice(0)) s.dispose();
  for (const a of apps.splice(0)) {
    try {
      a.close();
    } catch {
      // closed by the test
    }
  }
  for (const d of scratchDirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** What a closed station's data directory holds (browser shell: the key file beside it). */
const DATA_FILES = [DATABASE_FILE, 'station-database.key'].sort();
/** A station set up: its sync signing key sits beside the database key (docs/sync-station.md). */
const SET_UP_DATA_FILES = [...DATA_FILES, 'sync-station-key.key'].sort();

/**
 * Nothing was written: the database file is byte for byte the same and its WAL holds nothing
 * new. (A read-only connection to a database in WAL mode leaves an empty -wal and -shm
 * behind, with or without encryption; an empty WAL holds no data.)
 */
function expectUnchanged(dir: string, before: Record<string, string>): void {
  const now = databaseFingerprint(dir);
  expect(now[DATABASE_FILE]).toBe(before[DATABASE_FILE]);
  const emptyHash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
  const wal = now[`${DATABASE_FILE}-wal`];
  expect([before[`${DATABASE_FILE}-wal`], '', emptyHash]).toContain(wal);
}

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ward-encryption-'));
  scratchDirs.push(dir);
  return dir;
}

function open(dataDirectory: string, secretStore: SecretStore = testSecretStore(dataDirectory)) {
  const app = openStationApp({ dataDirectory, shell: 'browser', version: 'test', secretStore });
  apps.push(app);
  return app;
}

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

/** Someone with a distinctive name, ID and phone, so that finding them in bytes means something. */
const THU: ResidentInput = residentInput({
  fullName: 'Huỳnh Ngọc Thư Trâm',
  personalId: '079305004321',
  phones: [{ number: '0918765432' }],
  birthDate: '2005-09-30',
});

function plaintextsOf(person: ResidentInput): Buffer[] {
  return [
    Buffer.from(person.fullName.normalize('NFC'), 'utf8'),
    Buffer.from(person.fullName.normalize('NFD'), 'utf8'),
    Buffer.from(foldVietnamese(person.fullName), 'utf8'),
    Buffer.from(person.personalId ?? '', 'utf8'),
    Buffer.from(person.phones?.[0]?.number ?? '', 'utf8'),
  ];
}

function readable(bytes: Buffer, person: ResidentInput): string[] {
  return plaintextsOf(person)
    .filter((p) => bytes.includes(p))
    .map((p) => p.toString('utf8'));
}

function count(db: Db, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

async function stationWithThu(): Promise<TestStation> {
  const s = await openSetUpStation();
  stations.push(s);
  await s.must('resident.create', { resident: THU });
  return s;
}

// ---------------------------------------------------------------------------------------------

describe('the station database at rest', () => {
  it('keeps no registered resident’s name, personal ID or phone readable in the file or its WAL', async () => {
    const s = await stationWithThu();
    const anh = await s.must('resident.create', { resident: residentInput() });
    await s.must('declaration.submit', {
      residentId: anh.id,
      baseVersion: 0,
      declaration: declarationInput(),
    });
    const file = join(s.dataDirectory, DATABASE_FILE);

    // While the app runs, recent writes sit in the WAL: it must be encrypted too.
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
    expect(readable(readFileSync(`${file}-wal`), THU)).toEqual([]);
    expect(readable(databaseBytes(s.dataDirectory), THU)).toEqual([]);
    expect(readable(databaseBytes(s.dataDirectory), residentInput())).toEqual([]);
    expect(databaseBytes(s.dataDirectory).includes(Buffer.from(ADMIN.fullName))).toBe(false);
    // …while the same bytes, decrypted with the key, do hold them: the search means something.
    expect(readable(decryptedDatabaseImage(s.dataDirectory), THU)).toEqual(
      plaintextsOf(THU)
        .filter((p) => !p.equals(Buffer.from(THU.fullName.normalize('NFD'), 'utf8')))
        .map((p) => p.toString('utf8')),
    );

    // After a clean shutdown everything is checkpointed into the one file.
    s.app.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(databaseFileState(file)).toBe('encrypted');
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(readable(bytes, THU)).toEqual([]);
    expect(readable(bytes, residentInput())).toEqual([]);
    // Nothing else in the data directory holds them either (the key file is the only other).
    for (const name of readdirSync(s.dataDirectory)) {
      expect(readable(readFileSync(join(s.dataDirectory, name)), THU), name).toEqual([]);
    }
    expect(readdirSync(s.dataDirectory).sort()).toEqual(SET_UP_DATA_FILES);
  });

  it('uses a random 256-bit key made with the database, different for every station', async () => {
    const a = await stationWithThu();
    const b = await stationWithThu();
    const keyA = stationKey(a.dataDirectory);
    expect(keyA).toHaveLength(32);
    expect(keyA.equals(stationKey(b.dataDirectory))).toBe(false);
    const keyFile = testSecretStore(a.dataDirectory).fileFor(DATABASE_KEY_NAME);
    if (process.platform !== 'win32') expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    // The key opens the file as AEGIS-256 with a raw key, through any connection, and only so.
    const db = openStationFile(a.dataDirectory, { readonly: true });
    try {
      expect(db.pragma('cipher', { simple: true })).toBe('aegis');
      expect(db.pragma('algorithm', { simple: true })).toBe('aegis-256');
      expect(count(db, 'residents')).toBe(1);
    } finally {
      db.close();
    }
    const file = join(a.dataDirectory, DATABASE_FILE);
    expect(encryptedSchemeOf(file, keyA)).toBe('aegis');
    expect(encryptedSchemeOf(file, stationKey(b.dataDirectory))).toBeNull();
  });

  it('opens again with its key after a restart, with everything in it', async () => {
    const s = await stationWithThu();
    const key = stationKey(s.dataDirectory);
    const again = reopenTestStation(s);
    stations.push(again);
    await again.must('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    const found = await again.must('resident.search', { query: 'huynh ngoc thu' });
    expect(found.results.map((r) => r.personalId)).toEqual([THU.personalId]);
    expect(stationKey(s.dataDirectory).equals(key)).toBe(true); // never replaced
  });
});

describe('without the right key', () => {
  async function closedStation() {
    const s = await stationWithThu();
    s.app.close();
    const file = join(s.dataDirectory, DATABASE_FILE);
    const keyFile = testSecretStore(s.dataDirectory).fileFor(DATABASE_KEY_NAME);
    return { s, file, keyFile, before: databaseFingerprint(s.dataDirectory) };
  }

  it('refuses to open when the key is missing, changes nothing, and never makes a new key', async () => {
    const { s, file, keyFile, before } = await closedStation();
    rmSync(keyFile);
    const error = caught(() => open(s.dataDirectory));
    expect(error).toBeInstanceOf(DatabaseKeyUnavailableError);
    expect(error).toMatchObject({
      code: 'STORAGE_FAILURE',
      extra: { details: { reason: 'KEY_MISSING' } },
    });
    expect((error as Error).message).toMatch(/encrypted, but its key is missing/);
    expect(databaseFingerprint(s.dataDirectory)).toEqual(before);
    expect(existsSync(keyFile)).toBe(false);
    expect(databaseFileState(file)).toBe('encrypted');
  });

  it('refuses to open with a wrong key ("file is not a database") and changes nothing', async () => {
    const { s, keyFile, before } = await closedStation();
    const wrong = randomBytes(32);
    testSecretStore(s.dataDirectory).save(DATABASE_KEY_NAME, wrong);
    const error = caught(() => open(s.dataDirectory));
    expect(error).toBeInstanceOf(DatabaseKeyError);
    expect(error).toMatchObject({ code: 'STORAGE_FAILURE', reason: 'DATABASE_KEY_REJECTED' });
    expect((error as Error).message).toMatch(/file is not a database/);
    expect((error as Error).message).toMatch(/not changed/);
    expect(databaseFingerprint(s.dataDirectory)).toEqual(before);
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(wrong.toString('hex'));
  });

  it('cannot be read by a connection without a key, and that changes nothing either', async () => {
    const { s, file, before } = await closedStation();
    for (const attempt of [
      () => openDatabase(file, { key: null }),
      () => openConnection(file, { key: null, readonly: true }),
      () => openDatabase(file, { key: randomBytes(32) }),
    ]) {
      const error = caught(attempt);
      expect(error).toBeInstanceOf(DatabaseKeyError);
      expect((error as Error).message).toMatch(/file is not a database/);
    }
    expect(databaseFingerprint(s.dataDirectory)).toEqual(before);
  });

  it('refuses a database from a newer app before writing anything, key applied first', async () => {
    const { s, file } = await closedStation();
    const db = openStationFile(s.dataDirectory);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    const before = databaseFingerprint(s.dataDirectory);
    const error = caught(() => open(s.dataDirectory));
    expect(error).toBeInstanceOf(DatabaseTooNewError);
    expect(error).toMatchObject({ fileVersion: LATEST_SCHEMA_VERSION + 1 });
    expectUnchanged(s.dataDirectory, before);
    expect(() => openDatabase(file, { key: stationKey(s.dataDirectory) })).toThrow(
      DatabaseTooNewError,
    );
    expectUnchanged(s.dataDirectory, before);
  });
});

describe('a missing or unusable key store', () => {
  function storeWith(overrides: Partial<SecretStore>, backing = new Map<string, Buffer>()) {
    const description: SecretStoreDescription = {
      backend: 'test store',
      osProtected: true,
      weakProtectionAccepted: false,
    };
    const store: SecretStore = {
      load: (name) => backing.get(name) ?? null,
      save: (name, value) => void backing.set(name, Buffer.from(value)),
      describe: () => description,
      ...overrides,
    };
    return store;
  }

  const brokenStores: [string, Partial<SecretStore>, string][] = [
    [
      'cannot be read',
      {
        load: () => {
          throw new Error('keychain locked');
        },
      },
      'KEY_STORE_UNREADABLE',
    ],
    [
      'cannot save',
      {
        save: () => {
          throw new Error('disk full');
        },
      },
      'KEY_STORE_UNWRITABLE',
    ],
    ['loses what it saves', { save: () => undefined }, 'KEY_STORE_UNRELIABLE'],
    [
      'returns another key',
      {
        save: () => undefined,
        load: vi
          .fn<SecretStore['load']>()
          .mockReturnValueOnce(null)
          .mockReturnValue(randomBytes(32)),
      },
      'KEY_STORE_UNRELIABLE',
    ],
  ];
  it.each(brokenStores)(
    'a store that %s: no database is created, encrypted or not',
    (_label, overrides, reason) => {
      const dir = scratch();
      const error = caught(() => open(dir, storeWith(overrides)));
      expect(error).toBeInstanceOf(DatabaseKeyUnavailableError);
      expect(error).toMatchObject({ extra: { details: { reason } } });
      expect((error as Error).message).toMatch(/^The station database was not opened/);
      expect(readdirSync(dir)).toEqual([]);
    },
  );

  it('a damaged key file: the encrypted database is left alone', async () => {
    const s = await stationWithThu();
    s.app.close();
    const before = databaseFingerprint(s.dataDirectory);
    writeFileSync(testSecretStore(s.dataDirectory).fileFor(DATABASE_KEY_NAME), 'zz\n');
    const error = caught(() => open(s.dataDirectory));
    expect(error).toMatchObject({ extra: { details: { reason: 'KEY_STORE_UNREADABLE' } } });
    expect((error as Error).message).toMatch(/damaged/);
    expect(databaseFingerprint(s.dataDirectory)).toEqual(before);
  });

  it('refuses a write-ahead log left without its database instead of replaying it', () => {
    const dir = scratch();
    writeFileSync(join(dir, `${DATABASE_FILE}-wal`), randomBytes(4096));
    const error = caught(() => open(dir));
    expect(error).toMatchObject({ extra: { details: { reason: 'ORPHAN_WAL' } } });
    expect(readdirSync(dir)).toEqual([`${DATABASE_FILE}-wal`]);
  });
});

// ---------------------------------------------------------------------------------------------

const ADMIN_ID = uuidv7();
const RESIDENT_IDS = [uuidv7(), uuidv7(), uuidv7()] as const;

function auditActions(db: Db): string[] {
  return queryAudit(db, { limit: 1000 })
    .reverse()
    .map((r) => r.action);
}

const PLAIN_RESIDENTS: ResidentInput[] = [
  THU,
  residentInput(),
  residentInput({
    fullName: 'Đặng Văn Đức',
    sex: '1',
    birthDate: '1950-01-20',
    personalId: '079050000111',
    phones: [{ number: '0287654321' }],
  }),
];

/**
 * A plain station database as the first released version of the app left it: the
 * foundation schema (user_version 1), a station, an administrator and residents, with the
 * last transactions still in its WAL, as after a crash or power cut.
 */
async function plainFoundationStation(): Promise<string> {
  const source = scratch();
  const dir = scratch();
  const db = openConnection(join(source, DATABASE_FILE), { key: null });
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.transaction(() => {
    db.exec(migration0001.sql);
    db.pragma('user_version = 1');
  })();
  const at = '2025-12-01T02:00:00.000Z';
  insertStation(db, {
    id: uuidv7(),
    communeCode: '26911',
    name: 'Trạm Y tế phường Bình Quới',
    facilityCode: '79123',
    createdAt: at,
  });
  db.prepare(
    `INSERT INTO users (id, username, full_name, role, password_hash, created_at)
     VALUES (?, ?, ?, 'administrator', ?, ?)`,
  ).run(ADMIN_ID, ADMIN.username, ADMIN.fullName, await hashPassword(ADMIN.password), at);
  PLAIN_RESIDENTS.forEach((person, i) => {
    db.transaction(() =>
      insertResident(db, {
        id: RESIDENT_IDS[i] as string,
        version: 1,
        resident: residentInputSchema.parse(person),
        temporaryId: '',
        identifierHistory: [],
        duplicateReview: null,
        at,
        userId: ADMIN_ID,
      }),
    )();
  });
  // Copy the files while the connection is open: the WAL still holds the residents.
  cpSync(join(source, DATABASE_FILE), join(dir, DATABASE_FILE));
  cpSync(join(source, `${DATABASE_FILE}-wal`), join(dir, `${DATABASE_FILE}-wal`));
  db.close();
  return dir;
}

function plainResidentCount(dir: string): number {
  const db = openConnection(join(dir, DATABASE_FILE), { key: null, readonly: true });
  try {
    return count(db, 'residents');
  } finally {
    db.close();
  }
}

describe('a plain database from an earlier version', () => {
  it('is encrypted in place at start-up, with every record still there', async () => {
    const dir = await plainFoundationStation();
    const file = join(dir, DATABASE_FILE);
    expect(databaseFileState(file)).toBe('plain');
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
    expect(readable(databaseBytes(dir), THU).length).toBeGreaterThan(0); // readable before

    const app = open(dir);
    expect(databaseFileState(file)).toBe('encrypted');
    expect(app.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(count(app.db, 'residents')).toBe(PLAIN_RESIDENTS.length);
    expect(count(app.db, 'resident_identifiers')).toBeGreaterThan(PLAIN_RESIDENTS.length);
    // The old administrator signs in and finds everyone, by name and by ID.
    const signIn = await app.dispatch('auth.signIn', {
      username: ADMIN.username,
      password: ADMIN.password,
    });
    expect(signIn.ok).toBe(true);
    for (const person of PLAIN_RESIDENTS) {
      const byName = await app.dispatch('resident.search', { query: person.fullName });
      const byId = await app.dispatch('resident.search', { query: person.personalId });
      for (const result of [byName, byId]) {
        expect(result).toMatchObject({
          ok: true,
          value: { results: [expect.objectContaining({ personalId: person.personalId })] },
        });
      }
    }
    const view = await app.dispatch('resident.get', { id: RESIDENT_IDS[0] });
    expect(view).toMatchObject({
      ok: true,
      value: { record: { resident: { fullName: THU.fullName, phones: THU.phones } } },
    });
    // The migration is on the record, and the trail is sound.
    const encrypted = queryAudit(app.db, { limit: 100, action: 'storage.encrypted' });
    expect(encrypted).toHaveLength(1);
    expect(encrypted[0]?.details).toMatchObject({
      rows: expect.any(Number),
      tables: expect.any(Number),
    });
    expect(verifyAuditChain(app.db).ok).toBe(true);
    app.close();

    // Nothing plain is left: not the file, not a WAL, not the working copy.
    expect(readdirSync(dir).sort()).toEqual(DATA_FILES);
    expect(readable(readFileSync(file), THU)).toEqual([]);
    for (const person of PLAIN_RESIDENTS) expect(readable(readFileSync(file), person)).toEqual([]);

    // And the next start just opens it.
    const again = open(dir);
    expect(count(again.db, 'residents')).toBe(PLAIN_RESIDENTS.length);
    expect(auditActions(again.db).filter((a) => a === 'storage.encrypted')).toHaveLength(1);
  });

  it('is encrypted with the current schema too, audit trail and declarations intact', async () => {
    // A plain station of the last unencrypted version: full schema, made through dispatch.
    const dir = scratch();
    const db = openDatabase(join(dir, DATABASE_FILE), { key: null });
    const plainApp = createStationApp(db, { dataDirectory: dir, shell: 'browser', version: 'old' });
    const call = (channel: string, input: unknown) => plainApp.dispatch(channel, input);
    await call('setup.initialize', {
      station: { communeCode: '26911', name: 'Trạm Y tế phường Bình Quới', facilityCode: '79123' },
      administrator: { ...ADMIN, passwordConfirmation: ADMIN.password },
    });
    const created = (await call('resident.create', { resident: THU })) as {
      ok: true;
      value: { id: string };
    };
    await call('declaration.submit', {
      residentId: created.value.id,
      baseVersion: 0,
      declaration: declarationInput(),
    });
    const auditRows = count(db, 'audit_log');
    plainApp.close();

    const s = openTestStation({ dataDirectory: dir });
    stations.push(s);
    expect(databaseFileState(join(dir, DATABASE_FILE))).toBe('encrypted');
    expect(s.app.context.auditIntegrity.current).toMatchObject({
      ok: true,
      checked: auditRows + 1,
    });
    await s.must('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    const history = await s.must('declaration.history', { residentId: created.value.id });
    expect(history).toHaveLength(1);
  });

  it('a plain database from a newer app is refused untouched, and not encrypted', () => {
    const dir = scratch();
    const db = openConnection(join(dir, DATABASE_FILE), { key: null });
    db.exec('CREATE TABLE future (x TEXT) STRICT');
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    const before = databaseFingerprint(dir);
    expect(() => open(dir)).toThrow(DatabaseTooNewError);
    expect(() => encryptPlainDatabase(join(dir, DATABASE_FILE), randomBytes(32))).toThrow(
      DatabaseTooNewError,
    );
    expect(databaseFingerprint(dir)).toEqual(before);
    expect(readdirSync(dir)).toEqual([DATABASE_FILE]);
  });

  describe('killed at any point of the migration', () => {
    it('leaves the old plain database or the new encrypted one, and the next start finishes', async () => {
      const dir = await plainFoundationStation();
      const file = join(dir, DATABASE_FILE);
      const key = randomBytes(32);
      testSecretStore(dir).save(DATABASE_KEY_NAME, key);
      // At each step the files are exactly as a kill there would leave them (every write is
      // synchronous): copy the whole data directory at that moment.
      const snapshots: [EncryptionStep, string][] = [];
      const report = encryptPlainDatabase(file, key, {
        onStep: (step) => {
          const copy = join(scratch(), 'data');
          cpSync(dir, copy, { recursive: true });
          snapshots.push([step, copy]);
        },
      });
      expect(report.rows).toBeGreaterThan(PLAIN_RESIDENTS.length);
      expect(snapshots.map(([step]) => step)).toEqual([
        'started',
        'checkpointed',
        'copied',
        'rekeyed',
        'verified',
        'synced',
        'old-journal-removed',
        'replaced',
      ]);
      for (const [step, copy] of snapshots) {
        const copyFile = join(copy, DATABASE_FILE);
        const state = databaseFileState(copyFile);
        if (step === 'replaced') {
          expect(state, step).toBe('encrypted');
        } else {
          // Until the rename the original is plain and complete.
          expect(state, step).toBe('plain');
          expect(plainResidentCount(copy), step).toBe(PLAIN_RESIDENTS.length);
        }
        if (step === 'copied' || step === 'rekeyed' || step === 'verified' || step === 'synced') {
          expect(existsSync(encryptingCopyOf(copyFile)), step).toBe(true);
        }
        // The next start: the same key, and either a migration from scratch or a plain open.
        const app = open(copy);
        expect(databaseFileState(copyFile), step).toBe('encrypted');
        expect(count(app.db, 'residents'), step).toBe(PLAIN_RESIDENTS.length);
        app.close();
        expect(readdirSync(copy).sort(), step).toEqual(DATA_FILES);
        expect(readable(readFileSync(copyFile), THU), step).toEqual([]);
      }
    });

    it('an encrypted copy that does not match is never put in place', async () => {
      const dir = await plainFoundationStation();
      const file = join(dir, DATABASE_FILE);
      const key = randomBytes(32);
      const error = caught(() =>
        encryptPlainDatabase(file, key, {
          onStep: (step) => {
            if (step !== 'rekeyed') return;
            // Damage the encrypted copy between encryption and verification.
            const copy = openConnection(encryptingCopyOf(file), { key });
            copy
              .prepare('DELETE FROM resident_versions WHERE resident_id = ?')
              .run(RESIDENT_IDS[2]);
            copy.close();
          },
        }),
      );
      expect(error).toBeInstanceOf(EncryptionMigrationError);
      expect((error as Error).message).toMatch(/rows in resident_versions/);
      expect((error as Error).message).toMatch(/original file was not changed/);
      expect(databaseFileState(file)).toBe('plain');
      expect(plainResidentCount(dir)).toBe(PLAIN_RESIDENTS.length);
      expect(existsSync(encryptingCopyOf(file))).toBe(false);
      expect(existsSync(`${encryptingCopyOf(file)}-journal`)).toBe(false);
    });

    it('a failure before the rename removes the copy and keeps the plain original', async () => {
      const dir = await plainFoundationStation();
      const file = join(dir, DATABASE_FILE);
      const error = caught(() =>
        encryptPlainDatabase(file, randomBytes(32), {
          onStep: (step) => {
            if (step === 'synced') throw new Error('disk unplugged');
          },
        }),
      );
      expect(error).toBeInstanceOf(EncryptionMigrationError);
      expect(databaseFileState(file)).toBe('plain');
      expect(plainResidentCount(dir)).toBe(PLAIN_RESIDENTS.length);
      expect(readdirSync(dir).filter((n) => n.includes('encrypting'))).toEqual([]);
    });
  });
});

/**
 * A station database as versions before AEGIS-256 left it: encrypted with SQLCipher 4 and a
 * raw key, its key in the key store.
 */
async function sqlcipherStation(): Promise<{ dir: string; key: Buffer }> {
  const dir = await plainFoundationStation();
  const key = randomBytes(32);
  const db = openConnection(join(dir, DATABASE_FILE), { key: null });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`rekey = "x'${key.toString('hex')}'"`);
  db.close();
  testSecretStore(dir).save(DATABASE_KEY_NAME, key);
  return { dir, key };
}

function schemeResidentCount(dir: string, key: Buffer, cipher: 'aegis' | 'sqlcipher'): number {
  const db = openConnection(join(dir, DATABASE_FILE), { key, cipher, readonly: true });
  try {
    return count(db, 'residents');
  } finally {
    db.close();
  }
}

describe('an SQLCipher 4 database from an earlier version', () => {
  it('is re-encrypted with AEGIS-256 at start-up, every record still there and nothing ever in clear', async () => {
    const { dir, key } = await sqlcipherStation();
    const file = join(dir, DATABASE_FILE);
    expect(encryptedSchemeOf(file, key)).toBe('sqlcipher');

    const app = open(dir);
    expect(encryptedSchemeOf(file, key)).toBe('aegis');
    expect(count(app.db, 'residents')).toBe(PLAIN_RESIDENTS.length);
    const signIn = await app.dispatch('auth.signIn', {
      username: ADMIN.username,
      password: ADMIN.password,
    });
    expect(signIn.ok).toBe(true);
    const found = await app.dispatch('resident.search', { query: THU.personalId });
    expect(found).toMatchObject({
      ok: true,
      value: { results: [expect.objectContaining({ fullName: THU.fullName })] },
    });
    const encrypted = queryAudit(app.db, { limit: 100, action: 'storage.encrypted' });
    expect(encrypted.map((row) => row.details)).toEqual([
      expect.objectContaining({ from: 'sqlcipher', cipher: 'aegis-256' }),
    ]);
    app.close();
    expect(readdirSync(dir).sort()).toEqual(DATA_FILES);
    expect(readable(readFileSync(file), THU)).toEqual([]);

    // The next start just opens it.
    const again = open(dir);
    expect(auditActions(again.db).filter((a) => a === 'storage.encrypted')).toHaveLength(1);
  });

  it('killed at any point, leaves the old file or the new one, never a readable copy', async () => {
    const { dir, key } = await sqlcipherStation();
    const file = join(dir, DATABASE_FILE);
    const snapshots: [EncryptionStep, string][] = [];
    reencryptLegacyDatabase(file, key, {
      onStep: (step) => {
        const copy = join(scratch(), 'data');
        cpSync(dir, copy, { recursive: true });
        snapshots.push([step, copy]);
      },
    });
    expect(snapshots.map(([step]) => step)).toContain('rekeyed');
    for (const [step, copy] of snapshots) {
      // Not one file of the directory, the working copy included, holds her name in clear.
      for (const name of readdirSync(copy)) {
        expect(readable(readFileSync(join(copy, name)), THU), `${step}: ${name}`).toEqual([]);
      }
      const scheme = step === 'replaced' ? 'aegis' : 'sqlcipher';
      expect(schemeResidentCount(copy, key, scheme), step).toBe(PLAIN_RESIDENTS.length);
      const app = open(copy);
      expect(count(app.db, 'residents'), step).toBe(PLAIN_RESIDENTS.length);
      app.close();
      expect(readdirSync(copy).sort(), step).toEqual(DATA_FILES);
      expect(encryptedSchemeOf(join(copy, DATABASE_FILE), key), step).toBe('aegis');
    }
  });

  it('with another key, is refused untouched: nothing is re-encrypted or replaced', async () => {
    const { dir } = await sqlcipherStation();
    testSecretStore(dir).save(DATABASE_KEY_NAME, randomBytes(32));
    const before = databaseFingerprint(dir);
    expect(caught(() => open(dir))).toMatchObject({ reason: 'DATABASE_KEY_REJECTED' });
    expect(databaseFingerprint(dir)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------

describe('the desktop app’s key store (Electron safeStorage, faked)', () => {
  function fakeSafeStorage(backend: 'basic_text' | 'gnome_libsecret'): SafeStorageLike {
    return {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => backend,
      setUsePlainTextEncryption: () => undefined,
      encryptString: (text) => Buffer.from(`enc:${Buffer.from(text).toString('base64')}`),
      decryptString: (data) =>
        Buffer.from(data.toString().replace(/^enc:/, ''), 'base64').toString(),
    };
  }

  function electronStore(
    userData: string,
    backend: 'basic_text' | 'gnome_libsecret',
    accept: boolean,
  ) {
    return new SafeStorageSecretStore(fakeSafeStorage(backend), {
      directory: userData,
      platform: 'linux',
      acceptWeakKeychain: accept,
    });
  }

  it('keeps the key in the keychain, outside the data directory', async () => {
    const dir = scratch();
    const userData = join(scratch(), 'userData');
    mkdirSync(userData);
    const app = open(dir, electronStore(userData, 'gnome_libsecret', false));
    expect(databaseFileState(join(dir, DATABASE_FILE))).toBe('encrypted');
    expect(readdirSync(userData)).toEqual(['station-database.safestorage']);
    expect(readdirSync(dir).filter((n) => n.endsWith('.key'))).toEqual([]);
    expect(
      (
        app.db
          .prepare(`SELECT count(*) AS n FROM audit_log WHERE action LIKE 'security.%'`)
          .get() as {
          n: number;
        }
      ).n,
    ).toBe(0);
  });

  it('on basic_text refuses to create a station: no database, no key', () => {
    const dir = scratch();
    const userData = scratch();
    const error = caught(() => open(dir, electronStore(userData, 'basic_text', false)));
    expect((error as Error).message).toMatch(/--accept-weak-keychain/);
    expect((error as Error).message).toMatch(/^The station database was not opened/);
    expect(readdirSync(dir)).toEqual([]);
    expect(readdirSync(userData)).toEqual([]);
  });

  it('on basic_text refuses to open (or encrypt) an existing station, changing nothing', async () => {
    const plainDir = await plainFoundationStation();
    const userData = scratch();
    const before = databaseFingerprint(plainDir);
    expect(() => open(plainDir, electronStore(userData, 'basic_text', false))).toThrow(
      /--accept-weak-keychain/,
    );
    expect(databaseFingerprint(plainDir)).toEqual(before);
    expect(databaseFileState(join(plainDir, DATABASE_FILE))).toBe('plain');
  });

  it('with --accept-weak-keychain opens, and writes the acceptance to the audit trail at each start', async () => {
    const dir = scratch();
    const userData = scratch();
    const first = open(dir, electronStore(userData, 'basic_text', true));
    const set = await first.dispatch('setup.initialize', {
      station: { communeCode: '26911', name: 'Trạm Y tế phường Bình Quới', facilityCode: '79123' },
      administrator: { ...ADMIN, passwordConfirmation: ADMIN.password },
    });
    expect(set.ok).toBe(true);
    first.close();
    const second = open(dir, electronStore(userData, 'basic_text', true));
    expect(auditActions(second.db)).toEqual([
      'security.weakKeychainAccepted',
      'setup.initialize',
      'sync.createStationKey',
      'security.weakKeychainAccepted',
    ]);
    const [accepted] = queryAudit(second.db, { limit: 1, action: 'security.weakKeychainAccepted' });
    expect(accepted).toMatchObject({ outcome: 'ok', userId: null });
    expect(accepted?.details).toMatchObject({
      flag: '--accept-weak-keychain',
      keyStore: expect.stringMatching(/basic_text/),
    });
    expect(second.context.auditIntegrity.current).toMatchObject({ ok: true, checked: 4 });
    // Without the flag the same station no longer opens.
    second.close();
    expect(() => open(dir, electronStore(userData, 'basic_text', false))).toThrow(
      /--accept-weak-keychain/,
    );
    // With a keychain it opens without any such note.
    const withKeychain = electronStore(userData, 'gnome_libsecret', false);
    const third = open(dir, withKeychain);
    expect((third.db.prepare(`SELECT count(*) AS n FROM audit_log`).get() as { n: number }).n).toBe(
      4,
    );
  });
});
