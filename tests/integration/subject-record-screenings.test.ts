import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { subjectRecordSchema } from '../../src-shared/schemas/subject-rights';
import { readPdf } from '../support/pdf-text';
import {
  enrolNewPupil,
  insertSchoolClass,
  insertScreening,
  pupilInput,
} from '../support/school-fixtures';
import { openSetUpStation, residentInput, type TestStation } from '../support/station';

let s: TestStation;

beforeEach(async () => {
  s = await openSetUpStation();
});
afterEach(() => s.dispose());

async function exportRecord(residentId: string, format: 'json' | 'pdf'): Promise<Buffer> {
  const file = await s.must('subject.exportRecord', { residentId, format });
  return Buffer.from(file.base64, 'base64');
}

describe('a resident’s full record includes her screenings', () => {
  it('lists every version of her elderly screening, in the JSON and in the PDF', async () => {
    const ba = await s.must('resident.create', {
      resident: residentInput({
        fullName: 'Trần Thị Bảy',
        birthDate: '1950-06-01',
        personalId: '',
        phones: [],
      }),
    });
    const screening = {
      residentId: ba.id,
      screenedOn: '2026-03-02',
      healthClass: 2,
      examinerName: 'Lê Thị Thu',
      measurements: { heightCm: 151, weightKg: 48 },
    };
    const first = await s.must('elderly.save', { id: null, expectedVersion: 0, screening });
    await s.must('elderly.save', {
      id: first.id,
      expectedVersion: 1,
      screening: { ...screening, measurements: { heightCm: 151, weightKg: 49.5 } },
    });

    const record = subjectRecordSchema.parse(
      JSON.parse((await exportRecord(ba.id, 'json')).toString()),
    );
    expect(record.elderlyScreenings).toHaveLength(1);
    expect(record.elderlyScreenings[0]?.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(record.elderlyScreenings[0]?.versions[1]?.data).toMatchObject({
      measurements: { weightKg: 49.5 },
    });

    const text = readPdf(await exportRecord(ba.id, 'pdf')).pages.join(' ');
    expect(text).toContain('7. Khám sàng lọc người cao tuổi');
    expect(text).toContain('Ngày khám 02/03/2026 — phiên bản 2');
    expect(text).toContain('Cân nặng (kg): 49.5');
    expect(text).toContain('Các phiên bản trước');
  });

  it('lists her school screenings and the screening consent', async () => {
    const { classId } = insertSchoolClass(s, { className: '5A' });
    const pupilId = await enrolNewPupil(s, classId, pupilInput({ fullName: 'Lê Minh Khang' }));
    s.app.db.prepare('UPDATE class_enrolments SET consent = ? WHERE resident_id = ?').run(
      JSON.stringify({
        guardian: true,
        guardianName: 'Lê Văn Hùng',
        pupil: true,
        recordedOn: '2025-09-05',
      }),
      pupilId,
    );
    insertScreening(s, {
      classId,
      residentId: pupilId,
      round: 'I',
      screenedOn: '2025-10-01',
      status: 'measured',
      measurements: { heightCm: 138, weightKg: 31 },
    });

    const record = subjectRecordSchema.parse(
      JSON.parse((await exportRecord(pupilId, 'json')).toString()),
    );
    expect(record.schoolScreenings).toEqual([
      expect.objectContaining({
        className: '5A',
        round: 'I',
        screenedOn: '2025-10-01',
        status: 'measured',
      }),
    ]);
    expect(record.screeningConsents[0]?.consent).toMatchObject({ guardianName: 'Lê Văn Hùng' });

    const text = readPdf(await exportRecord(pupilId, 'pdf')).pages.join(' ');
    expect(text).toContain('8. Khám sức khỏe học sinh');
    expect(text).toContain('lớp 5A, năm học 2025-2026, đợt I');
    expect(text).toMatch(/Chiều cao \(cm\)\s*138/);
    expect(text).toMatch(/Người\s+giám\s+hộ:\s+Lê\s+Văn\s+Hùng/);
  });
});
