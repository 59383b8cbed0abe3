import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClassSummaryOutput } from '../../src-shared/ipc/contract-school-reports';
import { readPdf } from '../support/pdf-text';
import { seedKnownClass, type KnownPupil } from '../support/school-fixtures';
import {
  addStaff,
  auditTrail,
  openSetUpStation,
  signInAs,
  testClock,
  type TestStation,
} from '../support/station';

let s: TestStation;
let classId: string;
let ids: Record<KnownPupil, string>;

/** The known class of seedKnownClass (tests/support/school-fixtures.ts). */
beforeEach(async () => {
  const clock = testClock('2025-10-02T03:00:00.000Z');
  s = await openSetUpStation({ now: clock.now });
  await addStaff(s, 'school_nurse');
  ({ classId, ids } = await seedKnownClass(s));
  await signInAs(s, 'school_nurse');
});
afterEach(() => s.dispose());

function group(summary: ClassSummaryOutput, code: string) {
  const found = summary.groups.find((g) => g.group === code);
  if (!found) throw new Error(`no group ${code}`);
  return {
    ...found,
    row: (rowCode: string) => {
      const row = found.rows.find((r) => r.code === rowCode);
      if (!row) throw new Error(`no row ${code}.${rowCode}`);
      return { count: row.count, percent: row.percent };
    },
  };
}

describe('class.summary', () => {
  it('counts pupils by state, and percentages of the pupils measured for each item', async () => {
    const summary = await s.must('class.summary', { classId, round: 'I' });
    expect(summary.schoolClass).toMatchObject({ name: '5A', schoolYear: '2025-2026', grade: 5 });
    expect(summary.counts).toEqual({ enrolled: 7, measured: 5, absent: 1, notYet: 1 });

    const nutrition = group(summary, 'nutrition');
    expect(nutrition.denominator).toBe(5);
    expect(nutrition.row('thinness')).toEqual({ count: 2, percent: 40 });
    expect(nutrition.row('obesity')).toEqual({ count: 1, percent: 20 });
    expect(nutrition.row('normal')).toEqual({ count: 2, percent: 40 });
    expect(nutrition.row('overweight')).toEqual({ count: 0, percent: 0 });
    expect(nutrition.sources.join(' ')).toContain('WHO Growth Reference 2007');

    const bp = group(summary, 'bloodPressure');
    expect(bp.denominator).toBe(2);
    expect(bp.row('needs-further-evaluation')).toEqual({ count: 1, percent: 50 });
    expect(bp.sources.join(' ')).toContain('Pediatrics. 2017');

    expect(group(summary, 'vision').row('reduced')).toEqual({ count: 1, percent: 20 });
    expect(group(summary, 'dental').row('finding')).toEqual({ count: 1, percent: 20 });
    expect(group(summary, 'spine').row('scoliosisC')).toEqual({ count: 1, percent: 20 });
    expect(group(summary, 'spine').row('kyphosis')).toEqual({ count: 0, percent: 0 });

    const referral = group(summary, 'referral');
    expect(referral.row('any')).toEqual({ count: 4, percent: 80 });
    expect(referral.row('nutrition')).toEqual({ count: 3, percent: 60 });
    expect(referral.row('vision')).toEqual({ count: 1, percent: 20 });
  });

  it('lists the class in class-list order with each pupil state', async () => {
    const summary = await s.must('class.summary', { classId, round: 'I' });
    expect(summary.pupils.map((p) => [p.fullName, p.status])).toEqual([
      ['Nguyễn Văn An', 'measured'],
      ['Trần Gia Bảo', 'measured'],
      ['Lê Quốc Cường', 'measured'],
      ['Huỳnh Minh Dũng', 'absent'],
      ['Đỗ Văn Huy', 'notYet'],
      ['Phạm Minh Khang', 'measured'],
      ['Võ Đức Long', 'measured'],
    ]);
  });

  it('round II has no screening yet: everyone is still to be measured', async () => {
    const summary = await s.must('class.summary', { classId, round: 'II' });
    expect(summary.counts).toEqual({ enrolled: 7, measured: 0, absent: 0, notYet: 7 });
    expect(group(summary, 'nutrition').row('thinness')).toEqual({ count: 0, percent: null });
    expect(summary.groups.map((g) => g.group)).not.toContain('dental');
  });

  it('answers NOT_FOUND for an unknown class', async () => {
    const result = await s.call('class.summary', {
      classId: '0196f000-0000-7000-8000-000000000999',
      round: 'I',
    });
    expect(result.ok ? null : result.error.code).toBe('NOT_FOUND');
  });
});

describe('the station’s children’s blood-pressure table (Cài đặt)', () => {
  it('classifies with AAP 2017 by default, and shows no child’s reading as classified when the station chooses none', async () => {
    await signInAs(s, 'administrator');
    const settings = await s.must('settings.get', {});
    expect(settings.childBloodPressureTable).toBe('aap2017');
    await s.must('settings.update', { ...settings, childBloodPressureTable: 'none' });
    await signInAs(s, 'school_nurse');
    const rows = await s.must('class.referrals', { classId, round: 'I' });
    const cuong = rows.find((r) => r.resident.fullName === 'Lê Quốc Cường');
    // 120/80 at 10 years needs evaluation under AAP 2017; with no table it is never graded.
    expect(cuong?.reasons).toEqual(['nutrition']);
    // Changing the idle lock keeps the table the station chose.
    await signInAs(s, 'administrator');
    await s.must('settings.update', { idleLockMinutes: 7, childBloodPressureTable: 'none' });
    expect((await s.must('settings.get', {})).childBloodPressureTable).toBe('none');
  });
});

describe('class.referrals', () => {
  it('lists the pupils to refer with reasons, findings and the guardian to call', async () => {
    const rows = await s.must('class.referrals', { classId, round: 'I' });
    expect(rows.map((r) => [r.resident.fullName, r.reasons])).toEqual([
      ['Nguyễn Văn An', ['nutrition']],
      ['Trần Gia Bảo', ['nutrition']],
      ['Lê Quốc Cường', ['nutrition', 'bloodPressure']],
      ['Phạm Minh Khang', ['vision', 'dental', 'spine']],
    ]);
    const khang = rows[3];
    expect(khang?.referredTo).toBe('Bệnh viện Mắt Thành phố Hồ Chí Minh');
    expect(khang?.pupilCode).toBe('HS-khang');
    expect(khang?.findings.map((f) => f.vi)).toEqual([
      'Thị lực không kính: mắt phải 10/10; mắt trái 7/10',
      'Răng miệng: hàm trên Sâu răng 16',
      'Vẹo cột sống hình chữ C',
    ]);
    expect(khang?.guardians).toEqual([
      { fullName: 'Nguyễn Văn Bình', relationship: 'father', phone: '0908111222' },
    ]);
    expect(rows[2]?.findings.map((f) => f.vi)).toEqual([
      'Béo phì',
      'Huyết áp 120/80 mmHg: Cần đánh giá thêm (đo lại huyết áp)',
    ]);
  });
});

describe('class.exportLetters', () => {
  const text = (base64: string) => {
    const pdf = readPdf(Buffer.from(base64, 'base64'));
    return { ...pdf, all: pdf.pages.join('\n').replace(/\n/g, ' ') };
  };

  it("writes one pupil's letter in Vietnamese: results, meaning, advice, where to go", async () => {
    const file = await s.must('class.exportLetters', {
      classId,
      round: 'I',
      residentId: ids.khang,
    });
    expect(file.letters).toBe(1);
    expect(file.mimeType).toBe('application/pdf');
    expect(file.fileName).toMatch(/^thong-bao-suc-khoe-[0-9a-f]{8}-dot-I-2025-10-02\.pdf$/);
    const pdf = text(file.base64);
    expect(pdf.embeddedFonts.some((f) => f.endsWith('DejaVuSans'))).toBe(true);
    expect(pdf.all).toContain('THÔNG BÁO KẾT QUẢ KHÁM SỨC KHỎE HỌC SINH');
    expect(pdf.all).toContain('Phạm Minh Khang');
    expect(pdf.all).toContain('Ông/Bà Nguyễn Văn Bình');
    expect(pdf.all).toContain('Trường Tiểu học Bình Quới Tây');
    expect(pdf.all).toContain('Bình thường');
    expect(pdf.all).toContain('Mắt trái: 7/10 không kính');
    expect(pdf.all).toContain('Cần đưa em đi khám mắt');
    expect(pdf.all).toContain('Bệnh viện Mắt Thành phố Hồ Chí Minh');
    expect(pdf.all).toContain('Trạm Y tế phường Bình Quới');
    // The signature line names the signed-in school nurse.
    expect(pdf.all).toContain('Phạm Minh Châu');
  });

  it('explains thinness and what to do about it', async () => {
    const file = await s.must('class.exportLetters', {
      classId,
      round: 'I',
      residentId: ids.an,
    });
    const pdf = text(file.base64);
    expect(pdf.all).toContain('Nguyễn Văn An');
    expect(pdf.all).toContain('Gầy');
    expect(pdf.all).toContain('bữa phụ giàu chất đạm');
    // The short source of the classification, in the parents' language.
    expect(pdf.all).toContain('WHO 2007 (5–19 tuổi), BMI theo tuổi');
    expect(pdf.all).toContain('Đề nghị gia đình đưa em đến Trạm Y tế phường Bình Quới');
  });

  it('writes the whole class in one PDF, one letter per measured pupil, each on its own page', async () => {
    const file = await s.must('class.exportLetters', { classId, round: 'I' });
    expect(file.letters).toBe(5);
    expect(file.fileName).toBe('thong-bao-suc-khoe-lop-5a-dot-I-2025-10-02.pdf');
    const pdf = text(file.base64);
    const firstPages = pdf.pages.filter((page) =>
      page.includes('THÔNG BÁO KẾT QUẢ KHÁM SỨC KHỎE HỌC SINH'),
    );
    expect(firstPages).toHaveLength(5);
    for (const name of ['Nguyễn Văn An', 'Trần Gia Bảo', 'Lê Quốc Cường', 'Võ Đức Long']) {
      expect(pdf.all).toContain(name);
    }
    expect(pdf.all).not.toContain('Huỳnh Minh Dũng');
    expect(pdf.all).not.toContain('Đỗ Văn Huy');
  });

  it('audits the export against the class, with the pupils by record id only', async () => {
    await s.must('class.exportLetters', { classId, round: 'I', residentId: ids.an });
    const last = auditTrail(s).at(-1);
    expect(last).toMatchObject({
      action: 'class.exportLetters',
      recordType: 'class',
      recordId: classId,
      userName: 'Phạm Minh Châu',
      details: { round: 'I', letters: 1, residentIds: [ids.an] },
    });
    expect(JSON.stringify(last?.details)).not.toContain('Nguyễn Văn An');
  });

  it('refuses a letter for an absent pupil, and writes no export row', async () => {
    const result = await s.call('class.exportLetters', {
      classId,
      round: 'I',
      residentId: ids.dung,
    });
    expect(result.ok ? null : result.error.code).toBe('NOT_FOUND');
    expect(auditTrail(s).filter((r) => r.action === 'class.exportLetters')).toHaveLength(0);
  });
});
