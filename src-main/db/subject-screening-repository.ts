import type { Db } from './connection';
import { prepared } from './statements';

/**
 * Every stored version of a resident's screenings, for her full record (Law 91/2025: the
 * person may see everything the station holds about her). Read-only; the screening
 * repositories own the writes.
 */

export interface StoredScreeningVersion {
  screeningId: string;
  version: number;
  savedAt: string;
  userId: string;
  userName: string;
  data: Record<string, unknown>;
}

interface VersionRow extends Omit<StoredScreeningVersion, 'data'> {
  data: string;
}

const parse = (row: VersionRow): StoredScreeningVersion => ({
  ...row,
  data: JSON.parse(row.data) as Record<string, unknown>,
});

export interface ElderlyScreeningVersionRow extends StoredScreeningVersion {
  screenedOn: string;
}

export function listElderlyScreeningVersions(
  db: Db,
  residentId: string,
): ElderlyScreeningVersionRow[] {
  const rows = prepared(
    db,
    `SELECT s.id AS screeningId, s.screened_on AS screenedOn, v.version, v.saved_at AS savedAt,
         v.saved_by AS userId, u.full_name AS userName, v.data
       FROM elderly_screenings s
       JOIN elderly_screening_versions v ON v.screening_id = s.id
       JOIN users u ON u.id = v.saved_by
       WHERE s.resident_id = ? ORDER BY s.screened_on, s.id, v.version`,
  ).all(residentId) as (VersionRow & { screenedOn: string })[];
  return rows.map((row) => ({ ...parse(row), screenedOn: row.screenedOn }));
}

export interface SchoolScreeningVersionRow extends StoredScreeningVersion {
  screenedOn: string;
  status: string;
  schoolName: string;
  className: string;
  schoolYear: string;
  round: string;
}

export function listSchoolScreeningVersions(
  db: Db,
  residentId: string,
): SchoolScreeningVersionRow[] {
  const rows = prepared(
    db,
    `SELECT s.id AS screeningId, sc.name AS schoolName, c.name AS className,
         c.school_year AS schoolYear, s.round, s.screened_on AS screenedOn, s.status, v.version, v.saved_at AS savedAt,
         v.saved_by AS userId, u.full_name AS userName, v.data
       FROM school_screenings s
       JOIN school_classes c ON c.id = s.class_id
       JOIN schools sc ON sc.id = c.school_id
       JOIN school_screening_versions v ON v.screening_id = s.id
       JOIN users u ON u.id = v.saved_by
       WHERE s.resident_id = ? ORDER BY c.school_year, s.round, s.id, v.version`,
  ).all(residentId) as (VersionRow & {
    screenedOn: string;
    status: string;
    schoolName: string;
    className: string;
    schoolYear: string;
    round: string;
  })[];
  return rows.map((row) => ({
    ...parse(row),
    screenedOn: row.screenedOn,
    status: row.status,
    schoolName: row.schoolName,
    className: row.className,
    schoolYear: row.schoolYear,
    round: row.round,
  }));
}

export interface ScreeningConsentRow {
  schoolName: string;
  className: string;
  schoolYear: string;
  consent: Record<string, unknown>;
}

/** The screening consents recorded for her at school (guardian, and hers from age 7). */
export function listScreeningConsents(db: Db, residentId: string): ScreeningConsentRow[] {
  const rows = prepared(
    db,
    `SELECT sc.name AS schoolName, c.name AS className, c.school_year AS schoolYear, e.consent
       FROM class_enrolments e
       JOIN school_classes c ON c.id = e.class_id
       JOIN schools sc ON sc.id = c.school_id
       WHERE e.resident_id = ? AND e.consent IS NOT NULL ORDER BY c.school_year`,
  ).all(residentId) as (Omit<ScreeningConsentRow, 'consent'> & { consent: string })[];
  return rows.map((row) => ({
    ...row,
    consent: JSON.parse(row.consent) as Record<string, unknown>,
  }));
}
