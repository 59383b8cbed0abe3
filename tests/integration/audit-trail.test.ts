import { afterEach, describe, expect, it } from 'vitest';
import { changeDigests, verifyAuditChain } from '../../src-main/audit/audit-log';
import type { Result } from '../../src-shared/ipc/errors';
import {
  ADMIN,
  addStaff,
  auditTrail,
  createAccount,
  declarationInput,
  openSetUpStation,
  openStationFile,
  reopenTestStation,
  residentInput,
  signIn,
  signInAs,
  STAFF,
  testClock,
  type TestClock,
  type TestStation,
} from '../support/station';

const stations: TestStation[] = [];
afterEach(() => {
  for (const s of stations.splice(0).reverse()) s.dispose();
});

async function setUp(): Promise<{ s: TestStation; clock: TestClock }> {
  const clock = testClock('2026-03-02T01:30:00.000Z');
  const s = await openSetUpStation({ now: clock.now });
  stations.push(s);
  return { s, clock };
}

function codeOf(result: Result<unknown>): string {
  return result.ok ? 'ok' : result.error.code;
}

function userId(s: TestStation, username: string): string {
  return (
    s.app.db.prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: string }
  ).id;
}

/** RFC 4180: fields separated by commas, records by CRLF, quotes doubled inside quoted fields. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted) {
      field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
}

/**
 * A morning at the station: the administrator sets things up, a health worker registers and
 * corrects a resident and takes her declaration, the supervisor checks the trail.
 */
async function morning(s: TestStation, clock: TestClock) {
  const tick = () => clock.advance({ minutes: 1 });
  tick();
  await s.must('settings.update', { idleLockMinutes: 10 });
  tick();
  const nurse = await createAccount(s, {
    role: 'school_nurse',
    username: 'chau.ytehd',
    fullName: 'Phạm Minh Châu',
    temporaryPassword: 'tamthoi2026chau',
  });
  tick();
  await s.must('account.update', {
    id: nurse.id,
    fullName: 'Phạm Minh Châu',
    role: 'health_worker',
    disabled: false,
  });
  tick();
  await s.must('account.resetPassword', { id: nurse.id, temporaryPassword: 'datlai2026chau' });
  await addStaff(s, 'health_worker');
  await addStaff(s, 'supervisor');
  tick();
  await s.must('auth.signOut', {});
  tick();
  await signIn(s, ADMIN.username, 'saimatkhau2026');
  tick();
  await signInAs(s, 'health_worker');
  tick();
  const resident = await s.must('resident.create', { resident: residentInput() });
  tick();
  await s.must('resident.get', { id: resident.id });
  tick();
  const updated = await s.must('resident.update', {
    id: resident.id,
    expectedVersion: 1,
    resident: residentInput({
      fullName: 'Nguyễn Thị Ánh Hồng',
      personalId: '079185009876',
      phones: [{ number: '0912345678' }],
    }),
  });
  tick();
  await s.must('declaration.submit', {
    residentId: resident.id,
    baseVersion: 0,
    declaration: declarationInput({
      consent: {
        recordKeeping: true,
        givenBy: 'representative',
        representativeName: 'Nguyễn Văn Bảy',
        representativeRelationship: 'chồng',
      },
    }),
  });
  tick();
  await s.must('declaration.current', { residentId: resident.id });
  tick();
  await s.must('declaration.getVersion', { residentId: resident.id, version: 1 });
  tick();
  await s.must('auth.signOut', {});
  tick();
  await signInAs(s, 'supervisor');
  tick();
  await s.must('audit.verify', {});
  tick();
  const exported = await s.must('audit.export', {});
  return { nurse, resident, updated, exported };
}

/** Everything about the resident that must never be copied into the trail in clear. */
const RESIDENT_SECRETS = [
  'Nguyễn Thị Ánh',
  'Nguyễn Thị Ánh Hồng',
  'nguyen thi anh',
  '079185001234',
  '079185009876',
  '0903123456',
  '0912345678',
  '12 Bình Quới',
  'Nguyễn Văn Bảy',
];

describe('what the audit trail records', () => {
  it('keeps a row for every step of a morning, with who did it and to which record', async () => {
    const { s, clock } = await setUp();
    const { nurse, resident, exported } = await morning(s, clock);
    const adminId = userId(s, ADMIN.username);
    const thuId = userId(s, STAFF.health_worker.username);
    const supervisorId = userId(s, STAFF.supervisor.username);
    const station = (await s.must('auth.session', {}))!.station;

    const rows = auditTrail(s).map((r) => [
      r.action,
      r.userId,
      r.userName,
      r.recordType,
      r.recordId,
      r.outcome,
    ]);
    const admin = [adminId, ADMIN.fullName];
    const thu = [thuId, STAFF.health_worker.fullName];
    const supervisor = [supervisorId, STAFF.supervisor.fullName];
    expect(rows).toEqual([
      ['setup.initialize', ...admin, 'station', station.id, 'ok'],
      // The station's sync signing key, made at set-up (its id is its public-key thumbprint).
      ['sync.createStationKey', ...admin, 'syncKey', expect.any(String), 'ok'],
      ['settings.update', ...admin, 'settings', null, 'ok'],
      ['account.create', ...admin, 'user', nurse.id, 'ok'],
      ['account.update', ...admin, 'user', nurse.id, 'ok'],
      ['account.resetPassword', ...admin, 'user', nurse.id, 'ok'],
      ['auth.signOut', ...admin, null, null, 'ok'],
      ['auth.signInFailed', ...admin, null, null, 'failed'],
      ['auth.signIn', ...thu, null, null, 'ok'],
      ['resident.create', ...thu, 'resident', resident.id, 'ok'],
      ['resident.view', ...thu, 'resident', resident.id, 'ok'],
      ['resident.update', ...thu, 'resident', resident.id, 'ok'],
      ['declaration.submit', ...thu, 'declaration', resident.id, 'ok'],
      ['declaration.view', ...thu, 'declaration', resident.id, 'ok'],
      ['declaration.view', ...thu, 'declaration', resident.id, 'ok'],
      ['auth.signOut', ...thu, null, null, 'ok'],
      ['auth.signIn', ...supervisor, null, null, 'ok'],
      ['audit.verify', ...supervisor, null, null, 'ok'],
      ['audit.export', ...supervisor, null, null, 'ok'],
    ]);

    const trail = auditTrail(s);
    // Each row is stamped with the station clock at the moment of the action, in UTC.
    expect(trail[0]?.at).toBe('2026-03-02T01:30:00.000Z');
    expect(trail.at(-1)?.at).toBe(clock.now().toISOString());
    expect(trail.map((r) => r.seq)).toEqual(trail.map((_r, i) => i + 1));
    expect(trail.find((r) => r.action === 'auth.signInFailed')?.details).toEqual({
      reason: 'wrongPassword',
    });
    expect(trail.filter((r) => r.action === 'declaration.view').map((r) => r.details)).toEqual([
      { version: 1 },
      { version: 1 },
    ]);
    expect(trail.find((r) => r.action === 'audit.verify')?.details).toEqual({
      checked: 17,
      problem: null,
      atSeq: null,
    });
    expect(trail.find((r) => r.action === 'audit.export')?.details).toEqual({
      rows: exported.rows,
      filter: {},
    });
  });

  it('records a resident’s changes as field names and digests, never the name, ID or phone', async () => {
    const { s, clock } = await setUp();
    const { resident, updated, exported } = await morning(s, clock);
    const trail = auditTrail(s);

    const created = trail.find((r) => r.action === 'resident.create')!;
    expect(created.details).toMatchObject({
      before: null,
      after: expect.stringMatching(/^[0-9a-f]{64}$/),
      duplicateCandidates: 0,
    });
    expect(created.details['changedFields']).toEqual(
      expect.arrayContaining(['fullName', 'personalId', 'phones', 'birthDate']),
    );

    const update = trail.find((r) => r.action === 'resident.update')!;
    expect(update.details).toEqual({
      changedFields: ['fullName', 'personalId', 'phones'],
      before: expect.stringMatching(/^[0-9a-f]{64}$/),
      after: expect.stringMatching(/^[0-9a-f]{64}$/),
      version: 2,
    });
    // The digests prove what the fields held before and after, for whoever has the record.
    const digests = changeDigests(resident.resident, updated.resident);
    expect(update.details).toMatchObject(digests);
    expect(digests.before).not.toBe(digests.after);

    const submit = trail.find((r) => r.action === 'declaration.submit')!;
    expect(submit.details).toMatchObject({
      version: 1,
      before: null,
      consent: { recordKeeping: true, givenBy: 'representative' },
    });

    const details = JSON.stringify(trail.map((r) => r.details));
    const csv = exported.csv;
    for (const secret of RESIDENT_SECRETS) {
      expect([secret, details.includes(secret)]).toEqual([secret, false]);
      expect([secret, csv.includes(secret)]).toEqual([secret, false]);
    }
  });
});

describe('checking the hash chain', () => {
  it('finds an untouched trail intact, and says so to the supervisor', async () => {
    const { s, clock } = await setUp();
    await morning(s, clock);
    const rowsBefore = auditTrail(s).length;
    clock.advance({ minutes: 3 });
    const result = await s.must('audit.verify', {});
    expect(result).toEqual({
      ok: true,
      checked: rowsBefore,
      problem: null,
      atSeq: null,
      checkedAt: clock.now().toISOString(),
    });
    expect((await s.must('auth.session', {}))?.auditIntegrity).toEqual(result);
    expect(verifyAuditChain(s.app.db)).toEqual({
      ok: true,
      checked: rowsBefore + 1,
      problem: null,
      atSeq: null,
    });
  });

  it('finds a row whose details were edited, at its sequence number', async () => {
    const { s, clock } = await setUp();
    await morning(s, clock);
    const target = auditTrail(s).find((r) => r.action === 'resident.update')!;
    s.app.db.exec('DROP TRIGGER audit_log_no_update');
    s.app.db
      .prepare('UPDATE audit_log SET details = ? WHERE seq = ?')
      .run(JSON.stringify({ ...target.details, changedFields: ['phones'] }), target.seq);

    const result = await s.must('audit.verify', {});
    expect(result).toMatchObject({
      ok: false,
      problem: 'edited',
      atSeq: target.seq,
      checked: target.seq - 1,
    });
    expect((await s.must('auth.session', {}))?.auditIntegrity).toEqual(result);
    const check = auditTrail(s).at(-1)!;
    expect(check).toMatchObject({
      action: 'audit.verify',
      outcome: 'failed',
      details: { problem: 'edited', atSeq: target.seq, checked: target.seq - 1 },
    });
  });

  it('finds a row whose author was rewritten', async () => {
    const { s, clock } = await setUp();
    await morning(s, clock);
    const target = auditTrail(s).find((r) => r.action === 'resident.view')!;
    s.app.db.exec('DROP TRIGGER audit_log_no_update');
    s.app.db
      .prepare('UPDATE audit_log SET user_name = ? WHERE seq = ?')
      .run(STAFF.supervisor.fullName, target.seq);
    expect(await s.must('audit.verify', {})).toMatchObject({
      ok: false,
      problem: 'edited',
      atSeq: target.seq,
    });
  });

  it('finds a row deleted from the middle', async () => {
    const { s, clock } = await setUp();
    await morning(s, clock);
    const target = auditTrail(s).find((r) => r.action === 'resident.view')!;
    s.app.db.exec('DROP TRIGGER audit_log_no_delete');
    s.app.db.prepare('DELETE FROM audit_log WHERE seq = ?').run(target.seq);

    // The chain breaks at the row after the gap.
    expect(await s.must('audit.verify', {})).toMatchObject({
      ok: false,
      problem: 'deleted',
      atSeq: target.seq + 1,
      checked: target.seq - 1,
    });
  });

  it('finds the first row deleted', async () => {
    const { s, clock } = await setUp();
    await morning(s, clock);
    s.app.db.exec('DROP TRIGGER audit_log_no_delete');
    s.app.db.prepare('DELETE FROM audit_log WHERE seq = 1').run();
    expect(verifyAuditChain(s.app.db)).toEqual({
      ok: false,
      problem: 'deleted',
      atSeq: 2,
      checked: 0,
    });
  });

  it('finds a trail whose last rows were cut off', async () => {
    const { s, clock } = await setUp();
    await morning(s, clock);
    const last = auditTrail(s).at(-1)!.seq;
    s.app.db.exec('DROP TRIGGER audit_log_no_delete');
    s.app.db.prepare('DELETE FROM audit_log WHERE seq > ?').run(last - 3);

    expect(await s.must('audit.verify', {})).toMatchObject({
      ok: false,
      problem: 'truncated',
      atSeq: last - 2,
      checked: last - 3,
    });
  });

  it('finds a trail emptied altogether', async () => {
    const { s, clock } = await setUp();
    await morning(s, clock);
    s.app.db.exec('DROP TRIGGER audit_log_no_delete');
    s.app.db.prepare('DELETE FROM audit_log').run();
    expect(verifyAuditChain(s.app.db)).toMatchObject({
      ok: false,
      problem: 'truncated',
      atSeq: 1,
      checked: 0,
    });
  });

  it('refuses to rewrite or remove audit rows through the app’s own connection', async () => {
    const { s, clock } = await setUp();
    await morning(s, clock);
    const before = auditTrail(s);
    expect(() =>
      s.app.db.prepare(`UPDATE audit_log SET details = '{}' WHERE seq = 2`).run(),
    ).toThrow(/append-only/);
    expect(() => s.app.db.prepare(`UPDATE audit_log SET outcome = 'ok'`).run()).toThrow(
      /append-only/,
    );
    expect(() => s.app.db.prepare('DELETE FROM audit_log WHERE seq = 3').run()).toThrow(
      /append-only/,
    );
    expect(() => s.app.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(auditTrail(s)).toEqual(before);
    expect(verifyAuditChain(s.app.db).ok).toBe(true);
  });
});

describe('a station opened on a tampered database', () => {
  async function closedMorning(): Promise<{ s: TestStation; clock: TestClock }> {
    const { s, clock } = await setUp();
    await morning(s, clock);
    s.app.close();
    return { s, clock };
  }

  function reopen(s: TestStation, clock: TestClock): TestStation {
    const reopened = reopenTestStation(s, { now: clock.now });
    stations.push(reopened);
    return reopened;
  }

  it('shows everyone who signs in that the trail was edited', async () => {
    const { s, clock } = await closedMorning();
    // Someone with the database file and its key (the key file of the browser shell).
    const tamper = openStationFile(s.dataDirectory);
    tamper.exec('DROP TRIGGER audit_log_no_update');
    const seq = (
      tamper.prepare(`SELECT seq FROM audit_log WHERE action = 'resident.view'`).get() as {
        seq: number;
      }
    ).seq;
    tamper.prepare(`UPDATE audit_log SET details = '{"note":"nothing"}' WHERE seq = ?`).run(seq);
    tamper.close();

    clock.advance({ minutes: 30 });
    const reopened = reopen(s, clock);
    await signInAs(reopened, 'health_worker');
    const session = await reopened.must('auth.session', {});
    expect(session?.auditIntegrity).toEqual({
      ok: false,
      checked: seq - 1,
      problem: 'edited',
      atSeq: seq,
      checkedAt: clock.now().toISOString(),
    });
    await signInAs(reopened, 'supervisor');
    expect((await reopened.must('auth.session', {}))?.auditIntegrity.ok).toBe(false);
  });

  it('shows that rows were deleted or cut off', async () => {
    const { s, clock } = await closedMorning();
    // Someone with the database file and its key (the key file of the browser shell).
    const tamper = openStationFile(s.dataDirectory);
    tamper.exec('DROP TRIGGER audit_log_no_delete');
    const last = (tamper.prepare('SELECT max(seq) AS seq FROM audit_log').get() as { seq: number })
      .seq;
    tamper.prepare('DELETE FROM audit_log WHERE seq >= ?').run(last - 1);
    tamper.close();

    const reopened = reopen(s, clock);
    const session = await reopened.must('auth.signIn', {
      username: ADMIN.username,
      password: ADMIN.password,
    });
    expect(session.auditIntegrity).toMatchObject({
      ok: false,
      problem: 'truncated',
      atSeq: last - 1,
    });
  });

  it('reports an untouched trail as intact after a restart', async () => {
    const { s, clock } = await closedMorning();
    const rows = (() => {
      const probe = openStationFile(s.dataDirectory, { readonly: true });
      try {
        return (probe.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
      } finally {
        probe.close();
      }
    })();
    const reopened = reopen(s, clock);
    const session = await reopened.must('auth.signIn', {
      username: ADMIN.username,
      password: ADMIN.password,
    });
    expect(session.auditIntegrity).toMatchObject({ ok: true, checked: rows, problem: null });
  });
});

describe('searching the trail', () => {
  /** Admin registers Bình at 01:31; Thu signs in at 01:32, registers An at 01:33, views Bình at 01:34. */
  async function busyStation() {
    const { s, clock } = await setUp();
    await addStaff(s, 'health_worker');
    await addStaff(s, 'supervisor');
    clock.set('2026-03-02T01:31:00.000Z');
    const binh = await s.must('resident.create', {
      resident: residentInput({ fullName: 'Trần Văn Bình', personalId: '', phones: [] }),
    });
    clock.set('2026-03-02T01:32:00.000Z');
    await signInAs(s, 'health_worker');
    clock.set('2026-03-02T01:33:00.000Z');
    const an = await s.must('resident.create', {
      resident: residentInput({ fullName: 'Lê Thị An', personalId: '', phones: [] }),
    });
    clock.set('2026-03-02T01:34:00.000Z');
    await s.must('resident.get', { id: binh.id });
    clock.set('2026-03-02T01:35:00.000Z');
    await signInAs(s, 'supervisor');
    return { s, clock, binh, an, thuId: userId(s, STAFF.health_worker.username) };
  }

  const shape = (rows: { action: string; at: string }[]) => rows.map((r) => [r.action, r.at]);

  it('finds a person’s work, an action, a record and a time window, newest first', async () => {
    const { s, binh, an, thuId } = await busyStation();

    expect(shape(await s.must('audit.query', { userId: thuId }))).toEqual([
      ['resident.view', '2026-03-02T01:34:00.000Z'],
      ['resident.create', '2026-03-02T01:33:00.000Z'],
      ['auth.signIn', '2026-03-02T01:32:00.000Z'],
    ]);
    const creations = await s.must('audit.query', { action: 'resident.create' });
    expect(creations.map((r) => r.recordId)).toEqual([an.id, binh.id]);
    expect(shape(await s.must('audit.query', { recordId: binh.id }))).toEqual([
      ['resident.view', '2026-03-02T01:34:00.000Z'],
      ['resident.create', '2026-03-02T01:31:00.000Z'],
    ]);
    expect(
      shape(
        await s.must('audit.query', {
          from: '2026-03-02T01:32:00.000Z',
          to: '2026-03-02T01:34:00.000Z',
        }),
      ),
    ).toEqual([
      ['resident.create', '2026-03-02T01:33:00.000Z'],
      ['auth.signIn', '2026-03-02T01:32:00.000Z'],
    ]);
    expect(
      shape(await s.must('audit.query', { userId: thuId, action: 'resident.create' })),
    ).toEqual([['resident.create', '2026-03-02T01:33:00.000Z']]);
    expect(await s.must('audit.query', { recordId: 'khong-co' })).toEqual([]);
  });

  it('finds the rows of a time window given in whole seconds', async () => {
    const { s } = await busyStation();
    // The filter accepts instants without milliseconds; they mean the same instants.
    expect(
      shape(
        await s.must('audit.query', { from: '2026-03-02T01:32:00Z', to: '2026-03-02T01:34:00Z' }),
      ),
    ).toEqual([
      ['resident.create', '2026-03-02T01:33:00.000Z'],
      ['auth.signIn', '2026-03-02T01:32:00.000Z'],
    ]);
  });

  it('pages back through the trail without skipping or repeating a row', async () => {
    const { s } = await busyStation();
    const everything = await s.must('audit.query', {});
    expect(everything).toHaveLength(7);
    const pages: number[][] = [];
    let beforeSeq: number | undefined;
    for (;;) {
      const page = await s.must('audit.query', { limit: 4, ...(beforeSeq ? { beforeSeq } : {}) });
      if (page.length === 0) break;
      pages.push(page.map((r) => r.seq));
      beforeSeq = page.at(-1)!.seq;
    }
    expect(pages.map((p) => p.length)).toEqual([4, 3]);
    expect(pages.flat()).toEqual(everything.map((r) => r.seq));
  });

  it('is open to supervisors and administrators only', async () => {
    const { s } = await busyStation();
    expect(codeOf(await s.call('audit.query', {}))).toBe('ok');
    await signInAs(s, 'health_worker');
    expect(codeOf(await s.call('audit.query', {}))).toBe('FORBIDDEN');
    expect(codeOf(await s.call('audit.export', {}))).toBe('FORBIDDEN');
    expect(codeOf(await s.call('audit.verify', {}))).toBe('FORBIDDEN');
  });
});

describe('exporting the trail', () => {
  it('gives a CSV a spreadsheet opens: BOM, one line per row, quoted where needed', async () => {
    const { s, clock } = await setUp();
    clock.advance({ minutes: 1 });
    // A guess at the sign-in screen with a comma and quotes in it.
    await signIn(s, 'tran,"an"', 'doanbua2026');
    clock.advance({ minutes: 1 });
    await s.must('resident.create', { resident: residentInput() });
    const rows = (await s.must('audit.query', {})).reverse();

    const exported = await s.must('audit.export', {});
    expect(exported.fileName).toBe('audit-2026-03-02T01-32-00-000Z.csv');
    expect(exported.rows).toBe(rows.length);
    expect(exported.csv.startsWith('\uFEFFseq,time_utc,')).toBe(true);
    const lines = exported.csv.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(rows.length + 2);
    // The guess itself is not kept (people type passwords there); the details are quoted.
    expect(exported.csv).not.toContain('tran,');
    expect(exported.csv).toContain(',auth.signInFailed,,,failed,"{""reason"":""unknownUser""}",');

    const [header, ...records] = parseCsv(exported.csv.slice(1));
    expect(header).toEqual([
      'seq',
      'time_utc',
      'time_vietnam',
      'user',
      'action',
      'record_type',
      'record_id',
      'outcome',
      'details',
      'hash',
    ]);
    expect(records).toEqual(
      rows.map((r) => [
        String(r.seq),
        r.at,
        expect.any(String),
        r.userName,
        r.action,
        r.recordType ?? '',
        r.recordId ?? '',
        r.outcome,
        expect.any(String),
        r.hash,
      ]),
    );
    records.forEach((record, i) => expect(JSON.parse(record[8]!)).toEqual(rows[i]!.details));
    expect(records[0]?.[2]).toBe('02/03/2026 08:30');
    expect(records[0]?.[3]).toBe(ADMIN.fullName);
    // Plain fields are not quoted; a field with commas or quotes is.
    expect(lines[1]!.split(',').slice(0, 2)).toEqual(['1', '2026-03-02T01:30:00.000Z']);
    expect(lines[1]).toContain(',"{""communeCode"":""26911"",""facilityCode"":""79123""}",');
  });

  it('exports only the rows the filter selects, and records the export itself', async () => {
    const { s, clock } = await setUp();
    await s.must('resident.create', { resident: residentInput() });
    clock.advance({ minutes: 1 });
    await s.must('auth.lock', {});
    await s.must('auth.unlock', { password: ADMIN.password });
    const exported = await s.must('audit.export', { action: 'resident.create' });
    expect(exported.rows).toBe(1);
    expect(exported.csv.slice(1).split('\r\n')).toHaveLength(3);
    expect(auditTrail(s).at(-1)).toMatchObject({
      action: 'audit.export',
      userName: ADMIN.fullName,
      details: { rows: 1, filter: { action: 'resident.create' } },
    });
  });
});
