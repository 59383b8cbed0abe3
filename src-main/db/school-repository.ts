import type { ResidentSummary } from '../../src-shared/schemas/resident';
import type {
  PupilMeasurements,
  ScreeningConsent,
  ScreeningRound,
  SchoolLevel,
} from '../../src-shared/schemas/school';
import type { Db } from './connection';
import { prepared } from './statements';

/**
 * Schools, classes, enrolments and school screenings (migration 0006). Class reports read the
 * same tables through their own repository: the column names here are a shared contract.
 */

export interface SchoolRow {
  id: string;
  name: string;
  level: SchoolLevel;
  communeCode: string;
  address: string;
  classCount: number;
}

const SCHOOL_COLUMNS = `s.id, s.name, s.level, s.commune_code AS communeCode, s.address,
  (SELECT count(*) FROM school_classes c WHERE c.school_id = s.id) AS classCount`;

export function listSchools(db: Db): SchoolRow[] {
  return prepared(
    db,
    `SELECT ${SCHOOL_COLUMNS} FROM schools s ORDER BY s.name`,
  ).all() as SchoolRow[];
}

export function getSchool(db: Db, id: string): SchoolRow | null {
  return (prepared(db, `SELECT ${SCHOOL_COLUMNS} FROM schools s WHERE s.id = ?`).get(id) ??
    null) as SchoolRow | null;
}

export interface SchoolWrite {
  id: string;
  name: string;
  level: SchoolLevel;
  communeCode: string;
  address: string;
  at: string;
  userId: string;
}

export function insertSchool(db: Db, w: SchoolWrite): void {
  prepared(
    db,
    `INSERT INTO schools (id, name, level, commune_code, address, created_at, created_by)
     VALUES (@id, @name, @level, @communeCode, @address, @at, @userId)`,
  ).run(w);
}

export function updateSchool(db: Db, w: Omit<SchoolWrite, 'at' | 'userId'>): void {
  prepared(
    db,
    `UPDATE schools SET name = @name, level = @level, commune_code = @communeCode,
       address = @address WHERE id = @id`,
  ).run(w);
}

export interface SchoolClassRow {
  id: string;
  schoolId: string;
  schoolName: string;
  schoolYear: string;
  name: string;
  grade: number;
  pupilCount: number;
}

const CLASS_COLUMNS = `c.id, c.school_id AS schoolId, s.name AS schoolName,
  c.school_year AS schoolYear, c.name, c.grade,
  (SELECT count(*) FROM class_enrolments e WHERE e.class_id = c.id) AS pupilCount`;

export function listClasses(db: Db, schoolId: string, schoolYear?: string): SchoolClassRow[] {
  return prepared(
    db,
    `SELECT ${CLASS_COLUMNS} FROM school_classes c JOIN schools s ON s.id = c.school_id
       WHERE c.school_id = ? AND (? IS NULL OR c.school_year = ?)
       ORDER BY c.school_year DESC, c.grade, c.name`,
  ).all(schoolId, schoolYear ?? null, schoolYear ?? null) as SchoolClassRow[];
}

export function getClass(db: Db, id: string): SchoolClassRow | null {
  return (prepared(
    db,
    `SELECT ${CLASS_COLUMNS} FROM school_classes c JOIN schools s ON s.id = c.school_id
       WHERE c.id = ?`,
  ).get(id) ?? null) as SchoolClassRow | null;
}

/** The class of that name in that school and year, other than `excludeId`. */
export function findClassByName(
  db: Db,
  key: { schoolId: string; schoolYear: string; name: string },
  excludeId: string | null,
): string | null {
  const row = prepared(
    db,
    `SELECT id FROM school_classes
       WHERE school_id = ? AND school_year = ? AND name = ? AND id IS NOT ?`,
  ).get(key.schoolId, key.schoolYear, key.name, excludeId) as { id: string } | undefined;
  return row?.id ?? null;
}

export interface ClassWrite {
  id: string;
  schoolId: string;
  schoolYear: string;
  name: string;
  grade: number;
  at: string;
  userId: string;
}

export function insertClass(db: Db, w: ClassWrite): void {
  prepared(
    db,
    `INSERT INTO school_classes (id, school_id, school_year, name, grade, created_at, created_by)
     VALUES (@id, @schoolId, @schoolYear, @name, @grade, @at, @userId)`,
  ).run(w);
}

export function updateClass(db: Db, w: Omit<ClassWrite, 'at' | 'userId'>): void {
  prepared(
    db,
    `UPDATE school_classes SET school_id = @schoolId, school_year = @schoolYear, name = @name,
       grade = @grade WHERE id = @id`,
  ).run(w);
}

/** A consent as stored: what was agreed, and who recorded it when (proof of consent). */
export interface StoredConsent extends ScreeningConsent {
  savedAt: string;
  savedBy: string;
}

export interface EnrolmentRow {
  resident: ResidentSummary;
  pupilCode: string;
  consent: StoredConsent | null;
}

const RESIDENT_SUMMARY = `r.id, r.full_name AS fullName, r.sex, r.birth_date AS birthDate,
  coalesce(r.personal_id, '') AS personalId, coalesce(r.temporary_id, '') AS temporaryId,
  coalesce(r.bhyt, '') AS bhyt, coalesce(r.phone, '') AS phone,
  r.commune_code AS communeCode, r.street`;

interface EnrolmentQueryRow extends ResidentSummary {
  pupilCode: string;
  consent: string | null;
}

function toEnrolment({ pupilCode, consent, ...resident }: EnrolmentQueryRow): EnrolmentRow {
  return {
    resident,
    pupilCode,
    consent: consent ? (JSON.parse(consent) as StoredConsent) : null,
  };
}

/** The pupils of a class, in roll-call order (given name first, as Vietnamese class lists go). */
export function listEnrolments(db: Db, classId: string): EnrolmentRow[] {
  const rows = prepared(
    db,
    `SELECT ${RESIDENT_SUMMARY}, e.pupil_code AS pupilCode, e.consent
       FROM class_enrolments e JOIN residents r ON r.id = e.resident_id
       WHERE e.class_id = ?
       ORDER BY r.name_given_first, r.birth_date`,
  ).all(classId) as EnrolmentQueryRow[];
  return rows.map(toEnrolment);
}

export function getEnrolment(db: Db, classId: string, residentId: string): EnrolmentRow | null {
  const row = prepared(
    db,
    `SELECT ${RESIDENT_SUMMARY}, e.pupil_code AS pupilCode, e.consent
       FROM class_enrolments e JOIN residents r ON r.id = e.resident_id
       WHERE e.class_id = ? AND e.resident_id = ?`,
  ).get(classId, residentId) as EnrolmentQueryRow | undefined;
  return row ? toEnrolment(row) : null;
}

export function insertEnrolment(
  db: Db,
  e: { classId: string; residentId: string; pupilCode: string; at: string; userId: string },
): void {
  prepared(
    db,
    `INSERT INTO class_enrolments (class_id, resident_id, pupil_code, enrolled_at, enrolled_by)
     VALUES (@classId, @residentId, @pupilCode, @at, @userId)`,
  ).run(e);
}

export function setEnrolmentConsent(
  db: Db,
  classId: string,
  residentId: string,
  consent: StoredConsent,
): void {
  prepared(
    db,
    'UPDATE class_enrolments SET consent = ? WHERE class_id = ? AND resident_id = ?',
  ).run(JSON.stringify(consent), classId, residentId);
}

export interface ScreeningHead {
  id: string;
  version: number;
  status: 'measured' | 'absent';
}

export function getScreeningHead(
  db: Db,
  key: { classId: string; residentId: string; round: ScreeningRound },
): ScreeningHead | null {
  return (prepared(
    db,
    `SELECT id, version, status FROM school_screenings
       WHERE class_id = ? AND resident_id = ? AND round = ?`,
  ).get(key.classId, key.residentId, key.round) ?? null) as ScreeningHead | null;
}

export interface ScreeningWrite {
  id: string;
  classId: string;
  residentId: string;
  round: ScreeningRound;
  version: number;
  screenedOn: string;
  status: 'measured' | 'absent';
  measurements: PupilMeasurements;
  at: string;
  userId: string;
}

/** The head row and the new version, every version kept (school_screening_versions). */
export function writeScreeningVersion(db: Db, w: ScreeningWrite): void {
  if (w.version === 1) {
    prepared(
      db,
      `INSERT INTO school_screenings (id, class_id, resident_id, round, version, screened_on,
         status, updated_at, updated_by)
       VALUES (@id, @classId, @residentId, @round, 1, @screenedOn, @status, @at, @userId)`,
    ).run(w);
  } else {
    prepared(
      db,
      `UPDATE school_screenings SET version = @version, screened_on = @screenedOn,
         status = @status, updated_at = @at, updated_by = @userId WHERE id = @id`,
    ).run(w);
  }
  prepared(
    db,
    `INSERT INTO school_screening_versions (screening_id, version, data, saved_at, saved_by)
     VALUES (?, ?, ?, ?, ?)`,
  ).run(w.id, w.version, JSON.stringify(w.measurements), w.at, w.userId);
}

export interface ScreeningRow {
  id: string;
  residentId: string;
  version: number;
  status: 'measured' | 'absent';
  screenedOn: string;
  measurements: PupilMeasurements;
  saved: { at: string; userId: string; userName: string };
}

interface ScreeningQueryRow {
  id: string;
  residentId: string;
  version: number;
  status: 'measured' | 'absent';
  screenedOn: string;
  data: string;
  at: string;
  userId: string;
  userName: string;
}

const SELECT_SCREENING = `SELECT s.id, s.resident_id AS residentId, s.version, s.status,
    s.screened_on AS screenedOn, v.data, v.saved_at AS at, v.saved_by AS userId,
    u.full_name AS userName
  FROM school_screenings s
  JOIN school_screening_versions v ON v.screening_id = s.id AND v.version = s.version
  JOIN users u ON u.id = v.saved_by`;

function toScreening({ data, at, userId, userName, ...head }: ScreeningQueryRow): ScreeningRow {
  return {
    ...head,
    measurements: JSON.parse(data) as PupilMeasurements,
    saved: { at, userId, userName },
  };
}

/** The latest version of every screening of a class in a round. */
export function listClassScreenings(
  db: Db,
  classId: string,
  round: ScreeningRound,
): ScreeningRow[] {
  const rows = prepared(db, `${SELECT_SCREENING} WHERE s.class_id = ? AND s.round = ?`).all(
    classId,
    round,
  ) as ScreeningQueryRow[];
  return rows.map(toScreening);
}

export function getScreening(db: Db, id: string): ScreeningRow | null {
  const row = prepared(db, `${SELECT_SCREENING} WHERE s.id = ?`).get(id) as
    ScreeningQueryRow | undefined;
  return row ? toScreening(row) : null;
}

/** The measurements of one stored version, for the audit digests of a change. */
export function getScreeningVersionData(
  db: Db,
  screeningId: string,
  version: number,
): PupilMeasurements | null {
  const row = prepared(
    db,
    'SELECT data FROM school_screening_versions WHERE screening_id = ? AND version = ?',
  ).get(screeningId, version) as { data: string } | undefined;
  return row ? (JSON.parse(row.data) as PupilMeasurements) : null;
}
