import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResidentRecord } from '../../src-shared/schemas/resident';
import {
  ADMIN,
  addStaff,
  declarationInput,
  openSetUpStation,
  residentInput,
  signInAs,
  STAFF,
  type TestStation,
} from '../support/station';

let clock = new Date('2026-03-02T03:00:00.000Z');
let s: TestStation;
let anh: ResidentRecord;

beforeEach(async () => {
  clock = new Date('2026-03-02T03:00:00.000Z');
  s = await openSetUpStation({ now: () => clock });
  anh = await s.must('resident.create', { resident: residentInput() });
});
afterEach(() => s.dispose());

const firstDeclaration = () =>
  declarationInput({
    birth: { delivery: 'vaginal', birthWeightG: 3100 },
    allergies: [
      { kind: '1', agent: 'Penicillin', description: 'Nổi mề đay' },
      { kind: '3', agent: 'Tôm', description: '' },
    ],
    diseases: [{ code: '2' }],
    vaccinations: [
      { vaccine: 'BCG', status: '1', date: '1985-05-01' },
      { vaccine: 'HEPB', dose: 1, status: '1', date: '1985-04-13' },
      { vaccine: 'MEASLES', dose: 1, status: '99' },
    ],
    consent: { recordKeeping: true, citySharing: true },
  });

describe('submitting a health declaration', () => {
  it('stores version 1 with both allergies and all three vaccine doses, and reads it back', async () => {
    const v1 = await s.must('declaration.submit', {
      residentId: anh.id,
      baseVersion: 0,
      declaration: firstDeclaration(),
    });
    expect(v1.version).toBe(1);
    expect(v1.submitted).toMatchObject({ at: clock.toISOString(), userName: ADMIN.fullName });

    const current = await s.must('declaration.current', { residentId: anh.id });
    expect(current.draft).toBeNull();
    expect(current.latest).toEqual(v1);
    const d = current.latest!.declaration;
    expect(d.allergies).toEqual([
      { kind: '1', agent: 'Penicillin', description: 'Nổi mề đay' },
      { kind: '3', agent: 'Tôm', description: '' },
    ]);
    expect(d.vaccinations.map((v) => [v.vaccine, v.status, v.date])).toEqual([
      ['BCG', '1', '1985-05-01'],
      ['HEPB', '1', '1985-04-13'],
      ['MEASLES', '99', ''],
    ]);
    expect(d.consent).toMatchObject({ recordKeeping: true, citySharing: true, statistics: false });
    expect(d.birth.birthWeightG).toBe(3100);
    expect((await s.must('resident.get', { id: anh.id })).declarationVersion).toBe(1);
  });

  it('keeps version 1 readable, with who and when, after version 2 is submitted', async () => {
    await addStaff(s, 'health_worker');
    await s.must('declaration.submit', {
      residentId: anh.id,
      baseVersion: 0,
      declaration: firstDeclaration(),
    });
    const firstAt = clock.toISOString();

    clock = new Date('2026-09-15T08:30:00.000Z');
    await signInAs(s, 'health_worker');
    const second = firstDeclaration();
    second.allergies = [{ kind: '1', agent: 'Penicillin' }];
    const v2 = await s.must('declaration.submit', {
      residentId: anh.id,
      baseVersion: 1,
      declaration: second,
    });
    expect(v2.version).toBe(2);
    expect(v2.declarationId).toBeDefined();

    const history = await s.must('declaration.history', { residentId: anh.id });
    expect(history.map((h) => [h.version, h.submitted.at, h.submitted.userName])).toEqual([
      [2, '2026-09-15T08:30:00.000Z', STAFF.health_worker.fullName],
      [1, firstAt, ADMIN.fullName],
    ]);
    expect(history.every((h) => h.declarationId === v2.declarationId)).toBe(true);

    const v1 = await s.must('declaration.getVersion', { residentId: anh.id, version: 1 });
    expect(v1.declaration.allergies).toHaveLength(2);
    expect(v1.submitted.userName).toBe(ADMIN.fullName);
    const latest = await s.must('declaration.current', { residentId: anh.id });
    expect(latest.latest?.version).toBe(2);
    expect(latest.latest?.declaration.allergies).toHaveLength(1);
  });

  it('refuses a declaration started from an older version, and keeps the newer one', async () => {
    await s.must('declaration.submit', {
      residentId: anh.id,
      baseVersion: 0,
      declaration: firstDeclaration(),
    });
    const stale = await s.call('declaration.submit', {
      residentId: anh.id,
      baseVersion: 0,
      declaration: declarationInput(),
    });
    expect(stale.ok).toBe(false);
    if (stale.ok) return;
    expect(stale.error.code).toBe('CONFLICT');
    expect(stale.error.details).toEqual({ currentVersion: 1 });
    expect(await s.must('declaration.history', { residentId: anh.id })).toHaveLength(1);
  });

  it('refuses a base version from the future', async () => {
    const ahead = await s.call('declaration.submit', {
      residentId: anh.id,
      baseVersion: 3,
      declaration: declarationInput(),
    });
    expect(ahead.ok || ahead.error.code).toBe('CONFLICT');
  });

  it('answers NOT_FOUND for a version that was never submitted and for an unknown resident', async () => {
    const none = await s.call('declaration.getVersion', { residentId: anh.id, version: 1 });
    expect(none.ok || none.error.code).toBe('NOT_FOUND');
    const nobody = await s.call('declaration.submit', {
      residentId: '01890a5d-ac96-774b-bcce-b302099a8057',
      baseVersion: 0,
      declaration: declarationInput(),
    });
    expect(nobody.ok || nobody.error.code).toBe('NOT_FOUND');
  });

  it('announces each submitted version to sync exactly once', async () => {
    const v1 = await s.must('declaration.submit', {
      residentId: anh.id,
      baseVersion: 0,
      declaration: firstDeclaration(),
    });
    await s.must('declaration.submit', {
      residentId: anh.id,
      baseVersion: 1,
      declaration: firstDeclaration(),
    });
    const rows = s.app.db
      .prepare(
        `SELECT entity_id, entity_version, operation FROM outbox WHERE entity_type = 'declaration' ORDER BY seq`,
      )
      .all();
    expect(rows).toEqual([
      { entity_id: v1.declarationId, entity_version: 1, operation: 'create' },
      { entity_id: v1.declarationId, entity_version: 2, operation: 'update' },
    ]);
    expect(await s.must('outbox.summary', {})).toEqual({
      pending: 3,
      byKind: { resident: 1, declaration: 2 },
    });
  });
});

describe('drafts of a declaration', () => {
  it('saves a half-filled form, gives it back, and discards it on request', async () => {
    const half = { riskFactors: { smoking: { status: '1' } }, note: 'chưa xong' };
    const saved = await s.must('declaration.saveDraft', {
      residentId: anh.id,
      baseVersion: 0,
      data: half,
    });
    expect(saved.savedAt).toBe(clock.toISOString());

    const current = await s.must('declaration.current', { residentId: anh.id });
    expect(current.latest).toBeNull();
    expect(current.draft).toEqual({
      baseVersion: 0,
      data: half,
      savedAt: clock.toISOString(),
      savedBy: ADMIN.fullName,
    });

    const newer = { ...half, note: 'sửa lại' };
    await s.must('declaration.saveDraft', { residentId: anh.id, baseVersion: 0, data: newer });
    expect((await s.must('declaration.current', { residentId: anh.id })).draft?.data).toEqual(
      newer,
    );

    expect(await s.must('declaration.discardDraft', { residentId: anh.id })).toBeNull();
    expect((await s.must('declaration.current', { residentId: anh.id })).draft).toBeNull();
  });

  it('removes the draft once the declaration is submitted', async () => {
    await s.must('declaration.saveDraft', {
      residentId: anh.id,
      baseVersion: 0,
      data: { any: 'thing' },
    });
    await s.must('declaration.submit', {
      residentId: anh.id,
      baseVersion: 0,
      declaration: firstDeclaration(),
    });
    expect((await s.must('declaration.current', { residentId: anh.id })).draft).toBeNull();
  });

  it('refuses a draft larger than 200 000 characters', async () => {
    const huge = await s.call('declaration.saveDraft', {
      residentId: anh.id,
      baseVersion: 0,
      data: { text: 'x'.repeat(200_001) },
    });
    expect(huge.ok || huge.error.code).toBe('INVALID_INPUT');
    expect((await s.must('declaration.current', { residentId: anh.id })).draft).toBeNull();
  });
});

describe('a declaration must fit the resident', () => {
  it('refuses a vaccination dated before the date of birth, pointing at that dose', async () => {
    const early = firstDeclaration();
    early.vaccinations = [
      { vaccine: 'BCG', status: '1', date: '1985-05-01' },
      { vaccine: 'HEPB', dose: 1, status: '1', date: '1985-04-11' },
    ];
    const result = await s.call('declaration.submit', {
      residentId: anh.id,
      baseVersion: 0,
      declaration: early,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_INPUT');
    expect(result.error.issues).toEqual([
      { path: ['declaration', 'vaccinations', 1, 'date'], message: 'validation.dateBeforeBirth' },
    ]);
    expect(await s.must('declaration.history', { residentId: anh.id })).toEqual([]);
  });

  it('refuses a next appointment set before the dose it follows', async () => {
    const result = await s.call('declaration.submit', {
      residentId: anh.id,
      baseVersion: 0,
      declaration: declarationInput({
        vaccinations: [
          { vaccine: 'FLU', status: '1', date: '2025-10-01', nextAppointment: '2025-09-01' },
        ],
      }),
    });
    expect(result.ok || result.error.issues).toEqual([
      {
        path: ['declaration', 'vaccinations', 0, 'nextAppointment'],
        message: 'validation.vaccination.appointmentBeforeDose',
      },
    ]);
  });

  it('refuses a surgery in a year before the resident was born', async () => {
    const result = await s.call('declaration.submit', {
      residentId: anh.id,
      baseVersion: 0,
      declaration: declarationInput({ surgeries: [{ description: 'Mổ ruột thừa', year: 1980 }] }),
    });
    expect(result.ok || result.error.issues).toEqual([
      { path: ['declaration', 'surgeries', 0, 'year'], message: 'validation.yearOutsideLife' },
    ]);
  });

  it('records reproductive health for women only', async () => {
    const man = await s.must('resident.create', {
      resident: residentInput({
        fullName: 'Đặng Văn Đức',
        sex: '1',
        birthDate: '1972-09-02',
        personalId: '079072004321',
        phones: [],
      }),
    });
    const result = await s.call('declaration.submit', {
      residentId: man.id,
      baseVersion: 0,
      declaration: declarationInput({ reproductive: { pregnancies: 0 } }),
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_INPUT');
    expect(result.error.issues).toEqual([
      { path: ['declaration', 'reproductive'], message: 'validation.reproductive.womenOnly' },
    ]);
    const forHer = await s.call('declaration.submit', {
      residentId: anh.id,
      baseVersion: 0,
      declaration: declarationInput({
        reproductive: { pregnancies: 2, births: 2, livingChildren: 2 },
      }),
    });
    expect(forHer.ok).toBe(true);
  });

  it('refuses a declaration without consent to keep the record, and stores nothing', async () => {
    const result = await s.call('declaration.submit', {
      residentId: anh.id,
      baseVersion: 0,
      declaration: declarationInput({ consent: { recordKeeping: false, citySharing: true } }),
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_INPUT');
    expect(result.error.issues).toContainEqual({
      path: ['declaration', 'consent', 'recordKeeping'],
      message: 'validation.consent.recordKeeping',
    });
    const missing = await s.call('declaration.submit', {
      residentId: anh.id,
      baseVersion: 0,
      declaration: { ...declarationInput(), consent: undefined as never },
    });
    expect(missing.ok || missing.error.code).toBe('INVALID_INPUT');
    expect(await s.must('declaration.history', { residentId: anh.id })).toEqual([]);
  });
});
