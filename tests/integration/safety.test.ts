import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/app/data-directory';
import { DATABASE_KEY_NAME, openStationApp } from '../../src-main/app/station-app';
import { DatabaseTooNewError, openDatabase } from '../../src-main/db/connection';
import { openConnection } from '../../src-main/db/driver';
import { LATEST_SCHEMA_VERSION } from '../../src-main/db/migrations';
import { CHANNELS } from '../../src-shared/ipc/channels';
import { contract } from '../../src-shared/ipc/contract';
import type { Result } from '../../src-shared/ipc/errors';
import {
  databaseFingerprint,
  declarationInput,
  openSetUpStation,
  openTestStation,
  residentInput,
  testSecretStore,
  type TestStation,
} from '../support/station';

const stations: TestStation[] = [];
const scratchDirs: string[] = [];
afterEach(() => {
  for (const s of stations.splice(0)) s.dispose();
  for (const d of scratchDirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function setUp(): Promise<TestStation> {
  const s = await openSetUpStation();
  stations.push(s);
  return s;
}

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ward-safety-'));
  scratchDirs.push(dir);
  return dir;
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

const LONG = 'Ánh'.repeat(34_000); // 102 000 characters

/** [what a caller might send, channel, input, the code it must get, an issue it must carry] */
const MALFORMED: [
  string,
  string,
  unknown,
  string,
  { path: (string | number)[]; message?: string } | null,
][] = [
  ['an unknown channel', 'resident.delete', { id: 'x' }, 'UNKNOWN_CHANNEL', null],
  ['a channel name that is not a string', 42 as never, {}, 'UNKNOWN_CHANNEL', null],
  ['a prototype key as channel', '__proto__', {}, 'UNKNOWN_CHANNEL', null],
  [
    'null input',
    'resident.create',
    null,
    'INVALID_INPUT',
    { path: ['resident'], message: 'validation.required' },
  ],
  ['a number as input', 'resident.search', 7, 'INVALID_INPUT', { path: [] }],
  ['a string as input', 'resident.create', 'DROP TABLE residents', 'INVALID_INPUT', { path: [] }],
  ['an array as input', 'resident.get', [1, 2], 'INVALID_INPUT', { path: [] }],
  [
    'a number where a name goes',
    'resident.create',
    { resident: residentInput({ fullName: 12 as never }) },
    'INVALID_INPUT',
    { path: ['resident', 'fullName'] },
  ],
  [
    'a 100k-character name',
    'resident.create',
    { resident: residentInput({ fullName: LONG }) },
    'INVALID_INPUT',
    { path: ['resident', 'fullName'] },
  ],
  [
    'a 100k-character street',
    'resident.create',
    { resident: residentInput({ currentAddress: { communeCode: '26911', street: LONG } }) },
    'INVALID_INPUT',
    { path: ['resident', 'currentAddress', 'street'], message: 'validation.maxLength:200' },
  ],
  [
    'a 100k-character search',
    'resident.search',
    { query: LONG },
    'INVALID_INPUT',
    { path: ['query'], message: 'validation.maxLength:100' },
  ],
  [
    'an impossible date, 2023-02-30',
    'resident.create',
    { resident: residentInput({ personalId: '', birthDate: '2023-02-30' }) },
    'INVALID_INPUT',
    { path: ['resident', 'birthDate'], message: 'validation.date' },
  ],
  [
    'a date of birth next year',
    'resident.create',
    {
      resident: residentInput({
        personalId: '',
        birthDate: `${new Date().getUTCFullYear() + 1}-06-01`,
      }),
    },
    'INVALID_INPUT',
    { path: ['resident', 'birthDate'], message: 'validation.dateInFuture' },
  ],
  [
    'a personal ID with a letter',
    'resident.create',
    { resident: residentInput({ personalId: '07918500123X' }) },
    'INVALID_INPUT',
    { path: ['resident', 'personalId'], message: 'validation.personalId.shape' },
  ],
  [
    'a personal ID of another generation',
    'resident.create',
    { resident: residentInput({ personalId: '079385001234' }) },
    'INVALID_INPUT',
    { path: ['resident', 'personalId'], message: 'validation.personalId.century' },
  ],
  [
    'an extra key on resident.create',
    'resident.create',
    { resident: residentInput(), isAdmin: true },
    'INVALID_INPUT',
    { path: [], message: 'validation.unknownField' },
  ],
  [
    'an extra key on resident.get',
    'resident.get',
    { id: '01890a5d-ac96-774b-bcce-b302099a8057', sql: '1=1' },
    'INVALID_INPUT',
    { path: [] },
  ],
  [
    'an extra key on resident.search',
    'resident.search',
    { query: 'anh', orderBy: 'password_hash' },
    'INVALID_INPUT',
    { path: [] },
  ],
  [
    'a record id that is not a UUID',
    'resident.get',
    { id: "' OR 1=1 --" },
    'INVALID_INPUT',
    { path: ['id'] },
  ],
  [
    'a negative version',
    'resident.update',
    { id: '01890a5d-ac96-774b-bcce-b302099a8057', expectedVersion: -1, resident: residentInput() },
    'INVALID_INPUT',
    { path: ['expectedVersion'] },
  ],
  [
    'a search limit of a million',
    'resident.search',
    { query: 'anh', limit: 1_000_000 },
    'INVALID_INPUT',
    { path: ['limit'] },
  ],
  [
    'a vaccination on 2023-02-30',
    'declaration.submit',
    {
      residentId: '01890a5d-ac96-774b-bcce-b302099a8057',
      baseVersion: 0,
      declaration: declarationInput({
        vaccinations: [{ vaccine: 'BCG', status: '1', date: '2023-02-30' }],
      }),
    },
    'INVALID_INPUT',
    { path: ['declaration', 'vaccinations', 0, 'date'], message: 'validation.date' },
  ],
  ['an extra key on app.info', 'app.info', { debug: true }, 'INVALID_INPUT', { path: [] }],
];

describe('malformed calls from the renderer', () => {
  it.each(MALFORMED)(
    'answers %s with a stable code and leaves the database untouched',
    async (_label, channel, input, code, issue) => {
      const s = await setUp();
      const before = databaseFingerprint(s.dataDirectory);
      const result = (await s.app.dispatch(channel, input)) as Result<unknown>;
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe(code);
      expect(typeof result.error.message).toBe('string');
      if (issue) {
        expect(result.error.issues?.length).toBeGreaterThan(0);
        expect(result.error.issues).toContainEqual(
          issue.message ? issue : expect.objectContaining({ path: issue.path }),
        );
      }
      expect(JSON.stringify(result).length).toBeLessThan(20_000);
      expect(databaseFingerprint(s.dataDirectory)).toEqual(before);
      const count = s.app.db.prepare('SELECT count(*) AS n FROM residents').get() as { n: number };
      expect(count.n).toBe(0);
    },
  );

  it('never throws across the boundary, whatever it is sent', async () => {
    const s = await setUp();
    const inputs: unknown[] = [
      undefined,
      null,
      0,
      '',
      [],
      {},
      { resident: null },
      { id: null },
      { query: {} },
      Symbol('x'),
      () => 1,
      10n,
    ];
    for (const channel of [...CHANNELS, 'nope', undefined, null]) {
      for (const input of inputs) {
        if (channel === 'auth.signOut' || channel === 'setup.initialize') continue;
        const result = (await s.app.dispatch(channel, input)) as Result<unknown>;
        expect(typeof result.ok, `${String(channel)}`).toBe('boolean');
      }
    }
  });
});

describe('calls without a session', () => {
  it('refuses every channel that needs a signed-in worker with NOT_SIGNED_IN', async () => {
    const s = await setUp();
    await s.must('auth.signOut', {});
    const before = databaseFingerprint(s.dataDirectory);
    for (const channel of CHANNELS) {
      if (contract[channel].access === 'public') continue;
      const result = (await s.app.dispatch(channel, {})) as Result<unknown>;
      expect(result.ok ? 'ok' : result.error.code, channel).toBe('NOT_SIGNED_IN');
    }
    const create = await s.call('resident.create', { resident: residentInput() });
    expect(create.ok || create.error.code).toBe('NOT_SIGNED_IN');
    expect(databaseFingerprint(s.dataDirectory)).toEqual(before);
  });

  it('refuses a wrong password without saying whether the account exists', async () => {
    const s = await setUp();
    await s.must('auth.signOut', {});
    const wrongPassword = await s.call('auth.signIn', {
      username: 'admin',
      password: 'saimatkhau1',
    });
    const noAccount = await s.call('auth.signIn', { username: 'khongco', password: 'saimatkhau1' });
    expect(wrongPassword.ok || wrongPassword.error).toEqual(noAccount.ok || noAccount.error);
    expect(wrongPassword.ok || wrongPassword.error.code).toBe('BAD_CREDENTIALS');
    expect(await s.must('auth.session', {})).toBeNull();
  });

  it('refuses to set the station up a second time', async () => {
    const s = await setUp();
    const again = await s.call('setup.initialize', {
      station: { communeCode: '26740', name: 'Trạm khác', facilityCode: '79999' },
      administrator: {
        fullName: 'Kẻ Lạ',
        username: 'intruder',
        password: 'matkhau2026',
        passwordConfirmation: 'matkhau2026',
      },
    });
    expect(again.ok || again.error.code).toBe('ALREADY_SET_UP');
    const users = s.app.db.prepare('SELECT username FROM users').all();
    expect(users).toEqual([{ username: 'admin' }]);
  });

  it('tells a station that is not set up yet so at sign-in', async () => {
    const s = openTestStation();
    stations.push(s);
    expect(await s.must('setup.status', {})).toEqual({ configured: false });
    const signIn = await s.call('auth.signIn', { username: 'admin', password: 'matkhau2026' });
    expect(signIn.ok || signIn.error.code).toBe('NOT_SET_UP');
  });
});

describe('all or nothing', () => {
  it('saves no resident when its outbox row cannot be written', async () => {
    const s = await setUp();
    s.app.db.exec(
      `CREATE TRIGGER outbox_refuses BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox full'); END`,
    );
    const result = await s.call('resident.create', { resident: residentInput() });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('STORAGE_FAILURE');
    for (const table of ['residents', 'resident_identifiers', 'resident_versions', 'outbox']) {
      const row = s.app.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
      expect(row.n, table).toBe(0);
    }
    expect((await s.must('resident.search', { query: 'nguyen thi anh' })).results).toEqual([]);
  });

  it('keeps the old version of a resident when the update cannot reach the outbox', async () => {
    const s = await setUp();
    const anh = await s.must('resident.create', { resident: residentInput() });
    s.app.db.exec(
      `CREATE TRIGGER outbox_refuses BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox full'); END`,
    );
    const result = await s.call('resident.update', {
      id: anh.id,
      expectedVersion: 1,
      resident: residentInput({ personalId: '079185999999', occupation: 'Giáo viên' }),
    });
    expect(result.ok || result.error.code).toBe('STORAGE_FAILURE');
    const kept = await s.must('resident.get', { id: anh.id });
    expect(kept.record.version).toBe(1);
    expect(kept.record.resident.personalId).toBe('079185001234');
    expect((await s.must('resident.search', { query: '079185001234' })).results).toHaveLength(1);
    expect((await s.must('resident.search', { query: '079185999999' })).results).toHaveLength(0);
  });

  it('saves no declaration, and keeps the draft, when its outbox row cannot be written', async () => {
    const s = await setUp();
    const anh = await s.must('resident.create', { resident: residentInput() });
    await s.must('declaration.saveDraft', {
      residentId: anh.id,
      baseVersion: 0,
      data: { half: true },
    });
    s.app.db.exec(
      `CREATE TRIGGER outbox_refuses BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox full'); END`,
    );
    const result = await s.call('declaration.submit', {
      residentId: anh.id,
      baseVersion: 0,
      declaration: declarationInput(),
    });
    expect(result.ok || result.error.code).toBe('STORAGE_FAILURE');
    expect(await s.must('declaration.history', { residentId: anh.id })).toEqual([]);
    expect((await s.must('declaration.current', { residentId: anh.id })).draft?.data).toEqual({
      half: true,
    });
    const heads = s.app.db.prepare('SELECT count(*) AS n FROM declarations').get() as { n: number };
    expect(heads.n).toBe(0);
  });
});

describe('the database file', () => {
  /** A plain file, as an earlier (unencrypted) version of a newer app would have left it. */
  function fileFromNewerApp(dir: string, journal: 'delete' | 'wal'): string {
    const file = join(dir, DATABASE_FILE);
    const db = openConnection(file, { key: null });
    db.pragma(`journal_mode = ${journal}`);
    db.exec('CREATE TABLE future_table (x TEXT) STRICT; INSERT INTO future_table VALUES (1);');
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    return file;
  }

  it.each(['delete', 'wal'] as const)(
    'refuses a database written by a newer app (%s journal) and leaves its bytes unchanged',
    (journal) => {
      const dir = scratch();
      const file = fileFromNewerApp(dir, journal);
      const before = sha256(file);
      expect(() =>
        openStationApp({
          dataDirectory: dir,
          shell: 'browser',
          version: 'test',
          secretStore: testSecretStore(dir),
        }),
      ).toThrow(DatabaseTooNewError);
      // Refused before a key was made or anything encrypted.
      expect(existsSync(testSecretStore(dir).fileFor(DATABASE_KEY_NAME))).toBe(false);
      expect(() => openDatabase(file, { key: null })).toThrow(DatabaseTooNewError);
      let error: unknown;
      try {
        openDatabase(file, { key: null });
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({
        code: 'STORAGE_FAILURE',
        fileVersion: LATEST_SCHEMA_VERSION + 1,
        appVersion: LATEST_SCHEMA_VERSION,
      });
      expect(sha256(file)).toBe(before);
      const check = openConnection(file, { key: null, readonly: true });
      expect(check.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 1);
      expect(
        check.prepare('SELECT count(*) AS n FROM sqlite_master WHERE name = ?').get('residents'),
      ).toEqual({ n: 0 });
      check.close();
    },
  );

  it('creates only STRICT tables, with foreign keys enforced and WAL journaling', () => {
    const dir = scratch();
    const db = openDatabase(join(dir, DATABASE_FILE), { key: randomBytes(32) });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      const tables = db
        .prepare(
          `SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'`,
        )
        .all() as { name: string; strict: number }[];
      expect(tables.map((t) => t.name).sort()).toEqual(
        [
          'audit_log',
          'class_enrolments',
          'consent_withdrawals',
          'declaration_drafts',
          'declaration_versions',
          'declarations',
          'duplicate_dismissals',
          'elderly_screening_versions',
          'elderly_screenings',
          'outbox',
          'resident_identifiers',
          'resident_merges',
          'resident_versions',
          'residents',
          'school_classes',
          'school_screening_versions',
          'school_screenings',
          'schools',
          'settings',
          'station',
          'subject_requests',
          'sync_bundle_records',
          'sync_bundles',
          'sync_city_keys',
          'sync_station_key',
          'sync_supervisor_keys',
          'users',
        ].sort(),
      );
      for (const t of tables) expect(t.strict, t.name).toBe(1);
      expect(() =>
        db
          .prepare(
            `INSERT INTO resident_identifiers (value, kind, resident_id) VALUES ('079185001234', 'personal_id', 'nobody')`,
          )
          .run(),
      ).toThrow(/FOREIGN KEY/);
      expect(() =>
        db
          .prepare(
            `INSERT INTO outbox (entity_type, entity_id, entity_version, operation, created_at) VALUES ('resident', 'x', 'one', 'create', 'now')`,
          )
          .run(),
      ).toThrow(/cannot store TEXT value in INTEGER column/);
    } finally {
      db.close();
    }
  });

  it('opens an existing station again without migrating twice, keeping its data', async () => {
    const s = await openSetUpStation();
    const anh = await s.must('resident.create', { resident: residentInput() });
    s.app.close();
    const again = openStationApp({
      dataDirectory: s.dataDirectory,
      shell: 'browser',
      version: 'test',
      secretStore: testSecretStore(s.dataDirectory),
    });
    try {
      expect(again.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(await again.dispatch('setup.status', {})).toEqual({
        ok: true,
        value: { configured: true },
      });
      const row = again.db.prepare('SELECT full_name FROM residents WHERE id = ?').get(anh.id);
      expect(row).toEqual({ full_name: 'Nguyễn Thị Ánh' });
    } finally {
      again.close();
      rmSync(s.dataDirectory, { recursive: true, force: true });
    }
  });

  it('does not leave a WAL behind after closing', async () => {
    const s = await openSetUpStation();
    s.app.close();
    expect(existsSync(join(s.dataDirectory, `${DATABASE_FILE}-wal`))).toBe(false);
    rmSync(s.dataDirectory, { recursive: true, force: true });
  });
});
