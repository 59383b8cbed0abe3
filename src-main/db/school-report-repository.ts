import type { ResidentSummary } from '../../src-shared/schemas/resident';
import {
  pupilMeasurementsSchema,
  type PupilMeasurements,
  type ScreeningRound,
} from '../../src-shared/schemas/school';
import type { Db } from './connection';
import { prepared } from './statements';

/**
 * Read-only queries for class reports and parent letters, over the school tables of
 * migration 0006 (written by the school screening handlers) and the registry.
 */

export interface ReportClass {
  id: string;
  name: string;
  grade: number;
  schoolYear: string;
  schoolId: string;
  schoolName: string;
  schoolAddress: string;
  schoolCommuneCode: string;
}

export function getReportClass(db: Db, classId: string): ReportClass | null {
  const row = prepared(
    db,
    `SELECT c.id, c.name, c.grade, c.school_year AS schoolYear, s.id AS schoolId,
         s.name AS schoolName, s.address AS schoolAddress, s.commune_code AS schoolCommuneCode
       FROM school_classes c JOIN schools s ON s.id = c.school_id
       WHERE c.id = ?`,
  ).get(classId) as ReportClass | undefined;
  return row ?? null;
}

export interface PupilRoundRow {
  resident: ResidentSummary;
  pupilCode: string;
  /** null: not yet measured in this round. */
  screening: {
    status: 'measured' | 'absent';
    screenedOn: string;
    version: number;
    measurements: PupilMeasurements;
  } | null;
}

interface Row {
  id: string;
  fullName: string;
  sex: ResidentSummary['sex'];
  birthDate: string;
  personalId: string;
  temporaryId: string;
  bhyt: string;
  phone: string;
  communeCode: string;
  street: string;
  pupilCode: string;
  status: 'measured' | 'absent' | null;
  screenedOn: string | null;
  version: number | null;
  data: string | null;
}

/**
 * Every pupil enrolled in the class, in the order of a Vietnamese class list (given name
 * first), with the latest version of the round's screening when there is one. Stored data is
 * parsed with the same schema that validated it, so older rows gain any later defaults.
 */
export function listPupilsForRound(
  db: Db,
  classId: string,
  round: ScreeningRound,
  residentId: string | null = null,
): PupilRoundRow[] {
  const rows = prepared(
    db,
    `SELECT r.id, r.full_name AS fullName, r.sex, r.birth_date AS birthDate,
         coalesce(r.personal_id, '') AS personalId, coalesce(r.temporary_id, '') AS temporaryId,
         coalesce(r.bhyt, '') AS bhyt, coalesce(r.phone, '') AS phone,
         r.commune_code AS communeCode, r.street,
         e.pupil_code AS pupilCode, sc.status, sc.screened_on AS screenedOn, sc.version, v.data
       FROM class_enrolments e
       JOIN residents r ON r.id = e.resident_id
       LEFT JOIN school_screenings sc
         ON sc.class_id = e.class_id AND sc.resident_id = e.resident_id AND sc.round = @round
       LEFT JOIN school_screening_versions v
         ON v.screening_id = sc.id AND v.version = sc.version
       WHERE e.class_id = @classId AND (@residentId IS NULL OR e.resident_id = @residentId)
       ORDER BY r.name_given_first, r.birth_date, r.id`,
  ).all({ classId, round, residentId }) as Row[];
  return rows.map((row) => ({
    resident: {
      id: row.id,
      fullName: row.fullName,
      sex: row.sex,
      birthDate: row.birthDate,
      personalId: row.personalId,
      temporaryId: row.temporaryId,
      bhyt: row.bhyt,
      phone: row.phone,
      communeCode: row.communeCode,
      street: row.street,
    },
    pupilCode: row.pupilCode,
    screening:
      row.status === null || row.screenedOn === null || row.version === null
        ? null
        : {
            status: row.status,
            screenedOn: row.screenedOn,
            version: row.version,
            measurements: pupilMeasurementsSchema.parse(JSON.parse(row.data ?? '{}')),
          },
  }));
}
