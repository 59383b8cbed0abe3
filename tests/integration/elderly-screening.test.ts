import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  countElderlyScreeningVersions,
  listDueForScreening,
} from '../../src-main/db/elderly-screening-repository';
import type { Result } from '../../src-shared/ipc/errors';
import type { ElderlyScreeningInput } from '../../src-shared/schemas/elderly-screening';
import type { ResidentInput } from '../../src-shared/schemas/resident';
import { readPdf } from '../support/pdf-text';
import {
  addStaff,
  auditTrail,
  declarationInput,
  openSetUpStation,
  recordingDb,
  residentInput,
  signInAs,
  testClock,
  type TestClock,
  type TestStation,
} from '../support/station';

/** The station's day in Vietnam: 2 March 2026 (08:30 local). */
const TODAY = '2026-03-02';

let s: TestStation;
let clock: TestClock;

function codeOf(result: Result<unknown>): string {
  return result.ok ? 'ok' : result.error.code;
}

function outboxRows(entityId: string): { entity_version: number; operation: string }[] {
  return s.app.db
    .prepare(
      `SELECT entity_version, operation FROM outbox
         WHERE entity_type = 'elderly_screening' AND entity_id = ? ORDER BY entity_version`,
    )
    .all(entityId) as { entity_version: number; operation: string }[];
}

async function register(overrides: Partial<ResidentInput>): Promise<string> {
  const record = await s.must('resident.create', {
    resident: residentInput({ personalId: '', phones: [], bhyt: '', ...overrides }),
  });
  return record.id;
}

function screening(
  residentId: string,
  overrides: Partial<ElderlyScreeningInput> = {},
): ElderlyScreeningInput {
  return {
    residentId,
    screenedOn: TODAY,
    healthClass: 2,
    examinerName: 'Lê Thị Thu',
    measurements: {
      heightCm: 152,
      weightKg: 50,
      bloodPressure: {
        first: { systolic: 122, diastolic: 76 },
        second: { systolic: 118, diastolic: 74 },
      },
    },
    ...overrides,
  };
}

/** 150/92 and 146/88: the mean 148/90 is grade 1 hypertension (VHA 2022). */
const HYPERTENSIVE = {
  heightCm: 152,
  weightKg: 50,
  bloodPressure: {
    first: { systolic: 150, diastolic: 92 },
    second: { systolic: 146, diastolic: 88 },
  },
};

beforeEach(async () => {
  clock = testClock('2026-03-02T01:30:00.000Z');
  s = await openSetUpStation({ now: clock.now });
  await addStaff(s, 'health_worker');
  await addStaff(s, 'school_nurse');
  await signInAs(s, 'health_worker');
});
afterEach(() => s.dispose());

describe('saving an elderly screening', () => {
  it('keeps every version, with its outbox row and audit row written together', async () => {
    const residentId = await register({ fullName: 'Trần Thị Mai', birthDate: '1954-06-10' });
    const first = await s.must('elderly.save', {
      id: null,
      expectedVersion: 0,
      screening: screening(residentId),
    });
    expect(first.version).toBe(1);
    expect(first.saved.userName).toBe('Lê Thị Thu');

    const second = await s.must('elderly.save', {
      id: first.id,
      expectedVersion: 1,
      screening: screening(residentId, {
        measurements: { ...HYPERTENSIVE, glucose: { kind: 'fasting', unit: 'mg/dL', value: 126 } },
      }),
    });
    expect(second).toMatchObject({ id: first.id, version: 2 });
    // Glucose is stored as entered and normalised to mmol/L (QĐ 5481/2020 pairs: 126 ≙ 7.0).
    expect(second.screening.measurements.glucose).toEqual({
      kind: 'fasting',
      unit: 'mg/dL',
      value: 126,
      mmolPerL: 7,
    });
    expect(countElderlyScreeningVersions(s.app.db, first.id)).toBe(2);
    const original = await s.must('elderly.get', { id: first.id, version: 1 });
    expect(original.screening.measurements.bloodPressure.first.systolic).toBe(122);

    expect(outboxRows(first.id)).toEqual([
      { entity_version: 1, operation: 'create' },
      { entity_version: 2, operation: 'update' },
    ]);
    const saves = auditTrail(s).filter((row) => row.action === 'elderly.save');
    expect(saves.map((row) => row.details.version)).toEqual([1, 2]);
    expect(saves[1]?.details.changedFields).toEqual(['measurements']);
    expect(JSON.stringify(saves)).not.toContain('146');

    const listed = await s.must('elderly.list', { residentId });
    expect(listed).toEqual([
      expect.objectContaining({
        id: first.id,
        version: 2,
        screenedOn: TODAY,
        referred: false,
        positiveFindings: ['hypertension', 'diabetesRange'],
      }),
    ]);
  });

  it('refuses a stale expectedVersion with CONFLICT and writes nothing', async () => {
    const residentId = await register({ birthDate: '1950-01-01' });
    const first = await s.must('elderly.save', {
      id: null,
      expectedVersion: 0,
      screening: screening(residentId),
    });
    await s.must('elderly.save', {
      id: first.id,
      expectedVersion: 1,
      screening: screening(residentId, { healthClass: 3 }),
    });
    const auditBefore = auditTrail(s).length;
    const stale = await s.call('elderly.save', {
      id: first.id,
      expectedVersion: 1,
      screening: screening(residentId, { healthClass: 4 }),
    });
    expect(stale.ok ? null : stale.error).toMatchObject({
      code: 'CONFLICT',
      details: { currentVersion: 2 },
    });
    expect(countElderlyScreeningVersions(s.app.db, first.id)).toBe(2);
    expect(outboxRows(first.id)).toHaveLength(2);
    expect(auditTrail(s)).toHaveLength(auditBefore);
    expect((await s.must('elderly.get', { id: first.id })).screening.healthClass).toBe(3);
  });

  it('refuses someone under 60 on the screening day, with the issue on the date', async () => {
    const residentId = await register({ birthDate: '1966-03-03' });
    const result = await s.call('elderly.save', {
      id: null,
      expectedVersion: 0,
      screening: screening(residentId),
    });
    expect(result.ok ? null : result.error).toMatchObject({
      code: 'INVALID_INPUT',
      issues: [{ path: ['screening', 'screenedOn'], message: 'elderly.issues.under60' }],
    });
    expect(await s.must('elderly.list', { residentId })).toEqual([]);
  });

  it('refuses implausible measurements and never stores them', async () => {
    const residentId = await register({ birthDate: '1950-01-01' });
    const result = await s.call('elderly.save', {
      id: null,
      expectedVersion: 0,
      screening: screening(residentId, {
        measurements: {
          weightKg: 500,
          bloodPressure: { first: { systolic: 90, diastolic: 120 } },
        },
      }),
    });
    expect(result.ok ? null : result.error.issues).toEqual(
      expect.arrayContaining([
        {
          path: ['screening', 'measurements', 'weightKg'],
          message: 'validation.plausibleRange:25–250',
        },
        {
          path: ['screening', 'measurements', 'bloodPressure', 'first', 'diastolic'],
          message: 'validation.bloodPressure.diastolicNotBelowSystolic',
        },
      ]),
    );
    expect(await s.must('elderly.list', { residentId })).toEqual([]);
  });

  it('refuses a merged record (RESIDENT_MERGED) and a school nurse (FORBIDDEN)', async () => {
    const carded = await s.must('resident.create', {
      resident: residentInput({ fullName: 'Võ Thị Hoa', birthDate: '1950-02-01', personalId: '' }),
    });
    const remembered = await s.must('resident.create', {
      resident: residentInput({
        fullName: 'Võ Thị Hoa',
        birthDate: '1950-02-01',
        personalId: '',
        phones: [{ number: '0918222333' }],
      }),
      duplicateAcknowledged: [carded.id],
    });
    await signInAs(s, 'administrator');
    await s.must('resident.merge', {
      survivorId: carded.id,
      survivorVersion: 1,
      retiredId: remembered.id,
      retiredVersion: 1,
      reason: 'Trùng',
    });
    const merged = await s.call('elderly.save', {
      id: null,
      expectedVersion: 0,
      screening: screening(remembered.id),
    });
    expect(codeOf(merged)).toBe('RESIDENT_MERGED');

    await signInAs(s, 'school_nurse');
    const nurse = await s.call('elderly.save', {
      id: null,
      expectedVersion: 0,
      screening: screening(carded.id),
    });
    expect(codeOf(nurse)).toBe('FORBIDDEN');
    expect(codeOf(await s.call('elderly.due', {}))).toBe('FORBIDDEN');
    await signInAs(s, 'health_worker');
    expect(await s.must('elderly.list', { residentId: carded.id })).toEqual([]);
  });

  it('stores nothing new once she withdrew consent to keep her record', async () => {
    const residentId = await register({ birthDate: '1950-01-01' });
    await s.must('declaration.submit', {
      residentId,
      baseVersion: 0,
      declaration: declarationInput(),
    });
    await s.must('subject.withdrawConsent', {
      residentId,
      purpose: 'recordKeeping',
      requestedBy: 'self',
      reason: 'Không muốn trạm lưu hồ sơ',
    });
    const result = await s.call('elderly.save', {
      id: null,
      expectedVersion: 0,
      screening: screening(residentId),
    });
    expect(codeOf(result)).toBe('CONSENT_WITHDRAWN');
  });
});

describe('the annual-check and follow-up lists', () => {
  /**
   * Phường Bình Quới on 2 March 2026: a woman who turns 60 today, one who turns 60 tomorrow,
   * one screened 11 months ago, one screened 13 months ago, an 80-year-old of another commune.
   */
  async function population() {
    const turns60Today = await register({ fullName: 'Đặng Thị Sáu Mươi', birthDate: '1966-03-02' });
    const turns60Tomorrow = await register({
      fullName: 'Lý Văn Năm Chín',
      birthDate: '1966-03-03',
    });
    const recent = await register({ fullName: 'Bùi Thị Gần', birthDate: '1950-01-01' });
    const lapsed = await register({ fullName: 'Cao Văn Xa', birthDate: '1948-05-05' });
    const elsewhere = await register({
      fullName: 'Hồ Thị Khác',
      birthDate: '1946-01-01',
      currentAddress: { communeCode: '26905', street: '5 Bình Lợi' },
    });
    const recentScreening = await s.must('elderly.save', {
      id: null,
      expectedVersion: 0,
      screening: screening(recent, {
        screenedOn: '2025-04-02',
        measurements: HYPERTENSIVE,
      }),
    });
    await s.must('elderly.save', {
      id: null,
      expectedVersion: 0,
      screening: screening(lapsed, { screenedOn: '2025-02-02' }),
    });
    return { turns60Today, turns60Tomorrow, recent, lapsed, elsewhere, recentScreening };
  }

  it('lists residents of the commune aged 60+ without a screening in the last 12 months', async () => {
    const p = await population();
    const due = await s.must('elderly.due', { orderBy: 'lastScreened' });
    expect(due.onDate).toBe(TODAY);
    expect(due.rows.map((r) => [r.resident.id, r.age, r.lastScreenedOn])).toEqual([
      [p.turns60Today, 60, null],
      [p.lapsed, 77, '2025-02-02'],
    ]);
    const byBirth = await s.must('elderly.due', { orderBy: 'birthDate' });
    expect(byBirth.rows.map((r) => r.resident.id)).toEqual([p.lapsed, p.turns60Today]);

    // A year after the 11-month-old screening, she is due too; the one who was 59 now is 60.
    clock.set('2026-04-03T01:00:00.000Z');
    await signInAs(s, 'health_worker');
    const later = await s.must('elderly.due', { orderBy: 'name' });
    // By given name first, as Vietnamese lists are read: Chín, Gần, Mươi, Xa.
    expect(later.rows.map((r) => r.resident.fullName)).toEqual([
      'Lý Văn Năm Chín',
      'Bùi Thị Gần',
      'Đặng Thị Sáu Mươi',
      'Cao Văn Xa',
    ]);
  });

  it('lists people whose latest screening found something, until they are screened again', async () => {
    const p = await population();
    const followUp = await s.must('elderly.followUp', {});
    expect(followUp).toEqual([
      expect.objectContaining({
        screeningId: p.recentScreening.id,
        screenedOn: '2025-04-02',
        positiveFindings: ['hypertension'],
        referred: false,
        resident: expect.objectContaining({ id: p.recent }),
      }),
    ]);

    await s.must('elderly.save', {
      id: null,
      expectedVersion: 0,
      screening: screening(p.recent, {
        referral: { referred: true, reasons: ['vision'], to: 'Bệnh viện Mắt' },
      }),
    });
    const referred = await s.must('elderly.followUp', {});
    expect(
      referred.map((r) => [r.resident.id, r.screenedOn, r.positiveFindings, r.referred]),
    ).toEqual([[p.recent, TODAY, ['vision'], true]]);

    const again = await s.must('elderly.save', {
      id: null,
      expectedVersion: 0,
      screening: screening(p.recent, { screenedOn: TODAY }),
    });
    expect(again.version).toBe(1);
    // Two screenings on one day: the later-made one is the latest.
    expect(await s.must('elderly.followUp', {})).toEqual([]);
  });

  it('prints the due list as a PDF with the names, and audits the export', async () => {
    await population();
    const file = await s.must('elderly.exportList', { list: 'due', orderBy: 'name' });
    expect(file.mimeType).toBe('application/pdf');
    expect(file.fileName).toBe(`nct-den-han-kham-${TODAY}.pdf`);
    const pdf = readPdf(Buffer.from(file.base64, 'base64'));
    const text = pdf.pages.join('\n');
    expect(text).toContain('DANH SÁCH NGƯỜI CAO TUỔI ĐẾN HẠN KHÁM SỨC KHỎE ĐỊNH KỲ');
    expect(text).toContain('Đặng Thị Sáu Mươi');
    expect(text).toContain('Cao Văn Xa');
    expect(text).toContain('Chưa khám');
    expect(text).not.toContain('Bùi Thị Gần');
    expect(text).not.toContain('Hồ Thị Khác');
    expect(pdf.embeddedFonts.some((f) => f.includes('DejaVuSans'))).toBe(true);
    expect(auditTrail(s).at(-1)).toMatchObject({
      action: 'elderly.export',
      details: { list: 'due', rows: 2 },
    });

    const followUp = await s.must('elderly.exportList', { list: 'followUp' });
    const followText = readPdf(Buffer.from(followUp.base64, 'base64')).pages.join('\n');
    expect(followText).toContain('Bùi Thị Gần');
    expect(followText).toContain('Tăng huyết áp');
  });

  it("reads the commune's residents through the commune and birth-date index", async () => {
    await population();
    const { db, calls } = recordingDb(s.app.db);
    listDueForScreening(db, {
      communeCode: '26911',
      bornOnOrBefore: '1966-03-02',
      screenedOnOrBefore: '2025-03-02',
      orderBy: 'name',
    });
    const [call] = calls;
    const plan = (
      s.app.db.prepare(`EXPLAIN QUERY PLAN ${call?.sql}`).all(...(call?.params ?? [])) as {
        detail: string;
      }[]
    ).map((row) => row.detail);
    expect(plan.some((d) => d.includes('residents_by_commune_birth'))).toBe(true);
    expect(plan.some((d) => /SCAN r\b/.test(d))).toBe(false);
  });
});
