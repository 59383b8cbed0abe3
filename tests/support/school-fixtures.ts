import { v7 as uuidv7 } from 'uuid';
import {
  pupilMeasurementsSchema,
  type PupilMeasurementsInput,
  type ScreeningRound,
} from '../../src-shared/schemas/school';
import type { ResidentInput } from '../../src-shared/schemas/resident';
import { residentInput, type TestStation } from './station';

/**
 * A school, a class and its pupils' screenings written straight into the tables of migration
 * 0006, so report tests do not depend on the screening screens' channels. Pupils are created
 * through resident.create, as the registry requires.
 */

function adminId(s: TestStation): string {
  const row = s.app.db.prepare(`SELECT id FROM users ORDER BY created_at LIMIT 1`).get() as {
    id: string;
  };
  return row.id;
}

export interface FixtureClass {
  schoolId: string;
  classId: string;
}

export function insertSchoolClass(
  s: TestStation,
  options: { schoolName?: string; className?: string; grade?: number; schoolYear?: string } = {},
): FixtureClass {
  const userId = adminId(s);
  const at = '2025-09-01T01:00:00.000Z';
  const schoolId = uuidv7();
  const classId = uuidv7();
  s.app.db
    .prepare(
      `INSERT INTO schools (id, name, level, commune_code, address, created_at, created_by)
       VALUES (?, ?, 'primary', '26911', '5 Bình Quới', ?, ?)`,
    )
    .run(schoolId, options.schoolName ?? 'Trường Tiểu học Bình Quới Tây', at, userId);
  s.app.db
    .prepare(
      `INSERT INTO school_classes (id, school_id, school_year, name, grade, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      classId,
      schoolId,
      options.schoolYear ?? '2025-2026',
      options.className ?? '5A',
      options.grade ?? 5,
      at,
      userId,
    );
  return { schoolId, classId };
}

/** A pupil born in 2015 (10 years old in the school year 2025–2026), guardian recorded. */
export function pupilInput(overrides: Partial<ResidentInput> = {}): ResidentInput {
  return residentInput({
    sex: '1',
    birthDate: '2015-09-15',
    personalId: '',
    phones: [],
    relations: [
      {
        fullName: 'Nguyễn Văn Bình',
        relationship: 'father',
        phone: '0908111222',
        isGuardian: true,
      },
      { fullName: 'Lê Thị Hoa', relationship: 'mother', phone: '0908333444', isGuardian: false },
    ],
    ...overrides,
  });
}

export async function enrolNewPupil(
  s: TestStation,
  classId: string,
  resident: ResidentInput,
  pupilCode = '',
): Promise<string> {
  const created = await s.must('resident.create', { resident });
  s.app.db
    .prepare(
      `INSERT INTO class_enrolments (class_id, resident_id, pupil_code, consent, enrolled_at,
         enrolled_by)
       VALUES (?, ?, ?, NULL, '2025-09-05T01:00:00.000Z', ?)`,
    )
    .run(classId, created.id, pupilCode, adminId(s));
  return created.id;
}

export function insertScreening(
  s: TestStation,
  input: {
    classId: string;
    residentId: string;
    round: ScreeningRound;
    screenedOn: string;
    status: 'measured' | 'absent';
    measurements?: PupilMeasurementsInput;
    /** Earlier versions to write first, so the report must read the latest. */
    previous?: PupilMeasurementsInput[];
  },
): void {
  const userId = adminId(s);
  const id = uuidv7();
  const versions = [...(input.previous ?? []), input.measurements ?? {}];
  s.app.db
    .prepare(
      `INSERT INTO school_screenings (id, class_id, resident_id, round, version, screened_on,
         status, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, '2025-10-01T02:00:00.000Z', ?)`,
    )
    .run(
      id,
      input.classId,
      input.residentId,
      input.round,
      versions.length,
      input.screenedOn,
      input.status,
      userId,
    );
  versions.forEach((measurements, index) => {
    s.app.db
      .prepare(
        `INSERT INTO school_screening_versions (screening_id, version, data, saved_at, saved_by)
         VALUES (?, ?, ?, '2025-10-01T02:00:00.000Z', ?)`,
      )
      .run(id, index + 1, JSON.stringify(pupilMeasurementsSchema.parse(measurements)), userId);
  });
}

export type KnownPupil = 'an' | 'bao' | 'cuong' | 'khang' | 'long' | 'dung' | 'huy';

const KNOWN_PUPILS: readonly [KnownPupil, string][] = [
  ['an', 'Nguyễn Văn An'],
  ['bao', 'Trần Gia Bảo'],
  ['cuong', 'Lê Quốc Cường'],
  ['khang', 'Phạm Minh Khang'],
  ['long', 'Võ Đức Long'],
  ['dung', 'Huỳnh Minh Dũng'],
  ['huy', 'Đỗ Văn Huy'],
];

const BOTH_EYES_FULL = { right: { uncorrected: '10/10' }, left: { uncorrected: '10/10' } };

/**
 * Class 5A (2025–2026), round I on 2025-10-01, all pupils 10 years old: An and Bảo thin,
 * Cường obese (an earlier version of his row was normal) with a blood pressure above the
 * screening value, Khang normal with reduced vision in the left eye, a decayed tooth, a
 * C-shaped scoliosis and a referral destination, Long normal with nothing to report, Dũng
 * absent, Huy not yet measured. The signed-in user must be allowed to create residents.
 */
export async function seedKnownClass(
  s: TestStation,
): Promise<{ classId: string; ids: Record<KnownPupil, string> }> {
  const { classId } = insertSchoolClass(s);
  const ids = {} as Record<KnownPupil, string>;
  for (const [key, fullName] of KNOWN_PUPILS) {
    ids[key] = await enrolNewPupil(s, classId, pupilInput({ fullName }), `HS-${key}`);
  }
  const measured = (
    key: KnownPupil,
    measurements: PupilMeasurementsInput,
    previous?: PupilMeasurementsInput[],
  ) =>
    insertScreening(s, {
      classId,
      residentId: ids[key],
      round: 'I',
      screenedOn: '2025-10-01',
      status: 'measured',
      measurements: { vision: BOTH_EYES_FULL, ...measurements },
      ...(previous ? { previous } : {}),
    });
  measured('an', { heightCm: 140, weightKg: 26 });
  measured('bao', { heightCm: 138, weightKg: 25 });
  measured('cuong', { heightCm: 140, weightKg: 45, systolic: 120, diastolic: 80 }, [
    { heightCm: 140, weightKg: 32 },
  ]);
  measured('khang', {
    heightCm: 140,
    weightKg: 31,
    vision: { right: { uncorrected: '10/10' }, left: { uncorrected: '7/10' } },
    dental: { upper: 'Sâu răng 16', lower: 'BT' },
    spine: { scoliosis: 'C' },
    referredTo: 'Bệnh viện Mắt Thành phố Hồ Chí Minh',
  });
  measured('long', { heightCm: 140, weightKg: 32, systolic: 100, diastolic: 60 });
  insertScreening(s, {
    classId,
    residentId: ids.dung,
    round: 'I',
    screenedOn: '2025-10-01',
    status: 'absent',
  });
  return { classId, ids };
}
