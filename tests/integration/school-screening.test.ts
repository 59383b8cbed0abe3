import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../src-shared/ipc/errors';
import type { PupilMeasurementsInput } from '../../src-shared/schemas/school';
import {
  makeClassPupils,
  rosterCsvText,
  ROSTER_FIXTURE_TODAY,
  writeBrokenRosterXlsx,
  writeClassRosterXlsx,
  type FixturePupil,
} from '../support/roster-fixtures';
import {
  addStaff,
  auditTrail,
  openSetUpStation,
  residentInput,
  signInAs,
  STAFF,
  testClock,
  type TestStation,
} from '../support/station';

let s: TestStation;
let dir: string;

/** The fixtures are built for October of school year 2025–2026; the station's clock agrees. */
const SCREENED_ON = ROSTER_FIXTURE_TODAY;

beforeEach(async () => {
  s = await openSetUpStation({ now: testClock(`${ROSTER_FIXTURE_TODAY}T02:00:00.000Z`).now });
  dir = mkdtempSync(join(tmpdir(), 'roster-'));
});
afterEach(() => {
  s.dispose();
  rmSync(dir, { recursive: true, force: true });
});

function errorOf(result: Result<unknown>) {
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

async function classFixture() {
  const school = await s.must('school.save', {
    name: 'Trường Tiểu học Bình Quới',
    level: 'primary',
    communeCode: '26911',
    address: '1 Bình Quới',
  });
  const schoolClass = await s.must('class.save', {
    schoolId: school.id,
    schoolYear: '2025-2026',
    name: '5A',
    grade: 5,
  });
  return { school, schoolClass };
}

function fileInput(classId: string, path: string) {
  return {
    classId,
    fileName: path.replace(/^.*\//, ''),
    base64: readFileSync(path).toString('base64'),
  };
}

async function importRoster(classId: string, path: string) {
  const file = fileInput(classId, path);
  const preview = await s.must('roster.preview', file);
  return s.must('roster.import', { ...file, mapping: preview.mapping, decisions: [] });
}

function residentCount(): number {
  return (s.app.db.prepare('SELECT count(*) AS n FROM residents').get() as { n: number }).n;
}

function outboxCount(entityType: string): number {
  return (
    s.app.db.prepare('SELECT count(*) AS n FROM outbox WHERE entity_type = ?').get(entityType) as {
      n: number;
    }
  ).n;
}

async function consentFor(classId: string, residentId: string) {
  await s.must('enrolment.setConsent', {
    classId,
    residentId,
    consent: {
      guardian: true,
      guardianName: 'Nguyễn Văn Ba',
      pupil: true,
      recordedOn: '2025-10-01',
    },
  });
}

const ROUND_I: PupilMeasurementsInput = {
  heightCm: 135.5,
  weightKg: 30.2,
  systolic: 105,
  diastolic: 65,
  heartRate: 88,
  vision: { right: { uncorrected: '10/10' }, left: { uncorrected: '8/10' } },
  dental: { upper: 'Sâu răng 55' },
  spine: { scoliosis: 'S' },
};

describe('importing a class roster', () => {
  it('previews every pupil of a good file, then imports them all as residents of the class', async () => {
    const { schoolClass } = await classFixture();
    const { path, pupils } = await writeClassRosterXlsx(dir);
    const file = fileInput(schoolClass.id, path);

    const preview = await s.must('roster.preview', file);
    expect(preview.missingFields).toEqual([]);
    expect(preview.rows).toHaveLength(30);
    expect(preview.counts.error).toBe(0);
    expect(preview.rows.every((r) => r.match.kind === 'new')).toBe(true);
    // Nothing is written by a preview.
    expect(residentCount()).toBe(0);

    const result = await s.must('roster.import', {
      ...file,
      mapping: preview.mapping,
      decisions: [],
    });
    expect(result).toEqual({ created: 30, linked: 0, alreadyEnrolled: 0 });

    const { schoolClass: loaded, pupils: enrolled } = await s.must('class.get', {
      classId: schoolClass.id,
      round: 'I',
    });
    expect(loaded.pupilCount).toBe(30);
    expect(enrolled.map((p) => p.resident.fullName).sort()).toEqual(
      pupils.map((p) => p.fullName).sort(),
    );
    const first = enrolled.find((p) => p.resident.fullName === pupils[0]?.fullName);
    expect(first?.resident.personalId).toBe(pupils[0]?.personalId);
    expect(first?.pupilCode).toBe(pupils[0]?.pupilCode);
    expect(first?.consent).toBeNull();
    expect(outboxCount('resident')).toBe(30);

    // The guardian is kept as the pupil's legal representative.
    const record = await s.must('resident.get', { id: first?.resident.id as string });
    expect(record.record.resident.relations).toEqual([
      expect.objectContaining({ fullName: pupils[0]?.guardianName, isGuardian: true }),
    ]);

    // The same file again enrols nobody twice.
    expect(await importRoster(schoolClass.id, path)).toEqual({
      created: 0,
      linked: 0,
      alreadyEnrolled: 30,
    });
    expect(residentCount()).toBe(30);
  });

  it('refuses a file with broken rows as a whole: nothing is imported', async () => {
    const { schoolClass } = await classFixture();
    const broken = await writeBrokenRosterXlsx(dir);
    const file = fileInput(schoolClass.id, broken.path);
    const preview = await s.must('roster.preview', file);
    for (const expected of broken.expectedProblems) {
      const row = preview.rows.find((r) => r.rowNumber === expected.rowNumber);
      expect(row?.status, `row ${expected.rowNumber}`).toBe('error');
      expect(row?.problems.map((p) => p.messageKey)).toContain(expected.messageKey);
    }
    expect(preview.rows.some((r) => r.rowNumber === broken.blankRowNumber)).toBe(false);

    const refused = errorOf(
      await s.call('roster.import', { ...file, mapping: preview.mapping, decisions: [] }),
    );
    expect(refused.code).toBe('INVALID_INPUT');
    expect(refused.details).toEqual({
      reason: 'ROSTER_HAS_ERRORS',
      rows: broken.expectedProblems.map((p) => p.rowNumber),
    });
    expect(residentCount()).toBe(0);
    expect((await s.must('class.get', { classId: schoolClass.id, round: 'I' })).pupils).toEqual([]);
    expect(auditTrail(s).some((r) => r.action === 'roster.import')).toBe(false);
  });

  it('reports the same pupil twice in one file and imports neither', async () => {
    const { schoolClass } = await classFixture();
    const pupils = makeClassPupils(4);
    const path = join(dir, 'trung.csv');
    writeFileSync(path, rosterCsvText([...pupils, pupils[1] as FixturePupil]));
    const file = fileInput(schoolClass.id, path);
    const preview = await s.must('roster.preview', file);
    const last = preview.rows.at(-1);
    expect(last?.status).toBe('error');
    expect(last?.problems.map((p) => p.messageKey)).toEqual([`roster.duplicateInFile:3`]);
    const refused = errorOf(
      await s.call('roster.import', { ...file, mapping: preview.mapping, decisions: [] }),
    );
    expect(refused.details).toMatchObject({ reason: 'ROSTER_HAS_ERRORS', rows: [6] });
    expect(residentCount()).toBe(0);
  });

  it('re-reads the file on import: a mapping that leaves out a required column is refused', async () => {
    const { schoolClass } = await classFixture();
    const { path } = await writeClassRosterXlsx(dir, { pupils: 3 });
    const file = fileInput(schoolClass.id, path);
    const preview = await s.must('roster.preview', file);
    const { birthDate: _dropped, ...columns } = preview.mapping.columns;
    const refused = errorOf(
      await s.call('roster.import', {
        ...file,
        mapping: { ...preview.mapping, columns },
        decisions: [],
      }),
    );
    expect(refused.details).toEqual({
      reason: 'ROSTER_MAPPING_INCOMPLETE',
      fields: ['birthDate'],
    });
    expect(residentCount()).toBe(0);
  });

  it('maps file refusals to INVALID_INPUT with the file error code', async () => {
    const { schoolClass } = await classFixture();
    const refused = errorOf(
      await s.call('roster.preview', {
        classId: schoolClass.id,
        fileName: 'danh-sach.xls',
        base64: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]).toString('base64'),
      }),
    );
    expect(refused).toMatchObject({
      code: 'INVALID_INPUT',
      details: { reason: 'ROSTER_UNSUPPORTED_TYPE' },
    });
  });

  it('enrols the resident who already holds a pupil’s personal ID instead of a new record', async () => {
    const { schoolClass } = await classFixture();
    const { path, pupils } = await writeClassRosterXlsx(dir, { pupils: 4 });
    const an = pupils[0] as FixturePupil;
    const existing = await s.must('resident.create', {
      resident: residentInput({
        fullName: an.fullName,
        sex: an.sex,
        birthDate: an.birthDate,
        personalId: an.personalId,
        phones: [],
      }),
    });
    const file = fileInput(schoolClass.id, path);
    const preview = await s.must('roster.preview', file);
    expect(preview.rows[0]?.match).toEqual({
      kind: 'personalId',
      resident: expect.objectContaining({ id: existing.id }),
    });
    const result = await s.must('roster.import', {
      ...file,
      mapping: preview.mapping,
      decisions: [],
    });
    expect(result).toEqual({ created: 3, linked: 1, alreadyEnrolled: 0 });
    expect(residentCount()).toBe(4);
    const { pupils: enrolled } = await s.must('class.get', { classId: schoolClass.id, round: 'I' });
    expect(enrolled.map((p) => p.resident.id)).toContain(existing.id);
  });

  it('makes the nurse decide about residents with the same name and date of birth', async () => {
    const { schoolClass } = await classFixture();
    const { path, pupils } = await writeClassRosterXlsx(dir, { pupils: 4 });
    // The fourth pupil has no personal ID on the list; a child of that name and birth is known.
    const dung = pupils[3] as FixturePupil;
    const known = await s.must('resident.create', {
      resident: residentInput({
        fullName: dung.fullName.normalize('NFD').toUpperCase(),
        sex: dung.sex,
        birthDate: dung.birthDate,
        personalId: '',
        phones: [],
      }),
    });
    const file = fileInput(schoolClass.id, path);
    const preview = await s.must('roster.preview', file);
    const row = preview.rows[3];
    expect(row?.match).toEqual({
      kind: 'nameBirth',
      candidates: [expect.objectContaining({ id: known.id })],
    });
    const rowNumber = row?.rowNumber as number;

    const undecided = errorOf(
      await s.call('roster.import', { ...file, mapping: preview.mapping, decisions: [] }),
    );
    expect(undecided.details).toEqual({ reason: 'ROSTER_UNDECIDED', rows: [rowNumber] });
    const foreignId = errorOf(
      await s.call('roster.import', {
        ...file,
        mapping: preview.mapping,
        decisions: [{ rowNumber, action: 'link', residentId: schoolClass.id }],
      }),
    );
    expect(foreignId.details).toEqual({ reason: 'ROSTER_UNDECIDED', rows: [rowNumber] });
    expect(residentCount()).toBe(1);

    const linked = await s.must('roster.import', {
      ...file,
      mapping: preview.mapping,
      decisions: [{ rowNumber, action: 'link', residentId: known.id }],
    });
    expect(linked).toEqual({ created: 3, linked: 1, alreadyEnrolled: 0 });
    expect(residentCount()).toBe(4);
  });

  it('registers a new person when the nurse says the candidate is someone else', async () => {
    const { schoolClass } = await classFixture();
    const { path, pupils } = await writeClassRosterXlsx(dir, { pupils: 4 });
    const dung = pupils[3] as FixturePupil;
    const known = await s.must('resident.create', {
      resident: residentInput({
        fullName: dung.fullName,
        sex: dung.sex,
        birthDate: dung.birthDate,
        personalId: '',
        phones: [],
      }),
    });
    const file = fileInput(schoolClass.id, path);
    const preview = await s.must('roster.preview', file);
    const rowNumber = preview.rows[3]?.rowNumber as number;
    const result = await s.must('roster.import', {
      ...file,
      mapping: preview.mapping,
      decisions: [{ rowNumber, action: 'create' }],
    });
    expect(result).toEqual({ created: 4, linked: 0, alreadyEnrolled: 0 });
    const { pupils: enrolled } = await s.must('class.get', { classId: schoolClass.id, round: 'I' });
    const newDung = enrolled.find((p) => p.resident.fullName === dung.fullName);
    expect(newDung?.resident.id).not.toBe(known.id);
    const record = await s.must('resident.get', { id: newDung?.resident.id as string });
    expect(record.record.duplicateReview?.candidateIds).toEqual([known.id]);
  });
});

describe('recording a screening day', () => {
  async function classWithPupils() {
    const { schoolClass } = await classFixture();
    const { path } = await writeClassRosterXlsx(dir, { pupils: 3 });
    await importRoster(schoolClass.id, path);
    const { pupils } = await s.must('class.get', { classId: schoolClass.id, round: 'I' });
    return { classId: schoolClass.id, residentId: pupils[0]?.resident.id as string };
  }

  const save = (classId: string, residentId: string, over: object = {}) =>
    s.call('pupil.saveScreening', {
      classId,
      residentId,
      round: 'I',
      screenedOn: SCREENED_ON,
      status: 'measured',
      expectedVersion: 0,
      measurements: ROUND_I,
      ...over,
    });

  it('refuses measurements without the consent of guardian and pupil, and says why', async () => {
    const { classId, residentId } = await classWithPupils();
    const refused = errorOf(await save(classId, residentId));
    expect(refused).toMatchObject({
      code: 'INVALID_INPUT',
      details: { reason: 'CONSENT_REQUIRED', pupilConsentAsked: true },
    });

    // A pupil of 7 or more answers for herself: the guardian's tick alone is not enough.
    const withoutPupil = errorOf(
      await s.call('enrolment.setConsent', {
        classId,
        residentId,
        consent: { guardian: true, guardianName: '', pupil: null, recordedOn: '2025-10-01' },
      }),
    );
    expect(withoutPupil.issues).toEqual([
      { path: ['consent', 'pupil'], message: 'validation.required' },
    ]);
    await s.must('enrolment.setConsent', {
      classId,
      residentId,
      consent: {
        guardian: true,
        guardianName: 'Lê Thị Mai',
        pupil: false,
        recordedOn: '2025-10-01',
      },
    });
    expect(errorOf(await save(classId, residentId)).details).toMatchObject({
      reason: 'CONSENT_REQUIRED',
    });

    // An absent pupil is marked without any health data, consent or not.
    const other = (await s.must('class.get', { classId, round: 'I' })).pupils[1];
    const absent = await save(classId, other?.resident.id as string, {
      status: 'absent',
      measurements: { notes: 'Ốm, nghỉ học' },
    });
    expect(absent.ok).toBe(true);

    await consentFor(classId, residentId);
    const saved = await save(classId, residentId);
    expect(saved.ok && saved.value.version).toBe(1);
  });

  it('keeps every version and refuses a save based on an old one', async () => {
    const { classId, residentId } = await classWithPupils();
    await consentFor(classId, residentId);
    const first = await s.must('pupil.saveScreening', {
      classId,
      residentId,
      round: 'I',
      screenedOn: SCREENED_ON,
      status: 'measured',
      expectedVersion: 0,
      measurements: ROUND_I,
    });
    expect(first.version).toBe(1);
    expect(first.measurements.vision.left.uncorrected).toBe('8/10');
    expect(first.saved.userName).toBe(STAFF.administrator.fullName);

    const stale = errorOf(await save(classId, residentId, { expectedVersion: 0 }));
    expect(stale).toMatchObject({ code: 'CONFLICT', details: { currentVersion: 1 } });

    const second = await s.must('pupil.saveScreening', {
      classId,
      residentId,
      round: 'I',
      screenedOn: SCREENED_ON,
      status: 'measured',
      expectedVersion: 1,
      measurements: { ...ROUND_I, weightKg: 30.6 },
    });
    expect(second).toMatchObject({ id: first.id, version: 2 });
    const versions = s.app.db
      .prepare('SELECT version FROM school_screening_versions WHERE screening_id = ?')
      .all(first.id) as { version: number }[];
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    const outbox = s.app.db
      .prepare(
        `SELECT entity_version AS v, operation FROM outbox
           WHERE entity_type = 'school_screening' ORDER BY seq`,
      )
      .all() as { v: number; operation: string }[];
    expect(outbox).toEqual([
      { v: 1, operation: 'create' },
      { v: 2, operation: 'update' },
    ]);
    const pupil = (await s.must('class.get', { classId, round: 'I' })).pupils.find(
      (p) => p.resident.id === residentId,
    );
    expect(pupil?.screening).toMatchObject({ version: 2, status: 'measured' });
    expect(pupil?.screening?.measurements.weightKg).toBe(30.6);
    // Round II is a separate record.
    const roundII = (await s.must('class.get', { classId, round: 'II' })).pupils.find(
      (p) => p.resident.id === residentId,
    );
    expect(roundII?.screening).toBeNull();
  });

  it.each([
    ['a height of 15 cm', { heightCm: 15 }, 'heightCm', 'validation.plausibleRange:45–210'],
    ['a weight of 500 kg', { weightKg: 500 }, 'weightKg', 'validation.plausibleRange:2–180'],
    [
      'a diastolic above the systolic',
      { systolic: 90, diastolic: 110 },
      'diastolic',
      'validation.bloodPressure.diastolicNotBelowSystolic',
    ],
  ])('refuses %s with a message for that field', async (_label, values, field, message) => {
    const { classId, residentId } = await classWithPupils();
    await consentFor(classId, residentId);
    const refused = errorOf(
      await save(classId, residentId, { measurements: { ...ROUND_I, ...values } }),
    );
    expect(refused.issues).toEqual([{ path: ['measurements', field], message }]);
  });

  it('refuses a visual acuity of 11/10', async () => {
    const { classId, residentId } = await classWithPupils();
    await consentFor(classId, residentId);
    const refused = errorOf(
      await save(classId, residentId, {
        measurements: { ...ROUND_I, vision: { right: { uncorrected: '11/10' } } },
      }),
    );
    expect(refused.issues).toEqual([
      {
        path: ['measurements', 'vision', 'right', 'uncorrected'],
        message: 'validation.vision.acuity',
      },
    ]);
  });

  it('takes physique only in round II, and no figures for an absent pupil', async () => {
    const { classId, residentId } = await classWithPupils();
    await consentFor(classId, residentId);
    const roundII = errorOf(await save(classId, residentId, { round: 'II' }));
    expect(roundII.issues).toEqual([{ path: ['measurements'], message: 'validation.invalid' }]);
    const absent = errorOf(await save(classId, residentId, { status: 'absent' }));
    expect(absent.issues).toEqual([{ path: ['status'], message: 'validation.invalid' }]);
    const physique = await save(classId, residentId, {
      round: 'II',
      measurements: { heightCm: 138, weightKg: 31 },
    });
    expect(physique.ok).toBe(true);
  });
});

describe('who may do it, and the trail it leaves', () => {
  it('lets a school nurse do the whole day, every step audited under her name', async () => {
    await addStaff(s, 'school_nurse');
    await signInAs(s, 'school_nurse');
    const { schoolClass } = await classFixture();
    const { path } = await writeClassRosterXlsx(dir, { pupils: 2 });
    await importRoster(schoolClass.id, path);
    const { pupils } = await s.must('class.get', { classId: schoolClass.id, round: 'I' });
    const residentId = pupils[0]?.resident.id as string;
    await consentFor(schoolClass.id, residentId);
    await s.must('pupil.saveScreening', {
      classId: schoolClass.id,
      residentId,
      round: 'I',
      screenedOn: SCREENED_ON,
      status: 'measured',
      expectedVersion: 0,
      measurements: ROUND_I,
    });

    const trail = auditTrail(s).filter((r) => r.userName === STAFF.school_nurse.fullName);
    const actions = trail.map((r) => r.action);
    for (const action of [
      'school.save',
      'class.save',
      'roster.preview',
      'roster.import',
      'class.view',
      'enrolment.setConsent',
      'pupil.saveScreening',
    ]) {
      expect(actions, action).toContain(action);
    }
    expect(actions.filter((a) => a === 'resident.create')).toHaveLength(2);
    const screening = trail.find((r) => r.action === 'pupil.saveScreening');
    expect(screening?.details).toMatchObject({ round: 'I', status: 'measured', version: 1 });
    // Digests only: no measurement in clear in the trail.
    expect(JSON.stringify(screening?.details)).not.toContain('135.5');
    expect(JSON.stringify(trail)).not.toContain(pupils[0]?.resident.fullName as string);
  });
});
